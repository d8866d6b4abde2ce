// End-to-end: the caller's profile, preferences and onboarding against the real server,
// PostgreSQL and Redis. Validation of every field, PII encrypted at rest (checked with psql and
// pg_dump), ciphertexts bound to their row and column, the onboarding rules, and two users who
// cannot reach each other's data. Every response is checked against api/openapi.yaml.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { assertError, AuthSuite, bearer, psql } from './support/auth.mjs';
import { assertMatchesContract } from './support/contract.mjs';
import { request } from './support/server.mjs';

const run = promisify(execFile);
const ME = '/api/v1/users/me';
const PREFS = '/api/v1/users/me/preferences';
const ONBOARDING = '/api/v1/users/me/onboarding';

const suite = new AuthSuite();
before(() => suite.start());
after(async () => {
  // Stop first: a failed log check must not leave the server, and this process, running.
  await suite.stop();
  suite.assertLogClean();
});

function call(method, path, token, body) {
  return request(suite.base, method, path, { headers: bearer(token), body });
}

// The sorted fields named by a 400 VAL_001, after checking it against the contract.
function badFields(res, method, template) {
  assertError(res, 400, 'VAL_001');
  assertMatchesContract(method, template, res);
  return res.json.error.details.map((d) => d.field).sort();
}

// Values unique to this run, so finding them in a dump can only mean a leak of ours.
const tag = Math.random().toString(36).slice(2, 10);
const secretCondition = `condition-${tag}`;
const secretAllergy = `allergy-${tag}`;
const secretDob = '1987-03-14';
// The server log must not hold them either (checked after the suite by assertLogClean).
suite.remember(secretCondition, secretAllergy, secretDob);

