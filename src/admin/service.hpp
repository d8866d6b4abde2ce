// The audit log's reader: GET /admin/audit. Writes come from every module's admin store through
// admin_audit() (docs/admin.md), never through this service.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "admin/types.hpp"

namespace ugoki::pg {
class database;
}

namespace ugoki::admin {

class service {
 public:
  // Keeps a reference: `db` must outlive the service.
  explicit service(pg::database& db) : db_(db) {}
  // Not copyable: routes hold it by reference (http::bind_handler copies small trivially
  // copyable objects).
  service(const service&) = delete;
  service& operator=(const service&) = delete;

  // The page of entries `q` asks for (validated by dto::parse_audit_query), newest first, with
  // the total. A page past the end is empty, with the same total. Throws pg::unavailable.
  boost::asio::awaitable<audit_page> audit(audit_query q);

 private:
  pg::database& db_;
};

}  // namespace ugoki::admin
