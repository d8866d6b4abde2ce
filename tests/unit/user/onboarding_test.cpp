// Unit tests of the onboarding rules (docs/onboarding.md): protocol, fitness level, safety.
// The header under test comes first: it must be self-contained.
#include "user/onboarding.hpp"

#include <gtest/gtest.h>

namespace ugoki::user {
namespace {

onboarding_answers answers(std::string experience, std::vector<std::string> goals,
                           std::string activity = "light") {
  onboarding_answers a;
  a.fasting_experience = std::move(experience);
  a.goals = std::move(goals);
  a.activity_level = std::move(activity);
  return a;
}

std::string slug_of(const onboarding_answers& a) {
  return recommend(a).protocol_slug.value_or("(none)");
}

TEST(onboarding_rules, beginners_start_at_12_12_or_13_11_with_a_metabolic_goal) {
  EXPECT_EQ(slug_of(answers("none", {"improve_energy"})), "12-12");
  EXPECT_EQ(slug_of(answers("none", {"longevity", "build_fitness"})), "12-12");
  EXPECT_EQ(slug_of(answers("none", {"lose_weight"})), "13-11");
  EXPECT_EQ(slug_of(answers("none", {"improve_energy", "metabolic_health"})), "13-11");
}

TEST(onboarding_rules, some_experience_gets_14_10_or_16_8_with_a_metabolic_goal) {
  EXPECT_EQ(slug_of(answers("some", {"longevity"})), "14-10");
  EXPECT_EQ(slug_of(answers("some", {"lose_weight"})), "16-8");
  EXPECT_EQ(slug_of(answers("some", {"metabolic_health"})), "16-8");
}

TEST(onboarding_rules, experienced_fasters_get_18_6) {
  EXPECT_EQ(slug_of(answers("experienced", {"longevity"})), "18-6");
  EXPECT_EQ(slug_of(answers("experienced", {"lose_weight"})), "18-6");
}

TEST(onboarding_rules, a_safe_answer_needs_no_doctor) {
  auto r = recommend(answers("some", {"lose_weight"}));
  EXPECT_FALSE(r.consult_doctor);
  EXPECT_TRUE(r.reasons.empty());
  EXPECT_NE(r.message.find("16-8"), std::string::npos);
}

TEST(onboarding_rules, fitness_level_follows_activity) {
  EXPECT_EQ(recommend(answers("none", {"longevity"}, "sedentary")).fitness_level, "beginner");
  EXPECT_EQ(recommend(answers("none", {"longevity"}, "light")).fitness_level, "beginner");
  EXPECT_EQ(recommend(answers("none", {"longevity"}, "moderate")).fitness_level, "intermediate");
  EXPECT_EQ(recommend(answers("none", {"longevity"}, "active")).fitness_level, "advanced");
  EXPECT_EQ(recommend(answers("none", {"longevity"}, "very_active")).fitness_level, "advanced");
  EXPECT_EQ(recommend(answers("none", {"longevity"}, "???")).fitness_level, "beginner");
}

TEST(onboarding_rules, unknown_experience_falls_back_to_the_gentlest_protocol) {
  EXPECT_EQ(slug_of(answers("", {"longevity"})), "12-12");
}

// Each flag alone withholds any protocol, even from an experienced faster.
TEST(onboarding_rules, every_safety_flag_withholds_fasting_and_advises_a_doctor) {
  using flag = bool onboarding_answers::*;
  const std::pair<flag, const char*> flags[] = {
      {&onboarding_answers::pregnant, "pregnant"},
      {&onboarding_answers::breastfeeding, "breastfeeding"},
      {&onboarding_answers::diabetes_medication, "diabetes_medication"},
      {&onboarding_answers::eating_disorder_history, "eating_disorder_history"},
      {&onboarding_answers::under_18, "under_18"},
      {&onboarding_answers::underweight, "underweight"},
  };
  for (const auto& [member, name] : flags) {
    auto a = answers("experienced", {"lose_weight"}, "active");
    a.*member = true;
    auto r = recommend(a);
    EXPECT_FALSE(r.protocol_slug) << name;
    EXPECT_TRUE(r.consult_doctor) << name;
    ASSERT_EQ(r.reasons.size(), 1u) << name;
    EXPECT_EQ(r.reasons[0], name);
    EXPECT_NE(r.message.find("doctor"), std::string::npos) << name;
    EXPECT_EQ(r.fitness_level, "advanced") << name;
  }
}

TEST(onboarding_rules, several_flags_are_all_listed_in_a_fixed_order) {
  auto a = answers("none", {"lose_weight"});
  a.under_18 = true;
  a.pregnant = true;
  auto r = recommend(a);
  EXPECT_EQ(r.reasons, (std::vector<std::string>{"pregnant", "under_18"}));
}

}  // namespace
}  // namespace ugoki::user