describe('GET and PATCH /users/me', () => {
  test('a new account shows the whole profile with defaults', async () => {
    const u = await suite.newUser({ displayName: 'Ann' });
    const res = await call('GET', ME, u.access);
    assert.equal(res.status, 200, res.text);
    assertMatchesContract('GET', ME, res);
    const p = res.json.data.profile;
    assert.equal(p.display_name, 'Ann');
    assert.equal(p.timezone, 'UTC');
    assert.deepEqual(p.health_conditions, []);
    assert.equal(p.date_of_birth, null);
    assert.equal(p.onboarding_answers, null);
    assert.deepEqual(p.dietary_preferences, {});
  });

  test('updates every field, and null clears a nullable one', async () => {
    const u = await suite.newUser();
    const body = {
      display_name: 'Bea', avatar_url: 'https://cdn.example.test/a.png', gender: 'female',
      height_cm: 170.5, weight_kg: 64.2, body_fat_percentage: 22, fitness_level: 'intermediate',
      timezone: 'America/New_York', locale: 'pt-BR', date_of_birth: secretDob,
      health_conditions: [secretCondition], allergies: [secretAllergy, 'gluten'],
      dietary_preferences: { diet: 'vegetarian', excluded_foods: ['mushrooms'] },
    };
    const res = await call('PATCH', ME, u.access, body);
    assert.equal(res.status, 200, res.text);
    assertMatchesContract('PATCH', ME, res);
    const p = res.json.data.profile;
    for (const [k, v] of Object.entries(body)) {
      assert.deepEqual(p[k], v, k);
    }
    const again = await call('GET', ME, u.access);
    assert.deepEqual(again.json.data.profile, p);

    const cleared = await call('PATCH', ME, u.access,
      { avatar_url: null, date_of_birth: null, allergies: null, dietary_preferences: null });
    assert.equal(cleared.status, 200, cleared.text);
    const q = cleared.json.data.profile;
    assert.equal(q.avatar_url, null);
    assert.equal(q.date_of_birth, null);
    assert.deepEqual(q.allergies, []);
    assert.deepEqual(q.dietary_preferences, {});
    assert.deepEqual(q.health_conditions, [secretCondition], 'fields not sent are kept');
    assert.equal(q.display_name, 'Bea');
    const stored = await psql(`SELECT (date_of_birth_enc IS NULL)::text || ',' ||
      (allergies_enc IS NULL)::text FROM user_profiles WHERE user_id = '${u.user.id}'`);
    assert.equal(stored, 'true,true');
  });

  test('account fields and unknown fields are refused by name', async () => {
    const u = await suite.newUser();
    const res = await call('PATCH', ME, u.access, {
      role: 'admin', email_verified: true, id: u.user.id, user_id: u.user.id,
      email: 'x@example.test', created_at: '2020-01-01T00:00:00Z',
      updated_at: '2020-01-01T00:00:00Z', favourite_colour: 'blue',
    });
    assert.deepEqual(badFields(res, 'PATCH', ME), ['created_at', 'email', 'email_verified',
      'favourite_colour', 'id', 'role', 'updated_at', 'user_id']);
    const me = await call('GET', ME, u.access);
    assert.equal(me.json.data.role, 'free');
    assert.equal(me.json.data.email_verified, false);
  });

  test('ranges, enums, formats and lengths are validated together', async () => {
    const u = await suite.newUser();
    const res = await call('PATCH', ME, u.access, {
      display_name: 'x'.repeat(101), avatar_url: 'http://cdn.example.test/a.png',
      gender: 'robot', height_cm: 20, weight_kg: 900, body_fat_percentage: '20',
      fitness_level: 'elite', locale: 'english', date_of_birth: '14/03/1987',
      health_conditions: ['ok', 5], allergies: Array(21).fill('a').map((a, i) => a + i),
      dietary_preferences: { diet: 'carnivore' },
    });
    assert.deepEqual(badFields(res, 'PATCH', ME), ['allergies', 'avatar_url',
      'body_fat_percentage', 'date_of_birth', 'dietary_preferences.diet', 'display_name',
      'fitness_level', 'gender', 'health_conditions', 'height_cm', 'locale', 'weight_kg']);
    const nulls = await call('PATCH', ME, u.access, { timezone: null, locale: null });
    assert.deepEqual(badFields(nulls, 'PATCH', ME), ['locale', 'timezone']);
  });

  test('the timezone must be a real IANA name', async () => {
    const u = await suite.newUser();
    for (const timezone of ['Mars/Olympus_Mons', 'Europe/Berlinn', 'posix/Europe/Berlin']) {
      const res = await call('PATCH', ME, u.access, { timezone });
      assert.deepEqual(badFields(res, 'PATCH', ME), ['timezone'], timezone);
    }
    for (const timezone of ['Asia/Kolkata', 'UTC', 'America/Argentina/Buenos_Aires']) {
      const res = await call('PATCH', ME, u.access, { timezone });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.data.profile.timezone, timezone);
    }
  });

  test('checks that need the database or the clock are named with the others', async () => {
    // weight_kg fails the parser, timezone the zone list, date_of_birth today's date: one 400.
    const u = await suite.newUser();
    const year = new Date().getUTCFullYear();
    const res = await call('PATCH', ME, u.access, {
      weight_kg: 900, timezone: 'Mars/Olympus_Mons', date_of_birth: `${year + 1}-01-01`,
    });
    assert.deepEqual(badFields(res, 'PATCH', ME), ['date_of_birth', 'timezone', 'weight_kg']);
    const p = (await call('GET', ME, u.access)).json.data.profile;
    assert.equal(p.weight_kg, null, 'nothing changed');
    assert.equal(p.timezone, 'UTC');
  });

  test('date_of_birth is not in the future and gives an age of 13 to 120', async () => {
    const u = await suite.newUser();
    const year = new Date().getUTCFullYear();
    for (const date_of_birth of [`${year + 1}-01-01`, `${year - 5}-06-01`, '1880-01-01']) {
      const res = await call('PATCH', ME, u.access, { date_of_birth });
      assert.deepEqual(badFields(res, 'PATCH', ME), ['date_of_birth'], date_of_birth);
    }
    const ok = await call('PATCH', ME, u.access, { date_of_birth: `${year - 13}-01-01` });
    assert.equal(ok.status, 200, ok.text);
  });

  test('concurrent PATCHes of different fields all survive (no lost update)', async () => {
    const u = await suite.newUser();
    const patches = [{ display_name: 'Cy' }, { gender: 'other' }, { height_cm: 180 },
      { weight_kg: 80 }, { body_fat_percentage: 18 }, { fitness_level: 'advanced' },
      { timezone: 'Asia/Tokyo' }, { locale: 'ja' }, { allergies: ['soy'] },
      { health_conditions: ['migraine'] }, { date_of_birth: '1991-07-07' }];
    const results = await Promise.all(patches.map((b) => call('PATCH', ME, u.access, b)));
    for (const r of results) {
      assert.equal(r.status, 200, r.text);
    }
    const p = (await call('GET', ME, u.access)).json.data.profile;
    for (const b of patches) {
      const [k, v] = Object.entries(b)[0];
      assert.deepEqual(p[k], v, k);
    }
  });

  test('bodies must be JSON objects sent as application/json', async () => {
    const u = await suite.newUser();
    const notJson = await request(suite.base, 'PATCH', ME,
      { headers: bearer(u.access, { 'content-type': 'application/json' }), body: '{"a":' });
    assertError(notJson, 400, 'VAL_001');
    const wrongType = await request(suite.base, 'PATCH', ME,
      { headers: bearer(u.access, { 'content-type': 'text/plain' }), body: '{}' });
    assert.equal(wrongType.status, 415, wrongType.text);
    assertMatchesContract('PATCH', ME, wrongType);
  });

  test('no token is 401 on every route', async () => {
    for (const [method, path] of [['GET', ME], ['PATCH', ME], ['GET', PREFS], ['PATCH', PREFS],
      ['POST', ONBOARDING]]) {
      const res = await request(suite.base, method, path, { body: method === 'GET' ? undefined
        : {} });
      assert.equal(res.status, 401, `${method} ${path}`);
      assertMatchesContract(method, path, res);
    }
  });
});

