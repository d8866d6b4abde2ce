// /api/v1/users routes: the table and its handlers. Every route reads the caller's id from the
// verified token, never from the path or body, so another user's data is unreachable.
#include "user/routes.hpp"

#include "core/http/api_error.hpp"  // transitional (issue 11)
#include "core/http/router.hpp"
#include "user/dto.hpp"
#include "user/errors.hpp"
#include "user/service.hpp"

namespace ugoki::user {

namespace {

using boost::asio::awaitable;
using http::access;
using http::request_context;
using http::response;
using http::verb;

// Profile and settings bodies are small; the largest (lists, dietary preferences) is < 16 KiB.
constexpr std::size_t user_body_limit = 64 * 1024;

awaitable<response> get_me(request_context& ctx, service& svc) {
  auto found = co_await svc.get_me(ctx.user()->user_id);
  if (!found) {
    http::raise(errors::user_not_found());
  }
  co_return http::ok_json(dto::render_me(*found));
}

awaitable<response> patch_me(request_context& ctx, service& svc) {
  auto patch = dto::parse_profile_patch(ctx.body());
  auto updated = co_await svc.update_profile(ctx.user()->user_id, std::move(patch));
  co_return http::ok_json(dto::render_me(updated));
}

awaitable<response> get_preferences(request_context& ctx, service& svc) {
  auto prefs = co_await svc.get_preferences(ctx.user()->user_id);
  co_return http::ok_json(dto::render_preferences(prefs));
}

awaitable<response> patch_preferences(request_context& ctx, service& svc) {
  auto patch = dto::parse_preferences_patch(ctx.body());
  auto prefs = co_await svc.update_preferences(ctx.user()->user_id, std::move(patch));
  co_return http::ok_json(dto::render_preferences(prefs));
}

awaitable<response> post_onboarding(request_context& ctx, service& svc) {
  auto answers = dto::parse_onboarding(ctx.body());
  auto done = co_await svc.complete_onboarding(ctx.user()->user_id, std::move(answers));
  co_return http::ok_json(dto::render_onboarding(done));
}

http::route user_route(verb method, std::string pattern,
                       awaitable<response> (*fn)(request_context&, service&), service& svc) {
  return {method, std::move(pattern), [fn, &svc](request_context& ctx) { return fn(ctx, svc); },
          access::user, user_body_limit};
}

}  // namespace

void add_user_routes(http::router& router, service& svc) {
  router.add(user_route(verb::get, "/api/v1/users/me", get_me, svc));
  router.add(user_route(verb::patch, "/api/v1/users/me", patch_me, svc));
  router.add(user_route(verb::get, "/api/v1/users/me/preferences", get_preferences, svc));
  router.add(user_route(verb::patch, "/api/v1/users/me/preferences", patch_preferences, svc));
  router.add(user_route(verb::post, "/api/v1/users/me/onboarding", post_onboarding, svc));
}

}  // namespace ugoki::user
