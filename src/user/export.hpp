// GET /users/me/export: everything a user owns as one JSON document (GDPR article 20, data
// portability). Secrets (password hash, token hashes, push tokens, ciphertexts) are left out.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <optional>
#include <string>

namespace ugoki::pg {
class database;
}

namespace ugoki::user {

// JSON text of the user's signed-in devices (an array); the auth module owns them in Redis, so
// the composition root passes a function of auth::service in. Throws redis::unavailable.
using sessions_source = std::function<boost::asio::awaitable<std::string>(std::string user_id)>;

// JSON text of the user's profile with its encrypted PII decrypted (an object), or nullopt to
// keep the plain profile columns read here. The composition root passes
// user::service::profile_json; an empty function means plain columns only.
using profile_source =
    std::function<boost::asio::awaitable<std::optional<std::string>>(std::string user_id)>;

struct export_settings {
  // progress_metrics can hold millions of points; the export carries the newest this many, says
  // so (progress.metrics_truncated, metrics_total), and always carries the daily rollups whole.
  int max_metric_points = 50'000;
};

class exporter {
 public:
  // Keeps a reference to `db`; `profile` may be empty.
  exporter(pg::database& db, sessions_source sessions, profile_source profile,
           export_settings s = {});

  // The document (see api/openapi.yaml, UserExport): account, profile, preferences, sessions,
  // fasting, workouts, nutrition, progress, notifications, billing, security_events, with
  // instants in RFC 3339 UTC. Read in one statement, so it is one consistent snapshot. nullopt
  // when the account does not exist or is deleted. Throws pg::unavailable / redis::unavailable.
  boost::asio::awaitable<std::optional<std::string>> export_json(std::string user_id);

 private:
  pg::database& db_;
  sessions_source sessions_;
  profile_source profile_;
  export_settings settings_;
};

// Pure: "2026-01-31T07:00:00.123+00:00" -> "2026-01-31T07:00:00.123Z" on every string of `json`
// that is such an instant (PostgreSQL's jsonb spelling in a UTC session); anything else stays.
// Unit-tested.
std::string utc_instants_with_z(std::string_view json);

}  // namespace ugoki::user
