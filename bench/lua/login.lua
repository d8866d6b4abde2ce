-- POST /api/v1/auth/login rotating over the accounts in $UGOKI_BENCH_LOGINS ("email password"
-- per line): every request is one full Argon2id verification on the server's worker pool.
dofile(os.getenv("UGOKI_BENCH_LUA_DIR") .. "/report.lua")
local bodies = {}
for line in io.lines(os.getenv("UGOKI_BENCH_LOGINS")) do
  local email, password = line:match("^(%S+) (%S+)$")
  bodies[#bodies + 1] = string.format('{"email":"%s","password":"%s"}', email, password)
end
local n = math.random(#bodies)
request = function()
  n = n % #bodies + 1
  return wrk.format("POST", "/api/v1/auth/login", { ["Content-Type"] = "application/json" },
    bodies[n])
end
