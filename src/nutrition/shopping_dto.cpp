// Renderers and parsers of the shopping list (shopping_dto.hpp).
#include "nutrition/shopping_dto.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <cmath>

#include "core/json.hpp"
#include "core/time.hpp"
#include "nutrition/units.hpp"

namespace ugoki::nutrition::dto {

namespace {

namespace bj = boost::json;

constexpr std::size_t max_item_name = 200;
constexpr std::size_t max_unit = 32;
constexpr double min_quantity = 0.01;
constexpr double max_quantity = 100000;

std::string shopping_day(date d) {
  return time::format_date(std::chrono::year_month_day(d));
}

bool blank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

// A text member that must not be blank either.
std::optional<std::string> text_member(json::field_reader& r, std::string_view name,
                                       std::size_t max_len, bool required) {
  auto v = r.string(name, 1, max_len, required);
  if (v && blank(*v)) {
    r.add_error(std::string(name), "must not be blank");
    return std::nullopt;
  }
  return v;
}

std::optional<double> quantity_member(json::field_reader& r) {
  auto q = r.number("quantity", min_quantity, max_quantity);
  if (q && std::abs(*q * 100 - std::round(*q * 100)) > 1e-6) {
    r.add_error("quantity", "must have at most two decimals");
    return std::nullopt;
  }
  return q;
}

std::optional<std::string> aisle_member(json::field_reader& r) {
  auto a = r.string("aisle", 1, 32);
  if (!a) {
    return std::nullopt;
  }
  const auto& all = units::aisles();
  if (std::find(all.begin(), all.end(), *a) == all.end()) {
    r.add_error("aisle",
                "must be one of produce, meat_fish, dairy_eggs, bakery, grains_pasta, tins_jars, "
                "baking, spices, oils_sauces, nuts_seeds, frozen, drinks, other");
    return std::nullopt;
  }
  return a;
}

bj::object item_object(const shopping_item& i) {
  bj::object o;
  o["id"] = i.id;
  o["name"] = i.name;
  o["quantity"] = json::nullable(i.quantity);
  o["unit"] = json::nullable(i.unit);
  o["aisle"] = i.aisle;
  o["checked"] = i.checked;
  o["checked_at"] = json::nullable(i.checked_at, [](instant t) { return time::format_rfc3339(t); });
  o["source"] = i.meal_plan_id ? "plan" : "manual";
  o["meal_plan_id"] = json::nullable(i.meal_plan_id);
  o["created_at"] = time::format_rfc3339(i.created_at);
  o["updated_at"] = time::format_rfc3339(i.updated_at);
  return o;
}

}  // namespace

result<std::optional<date>> parse_shopping_week(const std::optional<std::string>& week) {
  if (!week) {
    return std::optional<date>();
  }
  auto ymd = time::parse_date(*week);
  if (!ymd) {
    return validation({{"week", "must be a date YYYY-MM-DD"}});
  }
  return std::optional<date>(date(*ymd));
}

result<shopping_input> parse_shopping_item(std::string_view body) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"name", "quantity", "unit", "aisle"});
  shopping_input in;
  auto name = text_member(r, "name", max_item_name, true);
  in.quantity = quantity_member(r);
  in.unit = text_member(r, "unit", max_unit, false);
  in.aisle = aisle_member(r);
  if (in.unit && !r.has("quantity")) {
    r.add_error("unit", "needs a quantity");
  }
  if (!r.ok()) {
    return validation(r.errors());
  }
  in.name = std::move(*name);
  return in;
}

result<shopping_patch> parse_shopping_patch(std::string_view body) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"checked", "name", "quantity", "unit", "aisle"});
  shopping_patch p;
  for (std::string_view name : {"checked", "name", "aisle"}) {
    if (r.is_null(name)) {
      r.add_error(std::string(name), "may not be null");
    }
  }
  p.checked = r.boolean("checked");
  p.name = text_member(r, "name", max_item_name, false);
  p.set_quantity = r.has("quantity") || r.has("unit");
  p.quantity = quantity_member(r);
  p.unit = text_member(r, "unit", max_unit, false);
  p.aisle = aisle_member(r);
  if (p.unit && !p.quantity && r.ok()) {
    r.add_error("unit", "needs a quantity");
  }
  if (r.ok() && obj->empty()) {
    r.add_error("checked",
                "the patch changes nothing: give checked, name, quantity, unit or aisle");
  }
  if (!r.ok()) {
    return validation(r.errors());
  }
  return p;
}

std::string render_shopping_item(const shopping_item& i) {
  return json::serialize(item_object(i));
}

std::string render_shopping_list(const shopping_list& l) {
  bj::object o;
  o["meal_plan_id"] = json::nullable(l.meal_plan_id);
  o["week_start"] = json::nullable(l.week_start, shopping_day);
  if (l.week_start) {
    o["week_end"] = shopping_day(*l.week_start + std::chrono::days(6));
  } else {
    o["week_end"] = nullptr;
  }
  bj::array groups;
  std::int64_t checked = 0;
  for (const auto& aisle : units::aisles()) {
    bj::array items;
    for (const auto& i : l.items) {
      if (i.aisle == aisle) {
        items.push_back(item_object(i));
        checked += i.checked;
      }
    }
    if (!items.empty()) {
      bj::object g;
      g["aisle"] = aisle;
      g["items"] = std::move(items);
      groups.push_back(std::move(g));
    }
  }
  o["aisles"] = std::move(groups);
  o["item_count"] = static_cast<std::int64_t>(l.items.size());
  o["checked_count"] = checked;
  return json::serialize(o);
}

std::string render_cleared(std::int64_t removed) {
  bj::object o;
  o["removed"] = removed;
  return json::serialize(o);
}

std::string render_shopping_export(std::string_view stored) {
  return json::spell_instants_with_z(stored);
}

}  // namespace ugoki::nutrition::dto
