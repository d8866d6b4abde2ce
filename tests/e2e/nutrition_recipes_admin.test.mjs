// End-to-end: the recipes' administration and localisation against the real server, PostgreSQL
// and Redis, and the version guard of the products' review. Every admin route is 403 for a
// non-admin; bad bodies are a 400 naming every field with nothing changed; a stale version is
// 412 REQ_006; writes leave their audit entry (before and after, read through GET /admin/audit)
// and are visible at once on the public routes; DELETE retires a recipe a meal plan or diary
// entry references (the diary keeps its numbers) and deletes one nothing references. Public
// reads are localised by Accept-Language (de, fr; ja falls back to English) with
// Content-Language, Vary and per-language ETags. Responses are checked against api/openapi.yaml.
// Recipes made here are retired or deleted before the end, so the shared database keeps the 30
// seeded recipes that other files count.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';

import { makeAdmin, readAudit } from './support/admin.mjs';
import { assertError, AuthSuite, bearer, login } from './support/auth.mjs';
import { assertMatchesContract } from './support/contract.mjs';
import { request } from './support/server.mjs';

const N = '/api/v1/nutrition';
const A = '/api/v1/admin/nutrition/recipes';
const P = '/api/v1/admin/nutrition/products';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

const suite = new AuthSuite();
let admin;
let user;
let other;
const made = [];

before(async () => {
  await suite.start();
  admin = await suite.newUser();
  await makeAdmin(admin.email);
  const res = await login(suite.base, admin.email, admin.password);
  assert.equal(res.status, 200, res.text);
  admin.access = res.json.data.tokens.access_token;
  suite.remember(admin.access, res.json.data.tokens.refresh_token);
  user = await suite.newUser();
  other = await suite.newUser();
});
after(async () => {
  for (const id of made) {
    await request(suite.base, 'DELETE', `${A}/${id}`, { headers: bearer(admin.access) });
  }
  await suite.stop();
  suite.assertLogClean();
});

function call(method, path, token, body, headers = {}) {
  return request(suite.base, method, path, { headers: token ? bearer(token, headers) : headers,
    body });
}
function templateOf(path) {
  const p = path.split('?')[0];
  const rules = [
    [/^(\/api\/v1\/admin\/nutrition\/recipes)\/[^/]+$/, '$1/{id}'],
    [/^(\/api\/v1\/nutrition\/recipes)\/[^/]+$/, '$1/{id}'],
    [/^(\/api\/v1\/admin\/nutrition\/products\/submissions)\/[^/]+\/(approve|reject)$/, '$1/{id}/$2'],
    [/^(\/api\/v1\/admin\/nutrition\/products\/submissions)\/[^/]+$/, '$1/{id}'],
    [/^(\/api\/v1\/admin\/nutrition\/products)\/(?!submissions)[^/]+$/, '$1/{id}'],
  ];
  for (const [re, to] of rules) {
    if (re.test(p)) {
      return p.replace(re, to);
    }
  }
  return p;
}
async function checked(method, path, token, body, headers = {}) {
  const res = await call(method, path, token, body, headers);
  assertMatchesContract(method, templateOf(path), res);
  return res;
}

let serial = 0;
function recipeBody(extra = {}) {
  serial += 1;
  const stamp = `${Date.now()}-${serial}`;
  return {
    slug: `e2e-recipe-${stamp}`, name: `E2E lentil bowl ${stamp}`,
    description: 'Red lentils with cumin and lemon.',
    steps: ['Rinse the lentils.', 'Simmer them with the cumin for 20 minutes, then add lemon.'],
    ingredients: [
      { name: 'red lentils', quantity: 200, unit: 'g', aisle: 'grains_pasta' },
      { name: 'ground cumin', quantity: 1, unit: 'tsp', notes: 'toasted' },
      { name: 'salt' },
    ],
    prep_minutes: 5, cook_minutes: 20, servings: 2,
    nutrition_per_serving: { kcal: 360, protein_g: 24, carbs_g: 60, fat_g: 2, fiber_g: 11,
      sugar_g: 2, sodium_mg: 300 },
    diet_types: ['vegan', 'vegetarian'], allergens: [], meal_types: ['lunch', 'dinner'],
    tags: ['budget'], ...extra,
  };
}
async function createRecipe(extra = {}) {
  const res = await checked('POST', A, admin.access, recipeBody(extra),
    { 'Idempotency-Key': `e2e-${Date.now()}-${randomInt(1e9)}` });
  assert.equal(res.status, 201, res.text);
  made.push(res.json.data.id);
  return res;
}

