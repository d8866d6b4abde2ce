// End-to-end: the administration of the workout reference data (exercises, catalogue routines)
// and the localised exercise library, against the real server, PostgreSQL and Redis. Every
// admin route is 401 without a token and 403 for a non-admin; bad input is one 400 naming every
// field with nothing changed; a stale version is 412 REQ_006; each write leaves its audit entry
// (GET /admin/audit) and is visible at once on the public routes; Accept-Language picks an
// exercise's translation (de, fr; ja falls back to English) with Content-Language and an ETag
// per language. Responses are checked against api/openapi.yaml.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';

import { assertError, AuthSuite, bearer, login, psql } from './support/auth.mjs';
import { readAudit } from './support/admin.mjs';
import { assertMatchesContract } from './support/contract.mjs';
import { request } from './support/server.mjs';

const W = '/api/v1/workouts';
const A = '/api/v1/admin/workouts';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

const suite = new AuthSuite();
let admin;
let member;
before(async () => {
  await suite.start();
  admin = await newUser('admin');
  member = await newUser('free');
});
after(async () => {
  await suite.stop();
  suite.assertLogClean();
});

/** A user with `role`, signed in again (the role is in the access token). */
async function newUser(role) {
  const u = await suite.newUser();
  if (role !== 'free') {
    await psql(`UPDATE users SET role = '${role}' WHERE id = '${u.user.id}'`);
    const res = await login(suite.base, u.email, u.password);
    assert.equal(res.status, 200, res.text);
    u.access = res.json.data.tokens.access_token;
    suite.remember(u.access, res.json.data.tokens.refresh_token);
  }
  return u;
}

async function checked(method, template, path, token, body, headers = {}) {
  const h = token ? bearer(token, headers) : headers;
  const res = await request(suite.base, method, path, { headers: h, body });
  assertMatchesContract(method, template, res);
  return res;
}
function badFields(res) {
  assertError(res, 400, 'VAL_001');
  return res.json.error.details.map((d) => d.field);
}
const slug = (tag) => `e2e-${tag}-${randomInt(0, 1e9)}`;
const seededId = (s) => psql(`SELECT id FROM exercises WHERE slug = '${s}'`);

function newExercise(overrides = {}) {
  return {
    slug: slug('ex'), name: 'Wall Sit', description: 'Hold a seated position against a wall.',
    instructions: ['Lean on a wall.', 'Slide down, knees at 90 degrees.', 'Hold, breathing.'],
    muscle_groups: ['quadriceps', 'glutes'], difficulty: 'beginner', category: 'strength',
    met_value: 3.5, met_source: 'Compendium 2011 code 02022', sort_order: 100000,
    ...overrides,
  };
}
async function newRoutine(overrides = {}) {
  return {
    slug: slug('rt'), name: 'E2E Circuit', description: 'Two moves, twice.',
    difficulty: 'beginner', category: 'circuit', rounds: 2, work_seconds: 30, rest_seconds: 15,
    rest_between_rounds_seconds: 60, sort_order: 100000,
    exercises: [
      { exercise_id: await seededId('air-squats') },
      { exercise_id: await seededId('kettlebell-swings'), work_seconds: 40 },
    ],
    ...overrides,
  };
}
async function auditOf(entity, id) {
  const res = await readAudit(suite.base, admin.access, { entity, entity_id: id });
  assert.equal(res.status, 200, res.text);
  return res.json.data.reverse();  // oldest first
}

describe('access', () => {
  test('every admin route is 401 without a token and 403 for a member', async () => {
    const routes = [
      ['GET', `${A}/exercises`], ['POST', `${A}/exercises`],
      ['GET', `${A}/exercises/${UNKNOWN_ID}`], ['PATCH', `${A}/exercises/${UNKNOWN_ID}`],
      ['DELETE', `${A}/exercises/${UNKNOWN_ID}`], ['GET', `${A}/routines`],
      ['POST', `${A}/routines`], ['GET', `${A}/routines/${UNKNOWN_ID}`],
      ['PATCH', `${A}/routines/${UNKNOWN_ID}`], ['DELETE', `${A}/routines/${UNKNOWN_ID}`],
    ];
    for (const [method, path] of routes) {
      const body = method === 'POST' || method === 'PATCH' ? {} : undefined;
      assertError(await request(suite.base, method, path, { body }), 401, 'AUTH_002');
      assertError(await request(suite.base, method, path,
        { headers: bearer(member.access), body }), 403, 'AUTH_003');
    }
  });
});

