// JSON of the media routes: the S3 upload request in, stored files and presigned uploads out.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "admin/media_types.hpp"
#include "core/error.hpp"

namespace ugoki::admin::media_dto {

// POST /admin/media's body in S3 mode: {"content_type", "size"}, both required. 400 VAL_001
// naming every bad member: content_type not image/jpeg, image/png, image/webp or image/gif,
// size not an integer from 1 to `max_bytes`, any other member.
result<upload_request> parse_upload_request(std::string_view body, std::int64_t max_bytes);

// {"url","content_type","size"}.
std::string render_stored(const stored_media& m);
// {"method","upload_url","headers":{...},"url","key","content_type","size","expires_at"}.
std::string render_presigned(const presigned_upload& p);

}  // namespace ugoki::admin::media_dto
