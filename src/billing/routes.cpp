// The billing route table and its handlers: parse, call the service once, render.
#include "billing/routes.hpp"

#include "billing/dto.hpp"
#include "billing/errors.hpp"
#include "billing/service.hpp"
#include "core/http/request_context.hpp"
#include "core/http/response.hpp"

namespace ugoki::billing {

namespace {

using boost::asio::awaitable;
using http::request_context;
using http::response;

// The raw body bytes are what Stripe signed: they go to the service untouched, and are parsed
// only once the signature holds.
awaitable<response> stripe_webhook(request_context& ctx, service& svc) {
  if (ctx.header_count("Stripe-Signature") != 1) {
    co_return http::refused(errors::bad_signature());
  }
  co_return http::ok(co_await svc.receive_stripe(ctx.body(), ctx.header("Stripe-Signature")),
                     dto::render_intake);
}

awaitable<response> checkout(request_context& ctx, service& svc) {
  auto price = dto::parse_checkout(ctx.body());
  if (!price) {
    co_return http::refused(std::move(price.error()));
  }
  const auto& caller = *ctx.user();
  co_return http::ok(co_await svc.checkout(caller.user_id, caller.email, std::move(*price)),
                     dto::render_hosted_page);
}

awaitable<response> portal(request_context& ctx, service& svc) {
  if (auto body = dto::parse_portal(ctx.body()); !body) {
    co_return http::refused(std::move(body.error()));
  }
  co_return http::ok(co_await svc.portal(ctx.user()->user_id), dto::render_hosted_page);
}

awaitable<response> my_subscription(request_context& ctx, service& svc) {
  auto view = co_await svc.subscription(ctx.user()->user_id);
  co_return http::ok_json(dto::render_subscription(view));
}

}  // namespace

void add_billing_routes(http::router& router, service& svc) {
  using http::access;
  using http::verb;
  router.add({.method = verb::post,
              .pattern = "/webhooks/stripe",
              .fn = http::bind_handler(stripe_webhook, svc),
              .level = access::anyone,
              .body_limit = 512 * 1024,
              .rate_limited = false});
  // Each call makes a new Stripe session; Idempotency-Key lets a client retry one safely.
  router.add({.method = verb::post,
              .pattern = "/api/v1/billing/checkout",
              .fn = http::bind_handler(checkout, svc),
              .level = access::user,
              .body_limit = 4 * 1024,
              .idempotent = true});
  router.add({.method = verb::post,
              .pattern = "/api/v1/billing/portal",
              .fn = http::bind_handler(portal, svc),
              .level = access::user,
              .body_limit = 4 * 1024,
              .idempotent = true});
  router.add({.method = verb::get,
              .pattern = "/api/v1/users/me/subscription",
              .fn = http::bind_handler(my_subscription, svc),
              .level = access::user});
}

}  // namespace ugoki::billing
