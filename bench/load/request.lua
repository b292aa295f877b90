-- One fixed request for wrk, described by environment variables (set by bench/load/run.sh):
--   WRK_METHOD (GET), WRK_AUTH (an Authorization header value), WRK_DEPTH, WRK_IF_NONE_MATCH,
--   WRK_BODY (sent with Content-Type application/xml). At the end it prints one machine-readable
--   line: "RESULT requests_per_s p50_ms p99_ms errors".
wrk.method = os.getenv("WRK_METHOD") or "GET"
local function header(name, variable)
  local value = os.getenv(variable)
  if value and value ~= "" then wrk.headers[name] = value end
end
header("Authorization", "WRK_AUTH")
header("Depth", "WRK_DEPTH")
header("If-None-Match", "WRK_IF_NONE_MATCH")
local body = os.getenv("WRK_BODY")
if body and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/xml; charset=utf-8"
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout + summary.errors.status
  io.write(string.format("RESULT %.1f %.3f %.3f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
