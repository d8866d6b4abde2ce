// DELETE /users/me and GET /users/me/export: thin handlers over auth's account deletion (through
// account_deleter) and user::exporter. The caller's id comes from the verified token only.
#include "user/account_routes.hpp"

#include <string>

#include "core/http/router.hpp"
#include "user/dto.hpp"
#include "user/errors.hpp"
#include "user/export.hpp"

namespace ugoki::user {

namespace {

using boost::asio::awaitable;
using http::access;
using http::verb;

awaitable<http::response> delete_me(http::request_context& ctx,
                                    const account_deleter& delete_account) {
  auto password = dto::parse_delete_account(ctx.body());
  if (!password) {
    co_return http::refused(std::move(password.error()));
  }
  co_return http::no_content(
      co_await delete_account(ctx.user()->user_id, std::move(*password), ctx.request_id()));
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

void add_account_routes(http::router& router, account_deleter delete_account, exporter& exports) {
  router.add({.method = verb::delete_,
              .pattern = "/api/v1/users/me",
              .fn = http::bind_handler(delete_me, std::move(delete_account)),
              .level = access::user});
  router.add({.method = verb::get,
              .pattern = "/api/v1/users/me/export",
              .fn = http::bind_handler(export_me, exports),
              .level = access::user});
}

}  // namespace ugoki::user
