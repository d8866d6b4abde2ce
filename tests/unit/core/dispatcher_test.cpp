// The header under test comes first: it must be self-contained.
#include "core/http/detail/dispatcher.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json/parse.hpp>

#include "core/dependency_error.hpp"
#include "core/metrics.hpp"

namespace ugoki::http::detail {
namespace {

namespace bhttp = boost::beast::http;
using boost::asio::awaitable;

struct dispatcher_test : ::testing::Test {
  server_settings settings;
  router routes;
  metrics::registry metrics{1};
  std::optional<dispatcher> d;

  void SetUp() override {
    settings.cors_origins = {"https://app.example.com"};
    routes.add({verb::get, "/ok",
                [](request_context&) -> awaitable<response> { co_return ok_json(R"({"a":1})"); }});
    routes.add({verb::post, "/echo", [](request_context& ctx) -> awaitable<response> {
                  co_return created_json(std::string(ctx.body()));
                }});
    routes.add({verb::get, "/fail", [](request_context&) -> awaitable<response> {
                  throw std::runtime_error("secret internal detail");
                  co_return ok_json("{}");
                }});
    routes.add({verb::get, "/down", [](request_context&) -> awaitable<response> {
                  throw dependency_unavailable("postgres", "connection refused");
                  co_return ok_json("{}");
                }});
    routes.add({verb::get, "/bad", [](request_context&) -> awaitable<response> {
                  co_return refused(validation({{"email", "is not an email"}}));
                }});
    routes.add({verb::get, "/private",
                [](request_context&) -> awaitable<response> { co_return ok_json("{}"); },
                access::user});
    routes.add({.method = verb::get,
                .pattern = "/report.csv",
                .fn = [](request_context&) -> awaitable<response> {
                  co_return raw(200, "a,b\n", "text/csv");
                },
                .produces = "text/csv"});
    routes.add({.method = verb::post,
                .pattern = "/cookie",
                .fn = [](request_context&) -> awaitable<response> { co_return ok_json("{}"); },
                .cookie_credentials = true});
    std::vector<std::string> labels(routes.size(), "r");
    metrics.set_route_labels(labels);
    settings.access_log = false;
    d.emplace(settings, routes, metrics);
  }

