-- GET /api/v1/workouts/sessions/history with access tokens rotating over the users in
-- $UGOKI_BENCH_TOKENS, each holding 50 past workouts (bench/run inserts them), so every request
-- reads the first page (20) of a different user's history. Requests are formatted once up front.
dofile(os.getenv("UGOKI_BENCH_LUA_DIR") .. "/report.lua")
local requests = {}
for line in io.lines(os.getenv("UGOKI_BENCH_TOKENS")) do
  requests[#requests + 1] = wrk.format("GET", "/api/v1/workouts/sessions/history",
    { ["Authorization"] = "Bearer " .. line })
end
local n = math.random(#requests)
request = function()
  n = n % #requests + 1
  return requests[n]
end
