// End-to-end: the workout library against the real server, PostgreSQL and Redis. Exercises
// (filters, ranked search, cursors, ETag 304, detail), catalogue routines (filters, estimates,
// premium gating by the token's role), users' own routines (validation naming every field,
// owner-only, Idempotency-Key, PATCH and DELETE with the state after, the data export).
// Every response is checked against api/openapi.yaml.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { assertError, AuthSuite, bearer, login, psql } from './support/auth.mjs';
import { assertMatchesContract } from './support/contract.mjs';
import { request } from './support/server.mjs';

const W = '/api/v1/workouts';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

const suite = new AuthSuite();
before(() => suite.start());
after(async () => {
  // Stop first: a failed log check must not leave the server, and this process, running.
  await suite.stop();
  suite.assertLogClean();
});

async function checked(method, template, path, token, body, headers = {}) {
  const h = token ? bearer(token, headers) : headers;
  const res = await request(suite.base, method, path, { headers: h, body });
  assertMatchesContract(method, template, res);
  return res;
}
function badFields(res) {
  assertError(res, 400, 'VAL_001');
  return res.json.error.details.map((d) => d.field).sort();
}

async function exerciseBySlug(slug) {
  const res = await checked('GET', `${W}/exercises`, `${W}/exercises?q=${slug}&limit=100`);
  return res.json.data.find((e) => e.slug === slug);
}

// A premium account: the role is the database's, read into the token at login.
async function premiumUser() {
  const u = await suite.newUser();
  await psql(`UPDATE users SET role = 'premium' WHERE id = '${u.user.id}'`);
  const res = await login(suite.base, u.email, u.password);
  assert.equal(res.status, 200, res.text);
  u.access = res.json.data.tokens.access_token;
  suite.remember(u.access, res.json.data.tokens.refresh_token);
  return u;
}

