// The user module's rules: merges PATCH bodies into stored rows, seals PII (AES-256-GCM bound to
// user id and column), validates what needs the database or the clock, runs onboarding.
#include "user/service.hpp"

#include <chrono>

#include "core/clock.hpp"
#include "core/crypto/pii_cipher.hpp"
#include "core/pg/database.hpp"
#include "core/time.hpp"
#include "fasting/service.hpp"
#include "user/dto.hpp"
#include "user/errors.hpp"
#include "user/onboarding.hpp"
#include "user/profile_rules.hpp"
#include "user/store.hpp"

namespace ugoki::user {

namespace {

// Associated data binds a ciphertext to its row and column, so a blob pasted elsewhere fails.
std::string aad(const std::string& user_id, std::string_view column) {
  return user_id + ":" + std::string(column);
}

std::optional<std::string> seal(const crypto::pii_cipher& c, const std::string& user_id,
                                std::string_view column, const std::optional<std::string>& v) {
  if (!v) {
    return std::nullopt;
  }
  return c.encrypt(*v, aad(user_id, column));
}

std::optional<std::string> open(const crypto::pii_cipher& c, const std::string& user_id,
                                std::string_view column, const std::optional<std::string>& v) {
  if (!v) {
    return std::nullopt;
  }
  return c.decrypt(*v, aad(user_id, column));
}

std::optional<std::string> list_or_null(const std::vector<std::string>& items) {
  return items.empty() ? std::nullopt : std::optional(dto::encode_list(items));
}

// Every PII column of `p` sealed under the active key, so pii_key_id names the key of all of
// them (lazy rotation: any write moves the whole row to the new key).
sealed_pii seal_all(const crypto::pii_cipher& c, const std::string& user_id, const profile& p) {
  sealed_pii s;
  s.date_of_birth = seal(c, user_id, "date_of_birth_enc", p.date_of_birth);
  s.health_conditions =
      seal(c, user_id, "health_conditions_enc", list_or_null(p.health_conditions));
  s.allergies = seal(c, user_id, "allergies_enc", list_or_null(p.allergies));
  s.onboarding_answers = seal(c, user_id, "onboarding_answers_enc", p.onboarding_answers_json);
  if (s.date_of_birth || s.health_conditions || s.allergies || s.onboarding_answers) {
    s.key_id = c.active_kid();
  }
  return s;
}

template <class T>
void apply_patch(std::optional<T>& target, const patch_field<T>& change) {
  if (change) {
    target = *change;
  }
}

std::chrono::year_month_day today(const clock& c) {
  return std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(c.now()));
}

me unseal(const crypto::pii_cipher& pii_, store::stored_me stored, const std::string& user_id) {
  me m = std::move(stored.m);
  const auto& s = stored.pii;
  m.prof.date_of_birth = open(pii_, user_id, "date_of_birth_enc", s.date_of_birth);
  if (auto v = open(pii_, user_id, "health_conditions_enc", s.health_conditions)) {
    m.prof.health_conditions = dto::decode_list(*v);
  }
  if (auto v = open(pii_, user_id, "allergies_enc", s.allergies)) {
    m.prof.allergies = dto::decode_list(*v);
  }
  m.prof.onboarding_answers_json =
      open(pii_, user_id, "onboarding_answers_enc", s.onboarding_answers);
  return m;
}

}  // namespace

std::vector<pg::command> service::new_account_rows(
    const std::string& user_id, const std::optional<std::string>& display_name) const {
  return store::new_account_rows(user_id, display_name);
}

boost::asio::awaitable<result<me>> service::get_me(std::string user_id) {
  auto stored = co_await store::find_me(db_, user_id);
  if (!stored) {
    co_return errors::account_gone();
  }
  co_return unseal(pii_, std::move(*stored), user_id);
}

boost::asio::awaitable<std::optional<std::string>> service::profile_json(std::string user_id) {
  auto found = co_await get_me(std::move(user_id));
  if (!found) {
    co_return std::nullopt;
  }
  co_return dto::render_profile(found->prof);
}

boost::asio::awaitable<std::string> service::preferences_json(std::string user_id) {
  co_return co_await store::preferences_export(db_, std::move(user_id));
}

boost::asio::awaitable<result<me>> service::load(pg::transaction& tx, const std::string& user_id) {
  auto stored = co_await store::find_me(tx, user_id);
  if (!stored) {
    co_return errors::account_gone();
  }
  co_return unseal(pii_, std::move(*stored), user_id);
}

boost::asio::awaitable<std::shared_ptr<const profile_rules::zone_set>> service::zones() {
  std::shared_ptr<const profile_rules::zone_set> zones;
  {
    std::lock_guard lock(zones_mutex_);
    zones = zones_;
  }
  if (!zones) {
    // Two threads may both load on a cold start; the lists are equal, either one wins.
    auto names = co_await store::timezone_names(db_);
    zones = std::make_shared<const profile_rules::zone_set>(names.begin(), names.end());
    std::lock_guard lock(zones_mutex_);
    zones_ = zones;
  }
  co_return zones;
}

boost::asio::awaitable<bool> service::is_timezone(const std::string& name) {
  auto known = co_await zones();
  co_return known->contains(name);
}

boost::asio::awaitable<profile_rules> service::rules() {
  auto known = co_await zones();
  co_return profile_rules(std::move(known), today(clock_));
}

