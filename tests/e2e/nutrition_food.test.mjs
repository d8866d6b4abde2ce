// End-to-end: barcodes and the food diary against the real server, PostgreSQL, Redis and an
// Open Food Facts stand-in (support/off_server.mjs) speaking OFF's real JSON. Check digits,
// the look-up order (cache, table, OFF), the User-Agent and fields, flags, 404 with how to
// submit, OFF's 503 and a timeout, one upstream call for concurrent look-ups, the server-wide
// rate, submissions visible only to their author, meals from every source with numbers copied
// at log time, the diary's totals, targets and energy out, fast-aware logging, ownership,
// the export. Every response is checked against api/openapi.yaml; writes with psql.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';

import { assertError, AuthSuite, bearer, psql } from './support/auth.mjs';
import { assertMatchesContract } from './support/contract.mjs';
import { startOffServer } from './support/off_server.mjs';
import { request, startServer } from './support/server.mjs';

const N = '/api/v1/nutrition';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** A fresh valid EAN-13 in the in-store range (prefix 2), so runs never share a code. */
function ean13() {
  const body = `2${String(randomInt(0, 1e11)).padStart(11, '0')}`;
  let sum = 0;
  [...body].reverse().forEach((d, i) => { sum += Number(d) * (i % 2 === 0 ? 3 : 1); });
  return body + String((10 - (sum % 10)) % 10);
}

function offProduct(name, extra = {}) {
  return {
    product_name: name, brands: 'Ugoki Foods', serving_size: '30 g', serving_quantity: 30,
    nutriscore_grade: 'c', nova_group: 3, allergens_tags: ['en:gluten', 'en:milk'],
    image_front_url: 'https://images.openfoodfacts.org/images/products/x/front_en.400.jpg',
    nutriments: {
      'energy-kcal_100g': 400, energy_100g: 1674, proteins_100g: 10, carbohydrates_100g: 60,
      sugars_100g: 20, fat_100g: 12, 'saturated-fat_100g': 5, fiber_100g: 5, salt_100g: 1.2,
    },
    ...extra,
  };
}

const codes = { granola: ean13(), odd: ean13(), slow: ean13(), down: ean13(), hangs: ean13(),
  unknown: ean13(), submitted: ean13(), burst: [ean13(), ean13(), ean13()] };
const off = await startOffServer({
  [codes.granola]: offProduct('Granola'),
  // saturated fat over fat and sugars over carbohydrates: stored and served flagged
  [codes.odd]: offProduct('Odd bar', { nutriments: { 'energy-kcal_100g': 70, fat_100g: 2,
    'saturated-fat_100g': 5, carbohydrates_100g: 10, sugars_100g: 12, proteins_100g: 3 } }),
  [codes.slow]: offProduct('Slow muesli'),
  ...Object.fromEntries(codes.burst.map((c) => [c, offProduct('Burst')])),
});
off.delay(codes.slow, 300);
off.failWith(codes.down, 503);
off.hang(codes.hangs);

const suite = new AuthSuite();
before(() => suite.start({ UGOKI_OFF_BASE_URL: off.baseUrl, UGOKI_OFF_TIMEOUT_MS: '700',
  UGOKI_OFF_CONTACT: 'e2e@ugoki.test', UGOKI_OFF_READS_PER_MINUTE: '600' }));
after(async () => {
  suite.assertLogClean();
  await suite.stop();
  await off.close();
});

function call(method, path, token, body) {
  return request(suite.base, method, path, { headers: bearer(token), body });
}
async function checked(method, template, path, token, body) {
  const res = await call(method, path, token, body);
  assertMatchesContract(method, template, res);
  return res;
}
const barcode = (token, code, method = 'GET') =>
  checked(method, `${N}/barcode/{code}`, `${N}/barcode/${code}`, token);
const logMeal = (token, body) => checked('POST', `${N}/meals`, `${N}/meals`, token, body);
const upstreamCalls = (code) => off.requests.filter((r) => r.path.includes(code)).length;

