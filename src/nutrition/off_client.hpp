// Open Food Facts' v2 product API over HTTP(S): one GET per call, with the User-Agent OFF asks
// of every app, a fields= list, and one deadline for the whole exchange. Beast stays inside
// off_client.cpp; this header is lean.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "nutrition/products_types.hpp"

namespace ugoki::nutrition {

struct off_settings {
  std::string base_url = "https://world.openfoodfacts.org";  // UGOKI_OFF_BASE_URL
  std::string user_agent = "Ugoki/0.1.0 (contact@ugoki.app)";
  std::chrono::milliseconds timeout{3000};  // connect + request + answer, UGOKI_OFF_TIMEOUT_MS
};

// What OFF said about one code.
struct off_result {
  enum class outcome { found, not_found, unavailable };
  outcome what = outcome::unavailable;
  std::optional<product> found;  // set for `found` (code, source and flags filled by the caller)
  std::string detail;            // for the log when unavailable ("timeout", "HTTP 503", ...)
};

// The fields= list every request asks for (OFF answers only these).
inline constexpr const char* off_fields =
    "code,product_name,brands,nutriments,serving_size,serving_quantity,nutriscore_grade,"
    "nova_group,allergens_tags,image_front_url,image_url";

class off_client {
 public:
  // Throws std::invalid_argument when base_url is not an http:// or https:// URL.
  explicit off_client(off_settings s);
  ~off_client();
  off_client(const off_client&) = delete;
  off_client& operator=(const off_client&) = delete;

  // GET {base}/api/v2/product/{code}.json?fields=... on the caller's executor. Never throws for
  // the network: a refused connection, TLS failure, timeout, 5xx or an answer that is not OFF's
  // JSON is `unavailable`; 200 with status 1 is `found`, status 0 (on 200 or 404) `not_found`.
  boost::asio::awaitable<off_result> fetch(std::string code);

  const off_settings& settings() const { return settings_; }

 private:
  struct impl;
  off_settings settings_;
  std::unique_ptr<impl> impl_;
};

}  // namespace ugoki::nutrition
