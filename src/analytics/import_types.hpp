// Domain structs of the Apple Health import: an import's state and counts as GET shows them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace ugoki::analytics {

// What an import did with the records of the file (columns of metric_imports, see 0016).
struct import_counts {
  std::int64_t records_seen = 0;         // <Record> children of <HealthData>
  std::int64_t points_inserted = 0;      // new points stored
  std::int64_t duplicates = 0;           // points already stored (or repeated in the file)
  std::int64_t skipped_unsupported = 0;  // types we do not import; sleep that is not asleep
  std::int64_t skipped_invalid = 0;      // bad unit, value, date, or out of the metric's range
};

struct metric_import {
  std::string id;
  // pending | running | completed | failed (the table's `queued` is `pending` in the API).
  std::string status;
  std::optional<std::int64_t> file_size_bytes;
  import_counts counts;
  int progress_pct = 0;
  std::optional<std::string> error;  // safe to show: what was wrong with the file
  std::string created_at;            // RFC 3339 UTC
  std::optional<std::string> started_at;
  std::optional<std::string> finished_at;
};

// What the job needs to process an import.
struct import_target {
  std::string id;
  std::string user_id;
  std::string status;     // the table's word: queued | running | completed | failed | cancelled
  std::string file_name;  // inside the upload directory
};

}  // namespace ugoki::analytics
