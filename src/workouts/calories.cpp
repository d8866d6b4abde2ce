// The Compendium's energy formula (calories.hpp).
#include "workouts/calories.hpp"

namespace ugoki::workouts {

double kcal(double met, double body_mass_kg, std::chrono::seconds duration) {
  if (duration.count() <= 0) {
    return 0.0;
  }
  const double minutes = static_cast<double>(duration.count()) / 60.0;
  return met * 3.5 * body_mass_kg / 200.0 * minutes;
}

}  // namespace ugoki::workouts
