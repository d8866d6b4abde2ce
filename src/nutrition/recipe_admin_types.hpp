// The nutrition module's admin view of recipes (the whole library, retired ones too, with their
// translations as stored and their version) and the edits an admin makes. No JSON or SQL here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "nutrition/recipes_types.hpp"

namespace ugoki::nutrition {

struct admin_recipe {
  recipe r;                              // English text, ingredients, steps; no translations
  std::string translations_json = "{}";  // migration 0036's column, as stored
  std::int64_t version = 1;
  std::string updated_at;  // RFC 3339, UTC
};

// GET /admin/nutrition/recipes: q matches the English name or slug (case-insensitive).
struct admin_recipe_query {
  std::optional<std::string> q;
  int page = 1;
  int per_page = 20;
};

struct admin_recipe_page {
  std::vector<admin_recipe> items;
  int page = 1;
  int per_page = 20;
  std::int64_t total = 0;
};

// Translations a POST or PATCH sets and removes: `set_json` is an object of the languages it
// writes (each replacing that language's translation whole), validated by the dto; `remove` the
// languages a PATCH named with null.
struct translations_change {
  std::string set_json = "{}";
  std::vector<std::string> remove;
  bool empty() const { return set_json == "{}" && remove.empty(); }
};

// A PATCH: only the members present change; an inner nullopt clears the field. The slug, the
// recipe's stable public key, does not change.
struct recipe_patch {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<std::vector<std::string>> steps;
  std::optional<std::vector<ingredient>> ingredients;  // replaced whole, positions 1..n
  std::optional<int> prep_minutes;
  std::optional<int> cook_minutes;
  std::optional<int> servings;
  std::optional<nutrition_facts> per_serving;  // replaced whole
  std::optional<std::vector<std::string>> diet_types;
  std::optional<std::vector<std::string>> allergens;
  std::optional<std::vector<std::string>> meal_types;
  std::optional<std::vector<std::string>> tags;
  std::optional<bool> is_premium;
  std::optional<bool> active;
  std::optional<std::optional<std::string>> image_url;
  translations_change translations;
  std::optional<std::int64_t> version;  // the version the editor saw (If-Match or `version`)

  bool empty() const {
    return !name && !description && !steps && !ingredients && !prep_minutes && !cook_minutes &&
           !servings && !per_serving && !diet_types && !allergens && !meal_types && !tags &&
           !is_premium && !active && !image_url && translations.empty();
  }
};

// What DELETE did: a recipe that meal plans or diary entries reference is retired (they keep
// it), one nothing references is deleted with its ingredients.
struct recipe_removal {
  std::string id;
  bool deleted = false;
  std::int64_t meal_plan_items = 0;  // references that kept it
  std::int64_t diary_items = 0;
};

}  // namespace ugoki::nutrition
