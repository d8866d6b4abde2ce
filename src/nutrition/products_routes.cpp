// Handlers and route table of barcodes and products: parse, call the service once, render.
#include "nutrition/products_routes.hpp"

#include "core/http/router.hpp"
#include "nutrition/barcode.hpp"
#include "nutrition/food_errors.hpp"
#include "nutrition/products_dto.hpp"
#include "nutrition/products_service.hpp"

namespace ugoki::nutrition {

namespace product_handlers {

using boost::asio::awaitable;
using http::access;
using http::request_context;
using http::response;
using http::verb;

constexpr std::size_t product_body_limit = 16 * 1024;

const std::string& caller(const request_context& ctx) {
  return ctx.user()->user_id;
}

// GET (and POST, as the plan spells it) /barcode/:code: the code in the path, no body.
awaitable<response> lookup_barcode(request_context& ctx, products_service& svc) {
  std::string why;
  auto code = parse_barcode(ctx.path_param("code"), &why);
  if (!code) {
    co_return http::refused(errors::invalid_barcode("code", why));
  }
  auto rendered = co_await svc.rendered_by_code(caller(ctx), std::move(code->code));
  if (!rendered) {
    co_return http::refused(std::move(rendered.error()));
  }
  co_return http::ok_json(std::move(*rendered));
}

awaitable<response> submit_product(request_context& ctx, products_service& svc) {
  auto s = dto::parse_submission(ctx.body());
  if (!s) {
    co_return http::refused(std::move(s.error()));
  }
  co_return http::created(co_await svc.submit(caller(ctx), std::move(*s)), dto::render_product);
}

awaitable<response> my_products(request_context& ctx, products_service& svc) {
  co_return http::ok_json(dto::render_products(co_await svc.mine(caller(ctx))));
}

}  // namespace product_handlers

void add_products_routes(http::router& router, products_service& svc) {
  using namespace product_handlers;
  router.add({.method = verb::get,
              .pattern = "/api/v1/nutrition/barcode/:code",
              .fn = http::bind_handler(lookup_barcode, svc),
              .level = access::user});
  router.add({.method = verb::post,
              .pattern = "/api/v1/nutrition/barcode/:code",
              .fn = http::bind_handler(lookup_barcode, svc),
              .level = access::user,
              .body_limit = product_body_limit});
  router.add({.method = verb::post,
              .pattern = "/api/v1/nutrition/products",
              .fn = http::bind_handler(submit_product, svc),
              .level = access::user,
              .body_limit = product_body_limit,
              .idempotent = true});
  router.add({.method = verb::get,
              .pattern = "/api/v1/nutrition/products/mine",
              .fn = http::bind_handler(my_products, svc),
              .level = access::user});
}

}  // namespace ugoki::nutrition
