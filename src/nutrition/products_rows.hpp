// How a food_products row is read and written, shared by the products store and the admin
// store (both the nutrition module's, so both may run SQL on the table): the column list of
// read_product, and the JSON record the statements take through jsonb_to_record(set).
#pragma once

#include <string>

#include "nutrition/products_types.hpp"

namespace ugoki {
namespace pg {
class row;
}
namespace json {
class writer;
}
}  // namespace ugoki

// The 30 columns read_product reads, in its order, from a food_products row named `f`.
#define UGOKI_PRODUCT_COLUMNS                                                                   \
  "f.id::text, f.code, f.name, f.brand, "                                                       \
  "(f.nutriments_100g->>'energy_kcal')::float8, (f.nutriments_100g->>'proteins_g')::float8, "   \
  "(f.nutriments_100g->>'carbohydrates_g')::float8, (f.nutriments_100g->>'sugars_g')::float8, " \
  "(f.nutriments_100g->>'fat_g')::float8, (f.nutriments_100g->>'saturated_fat_g')::float8, "    \
  "(f.nutriments_100g->>'fiber_g')::float8, (f.nutriments_100g->>'salt_g')::float8, "           \
  "(f.nutriments_serving->>'energy_kcal')::float8, "                                            \
  "(f.nutriments_serving->>'proteins_g')::float8, "                                             \
  "(f.nutriments_serving->>'carbohydrates_g')::float8, "                                        \
  "(f.nutriments_serving->>'sugars_g')::float8, (f.nutriments_serving->>'fat_g')::float8, "     \
  "(f.nutriments_serving->>'saturated_fat_g')::float8, "                                        \
  "(f.nutriments_serving->>'fiber_g')::float8, (f.nutriments_serving->>'salt_g')::float8, "     \
  "f.serving_size, f.serving_size_g::float8, f.nutriscore_grade, f.nova_group::int4, "          \
  "array_to_string(ARRAY(SELECT jsonb_array_elements_text(f.allergens)), ','), f.image_url, "   \
  "f.source, f.status, "                                                                        \
  "array_to_string(ARRAY(SELECT jsonb_array_elements_text(f.quality_flags)), ','), "            \
  "f.review_reason"

// The record's members, for `AS r(...)` after jsonb_to_record(set).
#define UGOKI_PRODUCT_RECORD                                                         \
  "r(code text, name text, brand text, n100 jsonb, nserv jsonb, serving_size text, " \
  "serving_g numeric, nutriscore text, nova int2, allergens jsonb, image_url text, flags jsonb)"

namespace ugoki::nutrition::products_rows {

// The product of a row selected with UGOKI_PRODUCT_COLUMNS first (more columns may follow).
product read_product(const pg::row& r);

// `p` as one record object: code, name, brand, n100, nserv (known nutrients only),
// serving_size, serving_g, nutriscore, nova, allergens, image_url, flags.
void write_record(json::writer& w, const product& p);
// The same as JSON text, for jsonb_to_record.
std::string record(const product& p);

}  // namespace ugoki::nutrition::products_rows
