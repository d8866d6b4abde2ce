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

}  // namespace ugoki::http
