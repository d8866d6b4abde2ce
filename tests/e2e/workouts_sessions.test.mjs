// End-to-end: workout sessions against the real server, PostgreSQL and Redis. Starting
// (free-form, backdated, a client id replayed, Idempotency-Key), one workout in progress and no
// overlaps, sets upserted by slot with pause and resume, completing with kcal computed by hand
// from the profile's weight, corrections after completion, ownership (another user's session is
// 404), history filters, stats in a non-UTC zone, records, streaks, the dashboard's week and the
// data export. Every response is checked against api/openapi.yaml; writes are checked with psql.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { assertError, AuthSuite, bearer, psql } from './support/auth.mjs';
import { assertMatchesContract } from './support/contract.mjs';
import { request } from './support/server.mjs';

const SESSIONS = '/api/v1/workouts/sessions';
const ONE = `${SESSIONS}/{id}`;
const MINUTE = 60 * 1000;

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
async function checked(method, template, path, token, body, headers) {
  const res = await call(method, path, token, body, headers);
  assertMatchesContract(method, template, res);
  return res;
}
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const minutesAgo = (m) => iso(Math.floor(Date.now() / 1000) * 1000 - m * MINUTE);

const start = (token, body, headers) => checked('POST', SESSIONS, SESSIONS, token, body, headers);
const patch = (token, id, body) => checked('PATCH', ONE, `${SESSIONS}/${id}`, token, body);
const complete = (token, id, body) =>
  checked('POST', `${ONE}/complete`, `${SESSIONS}/${id}/complete`, token, body);
const getOne = (token, id) => checked('GET', ONE, `${SESSIONS}/${id}`, token);

async function exercise(slug) {
  return psql(`SELECT id FROM exercises WHERE slug = '${slug}'`);
}
async function rowsOf(userId) {
  return Number(await psql(`SELECT count(*) FROM workout_sessions WHERE user_id = '${userId}'`));
}
function badFields(res) {
  assertError(res, 400, 'VAL_001');
  return res.json.error.details.map((d) => d.field).sort();
}

describe('POST /workouts/sessions', () => {
  test('free-form, backdated: the profile zone and body mass, nothing fasted', async () => {
    const u = await suite.newUser();
    await call('PATCH', '/api/v1/users/me', u.access, { timezone: 'Europe/Berlin', weight_kg: 80 });
    const startedAt = minutesAgo(90);
    const res = await start(u.access, { type: 'strength', started_at: startedAt, notes: 'legs' });
    assert.equal(res.status, 201, res.text);
    const s = res.json.data;
    assert.equal(s.type, 'strength');
    assert.equal(s.status, 'in_progress');
    assert.equal(s.started_at, startedAt);
    assert.equal(s.timezone, 'Europe/Berlin');
    assert.equal(s.body_mass_kg, 80);
    assert.equal(s.kcal_estimated, false);
    assert.equal(s.fasted, false);
    assert.deepEqual(s.sets, []);
    assert.equal(await psql(`SELECT type, status, notes FROM workout_sessions
                              WHERE id = '${s.id}' AND user_id = '${u.user.id}'`),
    'strength|in_progress|legs');
  });

  test('bad bodies are 400 naming every field and write nothing', async () => {
    const u = await suite.newUser();
    assert.deepEqual(badFields(await start(u.access, {})), ['type']);
    assert.deepEqual(badFields(await start(u.access, {
      type: 'yoga', id: 'nope', started_at: iso(Date.now() + 10 * MINUTE), user_id: u.user.id,
    })), ['id', 'started_at', 'type', 'user_id']);
    assert.deepEqual(badFields(await start(u.access, { type: 'hiit', started_at: minutesAgo(49 * 60) })),
      ['started_at']);
    assert.equal(await rowsOf(u.user.id), 0);
  });

  test('one workout at a time (409 WORK_011), never overlapping (409 WORK_012)', async () => {
    const u = await suite.newUser();
    const first = await start(u.access, { type: 'hiit', started_at: minutesAgo(60) });
    assert.equal(first.status, 201, first.text);
    assertError(await start(u.access, { type: 'cardio' }), 409, 'WORK_011');
    const done = await complete(u.access, first.json.data.id, { ended_at: minutesAgo(30) });
    assert.equal(done.status, 200, done.text);
    assertError(await start(u.access, { type: 'cardio', started_at: minutesAgo(45) }), 409,
      'WORK_012');
    const next = await start(u.access, { type: 'cardio', started_at: minutesAgo(30) });
    assert.equal(next.status, 201, 'back to back is fine');
    assert.equal(await rowsOf(u.user.id), 2);
  });

  test('a client id replays its session; another user gets 409 WORK_014 and learns nothing',
    async () => {
      const u = await suite.newUser();
      const id = crypto.randomUUID();
      const body = { id, type: 'mobility', started_at: minutesAgo(5) };
      const first = await start(u.access, body);
      assert.equal(first.status, 201, first.text);
      assert.equal(first.json.data.id, id);
      const again = await start(u.access, body);
      assert.equal(again.status, 201, again.text);
      assert.deepEqual(again.json.data, first.json.data);
      assertError(await start(u.access, { ...body, type: 'hiit' }), 409, 'WORK_014');
      const other = await suite.newUser();
      const stolen = await start(other.access, body);
      assertError(stolen, 409, 'WORK_014');
      assert.ok(!stolen.text.includes(u.user.id));
      assert.equal(await rowsOf(u.user.id), 1);
      assert.equal(await rowsOf(other.user.id), 0);

      // Idempotency-Key: the same response again, no second row.
      const key = crypto.randomUUID();
      const third = await suite.newUser();
      const a = await start(third.access, { type: 'other' }, { 'idempotency-key': key });
      const b = await start(third.access, { type: 'other' }, { 'idempotency-key': key });
      assert.equal(b.status, 201);
      assert.equal(b.json.data.id, a.json.data.id);
      assert.equal(await rowsOf(third.user.id), 1);
    });
});

