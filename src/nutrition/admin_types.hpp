// The nutrition module's admin view of food products: the review queue of users' submissions
// and the edits an admin makes to a submission or a public product. No JSON or SQL here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "nutrition/products_types.hpp"

namespace ugoki::nutrition {

// A user's product as the review queue shows it.
struct reviewed_product {
  product item;
  std::optional<std::string> submitted_by;  // the submitter (or contributor, once approved)
  std::string submitted_at;                 // RFC 3339, UTC
  std::optional<std::string> reviewed_at;
  std::optional<std::string> reviewed_by;
  // Another product that is public for the same barcode (approving would then be refused).
  std::optional<std::string> public_product_id;
  std::int64_t version = 1;  // migration 0036: what If-Match names
};

// A product with its row's version (migration 0036), as the admin routes answer it.
struct versioned_product {
  product item;
  std::int64_t version = 1;
};

// GET /admin/nutrition/products/submissions.
struct review_query {
  std::optional<std::string> status;  // pending | rejected | published; none: all, pending first
  int page = 1;
  int per_page = 20;
};

struct review_page {
  std::vector<reviewed_product> items;
  int page = 1;
  int per_page = 20;
  std::int64_t total = 0;
};

// A PATCH of a product: only the members present change; an inner nullopt clears the field.
// The barcode may change on a submission only (a public row's code is its identity upstream).
struct product_patch {
  std::optional<std::string> code;
  std::optional<std::string> name;
  std::optional<std::optional<std::string>> brands;
  std::optional<nutrients> per_100g;  // replaced whole, validated as a submission's
  std::optional<std::optional<std::string>> serving_size;
  std::optional<std::optional<double>> serving_quantity_g;
  std::optional<std::optional<std::string>> nutriscore_grade;
  std::optional<std::optional<int>> nova_group;
  std::optional<std::vector<std::string>> allergens;
  std::optional<std::optional<std::string>> image_url;
  std::optional<std::int64_t> version;  // the version the editor saw, when given

  bool empty() const {
    return !code && !name && !brands && !per_100g && !serving_size && !serving_quantity_g &&
           !nutriscore_grade && !nova_group && !allergens && !image_url;
  }
};

}  // namespace ugoki::nutrition
