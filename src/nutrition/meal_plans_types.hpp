// Domain structs of meal plans and the shopping list. No JSON, SQL or HTTP.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace ugoki::nutrition {

using instant = std::chrono::system_clock::time_point;
using date = std::chrono::sys_days;

// One planned meal as stored, with what it points at (recipe or product) as read now: a recipe
// retired later still renders from its row.
struct plan_item {
  std::string id;
  int day = 0;       // 0..6 after the plan's week_start
  std::string slot;  // breakfast | lunch | dinner | snack
  int position = 0;
  double servings = 1;
  std::optional<std::string> recipe_id;
  std::optional<std::string> product_id;
  std::optional<std::string> free_text;
  // Resolved for rendering.
  std::optional<std::string> name;  // the recipe's or product's name
  std::optional<std::string> slug;  // recipe
  std::optional<std::string> code;  // product barcode
  bool recipe_active = true;
  std::optional<double> kcal_per_serving;  // recipe: per serving; product: per serving size
};

struct meal_plan {
  std::string id;
  std::optional<std::string> name;
  date week_start{};
  instant created_at{};
  instant updated_at{};
  std::vector<plan_item> items;  // by day, slot order, position
};

// A new item (POST, PATCH add, generator): exactly one of recipe, product, free text.
struct item_input {
  int day = 0;
  std::string slot;
  std::optional<std::string> recipe_id;
  std::optional<std::string> product_id;
  std::optional<std::string> free_text;
  double servings = 1;
};

struct plan_input {
  std::optional<std::string> name;
  date week_start{};
  std::vector<item_input> items;
};

// PATCH /meal-plans/:id (docs/nutrition.md): name, then remove, then move, then add.
struct item_move {
  std::string item_id;
  std::optional<int> day;
  std::optional<std::string> slot;
  std::optional<double> servings;
};
struct plan_patch {
  bool set_name = false;
  std::optional<std::string> name;  // with set_name: null clears it
  std::vector<std::string> remove;
  std::vector<item_move> move;
  std::vector<item_input> add;
};

// POST /meal-plans/generate.
struct generate_input {
  date week_start{};
  std::optional<std::string> name;
  std::optional<int> daily_kcal;     // else the profile's daily_kcal_goal, else 2000
  bool include_profile = true;       // diet, allergies and excluded foods of the profile
  std::optional<std::string> diet;   // overrides the profile's
  std::vector<std::string> exclude;  // allergens, added to the profile's
};

// GET /meal-plans list position: (week_start DESC, id DESC).
struct plan_list_query {
  std::optional<date> week;  // the plan covering this day, if any
  int limit = 20;
  std::optional<std::pair<date, std::string>> after;
};

struct plan_page {
  std::vector<meal_plan> items;
  bool has_more = false;
};

struct shopping_item {
  std::string id;
  std::optional<std::string> meal_plan_id;  // set: generated from that plan
  std::string name;
  std::optional<double> quantity;
  std::optional<std::string> unit;
  std::string aisle = "other";
  bool checked = false;
  std::optional<instant> checked_at;
  int position = 0;
  instant created_at{};
  instant updated_at{};
};

// POST /shopping-list/items: a manual item (no plan).
struct shopping_input {
  std::string name;
  std::optional<double> quantity;
  std::optional<std::string> unit;
  std::optional<std::string> aisle;
};

// PATCH /shopping-list/items/:id; a generated item takes only `checked`.
struct shopping_patch {
  std::optional<bool> checked;
  std::optional<std::string> name;
  bool set_quantity = false;  // quantity and unit change together
  std::optional<double> quantity;
  std::optional<std::string> unit;
  std::optional<std::string> aisle;
  bool edits_content() const { return name || set_quantity || aisle; }
};

// A shopping list: the week's plan (when asked by week) and the items shown.
struct shopping_list {
  std::optional<std::string> meal_plan_id;
  std::optional<date> week_start;
  std::vector<shopping_item> items;  // by aisle, unchecked first, then name (shopping::order)
};

}  // namespace ugoki::nutrition
