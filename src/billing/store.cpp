// SQL for the billing module, as named statements. Provider instants travel as Unix seconds
// (to_timestamp / extract(epoch)), as the providers send them.
#include "billing/store.hpp"

#include "core/jobs/queue.hpp"
#include "core/pg/database.hpp"

namespace ugoki::billing::store {

namespace {

using boost::asio::awaitable;

// jsonb keeps the event for the job and for operations; a body that is not valid JSON never
// gets here (the intake parsed it).
constexpr pg::statement insert_event_sql{"billing.insert_event", R"(
INSERT INTO billing_events (provider, provider_event_id, type, payload, provider_created_at)
VALUES ($1, $2, $3, $4::jsonb, to_timestamp($5::int8))
ON CONFLICT (provider, provider_event_id) DO NOTHING
RETURNING id::text)"};

constexpr pg::statement lock_event_sql{"billing.lock_event", R"(
SELECT provider, type, payload::text,
       coalesce(extract(epoch FROM provider_created_at)::int8, 0), processed_at IS NOT NULL,
       user_id::text
  FROM billing_events WHERE id = $1::uuid FOR UPDATE)"};

constexpr pg::statement mark_processed_sql{"billing.mark_processed", R"(
UPDATE billing_events
   SET processed_at = now(), user_id = coalesce($2::uuid, user_id), processing_error = $3
 WHERE id = $1::uuid)"};

constexpr pg::statement user_of_customer_sql{"billing.user_of_customer", R"(
SELECT user_id::text FROM billing_customers WHERE provider = $1 AND customer_id = $2)"};

constexpr pg::statement is_live_sql{"billing.is_live_account", R"(
SELECT 1 FROM live_accounts WHERE user_id = $1::uuid)"};

constexpr pg::statement remember_customer_sql{"billing.remember_customer", R"(
INSERT INTO billing_customers (user_id, provider, customer_id) VALUES ($1::uuid, $2, $3)
ON CONFLICT DO NOTHING)"};

constexpr pg::statement customer_of_sql{"billing.customer_of", R"(
SELECT customer_id FROM billing_customers WHERE user_id = $1::uuid AND provider = $2)"};

constexpr pg::statement lock_user_sql{"billing.lock_user", R"(
SELECT pg_advisory_xact_lock(hashtextextended('billing:' || $1, 0)))"};

// The row comparison decides: (provider time, rank) must not go backwards. A row of 0002's era
// without a provider time counts as the oldest. The period start is dropped when it does not
// precede the end (0002's check), which a provider never sends but a test might.
constexpr pg::statement apply_subscription_sql{"billing.apply_subscription", R"(
INSERT INTO subscriptions AS s
  (user_id, plan_type, status, provider, provider_subscription_id, provider_customer_id, product,
   current_period_start, current_period_end, trial_end_at, cancel_at_period_end, cancelled_at,
   ended_at, provider_updated_at, status_rank)
VALUES ($1::uuid, $2, $3, $4, $5, $6, $7,
        CASE WHEN $8::int8 < $9::int8 THEN to_timestamp($8::int8) END, to_timestamp($9::int8),
        to_timestamp($10::int8), $11, to_timestamp($12::int8), to_timestamp($13::int8),
        to_timestamp($14::int8), billing_status_rank($3))
ON CONFLICT (provider, provider_subscription_id) DO UPDATE
   SET plan_type = excluded.plan_type, status = excluded.status,
       provider_customer_id = coalesce(excluded.provider_customer_id, s.provider_customer_id),
       product = coalesce(excluded.product, s.product),
       current_period_start = excluded.current_period_start,
       current_period_end = excluded.current_period_end, trial_end_at = excluded.trial_end_at,
       cancel_at_period_end = excluded.cancel_at_period_end,
       cancelled_at = excluded.cancelled_at, ended_at = excluded.ended_at,
       provider_updated_at = excluded.provider_updated_at, status_rank = excluded.status_rank
 WHERE (excluded.provider_updated_at, excluded.status_rank)
       >= (coalesce(s.provider_updated_at, '-infinity'), s.status_rank))"};

constexpr pg::statement insert_subscription_sql{"billing.insert_subscription_if_absent", R"(
INSERT INTO subscriptions (user_id, plan_type, status, provider, provider_subscription_id,
                           provider_customer_id, provider_updated_at, status_rank)
VALUES ($1::uuid, 'other', $2, $3, $4, $5, to_timestamp($6::int8), billing_status_rank($2))
ON CONFLICT (provider, provider_subscription_id) DO NOTHING)"};

constexpr pg::statement subscription_paid_sql{"billing.subscription_paid", R"(
UPDATE subscriptions
   SET status = 'active', status_rank = billing_status_rank('active'),
       provider_updated_at = to_timestamp($4::int8)
 WHERE provider = $2 AND provider_subscription_id = $3 AND user_id = $1::uuid
   AND status IN ('past_due', 'unpaid', 'incomplete')
   AND coalesce(provider_updated_at, '-infinity') < to_timestamp($4::int8))"};

constexpr pg::statement subscription_failed_sql{"billing.subscription_payment_failed", R"(
UPDATE subscriptions
   SET status = 'past_due', status_rank = billing_status_rank('past_due'),
       provider_updated_at = to_timestamp($4::int8)
 WHERE provider = $2 AND provider_subscription_id = $3 AND user_id = $1::uuid
   AND status IN ('active', 'trialing')
   AND coalesce(provider_updated_at, '-infinity') < to_timestamp($4::int8))"};

constexpr pg::statement record_invoice_sql{"billing.record_invoice", R"(
INSERT INTO billing_invoices (user_id, provider, provider_invoice_id, amount_paid, tax, currency,
                              paid_at, period_start, period_end)
VALUES ($1::uuid, $2, $3, $4, $5, $6, to_timestamp($7::int8), to_timestamp($8::int8),
        to_timestamp($9::int8))
ON CONFLICT (provider, provider_invoice_id) DO NOTHING)"};

constexpr pg::statement subscriptions_of_sql{"billing.subscriptions_of", R"(
SELECT id::text, provider, status, product, plan_type, cancel_at_period_end,
       extract(epoch FROM current_period_end)::int8, extract(epoch FROM ended_at)::int8,
       coalesce(extract(epoch FROM provider_updated_at)::int8, 0)
  FROM subscriptions WHERE user_id = $1::uuid)"};

constexpr pg::statement save_entitlement_sql{"billing.save_entitlement", R"(
INSERT INTO billing_entitlements (user_id, premium, subscription_id)
VALUES ($1::uuid, $2, $3::uuid)
ON CONFLICT (user_id) DO UPDATE
   SET premium = excluded.premium, subscription_id = excluded.subscription_id, updated_at = now())"};

constexpr pg::statement entitlement_of_sql{"billing.entitlement_of", R"(
SELECT premium FROM billing_entitlements WHERE user_id = $1::uuid)"};

// Events: what arrived about the user and when, not the provider's payloads (they are the
// provider's copy of what the other members already show).
constexpr pg::statement export_sql{"billing.export", R"(
SELECT jsonb_build_object(
  'subscriptions', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' - 'status_rank'
                                              ORDER BY t.created_at), '[]')
                      FROM subscriptions t WHERE t.user_id = $1::uuid),
  'customers', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                                  'provider', c.provider, 'customer_id', c.customer_id,
                                  'created_at', c.created_at) ORDER BY c.created_at), '[]')
                  FROM billing_customers c WHERE c.user_id = $1::uuid),
  'invoices', (SELECT coalesce(jsonb_agg(to_jsonb(i) - 'user_id' ORDER BY i.paid_at), '[]')
                 FROM billing_invoices i WHERE i.user_id = $1::uuid),
  'entitlement', (SELECT jsonb_build_object('premium', e.premium, 'updated_at', e.updated_at)
                    FROM billing_entitlements e WHERE e.user_id = $1::uuid),
  'events', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                               'provider', v.provider, 'type', v.type,
                               'received_at', v.received_at) ORDER BY v.received_at), '[]')
               FROM billing_events v WHERE v.user_id = $1::uuid))::text)"};

