-- wrk script for bench/household.sh: requests from a file of lines
-- "PATH<TAB>SESSION-COOKIE-VALUE", round-robin, each with its own
-- "Cookie: gz_session=..." (so every household is asked for by a
-- professional who may see it). Prints one parseable line at the end:
--   RESULT requests=N duration_s=S rps=R p50_ms=A p90_ms=B p99_ms=C max_ms=D status_errors=E socket_errors=F
-- status_errors counts answers of 400 and up; bench/household.sh checks
-- every request with curl for a 200 before wrk runs.
-- Usage: wrk -t2 -c32 -d15s -s bench/household.lua http://127.0.0.1:PORT -- TARGETS-FILE

local threads = 0

function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end

function init(args)
  local file = args[1]
  if file == nil then error("household.lua: pass the targets file after --") end
  requests = {}
  for line in io.lines(file) do
    local path, cookie = line:match("^([^\t]+)\t([^\t]+)$")
    if path then
      requests[#requests + 1] = wrk.format("GET", path, { ["Cookie"] = "gz_session=" .. cookie })
    end
  end
  if #requests == 0 then error("household.lua: no 'PATH<TAB>COOKIE' lines in " .. file) end
  -- Threads start at different places in the list, so they do not ask for
  -- the same household at the same moment.
  next_index = ((thread_number or 0) * 97) % #requests
end

function request()
  next_index = next_index % #requests + 1
  return requests[next_index]
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_s=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
    "status_errors=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