describe('PII at rest', () => {
  test('the row and a pg_dump show none of the plaintext', async () => {
    const u = await suite.newUser();
    const res = await call('PATCH', ME, u.access, { date_of_birth: secretDob,
      health_conditions: [secretCondition], allergies: [secretAllergy] });
    assert.equal(res.status, 200, res.text);
    const onboard = await call('POST', ONBOARDING, u.access, { goals: ['longevity'],
      fasting_experience: 'none', activity_level: 'light', eating_window_start: '11:47' });
    assert.equal(onboard.status, 200, onboard.text);
    const row = await psql(`SELECT date_of_birth_enc, health_conditions_enc, allergies_enc,
      onboarding_answers_enc, pii_key_id FROM user_profiles WHERE user_id = '${u.user.id}'`);
    const [dob, conditions, allergies, answers, kid] = row.split('|');
    for (const blob of [dob, conditions, allergies, answers]) {
      assert.match(blob, /^\\x[0-9a-f]{60,}$/, 'stored as ciphertext');
    }
    assert.equal(kid, 'dev');
    // Search the stored bytes, not their hex spelling: random hex may well contain "1987".
    const text = Buffer.from(dob.slice(2) + conditions.slice(2) + allergies.slice(2) +
      answers.slice(2), 'hex').toString('latin1');
    for (const plain of [secretDob, '1987', secretCondition, secretAllergy, 'longevity',
      '11:47']) {
      assert.ok(!text.includes(plain), `the row reveals ${plain}`);
    }
    const { stdout } = await run('pg_dump', ['--data-only', '-t', 'user_profiles',
      process.env.UGOKI_DATABASE_URL], { maxBuffer: 64 * 1024 * 1024 });
    assert.ok(stdout.includes(u.user.id), 'the dump holds the row');
    // The answer as JSON would spell it: bare "11:47" also occurs in the rows' timestamps
    // whenever the test runs at hh:11:47 or 11:47:ss.
    for (const plain of [secretDob, secretCondition, secretAllergy, '"11:47"']) {
      assert.ok(!stdout.includes(plain), `the dump reveals ${plain}`);
    }
    // The owner still reads them.
    const me = await call('GET', ME, u.access);
    assert.equal(me.json.data.profile.date_of_birth, secretDob);
    assert.equal(me.json.data.profile.onboarding_answers.eating_window_start, '11:47');
  });

  test('a ciphertext moved to another row or column does not decrypt', async () => {
    const a = await suite.newUser();
    const b = await suite.newUser();
    await call('PATCH', ME, a.access, { date_of_birth: secretDob, allergies: ['x'] });
    // Another column of the same row.
    await psql(`UPDATE user_profiles SET allergies_enc = date_of_birth_enc
      WHERE user_id = '${a.user.id}'`);
    const moved = await call('GET', ME, a.access);
    assertError(moved, 500, 'INT_001');
    assert.ok(!moved.text.includes(secretDob));
    // Another user's row, same column.
    await psql(`UPDATE user_profiles SET date_of_birth_enc =
      (SELECT date_of_birth_enc FROM user_profiles WHERE user_id = '${a.user.id}'),
      pii_key_id = 'dev' WHERE user_id = '${b.user.id}'`);
    const pasted = await call('GET', ME, b.access);
    assertError(pasted, 500, 'INT_001');
    assert.ok(!pasted.text.includes(secretDob));
  });
});