describe('starting from a routine', () => {
  // The library's routine source joined in app.cpp: a catalogue routine, a premium one for a
  // free token, the user's own routine (another table than the catalogue's) and another user's.
  test("catalogue, premium, own and another user's routines", async () => {
    const u = await suite.newUser();
    const listed = await call('GET', '/api/v1/workouts/routines', u.access);
    assert.equal(listed.status, 200, listed.text);
    const free = listed.json.data.find((r) => !r.is_premium);
    const paid = listed.json.data.find((r) => r.is_premium);

    assertError(await start(u.access, { routine_id: paid.id }), 403, 'AUTH_003');
    assert.equal(await rowsOf(u.user.id), 0, 'a refused start writes nothing');

    const fromCatalogue = await start(u.access, { routine_id: free.id });
    assert.equal(fromCatalogue.status, 201, fromCatalogue.text);
    const first = fromCatalogue.json.data;
    assert.equal(first.routine_id, free.id);
    assert.equal(first.routine_name, free.name);
    assert.equal(first.type, 'hiit', 'a routine without a type is a HIIT workout');
    const full = await getOne(u.access, first.id);
    assert.equal(full.json.data.routine.id, free.id, 'the routine as started is kept');
    assert.ok(full.json.data.routine.blocks.length >= 1);
    const cancelled = await call('POST', `${SESSIONS}/${first.id}/cancel`, u.access);
    assert.equal(cancelled.status, 200, cancelled.text);

    const plank = await exercise('forearm-plank');
    const mine = await call('POST', '/api/v1/workouts/routines/mine', u.access, {
      name: 'Plank ladder',
      rounds: 2,
      intervals: [{ exercise_id: plank, work_seconds: 30, rest_seconds: 15 }],
    });
    assert.equal(mine.status, 201, mine.text);
    const fromOwn = await start(u.access, { routine_id: mine.json.data.id });
    assert.equal(fromOwn.status, 201, fromOwn.text);
    assert.equal(fromOwn.json.data.routine_id, mine.json.data.id);
    assert.equal(fromOwn.json.data.routine_name, 'Plank ladder');
    assert.equal(await psql(`SELECT routine_snapshot->>'name' FROM workout_sessions
      WHERE id = '${fromOwn.json.data.id}'`), 'Plank ladder');

    const other = await suite.newUser();
    assertError(await start(other.access, { routine_id: mine.json.data.id }), 404, 'WORK_002');
    assert.equal(await rowsOf(other.user.id), 0);
  });
});

