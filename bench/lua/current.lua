-- GET /api/v1/fasting/sessions/current with access tokens rotating over the users in
-- $UGOKI_BENCH_TOKENS, each of whom has a running fast (bench/run starts them during setup), so
-- every request reads a different user's session row and computes its timer. Requests are
-- formatted once up front (see users_me.lua).
dofile(os.getenv("UGOKI_BENCH_LUA_DIR") .. "/report.lua")
local requests = {}
for line in io.lines(os.getenv("UGOKI_BENCH_TOKENS")) do
  requests[#requests + 1] = wrk.format("GET", "/api/v1/fasting/sessions/current",
    { ["Authorization"] = "Bearer " .. line })
end
local n = math.random(#requests)
request = function()
  n = n % #requests + 1
  return requests[n]
end
