// Unit tests of the user module's request parsers: every rule of PATCH /users/me,
// PATCH /users/me/preferences and POST /users/me/onboarding that needs no database.
// The header under test comes first: it must be self-contained.
#include "user/dto.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "support/validation.hpp"
#include "user/profile_rules.hpp"

namespace ugoki::user {
namespace {

using testing::bad_fields;

using fields = std::vector<std::string>;

// The rules the service would hand the parser: two known zones, and 31 January 2026 as today.
const profile_rules& rules() {
  static const profile_rules r(
      std::make_shared<const profile_rules::zone_set>(
          profile_rules::zone_set{"Europe/Berlin", "UTC"}),
      std::chrono::year_month_day(std::chrono::year(2026), std::chrono::January,
                                  std::chrono::day(31)));
  return r;
}

result<profile_patch> parse_patch(std::string_view body) {
  return dto::parse_profile_patch(body, rules());
}

TEST(profile_patch, reads_values_nulls_and_absent_fields) {
  auto p =
      parse_patch(
          R"({"display_name":"Ann","avatar_url":null,"height_cm":170.5,"timezone":"Europe/Berlin",
          "date_of_birth":"1990-02-28","health_conditions":["asthma","asthma"],"allergies":null,
          "dietary_preferences":{"diet":"vegan","excluded_foods":["nuts"]}})")
          .value();
  ASSERT_TRUE(p.display_name && *p.display_name);
  EXPECT_EQ(**p.display_name, "Ann");
  ASSERT_TRUE(p.avatar_url);
  EXPECT_FALSE(*p.avatar_url);  // explicit null: clear
  EXPECT_FALSE(p.gender);       // absent: keep
  EXPECT_DOUBLE_EQ(**p.height_cm, 170.5);
  EXPECT_EQ(*p.timezone, "Europe/Berlin");
  EXPECT_EQ(**p.date_of_birth, "1990-02-28");
  EXPECT_EQ(**p.health_conditions, (fields{"asthma"}));  // duplicates dropped
  ASSERT_TRUE(p.allergies);
  EXPECT_FALSE(*p.allergies);
  EXPECT_EQ(*p.dietary_preferences_json, R"({"diet":"vegan","excluded_foods":["nuts"]})");
}

TEST(profile_patch, refuses_account_fields_and_unknown_fields_by_name) {
  EXPECT_EQ(
      bad_fields([] {
        return parse_patch(
            R"({"role":"admin","email_verified":true,"id":"x","user_id":"x",
                      "email":"a@b.co","created_at":"2020-01-01T00:00:00Z","shoe_size":44})");
      }),
      (fields{"created_at", "email", "email_verified", "id", "role", "shoe_size", "user_id"}));
}

TEST(profile_patch, validates_ranges_enums_formats_and_lengths) {
  EXPECT_EQ(
      bad_fields([] {
        return parse_patch(
            R"({"display_name":"","avatar_url":"http://x.test/a.png","gender":"robot",
                      "height_cm":400,"weight_kg":"80","body_fat_percentage":1,
                      "fitness_level":"pro","locale":"EN_us","date_of_birth":"1990-02-30",
                      "health_conditions":"asthma","allergies":[1]})");
      }),
      (fields{"allergies", "avatar_url", "body_fat_percentage", "date_of_birth", "display_name",
              "fitness_level", "gender", "health_conditions", "height_cm", "locale", "weight_kg"}));
}

TEST(profile_patch, names_the_zone_and_age_rules_with_every_other_bad_field) {
  EXPECT_EQ(
      bad_fields([] {
        return parse_patch(
            R"({"weight_kg":900,"timezone":"Mars/Olympus_Mons","date_of_birth":"2026-02-01"})");
      }),
      (fields{"date_of_birth", "timezone", "weight_kg"}));
  EXPECT_EQ(bad_fields([] { return parse_patch(R"({"date_of_birth":"2013-02-01"})"); }),
            (fields{"date_of_birth"}))
      << "12 years old on 31 January 2026";
  EXPECT_EQ(bad_fields([] { return parse_patch(R"({"date_of_birth":"1905-01-30"})"); }),
            (fields{"date_of_birth"}))
      << "121 years old";
  EXPECT_TRUE(parse_patch(R"({"date_of_birth":"2013-01-31","timezone":"Europe/Berlin"})"))
      << "13 today";
}

TEST(profile_age, counts_whole_years) {
  using namespace std::chrono;
  EXPECT_EQ(age_on(year(2000) / March / 1, year(2026) / February / 28), 25);
  EXPECT_EQ(age_on(year(2000) / March / 1, year(2026) / March / 1), 26);
}

TEST(profile_patch, timezone_and_locale_cannot_be_null) {
  EXPECT_EQ(bad_fields([] { return parse_patch(R"({"timezone":null,"locale":null})"); }),
            (fields{"locale", "timezone"}));
}

