// JSON of the Apple Health import: the import resource and the job's payload. The only import
// files that include Boost.JSON.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "analytics/import_types.hpp"

namespace ugoki::analytics::import_dto {

// {id, status, progress_pct, file_size_bytes, counts: {records_seen, points_inserted,
// duplicates, skipped_unsupported, skipped_invalid}, error, created_at, started_at,
// finished_at, links: {self}}; absent optionals render as null.
std::string render_import(const metric_import& m);

// The job payload naming the import: {"import_id": "<uuid>"}.
std::string job_payload(std::string_view import_id);
// The import id of a job payload; nullopt when the payload is not one of ours.
std::optional<std::string> import_id_of(std::string_view payload);

}  // namespace ugoki::analytics::import_dto
