// Idempotency keys in PostgreSQL: claim with INSERT ... ON CONFLICT, store the response, forget a
// failed claim, purge expired keys.
//
// Taking over a stale claim. A claim stays in flight only while its handler runs. A handler of
// an idempotent route is a few statements, each capped by statement_timeout (5 s) and the pool's
// acquire timeout (2 s), and the SIGTERM drain ends every request within 30 s. So a claim still
// in flight after stale_after (2 min) belongs to a process that died (crash, SIGKILL, OOM): its
// connections closed and PostgreSQL rolled back whatever transaction was open, and running the
// request again creates its data once. The risk that remains: the process died after the
// handler's transaction committed and before complete() stored the response (one round trip).
// The retry then runs the handler a second time. Routes with a natural key are safe even then
// (metrics batches upsert on (user_id, metric_type, time, source); a second fasting session is
// refused with FAST_001 while one is active); a route without one could store a second row in
// that window. A handler stuck longer than stale_after (only one waiting on something with no
// deadline) would also run twice; the xmin fence below at least keeps its late complete() from
// overwriting the new claim's response.
#include "core/idempotency/pg_idempotency_store.hpp"

#include <stdexcept>
#include <vector>

#include "core/pg/database.hpp"

namespace ugoki::idempotency {

namespace {

using boost::asio::awaitable;

// The row is claimed when absent, expired, or a stale in-flight claim of the same request.
// RETURNING xmin: the claiming transaction's id, the fence for complete() and abandon(), since
// any takeover rewrites the row and so changes it. A conflict that does not meet the WHERE still
// locks the row until the end of the pipeline, so the lookup that follows sees it settled.
constexpr pg::statement claim_sql{"idempotency.claim", R"(
INSERT INTO idempotency_keys AS k (user_id, key, method, path, request_hash, expires_at)
VALUES ($1::uuid, $2, $3, $4, decode($5, 'hex'), now() + $6::int * interval '1 second')
ON CONFLICT (user_id, key) DO UPDATE
   SET method = EXCLUDED.method, path = EXCLUDED.path, request_hash = EXCLUDED.request_hash,
       response_status = NULL, response_body = NULL, completed_at = NULL, created_at = now(),
       expires_at = EXCLUDED.expires_at
 WHERE k.expires_at <= now()
    OR (k.response_status IS NULL AND k.request_hash = EXCLUDED.request_hash
        AND k.created_at < now() - $7::int * interval '1 second')
RETURNING k.xmin::text)"};

// A separate statement, so it reads with a fresh snapshot: a row another request committed
// while the claim above waited for it is visible here.
constexpr pg::statement lookup_sql{"idempotency.lookup", R"(
SELECT method, path, encode(request_hash, 'hex'), response_status, encode(response_body, 'hex')
  FROM idempotency_keys
 WHERE user_id = $1::uuid AND key = $2 AND expires_at > now())"};

constexpr pg::statement complete_sql{"idempotency.complete", R"(
UPDATE idempotency_keys
   SET response_status = $4::smallint, response_body = decode($5, 'hex'), completed_at = now()
 WHERE user_id = $1::uuid AND key = $2 AND xmin::text = $3 AND response_status IS NULL)"};

constexpr pg::statement abandon_sql{"idempotency.abandon", R"(
DELETE FROM idempotency_keys
 WHERE user_id = $1::uuid AND key = $2 AND xmin::text = $3 AND response_status IS NULL)"};

// The outer expires_at test is not redundant: under READ COMMITTED a row that a claim re-took
// while this DELETE waited for its lock is re-checked against the outer WHERE only (the IN list
// is the old snapshot's), and without it the fresh claim would be deleted, so its request could
// run twice.
constexpr pg::statement purge_sql{"idempotency.purge_expired", R"(
DELETE FROM idempotency_keys
 WHERE (user_id, key) IN (SELECT user_id, key FROM idempotency_keys
                           WHERE expires_at < now() LIMIT 1000)
   AND expires_at < now())"};

// The row has no content-type column: response_body holds "<content type>\n<exact body>".
// A header value cannot contain a newline, so the first one ends the type.
std::string pack(const http::stored_response& r) {
  std::string out;
  out.reserve(r.content_type.size() + 1 + r.body.size());
  out += r.content_type;
  out += '\n';
  out += r.body;
  return out;
}

void unpack(std::string packed, http::stored_response& r) {
  auto nl = packed.find('\n');
  if (nl == std::string::npos) {
    r.body = std::move(packed);
    return;
  }
  r.content_type = packed.substr(0, nl);
  r.body = packed.substr(nl + 1);
}

std::string to_hex(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 0xF];
  }
  return out;
}

