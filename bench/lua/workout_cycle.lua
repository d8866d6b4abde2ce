-- One workout cycle per user, over and over, for the users in $UGOKI_BENCH_WORKOUT_TOKENS (more
-- users than connections): POST /api/v1/workouts/sessions, two PATCHes logging sets of
-- $UGOKI_BENCH_EXERCISE_ID, then POST .../complete. Each user has one request in flight at most,
-- so no request is a 409 by construction; the report counts requests, so cycles/s is req/s / 4.
-- As session_cycle.lua: responses are matched to users by the echoed X-Request-Id, the state is
-- saved to "<tokens file>.state" between runs, and a user whose state is unknown (in flight when
-- a run ended, or refused WORK_011) is looked up with GET .../history?status=in_progress&limit=1.
dofile(os.getenv("UGOKI_BENCH_LUA_DIR") .. "/report.lua")
local tokens = {}
for line in io.lines(os.getenv("UGOKI_BENCH_WORKOUT_TOKENS")) do
  tokens[#tokens + 1] = line
end
local exercise = os.getenv("UGOKI_BENCH_EXERCISE_ID")
local state_file = os.getenv("UGOKI_BENCH_WORKOUT_TOKENS") .. ".state"
-- user -> nil (idle: start next), "lookup", or "<session id> <next step 1..3>"
state = {}
busy = {}
local n, seq = 0, 0
local f = io.open(state_file, "r")
if f then
  for line in f:lines() do
    local user, rest = line:match("^(%d+) (.+)$")
    if user then
      state[tonumber(user)] = rest
    end
  end
  f:close()
end

local function sets(first)
  return string.format('{"sets":[{"exercise_id":"%s","position":%d,"reps":12,"weight_kg":20,' ..
    '"duration_s":40,"rest_s":20},{"exercise_id":"%s","position":%d,"reps":10,' ..
    '"weight_kg":22.5,"duration_s":40,"rest_s":20}]}', exercise, first, exercise, first + 1)
end

request = function()
  for _ = 1, #tokens do
    n = n % #tokens + 1
    if not busy[n] then
      busy[n] = true
      seq = seq + 1
      local headers = { ["Authorization"] = "Bearer " .. tokens[n],
                        ["X-Request-Id"] = string.format("wcycle-%d-%d", n, seq),
                        ["Content-Type"] = "application/json" }
      local s = state[n]
      if s == "lookup" then
        headers["Content-Type"] = nil
        return wrk.format("GET", "/api/v1/workouts/sessions/history?status=in_progress&limit=1",
          headers)
      end
      if s then
        local id, step = s:match("^(%S+) (%d)$")
        step = tonumber(step)
        if step == 3 then
          return wrk.format("POST", "/api/v1/workouts/sessions/" .. id .. "/complete", headers,
            "{}")
        end
        return wrk.format("PATCH", "/api/v1/workouts/sessions/" .. id, headers,
          sets(step * 2 - 1))
      end
      return wrk.format("POST", "/api/v1/workouts/sessions", headers, '{"type":"hiit"}')
    end
  end
  return wrk.format("GET", "/health/live")
end

response = function(status, headers, body)
  local rid = headers["X-Request-Id"] or headers["x-request-id"] or ""
  local user = tonumber(rid:match("^wcycle%-(%d+)%-") or "")
  if not user then
    return
  end
  busy[user] = nil
  local id, status_text = body:match('"id":"([0-9a-f-]+)","type":"%a+","status":"([%a_]+)"')
  local before = state[user]
  if status == 409 and body:find('"WORK_011"', 1, true) then
    state[user] = "lookup"
  elseif status_text == "in_progress" then
    local step = 1
    if before and before ~= "lookup" then
      step = tonumber(before:match(" (%d)$")) + 1
    elseif before == "lookup" then
      step = 3  -- found running: complete it
    end
    state[user] = id .. " " .. step
  else
    state[user] = nil  -- completed, nothing running, or an error: start afresh
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
    for user in pairs(thread:get("busy") or {}) do
      saved[user] = "lookup"
    end
    for user, s in pairs(saved) do
      out:write(string.format("%d %s\n", user, s))
    end
  end
  out:close()
  report(summary, latency, requests)
end
