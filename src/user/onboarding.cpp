// The onboarding rules (see onboarding.hpp and docs/onboarding.md).
#include "user/onboarding.hpp"

#include <algorithm>
#include <string_view>

namespace ugoki::user {

namespace {

bool has_goal(const onboarding_answers& a, std::string_view goal) {
  return std::find(a.goals.begin(), a.goals.end(), goal) != a.goals.end();
}

// Fasting is contraindicated or needs medical supervision in these cases (pregnancy and
// lactation raise energy needs; insulin and sulfonylureas risk hypoglycaemia; restriction can
// trigger a relapse of an eating disorder; minors and underweight people need the energy).
std::vector<std::string> safety_reasons(const onboarding_answers& a) {
  std::vector<std::string> reasons;
  if (a.pregnant) {
    reasons.emplace_back("pregnant");
  }
  if (a.breastfeeding) {
    reasons.emplace_back("breastfeeding");
  }
  if (a.diabetes_medication) {
    reasons.emplace_back("diabetes_medication");
  }
  if (a.eating_disorder_history) {
    reasons.emplace_back("eating_disorder_history");
  }
  if (a.under_18) {
    reasons.emplace_back("under_18");
  }
  if (a.underweight) {
    reasons.emplace_back("underweight");
  }
  return reasons;
}

std::string fitness_level_for(std::string_view activity) {
  if (activity == "moderate") {
    return "intermediate";
  }
  if (activity == "active" || activity == "very_active") {
    return "advanced";
  }
  // sedentary, light, and anything unexpected: start gently.
  return "beginner";
}

}  // namespace

recommendation recommend(const onboarding_answers& answers) {
  recommendation r;
  r.fitness_level = fitness_level_for(answers.activity_level);
  r.reasons = safety_reasons(answers);
  if (!r.reasons.empty()) {
    r.consult_doctor = true;
    r.message =
        "Fasting may not be safe for you right now. Please talk to your doctor before "
        "starting any fasting protocol.";
    return r;
  }
  // Weight and metabolic goals benefit from a slightly longer fast once the user is ready for
  // it; energy, fitness and longevity goals start with the gentler schedule.
  const bool metabolic_goal =
      has_goal(answers, "lose_weight") || has_goal(answers, "metabolic_health");
  if (answers.fasting_experience == "experienced") {
    r.protocol_slug = "18-6";
  } else if (answers.fasting_experience == "some") {
    r.protocol_slug = metabolic_goal ? "16-8" : "14-10";
  } else {
    r.protocol_slug = metabolic_goal ? "13-11" : "12-12";
  }
  r.message = "Start with the " + *r.protocol_slug + " protocol; you can change it at any time.";
  return r;
}

}  // namespace ugoki::user
