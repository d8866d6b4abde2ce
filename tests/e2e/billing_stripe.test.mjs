// End-to-end: Stripe webhooks -> stored event -> job -> subscription, entitlement and role.
// Signatures come from the real `stripe` package (webhooks.generateTestHeaderString), so our
// verifier is checked against Stripe's own signer. Two servers share PostgreSQL and Redis:
// A takes the webhooks and runs the jobs; B has the user's session cached, and must see the
// new role at once (the RateLimit-Limit of the premium tier is 300, free 100), without the
// user signing in again. Every test asserts the stored state after, through psql.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

import Stripe from 'stripe';

import { assertError, bearer, makeKeyFile, psql, registerUser, removeKeyFiles } from
  './support/auth.mjs';
import { request, startServer } from './support/server.mjs';
import { startStripeServer } from './support/stripe_server.mjs';

const run = promisify(execFile);
const stripe = new Stripe('sk_test_e2e_unused');
const oldSecret = `whsec_${randomBytes(16).toString('hex')}`;
const newSecret = `whsec_${randomBytes(16).toString('hex')}`;
const key = makeKeyFile();
const tag = randomBytes(4).toString('hex');
const secretKey = `sk_test_${randomBytes(12).toString('hex')}`;
const env = {
  UGOKI_ENV: 'test',
  UGOKI_STRIPE_SECRET_KEY: secretKey,
  ...key.env,
  UGOKI_AUTH_SESSION_CACHE_MS: '60000',
  UGOKI_STRIPE_WEBHOOK_SECRETS: `${oldSecret},${newSecret}`,
  UGOKI_STRIPE_PRICE_MONTHLY: 'price_e2e_monthly',
  UGOKI_STRIPE_PRICE_YEARLY: 'price_e2e_yearly',
  UGOKI_RATE_LIMIT_ENABLED: 'true',
  UGOKI_RATE_LIMIT_KEY_PREFIX: `e2e:${tag}:rl:`,
};
let a;
let b;
let stripeApi;

