// Verification of Stripe's webhook signature header, pure: no I/O, the clock passed in.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ugoki::billing {

enum class signature_check {
  valid,
  malformed,   // no t= or no v1= in the header
  too_old,     // |now - t| beyond the tolerance (a replay of an old delivery)
  mismatched,  // no v1 matches under any secret
};

// Checks `Stripe-Signature: t=<unix s>,v1=<hex>,v1=<hex>,...` over the raw `body` bytes:
// HMAC-SHA256 of "<t>.<body>" under each of `secrets` (whsec_... strings, used as-is, as Stripe
// does), compared in constant time with every v1 (any may match, so a secret can be rolled
// while Stripe signs with both). Other schemes (v0) are ignored. `now` and the tolerance in
// seconds; a timestamp in the future beyond the tolerance is refused like an old one.
signature_check verify_stripe_signature(std::string_view header, std::string_view body,
                                        const std::vector<std::string>& secrets, std::int64_t now,
                                        std::int64_t tolerance_s = 300);

}  // namespace ugoki::billing
