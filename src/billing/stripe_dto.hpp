// Stripe's wire format -> billing's structs: the event envelope (at intake) and the objects of
// the event types the job handles. Unknown members are ignored: Stripe adds fields freely.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "billing/types.hpp"

namespace ugoki::billing::stripe {

// The event envelope: {"id": "evt_...", "object": "event", "type": "...", "created": <s>, ...}.
struct event_head {
  std::string id;
  std::string type;
  epoch_seconds created = 0;
};

// nullopt when `body` is not a JSON object with object "event", a string id (1..255) and type
// (1..255), and an integer created.
std::optional<event_head> parse_event_head(std::string_view body);

// The object of a customer.subscription.* event (data.object); nullopt when its id or status is
// missing or the status is not one Stripe documents. The period comes from the object itself or,
// in API versions from 2025 on, from its first item.
std::optional<subscription_state> parse_subscription_event(std::string_view body);
// The object of checkout.session.completed; nullopt when data.object is not an object.
std::optional<checkout_completed> parse_checkout_event(std::string_view body);
// The object of invoice.paid / invoice.payment_failed; nullopt without an id or currency. The
// subscription id from `subscription` or, in newer API versions, parent.subscription_details.
std::optional<invoice_event> parse_invoice_event(std::string_view body);

// An answer of Stripe's API: a 2xx JSON object with a string `id` (and `url` for sessions), or
// Stripe's error shape {"error": {"type", "code", "message"}} / anything else (ok = false).
struct api_answer {
  bool ok = false;
  std::string id;
  std::string url;
  std::string error_type;  // Stripe's error.type, when it sent one
  std::string error_code;  // Stripe's error.code, when it sent one
};
api_answer parse_api_object(int status, std::string_view body);

}  // namespace ugoki::billing::stripe
