// Renderers and parsers of meal plans (meal_plans_dto.hpp).
#include "nutrition/meal_plans_dto.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <charconv>
#include <cmath>
#include <set>

#include "core/cursor.hpp"
#include "core/json.hpp"
#include "core/query.hpp"
#include "core/time.hpp"
#include "nutrition/recipes_search.hpp"

namespace ugoki::nutrition::dto {

namespace {

namespace bj = boost::json;

constexpr std::size_t max_plan_items = 100;

std::string day_text(date d) {
  return time::format_date(std::chrono::year_month_day(d));
}

std::optional<date> day_of(std::string_view s) {
  auto ymd = time::parse_date(s);
  if (!ymd) {
    return std::nullopt;
  }
  return date(*ymd);
}

// A date member; errors recorded under `name`.
std::optional<date> date_member(json::field_reader& r, std::string_view name, bool required) {
  auto raw = r.string(name, 10, 10, required);
  if (!raw) {
    if (r.has(name) && !r.is_null(name)) {
      return std::nullopt;  // the reader recorded why
    }
    return std::nullopt;
  }
  auto d = day_of(*raw);
  if (!d) {
    r.add_error(std::string(name), "must be a date YYYY-MM-DD");
  }
  return d;
}

// Servings in quarter steps within 0.25..20.
std::optional<double> servings_member(json::field_reader& r) {
  auto s = r.number("servings", 0.25, 20);
  if (s && std::abs(*s * 4 - std::round(*s * 4)) > 1e-9) {
    r.add_error("servings", "must be a multiple of 0.25");
    return std::nullopt;
  }
  return s;
}

std::optional<item_input> parse_item(const bj::value& v, const std::string& prefix,
                                     std::vector<field_error>& errors) {
  if (!v.is_object()) {
    errors.push_back({prefix, "must be an object"});
    return std::nullopt;
  }
  json::field_reader r(v.as_object());
  r.reject_unknown({"day", "slot", "recipe_id", "product_id", "free_text", "servings"});
  item_input i;
  auto day = r.integer("day", 0, 6, true);
  auto slot = r.one_of("slot", {"breakfast", "lunch", "dinner", "snack"}, true);
  i.recipe_id = r.uuid("recipe_id");
  i.product_id = r.uuid("product_id");
  i.free_text = r.string("free_text", 1, 200);
  auto servings = servings_member(r);
  int kinds = (r.has("recipe_id") && !r.is_null("recipe_id")) +
              (r.has("product_id") && !r.is_null("product_id")) +
              (r.has("free_text") && !r.is_null("free_text"));
  if (kinds != 1) {
    r.add_error("recipe_id", "exactly one of recipe_id, product_id and free_text is required");
  }
  for (const auto& e : r.errors()) {
    errors.push_back({prefix + "." + e.field, e.message});
  }
  if (!r.ok()) {
    return std::nullopt;
  }
  i.day = static_cast<int>(*day);
  i.slot = *slot;
  i.servings = servings.value_or(1);
  return i;
}

std::vector<item_input> parse_items(const bj::object& obj, std::string_view name, bool required,
                                    std::vector<field_error>& errors) {
  std::vector<item_input> out;
  auto it = obj.find(name);
  if (it == obj.end() || it->value().is_null()) {
    if (required) {
      errors.push_back({std::string(name), "is required"});
    }
    return out;
  }
  if (!it->value().is_array()) {
    errors.push_back({std::string(name), "must be an array"});
    return out;
  }
  const auto& arr = it->value().as_array();
  if (arr.size() > max_plan_items) {
    errors.push_back({std::string(name), "must have at most 100 items"});
    return out;
  }
  for (std::size_t n = 0; n < arr.size(); ++n) {
    if (auto i = parse_item(arr[n], std::string(name) + "[" + std::to_string(n) + "]", errors)) {
      out.push_back(std::move(*i));
    }
  }
  return out;
}

bj::object item_object(const plan_item& i, date week_start) {
  bj::object o;
  o["id"] = i.id;
  o["day"] = i.day;
  o["date"] = day_text(week_start + std::chrono::days(i.day));
  o["slot"] = i.slot;
  o["position"] = i.position;
  o["kind"] = i.recipe_id ? "recipe" : i.product_id ? "product" : "free_text";
  if (i.recipe_id) {
    bj::object r;
    r["id"] = *i.recipe_id;
    r["slug"] = json::nullable(i.slug);
    r["name"] = json::nullable(i.name);
    r["active"] = i.recipe_active;
    o["recipe"] = std::move(r);
  } else {
    o["recipe"] = nullptr;
  }
  if (i.product_id) {
    bj::object p;
    p["id"] = *i.product_id;
    p["name"] = json::nullable(i.name);
    p["code"] = json::nullable(i.code);
    o["product"] = std::move(p);
  } else {
    o["product"] = nullptr;
  }
  o["free_text"] = json::nullable(i.free_text);
  o["servings"] = i.servings;
  if (i.kcal_per_serving) {
    o["kcal"] = static_cast<std::int64_t>(std::llround(*i.kcal_per_serving * i.servings));
  } else {
    o["kcal"] = nullptr;
  }
  return o;
}

bj::object plan_object(const meal_plan& p) {
  bj::object o;
  o["id"] = p.id;
  o["name"] = json::nullable(p.name);
  o["week_start"] = day_text(p.week_start);
  o["week_end"] = day_text(p.week_start + std::chrono::days(6));
  bj::array items;
  double daily[7] = {0, 0, 0, 0, 0, 0, 0};
  for (const auto& i : p.items) {
    items.push_back(item_object(i, p.week_start));
    if (i.kcal_per_serving && i.day >= 0 && i.day < 7) {
      daily[i.day] += *i.kcal_per_serving * i.servings;
    }
  }
  o["items"] = std::move(items);
  bj::array days;
  std::int64_t total = 0;
  for (double d : daily) {
    days.emplace_back(static_cast<std::int64_t>(std::llround(d)));
    total += std::llround(d);
  }
  o["daily_kcal"] = std::move(days);
  o["total_kcal"] = total;
  o["created_at"] = time::format_rfc3339(p.created_at);
  o["updated_at"] = time::format_rfc3339(p.updated_at);
  return o;
}

}  // namespace

result<plan_input> parse_plan(std::string_view body) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"week_start", "name", "items"});
  plan_input in;
  auto week = date_member(r, "week_start", true);
  in.name = r.string("name", 1, 200);
  std::vector<field_error> errors = r.errors();
  in.items = parse_items(*obj, "items", false, errors);
  if (!errors.empty()) {
    return validation(std::move(errors));
  }
  in.week_start = *week;
  return in;
}

