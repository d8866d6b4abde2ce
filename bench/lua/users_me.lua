-- GET /api/v1/users/me with access tokens rotating over the users in $UGOKI_BENCH_TOKENS
-- (one token per line), so every request is a different user's row.
dofile(os.getenv("UGOKI_BENCH_LUA_DIR") .. "/report.lua")
local tokens = {}
for line in io.lines(os.getenv("UGOKI_BENCH_TOKENS")) do
  tokens[#tokens + 1] = line
end
local n = math.random(#tokens)
request = function()
  n = n % #tokens + 1
  return wrk.format("GET", "/api/v1/users/me", { ["Authorization"] = "Bearer " .. tokens[n] })
end
