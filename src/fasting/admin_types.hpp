// The fasting module's admin view of its reference data (protocols and stages with retired rows,
// state, version and translations) and the edits an admin makes. No JSON or SQL here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fasting/types.hpp"

namespace ugoki::fasting {

struct admin_protocol {
  protocol p;  // p.translations_json: as stored
  int sort_order = 0;
  bool active = true;
  std::int64_t version = 1;  // bumped by every write (0034); the ETag "v<version>"
  std::string updated_at;    // RFC 3339, UTC
};

struct protocol_page {
  std::vector<admin_protocol> items;
  int page = 1;
  int per_page = 20;
  std::int64_t total = 0;
};

// A PATCH: only the members present change; an inner nullopt clears the field. The slug, the
// protocol's stable public key, does not change.
struct protocol_patch {
  std::optional<std::string> name;
  std::optional<std::string> kind;
  std::optional<std::string> description;
  std::optional<int> fasting_minutes;
  std::optional<int> eating_window_minutes;
  std::optional<std::optional<int>> fast_day_kcal;
  std::optional<std::optional<int>> fast_days_per_week;
  std::optional<std::string> weekday_rules_json;
  std::optional<std::string> difficulty;
  std::optional<std::string> recommended_frequency;
  std::optional<std::string> benefits_json;
  std::optional<std::string> considerations_json;
  std::optional<int> sort_order;
  std::optional<bool> active;
  // {"de": {...} | null, ...}: each language present replaces that translation, null removes it.
  std::optional<std::string> translations_json;
  // The version the editor saw (If-Match or a `version` member); not a field to change.
  std::optional<std::int64_t> version;

  bool empty() const {
    return !name && !kind && !description && !fasting_minutes && !eating_window_minutes &&
           !fast_day_kcal && !fast_days_per_week && !weekday_rules_json && !difficulty &&
           !recommended_frequency && !benefits_json && !considerations_json && !sort_order &&
           !active && !translations_json;
  }
};

// A stage as admins see it. s.ends_after_seconds is derived: every active stage ends where the
// next active one starts, the last is open-ended (docs/reference-data.md, "Fasting stages").
struct admin_stage {
  std::string id;
  stage s;  // s.translations_json: as stored
  bool active = true;
  std::int64_t version = 1;
  std::string updated_at;  // RFC 3339, UTC
};

struct stage_page {
  std::vector<admin_stage> items;
  int page = 1;
  int per_page = 20;
  std::int64_t total = 0;
};

// A stage PATCH: only the members present change. The slug does not change; the end is derived.
struct stage_patch {
  std::optional<std::string> name;
  std::optional<std::int64_t> starts_after_seconds;
  std::optional<std::string> summary;
  std::optional<std::string> description;
  std::optional<std::string> source;
  std::optional<std::string> disclaimer;
  std::optional<bool> active;
  std::optional<std::string> translations_json;  // as protocol_patch's
  std::optional<std::int64_t> version;           // as protocol_patch's

  bool empty() const {
    return !name && !starts_after_seconds && !summary && !description && !source && !disclaimer &&
           !active && !translations_json;
  }
};

}  // namespace ugoki::fasting
