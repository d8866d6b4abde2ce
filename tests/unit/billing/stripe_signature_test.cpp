// Stripe-Signature verification against a vector computed outside our code (Python's hmac).
#include "billing/stripe_signature.hpp"

#include <gtest/gtest.h>

namespace ugoki::billing {
namespace {

constexpr std::string_view sig_body = R"({"id":"evt_1","object":"event"})";
constexpr std::string_view sig_good =
    "0f06c232d18bc676bfacfc5240a2cfe4559e99421aacd50637b2ba2c7262e338";
const std::vector<std::string> sig_secrets{"whsec_test_secret_0123456789"};
constexpr std::int64_t sig_t = 1'700'000'000;

std::string header_of(std::string_view v1s) {
  return "t=1700000000," + std::string(v1s);
}

TEST(StripeSignature, AcceptsTheSignatureOfTheRawBody) {
  EXPECT_EQ(verify_stripe_signature(header_of("v1=" + std::string(sig_good)), sig_body, sig_secrets,
                                    sig_t + 10),
            signature_check::valid);
}

TEST(StripeSignature, AnyV1MayMatchAndAnySecretMaySign) {
  const std::string wrong(64, 'a');
  const std::string h = header_of("v1=" + wrong + ",v0=zzz,v1=" + std::string(sig_good));
  EXPECT_EQ(verify_stripe_signature(h, sig_body, sig_secrets, sig_t), signature_check::valid);
  // The secret being rolled in signs nothing yet; the old one still does.
  std::vector<std::string> rolled{"whsec_new_secret_abcdefghijk", sig_secrets[0]};
  EXPECT_EQ(
      verify_stripe_signature(header_of("v1=" + std::string(sig_good)), sig_body, rolled, sig_t),
      signature_check::valid);
}

TEST(StripeSignature, RefusesAChangedBodyOrAnotherSecret) {
  const std::string h = header_of("v1=" + std::string(sig_good));
  EXPECT_EQ(verify_stripe_signature(h, R"({"id":"evt_1","object":"event" })", sig_secrets, sig_t),
            signature_check::mismatched);
  EXPECT_EQ(verify_stripe_signature(h, sig_body, {"whsec_other_secret_0123456"}, sig_t),
            signature_check::mismatched);
  EXPECT_EQ(verify_stripe_signature(h, sig_body, {}, sig_t), signature_check::mismatched);
}

TEST(StripeSignature, RefusesTimestampsOutsideTheTolerance) {
  const std::string h = header_of("v1=" + std::string(sig_good));
  EXPECT_EQ(verify_stripe_signature(h, sig_body, sig_secrets, sig_t + 300), signature_check::valid);
  EXPECT_EQ(verify_stripe_signature(h, sig_body, sig_secrets, sig_t + 301),
            signature_check::too_old);
  EXPECT_EQ(verify_stripe_signature(h, sig_body, sig_secrets, sig_t - 301),
            signature_check::too_old);
}

TEST(StripeSignature, RefusesMalformedHeaders) {
  for (std::string_view h :
       {"", "t=", "v1=abc", "t=abc,v1=0f06", "t=1700000000",
        "t=1700000000,v1=0F06C232D18BC676BFACFC5240A2CFE4559E99421AACD50637B2BA2C7262E338"}) {
    EXPECT_EQ(verify_stripe_signature(h, sig_body, sig_secrets, sig_t), signature_check::malformed)
        << h;
  }
}

}  // namespace
}  // namespace ugoki::billing
