// End-to-end: the fasting timer against the real server, PostgreSQL and Redis. Stages, starting
// (protocol or custom target, backdating, clock skew), one active fast per user even under
// concurrent starts, the current timer with its stage, ending, cancelling, corrections, no
// overlaps, history pagination and filters, check-in logs, and two users who cannot reach each
// other's fasts. Every response is checked against api/openapi.yaml; writes are checked in the
// database with psql or a follow-up GET.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { assertError, AuthSuite, bearer, login, psql } from './support/auth.mjs';
import { assertMatchesContract } from './support/contract.mjs';
import { request } from './support/server.mjs';

const SESSIONS = '/api/v1/fasting/sessions';
const T_ONE = `${SESSIONS}/{id}`;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const HOUR = 3600 * 1000;

const suite = new AuthSuite();
before(() => suite.start());
after(async () => {
  // Stop first: a failed log check must not leave the server, and this process, running.
  await suite.stop();
  suite.assertLogClean();
});

function call(method, path, token, body, headers = {}) {
  return request(suite.base, method, path, { headers: bearer(token, headers), body });
}

// Calls and checks the response against the contract's path template in one go.
async function checked(method, template, path, token, body, headers) {
  const res = await call(method, path, token, body, headers);
  assertMatchesContract(method, template, res);
  return res;
}

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const ago = (hours) => iso(Date.now() - hours * HOUR);

function start(token, body) {
  return checked('POST', SESSIONS, SESSIONS, token, body);
}
function end(token, id, body) {
  return checked('POST', `${T_ONE}/end`, `${SESSIONS}/${id}/end`, token, body);
}
function badFields(res) {
  assertError(res, 400, 'VAL_001');
  return res.json.error.details.map((d) => d.field).sort();
}

async function protocolBySlug(slug) {
  const res = await request(suite.base, 'GET', '/api/v1/fasting/protocols');
  return res.json.data.find((p) => p.slug === slug);
}

async function activeRows(userId) {
  return Number(await psql(`SELECT count(*) FROM fasting_sessions WHERE user_id = '${userId}' `
    + "AND status = 'active'"));
}

