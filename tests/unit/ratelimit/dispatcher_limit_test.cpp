// The dispatcher's rate-limit step with a fake limiter: who is charged, headers on every
// response, 429 with Retry-After, exempt routes, the fail-closed 503, and safe requests whose
// handler runs while the limiter decides.
#include "core/http/detail/dispatcher.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <map>

#include "core/dependency_error.hpp"
#include "core/metrics.hpp"

namespace ugoki::http::detail {
namespace {

namespace bhttp = boost::beast::http;
using boost::asio::awaitable;

// Allows `capacity` requests per subject id; records every charge.
class fake_limiter final : public rate_limiter {
 public:
  awaitable<std::optional<rate_decision>> take(rate_subject s) override {
    charges.push_back(s);
    if (slow) {
      // Like Redis: the answer comes back after the event loop has run other work.
      auto ex = co_await boost::asio::this_coro::executor;
      for (int i = 0; i < 3; ++i) {
        co_await boost::asio::post(ex, boost::asio::use_awaitable);
      }
    }
    if (events != nullptr) {
      events->push_back("decided");
    }
    if (down) {
      if (fail_closed) {
        throw dependency_unavailable("redis", "connection refused");
      }
      co_return std::nullopt;
    }
    auto& used = used_[s.id];
    rate_decision d{used < capacity, capacity, 0, 60, 0};
    if (d.allowed) {
      ++used;
    } else {
      d.retry_after = 7;
    }
    d.remaining = capacity - used;
    co_return d;
  }

  std::int64_t capacity = 2;
  bool down = false;
  bool fail_closed = false;
  bool slow = false;
  std::vector<std::string>* events = nullptr;
  std::vector<rate_subject> charges;

 private:
  std::map<std::string, std::int64_t> used_;
};

// "Bearer <role>-<id>" signs in; anything else is 401.
class fake_authenticator final : public authenticator {
 public:
  awaitable<result<principal>> authenticate(request_context& ctx) override {
    std::string_view h = ctx.header("Authorization");
    if (!h.starts_with("Bearer ")) {
      co_return unauthorized("AUTH_002", "Authentication required");
    }
    std::string token(h.substr(7));
    auto dash = token.find('-');
    co_return principal{token.substr(dash + 1), "", token.substr(0, dash), ""};
  }
};

struct dispatcher_limit_test : ::testing::Test {
  server_settings settings;
  router routes;
  metrics::registry metrics{1};
  fake_limiter limiter;
  fake_authenticator auth;
  std::optional<dispatcher> d;

  // What happened, in order: "handler" when a counted route's handler ran, "decided" when the
  // limiter answered.
  std::vector<std::string> events;

  void SetUp() override {
    auto ok = [](request_context&) -> awaitable<response> { co_return ok_json("{}"); };
    routes.add({verb::get, "/public", ok});
    routes.add({verb::get, "/private", ok, access::user});
    auto counted = [this](request_context&) -> awaitable<response> {
      events.push_back("handler");
      return ok_now();
    };
    routes.add({verb::get, "/counted", counted, access::user});
    routes.add({verb::post, "/counted", counted, access::user});
    routes.add({.method = verb::get, .pattern = "/health", .fn = ok, .rate_limited = false});
    metrics.set_route_labels(std::vector<std::string>(routes.size(), "r"));
    settings.access_log = false;
    settings.trusted_proxies = {"127.0.0.0/8"};
    d.emplace(settings, routes, metrics);
    d->set_rate_limiter(&limiter);
    d->set_authenticator(&auth);
    limiter.events = &events;
  }

  static awaitable<response> ok_now() { co_return ok_json("{}"); }

  long handler_runs() const { return std::count(events.begin(), events.end(), "handler"); }

