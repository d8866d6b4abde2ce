// SQL for the user module, as named statements (the name is the prepared-statement name).
// bytea travels hex-encoded (params are text format); jsonb and time as text.
#include "user/store.hpp"

#include "core/pg/database.hpp"
#include "core/time.hpp"

namespace ugoki::user::store {

namespace {

// The account's part comes from auth's live_accounts view (0020), never from users. LEFT JOIN: an
// account always gets a profile at sign-up, but a missing row must not hide the account itself.
//
// Plain columns, no casts or functions: every expression in the select list costs PostgreSQL
// executor set-up and evaluation on each run, on the hottest read of the API, so the defaults of a
// missing profile row, numeric -> double and bytea's "\\x" prefix are handled here instead.
constexpr pg::statement find_me_sql{"user.find_me", R"(
SELECT u.user_id, u.email, u.email_verified, u.role, u.created_at, p.display_name,
       p.avatar_url, p.gender, p.height_cm, p.weight_kg, p.body_fat_percentage,
       p.fitness_level, p.timezone, p.locale, p.dietary_preferences,
       p.onboarding_completed_at, p.recommended_protocol_id, p.updated_at, p.date_of_birth_enc,
       p.health_conditions_enc, p.allergies_enc, p.onboarding_answers_enc, p.pii_key_id,
       p.xmin
  FROM live_accounts u LEFT JOIN user_profiles p ON p.user_id = u.user_id
 WHERE u.user_id = $1::uuid)"};

// Taken alone before the read, not as FOR UPDATE on the read itself: under READ COMMITTED a
// locking SELECT that waited keeps its old snapshot of the other rows it joins (only the locked
// row is re-read), so the next statement must read after the lock is held. The row locked is the
// module's own (created with the account), so concurrent read-modify-writes of one user's
// profile, or of their preferences, run one after the other.
constexpr pg::statement lock_profile_sql{"user.lock_profile", R"(
SELECT 1 FROM user_profiles WHERE user_id = $1::uuid FOR NO KEY UPDATE)"};
constexpr pg::statement lock_preferences_sql{"user.lock_preferences", R"(
SELECT 1 FROM user_preferences WHERE user_id = $1::uuid FOR NO KEY UPDATE)"};

// Upsert guarded by the live account, so a deleted account's profile is never rewritten.
constexpr pg::statement save_profile_sql{"user.save_profile", R"(
INSERT INTO user_profiles AS p (user_id, display_name, avatar_url, gender, height_cm, weight_kg,
                                body_fat_percentage, fitness_level, timezone, locale,
                                dietary_preferences, date_of_birth_enc, health_conditions_enc,
                                allergies_enc, onboarding_answers_enc, pii_key_id)
SELECT u.user_id, $2, $3, $4, $5::numeric, $6::numeric, $7::numeric, $8, $9, $10, $11::jsonb,
       decode($12, 'hex'), decode($13, 'hex'), decode($14, 'hex'), decode($15, 'hex'), $16
  FROM live_accounts u WHERE u.user_id = $1::uuid
ON CONFLICT (user_id) DO UPDATE
   SET display_name = EXCLUDED.display_name, avatar_url = EXCLUDED.avatar_url,
       gender = EXCLUDED.gender, height_cm = EXCLUDED.height_cm, weight_kg = EXCLUDED.weight_kg,
       body_fat_percentage = EXCLUDED.body_fat_percentage,
       fitness_level = EXCLUDED.fitness_level, timezone = EXCLUDED.timezone,
       locale = EXCLUDED.locale, dietary_preferences = EXCLUDED.dietary_preferences,
       date_of_birth_enc = EXCLUDED.date_of_birth_enc,
       health_conditions_enc = EXCLUDED.health_conditions_enc,
       allergies_enc = EXCLUDED.allergies_enc,
       onboarding_answers_enc = EXCLUDED.onboarding_answers_enc, pii_key_id = EXCLUDED.pii_key_id
 WHERE p.xmin::text = $17
RETURNING to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))"};

constexpr pg::statement save_onboarding_sql{"user.save_onboarding", R"(
UPDATE user_profiles p
   SET date_of_birth_enc = decode($2, 'hex'), health_conditions_enc = decode($3, 'hex'),
       allergies_enc = decode($4, 'hex'), onboarding_answers_enc = decode($5, 'hex'),
       pii_key_id = $6, recommended_protocol_id = $7::uuid, onboarding_completed_at = now()
  FROM live_accounts u
 WHERE p.user_id = $1::uuid AND u.user_id = p.user_id AND p.xmin::text = $8
RETURNING to_char(p.onboarding_completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))"};

// weight_kg is a plain column (not one of the sealed PII ones): no decryption needed.
constexpr pg::statement find_weight_sql{"user.find_weight", R"(
SELECT weight_kg::float8 FROM user_profiles WHERE user_id = $1::uuid)"};

// The toggles come back as "kind=true,kind2=false" (kinds are [a-z_] only), so the store needs
// no JSON parser; the write builds the object from two parallel arrays.
constexpr pg::statement find_preferences_sql{"user.find_preferences", R"(
SELECT coalesce(p.units, 'metric'), coalesce(p.language, 'en'),
       coalesce(p.week_starts_on, 1)::int, p.fasting_goal_hours::int,
       p.fasting_goal_sessions_per_week::int, p.workout_goal_sessions_per_week::int,
       p.workout_goal_minutes_per_week::int, p.daily_water_goal_ml, p.daily_step_goal,
       p.daily_kcal_goal, coalesce(p.push_enabled, true), coalesce(p.email_enabled, true),
       to_char(p.quiet_hours_start, 'HH24:MI'), to_char(p.quiet_hours_end, 'HH24:MI'),
       coalesce((SELECT string_agg(key || '=' || value::text, ',')
                   FROM jsonb_each(p.notification_types)), ''),
       to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), p.xmin::text
  FROM live_accounts u LEFT JOIN user_preferences p ON p.user_id = u.user_id
 WHERE u.user_id = $1::uuid)"};

