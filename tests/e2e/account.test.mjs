// Account deletion, erasure and data export, end to end: DELETE /users/me (password, soft
// delete, tokens dead, login restores within the grace period), `ugoki jobs run-once` erasing
// an account whose grace period is over (every user-owned row gone, the email free again), and
// GET /users/me/export (everything of the caller, nothing of anyone else).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

import { assertError, bearer, login, psql, AuthSuite } from './support/auth.mjs';
import { assertMatchesContract } from './support/contract.mjs';
import { request } from './support/server.mjs';

const run = promisify(execFile);
// Markers unique to this run, so rows left by an earlier (failed) run cannot match.
const tag = randomBytes(4).toString('hex');
const suite = new AuthSuite();

before(() => suite.start());
after(() => suite.stop());

function deleteMe(token, body) {
  return request(suite.base, 'DELETE', '/api/v1/users/me', { headers: bearer(token), body });
}

function exportMe(token) {
  return request(suite.base, 'GET', '/api/v1/users/me/export', { headers: bearer(token) });
}

/** Rows of one user in health, nutrition, billing and platform tables, each holding `marker`. */
async function addData(userId, marker) {
  const id = `'${userId}'::uuid`;
  const m = `'${marker}'`;
  await psql(`
    INSERT INTO fasting_sessions (user_id, started_at, target_end_at, actual_end_at, status,
                                  timezone, end_local_date, notes)
      VALUES (${id}, now() - interval '20 hours', now() - interval '4 hours',
              now() - interval '3 hours', 'completed', 'UTC', current_date, ${m});
    INSERT INTO workout_sessions (user_id, started_at, timezone, local_date, notes)
      VALUES (${id}, now(), 'UTC', current_date, ${m});
    INSERT INTO exercise_logs (user_id, session_id, exercise_id, reps)
      SELECT s.user_id, s.id, e.id, 5 FROM workout_sessions s,
             (SELECT id FROM exercises ORDER BY slug LIMIT 1) e WHERE s.user_id = ${id};
    INSERT INTO meal_logs (user_id, eaten_at, local_date, meal_slot, name)
      VALUES (${id}, now(), current_date, 'lunch', ${m});
    INSERT INTO shopping_list_items (user_id, name) VALUES (${id}, ${m});
    INSERT INTO progress_metrics (user_id, metric_type, time, source, value, metadata)
      VALUES (${id}, 'weight', now(), 'manual', 71.5, jsonb_build_object('note', ${m}));
    INSERT INTO notifications (user_id, type, title) VALUES (${id}, 'system', ${m});
    INSERT INTO device_tokens (user_id, platform, token, app_version)
      VALUES (${id}, 'ios', 'devtok-' || gen_random_uuid(), ${m});
    INSERT INTO subscriptions (user_id, plan_type, status, metadata)
      VALUES (${id}, 'monthly', 'active', jsonb_build_object('note', ${m}));
    INSERT INTO audit_log (user_id, action, ip_hash, request_id)
      VALUES (${id}, 'auth.login', sha256(convert_to(${m}, 'UTF8')), ${m});
    INSERT INTO jobs (queue, kind, user_id) VALUES ('e2e_probe', 'probe.noop', ${id});
  `);
}

/** Every table with a user_id column, and how many of its rows name `userId`. */
async function rowsOf(userId) {
  const tables = (await psql(`SELECT DISTINCT table_name FROM information_schema.columns
                               WHERE table_schema = 'public' AND column_name = 'user_id'
                               ORDER BY 1`)).split('\n');
  assert.ok(tables.length >= 20, `found ${tables.length} user-owned tables`);
  const counts = {};
  for (const t of tables) {
    counts[t] = Number(await psql(`SELECT count(*) FROM "${t}" WHERE user_id = '${userId}'`));
  }
  counts.users = Number(await psql(`SELECT count(*) FROM users WHERE id = '${userId}'`));
  return counts;
}

function runOnce() {
  return run(process.env.UGOKI_BIN, ['jobs', 'run-once'], {
    env: { ...process.env, UGOKI_ENV: 'test', ...suite.key.env },
  });
}

