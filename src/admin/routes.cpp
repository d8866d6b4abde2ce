// /api/v1/admin routes of the admin module: the table and its handlers.
#include "admin/routes.hpp"

#include "admin/dto.hpp"
#include "admin/service.hpp"
#include "core/http/router.hpp"

namespace ugoki::admin {

namespace {

using boost::asio::awaitable;
using http::access;
using http::request_context;
using http::response;
using http::verb;

awaitable<response> list_audit(request_context& ctx, service& svc) {
  dto::audit_params params{ctx.query_param("actor"),     ctx.query_param("entity"),
                           ctx.query_param("entity_id"), ctx.query_param("from"),
                           ctx.query_param("to"),        ctx.query_param("page"),
                           ctx.query_param("per_page")};
  auto query = dto::parse_audit_query(params);
  if (!query) {
    co_return http::refused(std::move(query.error()));
  }
  auto page = co_await svc.audit(std::move(*query));
  auto res = http::ok_json(dto::render_audit_entries(page));
  res.meta = dto::render_page_meta(page);
  co_return res;
}

}  // namespace

void add_admin_routes(http::router& router, service& svc) {
  router.add({.method = verb::get,
              .pattern = "/api/v1/admin/audit",
              .fn = http::bind_handler(list_audit, svc),
              .level = access::admin});
}

}  // namespace ugoki::admin
