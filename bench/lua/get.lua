-- A plain GET of the URL given to wrk, with the report. Used for reference-data and health reads.
dofile(os.getenv("UGOKI_BENCH_LUA_DIR") .. "/report.lua")
