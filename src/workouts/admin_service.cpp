// The workout reference data's administration: the rules between fields, then one audited write
// in a transaction, then the announcement.
#include "workouts/admin_service.hpp"

#include <algorithm>

#include "core/pg/database.hpp"
#include "core/redis/reference_changes.hpp"
#include "core/version_guard.hpp"
#include "workouts/admin_errors.hpp"
#include "workouts/admin_store.hpp"
#include "workouts/library_errors.hpp"

namespace ugoki::workouts {

namespace {

using boost::asio::awaitable;

constexpr std::string_view topic = "workouts";

api_error stale_exercise() {
  return version_guard::stale("The exercise changed since you read it; reload it");
}
api_error stale_routine() {
  return version_guard::stale("The routine changed since you read it; reload it");
}

admin::exercise_row merged(admin::exercise_row x, const admin::exercise_patch& p) {
  exercise& e = x.e;
  e.name = p.name.value_or(e.name);
  e.description = p.description.value_or(e.description);
  e.instructions = p.instructions.value_or(e.instructions);
  e.muscle_groups = p.muscle_groups.value_or(e.muscle_groups);
  e.equipment = p.equipment.value_or(e.equipment);
  e.aliases = p.aliases.value_or(e.aliases);
  e.difficulty = p.difficulty.value_or(e.difficulty);
  e.category = p.category.value_or(e.category);
  e.met_value = p.met_value.value_or(e.met_value);
  e.met_source = p.met_source.value_or(e.met_source);
  e.is_unilateral = p.is_unilateral.value_or(e.is_unilateral);
  if (p.video_url) {
    e.video_url = *p.video_url;
  }
  if (p.thumbnail_url) {
    e.thumbnail_url = *p.thumbnail_url;
  }
  e.sort_order = p.sort_order.value_or(e.sort_order);
  e.active = p.active.value_or(e.active);
  return x;
}

admin::routine_row merged(admin::routine_row r, admin::routine_patch p) {
  r.name = p.name.value_or(r.name);
  r.description = p.description.value_or(r.description);
  r.difficulty = p.difficulty.value_or(r.difficulty);
  r.category = p.category.value_or(r.category);
  r.goals = p.goals.value_or(r.goals);
  r.rounds = p.rounds.value_or(r.rounds);
  r.work_seconds = p.work_seconds.value_or(r.work_seconds);
  r.rest_seconds = p.rest_seconds.value_or(r.rest_seconds);
  r.rest_between_rounds_seconds =
      p.rest_between_rounds_seconds.value_or(r.rest_between_rounds_seconds);
  r.is_premium = p.is_premium.value_or(r.is_premium);
  r.sort_order = p.sort_order.value_or(r.sort_order);
  r.active = p.active.value_or(r.active);
  if (p.exercises) {
    r.exercises = std::move(*p.exercises);
  }
  return r;
}

// What migration 0005's CHECKs and the library's references would refuse in `r`: an emom
// minute that is not 60 s, a slot naming no exercise, or a retired one that `before` (the
// routine as stored, on an update) does not already use.
awaitable<std::vector<field_error>> routine_problems(pg::transaction& tx,
                                                     const admin::routine_row& r,
                                                     const admin::routine_row* before) {
  std::vector<field_error> out;
  if (r.category == "emom" && r.work_seconds != 60) {
    out.push_back({"work_seconds", "must be 60 for emom (every minute on the minute)"});
  }
  std::vector<std::string> ids;
  for (const auto& s : r.exercises) {
    ids.push_back(s.exercise_id);
  }
  auto states = co_await admin_store::exercise_states(tx, ids);
  for (std::size_t n = 0; n < r.exercises.size(); ++n) {
    const std::string& id = r.exercises[n].exercise_id;
    const std::string field = "exercises[" + std::to_string(n) + "].exercise_id";
    auto it = states.find(id);
    if (it == states.end()) {
      out.push_back({field, "is not an exercise of the library"});
      continue;
    }
    const bool kept =
        before != nullptr &&
        std::any_of(before->exercises.begin(), before->exercises.end(),
                    [&](const admin::routine_slot& s) { return s.exercise_id == id; });
    if (!it->second && !kept) {
      out.push_back({field, "is a retired exercise"});
    }
  }
  co_return out;
}

}  // namespace

admin_service::admin_service(pg::database& db, redis::reference_changes& changes)
    : db_(db), changes_(changes) {}

awaitable<admin::page<admin::exercise_row>> admin_service::exercises(admin::list_query q) {
  co_return co_await admin_store::list_exercises(db_, q);
}

awaitable<result<admin::exercise_row>> admin_service::exercise(std::string id) {
  auto found = co_await admin_store::find_exercise(db_, std::move(id));
  if (!found) {
    co_return errors::exercise_not_found();
  }
  co_return std::move(*found);
}

awaitable<result<admin::exercise_row>> admin_service::create_exercise(
    actor who, admin::exercise_row x, admin::translations_change translations) {
  auto stored = co_await admin_store::insert_exercise(db_, x, translations, who);
  if (!stored) {
    co_return errors::exercise_slug_taken();
  }
  co_await changes_.announce(std::string(topic));
  co_return std::move(*stored);
}

awaitable<result<admin::exercise_row>> admin_service::update_exercise(actor who, std::string id,
                                                                      admin::exercise_patch patch) {
  pg::transaction tx = co_await db_.begin();
  auto found = co_await admin_store::lock_exercise(tx, std::move(id));
  if (!found) {
    co_return errors::exercise_not_found();
  }
  if (patch.version && *patch.version != found->version) {
    co_return stale_exercise();
  }
  admin::exercise_row next = merged(*found, patch);
  admin::exercise_row stored =
      co_await admin_store::write_exercise(tx, next, patch.translations, who, "update");
  co_await tx.commit();
  co_await changes_.announce(std::string(topic));
  co_return stored;
}

awaitable<result<std::optional<admin::exercise_row>>> admin_service::delete_exercise(
    actor who, std::string id, std::optional<std::int64_t> version) {
  pg::transaction tx = co_await db_.begin();
  auto found = co_await admin_store::lock_exercise(tx, id);
  if (!found) {
    co_return errors::exercise_not_found();
  }
  if (version && *version != found->version) {
    co_return stale_exercise();
  }
  auto references = co_await admin_store::exercise_references(tx, id);
  std::optional<admin::exercise_row> retired;
  if (references.empty()) {
    co_await admin_store::delete_exercise(tx, id, who);
  } else if (found->e.active) {
    admin::exercise_row next = *found;
    next.e.active = false;
    // A named value, not a `{}` temporary: gcc 12 frees such a temporary twice across co_await.
    const admin::translations_change unchanged;
    retired = co_await admin_store::write_exercise(tx, next, unchanged, who, "deactivate");
  } else {
    co_return std::optional(std::move(*found));  // already retired: nothing to write
  }
  co_await tx.commit();
  co_await changes_.announce(std::string(topic));
  co_return retired;
}

awaitable<admin::page<admin::routine_row>> admin_service::routines(admin::list_query q) {
  co_return co_await admin_store::list_routines(db_, q);
}

awaitable<result<admin::routine_row>> admin_service::routine(std::string id) {
  auto found = co_await admin_store::find_routine(db_, std::move(id));
  if (!found) {
    co_return errors::routine_not_found();
  }
  co_return std::move(*found);
}

awaitable<result<admin::routine_row>> admin_service::create_routine(actor who,
                                                                    admin::routine_row r) {
  pg::transaction tx = co_await db_.begin();
  // Awaited into a variable first: gcc 12 miscompiles a co_await inside an if condition.
  auto problems = co_await routine_problems(tx, r, nullptr);
  if (!problems.empty()) {
    co_return validation(std::move(problems));
  }
  auto stored = co_await admin_store::insert_routine(tx, r, who);
  if (!stored) {
    co_return errors::routine_slug_taken();
  }
  co_await tx.commit();
  co_await changes_.announce(std::string(topic));
  co_return std::move(*stored);
}

awaitable<result<admin::routine_row>> admin_service::update_routine(actor who, std::string id,
                                                                    admin::routine_patch patch) {
  pg::transaction tx = co_await db_.begin();
  auto found = co_await admin_store::lock_routine(tx, std::move(id));
  if (!found) {
    co_return errors::routine_not_found();
  }
  if (patch.version && *patch.version != found->version) {
    co_return stale_routine();
  }
  const bool replace_slots = patch.exercises.has_value();
  admin::routine_row next = merged(*found, std::move(patch));
  auto problems = co_await routine_problems(tx, next, &*found);
  if (!problems.empty()) {
    co_return validation(std::move(problems));
  }
  admin::routine_row stored =
      co_await admin_store::write_routine(tx, next, replace_slots, who, "update");
  co_await tx.commit();
  co_await changes_.announce(std::string(topic));
  co_return stored;
}

awaitable<result<std::optional<admin::routine_row>>> admin_service::delete_routine(
    actor who, std::string id, std::optional<std::int64_t> version) {
  pg::transaction tx = co_await db_.begin();
  auto found = co_await admin_store::lock_routine(tx, id);
  if (!found) {
    co_return errors::routine_not_found();
  }
  if (version && *version != found->version) {
    co_return stale_routine();
  }
  const bool used = co_await admin_store::routine_has_sessions(tx, id);
  std::optional<admin::routine_row> retired;
  if (!used) {
    co_await admin_store::delete_routine(tx, id, who);
  } else if (found->active) {
    admin::routine_row next = *found;
    next.active = false;
    retired = co_await admin_store::write_routine(tx, next, false, who, "deactivate");
  } else {
    co_return std::optional(std::move(*found));
  }
  co_await tx.commit();
  co_await changes_.announce(std::string(topic));
  co_return retired;
}

}  // namespace ugoki::workouts
