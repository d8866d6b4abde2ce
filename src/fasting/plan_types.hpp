// Domain structs of fasting plans (schedule, upcoming fasts), daily stats and imports.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace ugoki::fasting {

// The user's plan (GET/PUT /fasting/schedule). One per user.
struct schedule {
  std::string id;
  std::optional<std::string> protocol_id;  // nullopt for a custom length
  std::optional<std::string> protocol_slug;
  std::optional<std::string> protocol_name;
  std::string kind;  // daily_tre | weekly | alternate_day | extended | custom
  int fasting_minutes = 0;
  std::optional<int> fast_day_kcal;  // 5:2 and alternate-day plans
  std::vector<int> weekdays;         // ISO 1..7; all seven for alternate-day plans
  std::string start_time;            // local HH:MM
  std::string timezone;
  std::optional<std::string> anchor_date;  // alternate-day plans: a fast day, YYYY-MM-DD
  std::optional<int> reminder_minutes_before;
  std::string created_at;  // RFC 3339 UTC
  std::string updated_at;
  std::string today;  // the local date now in `timezone` (not stored)
};

// PUT /fasting/schedule after parsing: exactly one of protocol_id and fasting_minutes is set.
struct schedule_input {
  std::optional<std::string> protocol_id;
  std::optional<int> fasting_minutes;
  std::optional<std::vector<int>> weekdays;
  std::string start_time;  // HH:MM, validated
  std::optional<std::string> timezone;
  std::optional<std::chrono::sys_days> anchor_date;
  std::optional<int> reminder_minutes_before;
};

// PUT /fasting/schedule as read from its body: the fields that parsed, and every field that did
// not. The service adds what only it can check (the zone's existence, the plan's coherence with
// its protocol) and refuses once, naming them all.
struct schedule_draft {
  schedule_input input;
  std::vector<field_error> invalid;
};

// What the service needs to know about a protocol to check a plan against it.
struct plan_protocol {
  std::string kind;
  int fasting_minutes = 0;
  std::optional<int> fast_day_kcal;
  std::optional<int> fast_days_per_week;
  bool non_consecutive = false;
};

// One fast a plan implies (GET /fasting/schedule/upcoming).
struct planned_fast {
  std::string local_date;  // the local day it starts on
  std::string kind;        // daily_window | fast_day | alternate_day | extended
  std::chrono::system_clock::time_point start_at;
  std::chrono::system_clock::time_point end_at;
  std::string start_local;  // YYYY-MM-DDTHH:MM:SS wall clock in the plan's zone
  std::string end_local;
  int fasting_minutes = 0;
  std::optional<int> fast_day_kcal;
};

struct upcoming_fasts {
  std::string timezone;
  std::string today;
  std::vector<planned_fast> fasts;
};

// GET /fasting/stats: one local day.
struct day_stat {
  std::string date;
  std::int64_t day_seconds = 0;  // 82800 / 86400 / 90000 around DST changes
  std::int64_t seconds_fasted = 0;
  int fasts = 0;  // fasts that touch the day
};

struct daily_stats {
  std::string timezone;
  std::chrono::sys_days from;  // the range asked for (or its defaults), both days included
  std::chrono::sys_days to;
  std::vector<day_stat> days;
};

// A stored session as the import compares with it: an identical one, or an overlapping one.
struct import_check {
  bool duplicate = false;
  bool overlaps = false;
};

struct import_result {
  int imported = 0;
  int skipped_duplicates = 0;
};

}  // namespace ugoki::fasting
