-- wrk script for bench/cluster.sh: a mixed load of household pages, API
-- reads and contacts written, from a file of lines
--   METHOD<TAB>PATH<TAB>SESSION-COOKIE<TAB>CSRF-TOKEN<TAB>BODY
-- (CSRF-TOKEN and BODY "-" for reads), round-robin, each with its own session.
-- Prints one parseable line at the end:
--   RESULT requests=N duration_s=S rps=R p50_ms=A p99_ms=B status_errors=E socket_errors=F
-- Usage: wrk -t2 -c32 -d15s -s bench/cluster.lua http://127.0.0.1:PORT -- TARGETS-FILE

local threads = 0

function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end

function init(args)
  local file = args[1]
  if file == nil then error("cluster.lua: pass the targets file after --") end
  requests = {}
  for line in io.lines(file) do
    local method, path, cookie, csrf, body = line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)\t([^\t]+)\t(.+)$")
    if method == "GET" then
      requests[#requests + 1] = wrk.format("GET", path, { ["Cookie"] = "gz_session=" .. cookie })
    elseif method == "POST" then
      requests[#requests + 1] = wrk.format("POST", path, {
        ["Cookie"] = "gz_session=" .. cookie,
        ["X-CSRF-Token"] = csrf,
        ["Content-Type"] = "application/json",
      }, body)
    end
  end
  if #requests == 0 then error("cluster.lua: no request lines in " .. file) end
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
    "RESULT requests=%d duration_s=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f status_errors=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
