// The user module's domain structs: profile, preferences, onboarding answers and their patches.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ugoki::user {

// A PATCH field: absent (nullopt), explicit null (holds nullopt: clear it), or a new value.
template <class T>
using patch_field = std::optional<std::optional<T>>;

// The profile as its owner sees it, with the encrypted health fields already decrypted.
struct profile {
  std::optional<std::string> display_name;
  std::optional<std::string> avatar_url;
  std::optional<std::string> gender;
  std::optional<double> height_cm;
  std::optional<double> weight_kg;
  std::optional<double> body_fat_percentage;
  std::optional<std::string> fitness_level;
  std::string timezone = "UTC";
  std::string locale = "en";
  std::string dietary_preferences_json = "{}";  // JSON object, validated by dto
  std::optional<std::string> date_of_birth;     // YYYY-MM-DD
  std::vector<std::string> health_conditions;
  std::vector<std::string> allergies;
  std::optional<std::string> onboarding_answers_json;  // decrypted JSON object
  std::optional<std::string> onboarding_completed_at;  // RFC 3339 UTC
  std::optional<std::string> recommended_protocol_id;
  std::optional<std::string> updated_at;  // RFC 3339 UTC
};

// A live account with its profile, as its owner sees it.
struct me {
  std::string id;
  std::string email;
  bool email_verified = false;
  std::string role;
  std::string created_at;  // RFC 3339 UTC
  profile prof;
  // The profile row's version (xmin) when read, so a write can detect a concurrent one and
  // retry instead of overwriting it with stale fields. Never rendered.
  std::optional<std::string> version;
};

// PATCH /users/me: only the fields present change. timezone and locale cannot be null.
struct profile_patch {
  patch_field<std::string> display_name;
  patch_field<std::string> avatar_url;
  patch_field<std::string> gender;
  patch_field<double> height_cm;
  patch_field<double> weight_kg;
  patch_field<double> body_fat_percentage;
  patch_field<std::string> fitness_level;
  std::optional<std::string> timezone;
  std::optional<std::string> locale;
  std::optional<std::string> dietary_preferences_json;  // null in the body resets to {}
  patch_field<std::string> date_of_birth;
  patch_field<std::vector<std::string>> health_conditions;
  patch_field<std::vector<std::string>> allergies;
};

// The profile's encrypted columns as stored: AES-GCM blobs (binary), empty optional for NULL.
struct sealed_pii {
  std::optional<std::string> date_of_birth;
  std::optional<std::string> health_conditions;
  std::optional<std::string> allergies;
  std::optional<std::string> onboarding_answers;
  std::optional<std::string> key_id;
};

// The user_preferences row.
struct preferences {
  std::string units = "metric";
  std::string language = "en";
  int week_starts_on = 1;
  std::optional<int> fasting_goal_hours;
  std::optional<int> fasting_goal_sessions_per_week;
  std::optional<int> workout_goal_sessions_per_week;
  std::optional<int> workout_goal_minutes_per_week;
  std::optional<int> daily_water_goal_ml;
  std::optional<int> daily_step_goal;
  std::optional<int> daily_kcal_goal;
  bool push_enabled = true;
  bool email_enabled = true;
  std::optional<std::string> quiet_hours_start;  // HH:MM
  std::optional<std::string> quiet_hours_end;    // HH:MM
  std::map<std::string, bool> notification_types;
  std::optional<std::string> updated_at;
  std::optional<std::string> version;  // row version (xmin) when read, as me::version
};

// PATCH /users/me/preferences. Quiet hours are set or cleared as a pair (the table requires it).
struct preferences_patch {
  std::optional<std::string> units;
  std::optional<std::string> language;
  std::optional<int> week_starts_on;
  patch_field<int> fasting_goal_hours;
  patch_field<int> fasting_goal_sessions_per_week;
  patch_field<int> workout_goal_sessions_per_week;
  patch_field<int> workout_goal_minutes_per_week;
  patch_field<int> daily_water_goal_ml;
  patch_field<int> daily_step_goal;
  patch_field<int> daily_kcal_goal;
  std::optional<bool> push_enabled;
  std::optional<bool> email_enabled;
  bool quiet_hours_set = false;  // both start and end given (or both null)
  std::optional<std::string> quiet_hours_start;
  std::optional<std::string> quiet_hours_end;
  std::optional<std::map<std::string, bool>> notification_types;  // merged into the stored map
};

// POST /users/me/onboarding survey answers (validated by dto; enums as their API strings).
struct onboarding_answers {
  std::vector<std::string> goals;  // lose_weight | improve_energy | metabolic_health | ...
  std::string fasting_experience;  // none | some | experienced
  std::string activity_level;      // sedentary | light | moderate | active | very_active
  std::optional<std::string> eating_window_start;  // HH:MM
  std::optional<std::string> wake_time;            // HH:MM
  std::optional<std::string> sleep_time;           // HH:MM
  bool pregnant = false;
  bool breastfeeding = false;
  bool diabetes_medication = false;
  bool eating_disorder_history = false;
  bool under_18 = false;
  bool underweight = false;
};

// What the onboarding rules advise. No protocol when a health flag makes fasting unsafe.
struct recommendation {
  std::optional<std::string> protocol_slug;
  std::string fitness_level;  // beginner | intermediate | advanced
  bool consult_doctor = false;
  std::vector<std::string> reasons;  // stable codes: "pregnant", "diabetes_medication", ...
  std::string message;
};

// The onboarding outcome returned to the client.
struct onboarding_result {
  recommendation advice;
  std::optional<std::string> protocol_id;
  std::optional<std::string> protocol_name;
  std::string completed_at;  // RFC 3339 UTC
};

}  // namespace ugoki::user