  beast_response run(bhttp::verb method, std::string target, std::string body = {},
                     std::vector<std::pair<std::string, std::string>> headers = {}) {
    raw_request raw;
    raw.message.method(method);
    raw.message.target(target);
    raw.message.version(11);
    for (auto& [k, v] : headers) {
      raw.message.set(k, v);
    }
    raw.message.body() = std::move(body);
    raw.message.prepare_payload();
    boost::asio::io_context ioc;
    auto f = boost::asio::co_spawn(ioc, d->handle(raw, "127.0.0.1", 0), boost::asio::use_future);
    ioc.run();
    return f.get();
  }
};

TEST_F(dispatcher_test, wraps_data_in_the_success_envelope) {
  auto res = run(bhttp::verb::get, "/ok", {}, {{"X-Request-Id", "client-id-1"}});
  EXPECT_EQ(res.result_int(), 200u);
  auto v = boost::json::parse(res.body()).as_object();
  EXPECT_EQ(v.at("success"), true);
  EXPECT_EQ(v.at("data").at("a"), 1);
  EXPECT_EQ(v.at("meta").at("request_id"), "client-id-1");
  EXPECT_EQ(v.at("meta").at("timestamp").as_string().size(), 24u);
  EXPECT_EQ(res["X-Request-Id"], "client-id-1");
  EXPECT_EQ(res["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(res["Cache-Control"], "no-store");
  EXPECT_EQ(res[bhttp::field::content_type], "application/json");
}

TEST_F(dispatcher_test, replaces_an_insane_request_id) {
  auto res = run(bhttp::verb::get, "/ok", {}, {{"X-Request-Id", "bad id\"<script>"}});
  std::string id(res["X-Request-Id"]);
  EXPECT_EQ(id.size(), 36u);
  EXPECT_EQ(id[14], '4');
}

TEST_F(dispatcher_test, unknown_path_and_wrong_verb) {
  auto nf = run(bhttp::verb::get, "/nope");
  EXPECT_EQ(nf.result_int(), 404u);
  auto v = boost::json::parse(nf.body()).as_object();
  EXPECT_EQ(v.at("success"), false);
  EXPECT_EQ(v.at("error").at("code"), "RES_001");
  EXPECT_TRUE(v.at("error").at("details").as_array().empty());
  auto na = run(bhttp::verb::delete_, "/ok");
  EXPECT_EQ(na.result_int(), 405u);
  EXPECT_EQ(na[bhttp::field::allow], "GET, HEAD");
  EXPECT_EQ(boost::json::parse(na.body()).at("error").at("code"), "RES_002");
}

TEST_F(dispatcher_test, requires_json_content_type_for_bodies) {
  auto bad = run(bhttp::verb::post, "/echo", R"({"x":1})", {{"Content-Type", "text/plain"}});
  EXPECT_EQ(bad.result_int(), 415u);
  EXPECT_EQ(boost::json::parse(bad.body()).at("error").at("code"), "REQ_002");
  auto good = run(bhttp::verb::post, "/echo", R"({"x":1})",
                  {{"Content-Type", "application/json; charset=utf-8"}});
  EXPECT_EQ(good.result_int(), 201u);
  EXPECT_EQ(boost::json::parse(good.body()).at("data").at("x"), 1);
}

TEST_F(dispatcher_test, errors_never_leak_internals) {
  auto res = run(bhttp::verb::get, "/fail");
  EXPECT_EQ(res.result_int(), 500u);
  EXPECT_EQ(res.body().find("secret"), std::string::npos);
  EXPECT_EQ(boost::json::parse(res.body()).at("error").at("code"), "INT_001");
  auto down = run(bhttp::verb::get, "/down");
  EXPECT_EQ(down.result_int(), 503u);
  EXPECT_EQ(down[bhttp::field::retry_after], "1");
  EXPECT_EQ(down.body().find("refused"), std::string::npos);
  EXPECT_EQ(boost::json::parse(down.body()).at("error").at("code"), "SVC_001");
}

TEST_F(dispatcher_test, validation_errors_name_fields) {
  auto res = run(bhttp::verb::get, "/bad");
  EXPECT_EQ(res.result_int(), 400u);
  auto e = boost::json::parse(res.body()).at("error");
  EXPECT_EQ(e.at("details").at(0).at("field"), "email");
}

TEST_F(dispatcher_test, protected_route_without_authenticator_is_401) {
  auto res = run(bhttp::verb::get, "/private");
  EXPECT_EQ(res.result_int(), 401u);
  EXPECT_EQ(boost::json::parse(res.body()).at("error").at("code"), "AUTH_002");
}

// Accepts "Bearer <role>" and makes a caller with that role: enough to test the RBAC step.
struct role_authenticator final : authenticator {
  awaitable<result<principal>> authenticate(request_context& ctx) override {
    std::string_view h = ctx.header("Authorization");
    if (h.rfind("Bearer ", 0) != 0) {
      co_return unauthorized("AUTH_002", "Authentication required");
    }
    std::string role(h.substr(7));
    co_return principal{"user-" + role, "someone@example.com", role, "jti"};
  }
};

TEST_F(dispatcher_test, routes_admit_only_the_roles_they_declare) {
  role_authenticator auth;
  auto whoami = [](request_context& ctx) -> awaitable<response> {
    co_return ok_json("\"" + ctx.user()->user_id + "\"");
  };
  // The router is read-only once serving; a fresh one holds the RBAC routes.
  router rbac;
  rbac.add({verb::get, "/premium", whoami, access::premium});
  rbac.add({verb::get, "/admin", whoami, access::admin});
  metrics::registry m(1);
  m.set_route_labels({"premium", "admin"});
  dispatcher rd(settings, rbac, m);
  rd.set_authenticator(&auth);
  auto call = [&](std::string path, std::string role) {
    raw_request raw;
    raw.message.method(bhttp::verb::get);
    raw.message.target(path);
    raw.message.version(11);
    raw.message.set("Authorization", "Bearer " + role);
    boost::asio::io_context ioc;
    auto f = boost::asio::co_spawn(ioc, rd.handle(raw, "127.0.0.1", 0), boost::asio::use_future);
    ioc.run();
    return f.get();
  };
  auto code = [](const beast_response& r) {
    return std::string(boost::json::parse(r.body()).at("error").at("code").as_string());
  };
  auto free_on_premium = call("/premium", "free");
  EXPECT_EQ(free_on_premium.result_int(), 403u);
  EXPECT_EQ(code(free_on_premium), "AUTH_003");
  auto premium = call("/premium", "premium");
  EXPECT_EQ(premium.result_int(), 200u);
  EXPECT_EQ(boost::json::parse(premium.body()).at("data"), "user-premium");
  EXPECT_EQ(call("/premium", "admin").result_int(), 200u);
  EXPECT_EQ(call("/admin", "admin").result_int(), 200u);
  auto premium_on_admin = call("/admin", "premium");
  EXPECT_EQ(premium_on_admin.result_int(), 403u);
  EXPECT_EQ(code(premium_on_admin), "AUTH_003");
  EXPECT_EQ(call("/admin", "free").result_int(), 403u);
}

TEST_F(dispatcher_test, cors_only_for_allowed_origins) {
  auto ok = run(bhttp::verb::get, "/ok", {}, {{"Origin", "https://app.example.com"}});
  EXPECT_EQ(ok[bhttp::field::access_control_allow_origin], "https://app.example.com");
  auto no = run(bhttp::verb::get, "/ok", {}, {{"Origin", "https://evil.example.com"}});
  EXPECT_EQ(no.find(bhttp::field::access_control_allow_origin), no.end());
  auto pre =
      run(bhttp::verb::options, "/ok", {},
          {{"Origin", "https://app.example.com"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(pre.result_int(), 204u);
  EXPECT_NE(pre[bhttp::field::access_control_allow_methods].find("POST"), std::string::npos);
}

TEST_F(dispatcher_test, head_has_length_but_no_body) {
  auto res = run(bhttp::verb::head, "/ok");
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_TRUE(res.body().empty());
  EXPECT_NE(res[bhttp::field::content_length], "0");
}

}  // namespace
}  // namespace ugoki::http::detail

namespace ugoki::http::detail {
namespace {

// Issue 10: a client that accepts only XML used to get JSON with a 200.
TEST_F(dispatcher_test, answers_406_when_accept_admits_nothing_the_route_produces) {
  auto xml = run(bhttp::verb::get, "/ok", {}, {{"Accept", "application/xml"}});
  EXPECT_EQ(xml.result_int(), 406u);
  auto e = boost::json::parse(xml.body()).at("error");
  EXPECT_EQ(e.at("code"), "REQ_005");
  EXPECT_EQ(e.at("details").at(0).at("field"), "Accept");
  EXPECT_EQ(xml[bhttp::field::content_type], "application/json");
  for (const char* fine :
       {"*/*", "application/*", "application/json", "text/html, */*;q=0.1",
        "APPLICATION/JSON; charset=utf-8", "application/xml, application/json"}) {
    EXPECT_EQ(run(bhttp::verb::get, "/ok", {}, {{"Accept", fine}}).result_int(), 200u) << fine;
  }
  EXPECT_EQ(run(bhttp::verb::get, "/ok").result_int(), 200u) << "no Accept";
  EXPECT_EQ(
      run(bhttp::verb::get, "/ok", {}, {{"Accept", "application/json;q=0, */*"}}).result_int(),
      406u)
      << "q=0 on the exact type refuses it even when */* admits the rest";
  EXPECT_EQ(run(bhttp::verb::get, "/report.csv", {}, {{"Accept", "text/csv"}}).result_int(), 200u);
  EXPECT_EQ(run(bhttp::verb::get, "/report.csv", {}, {{"Accept", "application/json"}}).result_int(),
            406u);
}

// Issue 10: the web refresh cookie could be spent from another site's page.
TEST_F(dispatcher_test, cookie_routes_refuse_cross_site_requests_that_carry_cookies) {
  settings.cors_origins = {"https://app.ugoki.test"};
  d.emplace(settings, routes, metrics);
  auto call = [&](std::vector<std::pair<std::string, std::string>> headers) {
    return run(bhttp::verb::post, "/cookie", {}, std::move(headers));
  };
  auto evil = call({{"Cookie", "__Host-ugoki_refresh=t"}, {"Origin", "https://evil.example"}});
  EXPECT_EQ(evil.result_int(), 403u);
  EXPECT_EQ(boost::json::parse(evil.body()).at("error").at("code"), "AUTH_007");
  EXPECT_EQ(
      call({{"Cookie", "__Host-ugoki_refresh=t"}, {"Sec-Fetch-Site", "cross-site"}}).result_int(),
      403u);
  EXPECT_EQ(
      call({{"Cookie", "__Host-ugoki_refresh=t"}, {"Sec-Fetch-Site", "same-site"}}).result_int(),
      403u)
      << "a sibling subdomain is another origin";
  EXPECT_EQ(call({{"Cookie", "t=1"},
                  {"Origin", "https://app.ugoki.test"},
                  {"Sec-Fetch-Site", "same-site"}})
                .result_int(),
            200u);
  EXPECT_EQ(call({{"Cookie", "t=1"}, {"Sec-Fetch-Site", "same-origin"}}).result_int(), 200u);
  EXPECT_EQ(call({{"Cookie", "t=1"}}).result_int(), 200u) << "not a browser page";
  EXPECT_EQ(call({{"Origin", "https://evil.example"}}).result_int(), 200u)
      << "without cookies there is no credential to protect";
}

}  // namespace
}  // namespace ugoki::http::detail
