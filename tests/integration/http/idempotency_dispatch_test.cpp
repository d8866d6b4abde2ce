// The dispatcher's Idempotency-Key step with the real PostgreSQL store: one execution for many
// replays, 422/409/400, 4xx kept, 5xx and exceptions forgotten, keys ignored where they do not
// apply, concurrent duplicates, and 503 when the database is down.
#include "core/http/detail/dispatcher.hpp"

#include <gtest/gtest.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>

#include <map>
#include <stdexcept>

#include "core/dependency_error.hpp"
#include "core/metrics.hpp"
#include "integration/http/idempotency_fixture.hpp"

namespace ugoki::testing {
namespace {

namespace bhttp = boost::beast::http;
using boost::asio::awaitable;
using namespace ugoki::http;
using detail::beast_response;

// "Bearer <user id>" signs in as that user.
class id_authenticator final : public authenticator {
 public:
  awaitable<result<principal>> authenticate(request_context& ctx) override {
    std::string_view h = ctx.header("Authorization");
    if (!h.starts_with("Bearer ")) {
      co_return unauthorized("AUTH_002", "Authentication required");
    }
    co_return principal{std::string(h.substr(7)), "", "free", ""};
  }
};

// Holds a "slow" request inside its handler until the test lets it go (at most 10 s) and says
// when one got there, so a race is arranged by signals rather than by delays.
struct hold {
  bool entered = false;
  boost::asio::steady_timer* waiting = nullptr;
  void release() {
    if (waiting != nullptr) {
      waiting->cancel();
    }
  }
};

// Counts its runs per user. The body picks the outcome: "ok", "reject" (400), "taken" (409, a
// refusal after the work started), "boom" (throws), "down" (dependency failure), "slow" (held by
// `slow`, then ok).
awaitable<response> counting(std::map<std::string, int>& runs, hold& slow, request_context& ctx) {
  int n = ++runs[ctx.user()->user_id];
  std::string_view body = ctx.body();
  if (body.find("slow") != std::string_view::npos) {
    boost::asio::steady_timer t(co_await boost::asio::this_coro::executor,
                                std::chrono::seconds(10));
    slow.entered = true;
    slow.waiting = &t;
    co_await t.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
    slow.waiting = nullptr;
  }
  if (body.find("reject") != std::string_view::npos) {
    co_return refused(validation({{"thing", "rejected"}}));
  }
  if (body.find("taken") != std::string_view::npos) {
    co_return refused(conflict("THING_001", "Already taken"));
  }
  if (body.find("boom") != std::string_view::npos) {
    throw std::runtime_error("handler failed");
  }
  if (body.find("down") != std::string_view::npos) {
    throw dependency_unavailable("postgres", "gone");
  }
  co_return created_json("{\"run\":" + std::to_string(n) + "}");
}

class idempotency_dispatch_test : public idempotency_test {
 protected:
  void SetUp() override {
    idempotency_test::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    auto fn = [this](request_context& ctx) { return counting(runs_, slow_, ctx); };
    routes_.add({.method = verb::post,
                 .pattern = "/things",
                 .fn = fn,
                 .level = access::user,
                 .idempotent = true});
    routes_.add({.method = verb::post, .pattern = "/plain", .fn = fn, .level = access::user});
    metrics_.set_route_labels(std::vector<std::string>(routes_.size(), "r"));
    settings_http_.access_log = false;
    store_.emplace(*db_);
    d_.emplace(settings_http_, routes_, metrics_);
    d_->set_authenticator(&auth_);
    d_->set_idempotency_store(&*store_);
  }

  raw_request make(std::string target, const std::string& user, std::string body,
                   std::vector<std::string> keys) {
    raw_request raw;
    raw.message.method(bhttp::verb::post);
    raw.message.target(target);
    raw.message.version(11);
    raw.message.set("Authorization", "Bearer " + user);
    raw.message.set("Content-Type", "application/json");
    for (auto& k : keys) {
      raw.message.insert("Idempotency-Key", k);
    }
    raw.message.body() = std::move(body);
    raw.message.prepare_payload();
    return raw;
  }

  beast_response post(std::string target, const std::string& user, std::string body,
                      std::vector<std::string> keys) {
    auto raw = make(std::move(target), user, std::move(body), std::move(keys));
    return run(d_->handle(raw, "192.0.2.1", 0));
  }

