// Refresh-token families in Redis, each operation one Lua script so it is atomic.
#include "auth/token_store.hpp"

#include <algorithm>

#include "core/crypto/random.hpp"
#include "core/redis/reply.hpp"

namespace ugoki::auth {

namespace {

using boost::asio::awaitable;

// KEYS: family, token, user set. ARGV: user_id, token hash, now, ttl, user agent, sid.
constexpr const char* create_lua = R"lua(
redis.call('HSET', KEYS[1], 'user_id', ARGV[1], 'current', ARGV[2], 'created_at', ARGV[3],
           'last_used_at', ARGV[3], 'user_agent', ARGV[5])
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('SET', KEYS[2], ARGV[6], 'EX', ARGV[4])
redis.call('SADD', KEYS[3], ARGV[6])
redis.call('EXPIRE', KEYS[3], ARGV[4])
return 1
)lua";

// Every script that ends a family PUBLISHes its sid on <prefix>revoked in the same atomic step,
// so no instance's session_cache can miss a revocation while its subscription is up.

// KEYS: the presented token's key. ARGV: prefix, presented hash, new hash, now, ttl.
// The old token key is left to expire: a second use of it must still find its family.
constexpr const char* rotate_lua = R"lua(
local sid = redis.call('GET', KEYS[1])
if not sid then return {'unknown'} end
local fam = ARGV[1] .. 'fam:' .. sid
local state = redis.call('HMGET', fam, 'current', 'user_id')
if not state[1] then return {'unknown'} end
if state[1] ~= ARGV[2] then
  redis.call('DEL', fam)
  redis.call('SREM', ARGV[1] .. 'user:' .. state[2], sid)
  redis.call('PUBLISH', ARGV[1] .. 'revoked', sid)
  return {'reused', sid}
end
redis.call('HSET', fam, 'current', ARGV[3], 'last_used_at', ARGV[4])
redis.call('EXPIRE', fam, ARGV[5])
redis.call('SET', ARGV[1] .. 'tok:' .. ARGV[3], sid, 'EX', ARGV[5])
redis.call('EXPIRE', ARGV[1] .. 'user:' .. state[2], ARGV[5])
return {'rotated', sid, state[2]}
)lua";

// KEYS: family, user set. ARGV: user_id, sid, revocation channel.
constexpr const char* revoke_lua = R"lua(
if redis.call('HGET', KEYS[1], 'user_id') ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[2])
redis.call('PUBLISH', ARGV[3], ARGV[2])
return 1
)lua";

// KEYS: the token's key. ARGV: prefix. Returns the ended sid, or 0.
constexpr const char* revoke_by_token_lua = R"lua(
local sid = redis.call('GET', KEYS[1])
if not sid then return 0 end
local fam = ARGV[1] .. 'fam:' .. sid
local uid = redis.call('HGET', fam, 'user_id')
if not uid then return 0 end
redis.call('DEL', fam)
redis.call('SREM', ARGV[1] .. 'user:' .. uid, sid)
redis.call('PUBLISH', ARGV[1] .. 'revoked', sid)
return sid
)lua";

// KEYS: user set. ARGV: prefix, sid to keep ('' for none). Returns the ended sids.
constexpr const char* revoke_all_lua = R"lua(
local ended = {}
for _, sid in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if sid ~= ARGV[2] then
    if redis.call('DEL', ARGV[1] .. 'fam:' .. sid) == 1 then
      table.insert(ended, sid)
      redis.call('PUBLISH', ARGV[1] .. 'revoked', sid)
    end
    redis.call('SREM', KEYS[1], sid)
  end
end
return ended
)lua";

// KEYS: user set. ARGV: prefix. Drops sids whose family has expired while listing.
constexpr const char* list_lua = R"lua(
local out = {}
for _, sid in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local v = redis.call('HMGET', ARGV[1] .. 'fam:' .. sid, 'created_at', 'last_used_at',
                       'user_agent')
  if v[1] then
    table.insert(out, {sid, v[1], v[2] or v[1], v[3] or ''})
  else
    redis.call('SREM', KEYS[1], sid)
  end
