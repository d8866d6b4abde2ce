// Domain structs of recipes and meal planning: the recipe snapshot, the list query, the diner
// (what the user module says about the caller's diet). No JSON, SQL or HTTP.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ugoki::nutrition {

struct ingredient {
  int position = 0;
  std::string name;
  std::optional<double> quantity;   // null: "to taste"
  std::optional<std::string> unit;  // null with a quantity: a count
  std::optional<std::string> notes;
  std::string aisle = "other";
};

struct nutrition_facts {
  double kcal = 0;
  double protein_g = 0;
  double carbs_g = 0;
  double fat_g = 0;
  double fiber_g = 0;
  double sugar_g = 0;
  double sodium_mg = 0;
};

// One language's translation of a recipe (migration 0036's `translations`): each field that is
// missing is read in English.
struct ingredient_text {
  std::optional<std::string> name;
  std::optional<std::string> notes;
};
struct recipe_translation {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<std::vector<std::string>> steps;  // replaces the English steps whole
  std::map<int, ingredient_text> ingredients;     // by ingredient position
};

struct recipe {
  std::string id;
  std::string slug;
  std::string name;
  std::string description;
  std::vector<std::string> steps;
  int prep_minutes = 0;
  int cook_minutes = 0;
  int servings = 1;
  nutrition_facts per_serving;  // kcal whole, the rest to 0.1 (migration 0007)
  std::vector<std::string> diet_types;
  std::vector<std::string> allergens;
  std::vector<std::string> meal_types;
  std::vector<std::string> tags;
  bool is_premium = false;
  bool active = true;  // retired recipes stay so old plans still render
  std::optional<std::string> image_url;
  std::vector<ingredient> ingredients;  // by position
  // By served language other than English (core/language.hpp).
  std::map<std::string, recipe_translation, std::less<>> translations;

  // The translation in `language`, or nullptr (English, or none in that language).
  const recipe_translation* translation(std::string_view language) const {
    auto it = translations.find(language);
    return it == translations.end() ? nullptr : &it->second;
  }
};

// Lowercased words of a recipe's name, description, ingredient names and tags.
struct recipe_terms {
  std::vector<std::string> name;
  std::vector<std::string> ingredients;
  std::vector<std::string> tags;
  std::vector<std::string> description;
};

// Every recipe (retired ones marked), by name then id, with lookups. Immutable once built.
struct recipe_book {
  std::vector<recipe> recipes;
  std::vector<recipe_terms> terms;  // parallel to recipes
  std::unordered_map<std::string, std::size_t> by_id;
  std::unordered_map<std::string, std::size_t> by_slug;

  const recipe* find(const std::string& id_or_slug) const {
    auto it = by_id.find(id_or_slug);
    if (it != by_id.end()) {
      return &recipes[it->second];
    }
    auto s = by_slug.find(id_or_slug);
    return s == by_slug.end() ? nullptr : &recipes[s->second];
  }
};

// GET /nutrition/recipes: validated filters and page position.
struct recipe_query {
  std::optional<std::string> diet;
  std::vector<std::string> exclude;  // allergens of the vocabulary, sorted, unique
  bool use_profile_allergies = true;
  std::optional<int> max_prep_minutes;
  std::optional<int> min_kcal;
  std::optional<int> max_kcal;
  std::optional<std::string> tag;
  std::optional<std::string> q;
  int limit = 20;
  struct position {
    int rank = 0;
    std::string name;
    std::string id;
  };
  std::optional<position> after;
};

struct recipe_page {
  std::vector<const recipe*> items;
  std::vector<int> ranks;  // parallel; 0 without q
  bool has_more = false;
  std::vector<std::string> excluded;  // the allergens actually excluded (query + profile)
};

// What the user module knows of the caller's eating: profile allergies (free text as typed),
// dietary_preferences (diet, excluded foods) and the daily kcal goal of their preferences.
struct diner {
  std::vector<std::string> allergies;
  std::optional<std::string> diet;
  std::vector<std::string> excluded_foods;
  std::optional<int> daily_kcal_goal;
};
// Given by the composition root (app/bridges.cpp); a missing profile answers an empty diner.
using diner_source = std::function<boost::asio::awaitable<diner>(std::string user_id)>;

}  // namespace ugoki::nutrition
