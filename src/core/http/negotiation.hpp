// Media types of the request pipeline: Content-Type of bodies (415) and Accept (406).
#pragma once

#include <string_view>

namespace ugoki::http::detail {

// Whether a Content-Type value is `type` (lowercase, "application/json"), with or without
// parameters ("; charset=utf-8"); the type is compared case-insensitively.
bool is_content_type(std::string_view value, std::string_view type);

// Whether an Accept header admits one of `produces` (comma-separated lowercase media types) per
// RFC 9110 section 12.5.1: for each type the most specific matching range decides, and q=0 means
// "not this". A missing or empty Accept admits everything, and so does a header we cannot parse
// (be liberal in what we accept: a malformed Accept is no reason to refuse an answer).
bool accepts(std::string_view accept, std::string_view produces);

}  // namespace ugoki::http::detail
