// End-to-end: the content administration against the real server, PostgreSQL and Redis.
// Admin-only access; drafts, publishing, scheduling and unpublishing as readers see them at once;
// slugs generated, renamed (the old one still answers) and guarded by versions; hostile
// Markdown stored safe; the premium flag; categories and tags; one audit row per write with
// the right before/after (read with psql: GET /admin/audit is another module's).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

import { assertError, AuthSuite, bearer, login, psql } from './support/auth.mjs';
import { assertMatchesContract } from './support/contract.mjs';
import { request } from './support/server.mjs';

const A = '/api/v1/admin/content';
const C = '/api/v1/content';
const suite = new AuthSuite();
let free;
let admin;
let premium;
const category = `e2e-${randomBytes(4).toString('hex')}`;

async function withRole(role) {
  const u = await suite.newUser();
  await psql(`UPDATE users SET role = '${role}' WHERE id = '${u.user.id}'`);
  const res = await login(suite.base, u.email, u.password);
  assert.equal(res.status, 200, res.text);
  u.access = res.json.data.tokens.access_token;
  suite.remember(u.access, res.json.data.tokens.refresh_token);
  return u;
}

before(async () => {
  await suite.start();
  free = await suite.newUser();
  admin = await withRole('admin');
  premium = await withRole('premium');
  const res = await call('POST', `${A}/categories`, { slug: category, name: 'E2E' });
  assert.equal(res.status, 201, res.text);
});
after(async () => {
  // Stop first: a failed log check must not leave the server, and this process, running.
  await suite.stop();
  suite.assertLogClean();
});

// The api/openapi.yaml path of an admin or reading request (ids, slugs, languages as templates).
function templateOf(path) {
  const p = path.split('?')[0];
  if (p.startsWith(A)) {
    return p.replace(/\/articles\/[0-9a-f-]{36}/, '/articles/{id}')
      .replace(/\/translations\/[^/]+$/, '/translations/{language}')
      .replace(/\/tags\/[0-9a-f-]{36}$/, '/tags/{id}')
      .replace(/\/categories\/[^/]+$/, '/categories/{slug}');
  }
  return p.replace(/^\/api\/v1\/content\/articles\/[^/]+$/, '/api/v1/content/articles/{slug}');
}

// Every answer, refusals included, is checked against api/openapi.yaml.
async function call(method, path, body, { token = admin.access, headers = {} } = {}) {
  const res = await request(suite.base, method, path, { headers: bearer(token, headers), body });
  assertMatchesContract(method, templateOf(path), res);
  return res;
}
const read = (slug, token = free.access) => call('GET', `${C}/articles/${slug}`, undefined,
  { token });
function badFields(res) {
  assertError(res, 400, 'VAL_001');
  return res.json.error.details.map((d) => d.field).sort();
}
async function audit(id) {
  const out = await psql(`SELECT coalesce(json_agg(json_build_object('action', action,
    'changes', changes, 'actor', actor_id, 'request_id', request_id) ORDER BY id), '[]')
    FROM admin_audit_log WHERE entity = 'content.article' AND entity_id = '${id}'`);
  return JSON.parse(out);
}
async function draft(extra = {}) {
  const res = await call('POST', `${A}/articles`, {
    title: `Fasting and focus ${randomBytes(3).toString('hex')}`,
    summary: 'What a morning fast does to attention.',
    body_markdown: 'Some **facts** about fasting.\n\nAnd a [source](https://example.com/a).',
    category, ...extra,
  });
  assert.equal(res.status, 201, res.text);
  return res.json.data;
}
async function eventually(fetch, done, tries = 60) {
  let res;
  for (let n = 0; n < tries; n += 1) {
    res = await fetch();
    if (done(res)) {
      return res;
    }
    await new Promise((r) => { setTimeout(r, 100); });
  }
  return res;
}

