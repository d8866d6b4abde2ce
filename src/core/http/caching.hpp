// HTTP caching for reference data: ETags and conditional GETs. The in-process snapshot of the
// data itself is core/snapshot_cache.hpp.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <string>
#include <string_view>

#include "core/http/request_context.hpp"
#include "core/http/response.hpp"

namespace ugoki::http {

// A strong ETag ("\"1b2c3d4e5f607182\"") derived from the bytes; stable across processes.
std::string make_etag(std::string_view body);

// RFC 9110 If-None-Match: a comma-separated list, weak comparison, "*" matches anything.
bool etag_matches(std::string_view if_none_match, std::string_view etag);

// 200 with `data_json`, ETag and public Cache-Control, or 304 when the client's copy is current.
response cacheable_json(const request_context& ctx, const std::string& data_json,
                        std::string_view etag, std::chrono::seconds max_age);

// The language of `language::served` the request's Accept-Language prefers (English when none
// fits): the language localised reference data is answered in.
std::string_view negotiated_language(const request_context& ctx);

// cacheable_json for localised data: adds `Content-Language: served_language` (the language the
// answer is actually in: English when the data has no translation in the negotiated one) and
// `Vary: Accept-Language`. `etag` must differ between languages (hash the language with the
// bytes), so a validator from one language never revalidates another.
response cacheable_localised_json(const request_context& ctx, const std::string& data_json,
                                  std::string_view etag, std::chrono::seconds max_age,
                                  std::string_view served_language);

}  // namespace ugoki::http
