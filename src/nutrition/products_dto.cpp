// Open Food Facts' JSON in, the product object out, and POST /products' parser.
#include "nutrition/products_dto.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <charconv>
#include <cmath>

#include "core/json.hpp"
#include "nutrition/barcode.hpp"
#include "nutrition/products_rules.hpp"

namespace ugoki::nutrition::dto {

namespace {

namespace bj = boost::json;

constexpr double kj_per_kcal = 4.184;

// A number, or a string holding one (OFF has both); nullopt otherwise or when negative.
std::optional<double> number_of(const bj::value* v) {
  if (v == nullptr) {
    return std::nullopt;
  }
  double d = 0;
  if (v->is_double()) {
    d = v->get_double();
  } else if (v->is_int64()) {
    d = static_cast<double>(v->get_int64());
  } else if (v->is_uint64()) {
    d = static_cast<double>(v->get_uint64());
  } else if (v->is_string()) {
    const auto& s = v->get_string();
    auto r = std::from_chars(s.data(), s.data() + s.size(), d);
    if (r.ec != std::errc{} || r.ptr != s.data() + s.size()) {
      return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  if (!std::isfinite(d) || d < 0) {
    return std::nullopt;
  }
  return d;
}

std::optional<std::string> text_of(const bj::object& o, std::string_view key, std::size_t max) {
  const bj::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_string() || v->get_string().empty()) {
    return std::nullopt;
  }
  return cut_utf8(std::string(v->get_string()), max);
}

// OFF's nutriments object, for one suffix ("_100g" or "_serving").
nutrients read_off_nutrients(const bj::object& n, const std::string& suffix) {
  auto get = [&](const char* key) { return number_of(n.if_contains(key + suffix)); };
  nutrients out;
  out.energy_kcal = get("energy-kcal");
  if (!out.energy_kcal) {
    auto kj = get("energy-kj");
    if (!kj) {
      kj = get("energy");  // OFF's energy_* is in kJ
    }
    if (kj) {
      out.energy_kcal = *kj / kj_per_kcal;
    }
  }
  out.proteins_g = get("proteins");
  out.carbohydrates_g = get("carbohydrates");
  out.sugars_g = get("sugars");
  out.fat_g = get("fat");
  out.saturated_fat_g = get("saturated-fat");
  out.fiber_g = get("fiber");
  out.salt_g = get("salt");
  if (!out.salt_g) {
    if (auto sodium = get("sodium")) {
      out.salt_g = *sodium * 2.5;
    }
  }
  return out;
}

bj::value number_or_null(const std::optional<double>& v) {
  if (!v) {
    return nullptr;
  }
  // One decimal for grams and kcal: more is noise the labels do not carry.
  return std::round(*v * 10) / 10;
}

bj::object render_nutrients(const nutrients& n) {
  bj::object o;
  o["energy_kcal"] = number_or_null(n.energy_kcal);
  o["proteins_g"] = number_or_null(n.proteins_g);
  o["carbohydrates_g"] = number_or_null(n.carbohydrates_g);
  o["sugars_g"] = number_or_null(n.sugars_g);
  o["fat_g"] = number_or_null(n.fat_g);
  o["saturated_fat_g"] = number_or_null(n.saturated_fat_g);
  o["fiber_g"] = number_or_null(n.fiber_g);
  o["salt_g"] = number_or_null(n.salt_g);
  return o;
}

nutrients parse_nutrients(const bj::object& o) {
  auto get = [&o](const char* key) { return number_of(o.if_contains(key)); };
  return {get("energy_kcal"), get("proteins_g"),      get("carbohydrates_g"), get("sugars_g"),
          get("fat_g"),       get("saturated_fat_g"), get("fiber_g"),         get("salt_g")};
}

bj::array string_array(const std::vector<std::string>& list) {
  bj::array a;
  for (const auto& s : list) {
    a.emplace_back(s);
  }
  return a;
}

std::vector<std::string> strings_of(const bj::value* v) {
  std::vector<std::string> out;
  if (v != nullptr && v->is_array()) {
    for (const auto& e : v->get_array()) {
      if (e.is_string()) {
        out.emplace_back(e.get_string());
      }
    }
  }
  return out;
}

bj::object render_product_object(const product& p) {
  bj::object o;
  o["id"] = p.id;
  o["code"] = p.code;
  o["name"] = p.name;
  o["brands"] = json::nullable(p.brands);
  o["nutriments_100g"] = render_nutrients(p.per_100g);
  o["nutriments_serving"] = render_nutrients(p.per_serving);
  o["serving_size"] = json::nullable(p.serving_size);
  o["serving_quantity_g"] = json::nullable(p.serving_quantity_g);
  o["nutriscore_grade"] = json::nullable(p.nutriscore_grade);
  o["nova_group"] = json::nullable(p.nova_group);
  o["allergens"] = string_array(p.allergens);
  o["image_url"] = json::nullable(p.image_url);
  o["source"] = p.source;
  o["status"] = p.status;
  o["quality_flags"] = string_array(p.quality_flags);
  o["flagged"] = !p.quality_flags.empty();
  o["rejection_reason"] = json::nullable(p.rejection_reason);
  if (p.source == "open_food_facts") {
    o["attribution"] = bj::object{
        {"source", "Open Food Facts"},
        {"url", "https://world.openfoodfacts.org/product/" + p.code},
        {"license", "ODbL-1.0"},
        {"license_url", "https://opendatacommons.org/licenses/odbl/1-0/"},
        {"notice", "Data from Open Food Facts, available under the Open Database License"}};
  } else {
    o["attribution"] = nullptr;
  }
  return o;
}

product read_off_product(const bj::object& po, const std::string& code) {
  product p;
  p.code = code;
  p.source = "open_food_facts";
  p.brands = text_of(po, "brands", 200);
  p.name = text_of(po, "product_name", 300).value_or(p.brands.value_or("Product " + code));
  if (const bj::value* n = po.if_contains("nutriments"); n != nullptr && n->is_object()) {
    p.per_100g = read_off_nutrients(n->get_object(), "_100g");
    p.per_serving = read_off_nutrients(n->get_object(), "_serving");
  }
  p.serving_size = text_of(po, "serving_size", 100);
  if (auto q = number_of(po.if_contains("serving_quantity")); q && *q > 0 && *q < 100000) {
    p.serving_quantity_g = *q;
  }
  p.per_serving = per_serving(p.per_100g, p.per_serving, p.serving_quantity_g);
  if (auto grade = text_of(po, "nutriscore_grade", 20);
      grade && grade->size() == 1 && (*grade)[0] >= 'a' && (*grade)[0] <= 'e') {
    p.nutriscore_grade = grade;
  }
  if (auto nova = number_of(po.if_contains("nova_group")); nova && *nova >= 1 && *nova <= 4) {
    p.nova_group = static_cast<int>(*nova);
  }
  for (std::string tag : strings_of(po.if_contains("allergens_tags"))) {
    if (auto colon = tag.find(':'); colon != std::string::npos) {
      tag.erase(0, colon + 1);
    }
    if (!tag.empty() && tag.size() <= 50 && tag.find(',') == std::string::npos) {
      p.allergens.push_back(std::move(tag));
    }
  }
  p.image_url = text_of(po, "image_front_url", 500);
  if (!p.image_url) {
    p.image_url = text_of(po, "image_url", 500);
  }
  if (p.image_url && !p.image_url->starts_with("https://") &&
      !p.image_url->starts_with("http://")) {
    p.image_url.reset();
  }
  p.quality_flags = sanity_flags(p.per_100g);
  return p;
}

}  // namespace

std::string cut_utf8(std::string s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) {
    return s;
  }
  std::size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) {
    --n;  // s[n] continues a character: cut before that character starts
  }
  s.resize(n);
  return s;
}