describe('GET /nutrition/barcode/:code', () => {
  test('check digits are verified: 400 NUTR_001 names the code', async () => {
    const u = await suite.newUser();
    for (const bad of ['3017620422004', '12345', '049000028912', 'abcdefghijklm']) {
      const res = await barcode(u.access, bad);
      assertError(res, 400, 'NUTR_001');
      assert.equal(res.json.error.details[0].field, 'code');
    }
    assert.equal(off.requests.length, 0);
  });

  test('a miss asks OFF once with its User-Agent and fields, stores and caches it', async () => {
    const u = await suite.newUser();
    const res = await barcode(u.access, codes.granola);
    assert.equal(res.status, 200, res.text);
    const p = res.json.data;
    assert.equal(p.code, codes.granola);
    assert.equal(p.name, 'Granola');
    assert.equal(p.brands, 'Ugoki Foods');
    assert.deepEqual(p.nutriments_100g, { energy_kcal: 400, proteins_g: 10, carbohydrates_g: 60,
      sugars_g: 20, fat_g: 12, saturated_fat_g: 5, fiber_g: 5, salt_g: 1.2 });
    assert.equal(p.nutriments_serving.energy_kcal, 120);
    assert.equal(p.serving_quantity_g, 30);
    assert.equal(p.nutriscore_grade, 'c');
    assert.equal(p.nova_group, 3);
    assert.deepEqual(p.allergens, ['gluten', 'milk']);
    assert.equal(p.attribution.license, 'ODbL-1.0');
    assert.equal(p.flagged, false);
    const req = off.requests.find((r) => r.path === `/api/v2/product/${codes.granola}.json`);
    assert.match(req.userAgent, /^Ugoki\/\d+\.\d+\.\d+ \(e2e@ugoki\.test\)$/);
    assert.match(req.fields, /nutriments/);
    assert.equal(await psql(`SELECT name || '|' || status FROM food_products
      WHERE code = '${codes.granola}'`), 'Granola|published');
    // Again, and by POST: the cache answers, OFF is not asked again.
    const again = await barcode(u.access, codes.granola, 'POST');
    assert.equal(again.status, 200);
    assert.deepEqual(again.json.data, p, 'the cached answer is the stored one, as it was');
    assert.equal(upstreamCalls(codes.granola), 1);
  });

  test('a product failing the sanity checks is stored and served flagged', async () => {
    const u = await suite.newUser();
    const res = await barcode(u.access, codes.odd);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.data.flagged, true);
    assert.deepEqual(res.json.data.quality_flags,
      ['saturated_fat_exceeds_fat', 'sugars_exceed_carbohydrates']);
    assert.equal(await psql(`SELECT quality_flags::text FROM food_products
      WHERE code = '${codes.odd}'`), '["saturated_fat_exceeds_fat", "sugars_exceed_carbohydrates"]');
  });

  test('unknown everywhere: 404 NUTR_002 says how to submit; the miss is remembered', async () => {
    const u = await suite.newUser();
    const res = await barcode(u.access, codes.unknown);
    assertError(res, 404, 'NUTR_002');
    assert.match(res.json.error.message, /POST \/api\/v1\/nutrition\/products/);
    assertError(await barcode(u.access, codes.unknown), 404, 'NUTR_002');
    assert.equal(upstreamCalls(codes.unknown), 1);
  });

  test('OFF answering 503 or not at all: 503 SVC_002 with Retry-After, nothing stored',
    async () => {
      const u = await suite.newUser();
      const down = await barcode(u.access, codes.down);
      assertError(down, 503, 'SVC_002');
      assert.ok(Number(down.headers.get('retry-after')) > 0);
      const t0 = Date.now();
      const hung = await barcode(u.access, codes.hangs);
      assertError(hung, 503, 'SVC_002');
      assert.ok(Date.now() - t0 < 3000, 'the timeout (700 ms) ends the wait');
      assert.equal(await psql(`SELECT count(*) FROM food_products
        WHERE code IN ('${codes.down}', '${codes.hangs}')`), '0');
    });

  test('concurrent look-ups of one code make one upstream call', async () => {
    const u = await suite.newUser();
    const all = await Promise.all(Array.from({ length: 6 }, () => barcode(u.access, codes.slow)));
    for (const res of all) {
      assert.equal(res.status, 200, res.text);
    }
    assert.equal(new Set(all.map((r) => r.json.data.id)).size, 1);
    assert.equal(upstreamCalls(codes.slow), 1);
  });

  test('past the server-wide rate a miss is 503 SVC_002 without calling OFF', async () => {
    // A second instance sharing the Redis bucket, allowed one read a minute.
    const other = await startServer({ env: { UGOKI_ENV: 'test', ...suite.key.env,
      UGOKI_OFF_BASE_URL: off.baseUrl, UGOKI_OFF_READS_PER_MINUTE: '1' } });
    try {
      const u = await suite.newUser();
      const results = [];
      for (const code of codes.burst) {
        results.push(await request(other.baseUrl, 'GET', `${N}/barcode/${code}`,
          { headers: bearer(u.access) }));
      }
      const limited = results.filter((r) => r.status === 503);
      assert.ok(limited.length >= 2, results.map((r) => r.status).join(','));
      for (const r of limited) {
        assertError(r, 503, 'SVC_002');
        assert.ok(Number(r.headers.get('retry-after')) >= 1);
      }
      const called = codes.burst.filter((c) => upstreamCalls(c) > 0).length;
      assert.equal(called, 3 - limited.length);
    } finally {
      await other.stop();
    }
  });
});

