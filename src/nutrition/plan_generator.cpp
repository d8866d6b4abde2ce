// The meal-plan generator (plan_generator.hpp).
#include "nutrition/plan_generator.hpp"

#include <algorithm>
#include <cmath>

#include "core/text.hpp"
#include "nutrition/recipes_search.hpp"

namespace ugoki::nutrition::generator {

namespace {

bool has(const std::vector<std::string>& list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

double quarter(double v) {
  return std::clamp(std::round(v * 4) / 4, min_servings, max_servings);
}

// Pescatarian: vegetarian, or fish/shellfish dishes whose other ingredients are not meat.
bool pescatarian(const recipe& r) {
  if (has(r.diet_types, "vegetarian")) {
    return true;
  }
  if (!has(r.allergens, "fish") && !has(r.allergens, "shellfish")) {
    return false;
  }
  for (const auto& i : r.ingredients) {
    for (const auto& w : text::words(i.name, 16)) {
      if (w == "chicken" || w == "beef" || w == "turkey" || w == "pork" || w == "lamb" ||
          w == "sirloin" || w == "bacon" || w == "ham") {
        return false;
      }
    }
  }
  return true;
}

double kcal_of(const planned& p) {
  return p.r->per_serving.kcal * p.servings;
}

}  // namespace

bool allowed(const recipe& r, const inputs& in) {
  if (!r.active || (r.is_premium && !in.premium)) {
    return false;
  }
  for (const auto& a : in.allergens) {
    if (has(r.allergens, a)) {
      return false;
    }
  }
  for (const auto& food : in.excluded_foods) {
    auto food_words = text::words(food, 8);
    if (food_words.empty()) {
      continue;
    }
    for (const auto& i : r.ingredients) {
      auto iw = text::words(i.name, 16);
      if (has(iw, food_words.front()) ||
          (food_words.front().size() > 3 && has(iw, food_words.front() + "s"))) {
        return false;
      }
    }
  }
  if (!in.diet) {
    return true;
  }
  const std::string& d = *in.diet;
  if (d == "pescatarian") {
    return pescatarian(r);
  }
  if (d == "vegetarian" || d == "vegan" || d == "keto" || d == "low_carb" || d == "paleo" ||
      d == "mediterranean") {
    return has(r.diet_types, d);
  }
  return true;  // omnivore, halal, kosher, other: no recipe data to filter on
}

std::vector<planned> week(const recipe_book& book, const inputs& in) {
  std::vector<const recipe*> ok;
  for (const auto& r : book.recipes) {
    if (allowed(r, in)) {
      ok.push_back(&r);
    }
  }
  std::vector<planned> out;
  if (ok.empty()) {
    return out;
  }
  // Candidates per slot: the allowed recipes of that meal type, else every allowed recipe.
  auto for_slot = [&](std::string_view slot) {
    std::vector<const recipe*> c;
    for (const recipe* r : ok) {
      if (has(r->meal_types, slot)) {
        c.push_back(r);
      }
    }
    return c.empty() ? ok : c;
  };
  struct slot_rule {
    const char* slot;
    double share;
  };
  static constexpr slot_rule meals[] = {{"breakfast", 0.25}, {"lunch", 0.35}, {"dinner", 0.40}};
  const double target = in.daily_kcal;
  auto snacks = for_slot("snack");
  for (int day = 0; day < 7; ++day) {
    std::vector<planned> today;
    for (std::size_t m = 0; m < 3; ++m) {
      auto c = for_slot(meals[m].slot);
      // Lunch and dinner start at different offsets so one recipe is not both meals of a day.
      const recipe* r = c[(static_cast<std::size_t>(day) + m * 3) % c.size()];
      double want = target * meals[m].share;
      double servings = r->per_serving.kcal > 0 ? quarter(want / r->per_serving.kcal) : 1;
      today.push_back({day, meals[m].slot, r, servings});
    }
    auto total = [&] {
      double t = 0;
      for (const auto& p : today) {
        t += kcal_of(p);
      }
      return t;
    };
    if (total() < target * (1 - tolerance)) {
      const recipe* s = snacks[static_cast<std::size_t>(day) % snacks.size()];
      if (s->per_serving.kcal > 0) {
        today.push_back({day, "snack", s, quarter((target - total()) / s->per_serving.kcal)});
      }
    }
    // Nudge: a quarter serving on the item that brings the day closest, while that helps.
    for (int step = 0; step < 40; ++step) {
      double diff = total() - target;
      if (std::abs(diff) <= target * tolerance / 2) {
        break;
      }
      int best = -1;
      double best_gap = std::abs(diff);
      double best_servings = 0;
      for (std::size_t i = 0; i < today.size(); ++i) {
        double next = today[i].servings + (diff < 0 ? 0.25 : -0.25);
        if (next < min_servings || next > max_servings) {
          continue;
        }
        double gap = std::abs(diff + (next - today[i].servings) * today[i].r->per_serving.kcal);
        if (gap < best_gap) {
          best = static_cast<int>(i);
          best_gap = gap;
          best_servings = next;
        }
      }
      if (best < 0) {
        break;
      }
      today[static_cast<std::size_t>(best)].servings = best_servings;
    }
    out.insert(out.end(), today.begin(), today.end());
  }
  return out;
}

}  // namespace ugoki::nutrition::generator
