// End-to-end: recipes (filters, profile allergies and their opt-out, ranked search, cursors,
// private ETags that never cross users, premium gating, scaling) and meal plans (create, list by
// week, ownership, patch, copy, delete, overlap, the generator against every allergen, retired
// recipes, a product in a plan, the data export) and the shopping list (generated from a week,
// regenerated in place keeping check marks, manual items, check off, delete, clear checked,
// ownership, export) against the real server, PostgreSQL and Redis. Every response is checked
// against api/openapi.yaml.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { assertError, AuthSuite, bearer, login, psql } from './support/auth.mjs';
import { assertMatchesContract } from './support/contract.mjs';
import { request } from './support/server.mjs';

const N = '/api/v1/nutrition';
const ALLERGENS = ['gluten', 'dairy', 'egg', 'nuts', 'peanuts', 'soy', 'fish', 'shellfish',
  'sesame'];

const suite = new AuthSuite();
before(() => suite.start());
after(async () => {
  // Stop first: a failed log check must not leave the server, and this process, running.
  await suite.stop();
  suite.assertLogClean();
});

// The OpenAPI path template of a concrete path (ids and slugs become {id}).
function templateOf(path) {
  const p = path.split('?')[0];
  const rules = [
    [/^(\/api\/v1\/nutrition\/recipes)\/[^/]+$/, '$1/{id}'],
    [/^(\/api\/v1\/nutrition\/meal-plans)\/(?!generate$)[^/]+$/, '$1/{id}'],
    [/^(\/api\/v1\/nutrition\/meal-plans)\/[^/]+\/copy$/, '$1/{id}/copy'],
    [/^(\/api\/v1\/nutrition\/shopping-list\/items)\/[^/]+$/, '$1/{id}'],
  ];
  for (const [re, to] of rules) {
    if (re.test(p)) {
      return p.replace(re, to);
    }
  }
  return p;
}
// Every request of this file goes through here: each response is checked against the contract.
async function checked(method, path, token, body, headers = {}) {
  const res = await request(suite.base, method, path, { headers: bearer(token, headers), body });
  assertMatchesContract(method, templateOf(path), res);
  return res;
}
const call = checked;
function badFields(res) {
  assertError(res, 400, 'VAL_001');
  return res.json.error.details.map((d) => d.field).sort();
}
async function withAllergies(allergies) {
  const u = await suite.newUser();
  const res = await call('PATCH', '/api/v1/users/me', u.access, { allergies });
  assert.equal(res.status, 200, res.text);
  return u;
}
async function premiumUser() {
  const u = await suite.newUser();
  await psql(`UPDATE users SET role = 'premium' WHERE id = '${u.user.id}'`);
  const res = await login(suite.base, u.email, u.password);
  u.access = res.json.data.tokens.access_token;
  suite.remember(u.access, res.json.data.tokens.refresh_token);
  return u;
}
async function allRecipes(token, query = '') {
  const res = await call('GET', `${N}/recipes?limit=100${query}`, token);
  assert.equal(res.status, 200, res.text);
  return res.json.data;
}

