-- GET $UGOKI_BENCH_PROGRESS_PATH (a progress series) with the token in
-- $UGOKI_BENCH_PROGRESS_TOKEN: one user whose data the bench seeded beforehand.
dofile(os.getenv("UGOKI_BENCH_LUA_DIR") .. "/report.lua")
local token = os.getenv("UGOKI_BENCH_PROGRESS_TOKEN")
local path = os.getenv("UGOKI_BENCH_PROGRESS_PATH")
request = function()
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end
