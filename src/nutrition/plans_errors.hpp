// The plans side's error codes (NUTR_020..NUTR_039; the food side has NUTR_001..019).
#pragma once

#include "core/error.hpp"

namespace ugoki::nutrition::errors {

inline api_error recipe_not_found() {
  return not_found("NUTR_020", "No such recipe");
}
// Also another user's plan: never 403, so ids of others' plans reveal nothing.
inline api_error meal_plan_not_found() {
  return not_found("NUTR_021", "No such meal plan");
}
// Plans cover 7 days from week_start and a user's plans never overlap.
inline api_error week_taken() {
  return conflict("NUTR_022", "A meal plan already covers part of that week");
}
inline api_error shopping_item_not_found() {
  return not_found("NUTR_023", "No such shopping list item");
}
// The generator found no active recipe the diner's diet, allergies and excluded foods allow.
inline api_error nothing_to_plan() {
  return unprocessable("NUTR_024", "No recipe fits your diet, allergies and excluded foods");
}
// GET /shopping-list?week=D when no plan covers D.
inline api_error no_plan_that_week() {
  return not_found("NUTR_025", "No meal plan covers that week");
}
// A user holds at most shopping_service::max_manual_items manual items.
inline api_error shopping_list_full() {
  return conflict("NUTR_026", "Your shopping list holds 500 items of your own: clear some first");
}
// A generated item follows its meal plan: only its check mark can be changed.
inline api_error generated_item_fixed() {
  return conflict("NUTR_027",
                  "This item comes from your meal plan: only checked can change; edit the plan");
}
// The full recipe of a premium recipe, asked for by a caller who is not premium.
inline api_error premium_recipe() {
  return forbidden("AUTH_003", "This recipe is part of Premium");
}

// The recipes' administration: no recipe of that id (retired ones count).
inline api_error admin_recipe_not_found() {
  return not_found("NUTR_028", "No such recipe");
}
inline api_error recipe_slug_taken() {
  api_error e = conflict("NUTR_029", "A recipe with this slug exists");
  e.details = {{"slug", "is taken (retired recipes keep theirs)"}};
  return e;
}

}  // namespace ugoki::nutrition::errors