describe('GET /fasting/stages', () => {
  test('the five stages with hours and sources, cacheable', async () => {
    const res = await request(suite.base, 'GET', '/api/v1/fasting/stages');
    assert.equal(res.status, 200, res.text);
    assertMatchesContract('GET', '/api/v1/fasting/stages', res);
    const stages = res.json.data;
    assert.deepEqual(stages.map((s) => s.slug),
      ['anabolic', 'catabolic', 'fat-burning', 'ketosis', 'deep-ketosis']);
    assert.deepEqual(stages.map((s) => s.starts_after_seconds / 3600), [0, 4, 16, 24, 72]);
    assert.deepEqual(stages.map((s) => s.ends_after_seconds && s.ends_after_seconds / 3600),
      [4, 16, 24, 72, null]);
    for (const s of stages) {
      assert.ok(s.source.length > 20 && s.disclaimer.length > 20, s.slug);
    }
    const etag = res.headers.get('etag');
    assert.match(res.headers.get('cache-control'), /^public, max-age=\d+$/);
    const again = await request(suite.base, 'GET', '/api/v1/fasting/stages',
      { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
  });
});

describe('POST /fasting/sessions', () => {
  test('from a protocol: its length, slug and name, and the profile time zone', async () => {
    const u = await suite.newUser();
    const tz = await call('PATCH', '/api/v1/users/me', u.access, { timezone: 'Europe/Berlin' });
    assert.equal(tz.status, 200, tz.text);
    const p = await protocolBySlug('16-8');
    const before = Date.now();
    const res = await start(u.access, { protocol_id: p.id, notes: 'evening fast' });
    assert.equal(res.status, 201, res.text);
    const s = res.json.data;
    assert.equal(s.status, 'active');
    assert.equal(s.protocol_id, p.id);
    assert.equal(s.protocol_slug, '16-8');
    assert.equal(s.protocol_name, p.name);
    assert.equal(s.target_seconds, 16 * 3600);
    assert.equal(s.timezone, 'Europe/Berlin');
    assert.equal(s.ended_at, null);
    assert.equal(s.notes, 'evening fast');
    const startedMs = Date.parse(s.started_at);
    assert.ok(startedMs >= before - 1000 && startedMs <= Date.now(), 'started now');
    const row = await psql(`SELECT status, protocol_slug, timezone, target_end_at - started_at `
      + `FROM fasting_sessions WHERE id = '${s.id}' AND user_id = '${u.user.id}'`);
    assert.equal(row, 'active|16-8|Europe/Berlin|16:00:00');
  });

  test('a custom target, backdated; fractional hours become seconds', async () => {
    const u = await suite.newUser();
    const startedAt = ago(47);
    const res = await start(u.access, { target_hours: 20.5, started_at: startedAt });
    assert.equal(res.status, 201, res.text);
    const s = res.json.data;
    assert.equal(s.protocol_id, null);
    assert.equal(s.protocol_slug, null);
    assert.equal(s.started_at, startedAt);
    assert.equal(s.target_seconds, 20.5 * 3600);
    assert.equal(s.timezone, 'UTC');
  });

  test('a start a few seconds ahead (clock skew) is clamped to now; further ahead is refused',
    async () => {
      const u = await suite.newUser();
      const far = await start(u.access, { target_hours: 16, started_at: iso(Date.now() + 5 * 60e3) });
      assert.deepEqual(badFields(far), ['started_at']);
      const old = await start(u.access, { target_hours: 16, started_at: ago(49) });
      assert.deepEqual(badFields(old), ['started_at']);
      assert.equal(await activeRows(u.user.id), 0, 'refusals write nothing');
      const near = await start(u.access, { target_hours: 16, started_at: iso(Date.now() + 20e3) });
      assert.equal(near.status, 201, near.text);
      assert.ok(Date.parse(near.json.data.started_at) <= Date.now(), 'clamped to the server now');
    });

  test('bad bodies are 400 naming every field, and write nothing', async () => {
    const u = await suite.newUser();
    assert.deepEqual(badFields(await start(u.access, {})), ['protocol_id']);
    assert.deepEqual(badFields(await start(u.access, { target_hours: 0 })), ['target_hours']);
    assert.deepEqual(badFields(await start(u.access, { target_hours: 169 })), ['target_hours']);
    assert.deepEqual(badFields(await start(u.access, { target_hours: '16' })), ['target_hours']);
    assert.deepEqual(badFields(await start(u.access, {
      protocol_id: 'not-a-uuid', started_at: 'yesterday', user_id: u.user.id, status: 'completed',
    })), ['protocol_id', 'started_at', 'status', 'user_id']);
    assert.deepEqual(badFields(await start(u.access, { target_hours: 16, notes: 'x'.repeat(2001) })),
      ['notes']);
    // A start too far back is named with the body's other bad fields, not after them.
    assert.deepEqual(badFields(await start(u.access, {
      target_hours: 0, notes: '', started_at: ago(49) })), ['notes', 'started_at', 'target_hours']);
    assert.deepEqual(badFields(await start(u.access, {
      protocol_id: 'x', started_at: iso(Date.now() + HOUR) })), ['protocol_id', 'started_at']);
    const notJson = await call('POST', SESSIONS, u.access, '{"target_hours":',
      { 'content-type': 'application/json' });
    assertError(notJson, 400, 'VAL_001');
    assert.equal(await activeRows(u.user.id), 0);
  });

  test('an unknown protocol is 422 FAST_002', async () => {
    const u = await suite.newUser();
    const res = await start(u.access, { protocol_id: UNKNOWN_ID });
    assertError(res, 422, 'FAST_002');
    assert.equal(await activeRows(u.user.id), 0);
  });

  test('a second start while one is active is 409 FAST_001', async () => {
    const u = await suite.newUser();
    assert.equal((await start(u.access, { target_hours: 16 })).status, 201);
    const res = await start(u.access, { target_hours: 12 });
    assertError(res, 409, 'FAST_001');
    assert.equal(await activeRows(u.user.id), 1);
  });

  test('five concurrent starts from two devices: exactly one 201, the rest 409', async () => {
    const u = await suite.newUser();
    const signIn = await login(suite.base, u.email, u.password);
    assert.equal(signIn.status, 200, signIn.text);
    const devices = [u.access, signIn.json.data.tokens.access_token];
    suite.remember(devices[1], signIn.json.data.tokens.refresh_token);
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) =>
      start(devices[i % 2], { target_hours: 14 + i })));
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [201, 409, 409, 409, 409], results.map((r) => r.text).join('\n'));
    for (const r of results.filter((x) => x.status === 409)) {
      assert.equal(r.json.error.code, 'FAST_001');
    }
    assert.equal(await activeRows(u.user.id), 1);
    assert.equal(Number(await psql(
      `SELECT count(*) FROM fasting_sessions WHERE user_id = '${u.user.id}'`)), 1);
  });

  test('needs a token', async () => {
    const res = await request(suite.base, 'POST', SESSIONS, { body: { target_hours: 16 } });
    assertError(res, 401, 'AUTH_002');
  });
});

