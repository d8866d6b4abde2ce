// End-to-end: the admin console's workout kinds (#/reference/exercises, #/reference/routines) in
// Debian's headless Chromium driven by puppeteer-core: sign in, open an exercise and a routine,
// change a field in the generic form (the PATCH carries If-Match), see the change through the
// API and its entry in the audit log page. Screenshots go to the run's artifact directory
// ($UGOKI_TEST_ARTIFACTS_DIR; a temp dir otherwise). No console error, page error or CSP
// violation may happen on the way.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomInt } from 'node:crypto';

import { makeAdmin } from './support/admin.mjs';
import { AuthSuite, bearer, login, psql } from './support/auth.mjs';
import { skipUnlessCi } from './support/env.mjs';
import { request } from './support/server.mjs';

const A = '/api/v1/admin/workouts';
const suite = new AuthSuite();
let admin;

before(async () => {
  await suite.start();
  admin = await suite.newUser();
  await makeAdmin(admin.email);
});
after(async () => {
  // Stop first: a failed check must not leave the server running. The log's leak check
  // (assertLogClean) wants more secrets than this short test makes; admin_console.test.mjs,
  // which signs in and out many times, does it for the console.
  await suite.stop();
});

async function adminToken() {
  const res = await login(suite.base, admin.email, admin.password);
  assert.equal(res.status, 200, res.text);
  suite.remember(res.json.data.tokens.access_token, res.json.data.tokens.refresh_token);
  return res.json.data.tokens.access_token;
}

const CHROMIUM = process.env.UGOKI_CHROMIUM
  ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

function artifactDir() {
  const base = process.env.UGOKI_TEST_ARTIFACTS_DIR;
  const dir = base ? path.join(base, 'admin_console_workouts')
    : mkdtempSync(path.join(tmpdir(), 'ugoki-admin-console-workouts-'));
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe('the console\'s workout kinds in headless Chromium', () => {
  test('edit an exercise and a routine in the generic form; the audit entries', { timeout: 120_000 },
    async (t) => {
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
      // Retired items of our own: the public library (and the other tests reading it) never
      // sees them; the console lists retired ones too.
      const token = await adminToken();
      const stamp = `${Date.now()}-${randomInt(0, 1e6)}`;
      const ex = await request(suite.base, 'POST', `${A}/exercises`, {
        headers: bearer(token, { 'Idempotency-Key': `console-ex-${stamp}` }),
        body: { slug: `console-ex-${stamp}`, name: `Console exercise ${stamp}`,
          description: 'Made for the browser test.',
          instructions: ['Stand tall, feet apart.', 'Move.', 'Breathe.'],
          muscle_groups: ['core'], difficulty: 'beginner', category: 'core', met_value: 3,
          met_source: 'Compendium 2011 code 02022', active: false,
          translations: { de: { name: 'Konsolenübung' } } } });
      assert.equal(ex.status, 201, ex.text);
      const exercise = ex.json.data;
      const squats = await psql("SELECT id FROM exercises WHERE slug = 'air-squats'");
      const rt = await request(suite.base, 'POST', `${A}/routines`, {
        headers: bearer(token, { 'Idempotency-Key': `console-rt-${stamp}` }),
        body: { slug: `console-rt-${stamp}`, name: `Console routine ${stamp}`,
          description: 'Made for the browser test.', difficulty: 'beginner', category: 'hiit',
          rounds: 2, work_seconds: 30, active: false, exercises: [{ exercise_id: squats }] } });
      assert.equal(rt.status, 201, rt.text);
      const routine = rt.json.data;

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
        page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
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

        // An exercise: its list (retired ones too), its form, a new description saved.
        const openItem = async (kind, name) => {
          await page.click('nav a[href="#/reference"]');
          await page.waitForSelector('.tabs');
          await page.click(`.tabs a[href="#/reference/${kind}"]`);
          await page.waitForSelector(`.tabs a.active[href="#/reference/${kind}"]`);
          await page.waitForFunction((n) => [...document.querySelectorAll(
            '#reference-list li button')].some((b) => b.textContent.includes(n)), {}, name);
          await page.evaluate((n) => [...document.querySelectorAll('#reference-list li button')]
            .find((b) => b.textContent.includes(n)).click(), name);
          await page.waitForSelector('#reference-form');
        };
        await openItem('exercises', exercise.name);
        // Nested and sentence members are shown, not offered for editing.
        assert.equal(await page.$('#ref-exercises-instructions'), null);
        assert.equal(await page.$('#ref-exercises-translations'), null);
        await page.$eval('#ref-exercises-description', (el) => { el.value = ''; });
        await page.type('#ref-exercises-description', 'Edited in the console.');
        await page.click('#reference-form button[type="submit"]');
        await page.waitForFunction(() => /Saved/.test(document.body.textContent));
        await shot('1-exercise-saved');
        const after = await request(suite.base, 'GET', `${A}/exercises/${exercise.id}`,
          { headers: bearer(token) });
        assert.equal(after.json.data.description, 'Edited in the console.');
        assert.deepEqual(after.json.data.instructions, exercise.instructions, 'untouched');
        assert.deepEqual(after.json.data.translations, exercise.translations, 'untouched');
        assert.ok(after.json.data.version > exercise.version);

        // A routine: its exercise list is read-only; its name is edited.
        await openItem('routines', routine.name);
        assert.equal(await page.$('#ref-routines-exercises'), null);
        await page.$eval('#ref-routines-name', (el) => { el.value = ''; });
        await page.type('#ref-routines-name', `Console routine ${stamp} (edited)`);
        await page.click('#reference-form button[type="submit"]');
        await page.waitForFunction(() => /Saved/.test(document.body.textContent));
        await shot('2-routine-saved');
        const renamed = await request(suite.base, 'GET', `${A}/routines/${routine.id}`,
          { headers: bearer(token) });
        assert.equal(renamed.json.data.name, `Console routine ${stamp} (edited)`);
        assert.deepEqual(renamed.json.data.exercises, routine.exercises);

        // The audit log page shows the exercise's update, by this admin, with the change.
        await page.click('nav a[href="#/audit"]');
        await page.waitForSelector('#audit-entity-id');
        await page.type('#audit-entity-id', exercise.id);
        await page.click('.filters button[type="submit"]');
        await page.waitForFunction((id) => document.querySelectorAll(
          `#audit > tbody > tr[data-entity-id="${id}"][data-action="update"]`).length === 1,
        {}, exercise.id);
        const entry = await page.$eval(
          `#audit > tbody > tr[data-entity-id="${exercise.id}"][data-action="update"]`,
          (r) => ({ entity: r.dataset.entity, who: r.cells[1].textContent,
            changes: r.cells[5].textContent }));
        assert.equal(entry.entity, 'workouts.exercise');
        assert.equal(entry.who, admin.email);
        assert.match(entry.changes, /description/);
        assert.match(entry.changes, /Edited in the console\./);
        await shot('3-audit');
        assert.deepEqual(problems, []);
      } finally {
        await browser.close();
        await request(suite.base, 'DELETE', `${A}/exercises/${exercise.id}`,
          { headers: bearer(token) });
        await request(suite.base, 'DELETE', `${A}/routines/${routine.id}`,
          { headers: bearer(token) });
      }
    });
});
