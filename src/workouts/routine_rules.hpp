// Routine rules: length and energy estimates, the limits of a user's routine, and the catalogue
// filters. Pure; tests/unit/workouts/routine_rules_test.cpp checks them with hand-computed
// figures (docs/workouts.md, "Routines").
#pragma once

#include "workouts/calories.hpp"
#include "workouts/library_types.hpp"

namespace ugoki::workouts::rules {

// A reps-only interval is timed at this many seconds a rep for estimates.
inline constexpr int seconds_per_rep = 3;
// Limits of a user's routine (also the database's CHECKs, migration 0021).
inline constexpr int max_intervals = 50;
inline constexpr int max_own_routines = 100;
inline constexpr int min_work_seconds = 5;
inline constexpr int max_work_seconds = 3600;
inline constexpr int max_reps = 500;
inline constexpr int max_rest_seconds = 600;
inline constexpr int max_interval_rounds = 20;
inline constexpr int max_rounds = 50;
inline constexpr int max_rest_between_rounds_seconds = 900;

// The length and kcal of `r` at `mass`, exercises resolved in `lib`. Each block takes, for
// each interval, rounds x (work + rest), less the rest after its last interval (the block ends
// there); the main block runs r.rounds times with rest_between_rounds_seconds between rounds.
// Work counts at the exercise's MET, rest at resting_met (calories.hpp); kcal is rounded once,
// at the total. An exercise id missing from `lib` counts at resting_met.
routine_estimate estimate(const routine& r, const catalogue& lib, body_mass mass);

// Whether catalogue routine `r` (with its estimate) passes `f`: difficulty equal; duration at
// most max_minutes; equipment "none" = needs none, else uses that one; goal among its goals;
// premium equal to is_premium.
bool matches(const routine& r, const routine_estimate& e, const routine_filter& f);

}  // namespace ugoki::workouts::rules