  beast_response post(const std::string& user, std::string body, std::string key) {
    return post("/things", user, std::move(body), {std::move(key)});
  }

  std::map<std::string, int> runs_;
  hold slow_;
  router routes_;
  server_settings settings_http_;
  metrics::registry metrics_{1};
  id_authenticator auth_;
  std::optional<idempotency::pg_idempotency_store> store_;
  std::optional<detail::dispatcher> d_;
};

std::string header(const beast_response& r, const char* name) {
  auto it = r.find(name);
  return it == r.end() ? std::string("<none>") : std::string(it->value());
}

std::string code_of(const beast_response& r) {
  return std::string(boost::json::parse(r.body()).at("error").at("code").as_string());
}

TEST_F(idempotency_dispatch_test, replays_run_the_handler_once_and_send_the_same_bytes) {
  auto user = new_user();
  auto first = post(user, R"({"x":"ok"})", "key-1");
  ASSERT_EQ(first.result_int(), 201u) << first.body();
  EXPECT_EQ(header(first, "Idempotent-Replayed"), "<none>");
  for (int i = 0; i < 3; ++i) {
    auto again = post(user, R"({"x":"ok"})", "key-1");
    EXPECT_EQ(again.result_int(), 201u);
    EXPECT_EQ(again.body(), first.body());
    EXPECT_EQ(header(again, "Content-Type"), "application/json");
    EXPECT_EQ(header(again, "Idempotent-Replayed"), "true");
    EXPECT_EQ(header(again, "X-Content-Type-Options"), "nosniff") << "common headers as usual";
  }
  EXPECT_EQ(runs_[user], 1);
  auto row = row_of(user, "key-1");
  ASSERT_TRUE(row);
  EXPECT_EQ(row->status, 201);
  EXPECT_EQ(row->body, "application/json\n" + first.body());
}

TEST_F(idempotency_dispatch_test, a_different_body_is_422_and_does_not_run) {
  auto user = new_user();
  post(user, R"({"x":"ok"})", "key-2");
  auto other = post(user, R"({"x":"ok","y":1})", "key-2");
  EXPECT_EQ(other.result_int(), 422u);
  EXPECT_EQ(code_of(other), "IDEMP_001");
  EXPECT_EQ(runs_[user], 1);
}

TEST_F(idempotency_dispatch_test, bad_or_repeated_keys_are_400_and_store_nothing) {
  auto user = new_user();
  for (std::string bad : {std::string(""), std::string(256, 'k'), std::string("a b")}) {
    auto res = post(user, R"({"x":"ok"})", bad);
    EXPECT_EQ(res.result_int(), 400u) << bad;
    EXPECT_EQ(code_of(res), "VAL_001");
    EXPECT_NE(res.body().find("\"field\":\"Idempotency-Key\""), std::string::npos);
  }
  auto twice = post("/things", user, R"({"x":"ok"})", {"k-a", "k-b"});
  EXPECT_EQ(twice.result_int(), 400u);
  EXPECT_EQ(runs_[user], 0);
  EXPECT_FALSE(row_of(user, "k-a"));
}

TEST_F(idempotency_dispatch_test, without_a_key_or_on_other_routes_every_request_runs) {
  auto user = new_user();
  post("/things", user, R"({"x":"ok"})", {});
  post("/things", user, R"({"x":"ok"})", {});
  post("/plain", user, R"({"x":"ok"})", {"key-3"});
  auto res = post("/plain", user, R"({"x":"ok"})", {"key-3"});
  EXPECT_EQ(header(res, "Idempotent-Replayed"), "<none>");
  EXPECT_EQ(runs_[user], 4);
  EXPECT_FALSE(row_of(user, "key-3")) << "a route that is not idempotent stores nothing";
}

TEST_F(idempotency_dispatch_test, a_handler_4xx_other_than_400_is_kept_and_replayed) {
  auto user = new_user();
  auto first = post(user, R"({"x":"taken"})", "key-4");
  EXPECT_EQ(first.result_int(), 409u);
  auto again = post(user, R"({"x":"taken"})", "key-4");
  EXPECT_EQ(again.result_int(), 409u);
  EXPECT_EQ(again.body(), first.body());
  EXPECT_EQ(header(again, "Idempotent-Replayed"), "true");
  EXPECT_EQ(runs_[user], 1);
}

// Stripe's semantics: a request refused by validation stores nothing, so the client's corrected
// retry under the same key runs (it used to get 422 IDEMP_001, the key burned by the 400).
TEST_F(idempotency_dispatch_test, a_400_stores_nothing_so_the_corrected_retry_runs) {
  auto user = new_user();
  auto rejected = post(user, R"({"x":"reject"})", "key-4b");
  EXPECT_EQ(rejected.result_int(), 400u);
  EXPECT_FALSE(row_of(user, "key-4b"));
  auto corrected = post(user, R"({"x":"ok"})", "key-4b");
  EXPECT_EQ(corrected.result_int(), 201u);
  EXPECT_EQ(header(corrected, "Idempotent-Replayed"), "<none>");
  auto replayed = post(user, R"({"x":"ok"})", "key-4b");
  EXPECT_EQ(header(replayed, "Idempotent-Replayed"), "true");
  EXPECT_EQ(replayed.body(), corrected.body());
  EXPECT_EQ(runs_[user], 2);
}

TEST_F(idempotency_dispatch_test, exceptions_and_dependency_failures_forget_the_key) {
  auto user = new_user();
  auto boom = post(user, R"({"x":"boom"})", "key-5");
  EXPECT_EQ(boom.result_int(), 500u);
  EXPECT_FALSE(row_of(user, "key-5"));
  EXPECT_EQ(post(user, R"({"x":"boom"})", "key-5").result_int(), 500u);
  EXPECT_EQ(runs_[user], 2) << "a retry after a 500 runs for real";

  auto down = post(user, R"({"x":"down"})", "key-6");
  EXPECT_EQ(down.result_int(), 503u);
  EXPECT_EQ(code_of(down), "SVC_001");
  EXPECT_FALSE(row_of(user, "key-6"));
}

// Starts `a`; sends `b` once `a` is inside its handler (so it holds the key), at most 10 s
// later; then lets `a` finish.
awaitable<void> race(detail::dispatcher& d, hold& slow, raw_request& a, raw_request& b,
                     std::optional<beast_response>& ra, std::optional<beast_response>& rb) {
  auto ex = co_await boost::asio::this_coro::executor;
  boost::asio::co_spawn(ex, d.handle(a, "192.0.2.1", 0),
                        [&ra](std::exception_ptr e, beast_response r) {
                          if (!e) {
                            ra = std::move(r);
                          }
                        });
  boost::asio::steady_timer t(ex);
  for (int i = 0; i < 2000 && !slow.entered; ++i) {
    t.expires_after(std::chrono::milliseconds(5));
    co_await t.async_wait(boost::asio::use_awaitable);
  }
  rb = co_await d.handle(b, "192.0.2.1", 0);
  slow.release();
}

TEST_F(idempotency_dispatch_test, a_concurrent_duplicate_gets_409_and_never_runs) {
  auto user = new_user();
  auto a = make("/things", user, R"({"x":"slow"})", {"key-7"});
  auto b = make("/things", user, R"({"x":"slow"})", {"key-7"});
  std::optional<beast_response> ra, rb;
  run(race(*d_, slow_, a, b, ra, rb));
  ASSERT_TRUE(ra && rb);
  EXPECT_EQ(ra->result_int(), 201u);
  EXPECT_EQ(rb->result_int(), 409u);
  EXPECT_EQ(code_of(*rb), "IDEMP_002");
  EXPECT_EQ(header(*rb, "Retry-After"), "1");
  EXPECT_EQ(runs_[user], 1);
  EXPECT_EQ(post(user, R"({"x":"slow"})", "key-7").body(), ra->body());
}

TEST_F(idempotency_dispatch_test, a_database_that_is_down_is_503_and_the_handler_does_not_run) {
  pg::settings down = settings_;
  down.url = "postgresql://127.0.0.1:1/none?connect_timeout=1";
  down.acquire_timeout = std::chrono::milliseconds(300);
  down.connect_timeout = std::chrono::milliseconds(300);
  pg::database dead(down, 1);
  dead.attach_thread(0, ioc_.get_executor());
  idempotency::pg_idempotency_store dead_store(dead);
  d_->set_idempotency_store(&dead_store);
  auto res = post("00000000-0000-4000-8000-000000000003", R"({"x":"ok"})", "key-8");
  d_->set_idempotency_store(&*store_);
  EXPECT_EQ(res.result_int(), 503u);
  EXPECT_EQ(code_of(res), "SVC_001");
  EXPECT_TRUE(runs_.empty());
}

}  // namespace
}  // namespace ugoki::testing
