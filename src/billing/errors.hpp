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

// Checkout or portal while the Stripe secret key (or the price asked for) is not configured.
inline api_error not_configured() {
  return api_error(503, "BILL_003", "Payments are not available right now");
}
// Stripe could not be reached, or refused the call (its answer is logged, not shown).
inline api_error provider_failed() {
  return api_error(502, "BILL_004", "The payment provider did not complete the request");
}
// POST /billing/portal before the caller has a Stripe customer (never checked out).
inline api_error no_customer() {
  return not_found("BILL_005", "No billing account yet: subscribe first");
}

}  // namespace ugoki::billing::errors
