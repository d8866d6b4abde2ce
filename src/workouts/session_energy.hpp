// A session's energy from what was logged (docs/workouts.md "Calories"): each completed set's
// duration at its exercise's MET, its rest at the resting MET, and the active time no set covers
// at the MET of the session's type. Pure.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "workouts/types.hpp"

namespace ugoki::workouts {

// The MET of a session type's uncovered active time (Compendium 2011; docs/workouts.md names
// each code): hiit 8.0, strength 3.5, cardio 7.3, mobility 2.3, other 4.3. An unknown type
// (never stored: the column's CHECK) reads as other.
double type_met(std::string_view type);

// The session's kcal, rounded once to a whole number: sum over completed sets of
// kcal(met, mass, duration) + kcal(resting_met, mass, rest), plus kcal(type_met(type), mass,
// max(0, active - covered)) where covered is those sets' duration and rest. Skipped sets
// (completed = false) count nothing. `body_mass_kg` must be positive.
int session_kcal(std::span<const stored_set> sets, std::string_view type,
                 std::int64_t active_seconds, double body_mass_kg);

}  // namespace ugoki::workouts