describe('GET /fasting/sessions/current', () => {
  test('404 FAST_003 when no fast runs', async () => {
    const u = await suite.newUser();
    const res = await checked('GET', `${SESSIONS}/current`, `${SESSIONS}/current`, u.access);
    assertError(res, 404, 'FAST_003');
  });

  test('elapsed, remaining, progress and the stage by elapsed hours', async () => {
    const u = await suite.newUser();
    const startedAt = ago(5);
    const started = await start(u.access, { target_hours: 16, started_at: startedAt });
    assert.equal(started.status, 201, started.text);
    const res = await checked('GET', `${SESSIONS}/current`, `${SESSIONS}/current`, u.access);
    assert.equal(res.status, 200, res.text);
    const v = res.json.data;
    assert.equal(v.session.id, started.json.data.id);
    // Generous bounds: a loaded CI machine may take seconds between the two requests.
    assert.ok(Math.abs(v.elapsed_seconds - 5 * 3600) <= 60, `elapsed ${v.elapsed_seconds}`);
    assert.ok(Math.abs(v.remaining_seconds - 11 * 3600) <= 60);
    assert.equal(v.elapsed_seconds + v.remaining_seconds, 16 * 3600);
    assert.ok(Math.abs(v.progress - v.elapsed_seconds / (16 * 3600)) < 1e-9);
    const startMs = Date.parse(startedAt);
    assert.equal(v.current_stage.slug, 'catabolic');
    assert.equal(v.current_stage.starts_at, iso(startMs + 4 * HOUR));
    assert.equal(v.current_stage.ends_at, iso(startMs + 16 * HOUR));
    assert.equal(v.next_stage.slug, 'fat-burning');
    assert.equal(v.next_stage.starts_at, iso(startMs + 16 * HOUR));
  });

  test('past the target: progress above 1, nothing remaining', async () => {
    const u = await suite.newUser();
    await start(u.access, { target_hours: 12, started_at: ago(30) });
    const res = await checked('GET', `${SESSIONS}/current`, `${SESSIONS}/current`, u.access);
    const v = res.json.data;
    assert.equal(v.remaining_seconds, 0);
    assert.ok(v.progress > 2.4 && v.progress < 2.6, `progress ${v.progress}`);
    assert.equal(v.current_stage.slug, 'ketosis');
    assert.equal(v.next_stage.slug, 'deep-ketosis');
  });
});

describe('GET /fasting/sessions/:id', () => {
  test('the owner sees it; another user gets 404; a bad id is 400', async () => {
    const a = await suite.newUser();
    const b = await suite.newUser();
    const s = (await start(a.access, { target_hours: 16 })).json.data;
    const own = await checked('GET', T_ONE, `${SESSIONS}/${s.id}`, a.access);
    assert.equal(own.status, 200);
    assert.deepEqual(own.json.data, s);
    const upper = await call('GET', `${SESSIONS}/${s.id.toUpperCase()}`, a.access);
    assert.equal(upper.status, 200);
    assertError(await checked('GET', T_ONE, `${SESSIONS}/${s.id}`, b.access), 404, 'FAST_003');
    assertError(await call('GET', `${SESSIONS}/${UNKNOWN_ID}`, a.access), 404, 'FAST_003');
    assert.deepEqual(badFields(await checked('GET', T_ONE, `${SESSIONS}/nope`, a.access)), ['id']);
  });
});

