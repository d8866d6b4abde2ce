// The billing module's routes: the Stripe webhook and the caller's subscription.
#pragma once

#include "core/http/router.hpp"

namespace ugoki::billing {

class service;

// POST /webhooks/stripe (public: Stripe's signature is the credential; not rate limited, as
// Stripe's retries must never be refused for volume) and GET /api/v1/users/me/subscription.
void add_billing_routes(http::router& router, service& svc);

}  // namespace ugoki::billing
