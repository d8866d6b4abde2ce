// The onboarding rules: survey answers -> recommended fasting protocol and fitness level.
// Pure (no I/O, no clock), so every rule is unit-tested; docs/onboarding.md states them.
#pragma once

#include "user/types.hpp"

namespace ugoki::user {

// Applies the documented rules to valid `answers` (as dto::parse_onboarding produces them):
// - any safety flag (pregnant, breastfeeding, diabetes_medication, eating_disorder_history,
//   under_18, underweight) -> no protocol, consult_doctor, one reason per flag in that order;
// - otherwise by fasting_experience: none -> 12-12, or 13-11 when a goal is lose_weight or
//   metabolic_health; some -> 14-10, or 16-8 with those goals; experienced -> 18-6;
// - fitness level from activity_level: sedentary|light -> beginner, moderate -> intermediate,
//   active|very_active -> advanced (given even when fasting is not advised).
// Never throws for valid answers; an unknown enum value falls back to the most cautious choice.
recommendation recommend(const onboarding_answers& answers);

}  // namespace ugoki::user
