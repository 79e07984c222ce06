namespace BufferPool.LoadTests;

/// <summary>
/// wrk's Lua script for a scenario: the request (pipelined <see cref="Scenario.Depth"/> deep, as TechEmpower's
/// pipeline.lua does), a check of every response, and one JSON line of results at the end. A large download
/// (<see cref="Scenario.ChecksByteTotal"/>) gets <see cref="ForByteTotal"/> instead.
/// </summary>
internal static class WrkScript
{
    public static string For(Scenario s, string bodyFile, string sha) => $$"""
        wrk.method = "{{s.Method}}"
        {{(s.BodyBytes > 0 ? $"local f = io.open(\"{bodyFile}\", \"rb\"); wrk.body = f:read(\"*a\"); f:close()\nwrk.headers[\"Content-Type\"] = \"application/octet-stream\"" : "")}}
        local expected = "{{sha}}"
        local depth = {{s.Depth}}
        local threads = {}
        local pipelined = nil
        function setup(thread) table.insert(threads, thread) end
        function init(args)
          failures = 0; checked = 0
          if depth > 1 then
            local r = {}
            for i = 1, depth do r[i] = wrk.format() end
            pipelined = table.concat(r)
          end
        end
        if depth > 1 then
          function request() return pipelined end
        end
        function response(status, headers, body)
          checked = checked + 1
          if status ~= 200 or not ({{s.Check}}) then failures = failures + 1 end
        end
        function done(summary, latency, requests)
          local failed, seen = 0, 0
          for _, t in ipairs(threads) do failed = failed + t:get("failures"); seen = seen + t:get("checked") end
          local e = summary.errors
          io.write(string.format('JSON{"requests":%d,"duration_us":%d,"errors":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,"integrity_failures":%d,"checked":%d,"check":"body","bytes":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}\n',
            summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
            latency:percentile(50), latency:percentile(99), latency.max, failed, seen, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout))
        end
        """;

    /// <summary>
    /// The script for a large download: no <c>response()</c> function, so wrk neither buffers the headers and body of
    /// each response nor calls into Lua for it, and its load core keeps up with the server. The check is then of
    /// wrk's totals in <c>done()</c>: every completed response must be exactly <paramref name="responseBytes"/>
    /// (headers and body, the headers measured on the live server by <see cref="DownloadCheck.ProbeAsync"/>), so the
    /// bytes wrk read must be at least requests × that. wrk also counts the bytes of responses it was still reading
    /// when the time was up (at most one per connection, nothing being pipelined) and of responses cut off by a read
    /// error (after which it reconnects), so the bytes may exceed that by up to (connections + read errors) ×
    /// (<paramref name="responseBytes"/> − 1) and no more. Outside that range the check fails, counting the bytes
    /// missing (or over) in whole responses, at least one. "checked" is every completed response, which the total
    /// covers; "check" says how they were checked.
    /// </summary>
    /// <remarks>
    /// What the total cannot see: wrong bytes in a body of the right length, and a shortfall spread so thin that it
    /// hides in the allowance for partial responses (less than about connections × responseBytes ÷ requests per
    /// response). The first is what <see cref="DownloadCheck.VerifyAsync"/>'s full-body fetches are for; as for the
    /// second, Kestrel aborts a response shorter than its Content-Length, which wrk counts as a read error.
    /// </remarks>
    public static string ForByteTotal(Scenario s, long responseBytes, int connections) => $$"""
        wrk.method = "{{s.Method}}"
        -- No response() function: wrk then hands no response to Lua (see WrkScript.ForByteTotal).
        local each = {{responseBytes}}
        local connections = {{connections}}
        function done(summary, latency, requests)
          local e = summary.errors
          local low = summary.requests * each
          local high = low + (connections + e.read) * (each - 1)
          local failed = 0
          if summary.bytes < low then
            failed = math.max(1, math.ceil((low - summary.bytes) / each))
          elseif summary.bytes > high then
            failed = math.max(1, math.ceil((summary.bytes - high) / each))
          end
          io.write(string.format('JSON{"requests":%d,"duration_us":%d,"errors":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,"integrity_failures":%d,"checked":%d,"check":"bytes","bytes":%d,"bytes_low":%d,"bytes_high":%d,"response_bytes":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}\n',
            summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
            latency:percentile(50), latency:percentile(99), latency.max, failed, summary.requests, summary.bytes, low, high, each,
            e.connect, e.read, e.write, e.status, e.timeout))
        end
        """;
}
