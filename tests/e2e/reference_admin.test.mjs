// End-to-end: the administration of reference data against the real server, PostgreSQL, Redis
// and an Open Food Facts stand-in. Every admin route is 401 without a token and 403 for a
// non-admin; each write is visible at once on the public reading route (an approved product
// for another user, a rejected one still invisible, a fixed public product past the hot
// cache), leaves its audit row (read with psql: GET /admin/audit is another module's), and bad
// input is a 400 naming every field with nothing changed. Responses are checked against
// api/openapi.yaml.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { promisify } from 'node:util';

import { assertError, AuthSuite, bearer, login, psql } from './support/auth.mjs';
import { assertMatchesContract } from './support/contract.mjs';
import { startOffServer } from './support/off_server.mjs';
import { request } from './support/server.mjs';

const N = '/api/v1/nutrition';
const A = '/api/v1/admin/nutrition/products';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** A fresh valid EAN-13 in the in-store range (prefix 2), so runs never share a code. */
function ean13() {
  const body = `2${String(randomInt(0, 1e11)).padStart(11, '0')}`;
  let sum = 0;
  [...body].reverse().forEach((d, i) => { sum += Number(d) * (i % 2 === 0 ? 3 : 1); });
  return body + String((10 - (sum % 10)) % 10);
}

const offCode = ean13();
const off = await startOffServer({
  [offCode]: {
    product_name: 'Crispbread', brands: 'Ugoki Foods', serving_size: '10 g', serving_quantity: 10,
    nutriments: { 'energy-kcal_100g': 350, proteins_100g: 10, carbohydrates_100g: 65,
      fat_100g: 2, sugars_100g: 2, fiber_100g: 15, salt_100g: 1 },
  },
});

const suite = new AuthSuite();
let admin;
before(async () => {
  await suite.start({ UGOKI_OFF_BASE_URL: off.baseUrl, UGOKI_OFF_CONTACT: 'e2e@ugoki.test',
    UGOKI_OFF_READS_PER_MINUTE: '600' });
  admin = await newAdmin();
});
after(async () => {
  suite.assertLogClean();
  await suite.stop();
  await off.close();
});

/** A user made admin in the database, signed in again (the role is in the access token). */
async function newAdmin() {
  const u = await suite.newUser();
  await psql(`UPDATE users SET role = 'admin' WHERE id = '${u.user.id}'`);
  const res = await login(suite.base, u.email, u.password);
  assert.equal(res.status, 200, res.text);
  u.access = res.json.data.tokens.access_token;
  suite.remember(u.access, res.json.data.tokens.refresh_token);
  return u;
}

function call(method, path, token, body) {
  return request(suite.base, method, path, { headers: token ? bearer(token) : {}, body });
}
async function checked(method, template, path, token, body) {
  const res = await call(method, path, token, body);
  assertMatchesContract(method, template, res);
  return res;
}
const barcode = (token, code) => checked('GET', `${N}/barcode/{code}`, `${N}/barcode/${code}`,
  token);
const submit = (token, code, name) => checked('POST', `${N}/products`, `${N}/products`, token, {
  barcode: code, name, serving_size: '40 g', serving_quantity_g: 40,
  nutriments_100g: { energy_kcal: 420, proteins_g: 10, carbohydrates_g: 60, fat_g: 15 },
});
const mine = (token) => checked('GET', `${N}/products/mine`, `${N}/products/mine`, token);
const approve = (id, token = admin.access) => checked('POST',
  `${A}/submissions/{id}/approve`, `${A}/submissions/${id}/approve`, token);
const reject = (id, body, token = admin.access) => checked('POST',
  `${A}/submissions/{id}/reject`, `${A}/submissions/${id}/reject`, token, body);
const editSubmission = (id, body) => checked('PATCH', `${A}/submissions/{id}`,
  `${A}/submissions/${id}`, admin.access, body);
const editProduct = (id, body) => checked('PATCH', `${A}/{id}`, `${A}/${id}`, admin.access, body);

