// `ugoki products import FILE`: Open Food Facts' CSV export (tab-separated, a header of OFF's
// column names) or JSONL export, streamed line by line, upserted by barcode in batches.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nutrition/products_types.hpp"

namespace ugoki::pg {
class database;
}

namespace ugoki::nutrition {

struct import_stats {
  std::size_t read = 0;     // data lines read
  std::size_t written = 0;  // products upserted
  std::size_t skipped = 0;  // no valid barcode, no name, or not OFF's shape
};

// Maps the CSV header's column names to positions; the columns read are code, product_name,
// brands, serving_size, serving_quantity, nutriscore_grade, nova_group, allergens, image_url
// and energy-kcal_100g, energy_100g, proteins_100g, carbohydrates_100g, sugars_100g, fat_100g,
// saturated-fat_100g, fiber_100g, salt_100g, sodium_100g. Others are ignored.
class off_csv_columns {
 public:
  // false when the header lacks `code` or `product_name`.
  bool read_header(std::string_view header);
  // One data row as a product (code normalised by barcode.hpp, flags set), or nullopt to skip.
  std::optional<product> read_row(std::string_view row) const;

 private:
  std::vector<int> index_;  // field name slot -> column, -1 when absent
};

// One JSONL line as a product (code normalised, flags set), or nullopt to skip.
std::optional<product> read_jsonl_row(std::string_view line);

// Streams `file` (JSONL when its name ends in .jsonl or .json, else CSV/TSV) into food_products,
// `batch` rows per statement (codes deduplicated within a batch: the last row wins), calling
// `progress` after each batch. Users' submissions are never touched. Throws std::runtime_error
// when the file cannot be read or the CSV header lacks code/product_name, pg errors as they come.
boost::asio::awaitable<import_stats> import_products(
    pg::database& db, std::filesystem::path file, std::size_t batch,
    std::function<void(const import_stats&)> progress);

}  // namespace ugoki::nutrition
