-- POST /webhooks/stripe with Stripe events signed ahead (wrk's Lua has no HMAC): each line of
-- $UGOKI_BENCH_WEBHOOKS is "<Stripe-Signature>\t<body>", every event id distinct. Each wrk run
-- takes the next slice of $UGOKI_BENCH_WEBHOOK_SLICE lines (a counter file, as ingest.lua), so
-- every request is a new event: verification, then the insert and the job in one transaction,
-- never the cheaper duplicate path. A run that sends more than its slice wraps around (those
-- requests are duplicates; size the slice above req/s x duration).
dofile(os.getenv("UGOKI_BENCH_LUA_DIR") .. "/report.lua")
local slice = tonumber(os.getenv("UGOKI_BENCH_WEBHOOK_SLICE") or "100000")
local counter_file = os.getenv("UGOKI_BENCH_WEBHOOK_COUNTER")
local events = {}

-- In init(), which wrk runs once per thread, not in the other Lua states it makes (loading at
-- the top level would take a slice for each of them).
init = function(args)
  local run = 0
  local f = io.open(counter_file, "r")
  if f then
    run = tonumber(f:read("*l") or "0") or 0
    f:close()
  end
  f = io.open(counter_file, "w")
  f:write(tostring(run + 1), "\n")
  f:close()
  local first, last = run * slice + 1, (run + 1) * slice
  local i = 0
  for line in io.lines(os.getenv("UGOKI_BENCH_WEBHOOKS")) do
    i = i + 1
    if i > last then
      break
    end
    if i >= first then
      local tab = line:find("\t", 1, true)
      events[#events + 1] = { line:sub(1, tab - 1), line:sub(tab + 1) }
    end
  end
end
local n = 0

request = function()
  n = n % #events + 1
  local e = events[n]
  return wrk.format("POST", "/webhooks/stripe",
                    { ["Stripe-Signature"] = e[1],
                      ["Content-Type"] = "application/json; charset=utf-8" }, e[2])
end
