// The admin routes' version guard (docs/admin.md): an entity's version as the ETag "v<version>",
// the version an editor saw from If-Match or a `version` body member, and the 412 when stale.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace ugoki::json {
class field_reader;
}

namespace ugoki::version_guard {

// The strong ETag of an entity's version: "\"v12\"".
std::string etag_of(std::int64_t version);

// The version an If-Match header names: nullopt when the header is absent or "*" (any version),
// 400 VAL_001 (field If-Match) when it is not one ETag etag_of makes (a list, a weak tag, v0).
result<std::optional<std::int64_t>> parse_if_match(std::string_view header);

// The version the body's `version` member (integer >= 1) and the If-Match header name, when
// either does; nullopt when neither does. Records in `r` a bad header (If-Match), a bad member
// or one that differs from the header (version).
std::optional<std::int64_t> read(json::field_reader& r, std::string_view if_match);

// read(), and records "version is required" when neither names a version: for writes that must
// say which version they change (a PATCH).
std::optional<std::int64_t> require(json::field_reader& r, std::string_view if_match);

// 412 REQ_006 with `message` ("The protocol changed since you read it; reload it"): the write
// named a version that is no longer the entity's, and nothing was written.
api_error stale(std::string message);

}  // namespace ugoki::version_guard
