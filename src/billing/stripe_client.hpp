// Stripe's API as billing uses it: customers, Checkout Sessions, customer-portal sessions.
// Form-encoded POSTs with the secret key (Bearer) through core's outbound HTTP client; the base
// URL is configurable so tests point it at a local stand-in.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace ugoki::billing {

struct stripe_api_settings {
  std::string base_url = "https://api.stripe.com";
  std::string secret_key;  // sk_...; empty: every call is 503 BILL_003
  std::chrono::milliseconds timeout{10000};
};

// What Stripe created: its id and, for sessions, the URL to send the user to.
struct stripe_object {
  std::string id;
  std::string url;
};

using form_fields = std::vector<std::pair<std::string, std::string>>;

// application/x-www-form-urlencoded text of `fields` in order (Stripe's nested keys such as
// line_items[0][price] are ordinary names, their brackets percent-encoded). Pure.
std::string form_encode(const form_fields& fields);

class stripe_client {
 public:
  // Throws std::invalid_argument for a base URL that is not http(s).
  explicit stripe_client(stripe_api_settings s);
  ~stripe_client();
  stripe_client(const stripe_client&) = delete;
  stripe_client& operator=(const stripe_client&) = delete;

  bool configured() const { return !settings_.secret_key.empty(); }

  // POST {base}/v1/{path} with `fields`, `idempotency_key` as Stripe's Idempotency-Key (a
  // retry within 24 h answers the first result instead of creating a second object). The
  // object's id (and url). 503 BILL_003 when no secret key is configured; 502 BILL_004 when
  // Stripe cannot be reached, answers an error, or answers something that is not an object.
  boost::asio::awaitable<result<stripe_object>> create(std::string_view path, form_fields fields,
                                                       std::string idempotency_key = {});

 private:
  struct impl;
  stripe_api_settings settings_;
  std::unique_ptr<impl> impl_;
};

}  // namespace ugoki::billing