describe('preferences', () => {
  test('GET shows defaults and PATCH changes only what is sent', async () => {
    const u = await suite.newUser();
    const res = await call('GET', PREFS, u.access);
    assert.equal(res.status, 200, res.text);
    assertMatchesContract('GET', PREFS, res);
    assert.equal(res.json.data.units, 'metric');
    assert.equal(res.json.data.notification_types.achievement, true);

    const patch = await call('PATCH', PREFS, u.access, {
      units: 'imperial', language: 'de', week_starts_on: 7, fasting_goal_hours: 16,
      fasting_goal_sessions_per_week: 5, workout_goal_sessions_per_week: 3,
      workout_goal_minutes_per_week: 150, daily_water_goal_ml: 2500, daily_step_goal: 9000,
      daily_kcal_goal: 2100, push_enabled: false, email_enabled: true,
      quiet_hours_start: '22:30', quiet_hours_end: '06:45',
      notification_types: { achievement: false, streak: false },
    });
    assert.equal(patch.status, 200, patch.text);
    assertMatchesContract('PATCH', PREFS, patch);
    const d = patch.json.data;
    assert.equal(d.units, 'imperial');
    assert.equal(d.week_starts_on, 7);
    assert.equal(d.quiet_hours_start, '22:30');
    assert.equal(d.notification_types.achievement, false);
    assert.equal(d.notification_types.fasting_reminder, true);

    const merge = await call('PATCH', PREFS, u.access, { notification_types: { streak: true },
      daily_step_goal: null, quiet_hours_start: null, quiet_hours_end: null });
    assert.equal(merge.status, 200, merge.text);
    const m = merge.json.data;
    assert.equal(m.notification_types.achievement, false, 'toggles merge');
    assert.equal(m.notification_types.streak, true);
    assert.equal(m.daily_step_goal, null);
    assert.equal(m.quiet_hours_start, null);
    assert.equal(m.fasting_goal_hours, 16);
    const got = await call('GET', PREFS, u.access);
    assert.deepEqual({ ...got.json.data, updated_at: null }, { ...m, updated_at: null });
  });

  test('every field is validated', async () => {
    const u = await suite.newUser();
    const res = await call('PATCH', PREFS, u.access, {
      units: 'furlongs', language: 'EN', week_starts_on: 3, fasting_goal_hours: 8,
      daily_water_goal_ml: 100000, daily_step_goal: 1.5, push_enabled: 'yes',
      quiet_hours_start: '24:00', quiet_hours_end: '7:00',
      notification_types: { spam: true, streak: 'on' }, user_id: u.user.id,
    });
    assert.deepEqual(badFields(res, 'PATCH', PREFS), ['daily_step_goal', 'daily_water_goal_ml',
      'fasting_goal_hours', 'language', 'notification_types.spam', 'notification_types.streak',
      'push_enabled', 'quiet_hours_end', 'quiet_hours_start', 'units', 'user_id',
      'week_starts_on']);
    const half = await call('PATCH', PREFS, u.access, { quiet_hours_start: '22:00' });
    assert.deepEqual(badFields(half, 'PATCH', PREFS), ['quiet_hours_end']);
    // A time given without its pair is still checked on its own.
    const badHalf = await call('PATCH', PREFS, u.access, { quiet_hours_start: '25:00' });
    assert.deepEqual(badFields(badHalf, 'PATCH', PREFS), ['quiet_hours_end', 'quiet_hours_start']);
    const badClear = await call('PATCH', PREFS, u.access,
      { quiet_hours_start: null, quiet_hours_end: '7pm' });
    // Two problems of one field: not a time, and cleared without its pair.
    assert.deepEqual(badFields(badClear, 'PATCH', PREFS), ['quiet_hours_end', 'quiet_hours_end']);
    const clearedWithBad = await call('PATCH', PREFS, u.access,
      { quiet_hours_start: '25:00', quiet_hours_end: null });
    assert.deepEqual(badFields(clearedWithBad, 'PATCH', PREFS),
      ['quiet_hours_end', 'quiet_hours_start']);
  });
});

