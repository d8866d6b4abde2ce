-- A GET of the URL given to wrk with access tokens rotating over the users in
-- $UGOKI_BENCH_TOKENS (free users), formatted once up front like users_me.lua. Used for the
-- content reads (an article, a search).
dofile(os.getenv("UGOKI_BENCH_LUA_DIR") .. "/report.lua")
local requests = {}
local n = 0
init = function()
  for line in io.lines(os.getenv("UGOKI_BENCH_TOKENS")) do
    requests[#requests + 1] = wrk.format("GET", wrk.path, { ["Authorization"] = "Bearer " .. line })
  end
  n = math.random(#requests)
end
request = function()
  n = n % #requests + 1
  return requests[n]
end
