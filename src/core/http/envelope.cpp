// The success and error envelopes, the headers every response carries, and request ids.
#include "core/http/envelope.hpp"

#include <boost/beast/http/field.hpp>

#include <chrono>
#include <cstdio>
#include <random>

#include "core/json_writer.hpp"
#include "core/time.hpp"

namespace ugoki::http::detail {

namespace bhttp = boost::beast::http;

namespace {

bool sane_request_id(std::string_view v) {
  if (v.empty() || v.size() > 128) {
    return false;
  }
  for (char c : v) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.' || c == ':';
    if (!ok) {
      return false;
    }
  }
  return true;
}

// `extra`: further members, serialised, without braces (response::meta).
std::string envelope_meta(const std::string& request_id, std::string_view extra = {}) {
  std::string meta = "\"meta\":{\"timestamp\":\"";
  meta += time::format_rfc3339(std::chrono::system_clock::now(), true);
  meta += "\",\"request_id\":\"";
  meta += request_id;  // sane by construction: no escaping needed
  meta += "\"";
  if (!extra.empty()) {
    meta += ",";
    meta += extra;
  }
  meta += "}";
  return meta;
}

std::string error_body(const api_error& e, const std::string& request_id) {
  std::string body = "{\"success\":false,\"error\":{\"code\":\"";
  json::append_escaped(body, e.code);
  body += "\",\"message\":\"";
  json::append_escaped(body, e.message);
  body += "\",\"details\":[";
  for (std::size_t i = 0; i < e.details.size(); ++i) {
    body += i ? ",{\"field\":\"" : "{\"field\":\"";
    json::append_escaped(body, e.details[i].field);
    body += "\",\"message\":\"";
    json::append_escaped(body, e.details[i].message);
    body += "\"}";
  }
  body += "]},";
  body += envelope_meta(request_id);
  body += "}";
  return body;
}

}  // namespace

std::string make_request_id(std::string_view client_value) {
  if (sane_request_id(client_value)) {
    return std::string(client_value);
  }
  // Request ids need uniqueness, not unpredictability: a per-thread PRNG is enough.
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uint64_t hi = rng(), lo = rng();
  hi = (hi & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;  // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // RFC 4122 variant
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                static_cast<unsigned>(lo >> 48),
                static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFull));
  return buf;
}

bool envelope::origin_allowed(std::string_view origin) const {
  if (origin.empty()) {
    return false;
  }
  for (const auto& o : cors_origins_) {
    if (o == origin) {
      return true;
    }
  }
  return false;
}

void envelope::add_common_headers(beast_response& res, const std::string& request_id,
                                  std::string_view origin) const {
  res.set("X-Request-Id", request_id);
  res.set("X-Content-Type-Options", "nosniff");
  res.set(bhttp::field::x_frame_options, "DENY");
  res.set("Referrer-Policy", "no-referrer");
  if (res.find("Content-Security-Policy") == res.end()) {
    res.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  }
  if (res.find(bhttp::field::cache_control) == res.end()) {
    res.set(bhttp::field::cache_control, "no-store");
  }
  if (hsts_) {
    res.set(bhttp::field::strict_transport_security, "max-age=63072000; includeSubDomains");
  }
  if (origin_allowed(origin)) {
    res.set(bhttp::field::access_control_allow_origin, origin);
    res.set(bhttp::field::access_control_allow_credentials, "true");
    res.set(bhttp::field::access_control_expose_headers,
            "X-Request-Id, ETag, Retry-After, RateLimit-Limit, RateLimit-Remaining, "
            "RateLimit-Reset, Idempotent-Replayed");
    // A handler's own Vary (content negotiation) keeps its names.
    auto vary = res.find(bhttp::field::vary);
    if (vary == res.end()) {
      res.set(bhttp::field::vary, "Origin");
    } else {
      res.set(bhttp::field::vary, std::string(vary->value()) + ", Origin");
    }
  }
}

beast_response envelope::render(response r, const std::string& request_id, unsigned version,
                                bool head, std::string_view origin) const {
  if (r.body_kind == response::kind::error) {
    api_error e = r.error ? std::move(*r.error) : internal();
    for (auto& h : r.headers) {
      e.headers.push_back(std::move(h));
    }
    return render_error(e, request_id, version, origin);
  }
  beast_response res{static_cast<bhttp::status>(r.status), version};
  for (auto& [name, value] : r.headers) {
    res.set(name, value);
  }
  if (r.status == 304 || r.body_kind == response::kind::empty) {
    // No body for 204/304; keep the handler's ETag/Cache-Control headers.
  } else if (r.body_kind == response::kind::raw) {
    res.set(bhttp::field::content_type, r.content_type);
    res.body() = std::move(r.body);
  } else {
    std::string body;
    body.reserve(r.body.size() + r.pagination.size() + 128);
    body += "{\"success\":true,\"data\":";
    body += r.body;
    if (!r.pagination.empty()) {
      body += ",\"pagination\":";
      body += r.pagination;
    }
    body += ",";
    body += envelope_meta(request_id, r.meta);
    body += "}";
    res.set(bhttp::field::content_type, "application/json");
    res.body() = std::move(body);
  }
  add_common_headers(res, request_id, origin);
  res.prepare_payload();
  if (head) {
    auto length = res.body().size();
    res.body().clear();
    res.content_length(length);
  }
  return res;
}

beast_response envelope::render_error(const api_error& e, const std::string& request_id,
                                      unsigned version, std::string_view origin) const {
  beast_response res{static_cast<bhttp::status>(e.status), version};
  for (const auto& [name, value] : e.headers) {
    res.set(name, value);
  }
  res.set(bhttp::field::content_type, "application/json");
  res.body() = error_body(e, request_id);
  add_common_headers(res, request_id, origin);
  res.prepare_payload();
  return res;
}

}  // namespace ugoki::http::detail
