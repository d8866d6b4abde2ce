// End-to-end: accounts against the real server, PostgreSQL and Redis. Register, login (with
// restore, rehash and throttling), logout, the caller's own data, password change, sessions,
// web cookies, and a log free of passwords, tokens and emails. Tokens: auth_tokens.test.mjs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';

import { assertError, AuthSuite, bearer, login, psql, registerUser, strongPassword,
  uniqueEmail } from './support/auth.mjs';
import { assertMatchesContract } from './support/contract.mjs';
import { request, startServer } from './support/server.mjs';

// The web app's origin: cookie-carrying requests from it are accepted, from any other refused.
const APP_ORIGIN = 'https://app.example.test';
const suite = new AuthSuite();
before(() => suite.start({ UGOKI_CORS_ORIGINS: APP_ORIGIN }));
after(() => suite.stop());

describe('register', () => {
  test('creates the account, profile and preferences and signs in (201)', async () => {
    const u = await suite.newUser({ displayName: 'Ann' });
    assert.equal(u.res.status, 201);
    assertMatchesContract('POST', '/api/v1/auth/register', u.res);
    assert.equal(u.user.email, u.email);
    assert.equal(u.user.role, 'free');
    assert.equal(u.user.email_verified, false);
    assert.equal(u.res.json.data.tokens.token_type, 'Bearer');
    assert.equal(u.res.json.data.tokens.expires_in, 900);
    assert.match(u.refresh, /^[A-Za-z0-9_-]{43}$/);
    const id = u.user.id;
    const rows = await psql(`SELECT (SELECT count(*) FROM user_profiles WHERE user_id = '${id}')
      || ',' || (SELECT count(*) FROM user_preferences WHERE user_id = '${id}')
      || ',' || (SELECT display_name FROM user_profiles WHERE user_id = '${id}')`);
    assert.equal(rows, '1,1,Ann');
    // Stored as Argon2id with OWASP parameters, never in clear.
    const hash = await psql(`SELECT password_hash FROM users WHERE id = '${u.user.id}'`);
    assert.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  test('a taken email is 409 USER_002, whatever its case', async () => {
    const u = await suite.newUser();
    const res = await request(suite.base, 'POST', '/api/v1/auth/register', {
      body: { email: u.email.toUpperCase(), password: strongPassword() },
    });
    assertError(res, 409, 'USER_002');
    assertMatchesContract('POST', '/api/v1/auth/register', res);
  });

  test('the password policy answers 400 VAL_001 on the field password', async () => {
    for (const password of ['short', '1qaz2wsx3edc', '1QAZ2WSX3EDC', 'x'.repeat(129)]) {
      const res = await request(suite.base, 'POST', '/api/v1/auth/register', {
        body: { email: uniqueEmail(), password },
      });
      assertError(res, 400, 'VAL_001');
      assert.ok(res.json.error.details.every((d) => d.field === 'password'), res.text);
      assertMatchesContract('POST', '/api/v1/auth/register', res);
    }
    // 12 code points are enough, composition rules do not exist, emoji count as one each.
    const ok = await request(suite.base, 'POST', '/api/v1/auth/register', {
      body: { email: uniqueEmail(), password: '🦊🦊🦊🦊🦊🦊 calm sea' },
    });
    assert.equal(ok.status, 201, ok.text);
  });

  test('bad bodies name every bad field; role and ids cannot be set', async () => {
    const res = await request(suite.base, 'POST', '/api/v1/auth/register', {
      body: { email: 'not-an-email', password: strongPassword(), role: 'admin', id: 'x' },
    });
    assertError(res, 400, 'VAL_001');
    const fields = res.json.error.details.map((d) => d.field).sort();
    assert.deepEqual(fields, ['email', 'id', 'role']);
    const missing = await request(suite.base, 'POST', '/api/v1/auth/register', { body: {} });
    assert.deepEqual(missing.json.error.details.map((d) => d.field).sort(),
      ['email', 'password']);
    const notJson = await request(suite.base, 'POST', '/api/v1/auth/register', {
      body: 'email=a', headers: { 'content-type': 'text/plain' },
    });
    assertError(notJson, 415, 'REQ_002');
  });

  test('a bad email and a password the policy refuses are named in one answer', async () => {
    const res = await request(suite.base, 'POST', '/api/v1/auth/register', {
      body: { email: 'not-an-email', password: 'short', display_name: '' },
    });
    assertError(res, 400, 'VAL_001');
    assertMatchesContract('POST', '/api/v1/auth/register', res);
    const fields = [...new Set(res.json.error.details.map((d) => d.field))].sort();
    assert.deepEqual(fields, ['display_name', 'email', 'password']);
  });
});

describe('login', () => {
  test('right password signs in (200, restored false); email is case-insensitive', async () => {
    const u = await suite.newUser();
    const res = await login(suite.base, u.email.toUpperCase(), u.password);
    assert.equal(res.status, 200, res.text);
    assertMatchesContract('POST', '/api/v1/auth/login', res);
    assert.equal(res.json.data.user.id, u.user.id);
    assert.equal(res.json.data.restored, false);
    suite.remember(res.json.data.tokens.access_token, res.json.data.tokens.refresh_token);
    assert.equal((await suite.me(res.json.data.tokens.access_token)).status, 200);
  });

  test('unknown email and wrong password get the same 401 AUTH_001, in about the same time',
    async () => {
      const u = await suite.newUser();
      const timed = async (email, password) => {
        const t0 = performance.now();
        const res = await login(suite.base, email, password);
        return { res, ms: performance.now() - t0 };
      };
      const wrong = [];
      const unknown = [];
      for (let i = 0; i < 3; i += 1) {
        wrong.push(await timed(u.email, `${u.password}x`));
        unknown.push(await timed(uniqueEmail('nobody'), u.password));
      }
      for (const { res } of [...wrong, ...unknown]) {
        assertError(res, 401, 'AUTH_001');
        assertMatchesContract('POST', '/api/v1/auth/login', res);
      }
      assert.equal(wrong[0].res.json.error.message, unknown[0].res.json.error.message);
      const median = (xs) => xs.map((x) => x.ms).sort((a, b) => a - b)[1];
      const ratio = median(wrong) / median(unknown);
      // Both pay one Argon2id verification; without the dummy hash the unknown email would be
      // ~100x faster.
      assert.ok(ratio > 0.33 && ratio < 3,
        `wrong ${median(wrong)} ms vs unknown ${median(unknown)} ms`);
    });

  test('a soft-deleted account in its grace period is restored by logging in', async () => {
    const u = await suite.newUser();
    await psql(`UPDATE users SET deleted_at = now(), erase_after = now() + interval '30 days'
      WHERE id = '${u.user.id}'`);
    const res = await login(suite.base, u.email, u.password);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.data.restored, true);
    assert.equal(await psql(`SELECT deleted_at IS NULL AND erase_after IS NULL FROM users
      WHERE id = '${u.user.id}'`), 't');
    // Past the grace period the account is as good as gone.
    await psql(`UPDATE users SET deleted_at = now() - interval '31 days',
      erase_after = now() - interval '1 day' WHERE id = '${u.user.id}'`);
    assertError(await login(suite.base, u.email, u.password), 401, 'AUTH_001');
  });

  test('a hash made with other Argon2id parameters is upgraded on login', async () => {
    // A second server with t=3 plays "the parameters before they changed".
    const old = await startServer({ env: { UGOKI_ENV: 'test', ...suite.key.env,
      UGOKI_ARGON2_ITERATIONS: '3' } });
    let u;
    try {
      u = await registerUser(old.baseUrl);
      suite.remember(u.email, u.password, u.access, u.refresh);
    } finally {
      assert.equal(await old.stop(), 0);
    }
    const hashOf = () => psql(`SELECT password_hash FROM users WHERE id = '${u.user.id}'`);
    assert.match(await hashOf(), /\$m=19456,t=3,p=1\$/);
    assertError(await login(suite.base, u.email, `${u.password}!`), 401, 'AUTH_001');
    assert.match(await hashOf(), /\$m=19456,t=3,p=1\$/, 'a failed login never rewrites it');
    const res = await login(suite.base, u.email, u.password);
    assert.equal(res.status, 200, res.text);
    suite.remember(res.json.data.tokens.access_token, res.json.data.tokens.refresh_token);
    assert.match(await hashOf(), /\$m=19456,t=2,p=1\$/);
    assert.equal((await login(suite.base, u.email, u.password)).status, 200);
  });
});

describe('login throttling', () => {
  let throttled;
  before(async () => {
    throttled = await startServer({ env: { UGOKI_ENV: 'test', ...suite.key.env,
      UGOKI_LOGIN_THROTTLE: 'true', UGOKI_LOGIN_THROTTLE_IP_FAILURES: '8',
      UGOKI_TRUSTED_PROXIES: '127.0.0.1/32' } });
  });
  after(async () => {
    assert.equal(await throttled.stop(), 0);
  });
  // A fresh client address per test (through a trusted proxy), so runs never share counters.
  const newIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  const attempt = (email, password, ip) => login(throttled.baseUrl, email, password,
    { 'x-forwarded-for': ip });
  // Repeats `send` while it is refused with 429 (refused attempts are not counted), for up to
  // 5 s; the first other answer.
  const afterTheWait = async (send) => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const res = await send();
      if (res.status !== 429 || Date.now() > deadline) {
        return res;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  test('after 5 failures an account waits, growing, even with the right password', async () => {
    const u = await suite.newUser();
    const ip = newIp();
    for (let i = 0; i < 5; i += 1) {
      assertError(await attempt(u.email, 'wrong password!', ip), 401, 'AUTH_001');
    }
    const blocked = await attempt(u.email.toUpperCase(), u.password, newIp());
    assertError(blocked, 429, 'RATE_001');
    assertMatchesContract('POST', '/api/v1/auth/login', blocked);
    assert.equal(blocked.headers.get('retry-after'), '1');
    const ok = await afterTheWait(() => attempt(u.email, u.password, ip));
    assert.equal(ok.status, 200, ok.text);
    suite.remember(ok.json.data.tokens.access_token, ok.json.data.tokens.refresh_token);
    // Success cleared the account's count: the next failure is a plain 401 again.
    assertError(await attempt(u.email, 'wrong password!', ip), 401, 'AUTH_001');
  });

  test('an unknown email is throttled exactly like a real one', async () => {
    const email = uniqueEmail('ghost');
    suite.remember(email);
    for (let i = 0; i < 5; i += 1) {
      assertError(await attempt(email, 'wrong password!', newIp()), 401, 'AUTH_001');
    }
    // Attempts refused while waiting are not counted: the wait stays 1 s, not 2.
    for (let i = 0; i < 2; i += 1) {
      const res = await attempt(email, 'wrong password!', newIp());
      assertError(res, 429, 'RATE_001');
      assert.equal(res.headers.get('retry-after'), '1');
    }
    assertError(await afterTheWait(() => attempt(email, 'wrong password!', newIp())), 401,
      'AUTH_001');
    // The 6th failure doubles the wait.
    assert.equal((await attempt(email, 'wrong password!', newIp())).headers.get('retry-after'),
      '2');
  });

  test('one address failing on many accounts is throttled too', async () => {
    // The account first: registering after the failures could outlast the address's 1 s wait
    // on a busy machine, and the last attempt would then rightly pass.
    const u = await suite.newUser();
    const ip = newIp();
    for (let i = 0; i < 8; i += 1) {
      const email = uniqueEmail('spray');
      suite.remember(email);
      assertError(await attempt(email, 'Summer2024!!', ip), 401, 'AUTH_001');
    }
    assertError(await attempt(u.email, u.password, ip), 429, 'RATE_001');
    assert.equal((await attempt(u.email, u.password, newIp())).status, 200);
  });
});

describe('logout', () => {
  test('logout ends this device only; its tokens die at once', async () => {
    const u = await suite.newUser();
    const phone = (await login(suite.base, u.email, u.password)).json.data.tokens;
    suite.remember(phone.access_token, phone.refresh_token);
    const res = await request(suite.base, 'POST', '/api/v1/auth/logout',
      { headers: bearer(u.access) });
    assert.equal(res.status, 204, res.text);
    assertError(await suite.me(u.access), 401, 'AUTH_002');
    assertError(await suite.refresh(u.refresh), 401, 'AUTH_002');
    assert.equal((await suite.me(phone.access_token)).status, 200);
  });

  test('logout with the refresh token alone (expired access token)', async () => {
    const u = await suite.newUser();
    const res = await request(suite.base, 'POST', '/api/v1/auth/logout', {
      body: { refresh_token: u.refresh },
    });
    assert.equal(res.status, 204, res.text);
    assertError(await suite.me(u.access), 401, 'AUTH_002');
    assertError(await request(suite.base, 'POST', '/api/v1/auth/logout', {
      body: { refresh_token: u.refresh } }), 401, 'AUTH_002');
    assertError(await request(suite.base, 'POST', '/api/v1/auth/logout'), 401, 'AUTH_002');
  });

  test('logout-all ends every session of the user and no one else\'s', async () => {
    const u = await suite.newUser();
    const bystander = await suite.newUser();
    const phone = (await login(suite.base, u.email, u.password)).json.data.tokens;
    suite.remember(phone.access_token, phone.refresh_token);
    const res = await request(suite.base, 'POST', '/api/v1/auth/logout-all',
      { headers: bearer(phone.access_token) });
    assert.equal(res.status, 204);
    for (const t of [u.access, phone.access_token]) {
      assertError(await suite.me(t), 401, 'AUTH_002');
    }
    assertError(await suite.refresh(phone.refresh_token), 401, 'AUTH_002');
    assert.equal((await suite.me(bystander.access)).status, 200);
    assertError(await request(suite.base, 'POST', '/api/v1/auth/logout-all'), 401, 'AUTH_002');
  });
});

describe('users/me', () => {
  test('each user sees their own account and profile, never another\'s', async () => {
    const ann = await suite.newUser({ displayName: 'Ann' });
    const bob = await suite.newUser({ displayName: 'Bob' });
    const a = await suite.me(ann.access);
    const b = await suite.me(bob.access);
    assert.equal(a.status, 200);
    assertMatchesContract('GET', '/api/v1/users/me', a);
    assert.equal(a.headers.get('cache-control'), 'no-store');
    assert.equal(a.json.data.id, ann.user.id);
    assert.equal(a.json.data.email, ann.email);
    assert.equal(a.json.data.profile.display_name, 'Ann');
    assert.equal(a.json.data.profile.timezone, 'UTC');
    assert.equal(b.json.data.id, bob.user.id);
    assert.equal(b.json.data.profile.display_name, 'Bob');
    // No route takes a user id: the path is the caller's, whatever is sent.
    const probe = await request(suite.base, 'GET', `/api/v1/users/${bob.user.id}`,
      { headers: bearer(ann.access) });
    assert.equal(probe.status, 404);
    assert.ok(!probe.text.includes(bob.email));
  });
});

describe('password change and sessions', () => {
  test('password change keeps this session and ends the others', async () => {
    const u = await suite.newUser();
    const laptop = (await login(suite.base, u.email, u.password)).json.data.tokens;
    suite.remember(laptop.access_token, laptop.refresh_token);
    const next = strongPassword();
    suite.remember(next);
    const wrong = await request(suite.base, 'POST', '/api/v1/auth/password', {
      headers: bearer(u.access), body: { current_password: 'nope nope nope', new_password: next },
    });
    assertError(wrong, 401, 'AUTH_001');
    assertMatchesContract('POST', '/api/v1/auth/password', wrong);
    const weak = await request(suite.base, 'POST', '/api/v1/auth/password', {
      headers: bearer(u.access), body: { current_password: u.password, new_password: 'qwerty' },
    });
    assertError(weak, 400, 'VAL_001');
    assert.equal(weak.json.error.details[0].field, 'new_password');
    // Every bad field at once: the policy's verdict with the missing current password.
    const both = await request(suite.base, 'POST', '/api/v1/auth/password', {
      headers: bearer(u.access), body: { new_password: 'qwerty' },
    });
    assertError(both, 400, 'VAL_001');
    assert.deepEqual([...new Set(both.json.error.details.map((d) => d.field))].sort(),
      ['current_password', 'new_password']);
    const ok = await request(suite.base, 'POST', '/api/v1/auth/password', {
      headers: bearer(u.access), body: { current_password: u.password, new_password: next },
    });
    assert.equal(ok.status, 204, ok.text);
    assert.equal((await suite.me(u.access)).status, 200);
    assertError(await suite.me(laptop.access_token), 401, 'AUTH_002');
    assertError(await suite.refresh(laptop.refresh_token), 401, 'AUTH_002');
    assertError(await login(suite.base, u.email, u.password), 401, 'AUTH_001');
    assert.equal((await login(suite.base, u.email, next)).status, 200);
  });

  test('sessions lists devices with the current one marked; DELETE signs one out', async () => {
    const longAgent = `Agent/${'x'.repeat(400)}`;
    const u = await suite.newUser({ headers: { 'user-agent': 'PhoneApp/1.0' } });
    const laptopRes = await login(suite.base, u.email, u.password, { 'user-agent': longAgent });
    const laptop = laptopRes.json.data.tokens;
    suite.remember(laptop.access_token, laptop.refresh_token);
    const list = await request(suite.base, 'GET', '/api/v1/auth/sessions',
      { headers: bearer(u.access) });
    assert.equal(list.status, 200, list.text);
    assertMatchesContract('GET', '/api/v1/auth/sessions', list);
    assert.equal(list.json.data.length, 2);
    const [phone, other] = list.json.data;
    assert.equal(phone.user_agent, 'PhoneApp/1.0');
    assert.equal(phone.current, true);
    assert.equal(other.current, false);
    assert.equal(other.user_agent.length, 200);
    // Another user cannot see or end these sessions: their id is a 404, never a 204.
    const stranger = await suite.newUser();
    const steal = await request(suite.base, 'DELETE', `/api/v1/auth/sessions/${other.id}`,
      { headers: bearer(stranger.access) });
    assertError(steal, 404, 'AUTH_005');
    assertMatchesContract('DELETE', '/api/v1/auth/sessions/{id}', steal);
    assert.equal((await suite.me(laptop.access_token)).status, 200);
    assertError(await request(suite.base, 'DELETE', '/api/v1/auth/sessions/not-a-uuid',
      { headers: bearer(u.access) }), 400, 'VAL_001');
    const del = await request(suite.base, 'DELETE', `/api/v1/auth/sessions/${other.id}`,
      { headers: bearer(u.access) });
    assert.equal(del.status, 204);
    assertError(await suite.me(laptop.access_token), 401, 'AUTH_002');
    const left = await request(suite.base, 'GET', '/api/v1/auth/sessions',
      { headers: bearer(u.access) });
    assert.deepEqual(left.json.data.map((s) => s.id), [phone.id]);
  });
});

describe('web clients', () => {
  const web = { 'x-client-type': 'web' };
  const COOKIE = '__Host-ugoki_refresh';
  const cookieOf = (res) => {
    const header = res.headers.get('set-cookie') ?? '';
    const match = /^__Host-ugoki_refresh=([^;]*)/.exec(header);
    return { header, value: match ? match[1] : undefined };
  };
  const webLogin = async () => {
    const u = await suite.newUser();
    const res = await login(suite.base, u.email, u.password, web);
    assert.equal(res.status, 200, res.text);
    const cookie = cookieOf(res);
    suite.remember(cookie.value, res.json.data.tokens.access_token);
    return { u, res, cookie, access: res.json.data.tokens.access_token };
  };
  const withCookie = (value, extra = {}) => ({ ...web, cookie: `${COOKIE}=${value}`, ...extra });
  const sessionsOf = async (access) => (await request(suite.base, 'GET', '/api/v1/auth/sessions',
    { headers: bearer(access) })).json.data.map((s) => s.id);

  test('the refresh token travels in a __Host- cookie: HttpOnly, Secure, SameSite=Strict, Path=/',
    async () => {
      const { res, cookie } = await webLogin();
      assert.equal(res.json.data.tokens.refresh_token, undefined);
      assert.match(cookie.value, /^[A-Za-z0-9_-]{43}$/);
      // The __Host- prefix makes browsers refuse the cookie unless it is Secure, has Path=/ and
      // no Domain, so a sibling subdomain cannot plant or shadow it.
      const attrs = cookie.header.split(';').slice(1).map((a) => a.trim());
      for (const attr of ['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/']) {
        assert.ok(attrs.includes(attr), `${attr} in ${cookie.header}`);
      }
      assert.ok(!attrs.some((a) => /^domain=/i.test(a)), `no Domain in ${cookie.header}`);
      const rotated = await request(suite.base, 'POST', '/api/v1/auth/refresh', {
        headers: { ...web, cookie: `other=1; ${COOKIE}=${cookie.value}` },
      });
      assert.equal(rotated.status, 200, rotated.text);
      assert.equal(rotated.json.data.refresh_token, undefined);
      const next = cookieOf(rotated);
      suite.remember(next.value, rotated.json.data.access_token);
      assert.notEqual(next.value, cookie.value);
      const out = await request(suite.base, 'POST', '/api/v1/auth/logout',
        { headers: withCookie(next.value) });
      assert.equal(out.status, 204);
      assert.match(cookieOf(out).header, /Max-Age=0/);
      assertError(await suite.me(rotated.json.data.access_token), 401, 'AUTH_002');
    });

  test('another site cannot spend the cookie: 403 AUTH_007, the session untouched', async () => {
    const { cookie, access } = await webLogin();
    const before = await sessionsOf(access);
    const evil = { origin: 'https://evil.example' };
    for (const path of ['/api/v1/auth/refresh', '/api/v1/auth/logout']) {
      const res = await request(suite.base, 'POST', path, { headers: withCookie(cookie.value, evil) });
      assertError(res, 403, 'AUTH_007');
      assertMatchesContract('POST', path, res);
      assert.equal(res.headers.get('set-cookie'), null, `${path}: no cookie set or cleared`);
    }
    // No Origin but the browser's own word that the page is of another site.
    const crossSite = await request(suite.base, 'POST', '/api/v1/auth/refresh',
      { headers: withCookie(cookie.value, { 'sec-fetch-site': 'cross-site' }) });
    assertError(crossSite, 403, 'AUTH_007');
    // Nothing was rotated or ended: the same session, and the same cookie still works from the
    // app's own origin (a rotated token would have been a replay, revoking the family).
    assert.deepEqual(await sessionsOf(access), before);
    assert.equal((await suite.me(access)).status, 200);
    const own = await request(suite.base, 'POST', '/api/v1/auth/refresh',
      { headers: withCookie(cookie.value, { origin: APP_ORIGIN }) });
    assert.equal(own.status, 200, own.text);
    suite.remember(cookieOf(own).value, own.json.data.access_token);
    assert.equal(own.headers.get('access-control-allow-origin'), APP_ORIGIN);
  });

  test('requests without the cookie are unaffected by their origin', async () => {
    const u = await suite.newUser();
    const res = await suite.refresh(u.refresh, { origin: 'https://evil.example' });
    assert.equal(res.status, 200, res.text);
    suite.remember(res.json.data.access_token, res.json.data.refresh_token);
    const out = await request(suite.base, 'POST', '/api/v1/auth/logout', {
      body: { refresh_token: res.json.data.refresh_token },
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(out.status, 204, out.text);
  });
});


test('the log holds no password, token or email', () => {
  suite.assertLogClean();
});
