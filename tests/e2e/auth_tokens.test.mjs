// End-to-end: access and refresh tokens against the real server. jose verifies our tokens
// against our JWKS as another service would and forges the attack tokens (alg none, HS256 with
// our public key, unknown kid, tampered, expired, not yet valid, wrong iss/aud); refresh
// rotation and replay (RFC 9700); the Redis failure modes; no token in the log.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import net from 'node:net';

import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';

import { assertError, AuthSuite, b64json, bearer, login, makeKeyFile, psql,
  strongPassword } from './support/auth.mjs';
import { assertMatchesContract } from './support/contract.mjs';
import { request, startServer } from './support/server.mjs';

const ISSUER = 'ugoki';
const AUDIENCE = 'ugoki-api';
const suite = new AuthSuite();
before(() => suite.start());
after(() => suite.stop());

describe('tokens', () => {
  test('access tokens verify with jose against our JWKS, as another service would', async () => {
    const u = await suite.newUser();
    const jwks = await request(suite.base, 'GET', '/.well-known/jwks.json');
    assert.equal(jwks.status, 200);
    assert.match(jwks.headers.get('cache-control'), /public/);
    assert.ok(jwks.json.keys.some((k) => k.kid === suite.key.kid && k.alg === 'RS256'));
    assert.ok(jwks.json.keys.every((k) => !('d' in k)), 'no private parts in the JWKS');
    const JWKS = createRemoteJWKSet(new URL('/.well-known/jwks.json', suite.base));
    const { payload, protectedHeader } = await jwtVerify(u.access, JWKS, {
      issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'],
    });
    assert.equal(protectedHeader.kid, suite.key.kid);
    assert.equal(payload.sub, u.user.id);
    assert.equal(payload.email, u.email);
    assert.equal(payload.role, 'free');
    assert.equal(payload.exp - payload.iat, 900);
    assert.ok(payload.jti);
  });

  test('forged and invalid tokens are refused with 401 AUTH_002', async () => {
    const u = await suite.newUser();
    const claims = decodeJwt(u.access);
    const header = decodeProtectedHeader(u.access);
    const now = Math.floor(Date.now() / 1000);
    const [h, p, s] = u.access.split('.');
    const hsInput = `${b64json({ alg: 'HS256', typ: 'JWT', kid: suite.key.kid })}.${p}`;
    const hs256 = `${hsInput}.${createHmac('sha256', suite.key.publicKeyPem).update(hsInput)
      .digest('base64url')}`;
    const other = makeKeyFile(suite.key.kid);
    const forged = {
      'alg none': `${b64json({ alg: 'none', typ: 'JWT' })}.${p}.`,
      'alg none with kid': `${b64json({ alg: 'none', typ: 'JWT', kid: header.kid })}.${p}.`,
      'HS256 signed with our public key': hs256,
      'unknown kid': await suite.sign(claims, { kid: 'not-a-key' }),
      'another key under our kid': await suite.sign(claims, { pem: other.privateKeyPem }),
      'tampered payload': `${h}.${b64json({ ...claims, role: 'admin' })}.${s}`,
      expired: await suite.sign({ ...claims, iat: now - 3600, exp: now - 120 }),
      'not yet valid': await suite.sign({ ...claims, nbf: now + 600 }),
      'wrong issuer': await suite.sign({ ...claims, iss: 'evil' }),
      'wrong audience': await suite.sign({ ...claims, aud: 'another-api' }),
      garbage: 'abc.def.ghi',
    };
    for (const [name, token] of Object.entries(forged)) {
      const res = await suite.me(token);
      assert.equal(res.status, 401, `${name}: ${res.text}`);
      assert.equal(res.json.error.code, 'AUTH_002', name);
      assert.equal(res.headers.get('www-authenticate'), 'Bearer', name);
      assertMatchesContract('GET', '/api/v1/users/me', res);
    }
    assert.equal((await suite.me(forged.expired)).json.error.message, 'Access token expired');
    // A token we signed ourselves with valid claims is accepted: the forgeries failed for
    // the reasons named, not because test-signed tokens never work.
    assert.equal((await suite.me(await suite.sign(claims))).status, 200);
    // Within the 30 s leeway an expired token still passes.
    assert.equal((await suite.me(await suite.sign({ ...claims, exp: now - 5 }))).status, 200);
  });

  test('no token, another scheme or an empty one is 401 AUTH_002 on every protected route',
    async () => {
      const routes = [['GET', '/api/v1/users/me'], ['GET', '/api/v1/auth/sessions'],
        ['DELETE', '/api/v1/auth/sessions/3f6c2b1e-8d4a-4f7e-9b2c-5a1d0e9f8c73'],
        ['POST', '/api/v1/auth/logout-all'], ['POST', '/api/v1/auth/password']];
      for (const headers of [{}, { authorization: 'Basic dTpw' }, { authorization: 'Bearer ' }]) {
        for (const [method, path] of routes) {
          const res = await request(suite.base, method, path, { headers });
          assertError(res, 401, 'AUTH_002');
          assert.equal(res.headers.get('www-authenticate'), 'Bearer');
        }
      }
    });

  test('refresh rotates: the new pair works, the old refresh token is single use', async () => {
    const u = await suite.newUser();
    const first = await suite.refresh(u.refresh);
    assert.equal(first.status, 200, first.text);
    assertMatchesContract('POST', '/api/v1/auth/refresh', first);
    const next = first.json.data;
    suite.remember(next.access_token, next.refresh_token);
    assert.notEqual(next.refresh_token, u.refresh);
    assert.equal((await suite.me(next.access_token)).status, 200);
    // Stored hashed: the raw token is nowhere in Redis keys.
    const second = await suite.refresh(next.refresh_token);
    assert.equal(second.status, 200);
    suite.remember(second.json.data.access_token, second.json.data.refresh_token);
  });

  test('replaying a used refresh token revokes the whole family (RFC 9700)', async () => {
    const u = await suite.newUser();
    const rotated = (await suite.refresh(u.refresh)).json.data;
    suite.remember(rotated.access_token, rotated.refresh_token);
    const replay = await suite.refresh(u.refresh);
    assertError(replay, 401, 'AUTH_002');
    assertMatchesContract('POST', '/api/v1/auth/refresh', replay);
    // The newest token of that family is dead too, and so are its access tokens.
    assertError(await suite.refresh(rotated.refresh_token), 401, 'AUTH_002');
    assertError(await suite.me(rotated.access_token), 401, 'AUTH_002');
    assertError(await suite.me(u.access), 401, 'AUTH_002');
    // Another sign-in of the same user is a separate family and is unaffected.
    const other = await login(suite.base, u.email, u.password);
    assert.equal((await suite.me(other.json.data.tokens.access_token)).status, 200);
    suite.remember(other.json.data.tokens.access_token, other.json.data.tokens.refresh_token);
  });

  test('unknown refresh tokens and bad bodies are refused', async () => {
    assertError(await suite.refresh('A'.repeat(43)), 401, 'AUTH_002');
    assertError(await request(suite.base, 'POST', '/api/v1/auth/refresh', { body: {} }), 400,
      'VAL_001');
  });

  test('a validly signed token whose sub names no user is 401 AUTH_002 everywhere', async () => {
    const u = await suite.newUser();
    // Our own key, a live session (u's), but a subject that is nobody.
    const ghost = await suite.sign({ ...decodeJwt(u.access), sub: randomUUID() });
    for (const [method, path] of [['GET', '/api/v1/users/me'], ['PATCH', '/api/v1/users/me'],
      ['GET', '/api/v1/users/me/preferences'], ['GET', '/api/v1/users/me/export'],
      ['GET', '/api/v1/auth/sessions'], ['GET', '/api/v1/fasting/sessions/current'],
      ['GET', '/api/v1/analytics/dashboard']]) {
      const res = await request(suite.base, method, path,
        { headers: bearer(ghost), body: method === 'PATCH' ? {} : undefined });
      assertError(res, 401, 'AUTH_002');
      assert.equal(res.headers.get('www-authenticate'), 'Bearer', `${method} ${path}`);
    }
    assert.equal((await suite.me(u.access)).status, 200, 'the real token still works');
  });

  test('an account that is gone while its session lives on is 401 AUTH_002, not 404', async () => {
    // The row removed behind the sessions' back (erasure ends them too, after its commit): the
    // token is still validly signed and its session alive, but it names nobody any more.
    const u = await suite.newUser();
    await psql(`DELETE FROM users WHERE id = '${u.user.id}'`);
    const routes = [['GET', '/api/v1/users/me'], ['PATCH', '/api/v1/users/me', { locale: 'de' }],
      ['GET', '/api/v1/users/me/preferences'],
      ['PATCH', '/api/v1/users/me/preferences', { units: 'imperial' }],
      ['POST', '/api/v1/users/me/onboarding',
        { goals: ['longevity'], fasting_experience: 'none', activity_level: 'light' }],
      ['GET', '/api/v1/users/me/export'], ['DELETE', '/api/v1/users/me', { password: u.password }],
      ['POST', '/api/v1/auth/password',
        { current_password: u.password, new_password: strongPassword() }]];
    for (const [method, path, body] of routes) {
      const res = await request(suite.base, method, path, { headers: bearer(u.access), body });
      assertError(res, 401, 'AUTH_002');
      assert.equal(res.headers.get('www-authenticate'), 'Bearer', `${method} ${path}`);
      assertMatchesContract(method, path, res);
    }
  });

  test('a token naming another user\'s session is refused, cached or not', async () => {
    const a = await suite.newUser();
    const b = await suite.newUser();
    // b's claims with a's session: served as b before the session was bound to its subject.
    const forged = await suite.sign({ ...decodeJwt(b.access), jti: decodeJwt(a.access).jti });
    assertError(await suite.me(forged), 401, 'AUTH_002');
    // a's session is now cached as alive (a's own request); the forgery must not ride on that.
    assert.equal((await suite.me(a.access)).status, 200);
    assertError(await suite.me(forged), 401, 'AUTH_002');
    assert.equal((await suite.me(b.access)).status, 200, "b's own token still works");
    assert.equal((await suite.me(a.access)).status, 200, "a's own token still works");
  });

  test('a token of a deleted user is refused at once (sessions revoked on deletion)',
    async () => {
      const u = await suite.newUser();
      // What DELETE /users/me does: soft delete + logout-all.
      await psql(`UPDATE users SET deleted_at = now(), erase_after = now() + interval '30 days'
        WHERE id = '${u.user.id}'`);
      assertError(await suite.refresh(u.refresh), 401, 'AUTH_002');
      assertError(await suite.me(u.access), 401, 'AUTH_002');
    });
});

