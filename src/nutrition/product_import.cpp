// Streaming import of Open Food Facts exports (see product_import.hpp).
#include "nutrition/product_import.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <stdexcept>
#include <unordered_map>

#include "nutrition/barcode.hpp"
#include "nutrition/products_dto.hpp"
#include "nutrition/products_rules.hpp"
#include "nutrition/products_store.hpp"

namespace ugoki::nutrition {

namespace {

// The columns read, in slot order.
constexpr std::array<std::string_view, 19> wanted = {"code",
                                                     "product_name",
                                                     "brands",
                                                     "serving_size",
                                                     "serving_quantity",
                                                     "nutriscore_grade",
                                                     "nova_group",
                                                     "allergens",
                                                     "image_url",
                                                     "energy-kcal_100g",
                                                     "energy_100g",
                                                     "proteins_100g",
                                                     "carbohydrates_100g",
                                                     "sugars_100g",
                                                     "fat_100g",
                                                     "saturated-fat_100g",
                                                     "fiber_100g",
                                                     "salt_100g",
                                                     "sodium_100g"};
enum slot : int {
  s_code,
  s_name,
  s_brands,
  s_serving_size,
  s_serving_quantity,
  s_nutriscore,
  s_nova,
  s_allergens,
  s_image,
  s_kcal,
  s_energy_kj,
  s_proteins,
  s_carbs,
  s_sugars,
  s_fat,
  s_sat_fat,
  s_fiber,
  s_salt,
  s_sodium
};

std::vector<std::string_view> split_tabs(std::string_view row) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = row.find('\t', start);
    out.push_back(row.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) {
      return out;
    }
    start = tab + 1;
  }
}

std::optional<double> number(std::string_view s) {
  double d = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), d);
  if (s.empty() || r.ec != std::errc{} || r.ptr != s.data() + s.size() || !std::isfinite(d) ||
      d < 0) {
    return std::nullopt;
  }
  return d;
}

std::optional<std::string> text(std::string_view s, std::size_t max) {
  if (s.empty()) {
    return std::nullopt;
  }
  return dto::cut_utf8(std::string(s), max);
}

// The normalised code, flags and per-serving values every imported product gets.
std::optional<product> finish(product p) {
  auto code = parse_barcode(p.code);
  if (!code || p.name.empty()) {
    return std::nullopt;
  }
  p.code = code->code;
  p.source = "open_food_facts";
  p.per_serving = per_serving(p.per_100g, p.per_serving, p.serving_quantity_g);
  p.quality_flags = sanity_flags(p.per_100g);
  return p;
}

}  // namespace

bool off_csv_columns::read_header(std::string_view header) {
  if (!header.empty() && header.back() == '\r') {
    header.remove_suffix(1);
  }
  index_.assign(wanted.size(), -1);
  auto names = split_tabs(header);
  for (std::size_t c = 0; c < names.size(); ++c) {
    for (std::size_t w = 0; w < wanted.size(); ++w) {
      if (names[c] == wanted[w]) {
        index_[w] = static_cast<int>(c);
      }
    }
  }
  return index_[s_code] >= 0 && index_[s_name] >= 0;
}

std::optional<product> off_csv_columns::read_row(std::string_view row) const {
  if (!row.empty() && row.back() == '\r') {
    row.remove_suffix(1);
  }
  auto cells = split_tabs(row);
  auto cell = [&](int s) -> std::string_view {
    int c = index_[s];
    return c >= 0 && static_cast<std::size_t>(c) < cells.size() ? cells[c] : std::string_view{};
  };
  product p;
  p.code = std::string(cell(s_code));
  p.name = text(cell(s_name), 300).value_or("");
  p.brands = text(cell(s_brands), 200);
  p.serving_size = text(cell(s_serving_size), 100);
  if (auto q = number(cell(s_serving_quantity)); q && *q > 0 && *q < 100000) {
    p.serving_quantity_g = q;
  }
  if (auto g = cell(s_nutriscore); g.size() == 1 && g[0] >= 'a' && g[0] <= 'e') {
    p.nutriscore_grade = std::string(g);
  }
  if (auto n = number(cell(s_nova)); n && *n >= 1 && *n <= 4) {
    p.nova_group = static_cast<int>(*n);
  }
  // "en:milk,en:gluten" -> milk, gluten
  std::string_view tags = cell(s_allergens);
  while (!tags.empty()) {
    std::size_t comma = tags.find(',');
    std::string_view tag = tags.substr(0, comma);
    if (auto colon = tag.find(':'); colon != std::string_view::npos) {
      tag.remove_prefix(colon + 1);
    }
    if (!tag.empty() && tag.size() <= 50) {
      p.allergens.emplace_back(tag);
    }
    tags = comma == std::string_view::npos ? std::string_view{} : tags.substr(comma + 1);
  }
  if (auto url = text(cell(s_image), 500); url && url->starts_with("http")) {
    p.image_url = url;
  }
  nutrients& n = p.per_100g;
  n.energy_kcal = number(cell(s_kcal));
  if (!n.energy_kcal) {
    if (auto kj = number(cell(s_energy_kj))) {
      n.energy_kcal = *kj / 4.184;
    }
  }
  n.proteins_g = number(cell(s_proteins));
  n.carbohydrates_g = number(cell(s_carbs));
  n.sugars_g = number(cell(s_sugars));
  n.fat_g = number(cell(s_fat));
  n.saturated_fat_g = number(cell(s_sat_fat));
  n.fiber_g = number(cell(s_fiber));
  n.salt_g = number(cell(s_salt));
  if (!n.salt_g) {
    if (auto sodium = number(cell(s_sodium))) {
      n.salt_g = *sodium * 2.5;
    }
  }
  return finish(std::move(p));
}

std::optional<product> read_jsonl_row(std::string_view line) {
  auto p = dto::parse_off_line(line);
  if (!p) {
    return std::nullopt;
  }
  return finish(std::move(*p));
}

boost::asio::awaitable<import_stats> import_products(
    pg::database& db, std::filesystem::path file, std::size_t batch,
    std::function<void(const import_stats&)> progress) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read " + file.string());
  }
  const std::string ext = file.extension().string();
  const bool jsonl = ext == ".jsonl" || ext == ".json";
  off_csv_columns columns;
  std::string line;
  if (!jsonl) {
    if (!std::getline(in, line) || !columns.read_header(line)) {
      throw std::runtime_error(file.string() +
                               ": not Open Food Facts' CSV export (the header has no code and "
                               "product_name columns)");
    }
  }
  import_stats stats;
  std::vector<product> pending;
  std::unordered_map<std::string, std::size_t> position;  // code -> index in pending
  auto flush = [&]() -> boost::asio::awaitable<void> {
    stats.written += co_await products_store::upsert_batch(db, pending);
    pending.clear();
    position.clear();
    progress(stats);
  };
  while (std::getline(in, line)) {
    if (line.empty()) {
      continue;
    }
    ++stats.read;
    auto p = jsonl ? read_jsonl_row(line) : columns.read_row(line);
    if (!p) {
      ++stats.skipped;
      continue;
    }
    auto [it, fresh] = position.emplace(p->code, pending.size());
    if (fresh) {
      pending.push_back(std::move(*p));
    } else {
      pending[it->second] = std::move(*p);
    }
    if (pending.size() >= batch) {
      co_await flush();
    }
  }
  if (!pending.empty()) {
    co_await flush();
  }
  co_return stats;
}

}  // namespace ugoki::nutrition