before(async () => {
  stripeApi = await startStripeServer(secretKey);
  env.UGOKI_STRIPE_API_BASE = stripeApi.baseUrl;
  [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
  for (const s of [a, b]) {
    const deadline = Date.now() + 5000;
    while (!s.logs.some((l) => l.includes('redis subscriber connected'))) {
      assert.ok(Date.now() < deadline, 'subscriber did not connect');
      await new Promise((r) => setTimeout(r, 20));
    }
  }
});

after(async () => {
  const codes = await Promise.all([a.stop(), b.stop()]);
  await stripeApi.close();
  removeKeyFiles();
  const log = [...a.logs, ...b.logs].join('\n');
  assert.ok(!log.includes(secretKey), 'the Stripe secret key is never logged');
  assert.deepEqual(codes, [0, 0]);
});

let seq = 0;
const now = () => Math.floor(Date.now() / 1000);

/** A Stripe event envelope around `object`. */
function event(type, object, created = now()) {
  seq += 1;
  return { id: `evt_${tag}_${seq}`, object: 'event', api_version: '2025-08-27.basil', created,
    livemode: false, pending_webhooks: 1, type, data: { object } };
}

/** A subscription object as Stripe sends it (period on the item, API 2025+). */
function subscription(id, userId, status, { cancelAtPeriodEnd = false, end } = {}) {
  const start = now() - 60;
  return { id, object: 'subscription', customer: `cus_${id}`, status,
    cancel_at_period_end: cancelAtPeriodEnd, canceled_at: null, ended_at: null,
    metadata: { user_id: userId },
    items: { object: 'list', data: [{ id: `si_${id}`, object: 'subscription_item',
      price: { id: 'price_e2e_monthly', object: 'price' }, current_period_start: start,
      current_period_end: end ?? start + 30 * 86400 }] } };
}

/** POSTs `evt` (an object, or raw text) to A's webhook, signed with `secret` at `timestamp`. */
function deliver(evt, { secret = oldSecret, timestamp, signature, server = a } = {}) {
  const payload = typeof evt === 'string' ? evt : JSON.stringify(evt);
  const header = signature ?? stripe.webhooks.generateTestHeaderString({ payload, secret,
    timestamp });
  return request(server.baseUrl, 'POST', '/webhooks/stripe', {
    headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': header },
    body: payload,
  });
}

/** Waits until the event `id` is processed by a job; resolves to its row. */
async function processed(id) {
  const deadline = Date.now() + 15000;
  for (;;) {
    const row = await psql(`SELECT processed_at IS NOT NULL, coalesce(processing_error, '')
                              FROM billing_events WHERE provider_event_id = '${id}'`);
    if (row.startsWith('t|')) {
      return row;
    }
    assert.ok(Date.now() < deadline, `event ${id} not processed: ${row}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The RateLimit-Limit `server` applies to `token` (the tier of the role it sees). */
async function limitOf(server, token) {
  const res = await request(server.baseUrl, 'GET', '/api/v1/users/me', { headers: bearer(token) });
  assert.equal(res.status, 200, res.text);
  return Number(res.headers.get('ratelimit-limit'));
}

/** Polls until `server` applies `limit` to `token` (2 s at most); resolves to the last seen. */
async function limitUntil(server, token, limit) {
  const deadline = Date.now() + 2000;
  for (;;) {
    const seen = await limitOf(server, token);
    if (seen === limit || Date.now() > deadline) {
      return seen;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function mySubscription(token) {
  const res = await request(a.baseUrl, 'GET', '/api/v1/users/me/subscription',
    { headers: bearer(token) });
  assert.equal(res.status, 200, res.text);
  return res.json.data;
}

function roleClaim(accessToken) {
  return JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()).role;
}

const count = async (sql) => Number(await psql(sql));

describe('POST /webhooks/stripe: the signature', () => {
  test('a bad, old, missing or other-secret signature is 400 BILL_001 and stores nothing', async () => {
    const evt = event('customer.created', { id: 'cus_x', object: 'customer' });
    const cases = [
      await deliver(evt, { signature: `t=${now()},v1=${'0'.repeat(64)}` }),
      await deliver(evt, { timestamp: now() - 301 }),
      await deliver(evt, { secret: `whsec_${randomBytes(16).toString('hex')}` }),
      await deliver(evt, { signature: '' }),
      // Signed, then one byte of the body changed: the raw bytes are what is verified.
      await request(a.baseUrl, 'POST', '/webhooks/stripe', {
        headers: { 'content-type': 'application/json',
          'stripe-signature': stripe.webhooks.generateTestHeaderString(
            { payload: JSON.stringify(evt), secret: oldSecret }) },
        body: `${JSON.stringify(evt)} `,
      }),
    ];
    for (const res of cases) {
      assertError(res, 400, 'BILL_001');
    }
    assert.equal(await count(`SELECT count(*) FROM billing_events
                                WHERE provider_event_id = '${evt.id}'`), 0);
  });

  test('either configured secret signs (rotation); an unknown type is 2xx, stored, ignored',
    async () => {
      const evt = event('customer.tax_id.created', { id: 'txi_1', object: 'tax_id' });
      const res = await deliver(evt, { secret: newSecret });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json.data, { received: true, duplicate: false });
      assert.equal(await processed(evt.id), 't|ignored');
    });

  test('a signed body that is not an event is 400 BILL_002 and stores nothing', async () => {
    const res = await deliver('{"id":"evt_not","object":"charge"}');
    assertError(res, 400, 'BILL_002');
    assert.equal(await count(`SELECT count(*) FROM billing_events
                                WHERE provider_event_id = 'evt_not'`), 0);
  });
});

describe('subscription lifecycle -> entitlement -> role', () => {
  test('premium at once on a cached session on another instance, on refresh, and back to free',
    async () => {
      const u = await registerUser(a.baseUrl);
      // B caches the session (free tier), then must change its mind without a new sign-in.
      assert.equal(await limitOf(b, u.access), 100);
      assert.equal(await limitOf(b, u.access), 100);
      const subId = `sub_${tag}_life`;
      const created = event('customer.subscription.created',
        subscription(subId, u.user.id, 'active'));
      const res = await deliver(created);
      assert.equal(res.status, 200, res.text);
      await processed(created.id);
      assert.equal(await limitUntil(b, u.access, 300), 300, 'B still serves the free tier');
      assert.equal(await limitOf(a, u.access), 300);
      const view = await mySubscription(u.access);
      assert.equal(view.premium, true);
      assert.equal(view.source, 'stripe');
      assert.equal(view.status, 'active');
      assert.equal(view.plan, 'monthly');
      assert.equal(view.product, 'price_e2e_monthly');
      assert.match(view.renews_at, /Z$/);
      assert.equal(view.manage_endpoint, '/api/v1/billing/portal');
      assert.equal(await psql(`SELECT role FROM users WHERE id = '${u.user.id}'`), 'premium');
      // The next access token is signed with the new role.
      const refreshed = await request(a.baseUrl, 'POST', '/api/v1/auth/refresh',
        { body: { refresh_token: u.refresh } });
      assert.equal(refreshed.status, 200, refreshed.text);
      const tokens = refreshed.json.data;
      assert.equal(roleClaim(tokens.access_token), 'premium');

      const deleted = event('customer.subscription.deleted',
        { ...subscription(subId, u.user.id, 'canceled'), ended_at: now() }, now() + 1);
      assert.equal((await deliver(deleted)).status, 200);
      await processed(deleted.id);
      assert.equal(await limitUntil(b, tokens.access_token, 100), 100);
      assert.equal(await limitOf(a, u.access), 100, 'the old token too');
      const after = await mySubscription(tokens.access_token);
      assert.equal(after.premium, false);
      assert.equal(after.status, 'expired');
      assert.equal(await psql(`SELECT role FROM users WHERE id = '${u.user.id}'`), 'free');
    });

  test('events out of order: an older event never overwrites a newer state', async () => {
    const u = await registerUser(a.baseUrl);
    const subId = `sub_${tag}_order`;
    const t = now();
    const created = event('customer.subscription.created',
      subscription(subId, u.user.id, 'incomplete'), t);
    const updated = event('customer.subscription.updated',
      subscription(subId, u.user.id, 'active', { cancelAtPeriodEnd: true }), t + 5);
    // The newer one first.
    await deliver(updated);
    await processed(updated.id);
    await deliver(created);
    await processed(created.id);
    const view = await mySubscription(u.access);
    assert.equal(view.status, 'cancelled_at_period_end');
    assert.equal(view.premium, true, 'paid until the period ends');
    assert.match(view.ends_at, /Z$/);
    assert.equal(await psql(`SELECT status FROM subscriptions
                              WHERE provider_subscription_id = '${subId}'`), 'active');
    assert.equal(await psql(`SELECT role FROM users WHERE id = '${u.user.id}'`), 'premium');
  });

  test('replays and concurrent deliveries of one event store it once and run one job',
    async () => {
      const u = await registerUser(a.baseUrl);
      const evt = event('customer.subscription.created',
        subscription(`sub_${tag}_dup`, u.user.id, 'trialing'));
      const answers = await Promise.all(Array.from({ length: 12 }, () => deliver(evt)));
      for (const res of answers) {
        assert.equal(res.status, 200, res.text);
      }
      assert.equal(answers.filter((r) => r.json.data.duplicate === false).length, 1);
      await processed(evt.id);
      const replay = await deliver(evt);
      assert.equal(replay.status, 200);
      assert.equal(replay.json.data.duplicate, true);
      assert.equal(await count(`SELECT count(*) FROM billing_events
                                  WHERE provider_event_id = '${evt.id}'`), 1);
      const rowId = await psql(`SELECT id FROM billing_events WHERE provider_event_id = '${evt.id}'`);
      assert.equal(await count(`SELECT count(*) FROM jobs
                                  WHERE kind = 'billing.provider_event'
                                    AND payload->>'event' = '${rowId}'`), 1);
      assert.equal((await mySubscription(u.access)).status, 'trialing');
    });

  test('payment failed then paid; the invoice is kept, exported, and outlives erasure anonymised',
    async () => {
      const u = await registerUser(a.baseUrl);
      const subId = `sub_${tag}_inv`;
      const t = now();
      const created = event('customer.subscription.created',
        subscription(subId, u.user.id, 'active'), t);
      await deliver(created);
      await processed(created.id);
      const invoice = (id) => ({ id, object: 'invoice', customer: `cus_${subId}`,
        currency: 'eur', amount_paid: 499, tax: 80,
        parent: { subscription_details: { subscription: subId } },
        status_transitions: { paid_at: t + 20 },
        lines: { object: 'list', data: [{ period: { start: t, end: t + 30 * 86400 } }] } });
      const failed = event('invoice.payment_failed', invoice(`in_${tag}_1`), t + 10);
      await deliver(failed);
      await processed(failed.id);
      let view = await mySubscription(u.access);
      assert.equal(view.status, 'past_due');
      assert.equal(view.premium, false);
      assert.equal(await limitUntil(a, u.access, 100), 100);
      const paid = event('invoice.paid', invoice(`in_${tag}_1`), t + 20);
      await deliver(paid);
      await processed(paid.id);
      view = await mySubscription(u.access);
      assert.equal(view.status, 'active');
      assert.equal(await limitUntil(a, u.access, 300), 300);
      assert.equal(await psql(`SELECT amount_paid || ' ' || currency FROM billing_invoices
                                WHERE provider_invoice_id = 'in_${tag}_1'`), '499 eur');

      const exported = await request(a.baseUrl, 'GET', '/api/v1/users/me/export',
        { headers: bearer(u.access) });
      assert.equal(exported.status, 200, exported.text);
      const doc = exported.json;
      assert.equal(doc.billing.subscriptions[0].provider_subscription_id, subId);
      assert.equal(doc.billing.invoices[0].amount_paid, 499);
      assert.equal(doc.billing.customers[0].customer_id, `cus_${subId}`);
      assert.equal(doc.billing.entitlement.premium, true);

      // Delete, let the grace period pass, erase.
      const del = await request(a.baseUrl, 'DELETE', '/api/v1/users/me',
        { headers: bearer(u.access), body: { password: u.password } });
      assert.equal(del.status, 204, del.text);
      await psql(`UPDATE users SET erase_after = now() - interval '1 second',
                                   deleted_at = now() - interval '2 seconds'
                   WHERE id = '${u.user.id}'`);
      await run(process.env.UGOKI_BIN, ['jobs', 'run-once'], { env: { ...process.env, ...env } });
      assert.equal(await count(`SELECT count(*) FROM users WHERE id = '${u.user.id}'`), 0);
      for (const table of ['subscriptions', 'billing_customers', 'billing_entitlements',
        'billing_events', 'billing_invoices']) {
        assert.equal(await count(`SELECT count(*) FROM ${table} WHERE user_id = '${u.user.id}'`),
          0, table);
      }
      assert.equal(await psql(`SELECT (user_id IS NULL) || ' ' || amount_paid FROM billing_invoices
                                WHERE provider_invoice_id = 'in_${tag}_1'`), 'true 499',
      'the tax record stays, naming nobody');
    });
});

describe('checkout and portal through Stripe\'s API (local stand-in)', () => {
  test('checkout creates the customer once, remembers it, and answers the session URL', async () => {
    const u = await registerUser(a.baseUrl);
    const first = await request(a.baseUrl, 'POST', '/api/v1/billing/checkout',
      { headers: bearer(u.access), body: { price: 'yearly' } });
    assert.equal(first.status, 200, first.text);
    assert.match(first.json.data.url, /^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/);
    assert.match(first.json.data.session_id, /^cs_test_/);
    const second = await request(a.baseUrl, 'POST', '/api/v1/billing/checkout',
      { headers: bearer(u.access), body: { price: 'monthly' } });
    assert.equal(second.status, 200, second.text);
    const mine = stripeApi.requests.filter((r) => r.form.client_reference_id === u.user.id ||
      r.form['metadata[user_id]'] === u.user.id);
    const created = mine.filter((r) => r.path === '/v1/customers');
    assert.equal(created.length, 1, 'one customer per user');
    assert.equal(created[0].form.email, u.email);
    assert.equal(created[0].headers['idempotency-key'], `ugoki-customer-${u.user.id}`);
    const sessions = mine.filter((r) => r.path === '/v1/checkout/sessions');
    assert.equal(sessions.length, 2);
    assert.equal(sessions[0].form['line_items[0][price]'], 'price_e2e_yearly');
    assert.equal(sessions[1].form['line_items[0][price]'], 'price_e2e_monthly');
    assert.equal(sessions[0].form.mode, 'subscription');
    assert.equal(sessions[0].form['subscription_data[metadata][user_id]'], u.user.id);
    const customerId = await psql(`SELECT customer_id FROM billing_customers
                                    WHERE user_id = '${u.user.id}'`);
    assert.equal(sessions[0].form.customer, customerId);
    assert.ok(stripeApi.customers.has(customerId));

    const portal = await request(a.baseUrl, 'POST', '/api/v1/billing/portal',
      { headers: bearer(u.access) });
    assert.equal(portal.status, 200, portal.text);
    assert.match(portal.json.data.url, /^https:\/\/billing\.stripe\.test\/p\/session\/bps_/);
    const p = stripeApi.requests.at(-1);
    assert.equal(p.path, '/v1/billing_portal/sessions');
    assert.equal(p.form.customer, customerId);
    assert.equal(p.headers['content-type'], 'application/x-www-form-urlencoded');
  });

  test('bad input is 400 and calls nobody; no customer yet is 404 BILL_005', async () => {
    const u = await registerUser(a.baseUrl);
    const before = stripeApi.requests.length;
    for (const body of [{}, { price: 'weekly' }, { price: 'monthly', coupon: 'X' }]) {
      const res = await request(a.baseUrl, 'POST', '/api/v1/billing/checkout',
        { headers: bearer(u.access), body });
      assertError(res, 400, 'VAL_001');
    }
    assertError(await request(a.baseUrl, 'POST', '/api/v1/billing/portal',
      { headers: bearer(u.access), body: { x: 1 } }), 400, 'VAL_001');
    assertError(await request(a.baseUrl, 'POST', '/api/v1/billing/portal',
      { headers: bearer(u.access) }), 404, 'BILL_005');
    assert.equal(stripeApi.requests.length, before);
    assertError(await request(a.baseUrl, 'POST', '/api/v1/billing/checkout',
      { body: { price: 'monthly' } }), 401, 'AUTH_002');
  });

  test('Stripe failing is 502 BILL_004 and remembers no customer', async () => {
    const u = await registerUser(a.baseUrl);
    stripeApi.failNext(500);
    const res = await request(a.baseUrl, 'POST', '/api/v1/billing/checkout',
      { headers: bearer(u.access), body: { price: 'monthly' } });
    assertError(res, 502, 'BILL_004');
    assert.equal(await count(`SELECT count(*) FROM billing_customers
                                WHERE user_id = '${u.user.id}'`), 0);
  });
});
