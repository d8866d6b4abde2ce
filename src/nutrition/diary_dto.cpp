// Request parsers and renderers of the food diary: every field checked, every error collected.
#include "nutrition/diary_dto.hpp"

#include <boost/json/object.hpp>

#include "core/json.hpp"
#include "core/json_writer.hpp"
#include "core/time.hpp"
#include "nutrition/barcode.hpp"

namespace ugoki::nutrition::dto {

namespace {

namespace bj = boost::json;

constexpr std::size_t max_meal_items = 50;
constexpr auto max_backdate = std::chrono::hours(24 * 30);
constexpr auto clock_skew = std::chrono::minutes(5);

std::optional<instant> read_eaten_at(json::field_reader& r, instant now) {
  auto s = r.string("eaten_at", 1, 64);
  if (!s) {
    return std::nullopt;
  }
  auto t = time::parse_rfc3339(*s);
  if (!t) {
    r.add_error("eaten_at", "must be an RFC 3339 date-time such as 2026-01-31T12:30:00Z");
    return std::nullopt;
  }
  if (*t > now + clock_skew) {
    r.add_error("eaten_at", "must not be in the future");
    return std::nullopt;
  }
  if (*t < now - max_backdate) {
    r.add_error("eaten_at", "must be within the last 30 days");
    return std::nullopt;
  }
  return std::min<instant>(std::chrono::floor<std::chrono::seconds>(*t), now);
}

// One item; errors are named "items[i].member".
std::optional<item_request> read_item(const bj::value& v, std::size_t index,
                                      json::field_reader& outer) {
  const std::string field = "items[" + std::to_string(index) + "]";
  if (!v.is_object()) {
    outer.add_error(field, "must be an object");
    return std::nullopt;
  }
  json::field_reader r(v.get_object());
  r.reject_unknown({"recipe_id", "product_id", "barcode", "name", "grams", "servings", "kcal",
                    "protein_g", "carbs_g", "fat_g", "fiber_g", "sugar_g", "salt_g"});
  item_request item;
  item.field = field;
  const int sources = int{r.has("recipe_id")} + int{r.has("product_id")} + int{r.has("barcode")} +
                      int{r.has("kcal")};
  auto recipe = r.uuid("recipe_id");
  auto product = r.uuid("product_id");
  auto code = r.string("barcode", 1, 32);
  auto grams = r.number("grams", 0, 5000);
  auto servings = r.number("servings", 0, 100);
  for (const auto& [name, value] : {std::pair{"grams", grams}, std::pair{"servings", servings}}) {
    if (value && *value <= 0) {
      r.add_error(name, "must be more than 0");
    }
  }
  if (sources != 1) {
    r.add_error("recipe_id", "give exactly one of recipe_id, product_id, barcode or kcal");
  } else if (recipe) {
    item.from = item_request::source::recipe;
    item.ref = *recipe;
    if (grams) {
      r.add_error("grams", "a recipe is logged in servings");
    }
    item.servings = servings;
  } else if (product || code) {
    item.from = product ? item_request::source::product_id : item_request::source::barcode;
    if (product) {
      item.ref = *product;
    } else {
      std::string why;
      if (auto b = parse_barcode(*code, &why)) {
        item.ref = b->code;
      } else {
        r.add_error("barcode", why);
      }
    }
    if (r.has("grams") == r.has("servings")) {
      r.add_error("grams", "give exactly one of grams and servings");
    }
    item.grams = grams;
    item.servings = servings;
  } else if (r.has("kcal")) {
    item.from = item_request::source::free_text;
    item.name = r.string("name", 1, 300, true);
    item.free.energy_kcal = r.number("kcal", 0, 10000, true);
    item.free.proteins_g = r.number("protein_g", 0, 2000);
    item.free.carbohydrates_g = r.number("carbs_g", 0, 2000);
    item.free.fat_g = r.number("fat_g", 0, 2000);
    item.free.fiber_g = r.number("fiber_g", 0, 2000);
    item.free.sugars_g = r.number("sugar_g", 0, 2000);
    item.free.salt_g = r.number("salt_g", 0, 2000);
    item.grams = grams;
    item.servings = servings;
  }
  if (item.from != item_request::source::free_text && r.has("name")) {
    r.add_error("name", "is only for free-text items (with kcal)");
  }
  if (item.from != item_request::source::free_text) {
    for (const char* m : {"protein_g", "carbs_g", "fat_g", "fiber_g", "sugar_g", "salt_g"}) {
      if (r.has(m)) {
        r.add_error(m, "is only for free-text items (with kcal)");
      }
    }
  }
  for (const auto& e : r.errors()) {
    outer.add_error(field + "." + e.field, e.message);
  }
  if (!r.ok()) {
    return std::nullopt;
  }
  return item;
}

std::optional<std::vector<item_request>> read_items(const bj::object& obj, json::field_reader& r,
                                                    bool required) {
  const bj::value* v = obj.if_contains("items");
  if (v == nullptr || v->is_null()) {
    if (required) {
      r.add_error("items", "is required");
    }
    return std::nullopt;
  }
  if (!v->is_array() || v->get_array().empty() || v->get_array().size() > max_meal_items) {
    r.add_error("items", "must be an array of 1 to 50 items");
    return std::nullopt;
  }
  std::vector<item_request> items;
  bool ok = true;
  for (std::size_t i = 0; i < v->get_array().size(); ++i) {
    auto item = read_item(v->get_array()[i], i, r);
    if (item) {
      items.push_back(std::move(*item));
    } else {
      ok = false;
    }
  }
  if (!ok) {
    return std::nullopt;
  }
  return items;
}

// Answers are written straight to text (core/json_writer.hpp): a day of 5 meals built as
// boost::json objects first cost more of the server's time than reading them.
void write_values(json::writer& w, std::string_view key, const item_values& v) {
  w.key(key)
      .begin_object()
      .member("kcal", v.kcal)
      .member("protein_g", v.protein_g)
      .member("carbs_g", v.carbs_g)
      .member("fat_g", v.fat_g)
      .member("fiber_g", v.fiber_g)
      .member("sugar_g", v.sugar_g)
      .member("salt_g", v.salt_g)
      .end_object();
}

void write_instant(json::writer& w, std::string_view key, instant t) {
  w.member(key, time::format_rfc3339(t));
}

void write_meal(json::writer& w, const meal& m) {
  w.begin_object().member("id", m.id);
  write_instant(w, "eaten_at", m.eaten_at);
  w.member("local_date", m.local_date)
      .member("slot", m.slot)
      .member("name", m.name)
      .member("notes", m.notes);
  write_values(w, "totals", m.totals);
  w.key("items").begin_array();
  for (const auto& i : m.items) {
    w.begin_object()
        .member("id", i.id)
        .member("kind", i.kind)
        .member("recipe_id", i.recipe_id)
        .member("product_id", i.product_id)
        .member("barcode", i.barcode)
        .member("name", i.name)
        .member("grams", i.grams)
        .member("servings", i.servings);
    write_values(w, "nutrients", i.values);
    w.end_object();
  }
  w.end_array();
  if (m.fast_ended) {
    w.key("ended_fast")
        .begin_object()
        .member("id", m.fast_ended->id)
        .member("status", m.fast_ended->status)
        .end_object();
  }
  write_instant(w, "created_at", m.created_at);
  write_instant(w, "updated_at", m.updated_at);
  w.end_object();
}

}  // namespace

result<new_meal> parse_new_meal(std::string_view body, instant now) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"eaten_at", "slot", "name", "notes", "items", "during_fast"});
  new_meal m;
  m.eaten_at = read_eaten_at(r, now);
  if (auto slot = r.one_of("slot", {"breakfast", "lunch", "dinner", "snack"}, true)) {
    m.slot = *slot;
  }
  m.name = r.string("name", 1, 200);
  m.notes = r.string("notes", 1, 1000);
  m.during_fast = r.one_of("during_fast", {"end_fast", "keep_fast"});
  if (auto items = read_items(*obj, r, true)) {
    m.items = std::move(*items);
  }
  return r.finish(std::move(m));
}