/** The audit rows of an entity id: "action|actor|changed fields" in order. */
async function auditOf(id) {
  const out = await psql(`SELECT action || '|' || coalesce(actor_id::text, '') || '|' ||
      coalesce((SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(changes) k), '')
    FROM admin_audit_log WHERE entity = 'nutrition.product' AND entity_id = '${id}' ORDER BY id`);
  return out === '' ? [] : out.split('\n');
}

describe('admin routes: who may call them', () => {
  test('401 without a token and 403 AUTH_003 for a non-admin, on every route', async () => {
    const user = await suite.newUser();
    const routes = [
      ['GET', `${A}/submissions`, `${A}/submissions`],
      ['PATCH', `${A}/submissions/{id}`, `${A}/submissions/${UNKNOWN_ID}`, { name: 'x' }],
      ['POST', `${A}/submissions/{id}/approve`, `${A}/submissions/${UNKNOWN_ID}/approve`],
      ['POST', `${A}/submissions/{id}/reject`, `${A}/submissions/${UNKNOWN_ID}/reject`,
        { reason: 'x' }],
      ['PATCH', `${A}/{id}`, `${A}/${UNKNOWN_ID}`, { name: 'x' }],
    ];
    for (const [method, template, path, body] of routes) {
      assertError(await checked(method, template, path, undefined, body), 401, 'AUTH_002');
      assertError(await checked(method, template, path, user.access, body), 403, 'AUTH_003');
    }
  });
});