describe('onboarding', () => {
  async function protocolId(slug) {
    return psql(`SELECT id FROM fasting_protocols WHERE slug = '${slug}'`);
  }

  test('recommends a seeded protocol and a fitness level, and records completion', async () => {
    const u = await suite.newUser();
    const res = await call('POST', ONBOARDING, u.access, { goals: ['lose_weight'],
      fasting_experience: 'some', activity_level: 'moderate', eating_window_start: '12:00',
      wake_time: '07:00', sleep_time: '23:00' });
    assert.equal(res.status, 200, res.text);
    assertMatchesContract('POST', ONBOARDING, res);
    const rec = res.json.data.recommendation;
    assert.equal(rec.protocol.slug, '16-8');
    assert.equal(rec.protocol.id, await protocolId('16-8'));
    assert.equal(rec.fitness_level, 'intermediate');
    assert.equal(rec.consult_doctor, false);
    const me = await call('GET', ME, u.access);
    const p = me.json.data.profile;
    assert.equal(p.onboarding_completed_at, res.json.data.completed_at);
    assert.equal(p.recommended_protocol_id, rec.protocol.id);
    assert.equal(p.onboarding_answers.fasting_experience, 'some');
  });

  test('the rules per experience level', async () => {
    const cases = [[['improve_energy'], 'none', '12-12'], [['metabolic_health'], 'none', '13-11'],
      [['longevity'], 'some', '14-10'], [['build_fitness'], 'experienced', '18-6']];
    const u = await suite.newUser();
    for (const [goals, fasting_experience, slug] of cases) {
      const res = await call('POST', ONBOARDING, u.access,
        { goals, fasting_experience, activity_level: 'very_active' });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.data.recommendation.protocol.slug, slug, fasting_experience);
      assert.equal(res.json.data.recommendation.fitness_level, 'advanced');
    }
  });

  test('a health flag gives no protocol but a talk-to-your-doctor message', async () => {
    const u = await suite.newUser();
    await call('POST', ONBOARDING, u.access,
      { goals: ['lose_weight'], fasting_experience: 'experienced', activity_level: 'light' });
    const res = await call('POST', ONBOARDING, u.access, { goals: ['lose_weight'],
      fasting_experience: 'experienced', activity_level: 'light', diabetes_medication: true,
      eating_disorder_history: true });
    assert.equal(res.status, 200, res.text);
    assertMatchesContract('POST', ONBOARDING, res);
    const rec = res.json.data.recommendation;
    assert.equal(rec.protocol, null);
    assert.equal(rec.consult_doctor, true);
    assert.deepEqual(rec.reasons, ['diabetes_medication', 'eating_disorder_history']);
    assert.match(rec.message, /doctor/);
    // Re-posting replaced the answers and cleared the earlier recommendation.
    const me = await call('GET', ME, u.access);
    assert.equal(me.json.data.profile.onboarding_answers.diabetes_medication, true);
    assert.equal(me.json.data.profile.recommended_protocol_id, null);
  });

  test('a date of birth under 18 on the profile counts as the under_18 flag', async () => {
    const u = await suite.newUser();
    const year = new Date().getUTCFullYear();
    const dob = await call('PATCH', ME, u.access, { date_of_birth: `${year - 15}-01-01` });
    assert.equal(dob.status, 200, dob.text);
    const res = await call('POST', ONBOARDING, u.access,
      { goals: ['lose_weight'], fasting_experience: 'some', activity_level: 'light' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.data.recommendation.protocol, null);
    assert.deepEqual(res.json.data.recommendation.reasons, ['under_18']);
  });

  test('answers are validated', async () => {
    const u = await suite.newUser();
    const empty = await call('POST', ONBOARDING, u.access, {});
    assert.deepEqual(badFields(empty, 'POST', ONBOARDING),
      ['activity_level', 'fasting_experience', 'goals']);
    const bad = await call('POST', ONBOARDING, u.access, { goals: ['get_rich'],
      fasting_experience: 'lots', activity_level: 'moderate', sleep_time: '11pm',
      pregnant: 'maybe', role: 'admin' });
    assert.deepEqual(badFields(bad, 'POST', ONBOARDING),
      ['fasting_experience', 'goals', 'pregnant', 'role', 'sleep_time']);
  });
});

