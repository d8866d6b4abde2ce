// JSON of the nutrition module's admin routes on food products: the review queue's query and
// page, the edits of a submission or a public product, the rejection's reason.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "nutrition/admin_types.hpp"

namespace ugoki::nutrition::admin_dto {

// ?status=pending|rejected|published&page=1..10000&per_page=1..100 (defaults: all statuses,
// page 1, 20 a page). 400 VAL_001 naming every bad parameter.
result<review_query> parse_review_query(const std::optional<std::string>& status,
                                        const std::optional<std::string>& page,
                                        const std::optional<std::string>& per_page);

// PATCH body: any of name (1..300), brands (1..200 or null), nutriments_100g (whole, as a
// submission's), serving_size (1..100 or null), serving_quantity_g (0 < g <= 5000 or null),
// nutriscore_grade (a..e or null), nova_group (1..4 or null), allergens (at most 30 tags of
// 1..50 of a-z, 0-9 and '-'), image_url (https://, at most 500, or null); barcode (verified
// and normalised) only when `with_barcode` (a submission); `version` or If-Match (`if_match`,
// "v<version>"), optional: the version the editor saw. Unknown members, nulls for required
// fields and an empty patch are refused: 400 VAL_001 naming every bad field.
result<product_patch> parse_product_patch(std::string_view body, bool with_barcode,
                                          std::string_view if_match);

// POST .../reject: {reason: 1..500 characters, not blank, version?} and If-Match. 400 VAL_001
// otherwise.
struct rejection {
  std::string reason;
  std::optional<std::int64_t> version;
};
result<rejection> parse_rejection(std::string_view body, std::string_view if_match);

// POST .../approve (and the recipes' DELETE): no body, {} or {"version"}, and If-Match; the
// version the admin saw when either names one. 400 VAL_001 naming unknown members, a bad
// If-Match or version, or the two differing.
result<std::optional<std::int64_t>> parse_precondition(std::string_view body,
                                                       std::string_view if_match);

// {product: FoodProduct, submitted_by, submitted_at, reviewed_at, reviewed_by,
// public_product_id, version}.
std::string render_reviewed(const reviewed_product& r);
// The page's items as a JSON array (the envelope's data).
std::string render_review_items(const review_page& page);

}  // namespace ugoki::nutrition::admin_dto
