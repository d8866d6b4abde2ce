// Entitlement rules: premium states, display states, Stripe's states, the deciding subscription.
#include "billing/entitlement.hpp"

#include <array>
#include <tuple>

namespace ugoki::billing {

bool is_entitled(std::string_view status) {
  return status == "active" || status == "trialing" || status == "grace";
}

std::string_view display_status(std::string_view status, bool cancel_at_period_end) {
  if (status == "active" || status == "trialing") {
    return cancel_at_period_end ? "cancelled_at_period_end" : status;
  }
  if (status == "grace") {
    return "grace";
  }
  if (status == "past_due" || status == "unpaid" || status == "incomplete") {
    return "past_due";
  }
  return "expired";
}

std::optional<std::string> from_stripe_status(std::string_view s) {
  if (s == "canceled") {
    return "cancelled";
  }
  if (s == "incomplete_expired") {
    return "expired";
  }
  constexpr std::array<std::string_view, 6> same{"incomplete", "trialing", "active",
                                                 "past_due",   "unpaid",   "paused"};
  for (auto v : same) {
    if (s == v) {
      return std::string(s);
    }
  }
  return std::nullopt;
}

std::optional<subscription_row> deciding(const std::vector<subscription_row>& rows) {
  const subscription_row* best = nullptr;
  auto key = [](const subscription_row& r) {
    return std::make_tuple(is_entitled(r.status), r.period_end.value_or(0), r.updated, r.id);
  };
  for (const auto& r : rows) {
    if (best == nullptr || key(r) > key(*best)) {
      best = &r;
    }
  }
  if (best == nullptr) {
    return std::nullopt;
  }
  return *best;
}

}  // namespace ugoki::billing