int nibble(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  throw std::runtime_error("idempotency: bad hex from the database");
}

// encode(..., 'hex') output: lowercase, even length.
std::string from_hex(std::string_view hex) {
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(nibble(hex[i]) << 4 | nibble(hex[i + 1]));
  }
  return out;
}

pg::params key_params(const http::idempotent_request& r) {
  return pg::params{r.user_id, r.key};
}

}  // namespace

pg_idempotency_store::pg_idempotency_store(pg::database& db, settings s) : db_(db), settings_(s) {
  if (s.retention.count() <= 0 || s.stale_after.count() <= 0) {
    throw std::invalid_argument("idempotency: retention and stale_after must be positive");
  }
}

awaitable<http::claim> pg_idempotency_store::begin(const http::idempotent_request& r) {
  // The path column holds at most 2048 characters; the hash covers the whole target anyway.
  std::string path = r.path.substr(0, 2048);
  std::vector<pg::command> commands;
  commands.push_back(
      {&claim_sql, pg::params{r.user_id, r.key, r.method, path, to_hex(r.hash),
                              static_cast<std::int64_t>(settings_.retention.count()),
                              static_cast<std::int64_t>(settings_.stale_after.count())}});
  commands.push_back({&lookup_sql, key_params(r)});
  std::vector<pg::result> results;
  http::claim c;
  try {
    results = co_await db_.pipeline(commands);
  } catch (const pg::error& e) {
    if (!e.is_foreign_key_violation()) {
      throw;
    }
    // The token is still valid but its account was erased since.
    c.status = http::claim_status::unknown_caller;
    co_return c;
  }
  if (!results[0].empty()) {
    c.status = http::claim_status::claimed;
    c.token = results[0][0].get<std::string>(0);
    co_return c;
  }
  if (results[1].empty()) {
    // Held a moment ago, gone now: abandoned or expired between the two statements. Asking the
    // client to retry is safe and rare enough not to loop here.
    c.status = http::claim_status::in_flight;
    co_return c;
  }
  pg::row row = results[1][0];
  if (row.get<std::string_view>(0) != r.method || row.get<std::string_view>(1) != path ||
      row.get<std::string_view>(2) != to_hex(r.hash)) {
    c.status = http::claim_status::mismatch;
    co_return c;
  }
  auto status = row.get<std::optional<int>>(3);
  if (!status) {
    c.status = http::claim_status::in_flight;
    co_return c;
  }
  c.status = http::claim_status::replay;
  c.response.status = *status;
  unpack(from_hex(row.get<std::string_view>(4)), c.response);
  co_return c;
}

awaitable<void> pg_idempotency_store::complete(const http::idempotent_request& r,
                                               const std::string& token,
                                               const http::stored_response& response) {
  pg::params args{r.user_id, r.key, token, response.status, to_hex(pack(response))};
  co_await db_.query(complete_sql, args);
}

awaitable<void> pg_idempotency_store::abandon(const http::idempotent_request& r,
                                              const std::string& token) {
  pg::params args{r.user_id, r.key, token};
  co_await db_.query(abandon_sql, args);
}

awaitable<std::int64_t> purge_expired(pg::database& db) {
  std::int64_t total = 0;
  for (;;) {
    pg::result res = co_await db.query(purge_sql);
    total += res.affected_rows();
    if (res.affected_rows() < 1000) {
      break;
    }
  }
  co_return total;
}

}  // namespace ugoki::idempotency
