// The user module's rules: profile and preferences merges, PII sealing, onboarding. No HTTP,
// JSON or SQL here.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "user/profile_rules.hpp"
#include "user/types.hpp"

namespace ugoki {
class clock;
namespace pg {
class database;
class transaction;
struct command;
}  // namespace pg
namespace crypto {
class pii_cipher;
}
namespace fasting {
class service;
}
}  // namespace ugoki

namespace ugoki::user {

class service {
 public:
  // All references must outlive the service. `fasting` resolves recommended protocol slugs.
  service(pg::database& db, const crypto::pii_cipher& pii, fasting::service& fasting,
          const clock& clock)
      : db_(db), pii_(pii), fasting_(fasting), clock_(clock) {}

  // The user module's rows of a new account `user_id` (profile with `display_name`, default
  // preferences), as statements for the account's creator (auth) to run in the pipeline that
  // inserts the users row, so registration stays one transaction. No I/O here.
  std::vector<pg::command> new_account_rows(const std::string& user_id,
                                            const std::optional<std::string>& display_name) const;

  // The caller's own account and whole profile, PII decrypted. 401 AUTH_002 when the account
  // is gone. Throws crypto::pii_decrypt_error when a stored ciphertext does not authenticate
  // (tampered, moved from another row, or its key was removed) and pg::unavailable when the
  // database is down.
  boost::asio::awaitable<result<me>> get_me(std::string user_id);

  // The data export's parts of this module (user::export_part), as JSON text: the profile
  // object of GET /users/me with its PII decrypted (nullopt when the account is gone; errors as
  // get_me), and the preferences row ("null" when there is none).
  boost::asio::awaitable<std::optional<std::string>> profile_json(std::string user_id);
  boost::asio::awaitable<std::string> preferences_json(std::string user_id);

  // The rules a profile patch must meet beyond its JSON shape (zone names, age), for
  // dto::parse_profile_patch. Loads the zone list on first use (see is_timezone).
  boost::asio::awaitable<profile_rules> rules();

  // Applies `patch` to the caller's profile and returns the result. 400 VAL_001 when it breaks
  // rules() (an unknown time zone, a date of birth in the future or outside ages 13..120); 401
  // AUTH_002 when the account is gone. Re-seals every PII column under the active key.
  boost::asio::awaitable<result<me>> update_profile(std::string user_id, profile_patch patch);

  // The weight in the user's profile (kg), or nullopt when unset: the workouts' body mass
  // when no weight_kg metric exists (through app/bridges.cpp). Throws pg::unavailable.
  boost::asio::awaitable<std::optional<double>> profile_weight_kg(std::string user_id);

  // The caller's preferences; 401 AUTH_002 when the account is gone.
  boost::asio::awaitable<result<preferences>> get_preferences(std::string user_id);
  // Applies `patch` (notification toggles merge into the stored ones) and returns the result;
  // 401 AUTH_002 when the account is gone.
  boost::asio::awaitable<result<preferences>> update_preferences(std::string user_id,
                                                                 preferences_patch patch);

  // Stores `answers` (encrypted, replacing earlier ones), marks onboarding complete and returns
  // the recommendation of user::recommend with the protocol's id and name. 401 AUTH_002 when
  // the account is gone. A recommended slug missing from the reference data (not seeded) is
  // answered without an id rather than failing the survey.
  boost::asio::awaitable<result<onboarding_result>> complete_onboarding(std::string user_id,
                                                                        onboarding_answers answers);

  // True when `name` is a time zone PostgreSQL knows. The list is loaded from the database on
  // first use and kept for the life of the process. Throws pg::unavailable while loading.
  boost::asio::awaitable<bool> is_timezone(const std::string& name);

 private:
  // Every zone name PostgreSQL knows, loaded once (throws pg::unavailable while loading).
  boost::asio::awaitable<std::shared_ptr<const profile_rules::zone_set>> zones();

  // The stored profile with its PII decrypted, its row locked until `tx` ends; 401
  // AUTH_002 when the account is gone.
  boost::asio::awaitable<result<me>> load(pg::transaction& tx, const std::string& user_id);

  pg::database& db_;
  const crypto::pii_cipher& pii_;
  fasting::service& fasting_;
  const clock& clock_;
  // Shared by the I/O threads: written once under the mutex, then only read.
  std::mutex zones_mutex_;
  std::shared_ptr<const profile_rules::zone_set> zones_;
};

}  // namespace ugoki::user
