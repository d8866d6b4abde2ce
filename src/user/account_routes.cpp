// DELETE /users/me and GET /users/me/export: thin handlers over user::account and
// user::exporter. The caller's id comes from the verified token only.
#include "user/account_routes.hpp"

#include <boost/json/object.hpp>

#include <string>

#include "core/http/api_error.hpp"  // transitional (issue 11)
#include "core/http/router.hpp"
#include "core/json.hpp"
#include "user/account.hpp"
#include "user/errors.hpp"
#include "user/export.hpp"

namespace ugoki::user {

namespace {

using boost::asio::awaitable;
using http::access;
using http::verb;

// Same bound as login: old passwords may predate today's policy, but nobody makes us hash MiBs.
constexpr std::size_t max_password_chars = 1024;

// {password}: 400 VAL_001 naming every bad or unknown field.
std::string parse_delete(std::string_view body) {
  auto obj = json::parse_object_or_raise(body);
  json::field_reader r(obj);
  r.reject_unknown({"password"});
  auto password = r.string("password", 1, max_password_chars, true);
  r.finish_or_raise();
  return password.value_or("");
}

awaitable<http::response> delete_me(http::request_context& ctx, account& accounts) {
  std::string password = parse_delete(ctx.body());
  auto done =
      co_await accounts.delete_account(ctx.user()->user_id, std::move(password), ctx.request_id());
  if (!done) {
    http::raise(done.error());
  }
  co_return http::no_content();
}

awaitable<http::response> export_me(http::request_context& ctx, exporter& exports) {
  auto doc = co_await exports.export_json(ctx.user()->user_id);
  if (!doc) {
    http::raise(errors::user_not_found());
  }
  auto res = http::raw(200, std::move(*doc), "application/json");
  res.headers.emplace_back("Content-Disposition", "attachment; filename=\"ugoki-export.json\"");
  res.headers.emplace_back("Cache-Control", "no-store");
  co_return res;
}

}  // namespace

void add_account_routes(http::router& router, account& accounts, exporter& exports) {
  router.add({verb::delete_, "/api/v1/users/me",
              [&accounts](http::request_context& ctx) { return delete_me(ctx, accounts); },
              access::user});
  router.add({verb::get, "/api/v1/users/me/export",
              [&exports](http::request_context& ctx) { return export_me(ctx, exports); },
              access::user});
}

}  // namespace ugoki::user
