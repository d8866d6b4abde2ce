// The header under test comes first: it must be self-contained.
#include "fasting/admin_dto.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "fasting/admin_service.hpp"

// The fasting protocols' admin parsers (every bad field named, unknown members refused) and
// the rules between fields that mirror migration 0003's CHECKs.
namespace ugoki::fasting {
namespace {

std::vector<std::string> protocol_fields_of(const std::vector<field_error>& details) {
  std::vector<std::string> out;
  for (const auto& d : details) {
    out.push_back(d.field);
  }
  std::sort(out.begin(), out.end());
  return out;
}

constexpr const char* admin_protocol_body = R"({
  "slug": "15-9", "name": "15:9", "kind": "daily_tre",
  "description": "Fast 15 hours, eat within 9 (e.g. 10:00-19:00).",
  "fasting_seconds": 54000, "eating_window_seconds": 32400,
  "difficulty": "beginner", "recommended_frequency": "daily",
  "benefits": ["Simple to keep."], "considerations": ["Not for pregnancy."]})";

TEST(fasting_admin_dto, AProtocolIsReadInMinutesWithDefaults) {
  auto p = admin_dto::parse_protocol(admin_protocol_body);
  ASSERT_TRUE(p) << p.error().details.size();
  EXPECT_EQ(p->p.slug, "15-9");
  EXPECT_EQ(p->p.fasting_minutes, 900);
  EXPECT_EQ(p->p.eating_window_minutes, 540);
  EXPECT_EQ(p->p.weekday_rules_json, "{}");
  EXPECT_EQ(p->p.benefits_json, R"(["Simple to keep."])");
  EXPECT_EQ(p->sort_order, 0);
  EXPECT_TRUE(p->active);
  EXPECT_TRUE(protocol_problems(*p).empty());
}

TEST(fasting_admin_dto, EveryBadFieldIsNamed) {
  auto p = admin_dto::parse_protocol(R"({"slug": "16--8", "name": " ", "kind": "daily",
      "description": "x", "fasting_seconds": 57601, "eating_window_seconds": -1,
      "difficulty": "easy", "recommended_frequency": "daily", "benefits": [],
      "considerations": ["ok", ""], "weekday_rules": [], "is_active": true})");
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, "VAL_001");
  EXPECT_EQ(protocol_fields_of(p.error().details),
            (std::vector<std::string>{"benefits", "considerations[1]", "difficulty",
                                      "eating_window_seconds", "fasting_seconds", "is_active",
                                      "kind", "name", "slug", "weekday_rules"}));
}

TEST(fasting_admin_dto, APatchRefusesTheSlugNullsAndNothing) {
  auto p = admin_dto::parse_protocol_patch(
      R"({"slug": "x", "name": null, "fast_day_kcal": null, "benefits": null})");
  ASSERT_FALSE(p);
  EXPECT_EQ(protocol_fields_of(p.error().details),
            (std::vector<std::string>{"benefits", "name", "slug"}));
  auto empty = admin_dto::parse_protocol_patch("{}");
  ASSERT_FALSE(empty);
  EXPECT_EQ(protocol_fields_of(empty.error().details), std::vector<std::string>{"body"});
  auto ok = admin_dto::parse_protocol_patch(R"j({"name": "16:8 (Leangains)", "active": false,
      "fast_day_kcal": null
})j");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->name, "16:8 (Leangains)");
  EXPECT_EQ(ok->active, false);
  ASSERT_TRUE(ok->fast_day_kcal);
  EXPECT_FALSE(*ok->fast_day_kcal);
}

TEST(fasting_admin_rules, TheChecksBetweenFieldsAreNamed) {
  admin_protocol a;
  a.p.kind = "daily_tre";
  a.p.fasting_minutes = 960;
  a.p.eating_window_minutes = 600;
  a.p.fast_day_kcal = 500;
  a.p.fast_days_per_week = 2;
  EXPECT_EQ(
      protocol_fields_of(protocol_problems(a)),
      (std::vector<std::string>{"eating_window_seconds", "fast_day_kcal", "fast_days_per_week"}));
  a.p.kind = "weekly";
  a.p.fasting_minutes = 1440;
  a.p.eating_window_minutes = 0;
  EXPECT_TRUE(protocol_problems(a).empty());
  a.p.fast_days_per_week.reset();
  a.p.fast_day_kcal.reset();
  EXPECT_EQ(protocol_fields_of(protocol_problems(a)),
            (std::vector<std::string>{"fast_day_kcal", "fast_days_per_week"}));
  a.p.kind = "extended";
  a.p.eating_window_minutes = 60;
  EXPECT_EQ(protocol_fields_of(protocol_problems(a)),
            std::vector<std::string>{"eating_window_seconds"});
}

TEST(fasting_admin_dto, TheAdminObjectExtendsThePublicOne) {
  auto p = admin_dto::parse_protocol(admin_protocol_body);
  ASSERT_TRUE(p);
  p->p.id = "00000000-0000-4000-8000-000000000001";
  p->updated_at = "2026-12-07T10:00:00Z";
  std::string text = admin_dto::render_admin_protocol(*p);
  EXPECT_NE(text.find("\"fasting_seconds\":54000"), std::string::npos);
  EXPECT_TRUE(
      text.ends_with(",\"sort_order\":0,\"active\":true,"
                     "\"updated_at\":\"2026-12-07T10:00:00Z\"}"));
}

}  // namespace
}  // namespace ugoki::fasting
