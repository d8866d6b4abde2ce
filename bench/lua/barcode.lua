-- GET /api/v1/nutrition/barcode/:code for codes in the local table ($UGOKI_BENCH_BARCODES, one a
-- line, loaded by bench/run), access tokens rotating over $UGOKI_BENCH_TOKENS. Requests are
-- formatted once up front.
dofile(os.getenv("UGOKI_BENCH_LUA_DIR") .. "/report.lua")
local tokens, codes, requests = {}, {}, {}
for line in io.lines(os.getenv("UGOKI_BENCH_TOKENS")) do
  tokens[#tokens + 1] = line
end
for line in io.lines(os.getenv("UGOKI_BENCH_BARCODES")) do
  codes[#codes + 1] = line
end
for i = 1, math.max(#tokens, #codes) do
  requests[i] = wrk.format("GET", "/api/v1/nutrition/barcode/" .. codes[(i - 1) % #codes + 1],
    { ["Authorization"] = "Bearer " .. tokens[(i - 1) % #tokens + 1] })
end
local n = math.random(#requests)
request = function()
  n = n % #requests + 1
  return requests[n]
end
