// auth::token_store's Lua scripts against a real Redis: a family is issued with only hashes
// stored, rotates, a replayed token ends its family, every key expires and rotation renews them,
// logout ends one family (its owner's only) or all of a user's, each ending is published for
// the other instances' session caches, and of concurrent rotations of one token only one wins.
#include "auth/token_store.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/this_coro.hpp>

#include <algorithm>
#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <regex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/crypto/random.hpp"
#include "core/redis/subscriber.hpp"
#include "support/redis_test_env.hpp"
#include "support/test_env.hpp"

namespace ugoki::auth {
namespace {

namespace asio = boost::asio;
namespace rt = redis::testing;
using asio::awaitable;
using namespace std::chrono_literals;
using outcome = token_store::rotation::outcome;

constexpr std::int64_t t0 = 1'767'225'600'000;  // 2026-01-01T00:00:00Z in Unix ms
constexpr std::chrono::seconds hour{3600};

class token_store_test : public ::testing::Test {
 protected:
  void SetUp() override {
    if (rt::test_url().empty()) {
      UGOKI_SKIP_UNSET("UGOKI_TEST_REDIS_URL");
    }
  }
};

// Key names as token_store.hpp documents them, for checking what the scripts stored.
struct keys {
  std::string prefix;
  std::string fam(const std::string& sid) const { return prefix + "fam:" + sid; }
  std::string tok(const std::string& token) const {
    return prefix + "tok:" + crypto::sha256_hex(token);
  }
  std::string user(const std::string& id) const { return prefix + "user:" + id; }
};

// A key prefix of this process and test only, so runs and tests never share families.
keys keys_for(const char* test) {
  return {rt::key(std::string("auth:") + test) + ":"};
}

awaitable<std::string> hget(redis::client& c, std::string key, std::string field) {
  redis::reply r = co_await c.command("HGET", key, field);
  co_return r.is_nil() ? std::string("<nil>") : r.str();
}

awaitable<std::string> get(redis::client& c, std::string key) {
  redis::reply r = co_await c.command("GET", key);
  co_return r.is_nil() ? std::string("<nil>") : r.str();
}

awaitable<bool> exists(redis::client& c, std::string key) {
  redis::reply r = co_await c.command("EXISTS", key);
  co_return r.integer() == 1;
}

awaitable<bool> is_member(redis::client& c, std::string set, std::string member) {
  redis::reply r = co_await c.command("SISMEMBER", set, member);
  co_return r.integer() == 1;
}

// Milliseconds to live; -2 for a missing key, -1 for one without expiry.
awaitable<std::int64_t> pttl(redis::client& c, std::string key) {
  redis::reply r = co_await c.command("PTTL", key);
  co_return r.integer();
}

// Every key under `prefix` and every value stored in them, for a search of the raw token.
awaitable<std::vector<std::string>> everything_under(redis::client& c, std::string prefix) {
  std::vector<std::string> out;
  const std::string pattern = prefix + "*";
  redis::reply names = co_await c.command("KEYS", pattern);
  for (const auto& name : names.elements()) {
    const std::string key = name.str();
    out.push_back(key);
    redis::reply type = co_await c.command("TYPE", key);
    if (type.str() == "string") {
      out.push_back(co_await get(c, key));
    } else {
      const char* read = type.str() == "hash" ? "HGETALL" : "SMEMBERS";
      redis::reply values = co_await c.command(read, key);
      for (const auto& v : values.elements()) {
        out.push_back(v.str());
      }
    }
  }
  co_return out;
}

// The session ids published on a store's revocation channel, heard as another instance would.
// The callbacks hold the state by shared_ptr: the subscriber reports "down" once more after it
// is stopped, from its background task, when this object may be gone.
class revocation_feed {
 public:
  revocation_feed(const std::string& channel, const asio::any_io_executor& ex)
      : sub_(rt::test_settings(), ex) {
    sub_.on_message(
        [s = state_](std::string_view, std::string_view sid) { s->sids.emplace_back(sid); });
    sub_.on_state([s = state_](bool up) { s->up = up; });
    sub_.subscribe(channel);
    sub_.start();
  }
  // Whether Redis confirmed the subscription within 5 s (nothing published before is heard).
  awaitable<bool> ready() {
    std::function<bool()> up = [s = state_] { return s->up; };
    return rt::eventually(std::move(up), 5s);
  }
  // The ids heard once `n` have arrived (or 5 s passed), sorted.
  awaitable<std::vector<std::string>> heard(std::size_t n) {
    std::function<bool()> enough = [s = state_, n] { return s->sids.size() >= n; };
    auto wait = rt::eventually(std::move(enough), 5s);
    co_await std::move(wait);
    std::vector<std::string> out = state_->sids;
    std::sort(out.begin(), out.end());
    co_return out;
  }

