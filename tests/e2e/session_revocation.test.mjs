// End-to-end: a sign-out on one instance is honoured by every instance. Each server caches the
// sessions Redis confirmed alive (auth/session_cache.hpp) and forgets them when a revocation is
// published; these tests run two servers on one PostgreSQL and Redis and sign out on one while
// the other has the session cached. That it was cached is proven, not assumed: the second
// server's /metrics counts the session checks its cache answered
// (ugoki_auth_session_cache_hits_total), and the request just before the sign-out must be one.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { assertError, bearer, makeKeyFile, registerUser, removeKeyFiles } from
  './support/auth.mjs';
import { request, startServer } from './support/server.mjs';

const key = makeKeyFile();
let a;
let b;

before(async () => {
  const env = { UGOKI_ENV: 'test', ...key.env, UGOKI_AUTH_SESSION_CACHE_MS: '60000' };
  [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
  // The cache is used only once each server's revocation subscription is confirmed.
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
  removeKeyFiles();
  assert.deepEqual(codes, [0, 0]);
});

/** ugoki_auth_session_cache_hits_total of `server`: session checks its cache answered. */
async function cacheHits(server) {
  const res = await request(server.baseUrl, 'GET', '/metrics');
  assert.equal(res.status, 200);
  const m = /^ugoki_auth_session_cache_hits_total (\d+)$/m.exec(res.text);
  assert.ok(m, 'the session cache counter is exported');
  return Number(m[1]);
}

/** GET /users/me on B answers 200 from its session cache (the hit counter moves by one). */
async function meFromCache(token) {
  const before = await cacheHits(b);
  const res = await request(b.baseUrl, 'GET', '/api/v1/users/me', { headers: bearer(token) });
  assert.equal(res.status, 200, res.text);
  assert.equal(await cacheHits(b) - before, 1, 'B checked the session without its cache');
}

/** Polls GET /users/me on `server` until it answers `status` (or 2 s pass); returns the last. */
async function meUntil(server, token, status) {
  const deadline = Date.now() + 2000;
  for (;;) {
    const res = await request(server.baseUrl, 'GET', '/api/v1/users/me', { headers: bearer(token) });
    if (res.status === status || Date.now() > deadline) {
      return res;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('session revocation across instances', () => {
  test('logout on A ends the session on B, which had it cached', async () => {
    const u = await registerUser(a.baseUrl);
    // B checks Redis once and caches the session as alive; the next request is served from it.
    const ok = await request(b.baseUrl, 'GET', '/api/v1/users/me', { headers: bearer(u.access) });
    assert.equal(ok.status, 200, ok.text);
    await meFromCache(u.access);
    const out = await request(a.baseUrl, 'POST', '/api/v1/auth/logout',
      { headers: bearer(u.access) });
    assert.equal(out.status, 204, out.text);
    // A ended it itself: refused at once.
    const onA = await request(a.baseUrl, 'GET', '/api/v1/users/me', { headers: bearer(u.access) });
    assertError(onA, 401, 'AUTH_002');
    // B hears it over pub/sub within milliseconds, long before its 60 s cache entry expires.
    assertError(await meUntil(b, u.access, 401), 401, 'AUTH_002');
  });

  test('logout-all and a replayed refresh token reach the other instance too', async () => {
    const u = await registerUser(a.baseUrl);
    assert.equal((await request(b.baseUrl, 'GET', '/api/v1/users/me',
      { headers: bearer(u.access) })).status, 200);
    await meFromCache(u.access);
    const all = await request(a.baseUrl, 'POST', '/api/v1/auth/logout-all',
      { headers: bearer(u.access) });
    assert.equal(all.status, 204, all.text);
    assertError(await meUntil(b, u.access, 401), 401, 'AUTH_002');

    const v = await registerUser(a.baseUrl);
    assert.equal((await request(b.baseUrl, 'GET', '/api/v1/users/me',
      { headers: bearer(v.access) })).status, 200);
    await meFromCache(v.access);
    const first = await request(a.baseUrl, 'POST', '/api/v1/auth/refresh',
      { body: { refresh_token: v.refresh } });
    assert.equal(first.status, 200, first.text);
    const fresh = first.json.data.access_token;
    assert.ok(fresh, first.text);
    await meFromCache(fresh);  // the rotated token's session is the one B has cached
    // Replaying the used token revokes the whole family, on every instance.
    const replay = await request(a.baseUrl, 'POST', '/api/v1/auth/refresh',
      { body: { refresh_token: v.refresh } });
    assertError(replay, 401, 'AUTH_002');
    assertError(await meUntil(b, fresh, 401), 401, 'AUTH_002');
  });
});