describe('access', () => {
  const id = '00000000-0000-4000-8000-000000000000';
  const routes = [
    ['GET', `${A}/articles`], ['POST', `${A}/articles`], ['GET', `${A}/articles/${id}`],
    ['PATCH', `${A}/articles/${id}`], ['DELETE', `${A}/articles/${id}`],
    ['POST', `${A}/articles/${id}/publish`], ['POST', `${A}/articles/${id}/unpublish`],
    ['GET', `${A}/articles/${id}/translations/de`], ['PUT', `${A}/articles/${id}/translations/de`],
    ['DELETE', `${A}/articles/${id}/translations/de`],
    ['GET', `${A}/categories`], ['POST', `${A}/categories`], ['PATCH', `${A}/categories/if`],
    ['DELETE', `${A}/categories/if`], ['GET', `${A}/tags`], ['POST', `${A}/tags`],
    ['PATCH', `${A}/tags/${id}`], ['DELETE', `${A}/tags/${id}`],
  ];
  test('401 without a token and 403 for a free or premium user on every admin route', async () => {
    for (const [method, path] of routes) {
      const body = ['POST', 'PATCH', 'PUT'].includes(method) ? {} : undefined;
      assertError(await request(suite.base, method, path, { body }), 401, 'AUTH_002');
      assertError(await call(method, path, body, { token: free.access }), 403, 'AUTH_003');
      assertError(await call(method, path, body, { token: premium.access }), 403, 'AUTH_003');
    }
    assert.equal(await psql(`SELECT count(*) FROM content_categories WHERE slug = 'if'`), '1');
  });
});

