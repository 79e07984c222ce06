namespace BufferPool.LoadTests;

/// <summary>
/// wrk's Lua script for a scenario: the request (pipelined <see cref="Scenario.Depth"/> deep, as TechEmpower's
/// pipeline.lua does), a check of every response, and one JSON line of results at the end.
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
          io.write(string.format('JSON{"requests":%d,"duration_us":%d,"errors":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,"integrity_failures":%d,"checked":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}\n',
            summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
            latency:percentile(50), latency:percentile(99), latency.max, failed, seen, e.connect, e.read, e.write, e.status, e.timeout))
        end
        """;
}
