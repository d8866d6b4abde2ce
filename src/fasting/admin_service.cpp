// The fasting protocols' administration: the rules between fields, then one audited write.
#include "fasting/admin_service.hpp"

#include "core/pg/database.hpp"
#include "core/redis/reference_changes.hpp"
#include "fasting/admin_errors.hpp"
#include "fasting/admin_store.hpp"

namespace ugoki::fasting {

namespace {

using boost::asio::awaitable;

constexpr int minutes_a_day = 1440;

admin_protocol merged(admin_protocol a, const protocol_patch& patch) {
  protocol& p = a.p;
  p.name = patch.name.value_or(p.name);
  p.kind = patch.kind.value_or(p.kind);
  p.description = patch.description.value_or(p.description);
  p.fasting_minutes = patch.fasting_minutes.value_or(p.fasting_minutes);
  p.eating_window_minutes = patch.eating_window_minutes.value_or(p.eating_window_minutes);
  if (patch.fast_day_kcal) {
    p.fast_day_kcal = *patch.fast_day_kcal;
  }
  if (patch.fast_days_per_week) {
    p.fast_days_per_week = *patch.fast_days_per_week;
  }
  p.weekday_rules_json = patch.weekday_rules_json.value_or(p.weekday_rules_json);
  p.difficulty = patch.difficulty.value_or(p.difficulty);
  p.recommended_frequency = patch.recommended_frequency.value_or(p.recommended_frequency);
  p.benefits_json = patch.benefits_json.value_or(p.benefits_json);
  p.considerations_json = patch.considerations_json.value_or(p.considerations_json);
  a.sort_order = patch.sort_order.value_or(a.sort_order);
  a.active = patch.active.value_or(a.active);
  return a;
}

}  // namespace

std::vector<field_error> protocol_problems(const admin_protocol& a) {
  const protocol& p = a.p;
  std::vector<field_error> out;
  const bool modified = p.kind == "weekly" || p.kind == "alternate_day";
  if (p.kind == "daily_tre" && p.fasting_minutes + p.eating_window_minutes != minutes_a_day) {
    out.push_back({"eating_window_seconds",
                   "daily_tre: fasting_seconds + eating_window_seconds must be 86400"});
  }
  if ((modified || p.kind == "extended") && p.eating_window_minutes != 0) {
    out.push_back({"eating_window_seconds", "must be 0 for " + p.kind});
  }
  if (modified && !p.fast_day_kcal) {
    out.push_back({"fast_day_kcal", "is required for " + p.kind});
  }
  if (!modified && p.fast_day_kcal) {
    out.push_back({"fast_day_kcal", "must be null for " + p.kind});
  }
  if (p.kind == "weekly" && !p.fast_days_per_week) {
    out.push_back({"fast_days_per_week", "is required for weekly"});
  }
  if (p.kind != "weekly" && p.fast_days_per_week) {
    out.push_back({"fast_days_per_week", "must be null unless kind is weekly"});
  }
  return out;
}

admin_protocols::admin_protocols(pg::database& db, redis::reference_changes& changes)
    : db_(db), changes_(changes) {}

awaitable<protocol_page> admin_protocols::list(int page, int per_page) {
  co_return co_await admin_store::list_protocols(db_, page, per_page);
}

awaitable<result<admin_protocol>> admin_protocols::get(std::string id) {
  auto found = co_await admin_store::find_protocol(db_, std::move(id));
  if (!found) {
    co_return errors::protocol_not_found();
  }
  co_return std::move(*found);
}

awaitable<result<admin_protocol>> admin_protocols::create(actor who, admin_protocol p) {
  if (auto problems = protocol_problems(p); !problems.empty()) {
    co_return validation(std::move(problems));
  }
  auto stored = co_await admin_store::insert_protocol(db_, p, who);
  if (!stored) {
    co_return errors::protocol_slug_taken();
  }
  co_await changes_.announce("fasting");
  co_return std::move(*stored);
}

awaitable<result<admin_protocol>> admin_protocols::update(actor who, std::string id,
                                                          protocol_patch patch) {
  pg::transaction tx = co_await db_.begin();
  auto found = co_await admin_store::lock_protocol(tx, std::move(id));
  if (!found) {
    co_return errors::protocol_not_found();
  }
  // The row is locked: no write can come between this check and ours.
  if (patch.version && *patch.version != found->version) {
    co_return errors::protocol_changed();
  }
  admin_protocol next = merged(*found, patch);
  if (auto problems = protocol_problems(next); !problems.empty()) {
    co_return validation(std::move(problems));
  }
  admin_protocol stored = co_await admin_store::write_protocol(
      tx, next, patch.translations_json.value_or("{}"), who, "update");
  co_await tx.commit();
  co_await changes_.announce("fasting");
  co_return stored;
}

awaitable<result<admin_protocol>> admin_protocols::deactivate(actor who, std::string id,
                                                              std::optional<std::int64_t> version) {
  pg::transaction tx = co_await db_.begin();
  auto found = co_await admin_store::lock_protocol(tx, std::move(id));
  if (!found) {
    co_return errors::protocol_not_found();
  }
  if (version && *version != found->version) {
    co_return errors::protocol_changed();
  }
  if (!found->active) {
    co_return std::move(*found);
  }
  admin_protocol next = *found;
  next.active = false;
  admin_protocol stored = co_await admin_store::write_protocol(tx, next, "{}", who, "deactivate");
  co_await tx.commit();
  co_await changes_.announce("fasting");
  co_return stored;
}

}  // namespace ugoki::fasting
