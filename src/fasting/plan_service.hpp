// Fasting plans and insights: the schedule, the fasts it implies, streaks, per-day stats and
// history export/import. No HTTP, JSON or SQL here.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "fasting/plan_types.hpp"
#include "fasting/portability.hpp"
#include "fasting/streaks.hpp"

namespace ugoki {
class clock;
namespace pg {
class database;
}
}  // namespace ugoki

namespace ugoki::fasting {

// True when a name is an IANA zone the server knows. The composition root passes
// user::service::is_timezone (user depends on fasting, so fasting cannot call it directly).
using zone_check = std::function<boost::asio::awaitable<bool>(const std::string&)>;

struct plan_settings {
  std::size_t max_import_rows = 10'000;
  int max_upcoming_days = 60;
  int max_stats_days = 366;
};

class plan_service {
 public:
  // All references must outlive the service.
  plan_service(pg::database& db, const clock& clock, zone_check is_timezone,
               plan_settings settings = {});

  // The caller's plan; refuses 404 FAST_010 when none has been saved. Throws pg::unavailable.
  boost::asio::awaitable<result<schedule>> get_schedule(std::string user_id);

  // Creates or replaces the caller's plan. Protocol plans take the protocol's length; a custom
  // plan gives its own. Defaults: every day for daily and custom plans, the profile's zone,
  // today (in that zone) as an alternate-day anchor. Refuses 400 VAL_001 naming every bad field
  // at once: the draft's, an unknown zone, and what check_plan rejects (checked only when the
  // fields it reads parsed); 422 FAST_002 for an unknown protocol in an otherwise valid body.
  boost::asio::awaitable<result<schedule>> put_schedule(std::string user_id, schedule_draft draft);

  // The fasts the plan implies that end after now and start on one of `days` local days from
  // `from` (default today; a fast still running from an earlier day is included then). `from`
  // may be up to a year ahead, for calendars. Refuses 404 FAST_010 without a plan, 400 VAL_001
  // for `from` before today or more than 366 days ahead.
  boost::asio::awaitable<result<upcoming_fasts>> upcoming(std::string user_id,
                                                          std::optional<std::chrono::sys_days> from,
                                                          int days);

  // Streaks and totals for GET /fasting/streaks and, as this typed summary, for the analytics
  // dashboard's bridge (app/bridges.cpp): today is the local day in the caller's current zone
  // (user_zones); with a plan, only its planned days count (compute_streaks). Throws
  // pg::unavailable.
  boost::asio::awaitable<streak_summary> streaks(std::string user_id);

  // Seconds fasted per local day of [from, to] (at most max_stats_days days, from <= to) in
  // the caller's current zone. `to` defaults to today there, `from` to six days before `to`.
  // Refuses 400 VAL_001 (field to) for a bad range.
  boost::asio::awaitable<result<daily_stats>> stats(std::string user_id,
                                                    std::optional<std::chrono::sys_days> from,
                                                    std::optional<std::chrono::sys_days> to);

  // Every session of the caller, oldest first.
  boost::asio::awaitable<std::vector<portable_fast>> export_fasts(std::string user_id);

  // Imports a CSV of format_csv's columns, all or nothing. Refuses 400 VAL_001 for a document
  // that cannot be read (broken quoting, bad header, too many rows), 422 FAST_012 naming every
  // bad row (parse_import_csv's checks, unknown protocol slugs and zones), 409 FAST_011 naming
  // rows that overlap stored fasts. Rows identical to stored fasts are skipped, so importing the
  // same file twice adds nothing. Rows without a zone take the profile's.
  boost::asio::awaitable<result<import_result>> import_csv(std::string user_id,
                                                           std::string_view csv);

 private:
  pg::database& db_;
  const clock& clock_;
  zone_check is_timezone_;
  plan_settings settings_;
};

// The fast-day rule a stored plan implies (every_day when there is no plan).
fast_day_rule rule_of(const std::optional<schedule>& plan);

}  // namespace ugoki::fasting