off_result parse_off_answer(int http_status, std::string_view body, const std::string& code) {
  off_result out;
  if (http_status >= 500) {
    out.detail = "HTTP " + std::to_string(http_status);
    return out;
  }
  auto parsed = json::parse_strict(body);
  if (!parsed || !parsed->is_object()) {
    out.detail = "HTTP " + std::to_string(http_status) + ", not JSON";
    return out;
  }
  const bj::object& root = parsed->get_object();
  auto status = number_of(root.if_contains("status"));
  if (status && *status == 0 && (http_status == 200 || http_status == 404)) {
    out.what = off_result::outcome::not_found;
    return out;
  }
  const bj::value* pv = root.if_contains("product");
  if (http_status != 200 || !status || *status != 1 || pv == nullptr || !pv->is_object()) {
    out.detail = "HTTP " + std::to_string(http_status) + ", unexpected answer";
    return out;
  }
  product p = read_off_product(pv->get_object(), code);
  out.what = off_result::outcome::found;
  out.found = std::move(p);
  return out;
}

std::string render_product(const product& p) {
  return json::serialize(render_product_object(p));
}

std::string render_products(const std::vector<product>& list) {
  bj::array a;
  for (const auto& p : list) {
    a.emplace_back(render_product_object(p));
  }
  return json::serialize(a);
}