describe('GET /users/me/export', () => {
  test('carries everything of the caller and nothing of another user', async () => {
    const a = await suite.newUser({ displayName: 'Export Alice' });
    const b = await suite.newUser({ displayName: 'Export Bob' });
    const patch = await request(suite.base, 'PATCH', '/api/v1/users/me', {
      headers: bearer(a.access), body: { date_of_birth: '1990-04-02', allergies: ['peanuts'] },
    });
    assert.equal(patch.status, 200, patch.text);
    await addData(a.user.id, `marker-alice-${tag}`);
    await addData(b.user.id, `marker-bob-${tag}`);

    const res = await exportMe(a.access);
    assert.equal(res.status, 200, res.text);
    assertMatchesContract('GET', '/api/v1/users/me/export', res);
    assert.match(res.headers.get('content-disposition'), /^attachment/);
    assert.match(res.headers.get('cache-control'), /no-store/);
    const doc = res.json;
    // The document's shape is the contract's (UserExport): these members, in this order, each
    // module providing its own.
    assert.deepEqual(Object.keys(doc), ['format', 'user_id', 'exported_at', 'account', 'profile',
      'preferences', 'sessions', 'oauth_identities', 'mfa', 'fasting', 'workouts',
      'workout_routines', 'meal_plans', 'shopping_list', 'food', 'content', 'progress',
      'notifications', 'billing', 'security_events']);
    assert.equal(doc.format, 'ugoki.export.v1');
    assert.match(doc.exported_at, /Z$/);
    assert.equal(doc.mfa, null);
    assert.deepEqual(doc.oauth_identities, []);
    assert.equal(doc.progress.metrics_total, 1);
    assert.equal(doc.user_id, a.user.id);
    assert.equal(doc.account.email, a.email);
    assert.equal(doc.profile.display_name, 'Export Alice');
    assert.equal(doc.profile.date_of_birth, '1990-04-02', 'PII decrypted for its owner');
    assert.deepEqual(doc.profile.allergies, ['peanuts']);
    assert.ok(doc.preferences, 'preferences are exported');
    assert.equal(doc.sessions.length, 1, 'the signed-in device');
    assert.equal(doc.fasting.sessions[0].notes, `marker-alice-${tag}`);
    assert.equal(doc.workouts.sessions[0].notes, `marker-alice-${tag}`);
    assert.equal(doc.food.meals[0].name, `marker-alice-${tag}`);
    assert.equal(doc.shopping_list[0].name, `marker-alice-${tag}`);
    assert.equal(doc.progress.metrics[0].value, 71.5);
    assert.equal(doc.progress.metrics_truncated, false);
    assert.equal(doc.notifications.inbox[0].title, `marker-alice-${tag}`);
    assert.equal(doc.notifications.devices[0].app_version, `marker-alice-${tag}`);
    assert.equal(doc.billing.subscriptions[0].plan_type, 'monthly');
    assert.equal(doc.security_events[0].action, 'auth.login');
    assert.match(doc.account.created_at, /Z$/, 'instants in UTC with Z');

    const text = res.text;
    assert.ok(!text.includes(`marker-bob-${tag}`), 'nothing of another user');
    assert.ok(!text.includes(b.user.id) && !text.includes(b.email), 'nothing of another user');
    assert.ok(!text.includes('devtok-'), 'push tokens are credentials, not exported');
    assert.ok(!text.includes('argon2id'), 'no password hash');
    assert.ok(!text.includes(a.refresh), 'no refresh token');
  });

  test('needs a token', async () => {
    const res = await request(suite.base, 'GET', '/api/v1/users/me/export');
    assertError(res, 401, 'AUTH_002');
  });
});

