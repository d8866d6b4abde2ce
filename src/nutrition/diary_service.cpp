// The food diary's rules (see diary_service.hpp).
#include "nutrition/diary_service.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>

#include <cmath>
#include <tuple>

#include "core/clock.hpp"
#include "core/crypto/random.hpp"
#include "core/json.hpp"
#include "core/time.hpp"
#include "nutrition/diary_rules.hpp"
#include "nutrition/diary_store.hpp"
#include "nutrition/food_errors.hpp"
#include "nutrition/products_service.hpp"

namespace ugoki::nutrition {

namespace {

using boost::asio::awaitable;

std::string slot_name(const std::string& slot) {
  std::string out = slot;
  if (!out.empty()) {
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  }
  return out;
}

}  // namespace

diary_service::diary_service(pg::database& db, const clock& clock, products_service& products,
                             diary_sources sources)
    : db_(db), clock_(clock), products_(products), sources_(std::move(sources)) {}

instant diary_service::now() const {
  return std::chrono::floor<std::chrono::seconds>(clock_.now());
}

awaitable<result<std::vector<logged_item>>> diary_service::resolve(
    const std::string& user_id, const std::vector<item_request>& items) {
  std::vector<std::string> recipe_ids;
  for (const auto& i : items) {
    if (i.from == item_request::source::recipe) {
      recipe_ids.push_back(i.ref);
    }
  }
  auto recipes = co_await diary_store::recipes(db_, recipe_ids);
  std::vector<logged_item> out;
  std::vector<field_error> refused;
  for (const auto& i : items) {
    logged_item li;
    li.position = static_cast<int>(out.size());
    switch (i.from) {
      case item_request::source::recipe: {
        auto it = recipes.find(i.ref);
        if (it == recipes.end()) {
          refused.push_back({i.field + ".recipe_id", "names no recipe"});
          continue;
        }
        li.kind = "recipe";
        li.recipe_id = i.ref;
        li.name = it->second.name;
        li.servings = i.servings.value_or(1);
        li.values = values_of_servings(it->second.per_serving, *li.servings);
        break;
      }
      case item_request::source::product_id:
      case item_request::source::barcode: {
        const bool by_id = i.from == item_request::source::product_id;
        result<product> p = errors::product_not_found();
        if (by_id) {
          p = co_await products_.by_id(user_id, i.ref);
        } else {
          p = co_await products_.by_code(user_id, i.ref);
        }
        if (!p) {
          if (p.error().status == 404) {
            refused.push_back(
                {i.field + (by_id ? ".product_id" : ".barcode"), "names no product you can use"});
            continue;
          }
          co_return p.error();  // 503 from the barcode look-up
        }
        li.kind = "product";
        li.product_id = p->id;
        li.barcode = p->code;
        li.name = p->brands ? p->name + " (" + *p->brands + ")" : p->name;
        if (li.name.size() > 300) {
          li.name.resize(300);
        }
        if (i.servings) {
          if (!p->serving_quantity_g) {
            refused.push_back(
                {i.field + ".servings", "this product has no serving size; give grams"});
            continue;
          }
          li.servings = i.servings;
          li.values = values_of_grams(p->per_100g, *i.servings * *p->serving_quantity_g);
        } else {
          li.grams = i.grams;
          li.values = values_of_grams(p->per_100g, i.grams.value_or(0));
        }
        break;
      }
      case item_request::source::free_text:
        li.kind = "free_text";
        li.name = i.name.value_or("Food");
        li.values = values_of_free(i.free);
        li.grams = i.grams;
        li.servings = i.servings;
        break;
    }
    if (const char* problem = values_problem(li.values)) {
      refused.push_back({i.field, problem});
      continue;
    }
    out.push_back(std::move(li));
  }
  if (!refused.empty()) {
    co_return errors::item_refused(std::move(refused));
  }
  std::vector<item_values> parts;
  for (const auto& li : out) {
    parts.push_back(li.values);
  }
  if (sum(parts).kcal > max_meal_kcal) {
    co_return errors::item_refused({{"items", "add up to more than 20000 kcal"}});
  }
  co_return out;
}

awaitable<result<meal>> diary_service::log_meal(std::string user_id, new_meal req) {
  const instant eaten_at = req.eaten_at.value_or(now());
  auto items = co_await resolve(user_id, req.items);
  if (!items) {
    co_return items.error();
  }
  std::optional<ended_fast> ended;
  if (req.during_fast != "keep_fast") {
    std::optional<active_fast> fast = co_await sources_.running_fast(user_id);
    if (fast && eaten_at >= fast->started_at) {
      if (!req.during_fast) {
        co_return errors::fast_active(fast->id, time::format_rfc3339(fast->started_at));
      }
      auto done = co_await sources_.end_fast(user_id, fast->id, eaten_at);
      if (!done) {
        co_return errors::fast_not_ended(done.error().message);
      }
      ended = std::move(*done);
    }
  }
  std::string name = req.name.value_or(slot_name(req.slot));
  meal m =
      co_await diary_store::insert_meal(db_, std::move(user_id), crypto::random_uuid(), eaten_at,
                                        req.slot, std::move(name), std::move(req.notes), *items);
  m.fast_ended = std::move(ended);
  co_return m;
}

awaitable<result<meal>> diary_service::update(std::string user_id, std::string id,
                                              meal_patch patch) {
  std::optional<std::vector<logged_item>> items;
  if (patch.items) {
    auto resolved = co_await resolve(user_id, *patch.items);
    if (!resolved) {
      co_return resolved.error();
    }
    items = std::move(*resolved);
  }
  auto m = co_await diary_store::update_meal(db_, std::move(user_id), std::move(id), patch, items);
  if (!m) {
    co_return errors::meal_not_found();
  }
  co_return std::move(*m);
}

awaitable<result<meal>> diary_service::get(std::string user_id, std::string id) {
  auto m = co_await diary_store::find_meal(db_, std::move(user_id), std::move(id));
  if (!m) {
    co_return errors::meal_not_found();
  }
  co_return std::move(*m);
}

awaitable<result<void>> diary_service::remove(std::string user_id, std::string id) {
  // Awaited into a variable first: GCC 12 miscompiles co_await inside an if condition here.
  const bool deleted = co_await diary_store::delete_meal(db_, std::move(user_id), std::move(id));
  if (!deleted) {
    co_return errors::meal_not_found();
  }
  co_return result<void>{};
}

awaitable<diary_day> diary_service::day(std::string user_id, std::string date) {
  // The meals, pre-rendered, and the other modules' three figures in one statement
  // (diary_store::day): the database's time per request, not the server's, bounds this page.
  diary_store::day_rows rows = co_await diary_store::day(db_, std::move(user_id), date);
  diary_day d;
  d.date = std::move(date);
  d.meals_json = std::move(rows.meals_json);
  d.totals = rows.totals;  // exact sums of one-decimal numbers (numeric in PostgreSQL)
  d.goal = targets_for(rows.kcal_goal);
  d.out = energy_out_of(rows.workouts_kcal, rows.active_kcal);
  if (d.goal.kcal) {
    d.remaining_kcal = std::round((*d.goal.kcal + d.out.total - d.totals.kcal) * 10) / 10;
  }
  co_return d;
}

awaitable<diary_service::intake> diary_service::today(std::string user_id) {
  using namespace boost::asio::experimental::awaitable_operators;
  auto both = diary_store::today(db_, user_id) && sources_.kcal_goal(user_id);
  auto parts = co_await std::move(both);
  intake out;
  out.date = std::move(std::get<0>(parts).date);
  out.kcal = std::round(std::get<0>(parts).kcal * 10) / 10;
  out.goal = std::get<1>(parts);
  co_return out;
}

awaitable<std::string> diary_service::export_part(std::string user_id) {
  std::string text = co_await diary_store::export_meals(db_, std::move(user_id));
  co_return json::spell_instants_with_z(text);
}

}  // namespace ugoki::nutrition
