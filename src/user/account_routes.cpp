// DELETE /users/me and GET /users/me/export: thin handlers over user::account and
// user::exporter. The caller's id comes from the verified token only.
#include "user/account_routes.hpp"

#include <string>

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
result<std::string> parse_delete(std::string_view body) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"password"});
  auto password = r.string("password", 1, max_password_chars, true);
  return r.finish(password.value_or(""));
}

awaitable<http::response> delete_me(http::request_context& ctx, account& accounts) {
  auto password = parse_delete(ctx.body());
  if (!password) {
    co_return http::refused(std::move(password.error()));
  }
  co_return http::no_content(co_await accounts.delete_account(
      ctx.user()->user_id, std::move(*password), ctx.request_id()));
}

awaitable<http::response> export_me(http::request_context& ctx, exporter& exports) {
  auto doc = co_await exports.export_json(ctx.user()->user_id);
  if (!doc) {
    co_return http::refused(errors::account_gone());
  }
  auto res = http::raw(200, std::move(*doc), "application/json");
  res.headers.emplace_back("Content-Disposition", "attachment; filename=\"ugoki-export.json\"");
  res.headers.emplace_back("Cache-Control", "no-store");
  co_return res;
}

}  // namespace

void add_account_routes(http::router& router, account& accounts, exporter& exports) {
  router.add({.method = verb::delete_,
              .pattern = "/api/v1/users/me",
              .fn = http::bind_handler(delete_me, accounts),
              .level = access::user});
  router.add({.method = verb::get,
              .pattern = "/api/v1/users/me/export",
              .fn = http::bind_handler(export_me, exports),
              .level = access::user});
}

}  // namespace ugoki::user