describe('exercises', () => {
  test('list: offset pages with a total, q and active filters', async () => {
    const res = await checked('GET', `${A}/exercises`, `${A}/exercises?per_page=100`,
      admin.access);
    assert.equal(res.status, 200, res.text);
    assert.ok(res.json.pagination.total >= 60);
    assert.equal(res.json.pagination.per_page, 100);
    const push = res.json.data.find((e) => e.slug === 'push-ups');
    assert.equal(push.translations.de.name, 'Liegestütze');
    assert.ok(push.version >= 1);
    const q = await checked('GET', `${A}/exercises`, `${A}/exercises?q=PLANK&active=true`,
      admin.access);
    assert.ok(q.json.data.length >= 3);
    assert.ok(q.json.data.every((e) => /plank/i.test(e.name + e.slug) && e.active));
    const bad = await checked('GET', `${A}/exercises`, `${A}/exercises?active=yes&per_page=0`,
      admin.access);
    assert.deepEqual(badFields(bad), ['active', 'per_page']);
  });

  test('create, read, patch with the version, delete: audited and public at once', async () => {
    const body = newExercise({ translations: { de: { name: 'Wandsitzen' } } });
    const created = await checked('POST', `${A}/exercises`, `${A}/exercises`, admin.access, body,
      { 'Idempotency-Key': `e2e-${randomInt(0, 1e9)}` });
    assert.equal(created.status, 201, created.text);
    const x = created.json.data;
    assert.equal(created.headers.get('etag'), `"v${x.version}"`);
    assert.deepEqual(x.translations, { de: { name: 'Wandsitzen' } });
    assert.equal(x.active, true);
    // Public at once, in German for a German reader.
    const pub = await checked('GET', `${W}/exercises/{id}`, `${W}/exercises/${x.id}`, null,
      undefined, { 'Accept-Language': 'de' });
    assert.equal(pub.status, 200, pub.text);
    assert.equal(pub.json.data.name, 'Wandsitzen');
    assert.equal(pub.json.data.language, 'de');
    assert.equal(pub.json.data.description, body.description, 'falls back to English');

    const one = await checked('GET', `${A}/exercises/{id}`, `${A}/exercises/${x.id}`,
      admin.access);
    assert.deepEqual(one.json.data, x);

    const patched = await checked('PATCH', `${A}/exercises/{id}`, `${A}/exercises/${x.id}`,
      admin.access, { name: 'Wall Sits', met_value: 4, translations: { de: null,
        fr: { name: 'Chaise' } } }, { 'If-Match': `"v${x.version}"` });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.json.data.name, 'Wall Sits');
    assert.deepEqual(patched.json.data.translations, { fr: { name: 'Chaise' } });
    assert.ok(patched.json.data.version > x.version);
    const renamed = await checked('GET', `${W}/exercises/{id}`, `${W}/exercises/${x.id}`, null,
      undefined, { 'Accept-Language': 'de' });
    assert.equal(renamed.json.data.name, 'Wall Sits');
    assert.equal(renamed.json.data.language, 'en');
    assert.equal(renamed.headers.get('content-language'), 'en');

    // The first editor's version is stale now: 412, nothing written.
    const stale = await checked('PATCH', `${A}/exercises/{id}`, `${A}/exercises/${x.id}`,
      admin.access, { name: 'Late' }, { 'If-Match': `"v${x.version}"` });
    assertError(stale, 412, 'REQ_006');
    assert.equal(await psql(`SELECT name FROM exercises WHERE id = '${x.id}'`), 'Wall Sits');

    const audit = await auditOf('workouts.exercise', x.id);
    assert.deepEqual(audit.map((e) => e.action), ['create', 'update']);
    assert.deepEqual(audit[1].changes.name, { before: 'Wall Sit', after: 'Wall Sits' });
    assert.deepEqual(audit[1].changes.met_value, { before: 3.5, after: 4.0 });
    assert.deepEqual(audit[1].changes.translations, {
      before: { de: { name: 'Wandsitzen' } }, after: { fr: { name: 'Chaise' } } });

    // Nothing references it: DELETE removes it (204); the library no longer has it.
    const gone = await checked('DELETE', `${A}/exercises/{id}`, `${A}/exercises/${x.id}`,
      admin.access, undefined, { 'If-Match': `"v${patched.json.data.version}"` });
    assert.equal(gone.status, 204, gone.text);
    assertError(await request(suite.base, 'GET', `${W}/exercises/${x.id}`), 404, 'WORK_001');
    assertError(await checked('GET', `${A}/exercises/{id}`, `${A}/exercises/${x.id}`,
      admin.access), 404, 'WORK_001');
    assert.deepEqual((await auditOf('workouts.exercise', x.id)).map((e) => e.action),
      ['create', 'update', 'delete']);
  });

  test('bad fields are named in one 400 and nothing is written', async () => {
    const s = slug('bad');
    const res = await checked('POST', `${A}/exercises`, `${A}/exercises`, admin.access,
      newExercise({ slug: s, name: '', muscle_groups: ['wings'], met_value: 40,
        met_source: 'guess', equipment: ['sofa'], thumbnail_url: 'javascript:alert(1)',
        translations: { en: { name: 'x' }, ja: { name: 'x' }, de: { name: 'x'.repeat(101) } },
        colour: 'red' }), { 'Idempotency-Key': `e2e-${randomInt(0, 1e9)}` });
    assert.deepEqual(badFields(res), ['colour', 'name', 'muscle_groups[0]', 'equipment[0]',
      'met_value', 'met_source', 'thumbnail_url', 'translations.en', 'translations.ja',
      'translations.de.name']);
    assert.equal(await psql(`SELECT count(*) FROM exercises WHERE slug = '${s}'`), '0');

    const id = await seededId('burpees');
    const before = await psql(`SELECT version || name FROM exercises WHERE id = '${id}'`);
    const patch = await checked('PATCH', `${A}/exercises/{id}`, `${A}/exercises/${id}`,
      admin.access, { name: 'Burpees!', instructions: ['too few'], video_url: 'http://x' });
    assert.deepEqual(badFields(patch), ['instructions', 'video_url', 'version']);
    assert.equal(await psql(`SELECT version || name FROM exercises WHERE id = '${id}'`), before);
    const taken = await checked('POST', `${A}/exercises`, `${A}/exercises`, admin.access,
      newExercise({ slug: 'burpees' }), { 'Idempotency-Key': `e2e-${randomInt(0, 1e9)}` });
    assertError(taken, 409, 'WORK_004');
  });

  test('DELETE of an exercise a routine uses retires it; routines still show it', async () => {
    // Arm circles warm up every seeded routine.
    const id = await seededId('arm-circles');
    try {
      const res = await checked('DELETE', `${A}/exercises/{id}`, `${A}/exercises/${id}`,
        admin.access);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.data.active, false);
      assertError(await request(suite.base, 'GET', `${W}/exercises/${id}`), 404, 'WORK_001');
      const routine = await psql("SELECT id FROM workout_routines WHERE slug = 'tabata-blast'");
      const shown = await checked('GET', `${W}/routines/{id}`, `${W}/routines/${routine}`,
        member.access);
      assert.equal(shown.status, 200, shown.text);
      const names = shown.json.data.blocks.flatMap((b) => b.intervals.map((i) => i.exercise));
      assert.ok(names.some((e) => e.id === id && e.name === 'Arm Circles'), shown.text);
      const audit = await auditOf('workouts.exercise', id);
      assert.deepEqual(audit.at(-1).changes, { is_active: { before: true, after: false } });
    } finally {
      await psql(`UPDATE exercises SET is_active = true WHERE id = '${id}'`);
      await psql(`DELETE FROM admin_audit_log WHERE entity_id = '${id}'`);
    }
  });
});

