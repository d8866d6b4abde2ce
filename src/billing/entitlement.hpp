// The entitlement rules, pure: which stored states give premium, how a state is shown, which of
// a user's subscriptions (of any source) decides, and how Stripe's states map to ours.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "billing/types.hpp"

namespace ugoki::billing {

// active, trialing and grace give premium (an active subscription cancelled at period end
// still runs until then); every other state does not.
bool is_entitled(std::string_view status);

// The state as the API shows it: active | trialing | grace | past_due |
// cancelled_at_period_end | expired. incomplete and unpaid show as past_due (a payment is
// owed), paused, cancelled, refunded and revoked as expired.
std::string_view display_status(std::string_view status, bool cancel_at_period_end);

// Stripe's subscription.status -> ours: canceled -> cancelled, incomplete_expired -> expired,
// the others as they are. nullopt for a value Stripe does not document.
std::optional<std::string> from_stripe_status(std::string_view stripe_status);

// The subscription that decides a user's entitlement: an entitled one before any other, then
// the one whose period ends last, then the one updated last. nullopt for an empty list.
std::optional<subscription_row> deciding(const std::vector<subscription_row>& rows);

}  // namespace ugoki::billing
