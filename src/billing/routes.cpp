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
  router.add({.method = verb::get,
              .pattern = "/api/v1/users/me/subscription",
              .fn = http::bind_handler(my_subscription, svc),
              .level = access::user});
}

}  // namespace ugoki::billing
