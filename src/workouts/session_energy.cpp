// The session energy rule of session_energy.hpp over the Compendium formula (calories.hpp).
#include "workouts/session_energy.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "workouts/calories.hpp"

namespace ugoki::workouts {

double type_met(std::string_view type) {
  // Compendium of Physical Activities 2011 (Ainsworth et al.), codes in docs/workouts.md.
  if (type == "hiit") {
    return 8.0;  // 02040 circuit training, kettlebells, minimal rest, vigorous
  }
  if (type == "strength") {
    return 3.5;  // 02054 resistance training, multiple exercises, 8-15 reps
  }
  if (type == "cardio") {
    return 7.3;  // 03015 aerobic, general
  }
  if (type == "mobility") {
    return 2.3;  // 02101 stretching, mild
  }
  return 4.3;  // 02035 circuit training, moderate effort (other)
}

int session_kcal(std::span<const stored_set> sets, std::string_view type,
                 std::int64_t active_seconds, double body_mass_kg) {
  using std::chrono::seconds;
  double total = 0;
  std::int64_t covered = 0;
  for (const auto& st : sets) {
    if (!st.s.completed) {
      continue;
    }
    const std::int64_t work = st.s.duration_seconds.value_or(0);
    const std::int64_t rest = st.s.rest_seconds.value_or(0);
    total += kcal(st.met, body_mass_kg, seconds(work));
    total += kcal(resting_met, body_mass_kg, seconds(rest));
    covered += work + rest;
  }
  // Sets logged beyond the measured time are the user's record and count whole; no negative
  // remainder is taken off them.
  const std::int64_t rest_of_time = std::max<std::int64_t>(0, active_seconds - covered);
  total += kcal(type_met(type), body_mass_kg, seconds(rest_of_time));
  return static_cast<int>(std::lround(total));
}

}  // namespace ugoki::workouts
