// Stripe's wire format: event envelopes and the objects the job reads, old and new API shapes.
#include "billing/stripe_dto.hpp"

#include <gtest/gtest.h>

namespace ugoki::billing::stripe {
namespace {

TEST(StripeDto, EventHead) {
  auto h = parse_event_head(
      R"({"id":"evt_1","object":"event","type":"invoice.paid","created":1700000000,"data":{}})");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->id, "evt_1");
  EXPECT_EQ(h->type, "invoice.paid");
  EXPECT_EQ(h->created, 1'700'000'000);
  EXPECT_FALSE(parse_event_head(R"({"id":"evt_1","object":"charge","type":"x","created":1})"));
  EXPECT_FALSE(parse_event_head(R"({"id":"evt_1","object":"event","type":"x"})"));
  EXPECT_FALSE(parse_event_head("not json"));
  EXPECT_FALSE(parse_event_head("[]"));
}

TEST(StripeDto, SubscriptionWithThePeriodOnItsItem) {
  auto s = parse_subscription_event(R"({"data":{"object":{
    "id":"sub_1","object":"subscription","customer":"cus_1","status":"canceled",
    "cancel_at_period_end":true,"canceled_at":1700000100,"ended_at":1700000200,
    "metadata":{"user_id":"not-a-uuid"},
    "items":{"object":"list","data":[{"price":{"id":"price_m"},
             "current_period_start":1700000000,"current_period_end":1702592000}]}}}})");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->provider_subscription_id, "sub_1");
  EXPECT_EQ(s->customer_id, "cus_1");
  EXPECT_EQ(s->status, "cancelled");
  EXPECT_EQ(s->product, "price_m");
  EXPECT_EQ(s->period_end, 1'702'592'000);
  EXPECT_TRUE(s->cancel_at_period_end);
  EXPECT_EQ(s->ended_at, 1'700'000'200);
  EXPECT_EQ(s->user_hint, std::nullopt) << "a hint that is not a uuid never reaches SQL";
  EXPECT_FALSE(parse_subscription_event(R"({"data":{"object":{"id":"sub_1","status":"odd"}}})"));
}

TEST(StripeDto, InvoiceFromTheNewerParentShape) {
  auto i = parse_invoice_event(R"({"data":{"object":{
    "id":"in_1","object":"invoice","customer":{"id":"cus_1"},"currency":"EUR","amount_paid":999,
    "parent":{"subscription_details":{"subscription":"sub_1"}},
    "status_transitions":{"paid_at":1700000050},
    "lines":{"data":[{"period":{"start":1700000000,"end":1702592000}}]}}}})");
  ASSERT_TRUE(i);
  EXPECT_EQ(i->invoice_id, "in_1");
  EXPECT_EQ(i->customer_id, "cus_1");
  EXPECT_EQ(i->subscription_id, "sub_1");
  EXPECT_EQ(i->currency, "eur");
  EXPECT_EQ(i->amount_paid, 999);
  EXPECT_EQ(i->paid_at, 1'700'000'050);
  EXPECT_EQ(i->period_end, 1'702'592'000);
}

TEST(StripeDto, Checkout) {
  auto c = parse_checkout_event(R"({"data":{"object":{"id":"cs_1","customer":"cus_1",
    "subscription":"sub_1","client_reference_id":"6f1c2a0e-8d8e-4c1a-9a55-0d7f0b3a2b11",
    "payment_status":"paid"}}})");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->user_id, "6f1c2a0e-8d8e-4c1a-9a55-0d7f0b3a2b11");
  EXPECT_TRUE(c->paid);
}

}  // namespace
}  // namespace ugoki::billing::stripe

namespace ugoki::billing::stripe {
namespace {

TEST(StripeApi, AnswersAndErrors) {
  auto ok = parse_api_object(200, R"({"id":"cs_1","object":"checkout.session","url":"https://x"})");
  EXPECT_TRUE(ok.ok);
  EXPECT_EQ(ok.id, "cs_1");
  EXPECT_EQ(ok.url, "https://x");
  auto refused = parse_api_object(
      400, R"({"error":{"type":"invalid_request_error","code":"resource_missing","message":"m"}})");
  EXPECT_FALSE(refused.ok);
  EXPECT_EQ(refused.error_type, "invalid_request_error");
  EXPECT_EQ(refused.error_code, "resource_missing");
  EXPECT_EQ(parse_api_object(502, "<html>").error_type, "not_json");
  EXPECT_EQ(parse_api_object(200, R"({"object":"customer"})").error_type, "no_id");
}

}  // namespace
}  // namespace ugoki::billing::stripe
