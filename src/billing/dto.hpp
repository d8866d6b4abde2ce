// JSON of the billing routes and of the event job's payload.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "billing/service.hpp"
#include "billing/types.hpp"
#include "core/error.hpp"

namespace ugoki::billing::dto {

// POST /webhooks/stripe's answer: {"received": true, "duplicate": bool}.
std::string render_intake(const intake_outcome& o);

// GET /users/me/subscription: {premium, source, product, plan, status, renews_at, ends_at,
// manage_url, manage_endpoint}; status "none" (every other member null) when the user never
// subscribed.
std::string render_subscription(const subscription_view& v);

// POST /billing/checkout: {"price": "monthly" | "yearly"} (required, nothing else). 400 VAL_001.
result<std::string> parse_checkout(std::string_view body);
// POST /billing/portal: no body, or an empty object. 400 VAL_001 for anything else.
result<void> parse_portal(std::string_view body);
// {"url", "session_id"}: the Stripe-hosted page to send the user to.
std::string render_hosted_page(const hosted_page& p);

// The event row id of a billing.provider_event job's payload ({"event": "<uuid>"}); nullopt
// when the payload is not that.
std::optional<std::string> parse_job_event(std::string_view payload);

}  // namespace ugoki::billing::dto