constexpr pg::statement save_preferences_sql{"user.save_preferences", R"(
INSERT INTO user_preferences AS p (user_id, units, language, week_starts_on, fasting_goal_hours,
                                   fasting_goal_sessions_per_week,
                                   workout_goal_sessions_per_week, workout_goal_minutes_per_week,
                                   daily_water_goal_ml, daily_step_goal, daily_kcal_goal,
                                   push_enabled, email_enabled, quiet_hours_start,
                                   quiet_hours_end, notification_types)
SELECT u.user_id, $2, $3, $4::smallint, $5::smallint, $6::smallint, $7::smallint, $8::smallint,
       $9::int, $10::int, $11::int, $12::boolean, $13::boolean, $14::time, $15::time,
       (SELECT coalesce(jsonb_object_agg(k, v), '{}')
          FROM unnest($16::text[], $17::boolean[]) AS t(k, v))
  FROM live_accounts u WHERE u.user_id = $1::uuid
ON CONFLICT (user_id) DO UPDATE
   SET units = EXCLUDED.units, language = EXCLUDED.language,
       week_starts_on = EXCLUDED.week_starts_on, fasting_goal_hours = EXCLUDED.fasting_goal_hours,
       fasting_goal_sessions_per_week = EXCLUDED.fasting_goal_sessions_per_week,
       workout_goal_sessions_per_week = EXCLUDED.workout_goal_sessions_per_week,
       workout_goal_minutes_per_week = EXCLUDED.workout_goal_minutes_per_week,
       daily_water_goal_ml = EXCLUDED.daily_water_goal_ml,
       daily_step_goal = EXCLUDED.daily_step_goal, daily_kcal_goal = EXCLUDED.daily_kcal_goal,
       push_enabled = EXCLUDED.push_enabled, email_enabled = EXCLUDED.email_enabled,
       quiet_hours_start = EXCLUDED.quiet_hours_start, quiet_hours_end = EXCLUDED.quiet_hours_end,
       notification_types = EXCLUDED.notification_types
 WHERE p.xmin::text = $18
RETURNING to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))"};

