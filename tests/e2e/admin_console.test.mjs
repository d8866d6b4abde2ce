// End-to-end: the admin console at /admin. Its files over HTTP (types, CSP, caching), its
// Markdown preview's parser against XSS vectors (in Node), and the console itself in Debian's
// headless Chromium driven by puppeteer-core: sign in through the form, create an article,
// publish it, read it through the public API, find the audit entries, reload (the session comes
// back from the refresh cookie), sign out. A screenshot of each step goes to the run's artifact
// directory ($UGOKI_TEST_ARTIFACTS_DIR, which scripts/test sets; a temp dir otherwise). No
// console error, page error or CSP violation may happen on the way.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { parseMarkdown } from '../../web/admin/markdown.js';
import { randomInt } from 'node:crypto';

import { makeAdmin } from './support/admin.mjs';
import { AuthSuite, bearer, login } from './support/auth.mjs';
import { skipUnlessCi } from './support/env.mjs';
import { rawRequest, request } from './support/server.mjs';

const suite = new AuthSuite();
let admin;
let browserRan = false;

before(async () => {
  await suite.start();
  admin = await suite.newUser();
  // The first admin is made on the command line (docs/admin.md, "Who is an admin").
  await makeAdmin(admin.email);
});
after(async () => {
  // Stop first: a failed log check must not leave the server, and this process, running.
  await suite.stop();
  // The browser test signs in and out many times; without it (skipped outside CI) there are
  // too few secrets for the check to mean anything.
  if (browserRan) {
    suite.assertLogClean();
  }
});

// A fresh access token of the admin, for checking state through the API.
async function adminToken() {
  const res = await login(suite.base, admin.email, admin.password);
  assert.equal(res.status, 200, res.text);
  suite.remember(res.json.data.tokens.access_token, res.json.data.tokens.refresh_token);
  return res.json.data.tokens.access_token;
}

/** A fresh valid EAN-13 in the in-store range (prefix 2), so runs never share a code. */
function ean13() {
  const body = `2${String(randomInt(0, 1e11)).padStart(11, '0')}`;
  let sum = 0;
  [...body].reverse().forEach((d, i) => { sum += Number(d) * (i % 2 === 0 ? 3 : 1); });
  return body + String((10 - (sum % 10)) % 10);
}

const CSP_NEEDS = ["default-src 'none'", "script-src 'self'", "frame-ancestors 'none'",
  "require-trusted-types-for 'script'"];

