// Personal records (records.hpp): one pass over the sets, keeping the best mark per kind.
#include "workouts/records.hpp"

#include <algorithm>
#include <map>

namespace ugoki::workouts {

namespace {

// Replaces `slot` when `candidate` is strictly better, or equal and set earlier.
void keep_best(std::optional<record_mark>& slot, record_mark candidate) {
  if (!slot || candidate.value > slot->value ||
      (candidate.value == slot->value && candidate.performed_at < slot->performed_at)) {
    slot = std::move(candidate);
  }
}

}  // namespace

std::optional<double> epley_1rm(double weight_kg, int reps) {
  if (weight_kg <= 0 || reps < 1 || reps > 12) {
    return std::nullopt;
  }
  if (reps == 1) {
    return weight_kg;
  }
  return weight_kg * (1.0 + reps / 30.0);
}

std::vector<exercise_records> compute_records(std::span<const record_set> sets) {
  struct building {
    exercise_records r;
    std::map<double, std::optional<record_mark>> reps_by_weight;
  };
  std::map<std::string, building> by_id;
  for (const auto& s : sets) {
    building& b = by_id[s.exercise_id];
    b.r.exercise_id = s.exercise_id;
    b.r.exercise_name = s.exercise_name;
    record_mark base{0, s.weight_kg, s.reps, s.session_id, s.performed_at};
    if (s.weight_kg && *s.weight_kg > 0) {
      record_mark m = base;
      m.value = *s.weight_kg;
      keep_best(b.r.max_weight, m);
      if (s.reps && *s.reps > 0) {
        record_mark at = base;
        at.value = *s.reps;
        keep_best(b.reps_by_weight[*s.weight_kg], at);
      }
      if (auto e = epley_1rm(*s.weight_kg, s.reps.value_or(0))) {
        record_mark one = base;
        one.value = *e;
        keep_best(b.r.best_estimated_1rm, one);
      }
    }
    if (s.duration_seconds && *s.duration_seconds > 0) {
      record_mark d = base;
      d.value = *s.duration_seconds;
      keep_best(b.r.longest_duration, d);
    }
  }
  std::vector<exercise_records> out;
  for (auto& entry : by_id) {
    building& b = entry.second;
    // The map is ordered by weight: the list comes lightest first.
    for (auto& at_weight : b.reps_by_weight) {
      b.r.max_reps_at_weight.push_back(*at_weight.second);
    }
    if (b.r.max_weight || b.r.longest_duration || !b.r.max_reps_at_weight.empty()) {
      out.push_back(std::move(b.r));
    }
  }
  std::sort(out.begin(), out.end(), [](const exercise_records& a, const exercise_records& b) {
    return a.exercise_name != b.exercise_name ? a.exercise_name < b.exercise_name
                                              : a.exercise_id < b.exercise_id;
  });
  return out;
}

}  // namespace ugoki::workouts