  beast_response run(std::string target,
                     std::vector<std::pair<std::string, std::string>> headers = {},
                     std::string peer = "192.0.2.1", bhttp::verb method = bhttp::verb::get) {
    raw_request raw;
    raw.message.method(method);
    raw.message.target(target);
    raw.message.version(11);
    for (auto& [k, v] : headers) {
      raw.message.insert(k, v);
    }
    boost::asio::io_context ioc;
    auto f = boost::asio::co_spawn(ioc, d->handle(raw, peer, 0), boost::asio::use_future);
    ioc.run();
    return f.get();
  }
};

std::string header(const beast_response& r, const char* name) {
  auto it = r.find(name);
  return it == r.end() ? std::string("<none>") : std::string(it->value());
}

TEST_F(dispatcher_limit_test, public_routes_charge_the_client_ip_and_send_headers) {
  auto res = run("/public");
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_EQ(header(res, "RateLimit-Limit"), "2");
  EXPECT_EQ(header(res, "RateLimit-Remaining"), "1");
  EXPECT_EQ(header(res, "RateLimit-Reset"), "60");
  EXPECT_EQ(header(res, "Retry-After"), "<none>");
  ASSERT_EQ(limiter.charges.size(), 1u);
  EXPECT_EQ(limiter.charges[0].tier, rate_tier::anonymous);
  EXPECT_EQ(limiter.charges[0].id, "192.0.2.1");
}

TEST_F(dispatcher_limit_test, over_the_limit_is_429_with_retry_after) {
  run("/public");
  run("/public");
  auto res = run("/public");
  EXPECT_EQ(res.result_int(), 429u);
  EXPECT_EQ(header(res, "Retry-After"), "7");
  EXPECT_EQ(header(res, "RateLimit-Remaining"), "0");
  auto body = boost::json::parse(res.body()).as_object();
  EXPECT_EQ(body.at("error").at("code"), "RATE_001");
  // Another address has its own bucket.
  EXPECT_EQ(run("/public", {}, "192.0.2.2").result_int(), 200u);
}

TEST_F(dispatcher_limit_test, signed_in_callers_pay_from_their_user_bucket) {
  auto res = run("/private", {{"Authorization", "Bearer premium-u1"}});
  EXPECT_EQ(res.result_int(), 200u);
  ASSERT_EQ(limiter.charges.size(), 1u);
  EXPECT_EQ(limiter.charges[0].tier, rate_tier::premium);
  EXPECT_EQ(limiter.charges[0].id, "u1");
  EXPECT_EQ(limiter.charges[0].client_ip, "192.0.2.1");
  run("/private", {{"Authorization", "Bearer free-u2"}});
  EXPECT_EQ(limiter.charges[1].tier, rate_tier::free);
  EXPECT_EQ(header(res, "RateLimit-Limit"), "2");
}

TEST_F(dispatcher_limit_test, refused_tokens_pay_as_anonymous_and_carry_headers) {
  auto res = run("/private");
  EXPECT_EQ(res.result_int(), 401u);
  EXPECT_EQ(header(res, "RateLimit-Remaining"), "1");
  ASSERT_EQ(limiter.charges.size(), 1u);
  EXPECT_EQ(limiter.charges[0].tier, rate_tier::anonymous);
  run("/private");
  EXPECT_EQ(run("/private").result_int(), 429u) << "token spraying is limited per IP";
}

TEST_F(dispatcher_limit_test, unknown_paths_are_charged_exempt_routes_are_not) {
  auto res = run("/nowhere");
  EXPECT_EQ(res.result_int(), 404u);
  EXPECT_EQ(header(res, "RateLimit-Limit"), "2");
  res = run("/health");
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_EQ(header(res, "RateLimit-Limit"), "<none>");
  EXPECT_EQ(limiter.charges.size(), 1u);
}

TEST_F(dispatcher_limit_test, forwarded_for_counts_only_behind_a_trusted_proxy) {
  run("/public", {{"X-Forwarded-For", "198.51.100.1"}}, "127.0.0.1");
  run("/public", {{"X-Forwarded-For", "198.51.100.1"}}, "192.0.2.9");
  ASSERT_EQ(limiter.charges.size(), 2u);
  EXPECT_EQ(limiter.charges[0].id, "198.51.100.1");
  EXPECT_EQ(limiter.charges[1].id, "192.0.2.9");
  // A second X-Forwarded-For line from the proxy is read after the client's own.
  run("/public", {{"X-Forwarded-For", "6.6.6.6"}, {"X-Forwarded-For", "198.51.100.2"}},
      "127.0.0.1");
  EXPECT_EQ(limiter.charges[2].id, "198.51.100.2");
}

TEST_F(dispatcher_limit_test, store_down_fails_open_without_headers) {
  limiter.down = true;
  auto res = run("/public");
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_EQ(header(res, "RateLimit-Limit"), "<none>");
}

TEST_F(dispatcher_limit_test, store_down_fails_closed_with_503) {
  limiter.down = true;
  limiter.fail_closed = true;
  auto res = run("/public");
  EXPECT_EQ(res.result_int(), 503u);
  EXPECT_EQ(header(res, "Retry-After"), "1");
  auto body = boost::json::parse(res.body()).as_object();
  EXPECT_EQ(body.at("error").at("code"), "SVC_001");
}

TEST_F(dispatcher_limit_test, safe_requests_run_their_handler_while_the_limiter_decides) {
  limiter.slow = true;
  limiter.capacity = 1;
  const std::pair<std::string, std::string> u1{"Authorization", "Bearer free-u1"};
  auto res = run("/counted", {u1});
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_EQ(header(res, "RateLimit-Remaining"), "0");
  EXPECT_EQ(events, (std::vector<std::string>{"handler", "decided"}));

  // Over the limit: the handler ran ahead, but the answer is the denial, not its result.
  events.clear();
  res = run("/counted", {u1});
  EXPECT_EQ(res.result_int(), 429u);
  EXPECT_EQ(header(res, "Retry-After"), "7");
  EXPECT_EQ(boost::json::parse(res.body()).at("error").at("code"), "RATE_001");
  EXPECT_EQ(events, (std::vector<std::string>{"handler", "decided"}));

  // Denied a moment ago: this subject waits for the decision, and no handler runs for it.
  events.clear();
  EXPECT_EQ(run("/counted", {u1}).result_int(), 429u);
  EXPECT_EQ(events, (std::vector<std::string>{"decided"}));
  // Nor for another identity from the address whose ceiling may be what denied it...
  events.clear();
  EXPECT_EQ(run("/counted", {{"Authorization", "Bearer free-u2"}}).result_int(), 200u);
  EXPECT_EQ(events, (std::vector<std::string>{"decided", "handler"}));
  // ...while a user elsewhere still runs ahead.
  events.clear();
  EXPECT_EQ(run("/counted", {{"Authorization", "Bearer free-u3"}}, "192.0.2.50").result_int(),
            200u);
  EXPECT_EQ(events, (std::vector<std::string>{"handler", "decided"}));
}

TEST_F(dispatcher_limit_test, writes_run_only_after_the_limiter_allows_them) {
  limiter.slow = true;
  limiter.capacity = 1;
  const std::pair<std::string, std::string> u1{"Authorization", "Bearer free-u1"};
  EXPECT_EQ(run("/counted", {u1}, "192.0.2.1", bhttp::verb::post).result_int(), 200u);
  EXPECT_EQ(events, (std::vector<std::string>{"decided", "handler"}));
  events.clear();
  EXPECT_EQ(run("/counted", {u1}, "192.0.2.1", bhttp::verb::post).result_int(), 429u);
  EXPECT_EQ(events, (std::vector<std::string>{"decided"}));
  EXPECT_EQ(handler_runs(), 0);
}

TEST_F(dispatcher_limit_test, a_handler_run_ahead_answers_503_when_the_limiter_fails_closed) {
  limiter.slow = true;
  limiter.down = true;
  limiter.fail_closed = true;
  auto res = run("/counted", {{"Authorization", "Bearer free-u1"}});
  EXPECT_EQ(res.result_int(), 503u);
  EXPECT_EQ(boost::json::parse(res.body()).at("error").at("code"), "SVC_001");
  EXPECT_EQ(header(res, "RateLimit-Limit"), "<none>");
}

}  // namespace
}  // namespace ugoki::http::detail
