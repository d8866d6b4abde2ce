// The fasting stages' administration: the tiling rule, then the audited writes in one
// transaction under the stages' lock.
#include "fasting/admin_stage_service.hpp"

#include <algorithm>

#include "core/pg/database.hpp"
#include "core/redis/reference_changes.hpp"
#include "fasting/admin_errors.hpp"
#include "fasting/admin_stage_store.hpp"

namespace ugoki::fasting {

namespace {

using boost::asio::awaitable;

admin_stage merged(admin_stage a, const stage_patch& patch) {
  stage& s = a.s;
  s.name = patch.name.value_or(s.name);
  s.starts_after_seconds = patch.starts_after_seconds.value_or(s.starts_after_seconds);
  s.summary = patch.summary.value_or(s.summary);
  s.description = patch.description.value_or(s.description);
  s.source = patch.source.value_or(s.source);
  s.disclaimer = patch.disclaimer.value_or(s.disclaimer);
  a.active = patch.active.value_or(a.active);
  return a;
}

}  // namespace

result<std::map<std::string, std::optional<std::int64_t>>> stage_ends(
    const std::vector<admin_stage>& stages, const std::string& field) {
  std::vector<const admin_stage*> active;
  for (const auto& s : stages) {
    if (s.active) {
      active.push_back(&s);
    }
  }
  std::sort(active.begin(), active.end(), [](const admin_stage* a, const admin_stage* b) {
    return a->s.starts_after_seconds < b->s.starts_after_seconds;
  });
  if (!active.empty() && active.front()->s.starts_after_seconds != 0) {
    return errors::stage_tiling(field, "the earliest active stage must start at 0 (it would be " +
                                           active.front()->s.slug + ")");
  }
  std::map<std::string, std::optional<std::int64_t>> ends;
  for (std::size_t i = 0; i < active.size(); ++i) {
    std::optional<std::int64_t> end;
    if (i + 1 < active.size()) {
      end = active[i + 1]->s.starts_after_seconds;
      if (*end == active[i]->s.starts_after_seconds) {
        return errors::stage_tiling(field, "two active stages would start together (" +
                                               active[i]->s.slug + ", " + active[i + 1]->s.slug +
                                               ")");
      }
    }
    ends[active[i]->id] = end;
  }
  return ends;
}

admin_stages::admin_stages(pg::database& db, redis::reference_changes& changes)
    : db_(db), changes_(changes) {}

awaitable<stage_page> admin_stages::list(int page, int per_page) {
  co_return co_await admin_stage_store::list_stages(db_, page, per_page);
}

awaitable<result<admin_stage>> admin_stages::get(std::string id) {
  auto found = co_await admin_stage_store::find_stage(db_, std::move(id));
  if (!found) {
    co_return errors::stage_not_found();
  }
  co_return std::move(*found);
}

awaitable<result<admin_stage>> admin_stages::create(actor who, admin_stage s) {
  pg::transaction tx = co_await db_.begin();
  auto all = co_await admin_stage_store::lock_stages(tx);
  for (const auto& a : all) {
    if (a.s.slug == s.s.slug) {
      co_return errors::stage_slug_taken();
    }
  }
  s.id.clear();
  co_return co_await write(tx, who, std::move(all), std::move(s), "", "create",
                           "starts_after_seconds");
}

awaitable<result<admin_stage>> admin_stages::update(actor who, std::string id, stage_patch patch) {
  pg::transaction tx = co_await db_.begin();
  auto all = co_await admin_stage_store::lock_stages(tx);
  auto it = std::find_if(all.begin(), all.end(), [&](const admin_stage& a) { return a.id == id; });
  if (it == all.end()) {
    co_return errors::stage_not_found();
  }
  // Every stage is locked against admin writers: nothing can come between this check and ours.
  if (patch.version && *patch.version != it->version) {
    co_return errors::stage_changed();
  }
  admin_stage next = merged(*it, patch);
  const char* field = patch.starts_after_seconds ? "starts_after_seconds" : "active";
  co_return co_await write(tx, who, std::move(all), std::move(next),
                           patch.translations_json.value_or("{}"), "update", field);
}

awaitable<result<admin_stage>> admin_stages::deactivate(actor who, std::string id,
                                                        std::optional<std::int64_t> version) {
  pg::transaction tx = co_await db_.begin();
  auto all = co_await admin_stage_store::lock_stages(tx);
  auto it = std::find_if(all.begin(), all.end(), [&](const admin_stage& a) { return a.id == id; });
  if (it == all.end()) {
    co_return errors::stage_not_found();
  }
  if (version && *version != it->version) {
    co_return errors::stage_changed();
  }
  if (!it->active) {
    co_return *it;
  }
  admin_stage next = *it;
  next.active = false;
  co_return co_await write(tx, who, std::move(all), std::move(next), "{}", "deactivate", "id");
}

awaitable<result<admin_stage>> admin_stages::write(pg::transaction& tx, const actor& who,
                                                   std::vector<admin_stage> all,
                                                   admin_stage changed,
                                                   std::string translations_patch,
                                                   std::string action, std::string field) {
  std::vector<admin_stage> after = all;
  auto same = std::find_if(after.begin(), after.end(),
                           [&](const admin_stage& a) { return a.id == changed.id; });
  if (changed.id.empty() || same == after.end()) {
    after.push_back(changed);
  } else {
    *same = changed;
  }
  auto ends = stage_ends(after, field);
  if (!ends) {
    co_return std::move(ends.error());
  }
  if (changed.active) {
    changed.s.ends_after_seconds = ends->at(changed.id);
  }
  admin_stage stored;
  if (changed.id.empty()) {
    auto inserted = co_await admin_stage_store::insert_stage(tx, changed, who);
    if (!inserted) {
      co_return errors::stage_slug_taken();
    }
    stored = std::move(*inserted);
  } else {
    stored = co_await admin_stage_store::write_stage(tx, changed, std::move(translations_patch),
                                                     who, std::move(action));
  }
  // The neighbours whose end moves: each gets its own entry, so the seed leaves them alone too.
  for (auto& a : all) {
    if (a.id == changed.id || !a.active) {
      continue;
    }
    const std::optional<std::int64_t> end = ends->at(a.id);
    if (end != a.s.ends_after_seconds) {
      a.s.ends_after_seconds = end;
      co_await admin_stage_store::write_stage(tx, a, "{}", who, "update");
    }
  }
  co_await tx.commit();
  co_await changes_.announce("fasting");
  co_return stored;
}

}  // namespace ugoki::fasting
