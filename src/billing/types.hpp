// The billing module's domain: provider events, subscriptions of every source, the entitlement.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace ugoki::billing {

// Seconds since the Unix epoch, as the providers send instants (Stripe's `created`).
using epoch_seconds = std::int64_t;

// A subscription as a provider's event states it, in our vocabulary. `status` is one of the
// stored states (0038: incomplete, trialing, active, past_due, unpaid, paused, grace, cancelled,
// expired, refunded, revoked). Apple and Google fill the same struct.
struct subscription_state {
  std::string provider;  // stripe | apple | google
  std::string provider_subscription_id;
  std::optional<std::string> customer_id;
  std::string status;
  std::optional<std::string> product;  // the provider's price or product id
  std::optional<epoch_seconds> period_start;
  std::optional<epoch_seconds> period_end;
  std::optional<epoch_seconds> trial_end;
  bool cancel_at_period_end = false;
  std::optional<epoch_seconds> cancelled_at;
  std::optional<epoch_seconds> ended_at;
  std::optional<std::string> user_hint;  // metadata.user_id we set at checkout
};

// checkout.session.completed: links the customer to our user (client_reference_id).
struct checkout_completed {
  std::optional<std::string> customer_id;
  std::optional<std::string> subscription_id;
  std::optional<std::string> user_id;  // client_reference_id
  bool paid = false;                   // payment_status paid or no_payment_required
};

// invoice.paid and invoice.payment_failed.
struct invoice_event {
  std::string invoice_id;
  std::optional<std::string> customer_id;
  std::optional<std::string> subscription_id;
  std::int64_t amount_paid = 0;  // minor units
  std::optional<std::int64_t> tax;
  std::string currency;
  std::optional<epoch_seconds> paid_at;
  std::optional<epoch_seconds> period_start;
  std::optional<epoch_seconds> period_end;
};

// What an intake stored: the event's row id, and whether it was a redelivery (nothing stored).
struct intake_outcome {
  std::string event_id;  // the provider's id (evt_...)
  bool duplicate = false;
};

// A stored subscription row, as the entitlement and GET /users/me/subscription read it.
struct subscription_row {
  std::string id;
  std::string provider;
  std::string status;
  std::optional<std::string> product;
  std::string plan_type;
  bool cancel_at_period_end = false;
  std::optional<epoch_seconds> period_end;
  std::optional<epoch_seconds> ended_at;
  epoch_seconds updated = 0;  // provider_updated_at
};

// GET /users/me/subscription.
struct subscription_view {
  bool premium = false;
  std::optional<subscription_row> subscription;  // the one that decides; none: never subscribed
};

}  // namespace ugoki::billing
