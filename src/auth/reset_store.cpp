// SQL for password reset tokens, as named statements.
#include "auth/reset_store.hpp"

#include "core/pg/database.hpp"

namespace ugoki::auth::reset_store {

namespace {

using boost::asio::awaitable;

constexpr pg::statement tokens_last_day_sql{"auth.reset_tokens_last_day", R"(
SELECT count(*) FROM password_reset_tokens
 WHERE user_id = $1::uuid AND created_at > now() - interval '24 hours')"};

constexpr pg::statement insert_token_sql{"auth.reset_insert_token", R"(
INSERT INTO password_reset_tokens (user_id, token_hash, expires_at)
VALUES ($1::uuid, decode($2, 'hex'), now() + $3::int * interval '1 second')
RETURNING id::text)"};

constexpr pg::statement delete_token_sql{"auth.reset_delete_token", R"(
DELETE FROM password_reset_tokens WHERE id = $1::uuid)"};

constexpr pg::statement usable_for_sql{"auth.reset_usable_for", R"(
SELECT u.id::text
  FROM password_reset_tokens t JOIN users u ON u.id = t.user_id
 WHERE t.token_hash = decode($1, 'hex') AND t.used_at IS NULL AND t.expires_at > now()
   AND u.deleted_at IS NULL AND u.status = 'active')"};

// Data-modifying CTEs run to completion whether or not the outer query reads them; each row is
// changed by one of them only (the others exclude the redeemed token).
constexpr pg::statement redeem_sql{"auth.reset_redeem", R"(
WITH t AS (UPDATE password_reset_tokens SET used_at = now()
            WHERE token_hash = decode($1, 'hex') AND used_at IS NULL AND expires_at > now()
           RETURNING user_id),
     u AS (UPDATE users SET password_hash = $2, password_changed_at = now(),
                  failed_login_count = 0, locked_until = NULL
            WHERE id = (SELECT user_id FROM t) AND deleted_at IS NULL AND status = 'active'
           RETURNING id, email),
     o AS (UPDATE password_reset_tokens SET used_at = now()
            WHERE user_id = (SELECT id FROM u) AND used_at IS NULL
              AND token_hash <> decode($1, 'hex')
           RETURNING 1)
SELECT id::text, email::text FROM u)"};

}  // namespace

awaitable<std::int64_t> tokens_last_day(pg::database& db, std::string user_id) {
  pg::params args{user_id};
  pg::result rows = co_await db.query(tokens_last_day_sql, args);
  co_return rows[0].get<std::int64_t>(0);
}

awaitable<std::string> insert_token(pg::database& db, std::string user_id, std::string hash_hex,
                                    std::chrono::seconds ttl) {
  pg::params args{user_id, hash_hex, static_cast<std::int64_t>(ttl.count())};
  pg::result rows = co_await db.query(insert_token_sql, args);
  co_return rows[0].get<std::string>(0);
}

awaitable<void> delete_token(pg::database& db, std::string id) {
  pg::params args{id};
  co_await db.query(delete_token_sql, args);
}

awaitable<std::optional<std::string>> usable_for(pg::database& db, std::string hash_hex) {
  pg::params args{hash_hex};
  pg::result rows = co_await db.query(usable_for_sql, args);
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return rows[0].get<std::string>(0);
}

awaitable<std::optional<reset_account>> redeem(pg::database& db, std::string hash_hex,
                                               std::string password_hash) {
  pg::params args{hash_hex, password_hash};
  pg::result rows = co_await db.query(redeem_sql, args);
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return reset_account{rows[0].get<std::string>(0), rows[0].get<std::string>(1)};
}

}  // namespace ugoki::auth::reset_store