describe('GET /nutrition/recipes', () => {
  test('filters by diet, exclude, prep time, kcal range and tag', async () => {
    const u = await suite.newUser();
    const all = await allRecipes(u.access);
    assert.equal(all.length, 30);
    const vegan = await allRecipes(u.access, '&diet=vegan');
    assert.ok(vegan.length > 3 && vegan.every((r) => r.diet_types.includes('vegan')));
    const noDairyNuts = await allRecipes(u.access, '&exclude=dairy,nuts');
    assert.ok(noDairyNuts.length > 5);
    assert.ok(noDairyNuts.every((r) => !r.allergens.includes('dairy') && !r.allergens.includes('nuts')));
    const quick = await allRecipes(u.access, '&max_prep_minutes=10&min_kcal=200&max_kcal=400');
    assert.ok(quick.length > 0);
    for (const r of quick) {
      assert.ok(r.prep_minutes <= 10 && r.nutrition_per_serving.kcal >= 200 &&
        r.nutrition_per_serving.kcal <= 400, r.slug);
    }
    const batch = await allRecipes(u.access, '&tag=batch_cook');
    assert.ok(batch.length >= 4 && batch.every((r) => r.tags.includes('batch_cook')));
  });

  test('every bad parameter is named in one 400', async () => {
    const u = await suite.newUser();
    const res = await call('GET', `${N}/recipes?diet=carnivore&exclude=dairy,bacon&tag=x` +
      '&max_prep_minutes=-1&min_kcal=500&max_kcal=100&limit=0&cursor=nope&profile_allergies=maybe', u.access);
    assert.deepEqual(badFields(res), ['cursor', 'diet', 'exclude', 'limit', 'max_kcal',
      'max_prep_minutes', 'profile_allergies', 'tag']);
  });

  test('q ranks name matches first and searches ingredients', async () => {
    const u = await suite.newUser();
    const salmon = await allRecipes(u.access, '&q=salmon');
    assert.ok(salmon.length >= 3);
    assert.match(salmon[0].name, /salmon/i);
    const tahini = await allRecipes(u.access, '&q=tahini');
    assert.ok(tahini.some((r) => r.slug === 'hummus-with-crudites'));
    const none = await allRecipes(u.access, '&q=zzqqxx');
    assert.equal(none.length, 0);
  });

  test('the profile allergies filter the list unless profile_allergies=false', async () => {
    const u = await withAllergies(['Peanut allergy', 'shrimp', 'lactose intolerant']);
    const list = await allRecipes(u.access);
    assert.ok(list.length < 30);
    for (const r of list) {
      for (const a of ['peanuts', 'shellfish', 'dairy']) {
        assert.ok(!r.allergens.includes(a), `${r.slug} has ${a}`);
      }
    }
    const everything = await allRecipes(u.access, '&profile_allergies=false');
    assert.equal(everything.length, 30);
  });

  test('ETags are private and one user\'s filtered list is never another\'s', async () => {
    const allergic = await withAllergies(['eggs']);
    const other = await suite.newUser();
    const first = await call('GET', `${N}/recipes?limit=100`, allergic.access);
    assert.equal(first.status, 200);
    const etag = first.headers.get('etag');
    assert.match(first.headers.get('cache-control'), /^private, max-age=\d+$/);
    assert.match(first.headers.get('vary') ?? '', /Authorization|Origin/);
    const again = await call('GET', `${N}/recipes?limit=100`, allergic.access, undefined,
      { 'if-none-match': etag });
    assert.equal(again.status, 304);
    // The other user's list differs: their If-None-Match with the allergic user's ETag is a 200
    // with the full list, never a 304 that would keep the filtered copy.
    const theirs = await call('GET', `${N}/recipes?limit=100`, other.access, undefined,
      { 'if-none-match': etag });
    assert.equal(theirs.status, 200);
    assert.equal(theirs.json.data.length, 30);
    assert.notEqual(theirs.headers.get('etag'), etag);
  });

  test('cursors page through the ranked list without repeats', async () => {
    const u = await suite.newUser();
    const seen = [];
    let cursor = null;
    do {
      const res = await call('GET', `${N}/recipes?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
        u.access);
      assert.equal(res.status, 200, res.text);
      seen.push(...res.json.data.map((r) => r.id));
      cursor = res.json.pagination.cursor;
      assert.equal(res.json.pagination.has_more, cursor !== null);
    } while (cursor);
    assert.equal(seen.length, 30);
    assert.equal(new Set(seen).size, 30);
  });
});

describe('GET /nutrition/recipes/:id', () => {
  test('detail by id or slug, scaled by ?servings=', async () => {
    const u = await suite.newUser();
    const base = await call('GET', `${N}/recipes/slow-cooker-red-lentil-soup`, u.access);
    assert.equal(base.status, 200, base.text);
    const r = base.json.data;
    assert.equal(r.servings, r.base_servings);
    assert.ok(r.ingredients.length > 3 && r.steps.length > 2);
    assert.deepEqual(r.ingredients.map((i) => i.position),
      [...r.ingredients.keys()].map((k) => k + 1));
    const byId = await call('GET', `${N}/recipes/${r.id}?servings=${r.base_servings * 2}`, u.access);
    assert.equal(byId.status, 200);
    const doubled = byId.json.data;
    assert.equal(doubled.nutrition_total.kcal, r.nutrition_per_serving.kcal * r.base_servings * 2);
    for (let i = 0; i < r.ingredients.length; i++) {
      if (r.ingredients[i].quantity !== null) {
        assert.ok(Math.abs(doubled.ingredients[i].quantity - 2 * r.ingredients[i].quantity) <= 1,
          r.ingredients[i].name);
      }
    }
    for (const bad of ['0', '51', 'x', '2.5']) {
      const res = await call('GET', `${N}/recipes/${r.id}?servings=${bad}`, u.access);
      assert.deepEqual(badFields(res), ['servings']);
    }
    const missing = await call('GET', `${N}/recipes/no-such-recipe`, u.access);
    assertError(missing, 404, 'NUTR_020');
  });

  test('premium recipes: summary in lists for everyone, full recipe for premium only', async () => {
    const free = await suite.newUser();
    const list = await allRecipes(free.access);
    const premium = list.find((r) => r.is_premium);
    assert.ok(premium);
    assertError(await call('GET', `${N}/recipes/${premium.id}`, free.access), 403, 'AUTH_003');
    const p = await premiumUser();
    const full = await call('GET', `${N}/recipes/${premium.id}`, p.access);
    assert.equal(full.status, 200, full.text);
    assert.ok(full.json.data.ingredients.length > 0);
  });
});

async function recipeId(token, slug) {
  const res = await call('GET', `${N}/recipes/${slug}`, token);
  assert.equal(res.status, 200, res.text);
  return res.json.data.id;
}

describe('meal plans', () => {
  test('create, read by week, patch, copy, delete; others see 404', async () => {
    const u = await suite.newUser();
    const other = await suite.newUser();
    const shakshuka = await recipeId(u.access, 'shakshuka');
    const soup = await recipeId(u.access, 'slow-cooker-red-lentil-soup');
    const created = await call('POST', `${N}/meal-plans`, u.access, {
      week_start: '2031-03-03', name: 'March',
      items: [
        { day: 0, slot: 'breakfast', recipe_id: shakshuka, servings: 1.5 },
        { day: 0, slot: 'lunch', free_text: 'leftovers' },
        { day: 2, slot: 'dinner', recipe_id: soup, servings: 2 },
      ],
    });
    assert.equal(created.status, 201, created.text);
    const plan = created.json.data;
    assert.equal(plan.week_end, '2031-03-09');
    assert.equal(plan.items.length, 3);
    assert.equal(plan.items[0].kind, 'recipe');
    assert.equal(plan.items[1].kind, 'free_text');
    assert.equal(plan.daily_kcal.length, 7);
    assert.ok(plan.daily_kcal[0] > 0 && plan.daily_kcal[1] === 0);

    const byWeek = await call('GET', `${N}/meal-plans?week=2031-03-06`, u.access);
    assert.equal(byWeek.status, 200);
    assert.deepEqual(byWeek.json.data.map((p) => p.id), [plan.id]);
    const theirs = await call('GET', `${N}/meal-plans?week=2031-03-06`, other.access);
    assert.deepEqual(theirs.json.data, []);
    assertError(await call('GET', `${N}/meal-plans/${plan.id}`, other.access), 404, 'NUTR_021');
    assertError(await call('PATCH', `${N}/meal-plans/${plan.id}`, other.access, { name: 'x' }),
      404, 'NUTR_021');
    assertError(await call('DELETE', `${N}/meal-plans/${plan.id}`, other.access), 404, 'NUTR_021');

    const overlap = await call('POST', `${N}/meal-plans`, u.access, { week_start: '2031-03-09' });
    assertError(overlap, 409, 'NUTR_022');

    const leftovers = plan.items[1].id;
    const patched = await call('PATCH', `${N}/meal-plans/${plan.id}`, u.access, {
      remove: [leftovers],
      move: [{ item_id: plan.items[2].id, day: 4, slot: 'lunch', servings: 1 }],
      add: [{ day: 6, slot: 'snack', free_text: 'apple' }],
    });
    assert.equal(patched.status, 200, patched.text);
    const items = patched.json.data.items;
    assert.equal(items.length, 3);
    assert.ok(!items.some((i) => i.id === leftovers));
    const moved = items.find((i) => i.id === plan.items[2].id);
    assert.equal(moved.day, 4);
    assert.equal(moved.slot, 'lunch');
    assert.equal(moved.servings, 1);

    const refused = await call('PATCH', `${N}/meal-plans/${plan.id}`, u.access, {
      remove: [leftovers, plan.items[0].id, plan.items[0].id],
      move: [{ item_id: '00000000-0000-4000-8000-000000000000', day: 9 }],
      extra: 1,
    });
    assert.deepEqual(badFields(refused), ['extra', 'move[0].day', 'remove[2]']);
    const unknown = await call('PATCH', `${N}/meal-plans/${plan.id}`, u.access,
      { remove: [leftovers] });
    assert.deepEqual(badFields(unknown), ['remove[0]']);
    const still = await call('GET', `${N}/meal-plans/${plan.id}`, u.access);
    assert.equal(still.json.data.items.length, 3);

    const copy = await call('POST', `${N}/meal-plans/${plan.id}/copy`, u.access,
      { week_start: '2031-03-10' });
    assert.equal(copy.status, 201, copy.text);
    assert.equal(copy.json.data.items.length, 3);
    assert.equal(copy.json.data.week_start, '2031-03-10');
    const list = await call('GET', `${N}/meal-plans?limit=1`, u.access);
    assert.equal(list.json.data[0].id, copy.json.data.id);
    assert.equal(list.json.pagination.has_more, true);
    const next = await call('GET', `${N}/meal-plans?limit=1&cursor=${list.json.pagination.cursor}`,
      u.access);
    assert.equal(next.json.data[0].id, plan.id);

    const exported = await call('GET', '/api/v1/users/me/export', u.access);
    assert.equal(exported.status, 200);
    const plans = exported.json.meal_plans ?? exported.json.data?.meal_plans;
    assert.equal(plans.length, 2);

    assert.equal((await call('DELETE', `${N}/meal-plans/${copy.json.data.id}`, u.access)).status, 204);
    assertError(await call('GET', `${N}/meal-plans/${copy.json.data.id}`, u.access), 404, 'NUTR_021');
  });

  test('items are validated, unknown recipes and products named', async () => {
    const u = await suite.newUser();
    const res = await call('POST', `${N}/meal-plans`, u.access, {
      week_start: '2031-13-01',
      items: [
        { day: 7, slot: 'brunch', free_text: 'x' },
        { day: 1, slot: 'lunch', free_text: 'x', recipe_id: '00000000-0000-4000-8000-000000000000' },
        { day: 1, slot: 'lunch', free_text: 'x', servings: 0.3 },
      ],
    });
    assert.deepEqual(badFields(res), ['items[0].day', 'items[0].slot', 'items[1].recipe_id',
      'items[2].servings', 'week_start']);
    const unknown = await call('POST', `${N}/meal-plans`, u.access, {
      week_start: '2031-01-06',
      items: [
        { day: 1, slot: 'lunch', recipe_id: '00000000-0000-4000-8000-000000000000' },
        { day: 1, slot: 'lunch', product_id: '00000000-0000-4000-8000-000000000000' },
      ],
    });
    assert.deepEqual(badFields(unknown), ['items[0].recipe_id', 'items[1].product_id']);
    const none = await call('GET', `${N}/meal-plans?week=2031-01-06`, u.access);
    assert.deepEqual(none.json.data, []);
  });

  test('a recipe retired later still renders in old plans', async () => {
    const u = await suite.newUser();
    await psql(`INSERT INTO recipes (slug, name, description, prep_time_minutes, cook_time_minutes,
      servings, kcal, protein_g, carbs_g, fat_g, fiber_g, sugar_g, sodium_mg, meal_types)
      VALUES ('e2e-retired-${u.user.id}', 'Retired toast', 'x', 1, 1, 1, 300, 1, 1, 1, 1, 1, 1,
      '["breakfast"]') ON CONFLICT DO NOTHING`);
    // The snapshot reloads after its TTL; the plan reads recipes by id in SQL.
    const id = (await psql(`SELECT id FROM recipes WHERE slug = 'e2e-retired-${u.user.id}'`)).trim();
    await psql(`INSERT INTO meal_plans (user_id, week_start_date) VALUES ('${u.user.id}', '2031-05-05')`);
    await psql(`INSERT INTO meal_plan_items (user_id, meal_plan_id, day_index, meal_slot, recipe_id)
      SELECT user_id, id, 0, 'breakfast', '${id}' FROM meal_plans WHERE user_id = '${u.user.id}'`);
    await psql(`UPDATE recipes SET is_active = false WHERE id = '${id}'`);
    const res = await call('GET', `${N}/meal-plans?week=2031-05-05`, u.access);
    assert.equal(res.status, 200, res.text);
    const item = res.json.data[0].items[0];
    assert.equal(item.recipe.name, 'Retired toast');
    assert.equal(item.recipe.active, false);
    assert.equal(item.kcal, 300);
    await psql(`DELETE FROM meal_plans WHERE user_id = '${u.user.id}'`);
    await psql(`DELETE FROM recipes WHERE id = '${id}'`);
  });

  test('generate never proposes an excluded allergen and keeps days near the target', async () => {
    for (const [n, allergen] of ALLERGENS.entries()) {
      const u = await suite.newUser();
      const res = await call('POST', `${N}/meal-plans/generate`, u.access,
        { week_start: `2032-0${1 + (n % 9)}-01`, daily_kcal: 2000, exclude: [allergen] });
      assert.equal(res.status, 201, `${allergen}: ${res.text}`);
      const plan = res.json.data;
      assert.ok(plan.items.length >= 21);
      const list = await allRecipes(u.access, '&profile_allergies=false');
      const byId = new Map(list.map((r) => [r.id, r]));
      for (const item of plan.items) {
        const r = byId.get(item.recipe.id);
        assert.ok(!r.allergens.includes(allergen), `${allergen} in ${r.slug}`);
        assert.ok(!r.is_premium, 'premium recipe for a free user');
      }
      for (const kcal of plan.daily_kcal) {
        assert.ok(Math.abs(kcal - 2000) <= 200, `${allergen}: day at ${kcal} kcal`);
      }
    }
  });

  test('generate reads the profile: allergies, diet and the kcal goal', async () => {
    const u = await withAllergies(['soya', 'sesame seeds']);
    await call('PATCH', '/api/v1/users/me', u.access, { dietary_preferences: { diet: 'vegan' } });
    await call('PATCH', '/api/v1/users/me/preferences', u.access, { daily_kcal_goal: 1800 });
    const res = await call('POST', `${N}/meal-plans/generate`, u.access, { week_start: '2033-01-03' });
    assert.equal(res.status, 201, res.text);
    const list = await allRecipes(u.access, '&profile_allergies=false');
    const byId = new Map(list.map((r) => [r.id, r]));
    for (const item of res.json.data.items) {
      const r = byId.get(item.recipe.id);
      assert.ok(r.diet_types.includes('vegan'), r.slug);
      assert.ok(!r.allergens.includes('soy') && !r.allergens.includes('sesame'), r.slug);
    }
    for (const kcal of res.json.data.daily_kcal) {
      assert.ok(Math.abs(kcal - 1800) <= 180, `day at ${kcal}`);
    }
    const bad = await call('POST', `${N}/meal-plans/generate`, u.access,
      { week_start: 'x', daily_kcal: 50, exclude: ['bacon'], diet: 'carnivore' });
    assert.deepEqual(badFields(bad), ['daily_kcal', 'diet', 'exclude', 'week_start']);
  });
});

// A found product in the local table (the food side fills it from barcodes; here by hand).
async function newProduct(tag) {
  const code = String(Date.now()).slice(-9) + String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const id = (await psql(`INSERT INTO food_products (code, name, brand, nutriments_100g,
      serving_size_g, source) VALUES ('${code}', 'Skyr ${tag}', 'E2E', '{"energy_kcal": 64}',
      150, 'manual') RETURNING id`)).trim().split('\n')[0];
  return { id, code };
}

describe('a product in a meal plan', () => {
  test('renders with its name, code and kcal per serving, and is validated', async () => {
    const u = await suite.newUser();
    const p = await newProduct('plan');
    const created = await checked('POST', `${N}/meal-plans`, u.access, {
      week_start: '2034-02-06',
      items: [{ day: 1, slot: 'snack', product_id: p.id, servings: 2 }],
    });
    assert.equal(created.status, 201, created.text);
    const item = created.json.data.items[0];
    assert.equal(item.kind, 'product');
    assert.deepEqual(item.product, { id: p.id, name: 'Skyr plan', code: p.code });
    assert.equal(item.recipe, null);
    assert.equal(item.kcal, 192); // 64 kcal/100 g x 150 g x 2
    assert.equal(created.json.data.daily_kcal[1], 192);
    const both = await checked('POST', `${N}/meal-plans`, u.access, {
      week_start: '2034-03-06',
      items: [{ day: 1, slot: 'snack', product_id: p.id, free_text: 'x' }],
    });
    assert.deepEqual(badFields(both), ['items[0].recipe_id']);
    // A product not found upstream is not a known product.
    await psql(`UPDATE food_products SET found = false, name = NULL WHERE id = '${p.id}'`);
    const gone = await checked('PATCH', `${N}/meal-plans/${created.json.data.id}`, u.access,
      { add: [{ day: 2, slot: 'snack', product_id: p.id }] });
    assert.deepEqual(badFields(gone), ['add[0].product_id']);
  });
});

describe('shopping list', () => {
  const S = `${N}/shopping-list`;
  function lines(res) {
    assert.equal(res.status, 200, res.text);
    return res.json.data.aisles.flatMap((a) => a.items.map((i) => ({ ...i, group: a.aisle })));
  }

  test('generated from a week, regenerated in place, check marks kept', async () => {
    const u = await suite.newUser();
    const other = await suite.newUser();
    const shakshuka = await recipeId(u.access, 'shakshuka');
    const p = await newProduct('list');
    const created = await checked('POST', `${N}/meal-plans`, u.access, {
      week_start: '2034-05-01',
      items: [
        { day: 0, slot: 'dinner', recipe_id: shakshuka, servings: 2 },
        { day: 1, slot: 'snack', product_id: p.id, servings: 1.5 },
        { day: 2, slot: 'lunch', free_text: 'eat out' },
      ],
    });
    assert.equal(created.status, 201, created.text);
    const plan = created.json.data;
    assertError(await checked('GET', `${S}?week=2034-04-30`, u.access), 404, 'NUTR_025');
    assert.deepEqual(badFields(await checked('GET', `${S}?week=2034-02-30`, u.access)), ['week']);

    const first = await checked('GET', `${S}?week=2034-05-04`, u.access);
    const got = lines(first);
    assert.equal(first.json.data.meal_plan_id, plan.id);
    assert.equal(first.json.data.week_start, '2034-05-01');
    assert.equal(first.json.data.item_count, got.length);
    const detail = await checked('GET', `${N}/recipes/${shakshuka}?servings=2`, u.access);
    const names = new Set(detail.json.data.ingredients.map((i) => i.name.trim().toLowerCase()));
    for (const name of names) {
      assert.ok(got.some((l) => l.name === name), `${name} missing`);
    }
    const skyr = got.find((l) => l.name === 'skyr list');
    assert.deepEqual([skyr.quantity, skyr.unit, skyr.group, skyr.source], [1.5, 'serving', 'other',
      'plan']);
    assert.ok(!got.some((l) => l.name.includes('eat out')));
    const order = ['produce', 'meat_fish', 'dairy_eggs', 'bakery', 'grains_pasta', 'tins_jars',
      'baking', 'spices', 'oils_sauces', 'nuts_seeds', 'frozen', 'drinks', 'other'];
    const groups = first.json.data.aisles.map((a) => order.indexOf(a.aisle));
    assert.deepEqual(groups, [...groups].sort((a, b) => a - b));

    // A manual item and two check marks.
    const coffee = await checked('POST', `${S}/items`, u.access,
      { name: 'Coffee', quantity: 1, unit: 'bag', aisle: 'drinks' }, { 'Idempotency-Key': `c-${u.user.id}` });
    assert.equal(coffee.status, 201, coffee.text);
    assert.equal(coffee.json.data.source, 'manual');
    const replay = await checked('POST', `${S}/items`, u.access,
      { name: 'Coffee', quantity: 1, unit: 'bag', aisle: 'drinks' }, { 'Idempotency-Key': `c-${u.user.id}` });
    assert.equal(replay.json.data.id, coffee.json.data.id);
    const egg = got.find((l) => l.name.includes('egg') && l.quantity !== null);
    const tick = await checked('PATCH', `${S}/items/${egg.id}`, u.access, { checked: true });
    assert.equal(tick.status, 200, tick.text);
    assert.equal(tick.json.data.checked, true);
    assert.ok(tick.json.data.checked_at);
    await checked('PATCH', `${S}/items/${skyr.id}`, u.access, { checked: true });
    assertError(await checked('PATCH', `${S}/items/${egg.id}`, u.access, { name: 'duck eggs' }),
      409, 'NUTR_027');
    assertError(await checked('PATCH', `${S}/items/${egg.id}`, other.access, { checked: true }),
      404, 'NUTR_023');

    // Regenerating an unchanged week keeps ids and check marks.
    const again = lines(await checked('GET', `${S}?week=2034-05-01`, u.access));
    assert.equal(again.length, got.length + 1);
    assert.equal(again.find((l) => l.id === egg.id).checked, true);
    assert.ok(again.some((l) => l.id === coffee.json.data.id));

    // Fewer servings: the eggs change and are unchecked; the product line stays checked.
    const shakshukaItem = plan.items.find((i) => i.kind === 'recipe').id;
    await checked('PATCH', `${N}/meal-plans/${plan.id}`, u.access,
      { move: [{ item_id: shakshukaItem, servings: 1 }] });
    const halved = lines(await checked('GET', `${S}?week=2034-05-01`, u.access));
    const egg2 = halved.find((l) => l.id === egg.id);
    assert.ok(egg2.quantity < egg.quantity);
    assert.equal(egg2.checked, false);
    assert.equal(egg2.checked_at, null);
    assert.equal(halved.find((l) => l.id === skyr.id).checked, true);

    // The recipe leaves the plan: its (unchecked) lines go; the checked product line stays.
    await checked('PATCH', `${N}/meal-plans/${plan.id}`, u.access, { remove: [shakshukaItem] });
    const left = lines(await checked('GET', `${S}?week=2034-05-01`, u.access));
    assert.deepEqual(left.map((l) => l.name).sort(), ['Coffee', 'skyr list']);

    // The data export lists the items; others see none of them.
    const exported = await checked('GET', '/api/v1/users/me/export', u.access);
    assert.equal(exported.status, 200);
    const items = exported.json.shopping_list ?? exported.json.data?.shopping_list;
    assert.deepEqual(items.map((i) => i.name).sort(), ['Coffee', 'skyr list']);
    assert.ok(items.every((i) => !('item_key' in i) && !('user_id' in i) && i.aisle));
    assert.deepEqual(lines(await checked('GET', S, other.access)), []);

    // Clear checked removes the product line; the manual item stays; delete removes it.
    const cleared = await checked('POST', `${S}/clear-checked`, u.access);
    assert.equal(cleared.status, 200, cleared.text);
    assert.deepEqual(cleared.json.data, { removed: 1 });
    assert.equal((await checked('DELETE', `${S}/items/${coffee.json.data.id}`, other.access)).status,
      404);
    assert.equal((await checked('DELETE', `${S}/items/${coffee.json.data.id}`, u.access)).status, 204);
    assertError(await checked('DELETE', `${S}/items/${coffee.json.data.id}`, u.access), 404, 'NUTR_023');
    assert.deepEqual(lines(await checked('GET', S, u.access)), []);
  });

  test('manual items: every field validated, duplicates and unknown members refused', async () => {
    const u = await suite.newUser();
    const bad = await checked('POST', `${S}/items`, u.access,
      { name: ' ', quantity: -1, unit: 'x'.repeat(40), aisle: 'garden', colour: 'red' });
    assert.deepEqual(badFields(bad), ['aisle', 'colour', 'name', 'quantity', 'unit']);
    const dup = await request(suite.base, 'POST', `${S}/items`, {
      headers: bearer(u.access, { 'Content-Type': 'application/json' }),
      body: '{"name":"a","name":"b"}',
    });
    assertMatchesContract('POST', `${S}/items`, dup);
    assertError(dup, 400, 'VAL_001');
    const unitAlone = await checked('POST', `${S}/items`, u.access, { name: 'Tea', unit: 'box' });
    assert.deepEqual(badFields(unitAlone), ['unit']);
    const tea = await checked('POST', `${S}/items`, u.access, { name: 'Tea' });
    assert.equal(tea.status, 201, tea.text);
    assert.deepEqual([tea.json.data.quantity, tea.json.data.unit, tea.json.data.aisle],
      [null, null, 'other']);
    const id = tea.json.data.id;
    assert.deepEqual(badFields(await checked('PATCH', `${S}/items/${id}`, u.access, {})), ['checked']);
    assert.deepEqual(badFields(await checked('PATCH', `${S}/items/${id}`, u.access,
      { checked: 'yes', name: null, quantity: 0.001 })), ['checked', 'name', 'quantity']);
    assert.deepEqual(badFields(await checked('PATCH', `${S}/items/not-a-uuid`, u.access,
      { checked: true })), ['id']);
    const edited = await checked('PATCH', `${S}/items/${id}`, u.access,
      { name: 'Green tea', quantity: 2, unit: 'box', aisle: 'drinks' });
    assert.equal(edited.status, 200, edited.text);
    assert.deepEqual([edited.json.data.name, edited.json.data.quantity, edited.json.data.unit,
      edited.json.data.aisle], ['Green tea', 2, 'box', 'drinks']);
    const cleared = await checked('PATCH', `${S}/items/${id}`, u.access, { quantity: null });
    assert.deepEqual([cleared.json.data.quantity, cleared.json.data.unit], [null, null]);
    const after = await psql(`SELECT name, quantity, unit, category FROM shopping_list_items
      WHERE id = '${id}'`);
    assert.equal(after.trim(), 'Green tea|||drinks');
  });
});
