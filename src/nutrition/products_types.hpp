// Food products (the local table filled from Open Food Facts, imports and users' submissions)
// as the nutrition module's food side sees them. No JSON or SQL here.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ugoki::nutrition {

// Nutrients of an amount of food (per 100 g, per serving, or a logged portion). Grams except
// energy (kcal). Absent: the source did not say.
struct nutrients {
  std::optional<double> energy_kcal;
  std::optional<double> proteins_g;
  std::optional<double> carbohydrates_g;
  std::optional<double> sugars_g;
  std::optional<double> fat_g;
  std::optional<double> saturated_fat_g;
  std::optional<double> fiber_g;
  std::optional<double> salt_g;
};

struct product {
  std::string id;
  std::string code;  // normalised barcode (barcode.hpp)
  std::string name;
  std::optional<std::string> brands;
  nutrients per_100g;
  nutrients per_serving;                    // from the source, else per_100g x serving
  std::optional<std::string> serving_size;  // as labelled ("30 g", "1 bar (45 g)")
  std::optional<double> serving_quantity_g;
  std::optional<std::string> nutriscore_grade;  // a..e
  std::optional<int> nova_group;                // 1..4
  std::vector<std::string> allergens;           // "milk", "gluten", ... (OFF tags without "en:")
  std::optional<std::string> image_url;
  std::string source = "open_food_facts";  // open_food_facts | user
  std::string status = "published";  // published | pending (a user's, until reviewed) | rejected
  std::vector<std::string> quality_flags;       // products_rules.hpp; empty when the checks pass
  std::optional<std::string> rejection_reason;  // why an admin rejected the submission
};

// POST /nutrition/products, validated.
struct product_submission {
  std::string code;
  std::string name;
  std::optional<std::string> brands;
  nutrients per_100g;  // energy, proteins, carbohydrates and fat required
  std::optional<std::string> serving_size;
  std::optional<double> serving_quantity_g;
};

}  // namespace ugoki::nutrition
