// The data export: one SQL statement builds the document in PostgreSQL (jsonb), then the
// sessions from Redis and the decrypted profile are added and instants are spelled with Z.
#include "user/export.hpp"

#include <boost/json.hpp>

#include <cctype>
#include <vector>

#include "core/pg/database.hpp"

namespace ugoki::user {

namespace {

using boost::asio::awaitable;
namespace json = boost::json;

// Local to the pipeline's implicit transaction: timestamptz renders as +00:00 whatever the
// server's TimeZone, which utc_instants_with_z then turns into Z.
constexpr pg::statement utc_sql{"export_utc", "SELECT set_config('TimeZone', 'UTC', true)"};

// Every user-owned table of migrations/ appears here (docs/privacy.md keeps the list). Columns
// that are secrets rather than the user's data are removed with the jsonb `-` operator.
constexpr pg::statement export_sql{"export_user", R"SQL(
WITH u AS (SELECT * FROM users WHERE id = $1::uuid AND deleted_at IS NULL)
SELECT jsonb_build_object(
  'exported_at', now(),
  'account', (SELECT jsonb_build_object(
      'id', u.id, 'email', u.email, 'email_verified', u.email_verified, 'role', u.role,
      'status', u.status, 'created_at', u.created_at, 'updated_at', u.updated_at,
      'last_login_at', u.last_login_at, 'password_changed_at', u.password_changed_at,
      'has_password', u.password_hash IS NOT NULL) FROM u),
  'profile', (SELECT to_jsonb(p) - 'user_id' - 'date_of_birth_enc' - 'health_conditions_enc'
                     - 'allergies_enc' - 'onboarding_answers_enc' - 'pii_key_id'
                FROM user_profiles p WHERE p.user_id = $1::uuid),
  'preferences', (SELECT to_jsonb(p) - 'user_id' FROM user_preferences p
                   WHERE p.user_id = $1::uuid),
  'oauth_identities', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id'
                                                 ORDER BY t.created_at), '[]')
                         FROM user_oauth_identities t WHERE t.user_id = $1::uuid),
  'mfa', (SELECT jsonb_build_object('enabled_at', m.enabled_at, 'created_at', m.created_at)
            FROM user_mfa m WHERE m.user_id = $1::uuid),
  'fasting', jsonb_build_object(
    'schedules', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' ORDER BY t.created_at), '[]')
                    FROM fasting_schedules t WHERE t.user_id = $1::uuid),
    'sessions', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' ORDER BY t.created_at), '[]')
                   FROM fasting_sessions t WHERE t.user_id = $1::uuid),
    'logs', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' ORDER BY t.created_at), '[]')
               FROM fasting_logs t WHERE t.user_id = $1::uuid)),
  'workouts', jsonb_build_object(
    'sessions', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' ORDER BY t.created_at), '[]')
                   FROM workout_sessions t WHERE t.user_id = $1::uuid),
    'exercise_logs', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id'
                                                ORDER BY t.created_at), '[]')
                        FROM exercise_logs t WHERE t.user_id = $1::uuid)),
  'nutrition', jsonb_build_object(
    'meal_plans', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' ORDER BY t.created_at), '[]')
                     FROM meal_plans t WHERE t.user_id = $1::uuid),
    'meal_plan_items', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id'
                                                  ORDER BY t.created_at), '[]')
                          FROM meal_plan_items t WHERE t.user_id = $1::uuid),
    'meal_logs', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' ORDER BY t.created_at), '[]')
                    FROM meal_logs t WHERE t.user_id = $1::uuid),
    'shopping_list', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id'
                                                ORDER BY t.created_at), '[]')
                        FROM shopping_list_items t WHERE t.user_id = $1::uuid)),
  'progress', jsonb_build_object(
    'metrics_total', (SELECT count(*) FROM progress_metrics WHERE user_id = $1::uuid),
    'metrics', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' ORDER BY t.time DESC), '[]')
                  FROM (SELECT * FROM progress_metrics WHERE user_id = $1::uuid
                         ORDER BY time DESC LIMIT $2::int) t),
    'metric_records', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id'
                                                 ORDER BY t.created_at), '[]')
                         FROM progress_metric_records t WHERE t.user_id = $1::uuid),
    'daily', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id'
                                        ORDER BY t.metric_type, t.bucket_start), '[]')
                FROM progress_metrics_daily t WHERE t.user_id = $1::uuid),
    'imports', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' - 'file_path'
                                          ORDER BY t.created_at), '[]')
                  FROM metric_imports t WHERE t.user_id = $1::uuid)),
  'notifications', jsonb_build_object(
    'inbox', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' - 'dedupe_key'
                                        ORDER BY t.created_at), '[]')
                FROM notifications t WHERE t.user_id = $1::uuid),
    'devices', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' - 'token'
                                          ORDER BY t.created_at), '[]')
                  FROM device_tokens t WHERE t.user_id = $1::uuid)),
  'billing', jsonb_build_object(
    'subscriptions', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id'
                                                ORDER BY t.created_at), '[]')
                        FROM subscriptions t WHERE t.user_id = $1::uuid)),
  'security_events', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                               'action', a.action, 'outcome', a.outcome,
                               'created_at', a.created_at) ORDER BY a.created_at), '[]')
                        FROM audit_log a WHERE a.user_id = $1::uuid)
)::text
WHERE EXISTS (SELECT 1 FROM u))SQL"};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// "YYYY-MM-DDTHH:MM:SS[.f]+00:00"
bool is_utc_instant(std::string_view s) {
  if (s.size() < 25 || s.substr(s.size() - 6) != "+00:00") {
    return false;
  }
  const std::string_view shape = "dddd-dd-ddTdd:dd:dd";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 'd' ? !is_digit(s[i]) : s[i] != shape[i]) {
      return false;
    }
  }
  return true;
}

