// GET /users/me/export: everything a user owns as one JSON document (GDPR article 20, data
// portability), assembled from parts each module provides for its own data. Secrets (password
// hash, token hashes, push tokens, ciphertexts) are left out by the parts.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ugoki {
class clock;
}

namespace ugoki::user {

// One top-level member of the document: its name and a function returning its JSON text (any
// JSON value; instants as PostgreSQL writes them in a UTC session, or RFC 3339 with Z) for a user
// id. nullopt means the account does not exist or is deleted: there is then no export. Each
// module provides its parts through its service; app/app.cpp lists them in document order.
struct export_part {
  std::string name;
  std::function<boost::asio::awaitable<std::optional<std::string>>(std::string user_id)> fetch;
};

class exporter {
 public:
  // `parts` in document order (UserExport in api/openapi.yaml: account, profile, preferences,
  // sessions, oauth_identities, mfa, fasting, workouts, nutrition, progress, notifications,
  // billing, security_events). Keeps a reference to `clock`.
  exporter(std::vector<export_part> parts, const clock& clock);

  // {format: "ugoki.export.v1", user_id, exported_at, then every part by name}, with instants in
  // RFC 3339 UTC (Z). The parts are fetched one after the other, the first one first (the
  // account: when it says the account is gone, nothing else is read), so the document is not
  // one snapshot: a write between two parts shows in the later one only. nullopt when a part
  // says the account does not exist or is deleted. Throws what a part throws (pg::unavailable,
  // redis::unavailable).
  boost::asio::awaitable<std::optional<std::string>> export_json(std::string user_id);

 private:
  std::vector<export_part> parts_;
  const clock& clock_;
};

}  // namespace ugoki::user