describe('POST /nutrition/products', () => {
  test('a submission is pending, its author\'s alone, usable in their diary', async () => {
    const alice = await suite.newUser();
    const bob = await suite.newUser();
    const body = { barcode: codes.submitted, name: 'Home oat bar', serving_quantity_g: 40,
      nutriments_100g: { energy_kcal: 380, proteins_g: 9, carbohydrates_g: 62, fat_g: 10 } };
    const res = await checked('POST', `${N}/products`, `${N}/products`, alice.access, body);
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.data.status, 'pending');
    assert.equal(res.json.data.source, 'user');
    assertError(await checked('POST', `${N}/products`, `${N}/products`, alice.access, body),
      409, 'NUTR_003');
    const own = await barcode(alice.access, codes.submitted);
    assert.equal(own.status, 200);
    assert.equal(own.json.data.id, res.json.data.id);
    // Bob never sees Alice's pending product: his look-up goes on to OFF, which has none.
    assertError(await barcode(bob.access, codes.submitted), 404, 'NUTR_002');
    const meal = await logMeal(bob.access, { slot: 'snack',
      items: [{ product_id: res.json.data.id, grams: 40 }] });
    assertError(meal, 422, 'NUTR_006');
    const mine = await logMeal(alice.access, { slot: 'snack',
      items: [{ product_id: res.json.data.id, servings: 1 }] });
    assert.equal(mine.status, 201, mine.text);
    assert.equal(mine.json.data.totals.kcal, 152);
  });

  test('every bad field is named; unknown and duplicate members are refused', async () => {
    const u = await suite.newUser();
    const res = await checked('POST', `${N}/products`, `${N}/products`, u.access,
      { barcode: '123', name: '', nutriments_100g: { energy_kcal: -5 }, color: 'red' });
    assertError(res, 400, 'VAL_001');
    const fields = res.json.error.details.map((d) => d.field).sort();
    assert.deepEqual(fields, ['barcode', 'color', 'name', 'nutriments_100g.carbohydrates_g',
      'nutriments_100g.energy_kcal', 'nutriments_100g.fat_g', 'nutriments_100g.proteins_g']);
    const dup = await request(suite.base, 'POST', `${N}/products`, {
      headers: { ...bearer(u.access), 'content-type': 'application/json' },
      body: '{"name":"a","name":"b"}' });
    assertError(dup, 400, 'VAL_001');
  });
});

