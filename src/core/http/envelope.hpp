// Rendering of every response: the success and error envelopes (API_CONVENTIONS.md), the
// security and CORS headers all responses carry, and request ids. Internal to core/http.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/http/response.hpp"

namespace ugoki::http::detail {

using beast_response = boost::beast::http::response<boost::beast::http::string_body>;

class envelope {
 public:
  // `cors_origins` (exact origins allowed to call from a browser) must outlive the envelope.
  envelope(const std::vector<std::string>& cors_origins, bool hsts)
      : cors_origins_(cors_origins), hsts_(hsts) {}

  // Whether a browser page from `origin` may read our responses (and spend our cookies).
  bool origin_allowed(std::string_view origin) const;

  // A handler's response: the success envelope, a raw body, nothing (204/304), or its refusal
  // as the error envelope. HEAD keeps the Content-Length of the GET but sends no body.
  beast_response render(response r, const std::string& request_id, unsigned version, bool head,
                        std::string_view origin) const;
  // The error envelope with `e`'s status and headers.
  beast_response render_error(const api_error& e, const std::string& request_id, unsigned version,
                              std::string_view origin) const;
  // X-Request-Id, nosniff, frame and referrer policy, CSP and Cache-Control defaults, HSTS when
  // configured, CORS grants for allowed origins.
  void add_common_headers(beast_response& res, const std::string& request_id,
                          std::string_view origin) const;

 private:
  const std::vector<std::string>& cors_origins_;
  bool hsts_;
};

// "abc-123" if the client's X-Request-Id is sane (1-128 of [A-Za-z0-9._:-]), else a new UUID v4.
std::string make_request_id(std::string_view client_value);

}  // namespace ugoki::http::detail
