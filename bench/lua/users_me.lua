-- GET /api/v1/users/me with access tokens rotating over the users in $UGOKI_BENCH_TOKENS
-- (one token per line), so every request is a different user's row. The requests are formatted
-- once up front: per-request Lua formatting would spend the client core that PostgreSQL shares.
dofile(os.getenv("UGOKI_BENCH_LUA_DIR") .. "/report.lua")
local requests = {}
for line in io.lines(os.getenv("UGOKI_BENCH_TOKENS")) do
  requests[#requests + 1] =
    wrk.format("GET", "/api/v1/users/me", { ["Authorization"] = "Bearer " .. line })
end
local n = math.random(#requests)
request = function()
  n = n % #requests + 1
  return requests[n]
end