describe('the food diary', () => {
  const minutesAgo = (m) => new Date(Date.now() - m * 60000).toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
  // `m` minutes ago, but never before today's UTC midnight (a run just after midnight would put
  // the entry on yesterday's page): at most half of the time since midnight.
  const todayAgo = (m) => {
    const sinceMidnight = Date.now() % 86_400_000;
    return new Date(Date.now() - Math.min(m * 60000, sinceMidnight / 2)).toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  };

  async function recipe() {
    return (await psql(`SELECT id::text || '|' || kcal FROM recipes WHERE is_active
      ORDER BY slug LIMIT 1`)).split('|');
  }

  test('a meal from every source, numbers copied, totals and the day', async () => {
    const u = await suite.newUser();
    await call('PATCH', '/api/v1/users/me/preferences', u.access, { daily_kcal_goal: 2000 });
    const [recipeId, recipeKcal] = await recipe();
    const res = await logMeal(u.access, { slot: 'lunch', eaten_at: todayAgo(30),
      notes: 'after the run', items: [
        { barcode: codes.granola, grams: 50 },
        { recipe_id: recipeId, servings: 2 },
        { name: 'Apple', kcal: 52, carbs_g: 14, fiber_g: 2.4, sugar_g: 10 },
      ] });
    assert.equal(res.status, 201, res.text);
    const meal = res.json.data;
    assert.equal(meal.items.length, 3);
    assert.deepEqual(meal.items[0].nutrients, { kcal: 200, protein_g: 5, carbs_g: 30, fat_g: 6,
      fiber_g: 2.5, sugar_g: 10, salt_g: 0.6 });
    assert.equal(meal.items[1].nutrients.kcal, 2 * Number(recipeKcal));
    assert.equal(meal.totals.kcal, 200 + 2 * Number(recipeKcal) + 52);
    assert.equal(meal.name, 'Lunch');
    // A later change of the product leaves the entry as it was.
    await psql(`UPDATE food_products SET nutriments_100g = '{"energy_kcal": 1}'
      WHERE code = '${codes.granola}' AND submitted_by IS NULL`);
    const got = await checked('GET', `${N}/meals/{id}`, `${N}/meals/${meal.id}`, u.access);
    assert.deepEqual(got.json.data.items[0].nutrients, meal.items[0].nutrients);
    // Active energy from a wearable counts toward the budget.
    await call('POST', '/api/v1/analytics/metrics', u.access, { points: [
      { time: todayAgo(60), metric_type: 'active_kcal', value: 300, source: 'healthkit' }] });
    const today = new Date().toISOString().slice(0, 10);
    const day = await checked('GET', `${N}/diary`, `${N}/diary?date=${today}`, u.access);
    assert.equal(day.status, 200, day.text);
    assert.equal(day.json.data.meals.length, 1);
    // The day's meal (pre-rendered when it was written) is the meal as GET /meals/{id} reads it.
    assert.deepEqual(day.json.data.meals[0], got.json.data);
    assert.equal(day.json.data.totals.kcal, meal.totals.kcal);
    assert.equal(day.json.data.targets.kcal, 2000);
    assert.equal(day.json.data.targets.protein_g, 100);
    assert.equal(day.json.data.energy_out.active_kcal, 300);
    assert.equal(day.json.data.energy_out.total_kcal, 300);
    assert.equal(day.json.data.remaining_kcal,
      Math.round((2000 + 300 - meal.totals.kcal) * 10) / 10);
    // The dashboard shows today's intake against the goal.
    const dash = await checked('GET', '/api/v1/analytics/dashboard', '/api/v1/analytics/dashboard',
      u.access);
    assert.deepEqual(dash.json.data.nutrition_today,
      { date: today, kcal_in: meal.totals.kcal, kcal_goal: 2000 });
  });

  test('PATCH replaces items and totals; DELETE removes; another user gets 404', async () => {
    const u = await suite.newUser();
    const other = await suite.newUser();
    const res = await logMeal(u.access, { slot: 'breakfast',
      items: [{ name: 'Toast', kcal: 150 }, { name: 'Egg', kcal: 78, protein_g: 6 }] });
    const id = res.json.data.id;
    const patched = await checked('PATCH', `${N}/meals/{id}`, `${N}/meals/${id}`, u.access,
      { slot: 'snack', notes: null, items: [{ name: 'Porridge', kcal: 300 }] });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.json.data.slot, 'snack');
    assert.equal(patched.json.data.totals.kcal, 300);
    assert.equal(await psql(`SELECT count(*) FROM meal_log_items WHERE meal_log_id = '${id}'`),
      '1');
    // The day follows each write: the patched meal as PATCH answered it, then no meal.
    const date = patched.json.data.local_date;
    const day = await checked('GET', `${N}/diary`, `${N}/diary?date=${date}`, u.access);
    assert.deepEqual(day.json.data.meals, [patched.json.data]);
    assert.equal(day.json.data.totals.kcal, 300);
    for (const [method, body] of [['GET'], ['PATCH', { slot: 'lunch' }], ['DELETE']]) {
      assertError(await checked(method, `${N}/meals/{id}`, `${N}/meals/${id}`, other.access,
        body), 404, 'NUTR_004');
    }
    assertError(await checked('GET', `${N}/meals/{id}`, `${N}/meals/${UNKNOWN_ID}`, u.access),
      404, 'NUTR_004');
    const del = await checked('DELETE', `${N}/meals/{id}`, `${N}/meals/${id}`, u.access);
    assert.equal(del.status, 204);
    const empty = await checked('GET', `${N}/diary`, `${N}/diary?date=${date}`, u.access);
    assert.deepEqual(empty.json.data.meals, []);
    assert.equal(empty.json.data.totals.kcal, 0);
    assertError(await checked('GET', `${N}/meals/{id}`, `${N}/meals/${id}`, u.access),
      404, 'NUTR_004');
  });

  test('every number is validated and unknown members refused, nothing stored', async () => {
    const u = await suite.newUser();
    const res = await logMeal(u.access, { slot: 'dinner', extra: true, items: [
      { barcode: codes.granola, grams: -1 }, { name: 'Cake', kcal: 50000 },
      { recipe_id: UNKNOWN_ID, servings: 0 }] });
    assertError(res, 400, 'VAL_001');
    assert.deepEqual(res.json.error.details.map((d) => d.field).sort(),
      ['extra', 'items[0].grams', 'items[1].kcal', 'items[2].servings']);
    const huge = await logMeal(u.access, { slot: 'dinner',
      items: [{ barcode: codes.granola, grams: 5000 }, { recipe_id: UNKNOWN_ID }] });
    assertError(huge, 422, 'NUTR_006');
    assertError(await checked('GET', `${N}/diary`, `${N}/diary?date=2026-02-30`, u.access),
      400, 'VAL_001');
    const me = await suite.me(u.access);
    assert.equal(await psql(`SELECT count(*) FROM meal_logs
      WHERE user_id = '${me.json.data.id}'`), '0');
  });

  test('logging during a fast: 409 NUTR_005 unless during_fast says what to do', async () => {
    const u = await suite.newUser();
    const fast = await call('POST', '/api/v1/fasting/sessions', u.access,
      { target_hours: 16, started_at: minutesAgo(120) });
    assert.equal(fast.status, 201, fast.text);
    const items = [{ name: 'Black coffee', kcal: 2 }];
    const refused = await logMeal(u.access, { slot: 'snack', items });
    assertError(refused, 409, 'NUTR_005');
    const details = Object.fromEntries(refused.json.error.details.map((d) => [d.field,
      d.message]));
    assert.equal(details['active_fast.id'], fast.json.data.id);
    const kept = await logMeal(u.access, { slot: 'snack', items, during_fast: 'keep_fast' });
    assert.equal(kept.status, 201, kept.text);
    assert.equal(await psql(`SELECT status FROM fasting_sessions
      WHERE id = '${fast.json.data.id}'`), 'active');
    const at = minutesAgo(10);
    const ended = await logMeal(u.access, { slot: 'lunch', eaten_at: at,
      items: [{ name: 'Soup', kcal: 250 }], during_fast: 'end_fast' });
    assert.equal(ended.status, 201, ended.text);
    assert.deepEqual(ended.json.data.ended_fast, { id: fast.json.data.id, status: 'ended_early' });
    assert.equal(await psql(`SELECT status || '|' || (actual_end_at = '${at}'::timestamptz)
      FROM fasting_sessions WHERE id = '${fast.json.data.id}'`), 'ended_early|true');
  });

  test('the export carries meals with items and submitted products', async () => {
    const u = await suite.newUser();
    await logMeal(u.access, { slot: 'snack', items: [{ name: 'Nuts', kcal: 180 }] });
    await call('POST', `${N}/products`, u.access, { barcode: ean13(), name: 'Mine',
      nutriments_100g: { energy_kcal: 100, proteins_g: 5, carbohydrates_g: 10, fat_g: 4 } });
    const res = await call('GET', '/api/v1/users/me/export', u.access);
    assert.equal(res.status, 200, res.text);
    const doc = res.json.data ?? res.json;
    assert.equal(doc.food.meals.length, 1);
    assert.equal(doc.food.meals[0].items[0].name, 'Nuts');
    assert.equal(doc.food.products.length, 1);
    assert.equal(doc.food.products[0].name, 'Mine');
  });
});

