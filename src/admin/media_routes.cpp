// Handlers of the media routes: check the declared type, call the service once, render.
#include "admin/media_routes.hpp"

#include "admin/errors.hpp"
#include "admin/media_dto.hpp"
#include "admin/media_files.hpp"
#include "admin/media_service.hpp"
#include "core/actor.hpp"
#include "core/http/admin_actor.hpp"

namespace ugoki::admin::handlers {

using http::actor_of;

awaitable<response> upload_media(request_context& ctx, media_service& media) {
  // The route spools its body, so the dispatcher's body-type check (in-memory bodies only)
  // does not see it: the type is checked here, before any byte is read.
  const std::string type = media::bare_type(ctx.header("Content-Type"));
  if (!media::extension_for(type)) {
    co_return http::refused(errors::media_type_refused());
  }
  co_return http::created(co_await media.store(actor_of(ctx), std::string(ctx.body_file()), type),
                          media_dto::render_stored);
}

awaitable<response> presign_media(request_context& ctx, media_service& media) {
  auto req = media_dto::parse_upload_request(ctx.body(), media.settings().max_bytes);
  if (!req) {
    co_return http::refused(std::move(req.error()));
  }
  co_return http::created(co_await media.presign(actor_of(ctx), std::move(*req)),
                          media_dto::render_presigned);
}

awaitable<response> serve_media(request_context& ctx, media_service& media) {
  const std::string_view name = ctx.path_param("name");
  auto bytes = media.read(name);
  if (!bytes) {
    co_return http::refused(errors::media_not_found());
  }
  auto res = http::raw(200, std::move(*bytes), std::string(media::content_type_of(name)));
  // The name is the content's hash: the bytes behind a URL never change.
  res.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  co_return res;
}

}  // namespace ugoki::admin::handlers