describe('the console files', () => {
  test('/admin is index.html: HTML, never cached, a strict CSP, nosniff', async () => {
    for (const p of ['/admin', '/admin/index.html']) {
      const res = await request(suite.base, 'GET', p, { headers: { accept: 'text/html' } });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      const csp = res.headers.get('content-security-policy');
      for (const part of CSP_NEEDS) {
        assert.ok(csp.includes(part), `${part} in ${csp}`);
      }
      assert.ok(!/unsafe-inline|unsafe-eval/.test(csp), csp);
      assert.match(res.text, /<script type="module" src="\/admin\/app\.js"><\/script>/);
      // No inline script, no inline style, nothing from another origin.
      assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/.test(res.text), 'an inline script');
      assert.ok(!/<style|style=/.test(res.text), 'an inline style');
      assert.ok(!/(src|href)="(https?:)?\/\//.test(res.text), 'a resource of another origin');
    }
  });

  test('scripts and styles: their types, revalidated by ETag (304)', async () => {
    for (const [file, type] of [['app.js', 'text/javascript; charset=utf-8'],
      ['markdown.js', 'text/javascript; charset=utf-8'], ['style.css', 'text/css; charset=utf-8'],
      ['favicon.svg', 'image/svg+xml']]) {
      const res = await request(suite.base, 'GET', `/admin/${file}`);
      assert.equal(res.status, 200, `${file}: ${res.text}`);
      assert.equal(res.headers.get('content-type'), type, file);
      assert.equal(res.headers.get('cache-control'), 'no-cache', file);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', file);
      const etag = res.headers.get('etag');
      assert.match(etag, /^"[0-9a-f]+"$/, file);
      const again = await request(suite.base, 'GET', `/admin/${file}`,
        { headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304, file);
      assert.equal(again.text, '');
    }
  });

  test('anything else under /admin is a JSON 404, and only GET and HEAD are allowed', async () => {
    for (const p of ['/admin/nope.js', '/admin/x/app.js', '/admin/README']) {
      const res = await request(suite.base, 'GET', p);
      assert.equal(res.status, 404, p);
      assert.equal(res.json?.error?.code, 'RES_001', p);
    }
    // The files are a table read at start-up, not paths looked up on disk (fetch would
    // normalise the dots away, so the request is sent as written).
    for (const p of ['/admin/../api/openapi.yaml', '/admin/%2e%2e/%2e%2e/etc/passwd']) {
      const raw = await rawRequest(suite.server.port,
        `GET ${p} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      assert.match(raw, /^HTTP\/1\.1 404 /, p);
    }
    const head = await request(suite.base, 'HEAD', '/admin/app.js');
    assert.equal(head.status, 200);
    const post = await request(suite.base, 'POST', '/admin', { body: {} });
    assert.equal(post.status, 405);
  });

  test('the console\'s own pages may spend the refresh cookie (Sec-Fetch-Site: same-origin)',
    async () => {
      const signedIn = await login(suite.base, admin.email, admin.password,
        { 'x-client-type': 'web' });
      assert.equal(signedIn.status, 200, signedIn.text);
      const cookie = /__Host-ugoki_refresh=([^;]+)/.exec(signedIn.headers.get('set-cookie'))[1];
      suite.remember(cookie, signedIn.json.data.tokens.access_token);
      // The page's origin is the server's own, which is not in the CORS allowlist.
      const res = await request(suite.base, 'POST', '/api/v1/auth/refresh', {
        headers: { 'x-client-type': 'web', cookie: `__Host-ugoki_refresh=${cookie}`,
          origin: suite.base, 'sec-fetch-site': 'same-origin' },
      });
      assert.equal(res.status, 200, res.text);
      const next = /__Host-ugoki_refresh=([^;]+)/.exec(res.headers.get('set-cookie'))[1];
      suite.remember(next, res.json.data.access_token);
      // The same request from another site's page is still refused.
      const cross = await request(suite.base, 'POST', '/api/v1/auth/refresh', {
        headers: { 'x-client-type': 'web', cookie: `__Host-ugoki_refresh=${next}`,
          origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      });
      assert.equal(cross.status, 403, cross.text);
      assert.equal(cross.json.error.code, 'AUTH_007');
    });
});

// Every node of a parsed tree, depth first.
function* walk(nodes) {
  for (const n of nodes) {
    if (typeof n !== 'string') {
      yield n;
      yield* walk(n.children ?? []);
    }
  }
}

describe('the Markdown preview (web/admin/markdown.js)', () => {
  const TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'em', 'strong', 'code', 'pre',
    'a', 'img', 'ul', 'ol', 'li', 'blockquote', 'hr', 'br']);

  test('renders the CommonMark the articles use', () => {
    const tree = parseMarkdown('# Title\n\nSome **bold**, *em* and `code`: ' +
      '[a link](https://example.org "T").\n\n- one\n- two\n\n1. first\n\n> quoted\n\n' +
      '```js\nlet x = 1;\n```\n\n---\n\n![alt](/media/a.png)');
    assert.deepEqual(tree.map((n) => n.tag),
      ['h1', 'p', 'ul', 'ol', 'blockquote', 'pre', 'hr', 'p']);
    const tags = [...walk(tree)].map((n) => n.tag);
    for (const t of ['strong', 'em', 'code', 'a', 'li', 'img']) {
      assert.ok(tags.includes(t), t);
    }
    const link = [...walk(tree)].find((n) => n.tag === 'a');
    assert.deepEqual(link.attrs, { href: 'https://example.org', title: 'T' });
  });

  test('OWASP filter evasion cases: no element, attribute or URL that can run script', () => {
    const vectors = [
      '<script>alert(1)</script>',
      '<IMG SRC="javascript:alert(\'XSS\');">',
      '<img src=x onerror=alert(1)>',
      '<svg/onload=alert(1)>',
      '<iframe src="javascript:alert(1)"></iframe>',
      '[x](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '[x](java\tscript:alert(1))',
      '[x]( javascript:alert(1))',
      '[x](&#106;avascript:alert(1))',
      '[x](&#x6A;avascript:alert(1))',
      '[x](javascript&colon;alert(1))',
      '[x](vbscript:msgbox(1))',
      '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '![x](javascript:alert(1))',
      '![x](data:image/svg+xml,<svg onload=alert(1)>)',
      '<javascript:alert(1)>',
      '<a href="javascript:alert(1)">x</a>',
      '[x](<javascript:alert(1)>)',
      '[x](\\javascript:alert(1))',
      '<div style="background:url(javascript:alert(1))">',
      '<body onload=alert(1)>',
      '"><script>alert(1)</script>',
      '<<SCRIPT>alert("XSS");//<</SCRIPT>',
    ];
    for (const v of vectors) {
      for (const node of walk(parseMarkdown(`para ${v}\n\n${v}\n\n- ${v}\n\n> ${v}`))) {
        assert.ok(TAGS.has(node.tag), `${v}: <${node.tag}>`);
        for (const [k, value] of Object.entries(node.attrs ?? {})) {
          assert.ok(['href', 'src', 'alt', 'title', 'start', 'class'].includes(k), `${v}: ${k}`);
          if (k === 'href' || k === 'src') {
            const url = value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
            assert.ok(!/^[a-z][a-z0-9+.-]*:/.test(url) || /^(https?|mailto):/.test(url),
              `${v}: ${k}=${value}`);
          }
        }
      }
    }
  });

  test('raw HTML stays text, as the server stores it', () => {
    const [p] = parseMarkdown('before <b onclick="x()">bold</b> after');
    assert.deepEqual(p.children, ['before <b onclick="x()">bold</b> after']);
  });
});

// The browser part. puppeteer-core drives the Chromium that Debian installs (scripts/bootstrap);
// it downloads nothing. Missing either is a skip on a developer's machine and a failure in CI.
const CHROMIUM = process.env.UGOKI_CHROMIUM
  ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

function artifactDir() {
  const base = process.env.UGOKI_TEST_ARTIFACTS_DIR;
  const dir = base ? path.join(base, 'admin_console')
    : mkdtempSync(path.join(tmpdir(), 'ugoki-admin-console-'));
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe('the console in headless Chromium', () => {
  test('sign in; a tag; an article created, published, read, unpublished, scheduled; the audit entries; a product approved; reload; sign out',
    { timeout: 120_000 }, async (t) => {
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
      browserRan = true;
      const shots = artifactDir();
      t.diagnostic(`screenshots in ${shots}`);
      // Chromium's sandbox needs user namespaces, which it may not use as root (CI containers):
      // only then is it turned off, for a browser that visits nothing but our test server.
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

        // An account that is not an admin is told so (the API would refuse it anyway).
        await page.goto(`${suite.base}/admin`, { waitUntil: 'networkidle0' });
        await page.waitForSelector('#sign-in-form');
        const plain = await suite.newUser();
        await page.type('#email', plain.email);
        await page.type('#password', plain.password);
        await page.click('#sign-in');
        await page.waitForFunction(() => document.querySelector('#main h1')?.textContent ===
          'Not an admin');
        await page.click('#sign-out');
        await page.waitForSelector('#sign-in-form');

        // Sign in through the form.
        await page.type('#email', admin.email);
        await page.type('#password', admin.password);
        await Promise.all([page.waitForSelector('#articles'), page.click('#sign-in')]);
        assert.match(await page.$eval('#who', (e) => e.textContent), /\(admin\)/);
        await shot('1-articles');

        // Reference data: a new article tag, made through its form.
        const stamp = Date.now();
        const tagSlug = `console-tag-${stamp}`;
        await page.click('nav a[href="#/reference"]');
        await page.waitForSelector('#reference-list');
        await page.click('.tabs a[href="#/reference/tags"]');
        await page.waitForSelector('.tabs a.active[href="#/reference/tags"]');
        await page.click('#new-reference');
        await page.waitForSelector('#ref-tags-name');
        await page.type('#ref-tags-name', `Console tag ${stamp}`);
        await page.click('#reference-form button[type="submit"]');
        await page.waitForFunction((slug) => [...document.querySelectorAll('#reference-list li')]
          .some((li) => li.textContent.includes(slug)), {}, tagSlug);
        await shot('2-reference-tags');
        await page.click('nav a[href="#/articles"]');
        await page.waitForSelector('#articles');

        // A new article: the preview renders the body and runs none of its script.
        await page.click('#new-article');
        await page.waitForSelector('#article-form');
        const title = `Console test ${stamp}`;
        await page.type('#article-title', title);
        await page.type('#article-summary', 'Written in the browser test.');
        await page.select('#article-category', 'beginners');
        await page.type('#article-tags', tagSlug);
        const body = '## Why\n\nFasting **helps** some people.\n\n' +
          '<img src=x onerror="window.__xss = 1">\n\n[click](javascript:window.__xss=2)\n\n' +
          '- one\n- two\n';
        await page.type('#article-body', body);
        const preview = await page.$eval('#article-preview', (el) => ({
          h2: el.querySelector('h2')?.textContent,
          strong: el.querySelector('strong')?.textContent,
          items: el.querySelectorAll('li').length,
          imgs: el.querySelectorAll('img').length,
          scriptLinks: [...el.querySelectorAll('a')].filter((a) => a.href.startsWith('javascript'))
            .length,
          text: el.textContent,
        }));
        assert.equal(preview.h2, 'Why');
        assert.equal(preview.strong, 'helps');
        assert.equal(preview.items, 2);
        assert.equal(preview.imgs, 0, 'raw HTML became an element');
        assert.equal(preview.scriptLinks, 0);
        assert.ok(preview.text.includes('<img src=x onerror='), 'raw HTML shows as text');
        await shot('3-editor');

        await page.click('#save');
        await page.waitForFunction(() => /^#\/articles\/[0-9a-f-]{36}$/.test(location.hash));
        await page.waitForFunction(() => document.querySelector('#article-status .badge')
          ?.textContent === 'draft');
        const id = await page.evaluate(() => location.hash.split('/').pop());
        const slug = await page.$eval('#article-slug', (e) => e.value);
        assert.match(slug, /^console-test-\d+$/);

        // A draft is not readable; published, it is.
        const reader = await suite.newUser();
        const hidden = await request(suite.base, 'GET', `/api/v1/content/articles/${slug}`,
          { headers: bearer(reader.access) });
        assert.equal(hidden.status, 404, hidden.text);

        await page.click('#publish');
        await page.waitForFunction(() => document.querySelector('#article-status .badge')
          ?.textContent === 'published');
        const read = await request(suite.base, 'GET', `/api/v1/content/articles/${slug}`,
          { headers: bearer(reader.access) });
        assert.equal(read.status, 200, read.text);
        assert.equal(read.json.data.title, title);
        assert.equal(read.json.data.id, id);
        assert.deepEqual(read.json.data.tags, [tagSlug]);
        assert.ok(!/<img/i.test(read.json.data.body_markdown.replace(/\\</g, '')) ||
          read.json.data.body_markdown.includes('\\<img') ||
          read.json.data.body_markdown.includes('&lt;img'),
        'the stored body holds no raw HTML tag');
        await shot('4-published');

        // Still in the editor: unpublish (readers lose it), then schedule it for next year.
        await page.waitForSelector('#unpublish:not([hidden])');
        await page.click('#unpublish');
        await page.waitForFunction(() => document.querySelector('#article-status .badge')
          ?.textContent === 'unpublished');
        const gone = await request(suite.base, 'GET', `/api/v1/content/articles/${slug}`,
          { headers: bearer(reader.access) });
        assert.equal(gone.status, 404, gone.text);
        const next = new Date().getFullYear() + 1;
        await page.$eval('#article-publish-at', (el, value) => { el.value = value; },
          `${next}-03-01T09:30`);
        await page.click('#schedule');
        await page.waitForFunction(() => document.querySelector('#article-status .badge')
          ?.textContent === 'scheduled');
        const scheduled = await request(suite.base, 'GET', `/api/v1/admin/content/articles/${id}`,
          { headers: bearer(await adminToken()) });
        assert.equal(scheduled.status, 200, scheduled.text);
        assert.equal(scheduled.json.data.status, 'scheduled');
        assert.equal(new Date(scheduled.json.data.published_at).getTime(),
          new Date(`${next}-03-01T09:30`).getTime(), 'the local time the editor chose');
        const notYet = await request(suite.base, 'GET', `/api/v1/content/articles/${slug}`,
          { headers: bearer(reader.access) });
        assert.equal(notYet.status, 404, notYet.text);

        // The audit log shows each step, by this admin.
        await page.click('nav a[href="#/audit"]');
        await page.waitForSelector('#audit-entity-id');
        await page.type('#audit-entity-id', id);
        await page.click('.filters button[type="submit"]');
        // The unfiltered first page is on screen until the filtered one replaces it: wait until
        // every row is this article's.
        await page.waitForFunction((wanted) => {
          const rows = [...document.querySelectorAll('#audit > tbody > tr')];
          return rows.length >= 4 && rows.every((r) => r.dataset.entityId === wanted);
        }, {}, id);
        const entries = await page.$$eval('#audit > tbody > tr', (rows) => rows.map((r) => ({
          entity: r.dataset.entity, action: r.dataset.action, who: r.cells[1].textContent,
          changes: r.cells[5].textContent })));
        const actions = entries.map((e) => e.action);
        for (const action of ['create', 'publish', 'unpublish', 'schedule']) {
          assert.ok(actions.includes(action), `${action} in ${JSON.stringify(entries)}`);
        }
        for (const e of entries) {
          assert.equal(e.entity, 'content.article');
          assert.equal(e.who, admin.email);
        }
        assert.ok(entries.find((e) => e.action === 'create').changes.includes(title));
        await shot('5-audit');

        // A product a user submitted: approved from the review queue, public afterwards.
        const submitter = await suite.newUser();
        const code = ean13();
        const submitted = await request(suite.base, 'POST', '/api/v1/nutrition/products', {
          headers: bearer(submitter.access),
          body: { barcode: code, name: `Console granola ${stamp}`, serving_size: '40 g',
            serving_quantity_g: 40,
            nutriments_100g: { energy_kcal: 420, proteins_g: 10, carbohydrates_g: 60, fat_g: 15 } },
        });
        assert.equal(submitted.status, 201, submitted.text);
        const productId = submitted.json.data.id;
        await page.click('nav a[href="#/products"]');
        const card = `#submissions article[data-id="${productId}"]`;
        await page.waitForSelector(`${card} button.approve`);
        await shot('6-products');
        await page.click(`${card} button.approve`);
        await page.waitForFunction((sel) => !document.querySelector(sel), {}, card);
        const mine = await request(suite.base, 'GET', '/api/v1/nutrition/products/mine',
          { headers: bearer(submitter.access) });
        assert.equal(mine.status, 200, mine.text);
        assert.equal(mine.json.data.find((p) => p.id === productId)?.status, 'published',
          mine.text);

        // A reload keeps the session (the refresh cookie, from the console's own origin).
        await page.reload({ waitUntil: 'networkidle0' });
        await page.waitForSelector('.tabs a.active[href="#/products?status=pending"]');
        assert.match(await page.$eval('#who', (e) => e.textContent), /\(admin\)/);

        // Signing out ends it, also for the next load.
        await page.click('#sign-out');
        await page.waitForSelector('#sign-in-form');
        await page.reload({ waitUntil: 'networkidle0' });
        await page.waitForSelector('#sign-in-form');
        await shot('7-signed-out');

        assert.equal(await page.evaluate(() => window.__xss), undefined, 'the body ran script');
        const cookies = await page.cookies();
        for (const c of cookies) {
          suite.remember(c.value);
        }
      } catch (err) {
        // What the page showed when it failed, for whoever reads the run's artifacts.
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
