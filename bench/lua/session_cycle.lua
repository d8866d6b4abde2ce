-- POST /api/v1/fasting/sessions then POST /api/v1/fasting/sessions/:id/end, over and over, for
-- the users in $UGOKI_BENCH_CYCLE_TOKENS (more users than connections). Each user alternates
-- start and end and never has two requests in flight, so no request is a 409 by construction.
-- wrk gives no connection id: every request carries X-Request-Id "cycle-<user>-<seq>", which
-- the server echoes, so a response says whose it is. The fasts left running when a run ends
-- are saved to "<tokens file>.state" and picked up by the next run (warm-up, then each measured
-- run), so they are ended rather than met with a 409; users whose request was still in flight
-- when a run ended are looked up first (GET /sessions/history?status=active&limit=1, a 200
-- whether or not a fast runs). A start refused with FAST_001 is looked up the same way.
dofile(os.getenv("UGOKI_BENCH_LUA_DIR") .. "/report.lua")
local tokens = {}
for line in io.lines(os.getenv("UGOKI_BENCH_CYCLE_TOKENS")) do
  tokens[#tokens + 1] = line
end
local state_file = os.getenv("UGOKI_BENCH_CYCLE_TOKENS") .. ".state"
-- Global, so that done() can read it from the thread with thread:get().
state = {}  -- user -> nil (idle: start next), "lookup", or the running session's id
busy = {}   -- user -> true while one of its requests is in flight
local n, seq = 0, 0
local f = io.open(state_file, "r")
if f then
  for line in f:lines() do
    local user, id = line:match("^(%d+) ([0-9a-z-]+)$")
    if user then
      state[tonumber(user)] = id
    end
  end
  f:close()
end

request = function()
  for _ = 1, #tokens do
    n = n % #tokens + 1
    if not busy[n] then
      busy[n] = true
      seq = seq + 1
      local headers = { ["Authorization"] = "Bearer " .. tokens[n],
                        ["X-Request-Id"] = string.format("cycle-%d-%d", n, seq) }
      local s = state[n]
      if s == "lookup" then
        return wrk.format("GET", "/api/v1/fasting/sessions/history?status=active&limit=1",
          headers)
      end
      headers["Content-Type"] = "application/json"
      if s then
        return wrk.format("POST", "/api/v1/fasting/sessions/" .. s .. "/end", headers, "{}")
      end
      return wrk.format("POST", "/api/v1/fasting/sessions", headers, '{"target_hours":16}')
    end
  end
  -- Every user is in flight (more connections than users): not expected with bench/run's counts.
  return wrk.format("GET", "/health/live")
end

response = function(status, headers, body)
  local rid = headers["X-Request-Id"] or headers["x-request-id"] or ""
  local user = tonumber(rid:match("^cycle%-(%d+)%-") or "")
  if not user then
    return
  end
  busy[user] = nil
  local id, status_text = body:match('"id":"([0-9a-f-]+)","status":"(%a+)"')
  if status == 409 and body:find('"FAST_001"', 1, true) then
    state[user] = "lookup"
  elseif status_text == "active" then
    state[user] = id  -- a new start (201) or the looked-up running fast (200)
  else
    state[user] = nil  -- ended, nothing running, or an error: start afresh
  end
end

local threads = {}
setup = function(thread)
  threads[#threads + 1] = thread
end

local report = done
done = function(summary, latency, requests)
  local out = io.open(state_file, "w")
  for _, thread in ipairs(threads) do
    local saved = thread:get("state") or {}
    -- A request in flight at the end may have changed the user's fast: look it up next run.
    for user in pairs(thread:get("busy") or {}) do
      saved[user] = "lookup"
    end
    for user, id in pairs(saved) do
      out:write(string.format("%d %s\n", user, id))
    end
  end
  out:close()
  report(summary, latency, requests)
end