result<plan_patch> parse_plan_patch(std::string_view body) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"name", "remove", "move", "add"});
  plan_patch p;
  p.set_name = r.has("name");
  p.name = r.string("name", 1, 200);
  std::vector<field_error> errors = r.errors();
  std::set<std::string> seen;
  auto note = [&](const std::string& id, const std::string& field) {
    if (!seen.insert(id).second) {
      errors.push_back({field, "names an item already named in this patch"});
    }
  };
  if (auto it = obj->find("remove"); it != obj->end() && !it->value().is_null()) {
    if (!it->value().is_array() || it->value().as_array().size() > max_plan_items) {
      errors.push_back({"remove", "must be an array of at most 100 item ids"});
    } else {
      const auto& arr = it->value().as_array();
      for (std::size_t n = 0; n < arr.size(); ++n) {
        std::string field = "remove[" + std::to_string(n) + "]";
        if (!arr[n].is_string() || !json::is_uuid(arr[n].as_string())) {
          errors.push_back({field, "must be an item id"});
          continue;
        }
        std::string id(arr[n].as_string());
        for (auto& c : id) {
          c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        note(id, field);
        p.remove.push_back(std::move(id));
      }
    }
  }
  if (auto it = obj->find("move"); it != obj->end() && !it->value().is_null()) {
    if (!it->value().is_array() || it->value().as_array().size() > max_plan_items) {
      errors.push_back({"move", "must be an array of at most 100 moves"});
    } else {
      const auto& arr = it->value().as_array();
      for (std::size_t n = 0; n < arr.size(); ++n) {
        std::string prefix = "move[" + std::to_string(n) + "]";
        if (!arr[n].is_object()) {
          errors.push_back({prefix, "must be an object"});
          continue;
        }
        json::field_reader m(arr[n].as_object());
        m.reject_unknown({"item_id", "day", "slot", "servings"});
        item_move mv;
        auto id = m.uuid("item_id", true);
        auto day = m.integer("day", 0, 6);
        mv.slot = m.one_of("slot", {"breakfast", "lunch", "dinner", "snack"});
        mv.servings = servings_member(m);
        if (day) {
          mv.day = static_cast<int>(*day);
        }
        if (m.ok() && !mv.day && !mv.slot && !mv.servings) {
          m.add_error("day", "one of day, slot and servings is required");
        }
        for (const auto& e : m.errors()) {
          errors.push_back({prefix + "." + e.field, e.message});
        }
        if (id) {
          note(*id, prefix + ".item_id");
          mv.item_id = *id;
        }
        if (m.ok()) {
          p.move.push_back(std::move(mv));
        }
      }
    }
  }
  p.add = parse_items(*obj, "add", false, errors);
  if (errors.empty() && !p.set_name && p.remove.empty() && p.move.empty() && p.add.empty()) {
    errors.push_back({"add", "the patch changes nothing: give name, remove, move or add"});
  }
  if (!errors.empty()) {
    return validation(std::move(errors));
  }
  return p;
}

