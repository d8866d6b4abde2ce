// Stripe's request encoding: application/x-www-form-urlencoded with bracketed nested names.
#include "billing/stripe_client.hpp"

#include <gtest/gtest.h>

namespace ugoki::billing {
namespace {

TEST(StripeForm, EncodesNamesAndValues) {
  EXPECT_EQ(form_encode({{"mode", "subscription"},
                         {"line_items[0][price]", "price_1"},
                         {"success_url", "https://a.test/s?session_id={CHECKOUT_SESSION_ID}"},
                         {"email", "a+b c@d.test"}}),
            "mode=subscription&line_items%5B0%5D%5Bprice%5D=price_1&success_url=https%3A%2F%2Fa"
            ".test%2Fs%3Fsession_id%3D%7BCHECKOUT_SESSION_ID%7D&email=a%2Bb+c%40d.test");
  EXPECT_EQ(form_encode({}), "");
}

}  // namespace
}  // namespace ugoki::billing