describe('ending and cancelling', () => {
  test('ended before the target: ended_early, with the local end date', async () => {
    const u = await suite.newUser();
    await call('PATCH', '/api/v1/users/me', u.access, { timezone: 'America/Los_Angeles' });
    const s = (await start(u.access, { target_hours: 16, started_at: ago(10) })).json.data;
    const endedAt = ago(1);
    const res = await end(u.access, s.id, { ended_at: endedAt });
    assert.equal(res.status, 200, res.text);
    const e = res.json.data;
    assert.equal(e.status, 'ended_early');
    assert.equal(e.ended_at, endedAt);
    assert.equal(e.duration_seconds, 9 * 3600);
    const local = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' })
      .format(new Date(endedAt));
    assert.equal(e.end_local_date, local);
    const row = await psql(`SELECT status, end_local_date FROM fasting_sessions WHERE id = '${s.id}'`);
    assert.equal(row, `ended_early|${local}`);
    assert.equal(await activeRows(u.user.id), 0);
    // Finished: a second end and a cancel are 409 FAST_005 and change nothing.
    assertError(await end(u.access, s.id, {}), 409, 'FAST_005');
    const cancel = await checked('POST', `${T_ONE}/cancel`, `${SESSIONS}/${s.id}/cancel`, u.access);
    assertError(cancel, 409, 'FAST_005');
    assert.equal(await psql(`SELECT status FROM fasting_sessions WHERE id = '${s.id}'`),
      'ended_early');
  });

  test('ended now after the target: completed; an empty body means now', async () => {
    const u = await suite.newUser();
    const s = (await start(u.access, { target_hours: 16, started_at: ago(17) })).json.data;
    const res = await call('POST', `${SESSIONS}/${s.id}/end`, u.access);
    assert.equal(res.status, 200, res.text);
    assertMatchesContract('POST', `${T_ONE}/end`, res);
    assert.equal(res.json.data.status, 'completed');
    assert.ok(Math.abs(Date.parse(res.json.data.ended_at) - Date.now()) < 60e3);
    assert.match(res.json.data.end_local_date, /^\d{4}-\d{2}-\d{2}$/);
  });

  test('end times before the start or in the future are 400 and change nothing', async () => {
    const u = await suite.newUser();
    const s = (await start(u.access, { target_hours: 16, started_at: ago(3) })).json.data;
    assert.deepEqual(badFields(await end(u.access, s.id, { ended_at: ago(4) })), ['ended_at']);
    assert.deepEqual(badFields(await end(u.access, s.id, { ended_at: iso(Date.now() + HOUR) })),
      ['ended_at']);
    assert.deepEqual(badFields(await end(u.access, s.id, { ended_at: 'soon', extra: 1 })),
      ['ended_at', 'extra']);
    assert.deepEqual(badFields(await end(u.access, s.id, {
      ended_at: iso(Date.now() + HOUR), extra: 1 })), ['ended_at', 'extra']);
    assert.equal(await activeRows(u.user.id), 1);
  });

  test('another user cannot end or cancel it', async () => {
    const a = await suite.newUser();
    const b = await suite.newUser();
    const s = (await start(a.access, { target_hours: 16 })).json.data;
    assertError(await end(b.access, s.id, {}), 404, 'FAST_003');
    assertError(await call('POST', `${SESSIONS}/${s.id}/cancel`, b.access), 404, 'FAST_003');
    assert.equal(await activeRows(a.user.id), 1);
  });

  test('cancel: cancelled, no streak day, and a new fast may start', async () => {
    const u = await suite.newUser();
    const s = (await start(u.access, { target_hours: 16, started_at: ago(2) })).json.data;
    const res = await checked('POST', `${T_ONE}/cancel`, `${SESSIONS}/${s.id}/cancel`, u.access);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.data.status, 'cancelled');
    assert.equal(res.json.data.end_local_date, null);
    assert.equal(await psql(`SELECT status, end_local_date IS NULL FROM fasting_sessions `
      + `WHERE id = '${s.id}'`), 'cancelled|t');
    // A cancelled fast does not block its time range either.
    const again = await start(u.access, { target_hours: 16, started_at: ago(2) });
    assert.equal(again.status, 201, again.text);
  });
});

describe('no overlaps', () => {
  test('a backdated start inside an earlier fast is 409 FAST_004; back-to-back is fine',
    async () => {
      const u = await suite.newUser();
      const first = (await start(u.access, { target_hours: 16, started_at: ago(40) })).json.data;
      const endedAt = ago(30);
      assert.equal((await end(u.access, first.id, { ended_at: endedAt })).status, 200);
      const inside = await start(u.access, { target_hours: 16, started_at: ago(35) });
      assertError(inside, 409, 'FAST_004');
      assert.equal(await activeRows(u.user.id), 0);
      const touching = await start(u.access, { target_hours: 16, started_at: endedAt });
      assert.equal(touching.status, 201, touching.text);
    });
});