constexpr pg::statement new_profile_sql{"user.new_profile", R"(
INSERT INTO user_profiles (user_id, display_name) VALUES ($1::uuid, $2))"};

constexpr pg::statement new_preferences_sql{"user.new_preferences", R"(
INSERT INTO user_preferences (user_id) VALUES ($1::uuid))"};

constexpr pg::statement preferences_export_sql{"user.preferences_export", R"(
SELECT coalesce((SELECT to_jsonb(p) - 'user_id' FROM user_preferences p
                  WHERE p.user_id = $1::uuid), 'null'::jsonb)::text)"};

// posix/ and right/ are alternative copies of the same zones, not names a client should send.
constexpr pg::statement timezone_names_sql{
    "user.timezone_names",
    "SELECT name FROM pg_timezone_names "
    "WHERE name NOT LIKE 'posix/%' AND name NOT LIKE 'right/%'"};

std::string to_hex(const std::string& bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 0xF]);
  }
  return out;
}

int nibble(char c) {
  return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

// PostgreSQL's encode(..., 'hex') output: lowercase, even length.
std::string from_hex(std::string_view hex) {
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>((nibble(hex[i]) << 4) | nibble(hex[i + 1])));
  }
  return out;
}

std::optional<std::string> hex_or_null(const std::optional<std::string>& blob) {
  return blob ? std::optional(to_hex(*blob)) : std::nullopt;
}

// A bytea column read as text: "\\x" and hex digits (bytea_output = hex, the default), or the
// bare hex digits of encode(..., 'hex').
std::optional<std::string> blob_at(const pg::row& row, int col) {
  auto hex = row.get<std::optional<std::string_view>>(col);
  if (!hex) {
    return std::nullopt;
  }
  std::string_view digits = *hex;
  if (digits.starts_with("\\x")) {
    digits.remove_prefix(2);
  }
  return from_hex(digits);
}

}  // namespace

namespace {

// GET /users/me reads its timestamps as PostgreSQL's UTC text (pg::timestamp_us), cheaper for the
// server than to_char on every request, and renders them as before: whole seconds, "Z".
std::string utc_text(pg::timestamp_us t) {
  const std::int64_t secs = t.value / 1'000'000 - (t.value % 1'000'000 < 0 ? 1 : 0);
  return time::format_rfc3339(time::instant(std::chrono::seconds(secs)));
}

std::optional<std::string> utc_text(std::optional<pg::timestamp_us> t) {
  if (!t) {
    return std::nullopt;
  }
  return utc_text(*t);
}

// Works on a pg::database or a pg::transaction (both have query()).
template <class Db>
boost::asio::awaitable<std::optional<stored_me>> find_me_on(Db& db, const pg::statement& stmt,
                                                            std::string user_id) {
  pg::params args{user_id};
  pg::result rows = co_await db.query(stmt, args);
  if (rows.empty()) {
    co_return std::nullopt;
  }
  auto row = rows[0];
  stored_me s;
  me& m = s.m;
  m.id = row.get<std::string>(0);
  m.email = row.get<std::string>(1);
  m.email_verified = row.get<bool>(2);
  m.role = row.get<std::string>(3);
  m.created_at = utc_text(row.get<pg::timestamp_us>(4));
  profile& p = m.prof;
  p.display_name = row.get<std::optional<std::string>>(5);
  p.avatar_url = row.get<std::optional<std::string>>(6);
  p.gender = row.get<std::optional<std::string>>(7);
  p.height_cm = row.get<std::optional<double>>(8);
  p.weight_kg = row.get<std::optional<double>>(9);
  p.body_fat_percentage = row.get<std::optional<double>>(10);
  p.fitness_level = row.get<std::optional<std::string>>(11);
  // Register writes the profile row; should one be missing, the column defaults stand in.
  p.timezone = row.get<std::optional<std::string>>(12).value_or("UTC");
  p.locale = row.get<std::optional<std::string>>(13).value_or("en");
  p.dietary_preferences_json = row.get<std::optional<std::string>>(14).value_or("{}");
  p.onboarding_completed_at = utc_text(row.get<std::optional<pg::timestamp_us>>(15));
  p.recommended_protocol_id = row.get<std::optional<std::string>>(16);
  p.updated_at = utc_text(row.get<std::optional<pg::timestamp_us>>(17));
  s.pii.date_of_birth = blob_at(row, 18);
  s.pii.health_conditions = blob_at(row, 19);
  s.pii.allergies = blob_at(row, 20);
  s.pii.onboarding_answers = blob_at(row, 21);
  s.pii.key_id = row.get<std::optional<std::string>>(22);
  m.version = row.get<std::optional<std::string>>(23);
  co_return s;
}

boost::asio::awaitable<void> lock_row(pg::transaction& tx, const pg::statement& stmt,
                                      const std::string& user_id) {
  pg::params args{user_id};
  co_await tx.query(stmt, args);
}

template <class Db>
boost::asio::awaitable<std::optional<preferences>> find_preferences_on(Db& db,
                                                                       const pg::statement& stmt,
                                                                       std::string user_id);

}  // namespace

