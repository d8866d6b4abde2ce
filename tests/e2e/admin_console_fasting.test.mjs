// End-to-end: the admin console's fasting kinds in Debian's headless Chromium (puppeteer-core):
// sign in, open the fasting stages, edit one stage's summary through the generic reference form
// (a PATCH with If-Match from the item's version), see the change on the public stage list and
// the `update` entry in the audit view. The summary is put back through the API afterwards; the
// stage's slugs and hours, which other files read, never change. Screenshots go to the run's
// artifact directory ($UGOKI_TEST_ARTIFACTS_DIR/admin_console_fasting, a temp dir otherwise).
// No console error, page error or CSP violation may happen on the way.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { makeAdmin } from './support/admin.mjs';
import { AuthSuite, bearer, login } from './support/auth.mjs';
import { skipUnlessCi } from './support/env.mjs';
import { request } from './support/server.mjs';

const suite = new AuthSuite();
let admin;

before(async () => {
  await suite.start();
  admin = await suite.newUser();
  await makeAdmin(admin.email);
});
after(async () => {
  await suite.stop();
});

const CHROMIUM = process.env.UGOKI_CHROMIUM
  ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

function artifactDir() {
  const base = process.env.UGOKI_TEST_ARTIFACTS_DIR;
  const dir = base ? path.join(base, 'admin_console_fasting')
    : mkdtempSync(path.join(tmpdir(), 'ugoki-admin-console-fasting-'));
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function adminToken() {
  const res = await login(suite.base, admin.email, admin.password);
  assert.equal(res.status, 200, res.text);
  suite.remember(res.json.data.tokens.access_token, res.json.data.tokens.refresh_token);
  return res.json.data.tokens.access_token;
}

const publicStage = async (slug) => (await request(suite.base, 'GET', '/api/v1/fasting/stages'))
  .json.data.find((s) => s.slug === slug);

describe('the console\'s fasting stages in headless Chromium', () => {
  test('edit a stage in the form; readers see it; its audit entry', { timeout: 90_000 },
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
      const shots = artifactDir();
      t.diagnostic(`screenshots in ${shots}`);
      const args = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
      const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true,
        args: [...args, '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'] });
      const problems = [];
      const original = await publicStage('deep-ketosis');
      const summary = `${original.summary} (console ${Date.now()})`;
      let id;
      try {
        const page = await browser.newPage();
        await page.setViewport({ width: 1360, height: 900 });
        page.on('console', (m) => {
          if (m.type() === 'error' || m.type() === 'warn') {
            problems.push(`console ${m.type()}: ${m.text()}`);
          }
        });
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
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

        // The stages: listed with their start, one opened in the form.
        await page.click('nav a[href="#/reference"]');
        await page.waitForSelector('#reference-list');
        await page.click('.tabs a[href="#/reference/stages"]');
        await page.waitForFunction(() => [...document.querySelectorAll('#reference-list li')]
          .some((li) => li.textContent.includes('Deep Ketosis (72 h)')));
        await shot('1-stages');
        await page.evaluate(() => [...document.querySelectorAll('#reference-list li button')]
          .find((b) => b.textContent.includes('Deep Ketosis')).click());
        await page.waitForSelector('#ref-stages-summary');
        await page.click('#ref-stages-summary', { clickCount: 3 });
        await page.keyboard.press('Backspace');
        await page.type('#ref-stages-summary', summary);
        await page.click('#reference-form button[type="submit"]');
        // Readers see it at once (the write announced `fasting`).
        const deadline = Date.now() + 10_000;
        while ((await publicStage('deep-ketosis')).summary !== summary) {
          assert.ok(Date.now() < deadline, 'the edit never reached the public list');
          await new Promise((r) => setTimeout(r, 100));
        }
        await shot('2-saved');

        // Its audit entry: an update of the summary, by this admin.
        id = (await request(suite.base, 'GET', '/api/v1/admin/fasting/stages?per_page=100',
          { headers: bearer(await adminToken()) })).json.data
          .find((s) => s.slug === 'deep-ketosis').id;
        await page.click('nav a[href="#/audit"]');
        await page.waitForSelector('#audit-entity-id');
        await page.type('#audit-entity-id', id);
        await page.click('.filters button[type="submit"]');
        await page.waitForFunction((wanted) => document.querySelectorAll(
          `#audit > tbody > tr[data-entity-id="${wanted}"]`).length >= 1, {}, id);
        const entries = await page.$$eval('#audit > tbody > tr', (rows) => rows.map((r) => ({
          entity: r.dataset.entity, action: r.dataset.action, who: r.cells[1].textContent,
          changes: r.cells[5].textContent })));
        const edit = entries.find((e) => e.action === 'update' && e.changes.includes(summary));
        assert.ok(edit, JSON.stringify(entries));
        assert.equal(edit.entity, 'fasting.stage');
        assert.ok(edit.who.includes(admin.email), edit.who);
        await shot('3-audit');
      } catch (err) {
        const [page] = (await browser.pages()).slice(-1);
        await page?.screenshot({ path: path.join(shots, 'failure.png'), fullPage: true })
          .catch(() => {});
        err.message += `\nbrowser problems: ${JSON.stringify(problems)}`;
        throw err;
      } finally {
        await browser.close();
        // Put the seeded summary back (other files read the stages).
        const token = await adminToken();
        const list = await request(suite.base, 'GET', '/api/v1/admin/fasting/stages?per_page=100',
          { headers: bearer(token) });
        const stage = list.json.data.find((s) => s.slug === 'deep-ketosis');
        if (stage.summary !== original.summary) {
          const back = await request(suite.base, 'PATCH', `/api/v1/admin/fasting/stages/${stage.id}`,
            { headers: bearer(token, { 'if-match': `"v${stage.version}"` }),
              body: { summary: original.summary } });
          assert.equal(back.status, 200, back.text);
        }
      }
      assert.deepEqual(problems, []);
    });
});
