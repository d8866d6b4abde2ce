-- GET /api/v1/nutrition/diary?date=<today UTC> with access tokens rotating over the users in
-- $UGOKI_BENCH_TOKENS, each with 5 meals (2 items each) that day (bench/run inserts them).
dofile(os.getenv("UGOKI_BENCH_LUA_DIR") .. "/report.lua")
local requests = {}
local path = "/api/v1/nutrition/diary?date=" .. os.getenv("UGOKI_BENCH_DATE")
for line in io.lines(os.getenv("UGOKI_BENCH_TOKENS")) do
  requests[#requests + 1] = wrk.format("GET", path, { ["Authorization"] = "Bearer " .. line })
end
local n = math.random(#requests)
request = function()
  n = n % #requests + 1
  return requests[n]
end