result<meal_patch> parse_meal_patch(std::string_view body, instant now) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"eaten_at", "slot", "name", "notes", "items"});
  if (obj->empty()) {
    r.add_error("body", "must change at least one of eaten_at, slot, name, notes, items");
  }
  meal_patch p;
  p.eaten_at = read_eaten_at(r, now);
  p.slot = r.one_of("slot", {"breakfast", "lunch", "dinner", "snack"});
  p.name = r.string("name", 1, 200);
  p.clear_notes = r.is_null("notes");
  p.notes = r.string("notes", 1, 1000);
  p.items = read_items(*obj, r, false);
  for (const char* m : {"eaten_at", "slot", "name", "items"}) {
    if (r.is_null(m)) {
      r.add_error(m, "cannot be null");
    }
  }
  return r.finish(std::move(p));
}

result<std::string> parse_diary_date(const std::optional<std::string>& date) {
  if (!date) {
    return validation({{"date", "is required (YYYY-MM-DD)"}});
  }
  if (date->size() != 10 || !time::parse_date(*date)) {
    return validation({{"date", "must be a date YYYY-MM-DD"}});
  }
  return *date;
}

std::string render_meal(const meal& m) {
  json::writer w(512 + 400 * m.items.size());
  write_meal(w, m);
  return w.take();
}

std::string render_day(const diary_day& d) {
  json::writer w(768 + d.meals_json.size());
  w.begin_object().member("date", d.date).key("meals").begin_array();
  if (!d.meals_json.empty()) {
    w.raw(d.meals_json);  // rendered on write (meal_days, 0037)
  }
  w.end_array();
  write_values(w, "totals", d.totals);
  w.key("targets")
      .begin_object()
      .member("kcal", d.goal.kcal)
      .member("protein_g", d.goal.protein_g)
      .member("carbs_g", d.goal.carbs_g)
      .member("fat_g", d.goal.fat_g)
      .member("fiber_g", d.goal.fiber_g)
      .member("sugar_g_max", d.goal.sugar_g_max)
      .member("salt_g_max", d.goal.salt_g_max)
      .end_object();
  w.key("energy_out")
      .begin_object()
      .member("workouts_kcal", d.out.workouts_kcal)
      .member("active_kcal", d.out.active_kcal)
      .member("total_kcal", d.out.total)
      .end_object();
  w.member("remaining_kcal", d.remaining_kcal);
  w.end_object();
  return w.take();
}

}  // namespace ugoki::nutrition::dto
