// The entitlement rules: premium states, display states, Stripe's states, the deciding row.
#include "billing/entitlement.hpp"

#include <gtest/gtest.h>

namespace ugoki::billing {
namespace {

subscription_row ent_row(std::string id, std::string status, std::int64_t end,
                         std::int64_t updated = 0) {
  subscription_row r;
  r.id = std::move(id);
  r.status = std::move(status);
  r.period_end = end;
  r.updated = updated;
  return r;
}

TEST(Entitlement, ActiveTrialingAndGraceArePremium) {
  for (auto s : {"active", "trialing", "grace"}) {
    EXPECT_TRUE(is_entitled(s)) << s;
  }
  for (auto s : {"incomplete", "past_due", "unpaid", "paused", "cancelled", "expired", "refunded",
                 "revoked"}) {
    EXPECT_FALSE(is_entitled(s)) << s;
  }
}

TEST(Entitlement, DisplayStates) {
  EXPECT_EQ(display_status("active", false), "active");
  EXPECT_EQ(display_status("active", true), "cancelled_at_period_end");
  EXPECT_EQ(display_status("trialing", false), "trialing");
  EXPECT_EQ(display_status("grace", false), "grace");
  EXPECT_EQ(display_status("unpaid", false), "past_due");
  EXPECT_EQ(display_status("refunded", false), "expired");
  EXPECT_EQ(display_status("cancelled", true), "expired");
}

TEST(Entitlement, StripeStates) {
  EXPECT_EQ(from_stripe_status("canceled"), "cancelled");
  EXPECT_EQ(from_stripe_status("incomplete_expired"), "expired");
  EXPECT_EQ(from_stripe_status("past_due"), "past_due");
  EXPECT_EQ(from_stripe_status("bogus"), std::nullopt);
}

TEST(Entitlement, AnEntitledSourceDecidesOverALaterExpiredOne) {
  std::vector<subscription_row> rows{ent_row("a", "expired", 2'000), ent_row("b", "grace", 1'000),
                                     ent_row("c", "past_due", 3'000)};
  EXPECT_EQ(deciding(rows)->id, "b");
  rows[1].status = "refunded";
  EXPECT_EQ(deciding(rows)->id, "c");
  EXPECT_EQ(deciding({}), std::nullopt);
}

}  // namespace
}  // namespace ugoki::billing
