// The admin module's domain structs: audit log queries and entries (media types are in
// media_types.hpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ugoki::admin {

// GET /admin/audit's filters and page; every filter is optional and they combine with AND.
struct audit_query {
  std::optional<std::string> actor_id;                        // uuid
  std::optional<std::string> entity;                          // "content.article"
  std::optional<std::string> entity_id;                       // as the writer recorded it
  std::optional<std::chrono::system_clock::time_point> from;  // created_at >= from
  std::optional<std::chrono::system_clock::time_point> to;    // created_at <= to
  std::int64_t page = 1;
  std::int64_t per_page = 20;
};

// One admin_audit_log row with its actor resolved through auth's live_accounts view.
struct audit_entry {
  std::int64_t id = 0;
  // Null when the command line made the change, or the actor's account was erased.
  std::optional<std::string> actor_id;
  // Null when actor_id is, or the account is deleted and inside its grace period.
  std::optional<std::string> actor_email;
  std::string entity;
  std::string entity_id;
  std::string action;
  std::string changes_json;  // the stored jsonb: {"field": {"before", "after"}}
  std::optional<std::string> request_id;
  std::string created_at;  // RFC 3339, UTC, microseconds
};

struct audit_page {
  std::vector<audit_entry> items;
  std::int64_t total = 0;  // entries matching the filters, over all pages
  std::int64_t page = 1;
  std::int64_t per_page = 20;
};

}  // namespace ugoki::admin
