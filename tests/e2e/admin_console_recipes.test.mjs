// End-to-end: the recipes kind of the admin console's reference view, in Debian's headless
// Chromium driven by puppeteer-core (as tests/e2e/admin_console.test.mjs): an admin opens a
// recipe from the list, renames it in the generic form (a PATCH with If-Match), and finds the
// update with its before and after in the audit view; the API then answers the new name and
// version. Screenshots go to $UGOKI_TEST_ARTIFACTS_DIR/admin_console_recipes (a temp dir
// otherwise). No console error, page error or CSP violation may happen on the way.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { makeAdmin } from './support/admin.mjs';
import { AuthSuite, bearer, login } from './support/auth.mjs';
import { skipUnlessCi } from './support/env.mjs';
import { request } from './support/server.mjs';

const A = '/api/v1/admin/nutrition/recipes';
const suite = new AuthSuite();
let admin;
let plain;
let token;
let browserRan = false;
let recipeId;

before(async () => {
  await suite.start();
  admin = await suite.newUser();
  await makeAdmin(admin.email);
  const res = await login(suite.base, admin.email, admin.password);
  assert.equal(res.status, 200, res.text);
  token = res.json.data.tokens.access_token;
  suite.remember(token, res.json.data.tokens.refresh_token);
  plain = await suite.newUser();
});
after(async () => {
  if (recipeId) {
    // Nothing references it: deleted, so the shared database keeps its 30 recipes.
    await request(suite.base, 'DELETE', `${A}/${recipeId}`, { headers: bearer(token) });
  }
  await suite.stop();
  if (browserRan) {
    suite.assertLogClean();
  }
});

const CHROMIUM = process.env.UGOKI_CHROMIUM
  ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

