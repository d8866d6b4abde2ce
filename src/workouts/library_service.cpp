// The workout library's rules (library_service.hpp).
#include "workouts/library_service.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "workouts/library_dto.hpp"
#include "workouts/library_errors.hpp"
#include "workouts/library_search.hpp"
#include "workouts/library_store.hpp"
#include "workouts/routine_rules.hpp"

namespace ugoki::workouts {

using boost::asio::awaitable;

void index_catalogue(catalogue& lib) {
  lib.terms.clear();
  lib.exercise_index.clear();
  lib.routine_index.clear();
  // The routine list's order and cursor key, compared byte-wise here (the database's collation
  // may order names otherwise, and a cursor must compare exactly as the list is sorted).
  std::sort(lib.routines.begin(), lib.routines.end(), [](const routine& a, const routine& b) {
    return std::tie(a.sort_order, a.name, a.id) < std::tie(b.sort_order, b.name, b.id);
  });
  for (std::size_t i = 0; i < lib.exercises.size(); ++i) {
    lib.terms.push_back(search::terms_of(lib.exercises[i]));
    lib.exercise_index[lib.exercises[i].id] = i;
  }
  for (std::size_t i = 0; i < lib.routines.size(); ++i) {
    lib.routine_index[lib.routines[i].id] = i;
  }
}

namespace {

// The equipment a user's routine needs: the union of its exercises', sorted.
std::vector<std::string> equipment_of(const routine& r, const catalogue& lib) {
  std::set<std::string> all;
  for (const auto& i : r.intervals) {
    if (const exercise* e = lib.find_exercise(i.exercise_id)) {
      all.insert(e->equipment.begin(), e->equipment.end());
    }
  }
  return {all.begin(), all.end()};
}

// The reference data as the store reads it, indexed for search and lookups.
awaitable<catalogue> load_reference(pg::database& db) {
  catalogue lib = co_await store::load_catalogue(db);
  index_catalogue(lib);
  co_return lib;
}

}  // namespace

library_service::library_service(pg::database& db, body_mass_source mass,
                                 std::chrono::milliseconds poll)
    : db_(db),
      mass_(std::move(mass)),
      snapshot_([&db] { return store::reference_version(db); },
                [&db] { return load_reference(db); }, poll) {}

library_service::~library_service() = default;

awaitable<std::shared_ptr<const catalogue>> library_service::reference() {
  return snapshot_.get();
}

void library_service::reference_changed() {
  snapshot_.changed();
}

awaitable<result<std::pair<std::shared_ptr<const catalogue>, const exercise*>>>
library_service::exercise_by_id(std::string id) {
  auto lib = co_await reference();
  const exercise* e = lib->find_exercise(id);
  if (e == nullptr || !e->active) {
    co_return errors::exercise_not_found();
  }
  co_return std::pair{std::move(lib), e};
}

awaitable<std::vector<routine_view>> library_service::with_estimates(
    std::string user_id, std::vector<routine> routines, std::shared_ptr<const catalogue> lib,
    bool full) {
  body_mass mass = co_await mass_(std::move(user_id));
  std::vector<routine_view> out;
  out.reserve(routines.size());
  for (auto& r : routines) {
    if (r.owner) {
      r.equipment = equipment_of(r, *lib);
    }
    routine_estimate e = rules::estimate(r, *lib, mass);
    out.push_back({std::move(r), e, lib, full});
  }
  co_return out;
}

awaitable<routine_page> library_service::routines(std::string user_id, routine_filter f) {
  auto lib = co_await reference();
  body_mass mass = co_await mass_(std::move(user_id));
  routine_page page;
  // The catalogue is sorted by (sort_order, name, id): a page starts after the cursor's key.
  for (const auto& r : lib->routines) {
    if (f.after && std::tie(r.sort_order, r.name, r.id) <=
                       std::tie(f.after->sort_order, f.after->name, f.after->id)) {
      continue;
    }
    routine_estimate e = rules::estimate(r, *lib, mass);
    if (!rules::matches(r, e, f)) {
      continue;
    }
    if (page.items.size() == static_cast<std::size_t>(f.limit)) {
      page.has_more = true;
      break;
    }
    page.items.push_back({r, e, lib, false});
  }
  co_return page;
}

awaitable<result<routine_view>> library_service::routine_by_id(std::string user_id, std::string id,
                                                               bool premium_caller) {
  auto lib = co_await reference();
  if (const routine* r = lib->find_routine(id)) {
    if (r->is_premium && !premium_caller) {
      co_return errors::premium_routine();
    }
    std::vector<routine> one;
    one.push_back(*r);
    auto views = co_await with_estimates(std::move(user_id), std::move(one), lib, true);
    co_return std::move(views.front());
  }
  co_return co_await own_routine(std::move(user_id), std::move(id));
}

awaitable<result<routine_to_start>> library_service::start_routine(std::string user_id,
                                                                   std::string id, bool premium) {
  auto view = co_await routine_by_id(std::move(user_id), std::move(id), premium);
  if (!view) {
    co_return std::move(view.error());
  }
  co_return routine_to_start{view->r.id, view->r.name, dto::render_routine(*view)};
}

routine_source library_service::source() {
  return [this](std::string user_id, std::string routine_id, bool premium_caller) {
    return start_routine(std::move(user_id), std::move(routine_id), premium_caller);
  };
}

awaitable<result<routine_view>> library_service::create_own(std::string user_id,
                                                            own_routine_input in) {
  routine r;
  r.name = in.name.value_or("");
  r.description = in.description;
  r.rounds = in.rounds.value_or(1);
  r.rest_between_rounds_seconds = in.rest_between_rounds_seconds.value_or(0);
  r.intervals = std::move(in.intervals).value_or(std::vector<interval>{});
  // Render order: blocks in order, positions within (as the store reads them back).
  std::stable_sort(r.intervals.begin(), r.intervals.end(), [](const auto& a, const auto& b) {
    auto rank = [](const std::string& block) {
      return block == "warm_up" ? 0 : block == "main" ? 1 : 2;
    };
    return rank(a.block) < rank(b.block);
  });
  auto created = co_await store::create_own(db_, user_id, std::move(r), rules::max_own_routines);
  if (!created) {
    co_return errors::too_many_routines();
  }
  auto lib = co_await reference();
  std::vector<routine> one;
  one.push_back(std::move(*created));
  auto views = co_await with_estimates(std::move(user_id), std::move(one), lib, true);
  co_return std::move(views.front());
}

awaitable<routine_page> library_service::own_routines(std::string user_id, own_routine_query q) {
  auto lib = co_await reference();
  auto rows = co_await store::own_routine_page(db_, user_id, q);
  routine_page page;
  if (rows.size() > static_cast<std::size_t>(q.limit)) {
    rows.pop_back();
    page.has_more = true;
  }
  page.items = co_await with_estimates(std::move(user_id), std::move(rows), lib, true);
  co_return page;
}

awaitable<result<routine_view>> library_service::own_routine(std::string user_id, std::string id) {
  auto lib = co_await reference();
  auto rows = co_await store::own_routines(db_, user_id, id);
  if (rows.empty()) {
    co_return errors::routine_not_found();
  }
  auto views = co_await with_estimates(std::move(user_id), std::move(rows), lib, true);
  co_return std::move(views.front());
}

awaitable<result<routine_view>> library_service::update_own(std::string user_id, std::string id,
                                                            own_routine_input in) {
  auto lib = co_await reference();
  auto updated = co_await store::update_own(db_, user_id, std::move(id), std::move(in));
  if (!updated) {
    co_return errors::routine_not_found();
  }
  std::vector<routine> one;
  one.push_back(std::move(*updated));
  auto views = co_await with_estimates(std::move(user_id), std::move(one), lib, true);
  co_return std::move(views.front());
}

awaitable<result<void>> library_service::delete_own(std::string user_id, std::string id) {
  // Awaited into a variable first: gcc 12 miscompiles a co_await inside an if condition here.
  bool deleted = co_await store::delete_own(db_, std::move(user_id), std::move(id));
  if (!deleted) {
    co_return errors::routine_not_found();
  }
  co_return result<void>{};
}

awaitable<std::string> library_service::export_part(std::string user_id) {
  co_return dto::render_routines_export(co_await store::export_own(db_, std::move(user_id)));
}

}  // namespace ugoki::workouts