describe('submitted products', () => {
  test('approval publishes the product to every user and supersedes the others', async () => {
    const [alice, bob, carol] = [await suite.newUser(), await suite.newUser(),
      await suite.newUser()];
    const code = ean13();
    const a = await submit(alice.access, code, 'Alice granola');
    const b = await submit(bob.access, code, 'Bob granola');
    assert.equal(a.status, 201, a.text);
    assert.equal(b.status, 201, b.text);
    // Carol does not see either; Open Food Facts' "no such product" is remembered in Redis.
    assertError(await barcode(carol.access, code), 404, 'NUTR_002');

    const queue = await checked('GET', `${A}/submissions`,
      `${A}/submissions?status=pending&per_page=100`, admin.access);
    assert.equal(queue.status, 200, queue.text);
    const entry = queue.json.data.find((e) => e.product.id === a.json.data.id);
    assert.ok(entry, 'alice\'s submission is in the queue');
    assert.equal(entry.submitted_by, alice.user.id);
    assert.equal(entry.product.status, 'pending');
    assert.equal(queue.json.pagination.page, 1);
    assert.ok(queue.json.pagination.total >= 2);

    const res = await approve(a.json.data.id);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.data.status, 'published');
    assert.equal(res.json.data.id, a.json.data.id);

    // At once, for another user, past the remembered miss.
    const seen = await barcode(carol.access, code);
    assert.equal(seen.status, 200, seen.text);
    assert.equal(seen.json.data.id, a.json.data.id);
    assert.equal(seen.json.data.name, 'Alice granola');
    assert.equal(off.requests.filter((r) => r.path.includes(code)).length, 1);
    // Bob's pending one of the same code is rejected, saying why; he sees the public product.
    const bobs = await mine(bob.access);
    assert.equal(bobs.json.data[0].status, 'rejected');
    assert.match(bobs.json.data[0].rejection_reason, /another submission/i);
    assert.equal((await barcode(bob.access, code)).json.data.id, a.json.data.id);
    // Alice still lists her contribution.
    assert.equal((await mine(alice.access)).json.data[0].status, 'published');

    assert.deepEqual((await auditOf(a.json.data.id)).map((r) => r.split('|').slice(0, 2)),
      [['approve', admin.user.id]]);
    assert.match((await auditOf(a.json.data.id))[0], /contributed_by,.*status,submitted_by/);
    assert.deepEqual((await auditOf(b.json.data.id)).map((r) => r.split('|')[0]), ['reject']);

    assertError(await approve(a.json.data.id), 409, 'NUTR_009');
    assertError(await approve(UNKNOWN_ID), 404, 'NUTR_008');
  });

  test('a rejected product stays invisible; its submitter reads the reason', async () => {
    const [dave, erin] = [await suite.newUser(), await suite.newUser()];
    const code = ean13();
    const d = await submit(dave.access, code, 'Mystery bar');
    const res = await reject(d.json.data.id, { reason: 'The photo of the label is unreadable' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.data.status, 'rejected');
    const listed = await mine(dave.access);
    assert.equal(listed.json.data[0].rejection_reason, 'The photo of the label is unreadable');
    assertError(await barcode(erin.access, code), 404, 'NUTR_002');
    assertError(await barcode(dave.access, code), 404, 'NUTR_002');
    assert.deepEqual((await auditOf(d.json.data.id)).map((r) => r.split('|')[0]), ['reject']);
    assertError(await reject(d.json.data.id, { reason: 'again' }), 409, 'NUTR_009');
    assertError(await approve(d.json.data.id), 409, 'NUTR_009');
    // Submitting again replaces it, pending once more.
    const again = await submit(dave.access, code, 'Mystery bar, clear photo');
    assert.equal(again.status, 201, again.text);
    assert.equal(again.json.data.id, d.json.data.id);
    assert.equal(again.json.data.rejection_reason, null);
  });

  test('approval is refused when a public product of the code exists', async () => {
    const frank = await suite.newUser();
    // Open Food Facts knows nothing of the code when frank submits; it is imported later.
    const code = ean13();
    const f = await submit(frank.access, code, 'Frank crispbread');
    const pub = await psql(`INSERT INTO food_products (code, name, source)
      VALUES ('${code}', 'Imported', 'open_food_facts') RETURNING id`);
    const res = await approve(f.json.data.id);
    assertError(res, 409, 'NUTR_010');
    assert.deepEqual(res.json.error.details, [{ field: 'public_product_id', message: pub }]);
    assert.equal(await psql(`SELECT status FROM food_products WHERE id = '${f.json.data.id}'`),
      'pending');
    assert.deepEqual(await auditOf(f.json.data.id), []);
  });

  test('bad input is a 400 naming every field, and changes nothing', async () => {
    const gina = await suite.newUser();
    const g = await submit(gina.access, ean13(), 'Gina bar');
    const id = g.json.data.id;
    const res = await editSubmission(id, { name: '', nutriments_100g: { energy_kcal: 901 },
      nova_group: 7, allergens: ['Milk'], image_url: 'http://img.test/a.png', status: 'x' });
    assertError(res, 400, 'VAL_001');
    assert.deepEqual(res.json.error.details.map((d) => d.field).sort(), ['allergens[0]',
      'image_url', 'name', 'nova_group', 'nutriments_100g.carbohydrates_g',
      'nutriments_100g.energy_kcal', 'nutriments_100g.fat_g', 'nutriments_100g.proteins_g',
      'status'].sort());
    assertError(await editSubmission(id, {}), 400, 'VAL_001');
    assertError(await reject(id, {}), 400, 'VAL_001');
    assertError(await reject(id, { reason: '  ' }), 400, 'VAL_001');
    assertError(await checked('POST', `${A}/submissions/{id}/approve`,
      `${A}/submissions/${id}/approve`, admin.access, { force: true }), 400, 'VAL_001');
    assertError(await editSubmission('not-a-uuid', { name: 'x' }), 400, 'VAL_001');
    assertError(await checked('GET', `${A}/submissions`, `${A}/submissions?page=0&status=new`,
      admin.access), 400, 'VAL_001');
    assert.equal(await psql(`SELECT name || '|' || status FROM food_products WHERE id = '${id}'`),
      'Gina bar|pending');
    assert.deepEqual(await auditOf(id), []);
    assertError(await editSubmission(UNKNOWN_ID, { name: 'x' }), 404, 'NUTR_008');
  });

  test('an edit before approval re-derives the serving and is what gets published',
    async () => {
      const hana = await suite.newUser();
      const code = ean13();
      const h = await submit(hana.access, code, 'hana bar');
      const res = await editSubmission(h.json.data.id, { name: 'Hana Bar', brands: 'Hana',
        serving_quantity_g: 50, nutriscore_grade: 'b', allergens: ['nuts'] });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.data.product.name, 'Hana Bar');
      assert.equal(res.json.data.product.nutriments_serving.energy_kcal, 210);
      assert.equal(res.json.data.submitted_by, hana.user.id);
      assert.deepEqual((await auditOf(h.json.data.id)).map((r) => r.split('|')[2]),
        ['allergens,brand,name,nutriments_serving,nutriscore_grade,serving_size_g']);
      assert.equal((await approve(h.json.data.id)).status, 200);
      const seen = await barcode((await suite.newUser()).access, code);
      assert.equal(seen.json.data.name, 'Hana Bar');
      assert.deepEqual(seen.json.data.allergens, ['nuts']);
    });
});

