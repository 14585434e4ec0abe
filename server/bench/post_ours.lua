-- wrk script: POST a new comment to this server, a unique idempotency key per request.
local threads = {}
local counter = 0

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function request()
  counter = counter + 1
  local key = string.format("bench-%d-%s-%d", tid, run_id, counter)
  local body = string.format(
    '{"author_name":"Bench Reader","author_email":"bench@example.com",' ..
    '"text":"Benchmark comment %d from thread %d. Tin tuc thi tran.",' ..
    '"parent_id":null,"idempotency_key":"%s","website":"","elapsed_ms":5000}',
    counter, tid, key)
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
end

-- An optional argument after `--` (e.g. the instance name) keeps keys of parallel wrk runs apart.
function init(args)
  run_id = (args[1] or "r") .. os.time()
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d non2xx=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