describe('PATCH /fasting/sessions/:id', () => {
  function patch(token, id, body) {
    return checked('PATCH', T_ONE, `${SESSIONS}/${id}`, token, body);
  }

  test('notes, target and a corrected start; null clears the notes', async () => {
    const u = await suite.newUser();
    const s = (await start(u.access, { target_hours: 16, started_at: ago(2) })).json.data;
    const newStart = ago(3);
    let res = await patch(u.access, s.id, { notes: 'felt fine', target_hours: 18,
      started_at: newStart });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.data.notes, 'felt fine');
    assert.equal(res.json.data.started_at, newStart);
    assert.equal(res.json.data.target_seconds, 18 * 3600);
    // A new start alone keeps the target length.
    const later = ago(2.5);
    res = await patch(u.access, s.id, { started_at: later, notes: null });
    assert.equal(res.json.data.started_at, later);
    assert.equal(res.json.data.target_seconds, 18 * 3600);
    assert.equal(res.json.data.notes, null);
    assert.equal(await psql(`SELECT notes IS NULL, target_end_at - started_at FROM `
      + `fasting_sessions WHERE id = '${s.id}'`), 't|18:00:00');
  });

  test('a finished fast is re-judged against its new target', async () => {
    const u = await suite.newUser();
    const s = (await start(u.access, { target_hours: 16, started_at: ago(12) })).json.data;
    const e = await end(u.access, s.id, {});
    assert.equal(e.json.data.status, 'ended_early');
    const res = await patch(u.access, s.id, { target_hours: 10 });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.data.status, 'completed');
    assert.equal(await psql(`SELECT status FROM fasting_sessions WHERE id = '${s.id}'`),
      'completed');
  });

  test('a start in the future, after the end, or overlapping is refused', async () => {
    const u = await suite.newUser();
    const first = (await start(u.access, { target_hours: 16, started_at: ago(20) })).json.data;
    await end(u.access, first.id, { ended_at: ago(10) });
    const second = (await start(u.access, { target_hours: 16, started_at: ago(5) })).json.data;
    assert.deepEqual(badFields(await patch(u.access, second.id,
      { started_at: iso(Date.now() + HOUR) })), ['started_at']);
    assert.deepEqual(badFields(await patch(u.access, first.id, { started_at: ago(9) })),
      ['started_at']);
    assertError(await patch(u.access, second.id, { started_at: ago(15) }), 409, 'FAST_004');
    assert.deepEqual(badFields(await patch(u.access, second.id,
      { target_hours: null, id: UNKNOWN_ID, status: 'completed' })),
    ['id', 'status', 'target_hours']);
    // Every bad field in one answer, a start in the future among them.
    assert.deepEqual(badFields(await patch(u.access, second.id,
      { notes: '', target_hours: 200, started_at: iso(Date.now() + HOUR) })),
    ['notes', 'started_at', 'target_hours']);
    const rows = await psql(`SELECT to_char(started_at AT TIME ZONE 'UTC', `
      + `'YYYY-MM-DD"T"HH24:MI:SS"Z"') FROM fasting_sessions WHERE user_id = '${u.user.id}' `
      + 'ORDER BY started_at');
    assert.deepEqual(rows.split('\n'), [first.started_at, second.started_at], 'unchanged');
  });

  test('another user gets 404', async () => {
    const a = await suite.newUser();
    const b = await suite.newUser();
    const s = (await start(a.access, { target_hours: 16 })).json.data;
    assertError(await patch(b.access, s.id, { notes: 'mine now' }), 404, 'FAST_003');
    assert.equal(await psql(`SELECT notes IS NULL FROM fasting_sessions WHERE id = '${s.id}'`), 't');
  });
});

