// GET /workouts/stats arithmetic: local-day buckets (day, ISO week, month), every bucket of the
// range present even when empty. Pure: sessions arrive with the local day they started on in
// their own zone, so no zone and no DST arithmetic happens here.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace ugoki::workouts {

enum class stats_bucket { day, week, month };

// The first day of the bucket holding `d`: `d` itself, the Monday of its ISO week, or the 1st of
// its month.
std::chrono::sys_days bucket_start(std::chrono::sys_days d, stats_bucket b);

// How many buckets [from, to] spans (both inclusive, from <= to).
std::int64_t bucket_count(std::chrono::sys_days from, std::chrono::sys_days to, stats_bucket b);

// One completed session as the stats count it.
struct stats_session {
  std::chrono::sys_days local_date;
  std::int64_t active_seconds = 0;
  int kcal = 0;
};

// Volume (reps x weight_kg) of one completed set, credited to each of its exercise's muscle
// groups in full.
struct stats_volume {
  std::chrono::sys_days local_date;
  std::string muscle_group;
  double volume_kg = 0;
};

struct stats_row {
  std::chrono::sys_days start;
  int sessions = 0;
  std::int64_t active_seconds = 0;
  int kcal = 0;
  std::map<std::string, double> volume_kg;  // by muscle group
};

// Every bucket from bucket_start(from) to the one holding `to`, oldest first, with the sessions
// and volumes whose day falls in it (inputs outside [from, to] are ignored).
std::vector<stats_row> build_stats(std::chrono::sys_days from, std::chrono::sys_days to,
                                   stats_bucket b, std::span<const stats_session> sessions,
                                   std::span<const stats_volume> volumes);

}  // namespace ugoki::workouts