 private:
  struct state {
    std::vector<std::string> sids;
    bool up = false;
  };
  std::shared_ptr<state> state_ = std::make_shared<state>();
  redis::subscriber sub_;
};

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// --- issue ------------------------------------------------------------------------------------

awaitable<void> issue_body(redis::client& c) {
  const keys k = keys_for("issue");
  session_cache cache(0ms);
  token_store store(c, k.prefix, hour, cache);
  auto issued = co_await store.create_family("user-1", "Ugoki/1.0 (iPhone)", t0);
  static const std::regex uuid_v4(
      "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  EXPECT_TRUE(std::regex_match(issued.session_id, uuid_v4)) << issued.session_id;
  EXPECT_EQ(issued.refresh_token.size(), 43u) << "32 random bytes in base64url";

  const std::string fam = k.fam(issued.session_id);
  EXPECT_EQ(co_await hget(c, fam, "user_id"), "user-1");
  EXPECT_EQ(co_await hget(c, fam, "current"), crypto::sha256_hex(issued.refresh_token));
  EXPECT_EQ(co_await hget(c, fam, "created_at"), std::to_string(t0));
  EXPECT_EQ(co_await hget(c, fam, "last_used_at"), std::to_string(t0));
  EXPECT_EQ(co_await hget(c, fam, "user_agent"), "Ugoki/1.0 (iPhone)");
  EXPECT_EQ(co_await get(c, k.tok(issued.refresh_token)), issued.session_id);
  EXPECT_TRUE(co_await is_member(c, k.user("user-1"), issued.session_id));
  // (Named containers, never a braced list, around a co_await: see core/redis/client.hpp.)
  const std::vector<std::string> all_keys{fam, k.tok(issued.refresh_token), k.user("user-1")};
  for (const std::string& key : all_keys) {
    const std::int64_t ms = co_await pttl(c, key);
    EXPECT_GT(ms, 3'590'000) << key;
    EXPECT_LE(ms, 3'600'000) << key;
  }
  // Only the token's SHA-256 is stored: the raw token is in no key name and no value.
  const std::vector<std::string> stored_things = co_await everything_under(c, k.prefix);
  for (const std::string& stored : stored_things) {
    EXPECT_EQ(stored.find(issued.refresh_token), std::string::npos) << stored;
  }

  EXPECT_TRUE(co_await store.alive(issued.session_id));
  auto sessions = co_await store.list("user-1");
  UGOKI_CO_ASSERT(sessions.size() == 1);
  EXPECT_EQ(sessions[0].id, issued.session_id);
  EXPECT_EQ(sessions[0].created_at, t0);
  EXPECT_EQ(sessions[0].last_used_at, t0);
  EXPECT_EQ(sessions[0].user_agent, "Ugoki/1.0 (iPhone)");
  EXPECT_TRUE((co_await store.list("someone-else")).empty());
}

TEST_F(token_store_test, issue_stores_a_family_with_only_the_token_hash) {
  rt::run_with_client(rt::test_settings(), issue_body);
}

// --- rotate -----------------------------------------------------------------------------------

awaitable<void> rotate_body(redis::client& c) {
  const keys k = keys_for("rotate");
  session_cache cache(0ms);
  token_store store(c, k.prefix, hour, cache);
  auto issued = co_await store.create_family("user-2", "app", t0);
  std::string token = issued.refresh_token;
  for (int i = 1; i <= 3; ++i) {
    auto r = co_await store.rotate(token, t0 + i * 1000);
    UGOKI_CO_ASSERT(r.result == outcome::rotated);
    EXPECT_EQ(r.session_id, issued.session_id) << "the family stays the same";
    EXPECT_EQ(r.user_id, "user-2");
    EXPECT_NE(r.refresh_token, token);
    EXPECT_EQ(r.refresh_token.size(), 43u);
    const std::string fam = k.fam(issued.session_id);
    EXPECT_EQ(co_await hget(c, fam, "current"), crypto::sha256_hex(r.refresh_token));
    EXPECT_EQ(co_await hget(c, fam, "last_used_at"), std::to_string(t0 + i * 1000));
    EXPECT_EQ(co_await hget(c, fam, "created_at"), std::to_string(t0));
    EXPECT_EQ(co_await get(c, k.tok(r.refresh_token)), issued.session_id);
    token = r.refresh_token;
  }
  EXPECT_TRUE(co_await store.alive(issued.session_id));
  auto sessions = co_await store.list("user-2");
  UGOKI_CO_ASSERT(sessions.size() == 1);
  EXPECT_EQ(sessions[0].last_used_at, t0 + 3000);

  // A token never issued is unknown and ends nothing.
  auto stranger = co_await store.rotate(crypto::random_token(32), t0 + 5000);
  EXPECT_EQ(stranger.result, outcome::unknown);
  EXPECT_TRUE(stranger.session_id.empty());
  EXPECT_TRUE(co_await store.alive(issued.session_id));
}

TEST_F(token_store_test, rotate_replaces_the_live_token_and_keeps_the_family) {
  rt::run_with_client(rt::test_settings(), rotate_body);
}

// --- replay -----------------------------------------------------------------------------------

awaitable<void> replay_body(redis::client& c) {
  const keys k = keys_for("replay");
  // Cache on, as in a server: the store must forget what it ends, not wait for the cache's TTL.
  session_cache cache(60s);
  cache.set_feed_up(true);
  token_store store(c, k.prefix, hour, cache);
  revocation_feed feed(store.revocation_channel(), co_await asio::this_coro::executor);
  UGOKI_CO_ASSERT(co_await feed.ready());

  auto victim = co_await store.create_family("user-3", "phone", t0);
  auto other = co_await store.create_family("user-3", "laptop", t0);
  auto next = co_await store.rotate(victim.refresh_token, t0 + 1000);
  UGOKI_CO_ASSERT(next.result == outcome::rotated);
  EXPECT_TRUE(co_await store.alive(victim.session_id));  // now remembered by the cache

  // The first token comes back (stolen, or a client that lost the rotation's answer).
  auto replay = co_await store.rotate(victim.refresh_token, t0 + 2000);
  EXPECT_EQ(replay.result, outcome::reused);
  EXPECT_EQ(replay.session_id, victim.session_id);
  EXPECT_TRUE(replay.refresh_token.empty()) << "a replay is given no token";
  EXPECT_FALSE(co_await store.alive(victim.session_id)) << "the cache still trusted it";
  EXPECT_FALSE(co_await exists(c, k.fam(victim.session_id)));
  EXPECT_FALSE(co_await is_member(c, k.user("user-3"), victim.session_id));
  // The family is over for the thief and the owner alike: the newest token is refused too.
  EXPECT_EQ((co_await store.rotate(next.refresh_token, t0 + 3000)).result, outcome::unknown);
  EXPECT_EQ((co_await store.rotate(victim.refresh_token, t0 + 3000)).result, outcome::unknown);
  // The user's other sign-in is untouched.
  EXPECT_TRUE(co_await store.alive(other.session_id));
  auto left = co_await store.list("user-3");
  UGOKI_CO_ASSERT(left.size() == 1);
  EXPECT_EQ(left[0].id, other.session_id);
  // Every instance hears of it, in the same atomic step.
  const std::vector<std::string> heard = co_await feed.heard(1);
  EXPECT_EQ(heard, std::vector<std::string>{victim.session_id});
}

TEST_F(token_store_test, a_replayed_token_ends_its_family_everywhere) {
  rt::run_with_client(rt::test_settings(), replay_body);
}

// --- expiry -----------------------------------------------------------------------------------

awaitable<void> renewal_body(redis::client& c) {
  const keys k = keys_for("renewal");
  session_cache cache(0ms);
  token_store store(c, k.prefix, hour, cache);
  auto issued = co_await store.create_family("user-4", "app", t0);
  const std::string fam = k.fam(issued.session_id);
  const std::string user = k.user("user-4");
  const std::string old_tok = k.tok(issued.refresh_token);
  // As if most of the hour had passed: five seconds left on every key.
  const std::vector<std::string> aged{fam, user, old_tok};
  for (const std::string& key : aged) {
    co_await c.command("PEXPIRE", key, "5000");
  }
  auto r = co_await store.rotate(issued.refresh_token, t0 + 1000);
  UGOKI_CO_ASSERT(r.result == outcome::rotated);
  // Use renews the family, the user's set and the new token for a full hour...
  const std::vector<std::string> renewed{fam, user, k.tok(r.refresh_token)};
  for (const std::string& key : renewed) {
    const std::int64_t ms = co_await pttl(c, key);
    EXPECT_GT(ms, 3'590'000) << key;
    EXPECT_LE(ms, 3'600'000) << key;
  }
  // ...while the used token's key only lives out its time: long enough to catch a replay.
  const std::int64_t old_ms = co_await pttl(c, old_tok);
  EXPECT_GT(old_ms, 0);
  EXPECT_LE(old_ms, 5000);
}

TEST_F(token_store_test, rotation_renews_the_expiry_of_the_family) {
  rt::run_with_client(rt::test_settings(), renewal_body);
}

awaitable<void> expiry_body(redis::client& c) {
  const keys k = keys_for("expiry");
  session_cache cache(0ms);
  token_store store(c, k.prefix, std::chrono::seconds(1), cache);
  auto issued = co_await store.create_family("user-5", "app", t0);
  const std::string fam = k.fam(issued.session_id);
  const std::string tok = k.tok(issued.refresh_token);
  const std::vector<std::string> all_keys{fam, k.user("user-5"), tok};
  for (const std::string& key : all_keys) {
    const std::int64_t ms = co_await pttl(c, key);
    EXPECT_GT(ms, 0) << key;
    EXPECT_LE(ms, 1000) << key;
  }
  // Redis expires the keys by itself (polled until gone, for up to 5 s).
  bool gone = false;
  for (int i = 0; i < 500 && !gone; ++i) {
    gone = !(co_await exists(c, fam)) && !(co_await exists(c, tok));
    if (!gone) {
      co_await rt::sleep_for(10ms);
    }
  }
  UGOKI_CO_ASSERT(gone);
  EXPECT_FALSE(co_await store.alive(issued.session_id));
  EXPECT_EQ((co_await store.rotate(issued.refresh_token, t0 + 2000)).result, outcome::unknown);
  EXPECT_FALSE(co_await store.revoke_by_token(issued.refresh_token));
  EXPECT_TRUE((co_await store.list("user-5")).empty());
}

TEST_F(token_store_test, an_expired_family_is_unknown) {
  rt::run_with_client(rt::test_settings(), expiry_body);
}

// --- logout -----------------------------------------------------------------------------------

awaitable<void> logout_body(redis::client& c) {
  const keys k = keys_for("logout");
  session_cache cache(60s);
  cache.set_feed_up(true);
  token_store store(c, k.prefix, hour, cache);
  revocation_feed feed(store.revocation_channel(), co_await asio::this_coro::executor);
  UGOKI_CO_ASSERT(co_await feed.ready());
  auto phone = co_await store.create_family("ann", "phone", t0);
  auto laptop = co_await store.create_family("ann", "laptop", t0 + 1);
  auto bobs = co_await store.create_family("bob", "phone", t0);
  EXPECT_TRUE(co_await store.alive(phone.session_id));  // cached from here on

  // Bob cannot end Ann's session: it looks like one that does not exist.
  EXPECT_FALSE(co_await store.revoke("bob", phone.session_id));
  EXPECT_TRUE(co_await exists(c, k.fam(phone.session_id)));

  EXPECT_TRUE(co_await store.revoke("ann", phone.session_id));
  EXPECT_FALSE(co_await store.alive(phone.session_id)) << "the cache still trusted it";
  EXPECT_FALSE(co_await is_member(c, k.user("ann"), phone.session_id));
  EXPECT_EQ((co_await store.rotate(phone.refresh_token, t0 + 2)).result, outcome::unknown);
  EXPECT_FALSE(co_await store.revoke("ann", phone.session_id)) << "already ended";
  EXPECT_TRUE(co_await store.alive(laptop.session_id));
  EXPECT_TRUE(co_await store.alive(bobs.session_id));
  auto left = co_await store.list("ann");
  UGOKI_CO_ASSERT(left.size() == 1);
  EXPECT_EQ(left[0].id, laptop.session_id);

  // Logout by refresh token (the token is the proof; no user id needed).
  EXPECT_TRUE(co_await store.revoke_by_token(laptop.refresh_token));
  EXPECT_FALSE(co_await store.alive(laptop.session_id));
  EXPECT_FALSE(co_await store.revoke_by_token(laptop.refresh_token)) << "already ended";
  EXPECT_FALSE(co_await store.revoke_by_token(crypto::random_token(32)));
  EXPECT_TRUE((co_await store.list("ann")).empty());
  EXPECT_TRUE(co_await store.alive(bobs.session_id));

  const std::vector<std::string> heard = co_await feed.heard(2);
  EXPECT_EQ(heard, sorted({phone.session_id, laptop.session_id}));
}

TEST_F(token_store_test, logout_ends_one_family_of_its_owner_only) {
  rt::run_with_client(rt::test_settings(), logout_body);
}

awaitable<void> logout_all_body(redis::client& c) {
  const keys k = keys_for("logout_all");
  session_cache cache(60s);
  cache.set_feed_up(true);
  token_store store(c, k.prefix, hour, cache);
  revocation_feed feed(store.revocation_channel(), co_await asio::this_coro::executor);
  UGOKI_CO_ASSERT(co_await feed.ready());
  std::vector<token_store::issued> ann;
  for (int i = 0; i < 3; ++i) {
    const std::string device = "device " + std::to_string(i);
    ann.push_back(co_await store.create_family("ann", device, t0 + i));
    EXPECT_TRUE(co_await store.alive(ann.back().session_id));
  }
  auto bobs = co_await store.create_family("bob", "phone", t0);

  // "Sign out everywhere else": every family but the caller's own.
  EXPECT_EQ(co_await store.revoke_all("ann", ann[1].session_id), 2);
  EXPECT_FALSE(co_await store.alive(ann[0].session_id));
  EXPECT_TRUE(co_await store.alive(ann[1].session_id));
  EXPECT_FALSE(co_await store.alive(ann[2].session_id));
  EXPECT_EQ((co_await store.rotate(ann[2].refresh_token, t0 + 9)).result, outcome::unknown);
  auto left = co_await store.list("ann");
  UGOKI_CO_ASSERT(left.size() == 1);
  EXPECT_EQ(left[0].id, ann[1].session_id);

  // Then everywhere.
  EXPECT_EQ(co_await store.revoke_all("ann"), 1);
  EXPECT_FALSE(co_await store.alive(ann[1].session_id));
  EXPECT_TRUE((co_await store.list("ann")).empty());
  EXPECT_EQ(co_await store.revoke_all("ann"), 0);
  EXPECT_EQ(co_await store.revoke_all("nobody"), 0);
  EXPECT_TRUE(co_await store.alive(bobs.session_id)) << "another user's family survives";

  const std::vector<std::string> heard = co_await feed.heard(3);
  EXPECT_EQ(heard, sorted({ann[0].session_id, ann[1].session_id, ann[2].session_id}));
}

TEST_F(token_store_test, logout_all_ends_every_family_of_the_user) {
  rt::run_with_client(rt::test_settings(), logout_all_body);
}

// --- concurrent rotation ----------------------------------------------------------------------

// Runs `a` on `ioc` until it has finished (at most 10 s): the Redis connections keep the
// io_context busy forever, so run() would never return by itself. Rethrows what `a` threw.
void drive(asio::io_context& ioc, awaitable<void> a) {
  bool done = false;
  std::exception_ptr failure;
  asio::co_spawn(ioc, std::move(a), [&](std::exception_ptr e) {
    failure = e;
    done = true;
  });
  ioc.restart();
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!done && std::chrono::steady_clock::now() < deadline) {
    ioc.run_one_for(10ms);
  }
  if (failure) {
    std::rethrow_exception(failure);
  }
  if (!done) {
    throw std::runtime_error("did not finish within 10 s");
  }
}

struct race {
  std::vector<outcome> seen;
  std::vector<std::string> winners;  // the new token of each rotation that won
  int finished = 0;
  std::exception_ptr failure;
};

awaitable<void> rotate_once(token_store& store, std::string token, race& r) {
  auto got = co_await store.rotate(token, t0 + 1000);
  r.seen.push_back(got.result);
  if (got.result == outcome::rotated) {
    r.winners.push_back(got.refresh_token);
  }
}

// Both instances' rotations are sent before any answer comes back; waits for all of them.
awaitable<void> race_rotations(token_store& a, token_store& b, std::string token, int racers,
                               race& r) {
  auto ex = co_await asio::this_coro::executor;
  for (int i = 0; i < racers; ++i) {
    asio::co_spawn(ex, rotate_once(i % 2 == 0 ? a : b, token, r), [&r](std::exception_ptr e) {
      if (e) {
        r.failure = e;
      }
      ++r.finished;
    });
  }
  for (int i = 0; i < 1000 && r.finished < racers; ++i) {
    co_await rt::sleep_for(10ms);
  }
  if (r.failure) {
    std::rethrow_exception(r.failure);
  }
}

awaitable<void> issue_into(token_store& store, token_store::issued& out) {
  out = co_await store.create_family("racer", "app", t0);
}

awaitable<void> after_the_race(token_store& a, token_store& b, std::string sid, std::string winner,
                               bool& alive, outcome& again) {
  alive = co_await a.alive(sid);
  again = (co_await b.rotate(winner, t0 + 2000)).result;
}

// Two instances (two connections, two stores) refresh with the same token at once.
TEST_F(token_store_test, of_concurrent_rotations_of_one_token_only_one_wins) {
  asio::io_context ioc;
  redis::client ca(rt::test_settings(), 1);
  redis::client cb(rt::test_settings(), 1);
  ca.attach_thread(0, ioc.get_executor());
  cb.attach_thread(0, ioc.get_executor());
  const keys k = keys_for("race");
  session_cache cache_a(0ms);
  session_cache cache_b(0ms);
  token_store a(ca, k.prefix, hour, cache_a);
  token_store b(cb, k.prefix, hour, cache_b);

  token_store::issued issued;
  drive(ioc, issue_into(a, issued));
  constexpr int racers = 8;
  race r;
  drive(ioc, race_rotations(a, b, issued.refresh_token, racers, r));
  ASSERT_EQ(r.finished, racers);
  EXPECT_EQ(std::count(r.seen.begin(), r.seen.end(), outcome::rotated), 1) << "one winner";
  // Redis runs the scripts one at a time. The next one presents a token that is no longer
  // current: a reuse, which ends the family (the server cannot tell a racing client from a
  // thief); the rest find no family any more. So the winner's new token is dead too.
  EXPECT_EQ(std::count(r.seen.begin(), r.seen.end(), outcome::reused), 1);
  EXPECT_EQ(std::count(r.seen.begin(), r.seen.end(), outcome::unknown), racers - 2);
  ASSERT_EQ(r.winners.size(), 1u);
  bool alive = true;
  outcome again = outcome::rotated;
  drive(ioc, after_the_race(a, b, issued.session_id, r.winners[0], alive, again));
  EXPECT_FALSE(alive);
  EXPECT_EQ(again, outcome::unknown);

  ca.stop();
  cb.stop();
  ioc.restart();
  ioc.run_for(2s);
}

}  // namespace
}  // namespace ugoki::auth