describe('PATCH, complete, cancel', () => {
  test('sets by slot, pause and resume, and the kcal of the profile weight by hand', async () => {
    const u = await suite.newUser();
    await call('PATCH', '/api/v1/users/me', u.access, { weight_kg: 80 });
    const burpees = await exercise('burpees');
    const startedMs = Math.floor(Date.now() / 1000) * 1000 - 40 * MINUTE;
    const s = (await start(u.access, { type: 'hiit', started_at: iso(startedMs) })).json.data;
    const body = {
      sets: [
        { exercise_id: burpees, position: 1, reps: 12, duration_s: 40, rest_s: 20, rpe: 8 },
        { exercise_id: burpees, position: 2, reps: 10, duration_s: 40, rest_s: 20 },
      ],
      avg_heart_rate_bpm: 150,
    };
    const once = await patch(u.access, s.id, body);
    assert.equal(once.status, 200, once.text);
    const twice = await patch(u.access, s.id, body);
    assert.equal(twice.json.data.sets.length, 2, 'resending does not duplicate');
    assert.equal(await psql(`SELECT count(*) FROM exercise_logs WHERE session_id = '${s.id}'`), '2');
    const paused = await patch(u.access, s.id, { action: 'pause' });
    assert.equal(paused.json.data.paused, true);
    const resumed = await patch(u.access, s.id, { action: 'resume' });
    assert.equal(resumed.json.data.paused, false);
    const pausedSeconds = resumed.json.data.paused_seconds;

    const done = await complete(u.access, s.id, { ended_at: iso(startedMs + 30 * MINUTE) });
    assert.equal(done.status, 200, done.text);
    const d = done.json.data;
    assert.equal(d.status, 'completed');
    const active = 1800 - pausedSeconds;
    assert.equal(d.active_seconds, active);
    // 80 kg: burpees (8.0 MET) 80 s = 11.2 kcal/min x 80/60; rest 40 s at 1.3 MET = 1.82/min x
    // 40/60; the rest of the active time at hiit's 8.0 MET.
    const kcal = Math.round(11.2 * 80 / 60 + 1.82 * 40 / 60 + 11.2 * (active - 120) / 60);
    assert.equal(d.kcal, kcal);
    assert.equal(d.body_mass_kg, 80);
    assert.equal(d.avg_heart_rate_bpm, 150);
    assert.equal(await psql(`SELECT calories_burned FROM workout_sessions WHERE id = '${s.id}'`),
      String(kcal));

    // Corrected after completion: one set removed, the energy recomputed.
    const fixed = await patch(u.access, s.id, { removed_sets: [{ position: 2 }] });
    assert.equal(fixed.status, 200, fixed.text);
    assert.equal(fixed.json.data.sets.length, 1);
    assert.equal(fixed.json.data.kcal,
      Math.round(11.2 * 40 / 60 + 1.82 * 20 / 60 + 11.2 * (active - 60) / 60));
    assertError(await patch(u.access, s.id, { action: 'pause' }), 409, 'WORK_013');
    assertError(await complete(u.access, s.id), 409, 'WORK_013');
  });

  test('every bad field of a PATCH is named; an unknown exercise is 422; nothing changes',
    async () => {
      const u = await suite.newUser();
      const s = (await start(u.access, { type: 'strength' })).json.data;
      assert.deepEqual(badFields(await patch(u.access, s.id, {
        sets: [{ exercise_id: 'x', position: 0, rpe: 11 }], action: 'stop', colour: 'red',
      })), ['action', 'colour', 'sets[0].exercise_id', 'sets[0].position', 'sets[0].rpe']);
      const unknown = await patch(u.access, s.id, {
        sets: [{ exercise_id: crypto.randomUUID(), position: 1, reps: 5 }], notes: 'x' });
      assertError(unknown, 422, 'WORK_015');
      assert.equal(await psql(`SELECT count(*), bool_and(notes IS NULL) FROM workout_sessions s
                                WHERE id = '${s.id}'`), '1|t');
      assertError(await complete(u.access, s.id, { ended_at: minutesAgo(60) }), 400, 'VAL_001');
    });

  test("another user's session is 404 WORK_010 for every route", async () => {
    const owner = await suite.newUser();
    const other = await suite.newUser();
    const s = (await start(owner.access, { type: 'cardio' })).json.data;
    assertError(await getOne(other.access, s.id), 404, 'WORK_010');
    assertError(await patch(other.access, s.id, { notes: 'mine now' }), 404, 'WORK_010');
    assertError(await complete(other.access, s.id), 404, 'WORK_010');
    const cancel = await call('POST', `${SESSIONS}/${s.id}/cancel`, other.access);
    assertError(cancel, 404, 'WORK_010');
    assert.equal(await psql(`SELECT status, notes IS NULL FROM workout_sessions
                              WHERE id = '${s.id}'`), 'in_progress|t');
    const mine = await checked('POST', `${ONE}/cancel`, `${SESSIONS}/${s.id}/cancel`,
      owner.access);
    assert.equal(mine.json.data.status, 'cancelled');
  });
});