describe('DELETE /users/me', () => {
  test('a wrong or missing password is refused and changes nothing', async () => {
    const u = await suite.newUser();
    let res = await deleteMe(u.access, { password: 'not-the-password-at-all' });
    assertError(res, 401, 'AUTH_001');
    assertMatchesContract('DELETE', '/api/v1/users/me', res);
    res = await deleteMe(u.access, {});
    assertError(res, 400, 'VAL_001');
    res = await deleteMe(u.access, { password: u.password, role: 'admin' });
    assertError(res, 400, 'VAL_001');
    assert.equal((await suite.me(u.access)).status, 200, 'still signed in');
  });

  test('soft-deletes at once, kills every token, and login within the grace restores', async () => {
    const u = await suite.newUser();
    const second = await login(suite.base, u.email, u.password);
    assert.equal(second.status, 200);
    const res = await deleteMe(u.access, { password: u.password });
    assert.equal(res.status, 204, res.text);
    assertMatchesContract('DELETE', '/api/v1/users/me', res);
    const row = await psql(`SELECT deleted_at IS NOT NULL,
                                   erase_after - deleted_at = interval '30 days'
                              FROM users WHERE id = '${u.user.id}'`);
    assert.equal(row, 't|t');
    assertError(await suite.me(u.access), 401, 'AUTH_002');
    assertError(await suite.me(second.json.data.tokens.access_token), 401, 'AUTH_002');
    assertError(await suite.refresh(u.refresh), 401, 'AUTH_002');

    const back = await login(suite.base, u.email, u.password);
    assert.equal(back.status, 200, back.text);
    assert.equal(back.json.data.restored, true);
    const me = await suite.me(back.json.data.tokens.access_token);
    assert.equal(me.status, 200);
    assert.equal(await psql(`SELECT deleted_at IS NULL AND erase_after IS NULL FROM users
                              WHERE id = '${u.user.id}'`), 't');
  });

  test('the email stays taken during the grace period, so login can still restore', async () => {
    const u = await suite.newUser();
    const res = await deleteMe(u.access, { password: u.password });
    assert.equal(res.status, 204, res.text);
    for (const email of [u.email, u.email.toUpperCase()]) {
      const taken = await request(suite.base, 'POST', '/api/v1/auth/register', {
        body: { email, password: u.password },
      });
      assertError(taken, 409, 'USER_002');
      assertMatchesContract('POST', '/api/v1/auth/register', taken);
    }
    assert.equal(await psql(`SELECT count(*) FROM users WHERE email = '${u.email}'`), '1');
    // Even once erase_after has passed, the address is taken until the erasure job has run.
    await psql(`UPDATE users SET deleted_at = now() - interval '31 days',
                                 erase_after = now() - interval '1 day'
                 WHERE id = '${u.user.id}'`);
    assertError(await request(suite.base, 'POST', '/api/v1/auth/register', {
      body: { email: u.email, password: u.password },
    }), 409, 'USER_002');
    await psql(`UPDATE users SET deleted_at = now(), erase_after = now() + interval '30 days'
                 WHERE id = '${u.user.id}'`);
    const back = await login(suite.base, u.email, u.password);
    assert.equal(back.status, 200, back.text);
    assert.equal(back.json.data.restored, true);
    assert.equal(back.json.data.user.id, u.user.id);
    suite.remember(back.json.data.tokens.access_token, back.json.data.tokens.refresh_token);
  });

  test('after the grace period the erasure job removes every row and frees the email',
    async () => {
      const u = await suite.newUser();
      const other = await suite.newUser();
      await addData(u.user.id, `marker-erased-${tag}`);
      await addData(other.user.id, `marker-kept-${tag}`);
      const res = await deleteMe(u.access, { password: u.password });
      assert.equal(res.status, 204, res.text);

      // Inside the grace period the job leaves the account alone.
      await runOnce();
      assert.equal((await rowsOf(u.user.id)).users, 1);

      await psql(`UPDATE users SET deleted_at = now() - interval '31 days',
                                   erase_after = now() - interval '1 day'
                   WHERE id = '${u.user.id}'`);
      const { stdout } = await runOnce();
      assert.match(stdout, /"msg":"jobs run-once done"/);
      assert.ok(!stdout.includes(u.email), 'the job log names nobody');

      const left = await rowsOf(u.user.id);
      for (const [table, count] of Object.entries(left)) {
        assert.equal(count, 0, `${table} still holds ${count} rows of the erased user`);
      }
      const erased = `marker-erased-${tag}`;
      assert.equal(await psql(`SELECT count(*) FROM audit_log WHERE request_id = '${erased}'
                                  OR ip_hash = sha256(convert_to('${erased}', 'UTF8'))`),
      '0', 'audit rows are unlinkable');
      const kept = await rowsOf(other.user.id);
      assert.equal(kept.users, 1);
      assert.equal(kept.fasting_sessions, 1, 'another user keeps their data');

      const again = await request(suite.base, 'POST', '/api/v1/auth/register', {
        body: { email: u.email, password: u.password },
      });
      assert.equal(again.status, 201, again.text);
      assert.notEqual(again.json.data.user.id, u.user.id);
      suite.remember(again.json.data.tokens.access_token, again.json.data.tokens.refresh_token);
    });
});

test('the server log holds no secret, email or token', () => {
  suite.assertLogClean();
});