describe('recipes administration', () => {
  test('every route is 403 for a non-admin', async () => {
    const created = await createRecipe({ active: false });
    const id = created.json.data.id;
    for (const [method, path, body] of [['GET', A], ['POST', A, recipeBody()], ['GET', `${A}/${id}`],
      ['PATCH', `${A}/${id}`, { name: 'x', version: 1 }], ['DELETE', `${A}/${id}`],
      ['GET', `${P}/${UNKNOWN_ID}`]]) {
      for (const who of [user, other]) {
        assertError(await call(method, path, who.access, body), 403, 'AUTH_003');
      }
    }
    const still = await checked('GET', `${A}/${id}`, admin.access);
    assert.equal(still.json.data.name, created.json.data.name);
  });

  test('bad bodies name every bad field and change nothing', async () => {
    const body = recipeBody({
      name: '   ', steps: ['ok', ''], servings: 0, colour: 'red',
      ingredients: [{ name: 'oats', unit: 'bucket' }, { quantity: 2 }],
      nutrition_per_serving: { kcal: 6000, protein_g: 1, carbs_g: 1, fat_g: 1, fiber_g: 1,
        sugar_g: 1, sodium_mg: 1 },
      diet_types: ['carnivore'], meal_types: [],
      translations: { ja: { name: 'x' }, de: { name: 'Linsen', colour: 'rot' }, fr: {} },
    });
    const res = await checked('POST', A, admin.access, body);
    assertError(res, 400, 'VAL_001');
    const fields = res.json.error.details.map((d) => d.field).sort();
    for (const f of ['colour', 'name', 'steps[1]', 'servings', 'ingredients[0].unit',
      'ingredients[1].name', 'nutrition_per_serving.kcal', 'diet_types', 'meal_types',
      'translations.ja', 'translations.de.colour', 'translations.fr']) {
      assert.ok(fields.includes(f), `${f} in ${fields}`);
    }
    const listed = await checked('GET', `${A}?q=${encodeURIComponent(body.slug)}`, admin.access);
    assert.equal(listed.json.pagination.total, 0);

    // A PATCH too: bad members named, the version required, nothing written.
    const created = await createRecipe({ active: false });
    const id = created.json.data.id;
    const patch = await checked('PATCH', `${A}/${id}`, admin.access,
      { slug: 'new-slug', prep_minutes: -1, translations: { de: { steps: [] } } });
    assertError(patch, 400, 'VAL_001');
    assert.deepEqual(patch.json.error.details.map((d) => d.field).sort(),
      ['prep_minutes', 'slug', 'translations.de.steps', 'version']);
    const badMatch = await checked('PATCH', `${A}/${id}`, admin.access, { name: 'Fine name' },
      { 'If-Match': 'v1' });
    assertError(badMatch, 400, 'VAL_001');
    const now = await checked('GET', `${A}/${id}`, admin.access);
    assert.equal(now.json.data.version, 1);
    assert.equal(now.json.data.name, created.json.data.name);
  });

  test('create, read, list; patch at the version seen; stale is 412; the audit entry', async () => {
    const created = await createRecipe({ active: false,
      translations: { de: { name: 'Linsenschale', ingredients: { 1: { name: 'rote Linsen' } } } } });
    const r = created.json.data;
    assert.equal(created.headers.get('etag'), '"v1"');
    assert.equal(r.version, 1);
    assert.equal(r.active, false);
    assert.deepEqual(r.ingredients.map((i) => [i.position, i.name, i.quantity, i.unit, i.aisle]), [
      [1, 'red lentils', 200, 'g', 'grains_pasta'], [2, 'ground cumin', 1, 'tsp', 'other'],
      [3, 'salt', null, null, 'other']]);
    assert.deepEqual(r.translations, { de: { name: 'Linsenschale',
      ingredients: { 1: { name: 'rote Linsen' } } } });

    const listed = await checked('GET', `${A}?q=${encodeURIComponent(r.slug)}&per_page=5`,
      admin.access);
    assert.equal(listed.status, 200, listed.text);
    assert.equal(listed.json.pagination.total, 1);
    assert.equal(listed.json.data[0].id, r.id);
    assert.equal(listed.json.data[0].steps, undefined);

    const patched = await checked('PATCH', `${A}/${r.id}`, admin.access, {
      name: `${r.name} v2`, steps: ['Rinse.', 'Simmer.', 'Season.'],
      translations: { de: null, fr: { name: 'Bol de lentilles' } },
    }, { 'If-Match': '"v1"' });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.headers.get('etag'), '"v2"');
    assert.equal(patched.json.data.name, `${r.name} v2`);
    assert.deepEqual(patched.json.data.steps, ['Rinse.', 'Simmer.', 'Season.']);
    assert.deepEqual(patched.json.data.translations, { fr: { name: 'Bol de lentilles' } });
    assert.equal(patched.json.data.ingredients.length, 3);

    // A second editor who read version 1: refused, nothing written.
    const stale = await checked('PATCH', `${A}/${r.id}`, admin.access,
      { name: 'Lost update', version: 1 });
    assertError(stale, 412, 'REQ_006');
    const now = await checked('GET', `${A}/${r.id}`, admin.access);
    assert.equal(now.json.data.name, `${r.name} v2`);
    assert.equal(now.headers.get('etag'), '"v2"');

    const audit = await readAudit(suite.base, admin.access,
      { entity: 'nutrition.recipe', entity_id: r.id });
    assert.equal(audit.status, 200, audit.text);
    const actions = audit.json.data.map((e) => e.action);
    assert.deepEqual(actions, ['update', 'create']);
    const update = audit.json.data[0];
    assert.equal(update.actor.id, admin.user.id);
    assert.deepEqual(update.changes.name, { before: r.name, after: `${r.name} v2` });
    assert.equal(update.changes.instructions.after.length, 3);
    assert.deepEqual(update.changes.translations.after, { fr: { name: 'Bol de lentilles' } });
    assert.equal(update.changes.ingredients, undefined, 'unchanged ingredients are no change');

    const missing = await checked('GET', `${A}/${UNKNOWN_ID}`, admin.access);
    assertError(missing, 404, 'NUTR_028');
    const taken = await checked('POST', A, admin.access, { ...recipeBody(), slug: r.slug },
      { 'Idempotency-Key': `e2e-taken-${Date.now()}` });
    assertError(taken, 409, 'NUTR_029');
  });

  test('a change is visible at once; DELETE retires a used recipe and deletes an unused one', async () => {
    const created = await createRecipe();
    const r = created.json.data;
    const pub = await checked('GET', `${N}/recipes/${r.id}`, user.access);
    assert.equal(pub.status, 200, pub.text);
    assert.equal(pub.json.data.name, r.name);

    const renamed = await checked('PATCH', `${A}/${r.id}`, admin.access,
      { name: `${r.name} (renamed)`, nutrition_per_serving: { ...r.nutrition_per_serving, kcal: 400 },
        version: 1 });
    assert.equal(renamed.status, 200, renamed.text);
    const seen = await checked('GET', `${N}/recipes/${r.id}`, user.access);
    assert.equal(seen.json.data.name, `${r.name} (renamed)`);
    assert.equal(seen.json.data.nutrition_per_serving.kcal, 400);
    const searched = await checked('GET', `${N}/recipes?q=renamed&profile_allergies=false`,
      user.access);
    assert.ok(searched.json.data.some((x) => x.id === r.id), searched.text);

    // A diary entry and a meal plan use it.
    const meal = await call('POST', `${N}/meals`, user.access, { slot: 'lunch',
      eaten_at: new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      items: [{ recipe_id: r.id, servings: 1 }] });
    assert.equal(meal.status, 201, meal.text);
    assert.equal(meal.json.data.items[0].nutrients.kcal, 400);
    const plan = await call('POST', `${N}/meal-plans`, user.access, {
      week_start: `2033-0${1 + randomInt(8)}-1${randomInt(10)}`,
      items: [{ day: 0, slot: 'lunch', recipe_id: r.id }] });
    assert.equal(plan.status, 201, plan.text);

    // Its numbers change later: the diary keeps what it copied.
    const v3 = await checked('PATCH', `${A}/${r.id}`, admin.access,
      { nutrition_per_serving: { ...r.nutrition_per_serving, kcal: 500 } },
      { 'If-Match': renamed.headers.get('etag') });
    assert.equal(v3.status, 200, v3.text);

    const retired = await checked('DELETE', `${A}/${r.id}`, admin.access, undefined,
      { 'If-Match': v3.headers.get('etag') });
    assert.equal(retired.status, 200, retired.text);
    assert.deepEqual(retired.json.data, { id: r.id, outcome: 'deactivated', meal_plan_items: 1,
      diary_items: 1 });
    assertError(await checked('GET', `${N}/recipes/${r.id}`, user.access), 404, 'NUTR_020');
    const entry = await call('GET', `${N}/meals/${meal.json.data.id}`, user.access);
    assert.equal(entry.json.data.items[0].nutrients.kcal, 400);
    const stillPlanned = await call('GET', `${N}/meal-plans/${plan.json.data.id}`, user.access);
    assert.equal(stillPlanned.status, 200, stillPlanned.text);
    const admins = await checked('GET', `${A}/${r.id}`, admin.access);
    assert.equal(admins.json.data.active, false);

    // One nothing references is deleted.
    const unused = await createRecipe({ active: false });
    const gone = await checked('DELETE', `${A}/${unused.json.data.id}`, admin.access);
    assert.equal(gone.status, 200, gone.text);
    assert.equal(gone.json.data.outcome, 'deleted');
    assertError(await checked('GET', `${A}/${unused.json.data.id}`, admin.access), 404,
      'NUTR_028');
    const audit = await readAudit(suite.base, admin.access,
      { entity: 'nutrition.recipe', entity_id: unused.json.data.id });
    assert.equal(audit.json.data[0].action, 'delete');
    assert.equal(audit.json.data[0].changes.slug.before, unused.json.data.slug);
    assert.equal(audit.json.data[0].changes.slug.after, null);
  });
});

