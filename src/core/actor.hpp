// Who makes an admin write: what the admin audit log records with it (docs/admin.md).
#pragma once

#include <string>

namespace ugoki {

// Handlers of admin routes build it from the authenticated principal and the request; services
// pass it to their stores, which call admin_audit() (migrations/0028_admin.sql) in the same
// transaction as the write.
struct actor {
  std::string user_id;     // the admin's account id (uuid text)
  std::string request_id;  // the request's X-Request-Id, so an entry leads to its log lines
};

}  // namespace ugoki
