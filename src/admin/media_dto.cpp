// JSON of the media routes.
#include "admin/media_dto.hpp"

#include <boost/json/object.hpp>

#include "admin/media_files.hpp"
#include "core/json.hpp"
#include "core/time.hpp"

namespace ugoki::admin::media_dto {

namespace bj = boost::json;

result<upload_request> parse_upload_request(std::string_view body, std::int64_t max_bytes) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return obj.error();
  }
  json::field_reader r(*obj);
  r.reject_unknown({"content_type", "size"});
  upload_request out;
  auto type = r.one_of("content_type", {"image/jpeg", "image/png", "image/webp", "image/gif"},
                       /*required=*/true);
  auto size = r.integer("size", 1, max_bytes, /*required=*/true);
  if (type) {
    out.content_type = *type;
  }
  if (size) {
    out.size = *size;
  }
  return r.finish(std::move(out));
}

std::string render_stored(const stored_media& m) {
  return json::serialize(
      bj::object{{"url", m.url}, {"content_type", m.content_type}, {"size", m.size}});
}

std::string render_presigned(const presigned_upload& p) {
  bj::object headers;
  for (const auto& [name, value] : p.headers) {
    headers[name] = value;
  }
  return json::serialize(bj::object{{"method", p.method},
                                    {"upload_url", p.upload_url},
                                    {"headers", std::move(headers)},
                                    {"url", p.url},
                                    {"key", p.key},
                                    {"content_type", p.content_type},
                                    {"size", p.size},
                                    {"expires_at", time::format_rfc3339(p.expires_at)}});
}

}  // namespace ugoki::admin::media_dto
