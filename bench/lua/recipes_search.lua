-- GET /api/v1/nutrition/recipes?q=...&diet=... with access tokens rotating over the users in
-- $UGOKI_BENCH_TOKENS and over a few searches, so each request reads a different user's profile
-- (their allergies filter the list) and ranks the snapshot. Requests are formatted up front.
dofile(os.getenv("UGOKI_BENCH_LUA_DIR") .. "/report.lua")
local searches = {
  "/api/v1/nutrition/recipes?q=chicken&diet=paleo",
  "/api/v1/nutrition/recipes?q=lentil&diet=vegan",
  "/api/v1/nutrition/recipes?q=salad&diet=vegetarian",
  "/api/v1/nutrition/recipes?q=egg&diet=keto",
  "/api/v1/nutrition/recipes?q=salmon&diet=mediterranean",
}
local requests = {}
local k = 0
for line in io.lines(os.getenv("UGOKI_BENCH_TOKENS")) do
  k = k % #searches + 1
  requests[#requests + 1] =
    wrk.format("GET", searches[k], { ["Authorization"] = "Bearer " .. line })
end
local n = math.random(#requests)
request = function()
  n = n % #requests + 1
  return requests[n]
end