describe('history, stats, records, streaks and the rest of the product', () => {
  test('stats in Pacific/Auckland count the local day; history filters; export', async () => {
    const u = await suite.newUser();
    await call('PATCH', '/api/v1/users/me', u.access, { timezone: 'Pacific/Auckland' });
    const goblet = await exercise('kettlebell-goblet-squats');
    // 13:00 UTC, between 23 and 47 hours ago: already the next day in Auckland (UTC+12/+13).
    const startMs = Math.floor((Date.now() - 36 * 3600e3) / 86400e3) * 86400e3 + 13 * 3600e3;
    const s = (await start(u.access, { type: 'strength', started_at: iso(startMs) })).json.data;
    const localDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Auckland' })
      .format(new Date(startMs));
    assert.equal(s.local_date, localDate);
    assert.notEqual(localDate, iso(startMs).slice(0, 10), 'the local day is not the UTC day');
    await patch(u.access, s.id, { sets: [
      { exercise_id: goblet, position: 1, reps: 10, weight_kg: 24 },
      { exercise_id: goblet, position: 2, reps: 8, weight_kg: 28 },
    ] });
    await complete(u.access, s.id, { ended_at: iso(startMs + 20 * MINUTE) });

    const stats = await checked('GET', '/api/v1/workouts/stats',
      `/api/v1/workouts/stats?from=${localDate}&to=${localDate}&bucket=day`, u.access);
    assert.equal(stats.status, 200, stats.text);
    const b = stats.json.data.buckets;
    assert.equal(b.length, 1);
    assert.equal(b[0].start, localDate);
    assert.equal(b[0].sessions, 1);
    assert.equal(b[0].active_minutes, 20);
    assert.equal(b[0].volume_kg.quadriceps, 10 * 24 + 8 * 28);
    // 20 min of strength (3.5 MET) at the 70 kg default: 3.5 x 3.5 x 70 / 200 x 20 = 85.75.
    assert.equal(b[0].kcal, 86);
    const fasted = await call('GET',
      `/api/v1/workouts/stats?from=${localDate}&to=${localDate}&fasted=true`, u.access);
    assert.equal(fasted.json.data.totals.sessions, 0);
    assert.deepEqual(badFields(await call('GET', '/api/v1/workouts/stats?bucket=hour', u.access)),
      ['bucket', 'from', 'to']);

    const hist = await checked('GET', `${SESSIONS}/history`,
      `${SESSIONS}/history?type=strength&from=${localDate}&to=${localDate}`, u.access);
    assert.deepEqual(hist.json.data.map((x) => x.id), [s.id]);
    const none = await call('GET', `${SESSIONS}/history?type=hiit`, u.access);
    assert.deepEqual(none.json.data, []);

    const records = await checked('GET', '/api/v1/workouts/records', '/api/v1/workouts/records',
      u.access);
    const squat = records.json.data.exercises[0];
    assert.equal(squat.max_weight.value_kg, 28);
    assert.equal(squat.max_weight.session_id, s.id);
    assert.ok(Math.abs(squat.best_estimated_1rm.value_kg - 28 * (1 + 8 / 30)) < 1e-9);

    const streaks = await checked('GET', '/api/v1/workouts/streaks', '/api/v1/workouts/streaks',
      u.access);
    assert.equal(streaks.json.data.last_workout_date, localDate);
    assert.equal(streaks.json.data.weeks.goal_sessions_per_week, 3);

    const exp = await call('GET', '/api/v1/users/me/export', u.access);
    assert.equal(exp.status, 200, exp.text);
    assertMatchesContract('GET', '/api/v1/users/me/export', exp);
    assert.equal(exp.json.workouts.sessions.length, 1);
    assert.equal(exp.json.workouts.exercise_logs.length, 2);
  });

  test('the dashboard shows this week against the weekly goal from the preferences',
    async () => {
      const u = await suite.newUser();
      const prefs = await call('PATCH', '/api/v1/users/me/preferences', u.access,
        { workout_goal_sessions_per_week: 4 });
      assert.equal(prefs.status, 200, prefs.text);
      const s = (await start(u.access, { type: 'cardio', started_at: minutesAgo(30) })).json.data;
      await complete(u.access, s.id);
      const dash = await call('GET', '/api/v1/analytics/dashboard', u.access);
      assert.equal(dash.status, 200, dash.text);
      assertMatchesContract('GET', '/api/v1/analytics/dashboard', dash);
      const w = dash.json.data.workouts_this_week;
      assert.equal(w.goal_sessions, 4);
      // A session started 30 minutes ago may fall in last week on a Monday just after midnight.
      assert.ok(w.sessions === 1 || w.sessions === 0);
      if (w.sessions === 1) {
        assert.equal(w.active_seconds, 1800);
      }
    });
});
