// JSON and query-string mapping of the audit log route: the filters in, the page out.
#pragma once

#include <optional>
#include <string>

#include "admin/types.hpp"
#include "core/error.hpp"

namespace ugoki::admin::dto {

// The query parameters of GET /admin/audit as sent (percent-decoded), absent ones nullopt.
struct audit_params {
  std::optional<std::string> actor;
  std::optional<std::string> entity;
  std::optional<std::string> entity_id;
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::optional<std::string> page;
  std::optional<std::string> per_page;
};

// The filters and page, or 400 VAL_001 naming every bad parameter: actor not a UUID, entity not
// "<module>.<kind>", entity_id empty or over 200 characters, from/to not RFC 3339 or to before
// from, page not 1-10000, per_page not 1-100.
result<audit_query> parse_audit_query(const audit_params& p);

// The page's entries as the envelope's data (an array of AuditEntry).
std::string render_audit_entries(const audit_page& page);
// The offset pagination members of meta: "page":N,"per_page":N,"total":N (response::meta).
std::string render_page_meta(const audit_page& page);

}  // namespace ugoki::admin::dto