describe('public products', () => {
  test('a fix is served at once, past the hot cache', async () => {
    const ivan = await suite.newUser();
    const first = await barcode(ivan.access, offCode); // from Open Food Facts, now cached
    assert.equal(first.status, 200, first.text);
    assert.equal((await barcode(ivan.access, offCode)).json.data.name, 'Crispbread');
    const id = first.json.data.id;
    const res = await editProduct(id, { name: 'Rye crispbread', salt: 1 });
    assertError(res, 400, 'VAL_001');
    assert.deepEqual(res.json.error.details.map((d) => d.field), ['salt']);
    const fixed = await editProduct(id, { name: 'Rye crispbread', nova_group: 3 });
    assert.equal(fixed.status, 200, fixed.text);
    const other = await suite.newUser();
    const seen = await barcode(other.access, offCode);
    assert.equal(seen.json.data.name, 'Rye crispbread');
    assert.equal(seen.json.data.nova_group, 3);
    assert.deepEqual((await auditOf(id)).map((r) => r.split('|')[2]), ['name,nova_group']);
    assertError(await editProduct(UNKNOWN_ID, { name: 'x' }), 404, 'NUTR_012');
    assertError(await editProduct(id, { barcode: ean13() }), 400, 'VAL_001');
  });
});

describe('fasting protocols', () => {
  const F = '/api/v1/admin/fasting/protocols';
  const protocolBody = (slug) => ({
    slug, name: '15:9', kind: 'daily_tre',
    description: 'Fast 15 hours and eat within 9, for example 10:00 to 19:00.',
    fasting_seconds: 54000, eating_window_seconds: 32400, difficulty: 'beginner',
    recommended_frequency: 'daily', benefits: ['Easy to keep.'],
    considerations: ['Ask a doctor first if you take glucose-lowering drugs.'], sort_order: 35,
  });
  const publicList = async () => {
    const res = await checked('GET', '/api/v1/fasting/protocols', '/api/v1/fasting/protocols');
    assert.equal(res.status, 200, res.text);
    return res.json.data;
  };
  const auditRows = async (id) => (await psql(`SELECT action || '|' || coalesce((SELECT
      string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(changes) k), '') FROM admin_audit_log
      WHERE entity = 'fasting.protocol' AND entity_id = '${id}' ORDER BY id`)).split('\n');

  test('401 without a token and 403 AUTH_003 for a non-admin', async () => {
    const user = await suite.newUser();
    for (const [method, template, path, body] of [
      ['GET', F, F], ['POST', F, F, protocolBody('x')],
      ['PATCH', `${F}/{id}`, `${F}/${UNKNOWN_ID}`, { name: 'x' }],
      ['POST', `${F}/{id}/deactivate`, `${F}/${UNKNOWN_ID}/deactivate`]]) {
      assertError(await checked(method, template, path, undefined, body), 401, 'AUTH_002');
      assertError(await checked(method, template, path, user.access, body), 403, 'AUTH_003');
    }
  });

  test('create, rename and deactivate reach the public list at once, audited', async () => {
    const slug = `e2e-${randomInt(0, 1e9)}`;
    assert.ok(!(await publicList()).some((p) => p.slug === slug)); // the snapshot is loaded
    const created = await checked('POST', F, F, admin.access, protocolBody(slug));
    assert.equal(created.status, 201, created.text);
    const id = created.json.data.id;
    assert.equal(created.json.data.active, true);
    assert.equal((await publicList()).find((p) => p.slug === slug)?.name, '15:9');
    assertError(await checked('POST', F, F, admin.access, protocolBody(slug)), 409, 'FAST_014');

    // A PATCH names the version it read (here the member; If-Match works too).
    const renamed = await checked('PATCH', `${F}/{id}`, `${F}/${id}`, admin.access,
      { name: '15:9 (gentle)', version: 1 });
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal((await publicList()).find((p) => p.id === id)?.name, '15:9 (gentle)');

    // Bad input: every field named, nothing changed.
    const bad = await checked('PATCH', `${F}/{id}`, `${F}/${id}`, admin.access,
      { slug: 'other', eating_window_seconds: 30, difficulty: 'easy', version: 2 });
    assertError(bad, 400, 'VAL_001');
    assert.deepEqual(bad.json.error.details.map((d) => d.field).sort(),
      ['difficulty', 'eating_window_seconds', 'slug']);
    const rule = await checked('PATCH', `${F}/{id}`, `${F}/${id}`, admin.access,
      { eating_window_seconds: 36000, version: 2 });
    assertError(rule, 400, 'VAL_001');
    assert.deepEqual(rule.json.error.details.map((d) => d.field), ['eating_window_seconds']);
    assert.equal(await psql(`SELECT name || '|' || eating_window_minutes FROM fasting_protocols
      WHERE id = '${id}'`), '15:9 (gentle)|540');

    const off = await checked('POST', `${F}/{id}/deactivate`, `${F}/${id}/deactivate`,
      admin.access);
    assert.equal(off.status, 200, off.text);
    assert.equal(off.json.data.active, false);
    assert.ok(!(await publicList()).some((p) => p.id === id));
    // The admin list keeps it, retired; the row is never deleted.
    const all = await checked('GET', F, `${F}?per_page=100`, admin.access);
    assert.equal(all.json.data.find((p) => p.id === id)?.active, false);
    assert.ok(all.json.pagination.total >= 14);
    const audit = await auditRows(id);
    assert.deepEqual(audit.map((r) => r.split('|')[0]), ['create', 'update', 'deactivate']);
    assert.match(audit[0], /\|.*kind,name,recommended_frequency,slug,sort_order/);
    assert.deepEqual(audit.slice(1), ['update|name', 'deactivate|is_active']);
    assertError(await checked('PATCH', `${F}/{id}`, `${F}/${UNKNOWN_ID}`, admin.access,
      { name: 'x', version: 1 }), 404, 'FAST_013');
  });

  test('ugoki seed keeps what admins wrote: a protocol they created stays active', async () => {
    // Before 0033 the seed retired every active protocol its file does not list, and
    // scripts/dev seeds at every start.
    const slug = `e2e-seed-${randomInt(0, 1e9)}`;
    const created = await checked('POST', F, F, admin.access, protocolBody(slug));
    assert.equal(created.status, 201, created.text);
    await promisify(execFile)(process.env.UGOKI_BIN, ['seed'],
      { env: { ...process.env, UGOKI_ENV: 'test' } });
    assert.equal(await psql(`SELECT is_active FROM fasting_protocols WHERE slug = '${slug}'`), 't');
    // A protocol nobody wrote through the admin API and the file does not list is still retired.
    const stray = `e2e-stray-${randomInt(0, 1e9)}`;
    await psql(`INSERT INTO fasting_protocols (slug, name, kind, fasting_minutes,
      eating_window_minutes, difficulty, recommended_frequency, description)
      SELECT '${stray}', name, kind, fasting_minutes, eating_window_minutes, difficulty,
             recommended_frequency, description FROM fasting_protocols WHERE slug = '${slug}'`);
    await promisify(execFile)(process.env.UGOKI_BIN, ['seed'],
      { env: { ...process.env, UGOKI_ENV: 'test' } });
    assert.equal(await psql(`SELECT is_active FROM fasting_protocols WHERE slug = '${stray}'`), 'f');
    assert.equal(await psql(`SELECT is_active FROM fasting_protocols WHERE slug = '${slug}'`), 't');
    // Retired again, so the other files see the catalogue they expect.
    const id = created.json.data.id;
    const off = await checked('POST', `${F}/{id}/deactivate`, `${F}/${id}/deactivate`,
      admin.access);
    assert.equal(off.status, 200, off.text);
  });
});
