// The nutrition module's food-side error codes (NUTR_001..NUTR_019, SVC_002), as api_error
// factories.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"

namespace ugoki::nutrition::errors {

inline api_error invalid_barcode(std::string field, std::string why) {
  return bad_request("NUTR_001", "Not a valid EAN-13, EAN-8, UPC-A or UPC-E barcode",
                     {{std::move(field), std::move(why)}});
}
inline api_error product_not_found() {
  return not_found("NUTR_002",
                   "No product with this barcode. Submit it with POST /api/v1/nutrition/products "
                   "(name, barcode, nutriments per 100 g, serving size): you can log it at once");
}
inline api_error product_exists() {
  return conflict("NUTR_003", "A product with this barcode already exists");
}
inline api_error meal_not_found() {
  return not_found("NUTR_004", "No such meal");
}
// Logging a meal while a fast runs: the details name the fast and the field that decides.
inline api_error fast_active(const std::string& fast_id, const std::string& started_at) {
  api_error e = conflict("NUTR_005",
                         "A fast is in progress: say during_fast (end_fast or keep_fast) to log "
                         "this meal");
  e.details = {{"active_fast.id", fast_id},
               {"active_fast.started_at", started_at},
               {"during_fast", "end_fast ends the fast at the meal's time; keep_fast keeps it"}};
  return e;
}
// An item names a recipe or product the caller cannot use (unknown, or another user's
// submission), or asks for servings of a product without a serving size.
inline api_error item_refused(std::vector<field_error> details) {
  return unprocessable("NUTR_006", "A meal item cannot be logged", std::move(details));
}
// The fast could not be ended at the meal's time (it started after the meal, or finished).
inline api_error fast_not_ended(std::string why) {
  api_error e = conflict("NUTR_007", "The fast could not be ended at this meal's time");
  e.details = {{"during_fast", std::move(why)}};
  return e;
}
// Open Food Facts is down, slow, answering 5xx, or our share of its rate is spent.
inline api_error upstream_unavailable(int retry_after_seconds, std::string message) {
  api_error e(503, "SVC_002", std::move(message));
  e.headers.emplace_back("Retry-After", std::to_string(retry_after_seconds));
  return e;
}

}  // namespace ugoki::nutrition::errors