describe('articles', () => {
  test('a draft is not readable; published it is, at once; unpublished it is gone', async () => {
    const a = await draft();
    assert.equal(a.status, 'draft');
    assert.match(a.slug, /^fasting-and-focus-[a-f0-9]+$/);
    assert.equal(a.version, 1);
    assertError(await read(a.slug), 404, 'CONT_001');
    const got = await call('GET', `${A}/articles/${a.id}`);
    assert.equal(got.status, 200, got.text);
    assert.equal(got.headers.get('etag'), '"v1"');
    assert.equal(got.headers.get('cache-control'), 'no-store');

    const pub = await call('POST', `${A}/articles/${a.id}/publish`);
    assert.equal(pub.status, 200, pub.text);
    assert.equal(pub.json.data.status, 'published');
    const live = await read(a.slug);
    assert.equal(live.status, 200, live.text);
    assert.equal(live.json.data.title, a.title);
    // Publishing a published article changes nothing and records nothing.
    assert.equal((await call('POST', `${A}/articles/${a.id}/publish`)).json.data.version,
      pub.json.data.version);

    const down = await call('POST', `${A}/articles/${a.id}/unpublish`);
    assert.equal(down.json.data.status, 'unpublished');
    assertError(await read(a.slug), 404, 'CONT_001');

    const log = await audit(a.id);
    assert.deepEqual(log.map((e) => e.action), ['create', 'publish', 'unpublish']);
    assert.ok(log.every((e) => e.actor === admin.user.id));
    assert.equal(log[0].changes.title.before, null);
    assert.equal(log[0].changes.title.after, a.title);
    assert.equal(log[1].changes.published_at.before, null);
    assert.ok(log[1].changes.published_at.after);
    assert.equal(log[2].changes.published_at.after, null);
    assert.ok(!('updated_at' in log[1].changes) && !('version' in log[1].changes));
    assert.ok(!('search_vector' in log[0].changes));
  });

  test('scheduled 2 s ahead: 404 until then, 200 after, with no further write', async () => {
    const a = await draft();
    const at = new Date(Date.now() + 2000).toISOString();
    const res = await call('POST', `${A}/articles/${a.id}/publish`, { publish_at: at });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.data.status, 'scheduled');
    assertError(await read(a.slug), 404, 'CONT_001');
    const later = await eventually(() => read(a.slug), (r) => r.status === 200, 50);
    assert.equal(later.status, 200, later.text);
    assert.ok(Date.now() >= Date.parse(at));
    assert.deepEqual((await audit(a.id)).map((e) => e.action), ['create', 'schedule']);
    assertError(await call('POST', `${A}/articles/${a.id}/publish`,
      { publish_at: '2001-01-01T00:00:00Z' }), 400, 'VAL_001');
  });

  test('a renamed article keeps answering at its old slug; versions guard edits', async () => {
    const a = await draft();
    await call('POST', `${A}/articles/${a.id}/publish`);
    const current = await call('GET', `${A}/articles/${a.id}`);
    const etag = current.headers.get('etag');
    const newSlug = `${a.slug}-renamed`;
    const res = await call('PATCH', `${A}/articles/${a.id}`,
      { slug: newSlug, title: 'A better title' }, { headers: { 'if-match': etag } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.data.slug, newSlug);
    assert.deepEqual(res.json.data.former_slugs, [a.slug]);
    assert.notEqual(res.headers.get('etag'), etag);
    const old = await read(a.slug);
    assert.equal(old.status, 200, old.text);
    assert.equal(old.json.data.slug, newSlug);
    assert.equal((await read(newSlug)).status, 200);

    // The same stale version again: 412, nothing written.
    assertError(await call('PATCH', `${A}/articles/${a.id}`, { title: 'Lost update' },
      { headers: { 'if-match': etag } }), 412, 'REQ_006');
    assertError(await call('PATCH', `${A}/articles/${a.id}`,
      { title: 'Lost update', version: current.json.data.version }), 412, 'REQ_006');
    assert.deepEqual(badFields(await call('PATCH', `${A}/articles/${a.id}`, { title: 'x' })),
      ['version']);
    assert.equal((await call('GET', `${A}/articles/${a.id}`)).json.data.title, 'A better title');

    const log = await audit(a.id);
    assert.deepEqual(log.map((e) => e.action), ['create', 'publish', 'update']);
    assert.deepEqual(log[2].changes.slug, { before: a.slug, after: newSlug });
    assert.deepEqual(log[2].changes.title, { before: a.title, after: 'A better title' });
    assert.deepEqual(log[2].changes.former_slugs, { before: [], after: [a.slug] });
    assert.deepEqual(Object.keys(log[2].changes).sort(), ['former_slugs', 'slug', 'title']);

    // Another article cannot take the old slug (it still answers for this one).
    const b = await draft();
    assertError(await call('PATCH', `${A}/articles/${b.id}`, { slug: a.slug, version: 1 }),
      409, 'CONT_011');
    assertError(await call('POST', `${A}/articles`, {
      slug: a.slug, title: 'T', summary: 'S', body_markdown: 'B', category,
    }), 409, 'CONT_011');
  });

  test('generated slugs are unique: -2, -3 on collision', async () => {
    const title = `Same title ${randomBytes(3).toString('hex')}`;
    const slugs = [];
    for (let n = 0; n < 3; n += 1) {
      slugs.push((await draft({ title })).slug);
    }
    const base = slugs[0];
    assert.deepEqual(slugs, [base, `${base}-2`, `${base}-3`]);
    assert.match((await draft({ title: 'Crème brûlée & Größe' })).slug,
      /^creme-brulee-grosse(-\d+)?$/);
    // Concurrent creates of one title race for the same slug: the unique index settles it.
    const raced = `Race ${randomBytes(3).toString('hex')}`;
    const made = await Promise.all([0, 1, 2, 3, 4].map(() => draft({ title: raced })));
    assert.equal(new Set(made.map((a) => a.slug)).size, 5);
  });

  test('duplicate members, unknown members and bad fields are 400 and change nothing',
    async () => {
      const a = await draft();
      const dup = await request(suite.base, 'PATCH', `${A}/articles/${a.id}`, {
        headers: { ...bearer(admin.access), 'content-type': 'application/json' },
        body: '{"title":"One","title":"Two","version":1}',
      });
      assertError(dup, 400, 'VAL_001');
      assert.deepEqual(badFields(await call('PATCH', `${A}/articles/${a.id}`,
        { version: 1, colour: 'red', status: 'published' })), ['colour', 'status']);
      assert.deepEqual(badFields(await call('POST', `${A}/articles`, {
        title: 'Bell\u0007', summary: '', body_markdown: 'x', category: 'Not A Slug',
        image_url: 'javascript:alert(1)', tags: ['no-such-tag-anywhere'],
      })), ['category', 'image_url', 'summary', 'title']);
      assert.deepEqual(badFields(await call('POST', `${A}/articles`, {
        title: 'T', summary: 'S', body_markdown: 'x', category: 'no-such-category',
      })), ['category']);
      assert.deepEqual(badFields(await call('POST', `${A}/articles`, {
        title: 'T', summary: 'S', body_markdown: 'x', category, tags: ['no-such-tag-anywhere'],
      })), ['tags']);
      const got = await call('GET', `${A}/articles/${a.id}`);
      assert.equal(got.json.data.version, 1);
      assert.equal(got.json.data.title, a.title);
      assert.deepEqual((await audit(a.id)).map((e) => e.action), ['create']);
    });

  test('a hostile body is stored as safe Markdown and read back so', async () => {
    const body = '# Hi\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n' +
      '[a](javascript:alert(3)) [b](JaVaScRiPt&#58;alert(4)) [c](java&#x09;script:alert(5)) ' +
      '![d](data:image/svg+xml;base64,PHN2Zz4=) <vbscript:alert(6)> [ok](https://example.com)';
    const a = await draft({ body_markdown: body });
    await call('POST', `${A}/articles/${a.id}/publish`);
    const res = await read(a.slug);
    assert.equal(res.status, 200, res.text);
    const stored = res.json.data.body_markdown;
    assert.doesNotMatch(stored, /(?<!\\)<(script|img)/i);
    assert.doesNotMatch(stored, /\]\(\s*(javascript|vbscript|data|java)/i);
    assert.doesNotMatch(stored, /<vbscript:/i);
    assert.match(stored, /\[ok\]\(https:\/\/example\.com\)/);
    assert.match(stored, /^# Hi$/m);
  });

  test('the premium flag gates the body for free readers', async () => {
    const a = await draft();
    await call('POST', `${A}/articles/${a.id}/publish`);
    assert.equal((await read(a.slug)).status, 200);
    const res = await call('PATCH', `${A}/articles/${a.id}`, { premium: true, version: 2 });
    assert.equal(res.status, 200, res.text);
    assertError(await read(a.slug), 403, 'AUTH_003');
    assert.equal((await read(a.slug, premium.access)).status, 200);
    assert.equal((await read(a.slug, admin.access)).status, 200);
    const log = await audit(a.id);
    assert.deepEqual(log[2].changes, { is_premium: { before: false, after: true } });
  });

  test('the list shows every status with a total; removal is soft', async () => {
    const a = await draft();
    await call('DELETE', `${A}/articles/${a.id}`);
    const got = await call('GET', `${A}/articles/${a.id}`);
    assert.equal(got.json.data.status, 'removed');
    assert.ok(got.json.data.deleted_at);
    assertError(await call('POST', `${A}/articles/${a.id}/publish`), 409, 'CONT_012');
    const list = await call('GET', `${A}/articles?category=${category}&per_page=2&page=1`);
    assert.equal(list.status, 200, list.text);
    assert.equal(list.json.data.length, 2);
    assert.equal(list.json.pagination.page, 1);
    assert.equal(list.json.pagination.per_page, 2);
    const total = Number(await psql(
      `SELECT count(*) FROM content_articles WHERE category = '${category}'`));
    assert.equal(list.json.pagination.total, total);
    const removed = await call('GET', `${A}/articles?status=removed&category=${category}`);
    assert.ok(removed.json.data.some((r) => r.id === a.id));
    assert.ok(removed.json.data.every((r) => r.status === 'removed'));
    assert.deepEqual(badFields(await call('GET', `${A}/articles?status=gone&page=0`)),
      ['page', 'status']);
    assert.deepEqual((await audit(a.id)).map((e) => e.action), ['create', 'delete']);
  });

  test('translations are served to readers by Accept-Language', async () => {
    const a = await draft();
    await call('POST', `${A}/articles/${a.id}/publish`);
    const put = await call('PUT', `${A}/articles/${a.id}/translations/de`, {
      title: 'Fasten und Fokus', summary: 'Kurz.', body_markdown: 'Text <script>x</script>',
    });
    assert.equal(put.status, 201, put.text);
    const de = await call('GET', `${C}/articles/${a.slug}`, undefined,
      { token: free.access, headers: { 'accept-language': 'de' } });
    assert.equal(de.json.data.title, 'Fasten und Fokus');
    assert.doesNotMatch(de.json.data.body_markdown, /(?<!\\)<script/);
    assertError(await call('PUT', `${A}/articles/${a.id}/translations/en`, {
      title: 'x', summary: 'y', body_markdown: 'z' }), 400, 'VAL_001');
    assert.equal((await call('DELETE', `${A}/articles/${a.id}/translations/de`)).status, 204);
    assertError(await call('GET', `${A}/articles/${a.id}/translations/de`), 404, 'CONT_018');
  });
});

describe('categories and tags', () => {
  test('create, rename, translate; a used category cannot be deleted', async () => {
    const slug = `e2e-cat-${randomBytes(3).toString('hex')}`;
    const made = await call('POST', `${A}/categories`,
      { slug, name: 'Breathing', position: 9, names: { de: 'Atmung' } });
    assert.equal(made.status, 201, made.text);
    assertError(await call('POST', `${A}/categories`, { slug, name: 'Again' }), 409, 'CONT_014');
    const patched = await call('PATCH', `${A}/categories/${slug}`,
      { name: 'Breath', names: { de: null, fr: 'Respiration' } });
    assert.equal(patched.status, 200, patched.text);
    assert.deepEqual(patched.json.data.names, { fr: 'Respiration' });
    const pub = await call('GET', `${C}/categories`, undefined,
      { token: free.access, headers: { 'accept-language': 'fr' } });
    assert.equal(pub.json.data.find((c) => c.slug === slug).name, 'Respiration');
    await draft({ category: slug });
    assertError(await call('DELETE', `${A}/categories/${slug}`), 409, 'CONT_015');
    assertError(await call('DELETE', `${A}/categories/no-such-thing`), 404, 'CONT_013');
    const empty = `e2e-cat-${randomBytes(3).toString('hex')}`;
    await call('POST', `${A}/categories`, { slug: empty, name: 'Empty' });
    assert.equal((await call('DELETE', `${A}/categories/${empty}`)).status, 204);
    const log = JSON.parse(await psql(`SELECT json_agg(json_build_object('action', action,
      'changes', changes) ORDER BY id) FROM admin_audit_log
      WHERE entity = 'content.category' AND entity_id IN ('${slug}', '${empty}')`));
    assert.deepEqual(log.map((e) => e.action), ['create', 'update', 'create', 'delete']);
    assert.deepEqual(log[1].changes.name, { before: 'Breathing', after: 'Breath' });
    assert.deepEqual(log[1].changes.names,
      { before: { de: 'Atmung' }, after: { fr: 'Respiration' } });
    const list = await call('GET', `${A}/categories?per_page=100`);
    assert.ok(list.json.pagination.total >= 8);
  });

  test('tags: created from a name, attached to articles, renamed, deleted', async () => {
    const name = `Gut health ${randomBytes(3).toString('hex')}`;
    const tag = await call('POST', `${A}/tags`, { name });
    assert.equal(tag.status, 201, tag.text);
    const { id, slug } = tag.json.data;
    assert.match(slug, /^gut-health-[a-f0-9]+$/);
    assertError(await call('POST', `${A}/tags`, { name, slug }), 409, 'CONT_017');
    const a = await draft({ tags: [slug] });
    assert.deepEqual(a.tags, [slug]);
    await call('POST', `${A}/articles/${a.id}/publish`);
    const listed = await call('GET', `${C}/articles?tag=${slug}`, undefined,
      { token: free.access });
    assert.deepEqual(listed.json.data.map((x) => x.id), [a.id]);
    const renamed = await call('PATCH', `${A}/tags/${id}`, { name: 'Gut' });
    assert.equal(renamed.json.data.name, 'Gut');
    assert.equal(renamed.json.data.article_count, 1);
    assert.equal((await call('DELETE', `${A}/tags/${id}`)).status, 204);
    assertError(await call('DELETE', `${A}/tags/${id}`), 404, 'CONT_016');
    assert.deepEqual((await call('GET', `${A}/articles/${a.id}`)).json.data.tags, []);
  });
});