// Servers sharing our key but with Redis unreachable: the documented UGOKI_AUTH_REDIS_FAILURE.
describe('when Redis is down', () => {
  async function freePort() {
    return new Promise((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = srv.address();
        srv.close(() => resolve(port));
      });
    });
  }

  for (const [mode, status] of [['closed', 503], ['open', 200]]) {
    test(`UGOKI_AUTH_REDIS_FAILURE=${mode} answers ${status}`, async () => {
      const u = await suite.newUser();
      const down = await startServer({ env: {
        UGOKI_ENV: 'test', ...suite.key.env,
        UGOKI_REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
        UGOKI_AUTH_REDIS_FAILURE: mode,
      } });
      try {
        const res = await request(down.baseUrl, 'GET', '/api/v1/users/me',
          { headers: bearer(u.access) });
        assert.equal(res.status, status, res.text);
        if (status === 503) {
          assert.equal(res.json.error.code, 'SVC_001');
        } else {
          assert.equal(res.json.data.id, u.user.id);
        }
        // The signature is still checked in open mode.
        const forged = `${u.access.split('.').slice(0, 2).join('.')}.AAAA`;
        assertError(await request(down.baseUrl, 'GET', '/api/v1/users/me',
          { headers: bearer(forged) }), 401, 'AUTH_002');
      } finally {
        assert.equal(await down.stop(), 0);
      }
    });
  }
});


test('a JWT key that is not an RSA key stops the start with one clear line', async () => {
  const bad = makeKeyFile('broken');
  writeFileSync(bad.file, '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n');
  await assert.rejects(startServer({ env: { UGOKI_ENV: 'test', ...bad.env } }),
    /cannot start auth.*UGOKI_JWT_KEYS: key broken/s);
});

test('the log holds no password, token or email', () => {
  suite.assertLogClean();
});
