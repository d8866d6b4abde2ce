// Parsers and renderers of the food products' administration (admin_dto.hpp).
#include "nutrition/admin_dto.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <charconv>

#include "core/json.hpp"
#include "core/query.hpp"
#include "core/version_guard.hpp"
#include "nutrition/barcode.hpp"
#include "nutrition/products_dto.hpp"

namespace ugoki::nutrition::admin_dto {

namespace {

namespace bj = boost::json;

constexpr std::size_t max_allergens = 30;

bool is_allergen_tag(std::string_view s) {
  if (s.empty() || s.size() > 50) {
    return false;
  }
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      return false;
    }
  }
  return true;
}

// A nullable text member of a PATCH: absent (nullopt), null (clear), or valid text.
std::optional<std::optional<std::string>> nullable_text(json::field_reader& r,
                                                        std::string_view name, std::size_t min,
                                                        std::size_t max) {
  if (!r.has(name)) {
    return std::nullopt;
  }
  if (r.is_null(name)) {
    return std::optional<std::string>{};
  }
  if (auto s = r.string(name, min, max)) {
    return std::optional<std::string>{std::move(*s)};
  }
  return std::nullopt;
}

bool blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

result<review_query> parse_review_query(const std::optional<std::string>& status,
                                        const std::optional<std::string>& page,
                                        const std::optional<std::string>& per_page) {
  query::reader r;
  review_query q;
  q.status = r.one_of("status", status, {"pending", "rejected", "published"});
  const query::offset_page p = r.offset(page, per_page);
  q.page = p.page;
  q.per_page = p.per_page;
  return r.finish(std::move(q));
}

result<product_patch> parse_product_patch(std::string_view body, bool with_barcode,
                                          std::string_view if_match) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  if (with_barcode) {
    r.reject_unknown({"barcode", "name", "brands", "nutriments_100g", "serving_size",
                      "serving_quantity_g", "nutriscore_grade", "nova_group", "allergens",
                      "image_url", "version"});
  } else {
    r.reject_unknown({"name", "brands", "nutriments_100g", "serving_size", "serving_quantity_g",
                      "nutriscore_grade", "nova_group", "allergens", "image_url", "version"});
  }
  product_patch p;
  // Members that may not be cleared.
  for (std::string_view required : {"barcode", "name", "nutriments_100g", "allergens"}) {
    if ((with_barcode || required != "barcode") && r.has(required) && r.is_null(required)) {
      r.add_error(std::string(required), "cannot be null");
    }
  }
  if (with_barcode && r.has("barcode") && !r.is_null("barcode")) {
    if (auto code = r.string("barcode", 1, 32)) {
      std::string why;
      if (auto b = parse_barcode(*code, &why)) {
        p.code = b->code;
      } else {
        r.add_error("barcode", why);
      }
    }
  }
  if (auto name = r.string("name", 1, 300)) {
    if (blank(*name)) {
      r.add_error("name", "must not be blank");
    } else {
      p.name = std::move(name);
    }
  }
  p.brands = nullable_text(r, "brands", 1, 200);
  if (r.has("nutriments_100g") && !r.is_null("nutriments_100g")) {
    p.per_100g = dto::read_nutriments_100g(*obj, r);
  }
  p.serving_size = nullable_text(r, "serving_size", 1, 100);
  if (r.has("serving_quantity_g")) {
    if (r.is_null("serving_quantity_g")) {
      p.serving_quantity_g = std::optional<double>{};
    } else if (auto q = r.number("serving_quantity_g", 0, 5000)) {
      if (*q <= 0) {
        r.add_error("serving_quantity_g", "must be more than 0");
      } else {
        p.serving_quantity_g = std::optional<double>{*q};
      }
    }
  }
  if (r.has("nutriscore_grade")) {
    if (r.is_null("nutriscore_grade")) {
      p.nutriscore_grade = std::optional<std::string>{};
    } else if (auto g = r.one_of("nutriscore_grade", {"a", "b", "c", "d", "e"})) {
      p.nutriscore_grade = std::optional<std::string>{std::move(*g)};
    }
  }
  if (r.has("nova_group")) {
    if (r.is_null("nova_group")) {
      p.nova_group = std::optional<int>{};
    } else if (auto n = r.integer("nova_group", 1, 4)) {
      p.nova_group = std::optional<int>{static_cast<int>(*n)};
    }
  }
  if (const bj::value* a = obj->if_contains("allergens"); a != nullptr && !a->is_null()) {
    if (!a->is_array() || a->get_array().size() > max_allergens) {
      r.add_error("allergens", "must be an array of at most 30 tags");
    } else {
      std::vector<std::string> tags;
      const auto& arr = a->get_array();
      for (std::size_t i = 0; i < arr.size(); ++i) {
        if (!arr[i].is_string() || !is_allergen_tag(arr[i].get_string())) {
          r.add_error("allergens[" + std::to_string(i) + "]",
                      "must be a tag of 1 to 50 characters: a-z, 0-9 and '-'");
        } else {
          tags.emplace_back(arr[i].get_string());
        }
      }
      p.allergens = std::move(tags);
    }
  }
  p.image_url = nullable_text(r, "image_url", 9, 500);
  if (p.image_url && *p.image_url && !(*p.image_url)->starts_with("https://")) {
    r.add_error("image_url", "must be an https:// URL");
  }
  p.version = version_guard::read(r, if_match);
  if (r.ok() && p.empty()) {
    r.add_error("body", "names no field to change");
  }
  return r.finish(std::move(p));
}

result<rejection> parse_rejection(std::string_view body, std::string_view if_match) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"reason", "version"});
  rejection out;
  if (auto s = r.string("reason", 1, 500, true)) {
    if (blank(*s)) {
      r.add_error("reason", "must not be blank");
    } else {
      out.reason = std::move(*s);
    }
  }
  out.version = version_guard::read(r, if_match);
  return r.finish(std::move(out));
}

result<std::optional<std::int64_t>> parse_precondition(std::string_view body,
                                                       std::string_view if_match) {
  bj::object empty;
  result<bj::object> obj = empty;
  if (!blank(body)) {
    obj = json::parse_object(body);
    if (!obj) {
      return std::move(obj.error());
    }
  }
  json::field_reader r(*obj);
  r.reject_unknown({"version"});
  auto version = version_guard::read(r, if_match);
  return r.finish(version);
}

std::string render_reviewed(const reviewed_product& r) {
  bj::object o;
  o["submitted_by"] = json::nullable(r.submitted_by);
  o["submitted_at"] = r.submitted_at;
  o["reviewed_at"] = json::nullable(r.reviewed_at);
  o["reviewed_by"] = json::nullable(r.reviewed_by);
  o["public_product_id"] = json::nullable(r.public_product_id);
  o["version"] = r.version;
  // The product object is render_product's own text, so the two routes cannot drift apart.
  std::string rest = json::serialize(o);
  return "{\"product\":" + dto::render_product(r.item) + "," + rest.substr(1);
}

std::string render_review_items(const review_page& page) {
  std::string out = "[";
  for (std::size_t i = 0; i < page.items.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    out += render_reviewed(page.items[i]);
  }
  out += ']';
  return out;
}

}  // namespace ugoki::nutrition::admin_dto