describe('ownership', () => {
  test('two users only ever see and change their own profile and preferences', async () => {
    const a = await suite.newUser({ displayName: 'Alice' });
    const b = await suite.newUser({ displayName: 'Bob' });
    await call('PATCH', ME, a.access, { allergies: [secretAllergy] });
    await call('PATCH', PREFS, a.access, { units: 'imperial' });
    // B's writes (even naming A's id) touch only B.
    const sneaky = await call('PATCH', ME, b.access, { user_id: a.user.id, display_name: 'X' });
    assertError(sneaky, 400, 'VAL_001');
    await call('PATCH', ME, b.access, { display_name: 'Bobby' });
    await call('POST', ONBOARDING, b.access,
      { goals: ['longevity'], fasting_experience: 'none', activity_level: 'light' });
    const meA = await call('GET', ME, a.access);
    const meB = await call('GET', ME, b.access);
    assert.equal(meA.json.data.profile.display_name, 'Alice');
    assert.equal(meA.json.data.profile.onboarding_completed_at, null);
    assert.equal(meB.json.data.profile.display_name, 'Bobby');
    assert.deepEqual(meB.json.data.profile.allergies, []);
    assert.ok(!meB.text.includes(secretAllergy));
    const prefsB = await call('GET', PREFS, b.access);
    assert.equal(prefsB.json.data.units, 'metric');
    // No route takes a user id: another user's id in the path is simply not a route.
    const other = await call('GET', `/api/v1/users/${a.user.id}`, b.access);
    assert.equal(other.status, 404);
  });
});
