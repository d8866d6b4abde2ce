// The admin API's shared pieces end to end: `ugoki admin grant|revoke` on the command line (the
// role a refresh re-reads, sessions ended on revoke, audited with actor null, idempotent, exit 1
// for an unknown or deleted account) and GET /api/v1/admin/audit (admin only, filters, offset
// pages with a total, every bad filter named).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { adminCli, makeAdmin, readAudit } from './support/admin.mjs';
import { assertError, AuthSuite, bearer, login } from './support/auth.mjs';
import { assertMatchesContract } from './support/contract.mjs';
import { request } from './support/server.mjs';

const suite = new AuthSuite();

before(async () => {
  await suite.start();
});

after(async () => {
  await suite.stop();
});

async function tokensAfterRefresh(refreshToken) {
  const res = await suite.refresh(refreshToken);
  assert.equal(res.status, 200, res.text);
  return res.json.data;
}

describe('ugoki admin grant and revoke', () => {
  test('a grant takes effect at the next refresh, is audited once and is idempotent', async () => {
    const u = await suite.newUser();
    const forbidden = await readAudit(suite.base, u.access);
    assertError(forbidden, 403, 'AUTH_003');
    assertMatchesContract('GET', '/api/v1/admin/audit', forbidden);
    assertError(await request(suite.base, 'GET', '/api/v1/admin/audit'), 401, 'AUTH_002');

    const granted = await makeAdmin(u.email);
    assert.match(granted.stdout, /is now an admin/);
    // The token in hand still says free: roles ride in access tokens until they are refreshed.
    assertError(await readAudit(suite.base, u.access), 403, 'AUTH_003');
    const fresh = await tokensAfterRefresh(u.refresh);
    let res = await readAudit(suite.base, fresh.access_token, { entity_id: u.user.id });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.data.map((e) => [e.entity, e.action, e.actor]),
      [['auth.user', 'role.grant', null]]);
    assert.deepEqual(res.json.data[0].changes, { role: { before: 'free', after: 'admin' } });
    assert.equal(res.json.data[0].request_id, null);
    assert.equal(res.json.meta.total, 1);

    const again = await adminCli('grant', u.email.toUpperCase());
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /was already an admin/);
    res = await readAudit(suite.base, fresh.access_token, { entity_id: u.user.id });
    assert.equal(res.json.meta.total, 1, 'a repeated grant writes nothing');
  });

  test('a revoke sets the role back to free and ends every session', async () => {
    const u = await suite.newUser();
    await makeAdmin(u.email);
    const admin = await tokensAfterRefresh(u.refresh);
    assert.equal((await readAudit(suite.base, admin.access_token)).status, 200);

    const revoked = await adminCli('revoke', u.email);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match(revoked.stdout,
      /is no longer an admin \(role free\) \(user [0-9a-f-]+\); 1 sessions ended/);
    // The access token dies with its session (the server's session cache hears of it over
    // Redis pub/sub), and so does the refresh token.
    let res;
    for (let i = 0; i < 40; i += 1) {
      res = await readAudit(suite.base, admin.access_token);
      if (res.status === 401) {
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    assertError(res, 401, 'AUTH_002');
    assertError(await suite.refresh(admin.refresh_token), 401, 'AUTH_002');

    const back = await login(suite.base, u.email, u.password);
    assert.equal(back.status, 200, back.text);
    assert.equal(back.json.data.user.role, 'free');
    assertError(await readAudit(suite.base, back.json.data.tokens.access_token), 403, 'AUTH_003');

    const other = await suite.newUser();
    await makeAdmin(other.email);
    const reader = await tokensAfterRefresh(other.refresh);
    res = await readAudit(suite.base, reader.access_token, { entity_id: u.user.id });
    assert.deepEqual(res.json.data.map((e) => e.action), ['role.revoke', 'role.grant']);
    assert.deepEqual(res.json.data[0].changes, { role: { before: 'admin', after: 'free' } });

    const repeat = await adminCli('revoke', u.email);
    assert.equal(repeat.code, 0, repeat.stderr);
    assert.match(repeat.stdout, /was not an admin \(role unchanged\)/);
    res = await readAudit(suite.base, reader.access_token, { entity_id: u.user.id });
    assert.equal(res.json.meta.total, 2, 'a repeated revoke writes nothing');
  });

  test('an unknown or deleted account exits 1 with a message', async () => {
    const unknown = await adminCli('grant', 'nobody-here@example.test');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no account with the email nobody-here@example.test/);

    const u = await suite.newUser();
    const del = await request(suite.base, 'DELETE', '/api/v1/users/me', {
      headers: bearer(u.access), body: { password: u.password },
    });
    assert.equal(del.status, 204, del.text);
    for (const verb of ['grant', 'revoke']) {
      const r = await adminCli(verb, u.email);
      assert.equal(r.code, 1, `${verb}: ${r.stdout}`);
      assert.match(r.stderr, /no account with the email/);
    }
    const usage = await adminCli('promote', u.email);
    assert.notEqual(usage.code, 0);
  });
});

describe('GET /api/v1/admin/audit', () => {
  let reader;
  const subjects = [];

  before(async () => {
    const a = await suite.newUser();
    await makeAdmin(a.email);
    reader = (await tokensAfterRefresh(a.refresh)).access_token;
    for (let i = 0; i < 3; i += 1) {
      const s = await suite.newUser();
      await makeAdmin(s.email);
      subjects.push(s);
    }
  });

  test('filters, newest first, pages with a total', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    let res = await readAudit(suite.base, reader,
      { entity: 'auth.user', from: since, per_page: '100' });
    assert.equal(res.status, 200, res.text);
    assertMatchesContract('GET', '/api/v1/admin/audit', res);
    const ids = res.json.data.map((e) => e.entity_id);
    const mine = subjects.map((s) => s.user.id).reverse();
    assert.deepEqual(ids.filter((id) => mine.includes(id)), mine, 'newest first');
    for (const e of res.json.data) {
      assert.deepEqual(Object.keys(e).sort(), ['action', 'actor', 'changes', 'created_at',
        'entity', 'entity_id', 'id', 'request_id']);
      assert.match(e.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    }
    res = await readAudit(suite.base, reader, { entity_id: subjects[1].user.id, per_page: '1' });
    assert.equal(res.json.meta.total, 1);
    assert.equal(res.json.meta.page, 1);
    assert.equal(res.json.meta.per_page, 1);
    assert.equal(res.json.data[0].entity_id, subjects[1].user.id);

    const page2 = await readAudit(suite.base, reader,
      { entity: 'auth.user', from: since, per_page: '1', page: '2' });
    assert.equal(page2.json.data.length, 1);
    assert.ok(page2.json.meta.total >= 3);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    res = await readAudit(suite.base, reader, { from: future });
    assert.deepEqual(res.json.data, []);
    assert.equal(res.json.meta.total, 0);
  });

  test('names every bad filter in one 400 and changes nothing', async () => {
    const res = await readAudit(suite.base, reader, {
      actor: 'someone', entity: 'Article', entity_id: '', from: 'yesterday',
      to: '2026-13-01T00:00:00Z', page: '0', per_page: '500',
    });
    assertError(res, 400, 'VAL_001');
    assertMatchesContract('GET', '/api/v1/admin/audit', res);
    assert.deepEqual(res.json.error.details.map((d) => d.field).sort(),
      ['actor', 'entity', 'entity_id', 'from', 'page', 'per_page', 'to']);
  });
});