describe('routines', () => {
  test('create with its ordered exercises, patch the list and premium, delete', async () => {
    const body = await newRoutine({ active: false });
    const created = await checked('POST', `${A}/routines`, `${A}/routines`, admin.access, body,
      { 'Idempotency-Key': `e2e-${randomInt(0, 1e9)}` });
    assert.equal(created.status, 201, created.text);
    const r = created.json.data;
    assert.deepEqual(r.exercises.map((s) => [s.block, s.work_seconds]),
      [['main', null], ['main', 40]]);
    assert.deepEqual(r.equipment, ['kettlebell']);
    assert.equal(r.estimated_duration_seconds, 230);  // 2 x (30 + 40 + 15) + 60
    assert.equal(created.headers.get('etag'), `"v${r.version}"`);
    const premium = await newUser('premium');
    assertError(await request(suite.base, 'GET', `${W}/routines/${r.id}`,
      { headers: bearer(premium.access) }), 404, 'WORK_002');

    const jacks = await seededId('jumping-jacks');
    const patched = await checked('PATCH', `${A}/routines/{id}`, `${A}/routines/${r.id}`,
      admin.access, { version: r.version, active: true, is_premium: true, exercises: [
        { block: 'warm_up', exercise_id: jacks, work_seconds: 60 },
        { exercise_id: await seededId('push-ups'), reps: 12, notes: 'Chest to floor.' }] });
    assert.equal(patched.status, 200, patched.text);
    const p = patched.json.data;
    assert.equal(p.is_premium, true);
    assert.deepEqual(p.exercises.map((s) => s.block), ['warm_up', 'main']);
    // Visible at once: premium gating and the new blocks, exercise names in German.
    assertError(await request(suite.base, 'GET', `${W}/routines/${r.id}`,
      { headers: bearer(member.access) }), 403, 'AUTH_003');
    const shown = await checked('GET', `${W}/routines/{id}`, `${W}/routines/${r.id}`,
      premium.access, undefined, { 'Accept-Language': 'de' });
    assert.equal(shown.status, 200, shown.text);
    assert.deepEqual(shown.json.data.blocks.map((b) => b.kind), ['warm_up', 'main']);
    const push = shown.json.data.blocks[1].intervals[0].exercise;
    assert.deepEqual([push.name, push.language], ['Liegestütze', 'de']);
    assert.equal(shown.headers.get('content-language'), 'de');
    assert.match(shown.headers.get('vary'), /Accept-Language/);
    assert.match(shown.headers.get('cache-control'), /no-store/);

    const stale = await checked('PATCH', `${A}/routines/{id}`, `${A}/routines/${r.id}`,
      admin.access, { name: 'Late' }, { 'If-Match': `"v${r.version}"` });
    assertError(stale, 412, 'REQ_006');
    const audit = await auditOf('workouts.routine', r.id);
    assert.deepEqual(audit.map((e) => e.action), ['create', 'update']);
    assert.deepEqual(audit[1].changes.is_premium, { before: false, after: true });
    assert.deepEqual(audit[1].changes.exercises.after.map((s) => s.exercise_id).slice(0, 1),
      [jacks]);

    const gone = await checked('DELETE', `${A}/routines/{id}`, `${A}/routines/${r.id}`,
      admin.access);
    assert.equal(gone.status, 204, gone.text);
    assertError(await request(suite.base, 'GET', `${W}/routines/${r.id}`,
      { headers: bearer(premium.access) }), 404, 'WORK_002');
  });

  test('bad routines are named in one 400 and nothing is written', async () => {
    const body = await newRoutine({ category: 'emom', rounds: 0, goals: ['speed'] });
    body.exercises.push({ exercise_id: UNKNOWN_ID, reps: 0 });
    const res = await checked('POST', `${A}/routines`, `${A}/routines`, admin.access, body,
      { 'Idempotency-Key': `e2e-${randomInt(0, 1e9)}` });
    assert.deepEqual(badFields(res), ['goals[0]', 'rounds', 'exercises[2].reps']);
    body.rounds = 2;
    body.goals = [];
    body.exercises[2].reps = 5;
    const semantic = await checked('POST', `${A}/routines`, `${A}/routines`, admin.access, body,
      { 'Idempotency-Key': `e2e-${randomInt(0, 1e9)}` });
    assert.deepEqual(badFields(semantic), ['work_seconds', 'exercises[2].exercise_id']);
    assert.equal(await psql(`SELECT count(*) FROM workout_routines WHERE slug = '${body.slug}'`),
      '0');
    const list = await checked('GET', `${A}/routines`, `${A}/routines?q=tabata`, admin.access);
    assert.equal(list.status, 200, list.text);
    assert.equal(list.json.data[0].slug, 'tabata-blast');
    assert.equal(list.json.data[0].exercises.length, 8);
  });
});

