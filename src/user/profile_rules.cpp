// The profile rules that need the zone list or the date (see profile_rules.hpp).
#include "user/profile_rules.hpp"

#include "core/time.hpp"

namespace ugoki::user {

int age_on(std::chrono::year_month_day birth, std::chrono::year_month_day today) {
  int years = int(today.year()) - int(birth.year());
  if (today.month() < birth.month() ||
      (today.month() == birth.month() && today.day() < birth.day())) {
    --years;
  }
  return years;
}

void profile_rules::check(const profile_patch& patch, std::vector<field_error>& problems) const {
  if (patch.timezone && !known_timezone(*patch.timezone)) {
    problems.push_back({"timezone", "must be an IANA time zone name such as Europe/Berlin"});
  }
  if (patch.date_of_birth && *patch.date_of_birth) {
    auto birth = time::parse_date(**patch.date_of_birth);
    if (!birth) {
      problems.push_back({"date_of_birth", "must be a date (YYYY-MM-DD)"});
    } else if (std::chrono::sys_days(*birth) > std::chrono::sys_days(today_)) {
      problems.push_back({"date_of_birth", "must not be in the future"});
    } else if (int age = age_on(*birth, today_); age < 13 || age > 120) {
      problems.push_back({"date_of_birth", "age must be between 13 and 120"});
    }
  }
}

}  // namespace ugoki::user