describe('localised recipes', () => {
  const get = (path, lang, headers = {}) => checked('GET', path, user.access, undefined,
    lang ? { 'Accept-Language': lang, ...headers } : headers);

  test('the detail in de, fr, and English for ja; Content-Language, Vary, ETags per language', async () => {
    const de = await get(`${N}/recipes/shakshuka`, 'de-DE,de;q=0.9');
    assert.equal(de.status, 200, de.text);
    assert.equal(de.json.data.language, 'de');
    assert.equal(de.headers.get('content-language'), 'de');
    assert.match(de.headers.get('vary'), /Accept-Language/);
    assert.match(de.headers.get('vary'), /Authorization/);
    assert.match(de.headers.get('cache-control'), /^private/);
    assert.match(de.json.data.description, /Eier/);
    assert.match(de.json.data.steps[0], /Pfanne/);
    assert.equal(de.json.data.ingredients[0].name, 'Olivenöl');
    assert.equal(de.json.data.ingredients[1].notes, 'fein geschnitten');
    assert.equal(de.json.data.ingredients[0].quantity, 1);

    const fr = await get(`${N}/recipes/shakshuka`, 'fr');
    assert.equal(fr.json.data.name, 'Chakchouka');
    assert.equal(fr.json.data.language, 'fr');
    assert.equal(fr.headers.get('content-language'), 'fr');
    assert.notEqual(fr.headers.get('etag'), de.headers.get('etag'));

    const ja = await get(`${N}/recipes/shakshuka`, 'ja');
    assert.equal(ja.json.data.language, 'en');
    assert.equal(ja.headers.get('content-language'), 'en');
    assert.match(ja.json.data.steps[0], /^Heat the oil/);
    assert.equal(ja.json.data.ingredients[0].name, 'olive oil');

    // A validator of one language never revalidates another.
    const cross = await get(`${N}/recipes/shakshuka`, 'fr',
      { 'If-None-Match': de.headers.get('etag') });
    assert.equal(cross.status, 200);
    const same = await get(`${N}/recipes/shakshuka`, 'de',
      { 'If-None-Match': de.headers.get('etag') });
    assert.equal(same.status, 304);

    // A recipe with only a name and description translated: the rest stays English.
    const bowl = await get(`${N}/recipes/greek-yogurt-berry-bowl`, 'de');
    assert.equal(bowl.json.data.language, 'de');
    assert.match(bowl.json.data.name, /^Griechischer Joghurt/);
    assert.equal(bowl.json.data.steps[0], 'Spoon the yogurt into a bowl.');
  });

  test('lists and search: items say their language; Content-Language follows', async () => {
    const de = await get(`${N}/recipes?q=hummus&profile_allergies=false`, 'de');
    assert.equal(de.status, 200, de.text);
    assert.equal(de.headers.get('content-language'), 'de');
    const hummus = de.json.data.find((x) => x.slug === 'hummus-with-crudites');
    assert.equal(hummus.language, 'de');
    assert.equal(hummus.name, 'Hausgemachter Hummus mit Rohkost');

    const all = await get(`${N}/recipes?limit=100&profile_allergies=false`, 'fr');
    assert.equal(all.headers.get('content-language'), 'fr');
    for (const x of all.json.data) {
      assert.equal(x.language, ['shakshuka', 'greek-yogurt-berry-bowl', 'hummus-with-crudites']
        .includes(x.slug) ? 'fr' : 'en', x.slug);
    }
    // No item in the language asked: the list is English.
    const none = await get(`${N}/recipes?q=bone+broth&profile_allergies=false`, 'de');
    assert.ok(none.json.data.length > 0, none.text);
    assert.equal(none.headers.get('content-language'), 'en');
    const ja = await get(`${N}/recipes?q=hummus&profile_allergies=false`, 'ja');
    assert.equal(ja.headers.get('content-language'), 'en');
    assert.equal(ja.json.data.find((x) => x.slug === 'hummus-with-crudites').name,
      'Homemade hummus with crudités');
    assert.notEqual(ja.headers.get('etag'), de.headers.get('etag'));
  });

  test('an admin translation is served at once, and removed again', async () => {
    const seeded = await call('GET', `${N}/recipes/shakshuka`, user.access);
    const id = seeded.json.data.id;
    const before = await checked('GET', `${A}/${id}`, admin.access);
    const added = await checked('PATCH', `${A}/${id}`, admin.access,
      { translations: { it: { name: 'Shakshuka all\'italiana' } } },
      { 'If-Match': before.headers.get('etag') });
    assert.equal(added.status, 200, added.text);
    assert.equal(added.json.data.translations.de.name, 'Shakshuka');
    const it = await get(`${N}/recipes/shakshuka`, 'it');
    assert.equal(it.json.data.name, 'Shakshuka all\'italiana');
    assert.equal(it.json.data.language, 'it');
    // A field the translation lacks is English.
    assert.match(it.json.data.steps[0], /^Heat the oil/);
    const removed = await checked('PATCH', `${A}/${id}`, admin.access,
      { translations: { it: null } }, { 'If-Match': added.headers.get('etag') });
    assert.equal(removed.status, 200, removed.text);
    assert.equal(removed.json.data.translations.it, undefined);
    const back = await get(`${N}/recipes/shakshuka`, 'it');
    assert.equal(back.json.data.language, 'en');
  });
});