describe('GET /workouts/exercises', () => {
  test('filters by muscle group, equipment "none", difficulty and category', async () => {
    const res = await checked('GET', `${W}/exercises`, `${W}/exercises?muscle_group=glutes&limit=100`);
    assert.equal(res.status, 200, res.text);
    assert.ok(res.json.data.length > 3);
    for (const e of res.json.data) {
      assert.ok(e.muscle_groups.includes('glutes'), e.slug);
    }
    const bw = await checked('GET', `${W}/exercises`,
      `${W}/exercises?equipment=none&category=core&difficulty=beginner&limit=100`);
    assert.ok(bw.json.data.length > 0);
    for (const e of bw.json.data) {
      assert.deepEqual(e.equipment, []);
      assert.equal(e.category, 'core');
      assert.equal(e.difficulty, 'beginner');
    }
    const kb = await checked('GET', `${W}/exercises`, `${W}/exercises?equipment=kettlebell`);
    assert.ok(kb.json.data.every((e) => e.equipment.includes('kettlebell')));
    assert.match(res.headers.get('cache-control'), /^public, max-age=\d+$/);
  });

  test('q ranks name matches first and finds aliases', async () => {
    const res = await checked('GET', `${W}/exercises`, `${W}/exercises?q=plank`);
    assert.equal(res.status, 200, res.text);
    assert.ok(res.json.data.length >= 3);
    assert.match(res.json.data[0].name, /Plank/);
    const alias = await checked('GET', `${W}/exercises`, `${W}/exercises?q=pushup`);
    assert.equal(alias.json.data[0].slug, 'push-ups');
    const star = await checked('GET', `${W}/exercises`, `${W}/exercises?q=star%20jumps`);
    assert.equal(star.json.data[0].slug, 'jumping-jacks');
    const none = await checked('GET', `${W}/exercises`, `${W}/exercises?q=zzzzqqq`);
    assert.deepEqual(none.json.data, []);
    assert.equal(none.json.pagination.has_more, false);
  });

  test('cursor pages cover the list once, and a forged cursor is refused', async () => {
    const seen = [];
    let cursor = null;
    for (let n = 0; n < 10; n += 1) {
      const q = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await checked('GET', `${W}/exercises`, `${W}/exercises?muscle_group=core&limit=7${q}`);
      assert.equal(res.status, 200, res.text);
      seen.push(...res.json.data.map((e) => e.id));
      cursor = res.json.pagination.cursor;
      if (!res.json.pagination.has_more) {
        break;
      }
    }
    const all = await checked('GET', `${W}/exercises`, `${W}/exercises?muscle_group=core&limit=100`);
    assert.deepEqual(seen, all.json.data.map((e) => e.id));
    assert.equal(new Set(seen).size, seen.length);
    const forged = await checked('GET', `${W}/exercises`, `${W}/exercises?cursor=abc.def`);
    assert.deepEqual(badFields(forged), ['cursor']);
  });

  test('every bad parameter is named in one 400', async () => {
    const res = await checked('GET', `${W}/exercises`,
      `${W}/exercises?muscle_group=wings&equipment=car&difficulty=easy&category=x&limit=500`);
    assert.deepEqual(badFields(res),
      ['category', 'difficulty', 'equipment', 'limit', 'muscle_group']);
  });

  test('ETag and If-None-Match give 304', async () => {
    const path = `${W}/exercises?muscle_group=core`;
    const first = await checked('GET', `${W}/exercises`, path);
    const etag = first.headers.get('etag');
    assert.match(etag, /^"[0-9a-f]{16}"$/);
    const again = await request(suite.base, 'GET', path, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal(again.text, '');
    const other = await request(suite.base, 'GET', `${W}/exercises?muscle_group=glutes`,
      { headers: { 'if-none-match': etag } });
    assert.equal(other.status, 200);
  });

  test('detail: instructions, muscles, MET with its Compendium code, media', async () => {
    const summary = await exerciseBySlug('burpees');
    const res = await checked('GET', `${W}/exercises/{id}`, `${W}/exercises/${summary.id}`);
    assert.equal(res.status, 200, res.text);
    const e = res.json.data;
    assert.ok(e.instructions.length >= 3);
    assert.equal(e.muscles.primary.length, 1);
    assert.deepEqual([...e.muscles.primary, ...e.muscles.secondary], e.muscle_groups);
    assert.equal(e.met_value, 8);
    assert.equal(e.compendium_code, '02020');
    assert.match(e.met_source, /^Compendium 2011 code 02020$/);
    assert.deepEqual(e.media, { image_url: null, video_url: null });
    const etag = res.headers.get('etag');
    const again = await request(suite.base, 'GET', `${W}/exercises/${summary.id}`,
      { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assertError(await checked('GET', `${W}/exercises/{id}`, `${W}/exercises/${UNKNOWN_ID}`),
      404, 'WORK_001');
    assert.deepEqual(badFields(await checked('GET', `${W}/exercises/{id}`, `${W}/exercises/nope`)),
      ['id']);
  });

  test('a change to the reference data shows without a restart', async () => {
    const summary = await exerciseBySlug('v-ups');
    const url = 'https://media.example.test/v-ups.mp4';
    const thumb = 'https://media.example.test/v-ups.jpg';
    // A list page answered before the change: the server keeps it with the snapshot it came
    // from, and it must not outlive that snapshot.
    const listed = async () => {
      const res = await request(suite.base, 'GET', `${W}/exercises?q=v-ups`);
      return res.json.data.find((e) => e.slug === 'v-ups').thumbnail_url;
    };
    assert.equal(await listed(), null);
    await psql(`UPDATE exercises SET video_url = '${url}', thumbnail_url = '${thumb}'
      WHERE slug = 'v-ups'`);
    try {
      let video = null;
      for (let n = 0; n < 40 && video !== url; n += 1) {
        await new Promise((r) => { setTimeout(r, 100); });
        const res = await request(suite.base, 'GET', `${W}/exercises/${summary.id}`);
        video = res.json.data.media.video_url;
      }
      assert.equal(video, url, 'the snapshot refreshed within the poll interval');
      assert.equal(await listed(), thumb, 'the list page of the old snapshot is gone with it');
    } finally {
      await psql("UPDATE exercises SET video_url = NULL, thumbnail_url = NULL WHERE slug = 'v-ups'");
    }
  });
});

describe('GET /workouts/routines', () => {
  test('needs a token; lists summaries with duration and a default-mass estimate', async () => {
    assertError(await request(suite.base, 'GET', `${W}/routines`), 401, 'AUTH_002');
    const u = await suite.newUser();
    const res = await checked('GET', `${W}/routines`, `${W}/routines`, u.access);
    assert.equal(res.status, 200, res.text);
    // The seeded ten (admin e2e tests may have created a routine of theirs meanwhile).
    assert.equal(res.json.data.filter((r) => !r.slug.startsWith('e2e-')).length, 10);
    const tabata = res.json.data.find((r) => r.slug === 'tabata-blast');
    assert.equal(tabata.duration_seconds, 1145);
    // 70 kg default: 5470.5 MET-s x 3.5 x 70 / 200 / 60 = 111.7 -> 112 (docs/workouts.md).
    assert.equal(tabata.estimated_kcal, 112);
    assert.equal(tabata.estimated, true);
    assert.equal(tabata.blocks, null, 'a list shows summaries');
    assert.match(res.headers.get('cache-control'), /no-store/);
  });

  test('cursor pages cover the catalogue once, in order; a forged cursor is refused', async () => {
    const u = await suite.newUser();
    const all = await checked('GET', `${W}/routines`, `${W}/routines`, u.access);
    assert.deepEqual(all.json.pagination, { cursor: null, has_more: false });
    const seen = [];
    let cursor = null;
    for (let i = 0; i < 10; i += 1) {
      const q = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await checked('GET', `${W}/routines`, `${W}/routines?limit=3${q}`, u.access);
      assert.equal(page.status, 200, page.text);
      seen.push(...page.json.data.map((r) => r.id));
      cursor = page.json.pagination.cursor;
      assert.equal(page.json.pagination.has_more, cursor !== null);
      if (!cursor) break;
    }
    assert.deepEqual(seen, all.json.data.map((r) => r.id));
    const forged = await checked('GET', `${W}/routines`, `${W}/routines?cursor=abc&limit=0`,
      u.access);
    assert.deepEqual(badFields(forged), ['cursor', 'limit']);
  });

  test('filters: difficulty, max_minutes, equipment, goal, premium', async () => {
    const u = await suite.newUser();
    const get = (q) => checked('GET', `${W}/routines`, `${W}/routines?${q}`, u.access);
    const beginner = await get('difficulty=beginner');
    assert.ok(beginner.json.data.length > 0);
    assert.ok(beginner.json.data.every((r) => r.difficulty === 'beginner'));
    const short = await get('max_minutes=20');
    assert.ok(short.json.data.every((r) => r.duration_seconds <= 1200));
    const bodyweight = await get('equipment=none');
    assert.ok(bodyweight.json.data.every((r) => r.equipment.length === 0));
    assert.ok(!bodyweight.json.data.some((r) => r.slug === 'kettlebell-conditioning'));
    const core = await get('goal=core');
    assert.deepEqual(core.json.data.map((r) => r.slug), ['core-crusher']);
    const premium = await get('premium=true');
    assert.deepEqual(premium.json.data.map((r) => r.slug).sort(),
      ['cardio-finisher', 'kettlebell-conditioning', 'upper-body-strength']);
    assert.deepEqual(badFields(await get('max_minutes=0&goal=x&premium=maybe&equipment=car')),
      ['equipment', 'goal', 'max_minutes', 'premium']);
  });

  test('full blocks for free routines; premium ones are 403 AUTH_003 unless premium', async () => {
    const free = await suite.newUser();
    const list = await checked('GET', `${W}/routines`, `${W}/routines`, free.access);
    const bySlug = Object.fromEntries(list.json.data.map((r) => [r.slug, r]));
    const open = await checked('GET', `${W}/routines/{id}`,
      `${W}/routines/${bySlug['tabata-blast'].id}`, free.access);
    assert.equal(open.status, 200, open.text);
    const blocks = open.json.data.blocks;
    assert.deepEqual(blocks.map((b) => b.kind), ['warm_up', 'main', 'cool_down']);
    assert.equal(blocks[1].rounds, 8);
    assert.equal(blocks[1].intervals.length, 4);
    assert.equal(blocks[1].intervals[0].work_seconds, 20);
    assert.equal(blocks[1].intervals[0].rest_seconds, 10);
    assert.equal(blocks[1].intervals[0].exercise.name, 'Squat Jumps');
    const locked = bySlug['kettlebell-conditioning'];
    assert.equal(locked.is_premium, true);
    assertError(await checked('GET', `${W}/routines/{id}`, `${W}/routines/${locked.id}`,
      free.access), 403, 'AUTH_003');
    const paid = await premiumUser();
    const full = await checked('GET', `${W}/routines/{id}`, `${W}/routines/${locked.id}`,
      paid.access);
    assert.equal(full.status, 200, full.text);
    assert.equal(full.json.data.blocks[1].intervals.length, 5);
    assertError(await checked('GET', `${W}/routines/{id}`, `${W}/routines/${UNKNOWN_ID}`,
      free.access), 404, 'WORK_002');
  });
});

describe('/workouts/routines/mine', () => {
  async function body() {
    const burpees = await exerciseBySlug('burpees');
    const plank = await exerciseBySlug('forearm-plank');
    return {
      name: 'Lunch break',
      rounds: 3,
      rest_between_rounds_seconds: 60,
      intervals: [
        { block: 'warm_up', exercise_id: plank.id, work_seconds: 30 },
        { exercise_id: burpees.id, work_seconds: 40, rest_seconds: 20 },
        { exercise_id: plank.id, reps: 10, rest_seconds: 15, rounds: 2, notes: 'Slow.' },
      ],
    };
  }

  // The count and the insert are one decision per user. A create in flight (holding the
  // per-user lock as the server's own creates do, for half a second) adds the 100th routine
  // while this POST arrives: the POST waits for it and sees 100, instead of counting 99 and
  // making a 101st.
  test('at most 100 routines of one\'s own, even while another create is in flight', async () => {
    const u = await suite.newUser();
    await psql(`INSERT INTO user_workout_routines (user_id, name, rounds)
      SELECT '${u.user.id}', 'Old ' || i, 1 FROM generate_series(1, 99) i`);
    const inFlight = psql(`BEGIN;
      SELECT pg_advisory_xact_lock(hashtextextended('workouts.own_routines:${u.user.id}', 0));
      INSERT INTO user_workout_routines (user_id, name, rounds) VALUES ('${u.user.id}', 'Last', 1);
      SELECT pg_sleep(0.5);
      COMMIT;`);
    await new Promise((r) => { setTimeout(r, 150); });
    const res = await checked('POST', `${W}/routines/mine`, `${W}/routines/mine`, u.access,
      await body());
    await inFlight;
    assertError(res, 409, 'WORK_003');
    const rows = await psql(`SELECT count(*) FROM user_workout_routines
      WHERE user_id = '${u.user.id}'`);
    assert.equal(rows, '100');
  });

  test('the list of one\'s own is cursor-paged, oldest first', async () => {
    const u = await suite.newUser();
    await psql(`INSERT INTO user_workout_routines (user_id, name, rounds, created_at)
      SELECT '${u.user.id}', 'Mine ' || i, 1, now() - (10 - i) * interval '1 minute'
      FROM generate_series(1, 5) i`);
    const first = await checked('GET', `${W}/routines/mine`, `${W}/routines/mine?limit=2`,
      u.access);
    assert.equal(first.status, 200, first.text);
    assert.deepEqual(first.json.data.map((r) => r.name), ['Mine 1', 'Mine 2']);
    assert.equal(first.json.pagination.has_more, true);
    const c = encodeURIComponent(first.json.pagination.cursor);
    const rest = await checked('GET', `${W}/routines/mine`, `${W}/routines/mine?limit=5&cursor=${c}`,
      u.access);
    assert.deepEqual(rest.json.data.map((r) => r.name), ['Mine 3', 'Mine 4', 'Mine 5']);
    assert.deepEqual(rest.json.pagination, { cursor: null, has_more: false });
    const other = await suite.newUser();
    const theirs = await checked('GET', `${W}/routines/mine`,
      `${W}/routines/mine?cursor=${c}`, other.access);
    assert.deepEqual(theirs.json.data, [], 'a cursor carries no one else\'s rows');
  });

  test('create, read, list, patch, delete; the state after each', async () => {
    const u = await suite.newUser();
    const b = await body();
    const created = await checked('POST', `${W}/routines/mine`, `${W}/routines/mine`, u.access, b);
    assert.equal(created.status, 201, created.text);
    const r = created.json.data;
    assert.equal(r.own, true);
    assert.equal(r.name, 'Lunch break');
    assert.deepEqual(r.blocks.map((x) => x.kind), ['warm_up', 'main']);
    assert.equal(r.blocks[1].intervals[1].reps, 10);
    // Warm-up 30. Main per round: 40 + 20, then 2 x (30 + 15) less the last 15 (10 reps at
    // 3 s): work 100, rest 35; x3 + 2 x 60 between rounds. 30 + 300 + 225 = 555 s.
    assert.equal(r.duration_seconds, 555);
    assert.equal(r.estimated, true);
    const rows = await psql(`SELECT count(*) FROM user_workout_routine_intervals
      WHERE routine_id = '${r.id}' AND user_id = '${u.user.id}'`);
    assert.equal(rows, '3');

    const one = await checked('GET', `${W}/routines/mine/{id}`, `${W}/routines/mine/${r.id}`,
      u.access);
    assert.deepEqual(one.json.data, r);
    const generic = await checked('GET', `${W}/routines/{id}`, `${W}/routines/${r.id}`, u.access);
    assert.equal(generic.json.data.id, r.id);
    const list = await checked('GET', `${W}/routines/mine`, `${W}/routines/mine`, u.access);
    assert.deepEqual(list.json.data.map((x) => x.id), [r.id]);

    const patched = await checked('PATCH', `${W}/routines/mine/{id}`, `${W}/routines/mine/${r.id}`,
      u.access, { name: 'Longer lunch', rounds: 4, description: 'More.' });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.json.data.rounds, 4);
    assert.equal(patched.json.data.blocks[1].intervals.length, 2, 'intervals kept');
    const replaced = await checked('PATCH', `${W}/routines/mine/{id}`,
      `${W}/routines/mine/${r.id}`, u.access, { intervals: [b.intervals[1]], description: null });
    assert.equal(replaced.json.data.interval_count, 1);
    assert.equal(replaced.json.data.description, null);
    assert.equal(await psql(`SELECT name || ':' || rounds FROM user_workout_routines
      WHERE id = '${r.id}'`), 'Longer lunch:4');

    const gone = await checked('DELETE', `${W}/routines/mine/{id}`, `${W}/routines/mine/${r.id}`,
      u.access);
    assert.equal(gone.status, 204);
    assert.equal(await psql(`SELECT count(*) FROM user_workout_routine_intervals
      WHERE routine_id = '${r.id}'`), '0');
    assertError(await checked('GET', `${W}/routines/mine/{id}`, `${W}/routines/mine/${r.id}`,
      u.access), 404, 'WORK_002');
  });

  test("another user's routine is 404 to read, change or delete, and unchanged", async () => {
    const alice = await suite.newUser();
    const bob = await suite.newUser();
    const r = (await checked('POST', `${W}/routines/mine`, `${W}/routines/mine`, alice.access,
      await body())).json.data;
    for (const [method, template, b] of [['GET', `${W}/routines/mine/{id}`],
      ['GET', `${W}/routines/{id}`], ['PATCH', `${W}/routines/mine/{id}`, { name: 'Mine now' }],
      ['DELETE', `${W}/routines/mine/{id}`]]) {
      const path = template.replace('{id}', r.id);
      assertError(await checked(method, template, path, bob.access, b), 404, 'WORK_002');
    }
    const list = await checked('GET', `${W}/routines/mine`, `${W}/routines/mine`, bob.access);
    assert.deepEqual(list.json.data, []);
    assert.equal(await psql(`SELECT name FROM user_workout_routines WHERE id = '${r.id}'`),
      'Lunch break');
  });

  test('validation names every bad field and writes nothing', async () => {
    const u = await suite.newUser();
    const plank = await exerciseBySlug('forearm-plank');
    const res = await checked('POST', `${W}/routines/mine`, `${W}/routines/mine`, u.access, {
      name: '', rounds: 99, user_id: UNKNOWN_ID,
      intervals: [
        { exercise_id: UNKNOWN_ID, work_seconds: 1 },
        { exercise_id: plank.id, rest_seconds: -1, block: 'middle', colour: 'red' },
      ],
    });
    assert.deepEqual(badFields(res), ['intervals[0].exercise_id', 'intervals[0].work_seconds',
      'intervals[1].block', 'intervals[1].colour', 'intervals[1].rest_seconds',
      'intervals[1].work_seconds', 'name', 'rounds', 'user_id']);
    const many = Array.from({ length: 51 }, () => ({ exercise_id: plank.id, work_seconds: 30 }));
    assert.deepEqual(badFields(await checked('POST', `${W}/routines/mine`, `${W}/routines/mine`,
      u.access, { name: 'Too long', intervals: many })), ['intervals']);
    assert.deepEqual(badFields(await checked('POST', `${W}/routines/mine`, `${W}/routines/mine`,
      u.access, { name: 'Empty' })), ['intervals']);
    assert.equal(await psql(`SELECT count(*) FROM user_workout_routines
      WHERE user_id = '${u.user.id}'`), '0');
  });

  test('Idempotency-Key replays the creation instead of making a second routine', async () => {
    const u = await suite.newUser();
    const b = await body();
    const headers = { 'idempotency-key': `wlib-${Date.now()}` };
    const first = await checked('POST', `${W}/routines/mine`, `${W}/routines/mine`, u.access, b,
      headers);
    const second = await checked('POST', `${W}/routines/mine`, `${W}/routines/mine`, u.access, b,
      headers);
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.equal(second.json.data.id, first.json.data.id);
    assert.equal(await psql(`SELECT count(*) FROM user_workout_routines
      WHERE user_id = '${u.user.id}'`), '1');
  });

  test('exported as workout_routines and erased with the account', async () => {
    const u = await suite.newUser();
    const r = (await checked('POST', `${W}/routines/mine`, `${W}/routines/mine`, u.access,
      await body())).json.data;
    const exp = await checked('GET', '/api/v1/users/me/export', '/api/v1/users/me/export',
      u.access);
    assert.equal(exp.status, 200, exp.text);
    const mine = exp.json.workout_routines;
    assert.deepEqual(mine.map((x) => x.id), [r.id]);
    assert.equal(mine[0].intervals.length, 3);
    assert.match(mine[0].created_at, /Z$/);
    await psql(`DELETE FROM users WHERE id = '${u.user.id}'`);
    assert.equal(await psql(`SELECT count(*) FROM user_workout_routines WHERE id = '${r.id}'`),
      '0');
    assert.equal(await psql(`SELECT count(*) FROM user_workout_routine_intervals
      WHERE routine_id = '${r.id}'`), '0');
  });
});