end
return out
)lua";

// KEYS: user set. ARGV: prefix, plan. Returns the updated sids. Publishing a live sid makes the
// other instances forget their cached entry of it, exactly as an ending does, without ending it.
constexpr const char* set_plan_lua = R"lua(
local out = {}
for _, sid in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local fam = ARGV[1] .. 'fam:' .. sid
  if redis.call('EXISTS', fam) == 1 then
    redis.call('HSET', fam, 'plan', ARGV[2])
    redis.call('PUBLISH', ARGV[1] .. 'revoked', sid)
    table.insert(out, sid)
  end
end
return out
)lua";

std::int64_t to_int(const std::string& s) {
  try {
    return std::stoll(s);
  } catch (const std::exception&) {
    return 0;
  }
}

}  // namespace

std::string new_session_id() {
  return crypto::random_uuid();
}

token_store::token_store(redis::client& redis, std::string prefix, std::chrono::seconds ttl,
                         session_cache& cache)
    : redis_(redis),
      cache_(cache),
      prefix_(std::move(prefix)),
      ttl_(ttl),
      create_(redis::make_script(create_lua)),
      rotate_(redis::make_script(rotate_lua)),
      revoke_(redis::make_script(revoke_lua)),
      revoke_by_token_(redis::make_script(revoke_by_token_lua)),
      revoke_all_(redis::make_script(revoke_all_lua)),
      list_(redis::make_script(list_lua)),
      set_plan_(redis::make_script(set_plan_lua)) {}

std::string token_store::family_key(std::string_view sid) const {
  return prefix_ + "fam:" + std::string(sid);
}

std::string token_store::token_key(std::string_view token) const {
  return prefix_ + "tok:" + crypto::sha256_hex(token);
}

std::string token_store::user_key(std::string_view user_id) const {
  return prefix_ + "user:" + std::string(user_id);
}

std::string token_store::revocation_channel() const {
  return prefix_ + "revoked";
}

awaitable<token_store::issued> token_store::create_family(std::string user_id,
                                                          std::string user_agent,
                                                          std::int64_t now) {
  issued out{new_session_id(), crypto::random_token(32)};
  std::vector<std::string> keys{family_key(out.session_id), token_key(out.refresh_token),
                                user_key(user_id)};
  std::vector<std::string> args{user_id,
                                crypto::sha256_hex(out.refresh_token),
                                std::to_string(now),
                                std::to_string(ttl_.count()),
                                std::move(user_agent),
                                out.session_id};
  redis::reply r = co_await redis_.eval(create_, std::move(keys), std::move(args));
  r.throw_if_error();
  co_return out;
}

awaitable<token_store::rotation> token_store::rotate(std::string refresh_token, std::int64_t now) {
  rotation out;
  std::string next = crypto::random_token(32);
  std::string presented = crypto::sha256_hex(refresh_token);
  std::vector<std::string> keys{prefix_ + "tok:" + presented};
  std::vector<std::string> args{prefix_, presented, crypto::sha256_hex(next), std::to_string(now),
                                std::to_string(ttl_.count())};
  redis::reply r = co_await redis_.eval(rotate_, std::move(keys), std::move(args));
  r.throw_if_error();
  const auto& parts = r.elements();
  const std::string& what = parts.at(0).str();
  if (what == "rotated") {
    out.result = rotation::outcome::rotated;
    out.session_id = parts.at(1).str();
    out.user_id = parts.at(2).str();
    out.refresh_token = std::move(next);
  } else if (what == "reused") {
    out.result = rotation::outcome::reused;
    out.session_id = parts.at(1).str();
    cache_.forget(out.session_id);
  }
  co_return out;
}

awaitable<bool> token_store::alive(std::string session_id, std::string user_id) {
  auto plan = co_await plan_of(std::move(session_id), std::move(user_id));
  co_return plan.has_value();
}

