// End-to-end: rate limits of the real `ugoki serve` with small limits: RateLimit-* headers on
// every charged response, 429 RATE_001 with Retry-After, per-IP anonymous buckets, per-user
// tiers, the per-IP burst ceiling, exempt routes, and Redis down (fail open / fail closed).
//
// Every server gets its own Redis key prefix, so runs never see each other's buckets. The test
// client is always 127.0.0.1; to act as many clients, the server trusts 127.0.0.1 as a proxy and
// each test sends X-Forwarded-For with an address of its own.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

import { bearer, registerUser } from './support/auth.mjs';
import { assertMatchesContract } from './support/contract.mjs';
import { request, startServer } from './support/server.mjs';

const PUBLIC = '/api/v1/fasting/protocols';

function limitedEnv(extra = {}) {
  return {
    UGOKI_ENV: 'test',
    UGOKI_RATE_LIMIT_ENABLED: 'true',
    UGOKI_RATE_LIMIT_ANONYMOUS: '3',
    UGOKI_RATE_LIMIT_FREE: '4',
    UGOKI_RATE_LIMIT_PREMIUM: '6',
    UGOKI_RATE_LIMIT_BURST_CEILING: '7',
    UGOKI_RATE_LIMIT_WINDOW_S: '60',
    UGOKI_RATE_LIMIT_KEY_PREFIX: `e2e:${randomBytes(6).toString('hex')}:rl:`,
    UGOKI_TRUSTED_PROXIES: '127.0.0.1/32',
    ...extra,
  };
}

/** A fresh client address (TEST-NET-2 / benchmark space) for each call. */
function newClient() {
  const b = randomBytes(2);
  return `198.18.${b[0]}.${b[1]}`;
}

function from(ip, extra = {}) {
  return { 'x-forwarded-for': ip, ...extra };
}

function rateHeaders(res) {
  return {
    limit: res.headers.get('ratelimit-limit'),
    remaining: res.headers.get('ratelimit-remaining'),
    reset: res.headers.get('ratelimit-reset'),
    retryAfter: res.headers.get('retry-after'),
  };
}

