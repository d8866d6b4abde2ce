// Personal records per exercise (GET /workouts/records): the heaviest set, the most reps at
// each weight, the best estimated one-rep max (Epley) and the longest set, each with the
// session that set it. Pure.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "workouts/types.hpp"

namespace ugoki::workouts {

// Epley (1985): 1RM = weight x (1 + reps / 30), for 1..12 reps (a single is the weight itself;
// beyond 12 reps the estimate is too loose to call a record). nullopt outside that range or
// without a positive weight.
std::optional<double> epley_1rm(double weight_kg, int reps);

// One completed set of a completed session, as the records read it.
struct record_set {
  std::string exercise_id;
  std::string exercise_name;
  std::string session_id;
  instant performed_at;  // the session's start
  std::optional<int> reps;
  std::optional<double> weight_kg;
  std::optional<int> duration_seconds;
};

struct record_mark {
  double value = 0;  // kg, reps or seconds
  std::optional<double> weight_kg;
  std::optional<int> reps;
  std::string session_id;
  instant performed_at;
};

struct exercise_records {
  std::string exercise_id;
  std::string exercise_name;
  std::optional<record_mark> max_weight;          // value: kg
  std::vector<record_mark> max_reps_at_weight;    // value: reps; one per weight, lightest first
  std::optional<record_mark> best_estimated_1rm;  // value: kg (Epley)
  std::optional<record_mark> longest_duration;    // value: seconds
};

// The records of every exercise with at least one, ordered by exercise name then id. A record
// ties go to the earliest session (the one that set it first).
std::vector<exercise_records> compute_records(std::span<const record_set> sets);

}  // namespace ugoki::workouts