describe('the products review carries versions', () => {
  test('ETags on every answer; a stale If-Match or version is 412 and changes nothing', async () => {
    const body = `2${String(randomInt(0, 1e11)).padStart(11, '0')}`;
    let sum = 0;
    [...body].reverse().forEach((d, i) => { sum += Number(d) * (i % 2 === 0 ? 3 : 1); });
    const code = body + String((10 - (sum % 10)) % 10);
    const submitted = await call('POST', `${N}/products`, user.access, {
      barcode: code, name: 'Versioned granola', serving_size: '40 g', serving_quantity_g: 40,
      nutriments_100g: { energy_kcal: 420, proteins_g: 10, carbohydrates_g: 60, fat_g: 15 } });
    assert.equal(submitted.status, 201, submitted.text);
    const id = submitted.json.data.id;

    const edited = await checked('PATCH', `${P}/submissions/${id}`, admin.access,
      { name: 'Versioned granola (fixed)' }, { 'If-Match': '"v1"' });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.headers.get('etag'), '"v2"');
    assert.equal(edited.json.data.version, 2);

    const staleApprove = await checked('POST', `${P}/submissions/${id}/approve`, admin.access,
      { version: 1 });
    assertError(staleApprove, 412, 'REQ_006');
    const staleReject = await checked('POST', `${P}/submissions/${id}/reject`, admin.access,
      { reason: 'No' }, { 'If-Match': '"v1"' });
    assertError(staleReject, 412, 'REQ_006');
    const approved = await checked('POST', `${P}/submissions/${id}/approve`, admin.access,
      undefined, { 'If-Match': '"v2"' });
    assert.equal(approved.status, 200, approved.text);
    assert.equal(approved.headers.get('etag'), '"v3"');
    assert.equal(approved.json.data.status, 'published');

    const read = await checked('GET', `${P}/${id}`, admin.access);
    assert.equal(read.headers.get('etag'), '"v3"');
    const stale = await checked('PATCH', `${P}/${id}`, admin.access, { name: 'Lost' },
      { 'If-Match': '"v2"' });
    assertError(stale, 412, 'REQ_006');
    const fixed = await checked('PATCH', `${P}/${id}`, admin.access,
      { name: 'Versioned granola (public)', version: 3 });
    assert.equal(fixed.status, 200, fixed.text);
    assert.equal(fixed.headers.get('etag'), '"v4"');
    const looked = await call('GET', `${N}/barcode/${code}`, user.access);
    assert.equal(looked.json.data.name, 'Versioned granola (public)');
  });
});