result<date> parse_copy(std::string_view body) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"week_start"});
  auto week = date_member(r, "week_start", true);
  if (!r.ok()) {
    return validation(r.errors());
  }
  return *week;
}

result<generate_input> parse_generate(std::string_view body) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"week_start", "name", "daily_kcal", "profile", "diet", "exclude"});
  generate_input in;
  auto week = date_member(r, "week_start", true);
  in.name = r.string("name", 1, 200);
  if (auto k = r.integer("daily_kcal", 1000, 6000)) {
    in.daily_kcal = static_cast<int>(*k);
  }
  in.include_profile = r.boolean("profile").value_or(true);
  in.diet = r.one_of("diet", {"omnivore", "vegetarian", "vegan", "pescatarian", "keto", "paleo",
                              "low_carb", "mediterranean", "halal", "kosher", "other"});
  std::vector<field_error> errors = r.errors();
  if (auto it = obj->find("exclude"); it != obj->end() && !it->value().is_null()) {
    bool ok = it->value().is_array() && it->value().as_array().size() <= 9;
    if (ok) {
      for (const auto& v : it->value().as_array()) {
        const auto& vocab = recipe_search::allergen_vocabulary();
        if (!v.is_string() ||
            std::find(vocab.begin(), vocab.end(), std::string_view(v.as_string())) == vocab.end()) {
          ok = false;
          break;
        }
        in.exclude.emplace_back(v.as_string());
      }
    }
    if (!ok) {
      errors.push_back({"exclude",
                        "must be an array of allergens: gluten, dairy, egg, nuts, "
                        "peanuts, soy, fish, shellfish, sesame"});
    }
  }
  if (!errors.empty()) {
    return validation(std::move(errors));
  }
  in.week_start = *week;
  return in;
}

result<plan_list_query> parse_plan_list(const std::optional<std::string>& week,
                                        const std::optional<std::string>& limit,
                                        const std::optional<std::string>& cursor,
                                        const cursor_codec& codec) {
  query::reader r;
  plan_list_query q;
  if (week) {
    q.week = day_of(*week);
    if (!q.week) {
      r.add_error("week", "must be a date YYYY-MM-DD");
    }
  }
  q.limit = r.integer("limit", limit, 1, 50).value_or(q.limit);
  if (cursor) {
    auto pos = codec.decode(*cursor);
    std::optional<date> d = pos ? day_of(pos->sort_key) : std::nullopt;
    if (d && json::is_uuid(pos->id)) {
      q.after = std::pair{*d, pos->id};
    } else {
      r.add_error("cursor", std::string(query::foreign_cursor));
    }
  }
  return r.finish(std::move(q));
}

std::string render_plan(const meal_plan& p) {
  return json::serialize(plan_object(p));
}

std::string render_plan_page(const plan_page& page) {
  bj::array a;
  for (const auto& p : page.items) {
    a.push_back(plan_object(p));
  }
  return json::serialize(a);
}

std::string render_plan_pagination(const plan_page& page, const cursor_codec& codec) {
  if (!page.has_more || page.items.empty()) {
    return pagination_json(std::nullopt);
  }
  const auto& last = page.items.back();
  return pagination_json(codec.encode(day_text(last.week_start), last.id));
}

std::string render_plans_export(std::string_view stored) {
  return json::spell_instants_with_z(stored);
}

}  // namespace ugoki::nutrition::dto
