-- POST /api/v1/analytics/metrics with $UGOKI_BENCH_BATCH heart-rate points per request, over
-- the users in $UGOKI_BENCH_TOKENS. Every request carries NEW points: each user's points
-- advance 5 s at a time from a per-run base, and each wrk run (and each Lua state) takes the
-- next base from a counter file, one day apart, so re-runs never re-send a stored point (which
-- the server would skip as a duplicate, making the figure meaningless).
dofile(os.getenv("UGOKI_BENCH_LUA_DIR") .. "/report.lua")
local batch = tonumber(os.getenv("UGOKI_BENCH_BATCH") or "100")
local tokens = {}
for line in io.lines(os.getenv("UGOKI_BENCH_TOKENS")) do
  tokens[#tokens + 1] = line
end

local counter_file = os.getenv("UGOKI_BENCH_INGEST_COUNTER")
local run = 0
local f = io.open(counter_file, "r")
if f then
  run = tonumber(f:read("*l") or "0") or 0
  f:close()
end
f = io.open(counter_file, "w")
f:write(tostring(run + 1), "\n")
f:close()

-- Day-aligned base within the partitions the migrations create (last month onwards).
local t0 = tonumber(os.getenv("UGOKI_BENCH_INGEST_T0")) + run * 86400
local next_point = {}  -- user -> index of its next point in this run
local n = math.random(#tokens)

request = function()
  n = n % #tokens + 1
  local first = next_point[n] or 0
  next_point[n] = first + batch
  local parts = {}
  -- wrk shares its core with PostgreSQL: os.date once per minute of points, not per point.
  local minute, prefix = -1, ""
  for i = 0, batch - 1 do
    local k = first + i
    local t = t0 + k * 5
    if math.floor(t / 60) ~= minute then
      minute = math.floor(t / 60)
      prefix = os.date("!%Y-%m-%dT%H:%M:", t)
    end
    parts[#parts + 1] = string.format(
      '{"time":"%s%02dZ","metric_type":"heart_rate_bpm","value":%d,"source":"healthkit"}',
      prefix, t % 60, 55 + k % 60)
  end
  local body = '{"points":[' .. table.concat(parts, ",") .. ']}'
  return wrk.format("POST", "/api/v1/analytics/metrics",
                    { ["Authorization"] = "Bearer " .. tokens[n],
                      ["Content-Type"] = "application/json" }, body)
end

-- A response that stored fewer points than it sent would inflate points/s: counted as errors.
local short = 0
response = function(status, headers, body)
  local inserted = tonumber(body:match('"inserted":(%d+)') or "-1")
  if status == 200 and inserted ~= batch then
    short = short + 1
    if short == 1 then
      io.stderr:write("ingest.lua: a batch stored ", inserted, " of ", batch, " points\n")
    end
  end
end
