// /api/v1/users routes: the table and its handlers. Every route reads the caller's id from the
// verified token, never from the path or body, so another user's data is unreachable.
#include "user/routes.hpp"

#include "core/http/router.hpp"
#include "user/dto.hpp"
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
  co_return http::ok(co_await svc.get_me(ctx.user()->user_id), dto::render_me);
}

awaitable<response> patch_me(request_context& ctx, service& svc) {
  auto patch = dto::parse_profile_patch(ctx.body(), co_await svc.rules());
  if (!patch) {
    co_return http::refused(std::move(patch.error()));
  }
  co_return http::ok(co_await svc.update_profile(ctx.user()->user_id, std::move(*patch)),
                     dto::render_me);
}

awaitable<response> get_preferences(request_context& ctx, service& svc) {
  co_return http::ok(co_await svc.get_preferences(ctx.user()->user_id), dto::render_preferences);
}

awaitable<response> patch_preferences(request_context& ctx, service& svc) {
  auto patch = dto::parse_preferences_patch(ctx.body());
  if (!patch) {
    co_return http::refused(std::move(patch.error()));
  }
  co_return http::ok(co_await svc.update_preferences(ctx.user()->user_id, std::move(*patch)),
                     dto::render_preferences);
}

awaitable<response> post_onboarding(request_context& ctx, service& svc) {
  auto answers = dto::parse_onboarding(ctx.body());
  if (!answers) {
    co_return http::refused(std::move(answers.error()));
  }
  co_return http::ok(co_await svc.complete_onboarding(ctx.user()->user_id, std::move(*answers)),
                     dto::render_onboarding);
}

}  // namespace

void add_user_routes(http::router& router, service& svc) {
  router.add({.method = verb::get,
              .pattern = "/api/v1/users/me",
              .fn = http::bind_handler(get_me, svc),
              .level = access::user,
              .body_limit = user_body_limit});
  router.add({.method = verb::patch,
              .pattern = "/api/v1/users/me",
              .fn = http::bind_handler(patch_me, svc),
              .level = access::user,
              .body_limit = user_body_limit});
  router.add({.method = verb::get,
              .pattern = "/api/v1/users/me/preferences",
              .fn = http::bind_handler(get_preferences, svc),
              .level = access::user,
              .body_limit = user_body_limit});
  router.add({.method = verb::patch,
              .pattern = "/api/v1/users/me/preferences",
              .fn = http::bind_handler(patch_preferences, svc),
              .level = access::user,
              .body_limit = user_body_limit});
  router.add({.method = verb::post,
              .pattern = "/api/v1/users/me/onboarding",
              .fn = http::bind_handler(post_onboarding, svc),
              .level = access::user,
              .body_limit = user_body_limit});
}

}  // namespace ugoki::user