describe('localised library', () => {
  test('Accept-Language picks the translation; ja falls back to English; 304 per language',
    async () => {
      const id = await seededId('push-ups');
      const read = (lang, headers = {}) => checked('GET', `${W}/exercises/{id}`,
        `${W}/exercises/${id}`, null, undefined, { 'Accept-Language': lang, ...headers });
      const de = await read('de-CH, en;q=0.5');
      assert.equal(de.status, 200, de.text);
      assert.deepEqual([de.json.data.name, de.json.data.language], ['Liegestütze', 'de']);
      assert.match(de.json.data.instructions[0], /^Beginne/);
      assert.equal(de.headers.get('content-language'), 'de');
      assert.match(de.headers.get('vary'), /Accept-Language/);
      const fr = await read('fr');
      assert.deepEqual([fr.json.data.name, fr.json.data.language], ['Pompes', 'fr']);
      const ja = await read('ja');
      assert.deepEqual([ja.json.data.name, ja.json.data.language], ['Push-Ups', 'en']);
      assert.equal(ja.headers.get('content-language'), 'en');
      const etags = [de, fr, ja].map((r) => r.headers.get('etag'));
      assert.equal(new Set(etags).size, 3, 'an ETag per language');
      assert.equal((await read('de', { 'If-None-Match': etags[0] })).status, 304);
      assert.equal((await read('fr', { 'If-None-Match': etags[0] })).status, 200);

      // Lists: each item says its language; Content-Language is German when an item is.
      const list = await checked('GET', `${W}/exercises`, `${W}/exercises?q=liegest`, null,
        undefined, { 'Accept-Language': 'de' });
      assert.equal(list.status, 200, list.text);
      assert.equal(list.json.data[0].slug, 'push-ups');
      assert.equal(list.json.data[0].name, 'Liegestütze');
      assert.equal(list.headers.get('content-language'), 'de');
      const cardio = await checked('GET', `${W}/exercises`, `${W}/exercises?q=burpees`, null,
        undefined, { 'Accept-Language': 'de' });
      assert.equal(cardio.json.data[0].language, 'en');
      assert.equal(cardio.headers.get('content-language'), 'en');
      const etag = list.headers.get('etag');
      const again = await request(suite.base, 'GET', `${W}/exercises?q=liegest`,
        { headers: { 'Accept-Language': 'de', 'If-None-Match': etag } });
      assert.equal(again.status, 304);
      const english = await request(suite.base, 'GET', `${W}/exercises?q=liegest`,
        { headers: { 'If-None-Match': etag } });
      assert.equal(english.status, 200);
      assert.equal(english.json.data[0].name, 'Push-Ups');
    });
});