std::vector<pg::command> new_account_rows(const std::string& user_id,
                                          const std::optional<std::string>& display_name) {
  std::vector<pg::command> rows;
  rows.push_back({&new_profile_sql, pg::params{user_id, display_name}});
  rows.push_back({&new_preferences_sql, pg::params{user_id}});
  return rows;
}

boost::asio::awaitable<std::optional<stored_me>> find_me(pg::database& db, std::string user_id) {
  co_return co_await find_me_on(db, find_me_sql, std::move(user_id));
}

boost::asio::awaitable<std::optional<stored_me>> find_me(pg::transaction& tx, std::string user_id) {
  co_await lock_row(tx, lock_profile_sql, user_id);
  co_return co_await find_me_on(tx, find_me_sql, std::move(user_id));
}

boost::asio::awaitable<std::optional<std::string>> save_profile(
    pg::transaction& db, std::string user_id, const profile& p, const sealed_pii& pii,
    std::optional<std::string> version) {
  pg::params args{user_id,
                  p.display_name,
                  p.avatar_url,
                  p.gender,
                  p.height_cm,
                  p.weight_kg,
                  p.body_fat_percentage,
                  p.fitness_level,
                  p.timezone,
                  p.locale,
                  p.dietary_preferences_json,
                  hex_or_null(pii.date_of_birth),
                  hex_or_null(pii.health_conditions),
                  hex_or_null(pii.allergies),
                  hex_or_null(pii.onboarding_answers),
                  pii.key_id,
                  version};
  auto rows = co_await db.query(save_profile_sql, args);
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return rows[0].get<std::string>(0);
}

boost::asio::awaitable<std::optional<std::string>> save_onboarding(
    pg::transaction& db, std::string user_id, const sealed_pii& pii,
    std::optional<std::string> protocol_id, std::optional<std::string> version) {
  pg::params args{user_id,
                  hex_or_null(pii.date_of_birth),
                  hex_or_null(pii.health_conditions),
                  hex_or_null(pii.allergies),
                  hex_or_null(pii.onboarding_answers),
                  pii.key_id,
                  protocol_id,
                  version};
  auto rows = co_await db.query(save_onboarding_sql, args);
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return rows[0].get<std::string>(0);
}

boost::asio::awaitable<std::optional<double>> find_weight_kg(pg::database& db,
                                                             std::string user_id) {
  auto rows = co_await db.query(find_weight_sql, pg::params{user_id});
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return rows[0].get<std::optional<double>>(0);
}

boost::asio::awaitable<std::optional<preferences>> find_preferences(pg::database& db,
                                                                    std::string user_id) {
  co_return co_await find_preferences_on(db, find_preferences_sql, std::move(user_id));
}