describe('GET /fasting/sessions/history', () => {
  const HISTORY = `${SESSIONS}/history`;

  // Six one-hour fasts, 40 h to 30 h ago, alternately completed and ended early, then a running
  // one. Returns them newest first as the API shows them.
  async function fill(u) {
    const made = [];
    for (let i = 0; i < 6; i++) {
      const startH = 40 - 2 * i;
      const s = (await start(u.access, { target_hours: i % 2 === 0 ? 1 : 2,
        started_at: ago(startH) })).json.data;
      const e = await end(u.access, s.id, { ended_at: iso(Date.parse(s.started_at) + HOUR) });
      made.push(e.json.data);
    }
    made.push((await start(u.access, { target_hours: 16, started_at: ago(1) })).json.data);
    return made.reverse();
  }

  test('newest first, page by page with the cursor, nothing twice', async () => {
    const u = await suite.newUser();
    const other = await suite.newUser();
    await start(other.access, { target_hours: 16, started_at: ago(20) });
    const made = await fill(u);
    const seen = [];
    let cursor;
    let pages = 0;
    do {
      const q = cursor ? `?limit=3&cursor=${encodeURIComponent(cursor)}` : '?limit=3';
      const res = await checked('GET', HISTORY, HISTORY + q, u.access);
      assert.equal(res.status, 200, res.text);
      seen.push(...res.json.data);
      cursor = res.json.pagination.cursor;
      assert.equal(res.json.pagination.has_more, cursor !== null);
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.deepEqual(seen.map((s) => s.id), made.map((s) => s.id));
    assert.equal(seen[0].status, 'active');
  });

  test('filters by status and by local start date', async () => {
    const u = await suite.newUser();
    const made = await fill(u);
    const completed = await checked('GET', HISTORY, `${HISTORY}?status=completed`, u.access);
    assert.deepEqual(completed.json.data.map((s) => s.id),
      made.filter((s) => s.status === 'completed').map((s) => s.id));
    assert.equal(completed.json.data.length, 3);
    const day = made[3].started_at.slice(0, 10);
    const byDay = await checked('GET', HISTORY, `${HISTORY}?from=${day}&to=${day}`, u.access);
    assert.deepEqual(byDay.json.data.map((s) => s.id),
      made.filter((s) => s.started_at.startsWith(day)).map((s) => s.id));
    assert.ok(byDay.json.data.length >= 1);
    const none = await call('GET', `${HISTORY}?from=2000-01-01&to=2000-01-31`, u.access);
    assert.deepEqual(none.json.data, []);
    assert.equal(none.json.pagination.has_more, false);
  });

  test('bad parameters and altered cursors are 400', async () => {
    const u = await suite.newUser();
    await fill(u);
    for (const [q, field] of [['limit=0', 'limit'], ['limit=101', 'limit'], ['limit=ten', 'limit'],
      ['from=2026-02-30', 'from'], ['to=yesterday', 'to'], ['status=paused', 'status'],
      ['from=2026-03-02&to=2026-03-01', 'from'], ['cursor=abc', 'cursor']]) {
      const res = await checked('GET', HISTORY, `${HISTORY}?${q}`, u.access);
      assert.deepEqual(badFields(res), [field], q);
    }
    const all = await checked('GET', HISTORY,
      `${HISTORY}?limit=0&cursor=abc&from=2026-02-30&to=yesterday&status=paused`, u.access);
    assert.deepEqual(badFields(all), ['cursor', 'from', 'limit', 'status', 'to']);
    const reversed = await checked('GET', HISTORY,
      `${HISTORY}?limit=101&from=2026-03-02&to=2026-03-01`, u.access);
    assert.deepEqual(badFields(reversed), ['from', 'limit']);
    const page = await call('GET', `${HISTORY}?limit=1`, u.access);
    const c = page.json.pagination.cursor;
    const altered = c.slice(0, 3) + (c[3] === 'A' ? 'B' : 'A') + c.slice(4);
    const res = await call('GET', `${HISTORY}?cursor=${encodeURIComponent(altered)}`, u.access);
    assert.deepEqual(badFields(res), ['cursor']);
  });
});

describe('fasting logs', () => {
  const T_LOGS = `${T_ONE}/logs`;

  test('create, list in time order, delete; the database follows', async () => {
    const u = await suite.newUser();
    const s = (await start(u.access, { target_hours: 16, started_at: ago(6) })).json.data;
    const logs = `${SESSIONS}/${s.id}/logs`;
    const first = await checked('POST', T_LOGS, logs, u.access,
      { mood: 4, energy: 3, hunger: 2, symptoms: ['headache', 'headache', 'cold hands'],
        note: 'ok so far', logged_at: ago(5) });
    assert.equal(first.status, 201, first.text);
    assert.deepEqual(first.json.data.symptoms, ['headache', 'cold hands']);
    const second = await checked('POST', T_LOGS, logs, u.access, { hunger: 5 });
    assert.equal(second.status, 201, second.text);
    assert.ok(Math.abs(Date.parse(second.json.data.logged_at) - Date.now()) < 60e3, 'now');
    assert.deepEqual(second.json.data.symptoms, []);
    const list = await checked('GET', T_LOGS, logs, u.access);
    assert.deepEqual(list.json.data.map((l) => l.id), [first.json.data.id, second.json.data.id]);

    const del = await checked('DELETE', `${T_LOGS}/{logId}`,
      `${logs}/${first.json.data.id}`, u.access);
    assert.equal(del.status, 204);
    const after = await call('GET', logs, u.access);
    assert.deepEqual(after.json.data.map((l) => l.id), [second.json.data.id]);
    assert.equal(await psql(`SELECT deleted_at IS NOT NULL FROM fasting_logs `
      + `WHERE id = '${first.json.data.id}'`), 't');
    const again = await checked('DELETE', `${T_LOGS}/{logId}`,
      `${logs}/${first.json.data.id}`, u.access);
    assertError(again, 404, 'FAST_006');
  });

  test('times outside the fast and bad values are 400 and write nothing', async () => {
    const u = await suite.newUser();
    const s = (await start(u.access, { target_hours: 16, started_at: ago(3) })).json.data;
    const logs = `${SESSIONS}/${s.id}/logs`;
    const post = (body) => checked('POST', T_LOGS, logs, u.access, body);
    assert.deepEqual(badFields(await post({ mood: 3, logged_at: ago(4) })), ['logged_at']);
    assert.deepEqual(badFields(await post({ mood: 3, logged_at: iso(Date.now() + HOUR) })),
      ['logged_at']);
    assert.deepEqual(badFields(await post({})), ['mood']);
    assert.deepEqual(badFields(await post({ symptoms: [] })), ['mood']);
    assert.deepEqual(badFields(await post({ mood: 6, energy: 0, hunger: 2.5, symptoms: [1],
      note: '', session_id: s.id })),
    ['energy', 'hunger', 'mood', 'note', 'session_id', 'symptoms']);
    assert.deepEqual(badFields(await post({
      mood: 6, note: '', logged_at: iso(Date.now() + HOUR) })), ['logged_at', 'mood', 'note']);
    assert.equal(await psql(`SELECT count(*) FROM fasting_logs WHERE session_id = '${s.id}'`), '0');
  });

  test('a finished fast takes logs within its start and end only', async () => {
    const u = await suite.newUser();
    const s = (await start(u.access, { target_hours: 16, started_at: ago(10) })).json.data;
    await end(u.access, s.id, { ended_at: ago(5) });
    const logs = `${SESSIONS}/${s.id}/logs`;
    assert.equal((await call('POST', logs, u.access, { mood: 2, logged_at: ago(6) })).status, 201);
    assert.deepEqual(badFields(await call('POST', logs, u.access, { mood: 2, logged_at: ago(4) })),
      ['logged_at']);
  });

  test("another user's session: 404 on every log route", async () => {
    const a = await suite.newUser();
    const b = await suite.newUser();
    const s = (await start(a.access, { target_hours: 16, started_at: ago(1) })).json.data;
    const logs = `${SESSIONS}/${s.id}/logs`;
    const mine = (await call('POST', logs, a.access, { mood: 3 })).json.data;
    assertError(await call('POST', logs, b.access, { mood: 1 }), 404, 'FAST_003');
    assertError(await call('GET', logs, b.access), 404, 'FAST_003');
    assertError(await call('DELETE', `${logs}/${mine.id}`, b.access), 404, 'FAST_006');
    assert.equal(await psql(`SELECT count(*) FROM fasting_logs WHERE session_id = '${s.id}' `
      + 'AND deleted_at IS NULL'), '1');
    assert.deepEqual(badFields(await call('DELETE', `${logs}/x`, a.access)), ['logId']);
  });
});

describe('Idempotency-Key', () => {
  test('the same key and body replays the first start instead of a 409', async () => {
    const u = await suite.newUser();
    const headers = { 'idempotency-key': `start-${Math.random().toString(36).slice(2)}` };
    const body = { target_hours: 16 };
    const first = await checked('POST', SESSIONS, SESSIONS, u.access, body, headers);
    assert.equal(first.status, 201, first.text);
    const again = await checked('POST', SESSIONS, SESSIONS, u.access, body, headers);
    assert.equal(again.status, 201, again.text);
    assert.equal(again.json.data.id, first.json.data.id);
    assert.equal(await activeRows(u.user.id), 1);
  });
});
