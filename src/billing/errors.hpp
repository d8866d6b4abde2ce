// The billing module's error codes (BILL_xxx), as api_error factories.
#pragma once

#include "core/error.hpp"

namespace ugoki::billing::errors {

// Missing, malformed, expired (beyond the tolerance) or wrong Stripe-Signature: nothing stored.
inline api_error bad_signature() {
  return bad_request("BILL_001", "The Stripe-Signature header does not verify");
}
// A signed body that is not a Stripe event object (id, type, created): nothing stored.
inline api_error not_an_event() {
  return bad_request("BILL_002", "The body is not a Stripe event");
}

}  // namespace ugoki::billing::errors