describe('ugoki products import', () => {
  const execFileP = (args) => new Promise((resolve) => {
    execFile(process.env.UGOKI_BIN, args, { env: { ...process.env, UGOKI_ENV: 'test' } },
      (err, stdout, stderr) => resolve({ code: err ? err.code : 0, stdout, stderr }));
  });

  test('streams the CSV and JSONL exports, upserting by normalised barcode', async () => {
    const csv = await execFileP(['products', 'import', 'tests/fixtures/off_products.csv',
      '--batch', '2']);
    assert.equal(csv.code, 0, csv.stderr);
    assert.match(csv.stderr, /products import: 5 lines read, 4 upserted, 0 skipped \(\d+ rows\/s\)/);
    assert.match(csv.stdout, /"msg":"products imported","read":7,"upserted":4,"skipped":2/);
    const rows = await psql(`SELECT code || '|' || name || '|' || quality_flags::text
      FROM food_products WHERE submitted_by IS NULL
        AND code IN ('3017620422003', '0049000028911', '5000159484695', '96385074')
      ORDER BY code`);
    assert.deepEqual(rows.split('\n'), [
      '0049000028911|Coca-Cola Classic|[]', // UPC-A as GTIN-13
      '3017620422003|Nutella|[]',
      '5000159484695|Baked Beanz|[]', // the later row of a code wins
      '96385074|Odd bar|["saturated_fat_exceeds_fat", "sugars_exceed_carbohydrates", '
        + '"energy_inconsistent"]',
    ]);
    assert.equal(await psql(`SELECT count(*) FROM food_products
      WHERE code IN ('3017620422004', '8001505005707')`), '0');
    const jsonl = await execFileP(['products', 'import', 'tests/fixtures/off_products.jsonl']);
    assert.equal(jsonl.code, 0, jsonl.stderr);
    assert.match(jsonl.stdout, /"read":4,"upserted":2,"skipped":2/);
    assert.equal(await psql(`SELECT round((nutriments_100g->>'energy_kcal')::numeric)
      FROM food_products WHERE code = '4006381333931'`), '351');
    const missing = await execFileP(['products', 'import', 'tests/fixtures/nope.csv']);
    assert.equal(missing.code, 1);
  });
});