boost::asio::awaitable<result<me>> service::update_profile(std::string user_id,
                                                           profile_patch patch) {
  // The parser applied the same rules (to name every bad field at once); checked again here
  // because nothing else stands between a patch and the row (no CHECK knows the zone names).
  std::vector<field_error> problems;
  (co_await rules()).check(patch, problems);
  if (!problems.empty()) {
    co_return validation(std::move(problems));
  }
  // Read, merge and write under the account's row lock, so concurrent PATCHes of different
  // fields all land (the merge happens here, not in SQL, because the PII is sealed).
  {
    auto tx = co_await db_.begin();
    auto loaded = co_await load(tx, user_id);
    if (!loaded) {
      co_return std::move(loaded.error());
    }
    me& m = *loaded;
    profile& p = m.prof;
    apply_patch(p.display_name, patch.display_name);
    apply_patch(p.avatar_url, patch.avatar_url);
    apply_patch(p.gender, patch.gender);
    apply_patch(p.height_cm, patch.height_cm);
    apply_patch(p.weight_kg, patch.weight_kg);
    apply_patch(p.body_fat_percentage, patch.body_fat_percentage);
    apply_patch(p.fitness_level, patch.fitness_level);
    apply_patch(p.date_of_birth, patch.date_of_birth);
    if (patch.timezone) {
      p.timezone = *patch.timezone;
    }
    if (patch.locale) {
      p.locale = *patch.locale;
    }
    if (patch.dietary_preferences_json) {
      p.dietary_preferences_json = *patch.dietary_preferences_json;
    }
    if (patch.health_conditions) {
      p.health_conditions = patch.health_conditions->value_or(std::vector<std::string>{});
    }
    if (patch.allergies) {
      p.allergies = patch.allergies->value_or(std::vector<std::string>{});
    }
    sealed_pii sealed = seal_all(pii_, user_id, p);
    auto updated = co_await store::save_profile(tx, user_id, p, sealed, m.version);
    if (!updated) {
      co_return errors::account_gone();
    }
    co_await tx.commit();
    p.updated_at = std::move(*updated);
    co_return std::move(m);
  }
}

boost::asio::awaitable<std::optional<double>> service::profile_weight_kg(std::string user_id) {
  co_return co_await store::find_weight_kg(db_, std::move(user_id));
}

boost::asio::awaitable<result<preferences>> service::get_preferences(std::string user_id) {
  auto found = co_await store::find_preferences(db_, std::move(user_id));
  if (!found) {
    co_return errors::account_gone();
  }
  co_return std::move(*found);
}

boost::asio::awaitable<result<preferences>> service::update_preferences(std::string user_id,
                                                                        preferences_patch patch) {
  {
    auto tx = co_await db_.begin();
    auto found = co_await store::find_preferences(tx, user_id);
    if (!found) {
      co_return errors::account_gone();
    }
    preferences p = std::move(*found);
    if (patch.units) {
      p.units = *patch.units;
    }
    if (patch.language) {
      p.language = *patch.language;
    }
    if (patch.week_starts_on) {
      p.week_starts_on = *patch.week_starts_on;
    }
    apply_patch(p.fasting_goal_hours, patch.fasting_goal_hours);
    apply_patch(p.fasting_goal_sessions_per_week, patch.fasting_goal_sessions_per_week);
    apply_patch(p.workout_goal_sessions_per_week, patch.workout_goal_sessions_per_week);
    apply_patch(p.workout_goal_minutes_per_week, patch.workout_goal_minutes_per_week);
    apply_patch(p.daily_water_goal_ml, patch.daily_water_goal_ml);
    apply_patch(p.daily_step_goal, patch.daily_step_goal);
    apply_patch(p.daily_kcal_goal, patch.daily_kcal_goal);
    if (patch.push_enabled) {
      p.push_enabled = *patch.push_enabled;
    }
    if (patch.email_enabled) {
      p.email_enabled = *patch.email_enabled;
    }
    if (patch.quiet_hours_set) {
      p.quiet_hours_start = patch.quiet_hours_start;
      p.quiet_hours_end = patch.quiet_hours_end;
    }
    if (patch.notification_types) {
      for (auto& [kind, on] : *patch.notification_types) {
        p.notification_types[kind] = on;
      }
    }
    auto updated = co_await store::save_preferences(tx, user_id, p);
    if (!updated) {
      co_return errors::account_gone();
    }
    co_await tx.commit();
    p.updated_at = std::move(*updated);
    co_return std::move(p);
  }
}

boost::asio::awaitable<result<onboarding_result>> service::complete_onboarding(
    std::string user_id, onboarding_answers answers) {
  // Reference data first, outside the transaction: it must not hold a connection while it
  // waits for another one.
  auto protocols = co_await fasting_.protocols();
  auto tx = co_await db_.begin();
  auto loaded = co_await load(tx, user_id);
  if (!loaded) {
    co_return std::move(loaded.error());
  }
  me& m = *loaded;
  // A date of birth already on the profile overrides a missing under_18 answer: the safety
  // rule should not depend on the user ticking the box.
  if (m.prof.date_of_birth) {
    auto birth = time::parse_date(*m.prof.date_of_birth);
    if (birth && age_on(*birth, today(clock_)) < 18) {
      answers.under_18 = true;
    }
  }
  onboarding_result out;
  out.advice = recommend(answers);
  if (out.advice.protocol_slug) {
    for (const auto& proto : protocols) {
      if (proto.slug == *out.advice.protocol_slug) {
        out.protocol_id = proto.id;
        out.protocol_name = proto.name;
      }
    }
  }
  m.prof.onboarding_answers_json = dto::encode_answers(answers);
  sealed_pii sealed = seal_all(pii_, user_id, m.prof);
  auto completed = co_await store::save_onboarding(tx, user_id, sealed, out.protocol_id, m.version);
  if (!completed) {
    co_return errors::account_gone();
  }
  co_await tx.commit();
  out.completed_at = std::move(*completed);
  co_return std::move(out);
}

}  // namespace ugoki::user