describe('with small limits', () => {
  let server;
  before(async () => {
    server = await startServer({ env: limitedEnv() });
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
  });

  test('every charged response carries RateLimit-* headers', async () => {
    const ip = newClient();
    const ok = await request(server.baseUrl, 'GET', PUBLIC, { headers: from(ip) });
    assert.equal(ok.status, 200);
    const h = rateHeaders(ok);
    assert.equal(h.limit, '3');
    assert.equal(h.remaining, '2');
    // Seconds until the bucket is full again: one token at 3/min is 20 s.
    assert.ok(Number(h.reset) >= 19 && Number(h.reset) <= 20, `reset ${h.reset}`);
    assert.equal(h.retryAfter, null);

    const missing = await request(server.baseUrl, 'GET', '/api/v1/nowhere', { headers: from(ip) });
    assert.equal(missing.status, 404);
    assert.equal(rateHeaders(missing).remaining, '1');

    const bad = await request(server.baseUrl, 'GET', `${PUBLIC}/not-a-uuid`,
      { headers: from(ip) });
    assert.ok(bad.status >= 400 && bad.status < 500);
    assert.equal(rateHeaders(bad).remaining, '0');
  });

  test('over the limit: 429 RATE_001 with Retry-After, in the error envelope', async () => {
    const ip = newClient();
    for (let i = 0; i < 3; i += 1) {
      const res = await request(server.baseUrl, 'GET', PUBLIC, { headers: from(ip) });
      assert.equal(res.status, 200);
    }
    const res = await request(server.baseUrl, 'GET', PUBLIC, { headers: from(ip) });
    assert.equal(res.status, 429);
    assert.equal(res.json.success, false);
    assert.equal(res.json.error.code, 'RATE_001');
    assert.deepEqual(res.json.error.details, []);
    assert.equal(res.json.meta.request_id, res.headers.get('x-request-id'));
    const h = rateHeaders(res);
    assert.equal(h.limit, '3');
    assert.equal(h.remaining, '0');
    assert.match(h.retryAfter, /^\d+$/);
    assert.ok(Number(h.retryAfter) >= 1 && Number(h.retryAfter) <= 20, `retry ${h.retryAfter}`);
    assert.ok(Number(h.reset) >= 59 && Number(h.reset) <= 60, `reset ${h.reset}`);
    assertMatchesContract('GET', '/api/v1/fasting/protocols', res);
  });

  test('the anonymous bucket is per client IP', async () => {
    const a = newClient();
    for (let i = 0; i < 4; i += 1) {
      await request(server.baseUrl, 'GET', PUBLIC, { headers: from(a) });
    }
    const blocked = await request(server.baseUrl, 'GET', PUBLIC, { headers: from(a) });
    assert.equal(blocked.status, 429);
    const b = await request(server.baseUrl, 'GET', PUBLIC, { headers: from(newClient()) });
    assert.equal(b.status, 200);
    assert.equal(rateHeaders(b).remaining, '2');
    // A client cannot escape by prepending its own X-Forwarded-For entry: the rightmost
    // address our trusted proxy (127.0.0.1) vouches for is still `a`.
    const spoof = await request(server.baseUrl, 'GET', PUBLIC,
      { headers: from(`${newClient()}, ${a}`) });
    assert.equal(spoof.status, 429);
  });

  test('health, metrics and docs are exempt', async () => {
    const ip = newClient();
    for (const path of ['/health/live', '/health/ready', '/metrics', '/api/openapi.yaml']) {
      for (let i = 0; i < 4; i += 1) {
        const res = await request(server.baseUrl, 'GET', path, { headers: from(ip) });
        assert.ok(res.status === 200 || res.status === 503, `${path}: ${res.status}`);
        assert.equal(res.headers.get('ratelimit-limit'), null, path);
      }
    }
    const still = await request(server.baseUrl, 'GET', PUBLIC, { headers: from(ip) });
    assert.equal(rateHeaders(still).remaining, '2');
  });

  test('signed-in callers have a bucket per user at their tier', async () => {
    const ip = newClient();
    const alice = await registerUser(server.baseUrl, { headers: from(ip) });
    for (let i = 0; i < 4; i += 1) {
      const me = await request(server.baseUrl, 'GET', '/api/v1/users/me',
        { headers: bearer(alice.access, from(ip)) });
      assert.equal(me.status, 200);
      assert.equal(rateHeaders(me).limit, '4', 'the free tier');
      assert.equal(rateHeaders(me).remaining, String(3 - i));
    }
    const over = await request(server.baseUrl, 'GET', '/api/v1/users/me',
      { headers: bearer(alice.access, from(newClient())) });
    assert.equal(over.status, 429, "a user's bucket follows them to another address");
    assert.equal(over.json.error.code, 'RATE_001');
  });

  test('a refused token is charged to the anonymous bucket of its IP', async () => {
    const ip = newClient();
    const statuses = [];
    for (let i = 0; i < 4; i += 1) {
      const res = await request(server.baseUrl, 'GET', '/api/v1/users/me',
        { headers: bearer('not-a-token', from(ip)) });
      statuses.push(res.status);
      assert.equal(res.headers.get('ratelimit-limit'), '3');
    }
    assert.deepEqual(statuses, [401, 401, 401, 429]);
  });

  test('one address cannot exceed the burst ceiling across accounts', async () => {
    const ip = newClient();
    // Registering takes 1 anonymous token per account; each /users/me one from the user.
    const u1 = await registerUser(server.baseUrl, { headers: from(ip) });
    const u2 = await registerUser(server.baseUrl, { headers: from(ip) });
    const statuses = [];
    let last;
    for (const u of [u1, u1, u1, u2, u2, u2]) {
      last = await request(server.baseUrl, 'GET', '/api/v1/users/me',
        { headers: bearer(u.access, from(ip)) });
      statuses.push(last.status);
    }
    // 2 registrations + 5 reads reach the ceiling of 7; the sixth read is refused although u2
    // has tokens of its own left.
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
    assert.equal(rateHeaders(last).limit, '7');
  });
});

describe('with Redis down', () => {
  // Nothing listens on port 1: every Redis command fails at once.
  const deadRedis = { UGOKI_REDIS_URL: 'redis://127.0.0.1:1' };

  test('fail open (the default): requests pass without RateLimit-* headers', async () => {
    const server = await startServer({ env: limitedEnv(deadRedis) });
    try {
      for (let i = 0; i < 5; i += 1) {
        const res = await request(server.baseUrl, 'GET', PUBLIC, { headers: from(newClient()) });
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('ratelimit-limit'), null);
      }
      assert.ok(server.logs.some((l) => l.includes('rate limiter unavailable')));
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });

  test('fail closed: 503 SVC_001 with Retry-After', async () => {
    const server = await startServer({
      env: limitedEnv({ ...deadRedis, UGOKI_RATE_LIMIT_REDIS_FAILURE: 'closed' }),
    });
    try {
      const res = await request(server.baseUrl, 'GET', PUBLIC, { headers: from(newClient()) });
      assert.equal(res.status, 503);
      assert.equal(res.json.error.code, 'SVC_001');
      assert.match(res.headers.get('retry-after'), /^\d+$/);
      const live = await request(server.baseUrl, 'GET', '/health/live');
      assert.equal(live.status, 200, 'exempt routes still answer');
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });
});
