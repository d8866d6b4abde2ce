// SQL of auth's parts of the data export, as named statements.
#include "auth/export_store.hpp"

#include "core/pg/database.hpp"

namespace ugoki::auth::export_store {

namespace {

using boost::asio::awaitable;

constexpr pg::statement account_sql{"auth.export_account", R"(
SELECT jsonb_build_object(
         'id', u.id, 'email', u.email, 'email_verified', u.email_verified, 'role', u.role,
         'status', u.status, 'created_at', u.created_at, 'updated_at', u.updated_at,
         'last_login_at', u.last_login_at, 'password_changed_at', u.password_changed_at,
         'has_password', u.password_hash IS NOT NULL)::text
  FROM users u WHERE u.id = $1::uuid AND u.deleted_at IS NULL)"};

constexpr pg::statement oauth_identities_sql{"auth.export_oauth_identities", R"(
SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' ORDER BY t.created_at), '[]')::text
  FROM user_oauth_identities t WHERE t.user_id = $1::uuid)"};

constexpr pg::statement mfa_sql{"auth.export_mfa", R"(
SELECT coalesce((SELECT jsonb_build_object('enabled_at', m.enabled_at, 'created_at', m.created_at)
                   FROM user_mfa m WHERE m.user_id = $1::uuid), 'null'::jsonb)::text)"};

constexpr pg::statement security_events_sql{"auth.export_security_events", R"(
SELECT coalesce(jsonb_agg(jsonb_build_object('action', a.action, 'outcome', a.outcome,
                                             'created_at', a.created_at)
                          ORDER BY a.created_at), '[]')::text
  FROM audit_log a WHERE a.user_id = $1::uuid)"};

awaitable<std::string> text_of(pg::database& db, const pg::statement& stmt, std::string user_id) {
  pg::params args{user_id};
  pg::result rows = co_await db.query(stmt, args);
  co_return rows[0].get<std::string>(0);
}

}  // namespace

awaitable<std::optional<std::string>> account(pg::database& db, std::string user_id) {
  pg::params args{user_id};
  pg::result rows = co_await db.query(account_sql, args);
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return rows[0].get<std::string>(0);
}

awaitable<std::string> oauth_identities(pg::database& db, std::string user_id) {
  co_return co_await text_of(db, oauth_identities_sql, std::move(user_id));
}

awaitable<std::string> mfa(pg::database& db, std::string user_id) {
  co_return co_await text_of(db, mfa_sql, std::move(user_id));
}

awaitable<std::string> security_events(pg::database& db, std::string user_id) {
  co_return co_await text_of(db, security_events_sql, std::move(user_id));
}

}  // namespace ugoki::auth::export_store
