// The header under test comes first: it must be self-contained.
#include "fasting/admin_dto.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "fasting/admin_service.hpp"
#include "fasting/admin_stage_service.hpp"

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
      R"({"slug": "x", "name": null, "fast_day_kcal": null, "benefits": null})", "\"v1\"");
  ASSERT_FALSE(p);
  EXPECT_EQ(protocol_fields_of(p.error().details),
            (std::vector<std::string>{"benefits", "name", "slug"}));
  auto empty = admin_dto::parse_protocol_patch("{}", "\"v1\"");
  ASSERT_FALSE(empty);
  EXPECT_EQ(protocol_fields_of(empty.error().details), std::vector<std::string>{"body"});
  auto ok = admin_dto::parse_protocol_patch(R"j({"name": "16:8 (Leangains)", "active": false,
      "fast_day_kcal": null
})j",
                                            "\"v3\"");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->name, "16:8 (Leangains)");
  EXPECT_EQ(ok->active, false);
  ASSERT_TRUE(ok->fast_day_kcal);
  EXPECT_FALSE(*ok->fast_day_kcal);
  EXPECT_EQ(ok->version, 3);
}

TEST(fasting_admin_dto, APatchNamesTheVersionItRead) {
  auto none = admin_dto::parse_protocol_patch(R"({"name": "x"})", "");
  ASSERT_FALSE(none);
  EXPECT_EQ(protocol_fields_of(none.error().details), std::vector<std::string>{"version"});
  EXPECT_EQ(admin_dto::parse_protocol_patch(R"({"name": "x", "version": 4})", "")->version, 4);
  auto differ = admin_dto::parse_protocol_patch(R"({"name": "x", "version": 4})", "\"v3\"");
  ASSERT_FALSE(differ);
  EXPECT_EQ(protocol_fields_of(differ.error().details), std::vector<std::string>{"version"});
  EXPECT_EQ(*admin_dto::parse_precondition("", "\"v2\""), std::optional<std::int64_t>(2));
  EXPECT_EQ(*admin_dto::parse_precondition("", ""), std::nullopt);
  EXPECT_FALSE(admin_dto::parse_precondition(R"({"other": 1})", ""));
}

TEST(fasting_admin_dto, TranslationsAreCheckedLikeTheEnglishFields) {
  auto bad = admin_dto::parse_protocol_patch(R"({"translations": {"en": {"name": "x"},
      "xx": {"name": "x"}, "de": {"name": " ", "kind": "weekly", "benefits": [""]},
      "fr": {}, "it": 3}})",
                                             "\"v1\"");
  ASSERT_FALSE(bad);
  EXPECT_EQ(protocol_fields_of(bad.error().details),
            (std::vector<std::string>{"translations.de.benefits[0]", "translations.de.kind",
                                      "translations.de.name", "translations.en", "translations.fr",
                                      "translations.it", "translations.xx"}));
  auto ok = admin_dto::parse_protocol_patch(
      R"({"translations": {"de": {"name": "16:8", "benefits": ["Einfach."]}, "fr": null}})",
      "\"v1\"");
  ASSERT_TRUE(ok) << ok.error().details.at(0).field;
  EXPECT_EQ(ok->translations_json, R"({"de":{"name":"16:8","benefits":["Einfach."]},"fr":null})");
  // A create may not remove what does not exist yet.
  std::string body = admin_protocol_body;
  body.insert(body.size() - 1, R"(, "translations": {"fr": null})");
  auto create = admin_dto::parse_protocol(body);
  ASSERT_FALSE(create);
  EXPECT_EQ(protocol_fields_of(create.error().details),
            std::vector<std::string>{"translations.fr"});
}

TEST(fasting_admin_dto, AStagePatchReadsQuarterHoursAndRefusesTheEnd) {
  auto bad = admin_dto::parse_stage_patch(
      R"({"starts_after_seconds": 1000, "ends_after_seconds": 3600, "name": null,
          "translations": {"de": {"source": "x"}}})",
      "\"v1\"");
  ASSERT_FALSE(bad);
  EXPECT_EQ(protocol_fields_of(bad.error().details),
            (std::vector<std::string>{"ends_after_seconds", "name", "starts_after_seconds",
                                      "translations.de.source"}));
  auto ok = admin_dto::parse_stage_patch(
      R"({"starts_after_seconds": 45000, "translations": {"de": {"name": "Ketose"}}})", "");
  ASSERT_FALSE(ok);  // no version
  auto good = admin_dto::parse_stage_patch(R"({"starts_after_seconds": 45000})", "\"v2\"");
  ASSERT_TRUE(good);
  EXPECT_EQ(good->starts_after_seconds, 45000);
}

admin_stage stage_at(std::string id, std::int64_t starts, bool active = true) {
  admin_stage s;
  s.id = std::move(id);
  s.s.slug = s.id;
  s.s.starts_after_seconds = starts;
  s.active = active;
  return s;
}

TEST(fasting_admin_rules, ActiveStagesTileTheFastFromZero) {
  auto ends = stage_ends({stage_at("b", 4 * 3600), stage_at("a", 0), stage_at("r", 2 * 3600, false),
                          stage_at("c", 16 * 3600)},
                         "starts_after_seconds");
  ASSERT_TRUE(ends);
  EXPECT_EQ(ends->at("a"), 4 * 3600);
  EXPECT_EQ(ends->at("b"), 16 * 3600);
  EXPECT_EQ(ends->at("c"), std::nullopt);
  EXPECT_FALSE(ends->contains("r"));
  auto together = stage_ends({stage_at("a", 0), stage_at("b", 3600), stage_at("c", 3600)}, "f");
  ASSERT_FALSE(together);
  EXPECT_EQ(together.error().code, "FAST_017");
  EXPECT_EQ(together.error().details.at(0).field, "f");
  EXPECT_EQ(stage_ends({stage_at("b", 3600)}, "id").error().code, "FAST_017");
  EXPECT_TRUE(stage_ends({stage_at("a", 3600, false)}, "id"));  // none active: nothing to tile
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
      text.ends_with(",\"sort_order\":0,\"active\":true,\"version\":1,\"translations\":{},"
                     "\"updated_at\":\"2026-12-07T10:00:00Z\"}"));
  EXPECT_EQ(text.find("\"language\""), std::string::npos);
}

}  // namespace
}  // namespace ugoki::fasting