boost::asio::awaitable<std::optional<preferences>> find_preferences(pg::transaction& tx,
                                                                    std::string user_id) {
  co_await lock_row(tx, lock_preferences_sql, user_id);
  co_return co_await find_preferences_on(tx, find_preferences_sql, std::move(user_id));
}

namespace {

template <class Db>
boost::asio::awaitable<std::optional<preferences>> find_preferences_on(Db& db,
                                                                       const pg::statement& stmt,
                                                                       std::string user_id) {
  pg::params args{user_id};
  pg::result rows = co_await db.query(stmt, args);
  if (rows.empty()) {
    co_return std::nullopt;
  }
  auto row = rows[0];
  preferences p;
  p.units = row.get<std::string>(0);
  p.language = row.get<std::string>(1);
  p.week_starts_on = row.get<int>(2);
  p.fasting_goal_hours = row.get<std::optional<int>>(3);
  p.fasting_goal_sessions_per_week = row.get<std::optional<int>>(4);
  p.workout_goal_sessions_per_week = row.get<std::optional<int>>(5);
  p.workout_goal_minutes_per_week = row.get<std::optional<int>>(6);
  p.daily_water_goal_ml = row.get<std::optional<int>>(7);
  p.daily_step_goal = row.get<std::optional<int>>(8);
  p.daily_kcal_goal = row.get<std::optional<int>>(9);
  p.push_enabled = row.get<bool>(10);
  p.email_enabled = row.get<bool>(11);
  p.quiet_hours_start = row.get<std::optional<std::string>>(12);
  p.quiet_hours_end = row.get<std::optional<std::string>>(13);
  std::string_view toggles = row.text(14);
  while (!toggles.empty()) {
    auto comma = toggles.find(',');
    auto item = toggles.substr(0, comma);
    auto eq = item.find('=');
    if (eq != std::string_view::npos) {
      p.notification_types[std::string(item.substr(0, eq))] = item.substr(eq + 1) == "true";
    }
    toggles = comma == std::string_view::npos ? std::string_view() : toggles.substr(comma + 1);
  }
  p.updated_at = row.get<std::optional<std::string>>(15);
  p.version = row.get<std::optional<std::string>>(16);
  co_return p;
}

}  // namespace

boost::asio::awaitable<std::optional<std::string>> save_preferences(pg::transaction& db,
                                                                    std::string user_id,
                                                                    const preferences& p) {
  // Array literals are safe to build by hand: the kinds are a fixed [a-z_] vocabulary (dto).
  std::string kinds = "{";
  std::string values = "{";
  for (const auto& [kind, on] : p.notification_types) {
    kinds += (kinds.size() > 1 ? "," : "") + kind;
    values += std::string(values.size() > 1 ? "," : "") + (on ? "true" : "false");
  }
  kinds += "}";
  values += "}";
  pg::params args{user_id,
                  p.units,
                  p.language,
                  p.week_starts_on,
                  p.fasting_goal_hours,
                  p.fasting_goal_sessions_per_week,
                  p.workout_goal_sessions_per_week,
                  p.workout_goal_minutes_per_week,
                  p.daily_water_goal_ml,
                  p.daily_step_goal,
                  p.daily_kcal_goal,
                  p.push_enabled,
                  p.email_enabled,
                  p.quiet_hours_start,
                  p.quiet_hours_end,
                  kinds,
                  values,
                  p.version};
  auto rows = co_await db.query(save_preferences_sql, args);
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return rows[0].get<std::string>(0);
}

boost::asio::awaitable<std::string> preferences_export(pg::database& db, std::string user_id) {
  pg::params args{user_id};
  auto rows = co_await db.query(preferences_export_sql, args);
  co_return rows[0].get<std::string>(0);
}

boost::asio::awaitable<std::vector<std::string>> timezone_names(pg::database& db) {
  auto rows = co_await db.query(timezone_names_sql);
  std::vector<std::string> names;
  names.reserve(rows.size());
  for (auto row : rows) {
    names.push_back(row.get<std::string>(0));
  }
  co_return names;
}

}  // namespace ugoki::user::store
