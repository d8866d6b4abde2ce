// The diary's arithmetic (see diary_rules.hpp).
#include "nutrition/diary_rules.hpp"

#include <algorithm>
#include <cmath>

namespace ugoki::nutrition {

namespace {

double tenth(double v) {
  return std::round(v * 10) / 10;
}

item_values rounded(item_values v) {
  for (double* x :
       {&v.kcal, &v.protein_g, &v.carbs_g, &v.fat_g, &v.fiber_g, &v.sugar_g, &v.salt_g}) {
    *x = tenth(*x);
  }
  return v;
}

}  // namespace

item_values values_of_grams(const nutrients& n, double grams) {
  const double f = grams / 100;
  return rounded({n.energy_kcal.value_or(0) * f, n.proteins_g.value_or(0) * f,
                  n.carbohydrates_g.value_or(0) * f, n.fat_g.value_or(0) * f,
                  n.fiber_g.value_or(0) * f, n.sugars_g.value_or(0) * f, n.salt_g.value_or(0) * f});
}

item_values values_of_servings(const item_values& s, double servings) {
  return rounded({s.kcal * servings, s.protein_g * servings, s.carbs_g * servings,
                  s.fat_g * servings, s.fiber_g * servings, s.sugar_g * servings,
                  s.salt_g * servings});
}

item_values values_of_free(const nutrients& n) {
  return values_of_grams(n, 100);
}

const char* values_problem(const item_values& v) {
  if (v.kcal > max_item_kcal) {
    return "gives more than 10000 kcal";
  }
  for (double g : {v.protein_g, v.carbs_g, v.fat_g, v.fiber_g, v.sugar_g, v.salt_g}) {
    if (g > max_nutrient_g) {
      return "gives more than 2000 g of a nutrient";
    }
  }
  return nullptr;
}

item_values sum(const std::vector<item_values>& parts) {
  item_values t;
  for (const auto& p : parts) {
    t.kcal += p.kcal;
    t.protein_g += p.protein_g;
    t.carbs_g += p.carbs_g;
    t.fat_g += p.fat_g;
    t.fiber_g += p.fiber_g;
    t.sugar_g += p.sugar_g;
    t.salt_g += p.salt_g;
  }
  return rounded(t);
}

targets targets_for(std::optional<int> goal) {
  targets t;
  if (!goal || *goal <= 0) {
    return t;
  }
  const double kcal = *goal;
  t.kcal = kcal;
  t.protein_g = std::round(kcal * 0.20 / 4);
  t.carbs_g = std::round(kcal * 0.50 / 4);
  t.fat_g = std::round(kcal * 0.30 / 9);
  t.fiber_g = std::round(kcal / 1000 * 14);
  t.sugar_g_max = std::round(kcal * 0.10 / 4);
  return t;
}

energy_out energy_out_of(double workouts_kcal, double active_kcal) {
  energy_out e;
  e.workouts_kcal = tenth(workouts_kcal);
  e.active_kcal = tenth(active_kcal);
  e.total = std::max(e.workouts_kcal, e.active_kcal);
  return e;
}

}  // namespace ugoki::nutrition
