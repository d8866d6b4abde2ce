// Energy of exercise by the Compendium of Physical Activities, the one formula every part of the
// workouts module uses (routine estimates, session totals, stats). Pure; docs/workouts.md has
// the values and their sources; tests/unit/workouts/calories_test.cpp checks them.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include <boost/asio/awaitable.hpp>

namespace ugoki::workouts {

// Rest between intervals counts as standing quietly: Compendium 2011 code 07040, 1.3 MET.
inline constexpr double resting_met = 1.3;

// The body mass used when the user has neither a weight_kg metric nor a profile weight: 70 kg,
// the ICRP reference adult and the mass the Compendium's MET tables assume. Answers that used it
// say `estimated: true`.
inline constexpr double default_body_mass_kg = 70.0;

// The mass a calorie estimate was made with, and whether it is the default above.
struct body_mass {
  double kg = default_body_mass_kg;
  bool estimated = true;
};

// The caller's body mass: the latest weight_kg metric, else the profile's weight, else the
// default (estimated). Given by the composition root (app/bridges.cpp), which reads the
// analytics and user modules; the workouts module depends on neither.
using body_mass_source = std::function<boost::asio::awaitable<body_mass>(std::string user_id)>;

// kcal = MET x 3.5 ml O2/kg/min x body mass (kg) / 200, per minute of the activity. `met` and
// `kg` must be positive and finite (the callers' validated values); a negative duration counts
// as zero. Fractional kcal: callers round once, at the total they show.
double kcal(double met, double body_mass_kg, std::chrono::seconds duration);

}  // namespace ugoki::workouts
