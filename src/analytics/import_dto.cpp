// Rendering of the import resource and the job payload with Boost.JSON.
#include "analytics/import_dto.hpp"

#include <boost/json/parse.hpp>

#include "core/json.hpp"

namespace ugoki::analytics::import_dto {

namespace bj = boost::json;

std::string render_import(const metric_import& m) {
  bj::object counts;
  counts["records_seen"] = m.counts.records_seen;
  counts["points_inserted"] = m.counts.points_inserted;
  counts["duplicates"] = m.counts.duplicates;
  counts["skipped_unsupported"] = m.counts.skipped_unsupported;
  counts["skipped_invalid"] = m.counts.skipped_invalid;
  bj::object links;
  links["self"] = "/api/v1/analytics/imports/" + m.id;
  bj::object o;
  o["id"] = m.id;
  o["status"] = m.status;
  o["progress_pct"] = m.progress_pct;
  o["file_size_bytes"] = json::nullable(m.file_size_bytes);
  o["counts"] = std::move(counts);
  o["error"] = json::nullable(m.error);
  o["created_at"] = m.created_at;
  o["started_at"] = json::nullable(m.started_at);
  o["finished_at"] = json::nullable(m.finished_at);
  o["links"] = std::move(links);
  return json::serialize(o);
}

std::string job_payload(std::string_view import_id) {
  bj::object o;
  o["import_id"] = import_id;
  return json::serialize(o);
}

std::optional<std::string> import_id_of(std::string_view payload) {
  boost::system::error_code ec;
  bj::value v = bj::parse(payload, ec);
  if (ec || !v.is_object()) {
    return std::nullopt;
  }
  const auto* id = v.as_object().if_contains("import_id");
  if (id == nullptr || !id->is_string() || !json::is_uuid(id->as_string())) {
    return std::nullopt;
  }
  return std::string(id->as_string());
}

}  // namespace ugoki::analytics::import_dto
