// Connection settings for the PostgreSQL client (filled from UGOKI_DATABASE_URL and friends).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace ugoki::pg {

struct settings {
  // libpq connection string or URI (postgresql://user@host:port/db?sslmode=...). May hold a
  // password: never log it.
  std::string url;
  // Upper bound of open connections per I/O thread.
  std::size_t connections_per_thread = 4;
  // Time allowed to open one connection (TCP, TLS, authentication).
  std::chrono::milliseconds connect_timeout{3000};
  // Time a request waits for a free connection before pg::unavailable.
  std::chrono::milliseconds acquire_timeout{2000};
  // Per statement: sent to the server as statement_timeout and enforced client-side too.
  std::chrono::milliseconds statement_timeout{5000};
  std::string application_name = "ugoki";
};

}  // namespace ugoki::pg
