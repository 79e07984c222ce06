// Latency at a fixed request rate with autocannon, in microseconds. autocannon's own report records each response
// time (a fractional number of milliseconds) in a histogram whose lowest discernible value is 1 ms, so everything
// under 1 ms reads as 0 and every percentile is a whole number of ms. This records the same response times, from
// autocannon's 'response' events, in microseconds, with the same correction for coordinated omission (a response
// later than the interval at which its connection should have sent the next request adds the requests it held up).
// Usage: node autocannon-latency.js '{"url":..., "connections":16, "duration":5, "rate":1000, "method":"GET",
//        "bodyFile":null, "pipelining":1}'   Prints one line of JSON.
'use strict'
const fs = require('fs')
const autocannon = require('autocannon')
const hdr = require('hdr-histogram-js')

const o = JSON.parse(process.argv[2])
const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120e6, numberOfSignificantValueDigits: 3 })
const expectedIntervalUs = Math.round(o.connections * 1e6 / o.rate)
const options = {
  url: o.url,
  connections: o.connections,
  duration: o.duration,
  overallRate: o.rate,
  pipelining: o.pipelining || 1,
  method: o.method
}
if (o.bodyFile) {
  options.body = fs.readFileSync(o.bodyFile)
  options.headers = { 'content-type': 'application/octet-stream' }
}

const instance = autocannon(options, (err, result) => {
  if (err) {
    console.error(err)
    process.exit(1)
  }
  console.log(JSON.stringify({
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    p50_us: histogram.getValueAtPercentile(50),
    p99_us: histogram.getValueAtPercentile(99),
    max_us: histogram.maxValue
  }))
})
instance.on('response', (client, statusCode, resBytes, responseTimeMs) => {
  if (statusCode >= 200 && statusCode < 300) {
    histogram.recordValueWithExpectedInterval(Math.max(1, Math.round(responseTimeMs * 1000)), expectedIntervalUs)
  }
})
