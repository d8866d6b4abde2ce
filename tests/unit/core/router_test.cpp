// The header under test comes first: it must be self-contained.
#include "core/http/router.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <chrono>
#include <memory>

#include "core/http/detail/raw_request.hpp"

namespace ugoki::http {
namespace {

boost::asio::awaitable<response> noop(request_context&) {
  co_return ok_json("{}");
}

struct router_test : ::testing::Test {
  router r;
  raw_request raw;
  request_context ctx{raw, "req-1", "127.0.0.1"};

  void SetUp() override {
    r.add({verb::get, "/api/v1/fasting/protocols", noop});
    r.add({verb::get, "/api/v1/fasting/protocols/:id", noop});
    r.add({verb::get, "/api/v1/fasting/sessions/current", noop});
    r.add({verb::patch, "/api/v1/fasting/sessions/:id", noop});
    r.add({verb::post, "/api/v1/fasting/sessions/:id/end", noop, access::user, 4096});
    r.add({verb::post, "/api/v1/fasting/sessions", noop});
  }
};

TEST_F(router_test, finds_static_route) {
  auto m = r.find(verb::get, "/api/v1/fasting/protocols", ctx);
  ASSERT_EQ(m.result, router::outcome::found);
  EXPECT_EQ(m.matched->pattern, "/api/v1/fasting/protocols");
  EXPECT_EQ(m.index, 0u);
}

TEST_F(router_test, captures_path_parameters) {
  auto m = r.find(verb::post, "/api/v1/fasting/sessions/abc-123/end", ctx);
  ASSERT_EQ(m.result, router::outcome::found);
  EXPECT_EQ(ctx.path_param("id"), "abc-123");
  EXPECT_EQ(ctx.path_param("missing"), "");
}

TEST_F(router_test, static_segment_wins_over_parameter) {
  auto m = r.find(verb::get, "/api/v1/fasting/sessions/current", ctx);
  ASSERT_EQ(m.result, router::outcome::found);
  EXPECT_EQ(m.matched->pattern, "/api/v1/fasting/sessions/current");
}

TEST_F(router_test, unknown_path_is_not_found) {
  EXPECT_EQ(r.find(verb::get, "/api/v1/nope", ctx).result, router::outcome::not_found);
  EXPECT_EQ(r.find(verb::get, "/api/v1/fasting/protocols/x/y", ctx).result,
            router::outcome::not_found);
  EXPECT_EQ(r.find(verb::get, "/api/v1/fasting/protocols/", ctx).result,
            router::outcome::not_found);
  EXPECT_EQ(r.find(verb::get, "", ctx).result, router::outcome::not_found);
  EXPECT_EQ(r.find(verb::get, "api/v1/fasting/protocols", ctx).result, router::outcome::not_found);
}

TEST_F(router_test, wrong_verb_is_method_not_allowed_with_allow_list) {
  auto m = r.find(verb::delete_, "/api/v1/fasting/protocols", ctx);
  EXPECT_EQ(m.result, router::outcome::method_not_allowed);
  EXPECT_EQ(m.allow, "GET, HEAD");
  auto s = r.find(verb::get, "/api/v1/fasting/sessions", ctx);
  EXPECT_EQ(s.result, router::outcome::method_not_allowed);
  EXPECT_EQ(s.allow, "POST");
}

TEST_F(router_test, head_is_served_by_get) {
  EXPECT_EQ(r.find(verb::head, "/api/v1/fasting/protocols", ctx).result, router::outcome::found);
}

TEST_F(router_test, rejects_bad_and_duplicate_patterns) {
  EXPECT_THROW(r.add({verb::get, "/api/v1/fasting/protocols", noop}), std::invalid_argument);
  EXPECT_THROW(r.add({verb::get, "no-slash", noop}), std::invalid_argument);
  EXPECT_THROW(r.add({verb::get, "/trailing/", noop}), std::invalid_argument);
  EXPECT_THROW(r.add({verb::get, "/a//b", noop}), std::invalid_argument);
  EXPECT_THROW(r.add({verb::get, "/a/:", noop}), std::invalid_argument);
  EXPECT_THROW(r.add({verb::get, "/:a/:b/:c/:d/:e", noop}), std::invalid_argument);
}

TEST_F(router_test, body_limit_follows_the_route) {
  EXPECT_EQ(r.body_limit_for(verb::post, "/api/v1/fasting/sessions/x/end"), 4096u);
  EXPECT_EQ(r.body_limit_for(verb::post, "/api/v1/fasting/sessions"), 1024u * 1024u);
  EXPECT_EQ(r.body_limit_for(verb::post, "/nowhere"), 1024u * 1024u);
  EXPECT_EQ(r.max_body_limit(), 1024u * 1024u);
}

// Like every service: not copyable, so bind_handler holds it by reference.
struct counter_service {
  counter_service() = default;
  counter_service(const counter_service&) = delete;
  int calls = 0;
};

boost::asio::awaitable<response> count_call(request_context& ctx, counter_service& svc,
                                            std::chrono::seconds ttl) {
  ++svc.calls;
  co_return ok_json(std::to_string(svc.calls) + std::string(ctx.path_param("id")) +
                    std::to_string(ttl.count()));
}

boost::asio::awaitable<response> owned_call(request_context&, std::string& owned) {
  co_return ok_json(owned);
}

std::string body_of(const handler& h, request_context& ctx) {
  boost::asio::io_context ioc;
  auto f = boost::asio::co_spawn(ioc, h(ctx), boost::asio::use_future);
  ioc.run();
  return f.get().body;
}

TEST_F(router_test,
       bind_handler_holds_services_by_reference_and_small_values_and_pointers_by_value) {
  counter_service svc;
  handler h;
  {
    std::chrono::seconds ttl{300};  // a local: bind_handler must copy it, not point at it
    h = bind_handler(count_call, svc, ttl);
  }
  auto m = r.find(verb::get, "/api/v1/fasting/protocols/7", ctx);
  ASSERT_EQ(m.result, router::outcome::found);
  EXPECT_EQ(body_of(h, ctx), "17300");
  EXPECT_EQ(body_of(h, ctx), "27300");
  EXPECT_EQ(svc.calls, 2) << "the same service object, by reference";
  auto owned = std::make_shared<std::string>("\"kept\"");
  std::weak_ptr<std::string> watch = owned;
  handler k = bind_handler(owned_call, std::move(owned));
  EXPECT_EQ(body_of(k, ctx), "\"kept\"");
  EXPECT_FALSE(watch.expired()) << "the route keeps what it was given";
  k = nullptr;
  EXPECT_TRUE(watch.expired());
}

}  // namespace
}  // namespace ugoki::http