subscription_row read_subscription(const pg::row& r) {
  subscription_row s;
  s.id = r.get<std::string>(0);
  s.provider = r.get<std::string>(1);
  s.status = r.get<std::string>(2);
  s.product = r.get<std::optional<std::string>>(3);
  s.plan_type = r.get<std::string>(4);
  s.cancel_at_period_end = r.get<bool>(5);
  s.period_end = r.get<std::optional<std::int64_t>>(6);
  s.ended_at = r.get<std::optional<std::int64_t>>(7);
  s.updated = r.get<std::int64_t>(8);
  return s;
}

template <class Runner>
awaitable<std::vector<subscription_row>> read_subscriptions(Runner& on, std::string user_id) {
  pg::params args{user_id};
  auto rows = co_await on.query(subscriptions_of_sql, args);
  std::vector<subscription_row> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    out.push_back(read_subscription(r));
  }
  co_return out;
}

}  // namespace

awaitable<bool> record_event(pg::database& db, std::string provider, std::string event_id,
                             std::string type, epoch_seconds created, std::string body) {
  pg::transaction tx = co_await db.begin();
  pg::params args{provider, event_id, type, body, created};
  auto rows = co_await tx.query(insert_event_sql, args);
  if (rows.empty()) {
    co_return false;  // the transaction rolls back on destruction; nothing was written
  }
  const std::string row_id = rows[0].get<std::string>(0);
  jobs::job_spec spec;
  spec.kind = event_job_kind;
  // A uuid needs no escaping.
  spec.payload = "{\"event\":\"" + row_id + "\"}";
  spec.queue = "default";
  spec.dedupe_key = "billing.event:" + row_id;
  spec.max_attempts = 8;
  auto enqueue = jobs::enqueue(tx, std::move(spec));
  co_await std::move(enqueue);
  co_await tx.commit();
  co_return true;
}