awaitable<std::optional<std::string>> token_store::plan_of(std::string session_id,
                                                           std::string user_id) {
  const auto now = std::chrono::steady_clock::now();
  if (auto known = cache_.known_plan(session_id, now, user_id)) {
    co_return known;
  }
  const auto generation = cache_.generation();
  std::string key = family_key(session_id);
  redis::reply r = co_await redis_.command("HMGET", key, "user_id", "plan");
  r.throw_if_error();
  const auto& fields = r.elements();
  if (fields.size() != 2 || fields[0].type() != redis::reply_type::string) {
    co_return std::nullopt;  // nil: no such family (ended or expired)
  }
  std::string owner = fields[0].str();
  std::string plan = fields[1].type() == redis::reply_type::string ? fields[1].str() : "";
  const bool is_alive = user_id.empty() || owner == user_id;
  // Remembered with its real owner even when `user_id` differs: the cache can then refuse the
  // next such request itself.
  cache_.remember_alive(std::move(session_id), generation, now, std::move(owner), plan);
  if (!is_alive) {
    co_return std::nullopt;
  }
  co_return plan;
}

awaitable<std::int64_t> token_store::set_plan(std::string user_id, std::string plan) {
  std::vector<std::string> keys{user_key(user_id)};
  std::vector<std::string> args{prefix_, std::move(plan)};
  redis::reply r = co_await redis_.eval(set_plan_, std::move(keys), std::move(args));
  r.throw_if_error();
  for (const auto& sid : r.elements()) {
    cache_.forget(sid.str());
  }
  co_return static_cast<std::int64_t>(r.elements().size());
}

awaitable<bool> token_store::revoke_by_token(std::string refresh_token) {
  std::vector<std::string> keys{token_key(refresh_token)};
  std::vector<std::string> args{prefix_};
  redis::reply r = co_await redis_.eval(revoke_by_token_, std::move(keys), std::move(args));
  r.throw_if_error();
  if (r.type() != redis::reply_type::string) {
    co_return false;  // 0: unknown token or family already ended
  }
  cache_.forget(r.str());
  co_return true;
}

awaitable<bool> token_store::revoke(std::string user_id, std::string session_id) {
  std::vector<std::string> keys{family_key(session_id), user_key(user_id)};
  std::vector<std::string> args{user_id, session_id, revocation_channel()};
  redis::reply r = co_await redis_.eval(revoke_, std::move(keys), std::move(args));
  r.throw_if_error();
  if (r.integer() != 1) {
    co_return false;
  }
  cache_.forget(session_id);
  co_return true;
}

awaitable<std::int64_t> token_store::revoke_all(std::string user_id, std::string keep_session_id) {
  std::vector<std::string> keys{user_key(user_id)};
  std::vector<std::string> args{prefix_, std::move(keep_session_id)};
  redis::reply r = co_await redis_.eval(revoke_all_, std::move(keys), std::move(args));
  r.throw_if_error();
  for (const auto& sid : r.elements()) {
    cache_.forget(sid.str());
  }
  co_return static_cast<std::int64_t>(r.elements().size());
}

awaitable<std::vector<session_info>> token_store::list(std::string user_id) {
  std::vector<std::string> keys{user_key(user_id)};
  std::vector<std::string> args{prefix_};
  redis::reply r = co_await redis_.eval(list_, std::move(keys), std::move(args));
  r.throw_if_error();
  std::vector<session_info> out;
  for (const auto& e : r.elements()) {
    const auto& f = e.elements();
    out.push_back(
        {f.at(0).str(), to_int(f.at(1).str()), to_int(f.at(2).str()), f.at(3).str(), false});
  }
  std::sort(out.begin(), out.end(), [](const session_info& a, const session_info& b) {
    return a.created_at != b.created_at ? a.created_at < b.created_at : a.id < b.id;
  });
  co_return out;
}

}  // namespace ugoki::auth
