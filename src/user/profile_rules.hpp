// The profile rules that need more than the JSON body: the time zone must be one PostgreSQL
// knows, and the date of birth gives an age of 13 to 120 today. Pure once built, so the PATCH
// parser names these fields in the same 400 as every other bad field (issue 10).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/error.hpp"
#include "user/types.hpp"

namespace ugoki::user {

class profile_rules {
 public:
  using zone_set = std::unordered_set<std::string>;

  // `zones`: every zone name the database knows (never null); `today`: the UTC date now.
  profile_rules(std::shared_ptr<const zone_set> zones, std::chrono::year_month_day today)
      : zones_(std::move(zones)), today_(today) {}

  bool known_timezone(const std::string& name) const { return zones_->contains(name); }

  // Adds one field error for each field of `patch` that breaks a rule: an unknown time zone,
  // a date of birth that is not a date, is in the future, or gives an age outside 13..120.
  void check(const profile_patch& patch, std::vector<field_error>& problems) const;

 private:
  std::shared_ptr<const zone_set> zones_;
  std::chrono::year_month_day today_;
};

// Whole years between `birth` and `today` (a birthday not reached yet this year does not count).
int age_on(std::chrono::year_month_day birth, std::chrono::year_month_day today);

}  // namespace ugoki::user