awaitable<std::optional<stored_event>> lock_event(pg::transaction& tx, std::string row_id) {
  pg::params args{row_id};
  auto rows = co_await tx.query(lock_event_sql, args);
  if (rows.empty()) {
    co_return std::nullopt;
  }
  const auto& r = rows[0];
  co_return stored_event{r.get<std::string>(0), r.get<std::string>(1),
                         r.get<std::string>(2), r.get<std::int64_t>(3),
                         r.get<bool>(4),        r.get<std::optional<std::string>>(5)};
}

awaitable<void> mark_processed(pg::transaction& tx, std::string row_id,
                               std::optional<std::string> user_id,
                               std::optional<std::string> note) {
  pg::params args{row_id, user_id, note};
  co_await tx.query(mark_processed_sql, args);
}

awaitable<std::optional<std::string>> user_of_customer(pg::transaction& tx, std::string provider,
                                                       std::string customer_id) {
  pg::params args{provider, customer_id};
  auto rows = co_await tx.query(user_of_customer_sql, args);
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return rows[0].get<std::string>(0);
}

awaitable<bool> is_live_account(pg::transaction& tx, std::string user_id) {
  pg::params args{user_id};
  auto rows = co_await tx.query(is_live_sql, args);
  co_return !rows.empty();
}

awaitable<void> remember_customer(pg::transaction& tx, std::string user_id, std::string provider,
                                  std::string customer_id) {
  pg::params args{user_id, provider, customer_id};
  co_await tx.query(remember_customer_sql, args);
}

awaitable<void> remember_customer(pg::database& db, std::string user_id, std::string provider,
                                  std::string customer_id) {
  pg::params args{user_id, provider, customer_id};
  co_await db.query(remember_customer_sql, args);
}

awaitable<std::optional<std::string>> customer_of(pg::database& db, std::string user_id,
                                                  std::string provider) {
  pg::params args{user_id, provider};
  auto rows = co_await db.query(customer_of_sql, args);
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return rows[0].get<std::string>(0);
}

awaitable<void> lock_user(pg::transaction& tx, std::string user_id) {
  pg::params args{user_id};
  co_await tx.query(lock_user_sql, args);
}

awaitable<void> apply_subscription(pg::transaction& tx, std::string user_id,
                                   const subscription_state& s, std::string plan_type,
                                   epoch_seconds event_at) {
  pg::params args{user_id,
                  plan_type,
                  s.status,
                  s.provider,
                  s.provider_subscription_id,
                  s.customer_id,
                  s.product,
                  s.period_start,
                  s.period_end,
                  s.trial_end,
                  s.cancel_at_period_end,
                  s.cancelled_at,
                  s.ended_at,
                  event_at};
  co_await tx.query(apply_subscription_sql, args);
}

awaitable<void> insert_subscription_if_absent(pg::transaction& tx, std::string user_id,
                                              const subscription_state& s, epoch_seconds event_at) {
  pg::params args{user_id,       s.status, s.provider, s.provider_subscription_id,
                  s.customer_id, event_at};
  co_await tx.query(insert_subscription_sql, args);
}

awaitable<void> subscription_paid(pg::transaction& tx, std::string user_id, std::string provider,
                                  std::string subscription_id, epoch_seconds event_at) {
  pg::params args{user_id, provider, subscription_id, event_at};
  co_await tx.query(subscription_paid_sql, args);
}

awaitable<void> subscription_payment_failed(pg::transaction& tx, std::string user_id,
                                            std::string provider, std::string subscription_id,
                                            epoch_seconds event_at) {
  pg::params args{user_id, provider, subscription_id, event_at};
  co_await tx.query(subscription_failed_sql, args);
}

awaitable<void> record_invoice(pg::transaction& tx, std::string user_id, std::string provider,
                               const invoice_event& inv, epoch_seconds event_at) {
  pg::params args{user_id,
                  provider,
                  inv.invoice_id,
                  inv.amount_paid,
                  inv.tax,
                  inv.currency,
                  inv.paid_at.value_or(event_at),
                  inv.period_start,
                  inv.period_end};
  co_await tx.query(record_invoice_sql, args);
}

awaitable<std::vector<subscription_row>> subscriptions_of(pg::transaction& tx,
                                                          std::string user_id) {
  co_return co_await read_subscriptions(tx, std::move(user_id));
}

awaitable<std::vector<subscription_row>> subscriptions_of(pg::database& db, std::string user_id) {
  co_return co_await read_subscriptions(db, std::move(user_id));
}

awaitable<void> save_entitlement(pg::transaction& tx, std::string user_id, bool premium,
                                 std::optional<std::string> subscription_id) {
  pg::params args{user_id, premium, subscription_id};
  co_await tx.query(save_entitlement_sql, args);
}

awaitable<std::optional<bool>> entitlement_of(pg::database& db, std::string user_id) {
  pg::params args{user_id};
  auto rows = co_await db.query(entitlement_of_sql, args);
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return rows[0].get<bool>(0);
}

awaitable<std::string> export_part(pg::database& db, std::string user_id) {
  pg::params args{user_id};
  auto rows = co_await db.query(export_sql, args);
  co_return rows[0].get<std::string>(0);
}

}  // namespace ugoki::billing::store