TEST(profile_patch, bounds_the_health_lists) {
  std::string many = "[";
  for (int i = 0; i < 21; ++i) {
    many += (i ? ",\"c" : "\"c") + std::to_string(i) + "\"";
  }
  many += "]";
  EXPECT_EQ(bad_fields([&] { return parse_patch(R"({"allergies":)" + many + "}"); }),
            (fields{"allergies"}));
  std::string long_item = R"({"health_conditions":[")" + std::string(101, 'a') + R"("]})";
  EXPECT_EQ(bad_fields([&] { return parse_patch(long_item); }), (fields{"health_conditions"}));
}

TEST(profile_patch, checks_dietary_preferences_inside) {
  EXPECT_EQ(bad_fields(
                [] { return parse_patch(R"({"dietary_preferences":{"diet":"x","spicy":true}})"); }),
            (fields{"dietary_preferences.diet", "dietary_preferences.spicy"}));
  EXPECT_EQ(*parse_patch(R"({"dietary_preferences":null})")->dietary_preferences_json, "{}");
}

TEST(preferences_patch, reads_goals_toggles_and_quiet_hours) {
  auto p = dto::parse_preferences_patch(
               R"({"units":"imperial","fasting_goal_hours":16,"daily_step_goal":null,
          "quiet_hours_start":"22:00","quiet_hours_end":"07:30",
          "notification_types":{"achievement":false}})")
               .value();
  EXPECT_EQ(*p.units, "imperial");
  EXPECT_EQ(**p.fasting_goal_hours, 16);
  ASSERT_TRUE(p.daily_step_goal);
  EXPECT_FALSE(*p.daily_step_goal);
  EXPECT_TRUE(p.quiet_hours_set);
  EXPECT_EQ(*p.quiet_hours_start, "22:00");
  EXPECT_EQ(p.notification_types->at("achievement"), false);
}

TEST(preferences_patch, validates_every_field) {
  EXPECT_EQ(bad_fields([] {
              return dto::parse_preferences_patch(
                  R"({"units":"cubits","language":"english","week_starts_on":3,
                      "fasting_goal_hours":100,"daily_water_goal_ml":10,"push_enabled":"yes",
                      "quiet_hours_start":"25:00","quiet_hours_end":"07:00",
                      "notification_types":{"spam":true,"streak":1},"theme":"dark"})");
            }),
            (fields{"daily_water_goal_ml", "fasting_goal_hours", "language",
                    "notification_types.spam", "notification_types.streak", "push_enabled",
                    "quiet_hours_start", "theme", "units", "week_starts_on"}));
}

TEST(preferences_patch, quiet_hours_come_in_pairs) {
  EXPECT_EQ(
      bad_fields([] { return dto::parse_preferences_patch(R"({"quiet_hours_start":"22:00"})"); }),
      (fields{"quiet_hours_end"}));
  // A time given alone is still checked on its own.
  EXPECT_EQ(
      bad_fields([] { return dto::parse_preferences_patch(R"({"quiet_hours_start":"25:00"})"); }),
      (fields{"quiet_hours_end", "quiet_hours_start"}));
  auto cleared =
      dto::parse_preferences_patch(R"({"quiet_hours_start":null,"quiet_hours_end":null})").value();
  EXPECT_TRUE(cleared.quiet_hours_set);
  EXPECT_FALSE(cleared.quiet_hours_start);
}

TEST(onboarding_body, reads_answers_and_requires_the_core_questions) {
  auto a = dto::parse_onboarding(
               R"({"goals":["lose_weight"],"fasting_experience":"some","activity_level":"moderate",
          "eating_window_start":"12:00","pregnant":true})")
               .value();
  EXPECT_EQ(a.goals, (fields{"lose_weight"}));
  EXPECT_TRUE(a.pregnant);
  EXPECT_FALSE(a.under_18);
  EXPECT_EQ(bad_fields([] { return dto::parse_onboarding("{}"); }),
            (fields{"activity_level", "fasting_experience", "goals"}));
  EXPECT_EQ(bad_fields([] {
              return dto::parse_onboarding(
                  R"({"goals":["fly"],"fasting_experience":"lots","activity_level":"moderate",
                      "sleep_time":"9pm","pregnant":"no","role":"admin"})");
            }),
            (fields{"fasting_experience", "goals", "pregnant", "role", "sleep_time"}));
}

TEST(encrypted_lists, round_trip) {
  fields items{"asthma", "Ünïcode \"quoted\""};
  EXPECT_EQ(dto::decode_list(dto::encode_list(items)), items);
  EXPECT_THROW(dto::decode_list("{}"), std::invalid_argument);
}

}  // namespace
}  // namespace ugoki::user
