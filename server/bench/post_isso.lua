-- wrk script: POST a new comment to Isso (`POST /new?uri=…`, URL given on the command line).
local threads = {}
local counter = 0

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"author":"Bench Reader","email":"bench@example.com",' ..
    '"text":"Benchmark comment %d from thread %d. Tin tuc thi tran.","title":"Bench"}',
    counter, tid)
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d non2xx=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