function artifactDir() {
  const base = process.env.UGOKI_TEST_ARTIFACTS_DIR;
  const dir = base ? path.join(base, 'admin_console_recipes')
    : mkdtempSync(path.join(tmpdir(), 'ugoki-admin-console-recipes-'));
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe('the recipes kind of the console in headless Chromium', () => {
  test('open a recipe, rename it, see the audit entry', { timeout: 120_000 }, async (t) => {
    let puppeteer;
    try {
      puppeteer = (await import('puppeteer-core')).default;
    } catch {
      skipUnlessCi(t, 'puppeteer-core is not installed (npm ci)');
      return;
    }
    if (!CHROMIUM) {
      skipUnlessCi(t, 'Chromium is not installed (apt-get install chromium)');
      return;
    }
    // A recipe of this test's own, retired so no reader's list changes while it exists.
    const stamp = Date.now();
    const created = await request(suite.base, 'POST', A, {
      headers: bearer(token, { 'Idempotency-Key': `console-recipe-${stamp}` }),
      body: {
        slug: `console-recipe-${stamp}`, name: `Console porridge ${stamp}`,
        description: 'Oats simmered in milk.', steps: ['Simmer the oats, stirring.', 'Serve.'],
        ingredients: [{ name: 'oats', quantity: 50, unit: 'g' }, { name: 'milk', quantity: 250, unit: 'ml' }],
        prep_minutes: 2, cook_minutes: 8, servings: 1,
        nutrition_per_serving: { kcal: 320, protein_g: 13, carbs_g: 45, fat_g: 9, fiber_g: 5,
          sugar_g: 12, sodium_mg: 110 },
        diet_types: ['vegetarian'], allergens: ['dairy', 'gluten'], meal_types: ['breakfast'],
        active: false,
      },
    });
    assert.equal(created.status, 201, created.text);
    recipeId = created.json.data.id;
    const oldName = created.json.data.name;
    const newName = `Console porridge renamed ${stamp}`;

    browserRan = true;
    const shots = artifactDir();
    t.diagnostic(`screenshots in ${shots}`);
    const args = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true,
      args: [...args, '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'] });
    const problems = [];
    try {
      const page = await browser.newPage();
      await page.setViewport({ width: 1360, height: 900 });
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warn') {
          problems.push(`console ${m.type()}: ${m.text()}`);
        }
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
      page.on('dialog', (d) => {
        problems.push(`dialog: ${d.message()}`);
        d.dismiss();
      });
      await page.evaluateOnNewDocument(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      const shot = (name) => page.screenshot({ path: path.join(shots, `${name}.png`),
        fullPage: true });

      await page.goto(`${suite.base}/admin`, { waitUntil: 'networkidle0' });
      await page.waitForSelector('#sign-in-form');
      await page.type('#email', admin.email);
      await page.type('#password', admin.password);
      await Promise.all([page.waitForSelector('#articles'), page.click('#sign-in')]);

      // The recipes tab lists it (retired ones too, marked), and its form opens.
      await page.click('nav a[href="#/reference"]');
      await page.waitForSelector('#reference-list');
      await page.click('.tabs a[href="#/reference/recipes"]');
      await page.waitForSelector('.tabs a.active[href="#/reference/recipes"]');
      await page.waitForFunction((name) => [...document.querySelectorAll('#reference-list button')]
        .some((b) => b.textContent === `${name} [retired]`), {}, oldName);
      await page.evaluate((name) => [...document.querySelectorAll('#reference-list button')]
        .find((b) => b.textContent === `${name} [retired]`).click(), oldName);
      await page.waitForSelector('#ref-recipes-name');
      assert.equal(await page.$eval('#ref-recipes-name', (e) => e.value), oldName);
      await shot('1-recipe-form');

      // Rename it: the form PATCHes the changed member with If-Match.
      await page.$eval('#ref-recipes-name', (e) => { e.value = ''; });
      await page.type('#ref-recipes-name', newName);
      await page.click('#reference-form button[type="submit"]');
      await page.waitForFunction((name) => [...document.querySelectorAll('#reference-list button')]
        .some((b) => b.textContent === `${name} [retired]`), {}, newName);
      await shot('2-recipe-saved');

      const now = await request(suite.base, 'GET', `${A}/${recipeId}`, { headers: bearer(token) });
      assert.equal(now.status, 200, now.text);
      assert.equal(now.json.data.name, newName);
      assert.equal(now.json.data.version, 2);
      assert.equal(now.headers.get('etag'), '"v2"');
      // Nothing else changed: steps and ingredients are not in the form.
      assert.deepEqual(now.json.data.steps, ['Simmer the oats, stirring.', 'Serve.']);
      assert.equal(now.json.data.ingredients.length, 2);

      // The audit view shows the update, by this admin, with the name before and after.
      await page.click('nav a[href="#/audit"]');
      await page.waitForSelector('#audit-entity-id');
      await page.type('#audit-entity-id', recipeId);
      await page.click('.filters button[type="submit"]');
      await page.waitForFunction((wanted) => document.querySelectorAll(
        `#audit > tbody > tr[data-entity-id="${wanted}"]`).length >= 2, {}, recipeId);
      const entries = await page.$$eval('#audit > tbody > tr', (rows) => rows.map((r) => ({
        entity: r.dataset.entity, action: r.dataset.action, who: r.cells[1].textContent,
        changes: r.cells[5].textContent })));
      const update = entries.find((e) => e.action === 'update');
      assert.ok(update, JSON.stringify(entries));
      assert.equal(update.entity, 'nutrition.recipe');
      assert.equal(update.who, admin.email);
      assert.ok(update.changes.includes(oldName) && update.changes.includes(newName),
        update.changes);
      await shot('3-audit');

      // The API under the console still refuses a non-admin.
      const refused = await request(suite.base, 'PATCH', `${A}/${recipeId}`,
        { headers: bearer(plain.access, { 'If-Match': '"v2"' }), body: { name: 'Not mine' } });
      assert.equal(refused.status, 403, refused.text);
      for (const c of await page.cookies()) {
        suite.remember(c.value);
      }
    } catch (err) {
      const [page] = (await browser.pages()).slice(-1);
      await page?.screenshot({ path: path.join(shots, 'failure.png'), fullPage: true })
        .catch(() => {});
      err.message += `\nbrowser problems: ${JSON.stringify(problems)}`;
      throw err;
    } finally {
      await browser.close();
    }
    assert.deepEqual(problems, []);
  });
});