std::optional<product> parse_cached(std::string_view text) {
  auto parsed = json::parse_strict(text);
  if (!parsed || !parsed->is_object()) {
    return std::nullopt;
  }
  const bj::object& o = parsed->get_object();
  auto id = text_of(o, "id", 64);
  auto code = text_of(o, "code", 14);
  auto name = text_of(o, "name", 300);
  auto source = text_of(o, "source", 32);
  auto status = text_of(o, "status", 32);
  const bj::value* n100 = o.if_contains("nutriments_100g");
  const bj::value* nserv = o.if_contains("nutriments_serving");
  if (!id || !code || !name || !source || !status || n100 == nullptr || !n100->is_object() ||
      nserv == nullptr || !nserv->is_object()) {
    return std::nullopt;
  }
  product p;
  p.id = *id;
  p.code = *code;
  p.name = *name;
  p.brands = text_of(o, "brands", 200);
  p.per_100g = parse_nutrients(n100->get_object());
  p.per_serving = parse_nutrients(nserv->get_object());
  p.serving_size = text_of(o, "serving_size", 100);
  p.serving_quantity_g = number_of(o.if_contains("serving_quantity_g"));
  p.nutriscore_grade = text_of(o, "nutriscore_grade", 1);
  if (auto nova = number_of(o.if_contains("nova_group"))) {
    p.nova_group = static_cast<int>(*nova);
  }
  p.allergens = strings_of(o.if_contains("allergens"));
  p.image_url = text_of(o, "image_url", 500);
  p.source = *source;
  p.status = *status;
  p.quality_flags = strings_of(o.if_contains("quality_flags"));
  return p;
}

std::optional<product> parse_off_line(std::string_view line) {
  auto parsed = json::parse_strict(line);
  if (!parsed || !parsed->is_object()) {
    return std::nullopt;
  }
  const bj::object& po = parsed->get_object();
  const bj::value* code = po.if_contains("code");
  if (code == nullptr || !code->is_string()) {
    return std::nullopt;
  }
  std::string normalised = std::string(code->get_string());
  product p = read_off_product(po, normalised);
  return p;
}

nutrients read_nutriments_100g(const bj::object& body, json::field_reader& r) {
  nutrients out;
  const bj::value* n = body.if_contains("nutriments_100g");
  if (n == nullptr || n->is_null()) {
    r.add_error("nutriments_100g", "is required");
  } else if (!n->is_object()) {
    r.add_error("nutriments_100g", "must be an object");
  } else {
    json::field_reader nr(n->get_object());
    nr.reject_unknown({"energy_kcal", "proteins_g", "carbohydrates_g", "fat_g", "sugars_g",
                       "saturated_fat_g", "fiber_g", "salt_g"});
    out.energy_kcal = nr.number("energy_kcal", 0, 900, true);
    out.proteins_g = nr.number("proteins_g", 0, 100, true);
    out.carbohydrates_g = nr.number("carbohydrates_g", 0, 100, true);
    out.fat_g = nr.number("fat_g", 0, 100, true);
    out.sugars_g = nr.number("sugars_g", 0, 100);
    out.saturated_fat_g = nr.number("saturated_fat_g", 0, 100);
    out.fiber_g = nr.number("fiber_g", 0, 100);
    out.salt_g = nr.number("salt_g", 0, 100);
    for (const auto& e : nr.errors()) {
      r.add_error("nutriments_100g." + e.field, e.message);
    }
  }
  return out;
}

result<product_submission> parse_submission(std::string_view body) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown(
      {"barcode", "name", "brands", "nutriments_100g", "serving_size", "serving_quantity_g"});
  product_submission s;
  if (auto code = r.string("barcode", 1, 32, true)) {
    std::string why;
    if (auto b = parse_barcode(*code, &why)) {
      s.code = b->code;
    } else {
      r.add_error("barcode", why);
    }
  }
  if (auto name = r.string("name", 1, 300, true)) {
    s.name = *name;
  }
  s.brands = r.string("brands", 1, 200);
  s.serving_size = r.string("serving_size", 1, 100);
  if (auto q = r.number("serving_quantity_g", 0, 5000)) {
    if (*q <= 0) {
      r.add_error("serving_quantity_g", "must be more than 0");
    } else {
      s.serving_quantity_g = q;
    }
  }
  s.per_100g = read_nutriments_100g(*obj, r);
  return r.finish(std::move(s));
}

}  // namespace ugoki::nutrition::dto
