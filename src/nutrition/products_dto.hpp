// JSON shapes of the food products: Open Food Facts' answer parsed, the product object the API
// renders (and the Redis hot cache stores), and POST /products' body.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "nutrition/off_client.hpp"
#include "nutrition/products_types.hpp"

namespace boost::json {
class object;
}
namespace ugoki::json {
class field_reader;
}

namespace ugoki::nutrition::dto {

// OFF's v2 answer for `code`: HTTP 5xx or a body that is not OFF's JSON is unavailable; status 1
// with a product object is found (name, brands, nutriments per 100 g and per serving, serving
// size and quantity, Nutri-Score a..e, NOVA 1..4, allergens without their "en:" prefix, the
// front image URL); status 0 is not_found. Energy in kcal comes from energy-kcal_*, else
// energy_* / energy-kj_* (kJ / 4.184); salt from salt_*, else sodium_* x 2.5. Negative or
// non-numeric values count as absent; texts are cut to the table's limits.
off_result parse_off_answer(int http_status, std::string_view body, const std::string& code);

// One line of Open Food Facts' JSONL export (a product object with its "code"), read as
// parse_off_answer reads the API's product; the code is returned as written (the caller
// normalises it). nullopt when the line is not an object with a string code.
std::optional<product> parse_off_line(std::string_view line);

// The API's product object: {id, code, name, brands, nutriments_100g, nutriments_serving,
// serving_size, serving_quantity_g, nutriscore_grade, nova_group, allergens, image_url, source,
// status, quality_flags, flagged, rejection_reason, attribution}.
std::string render_product(const product& p);
// The caller's submissions, a JSON array of product objects.
std::string render_products(const std::vector<product>& list);
// A product back from render_product's text (the Redis hot cache); nullopt when the text is not
// one (a stale or foreign cache entry: the caller reads the table instead).
std::optional<product> parse_cached(std::string_view text);

// POST /products: {barcode (verified, normalised), name (1..300), brands? (..200),
// nutriments_100g: {energy_kcal (0..900), proteins_g, carbohydrates_g, fat_g (0..100, required),
// sugars_g?, saturated_fat_g?, fiber_g?, salt_g? (0..100)}, serving_size? (..100),
// serving_quantity_g? (0 < g <= 5000)}. 400 VAL_001 naming every bad field (an invalid barcode
// is named there too, as "barcode").
result<product_submission> parse_submission(std::string_view body);
// The member nutriments_100g of `body` as POST /products validates it (required; energy,
// proteins, carbohydrates and fat required; unknown members refused). Errors go to `r`, named
// "nutriments_100g" or "nutriments_100g.<member>". Shared with the admin's edits.
nutrients read_nutriments_100g(const boost::json::object& body, json::field_reader& r);

// Cuts UTF-8 text to at most `max_bytes` without splitting a character.
std::string cut_utf8(std::string s, std::size_t max_bytes);

}  // namespace ugoki::nutrition::dto
