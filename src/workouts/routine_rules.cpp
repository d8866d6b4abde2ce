// Routine estimates and filters (routine_rules.hpp).
#include "workouts/routine_rules.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace ugoki::workouts::rules {

namespace {

int work_of(const interval& i) {
  if (i.work_seconds) {
    return *i.work_seconds;
  }
  return i.reps.value_or(0) * seconds_per_rep;
}

// Adds one pass of `block`'s intervals, `times` over, to the MET-weighted totals.
struct tally {
  long work = 0;
  long rest = 0;
  double kcal = 0;
};

void add_block(tally& t, const routine& r, const catalogue& lib, std::string_view block, int times,
               double kg) {
  const interval* last = nullptr;
  for (const auto& i : r.intervals) {
    if (i.block == block) {
      last = &i;
    }
  }
  if (last == nullptr || times <= 0) {
    return;
  }
  for (const auto& i : r.intervals) {
    if (i.block != block) {
      continue;
    }
    const exercise* e = lib.find_exercise(i.exercise_id);
    const double met = e ? e->met_value : resting_met;
    const long work = static_cast<long>(work_of(i)) * i.rounds * times;
    long rest = static_cast<long>(i.rest_seconds) * i.rounds * times;
    if (&i == last) {
      rest -= static_cast<long>(i.rest_seconds) * times;  // no rest once the block is over
    }
    t.work += work;
    t.rest += rest;
    t.kcal += kcal(met, kg, std::chrono::seconds(work));
  }
}

}  // namespace

routine_estimate estimate(const routine& r, const catalogue& lib, body_mass mass) {
  tally t;
  add_block(t, r, lib, "warm_up", 1, mass.kg);
  add_block(t, r, lib, "main", r.rounds, mass.kg);
  add_block(t, r, lib, "cool_down", 1, mass.kg);
  t.rest += static_cast<long>(std::max(r.rounds - 1, 0)) * r.rest_between_rounds_seconds;
  t.kcal += kcal(resting_met, mass.kg, std::chrono::seconds(t.rest));
  routine_estimate e;
  e.work_seconds = static_cast<int>(t.work);
  e.rest_seconds = static_cast<int>(t.rest);
  e.duration_seconds = static_cast<int>(t.work + t.rest);
  e.estimated_kcal = std::lround(t.kcal);
  e.body_mass_kg = mass.kg;
  e.estimated = mass.estimated;
  return e;
}

bool matches(const routine& r, const routine_estimate& e, const routine_filter& f) {
  auto has = [](const std::vector<std::string>& list, const std::string& v) {
    return std::find(list.begin(), list.end(), v) != list.end();
  };
  if (f.difficulty && r.difficulty != f.difficulty) {
    return false;
  }
  if (f.max_minutes && e.duration_seconds > *f.max_minutes * 60) {
    return false;
  }
  if (f.equipment &&
      (*f.equipment == "none" ? !r.equipment.empty() : !has(r.equipment, *f.equipment))) {
    return false;
  }
  if (f.goal && !has(r.goals, *f.goal)) {
    return false;
  }
  return !f.premium || r.is_premium == *f.premium;
}

}  // namespace ugoki::workouts::rules