void fix_instants(json::value& v) {
  if (auto* s = v.if_string()) {
    std::string_view text(s->data(), s->size());
    if (is_utc_instant(text)) {
      std::string fixed(text.substr(0, text.size() - 6));
      fixed += 'Z';
      *s = fixed;
    }
  } else if (auto* a = v.if_array()) {
    for (auto& e : *a) {
      fix_instants(e);
    }
  } else if (auto* o = v.if_object()) {
    for (auto& kv : *o) {
      fix_instants(kv.value());
    }
  }
}

}  // namespace

std::string utc_instants_with_z(std::string_view text) {
  json::value v = json::parse(text);
  fix_instants(v);
  return json::serialize(v);
}

exporter::exporter(pg::database& db, sessions_source sessions, profile_source profile,
                   export_settings s)
    : db_(db), sessions_(std::move(sessions)), profile_(std::move(profile)), settings_(s) {}

awaitable<std::optional<std::string>> exporter::export_json(std::string user_id) {
  std::vector<pg::command> commands;
  commands.push_back({&utc_sql, pg::params{}});
  commands.push_back({&export_sql, pg::params{user_id, settings_.max_metric_points}});
  auto results = co_await db_.pipeline(commands);
  if (results[1].empty()) {
    co_return std::nullopt;
  }
  json::value doc = json::parse(results[1][0].get<std::string_view>(0));
  json::object& o = doc.as_object();
  std::string sessions = co_await sessions_(user_id);
  o["sessions"] = json::parse(sessions);
  if (profile_) {
    auto decrypted = co_await profile_(user_id);
    if (decrypted) {
      o["profile"] = json::parse(*decrypted);
    }
  }
  json::object& progress = o["progress"].as_object();
  const auto total = progress["metrics_total"].to_number<std::int64_t>();
  progress["metrics_truncated"] = total > settings_.max_metric_points;
  fix_instants(doc);
  // jsonb orders keys by length; a reader wants the account first and the details after.
  static constexpr std::string_view order[] = {
      "exported_at",      "account",       "profile", "preferences",    "sessions",
      "oauth_identities", "mfa",           "fasting", "workouts",       "nutrition",
      "progress",         "notifications", "billing", "security_events"};
  json::object out;
  out["format"] = "ugoki.export.v1";
  out["user_id"] = user_id;
  for (auto key : order) {
    out[key] = std::move(o[key]);
  }
  co_return json::serialize(out);
}

}  // namespace ugoki::user
