// End-to-end: content reading against the real server, PostgreSQL and Redis. Article lists
// (filters, ranked full-text search with snippets, cursors), the article (premium gating by the
// token's role, ETags that never let a free reader revalidate a premium body, Vary and
// Cache-Control), categories with counts, Accept-Language, bookmarks and reading progress with
// the state after, the data export and erasure. Every response is checked against
// api/openapi.yaml.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { assertError, AuthSuite, bearer, login, psql } from './support/auth.mjs';
import { assertMatchesContract } from './support/contract.mjs';
import { request } from './support/server.mjs';

const C = '/api/v1/content';
const FREE_SLUG = 'intermittent-fasting-explained';
const PREMIUM_SLUG = 'early-time-restricted-eating';

const suite = new AuthSuite();
let free;
let premium;
before(async () => {
  await suite.start();
  free = await suite.newUser();
  premium = await premiumUser();
});
after(async () => {
  // Stop first: a failed log check must not leave the server, and this process, running.
  await suite.stop();
  suite.assertLogClean();
});

async function checked(method, template, path, token, body, headers = {}) {
  const h = token ? bearer(token, headers) : headers;
  const res = await request(suite.base, method, path, { headers: h, body });
  assertMatchesContract(method, template, res);
  return res;
}
function badFields(res) {
  assertError(res, 400, 'VAL_001');
  return res.json.error.details.map((d) => d.field).sort();
}
const article = (slug, token, headers) =>
  checked('GET', `${C}/articles/{slug}`, `${C}/articles/${slug}`, token, undefined, headers);
const list = (query, token, headers) =>
  checked('GET', `${C}/articles`, `${C}/articles${query}`, token, undefined, headers);
const readerState = (slug, token) =>
  checked('GET', `${C}/articles/{slug}/state`, `${C}/articles/${slug}/state`, token);

// The article answers come from a snapshot that polls the database's version stamp once a
// second: a change made with psql shows within that (asks again every 100 ms, up to 5 s).
async function eventually(fetch, done) {
  let res;
  for (let n = 0; n < 50; n += 1) {
    res = await fetch();
    if (done(res)) {
      return res;
    }
    await new Promise((r) => { setTimeout(r, 100); });
  }
  return res;
}

// A premium account: the role is the database's, read into the token at login.
async function premiumUser() {
  const u = await suite.newUser();
  await psql(`UPDATE users SET role = 'premium' WHERE id = '${u.user.id}'`);
  const res = await login(suite.base, u.email, u.password);
  assert.equal(res.status, 200, res.text);
  u.access = res.json.data.tokens.access_token;
  suite.remember(u.access, res.json.data.tokens.refresh_token);
  return u;
}

describe('GET /content/articles', () => {
  test('newest first, premium ones listed with their summary and no body', async () => {
    const res = await list('?limit=100', free.access);
    assert.equal(res.status, 200, res.text);
    assert.ok(res.json.data.length >= 20);
    const dates = res.json.data.map((a) => a.published_at);
    assert.deepEqual(dates, [...dates].sort().reverse());
    const p = res.json.data.find((a) => a.slug === PREMIUM_SLUG);
    assert.equal(p.premium, true);
    assert.ok(p.summary.length > 10);
    assert.equal(p.body_markdown, undefined);
    assert.match(res.headers.get('cache-control'), /^private, max-age=\d+$/);
    assert.equal(res.headers.get('vary'), 'Accept-Language, Authorization');
    assert.equal(res.headers.get('content-language'), 'en');
  });

  test('filters by category and tag; unknown tags match nothing', async () => {
    const hiit = await list('?category=hiit&limit=100', free.access);
    assert.ok(hiit.json.data.length >= 4);
    assert.ok(hiit.json.data.every((a) => a.category === 'hiit'));
    const tagged = await list('?tag=sleep&limit=100', free.access);
    assert.ok(tagged.json.data.length >= 1);
    assert.ok(tagged.json.data.every((a) => a.tags.includes('sleep')));
    const none = await list('?tag=no-such-tag', free.access);
    assert.deepEqual(none.json.data, []);
  });

  test('q ranks title matches first and highlights the words, safely', async () => {
    const res = await list('?q=tabata', free.access);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.data[0].slug, 'what-tabata-really-means');
    for (const a of res.json.data) {
      assert.match(a.snippet, /<mark>tabata<\/mark>/i);
      assert.doesNotMatch(a.snippet.replace(/<\/?mark>/g, ''), /[<>]/);
    }
    const miss = await list('?q=zzzqqqxx', free.access);
    assert.deepEqual(miss.json.data, []);
    assert.equal(miss.json.pagination.has_more, false);
  });

  test('a premium article\'s snippet never quotes its body', async () => {
    const body = await psql(`SELECT body_markdown FROM content_articles
      WHERE slug = '${PREMIUM_SLUG}'`);
    const summary = await psql(`SELECT summary FROM content_articles
      WHERE slug = '${PREMIUM_SLUG}'`);
    // A word of the body that the summary does not contain.
    const word = body.toLowerCase().match(/[a-z]{9,}/g)
      .find((w) => !summary.toLowerCase().includes(w));
    const res = await list(`?q=${word}&limit=100`, free.access);
    const p = res.json.data.find((a) => a.slug === PREMIUM_SLUG);
    if (p) {
      assert.doesNotMatch(p.snippet.toLowerCase(), new RegExp(word));
    }
  });

  test('search cursors cover the ranked list once; date cursors too', async () => {
    for (const q of ['?q=fasting', '']) {
      const all = await list(`${q}${q ? '&' : '?'}limit=100`, free.access);
      const seen = [];
      let cursor = null;
      for (let n = 0; n < 30; n += 1) {
        const c = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const res = await list(`${q}${q ? '&' : '?'}limit=3${c}`, free.access);
        assert.equal(res.status, 200, res.text);
        seen.push(...res.json.data.map((a) => a.id));
        cursor = res.json.pagination.cursor;
        if (!res.json.pagination.has_more) {
          break;
        }
      }
      assert.ok(seen.length > 3);
      assert.deepEqual(seen, all.json.data.map((a) => a.id));
    }
  });

  test('every bad parameter is named in one 400; a cursor of the other kind is refused', async () => {
    const res = await list('?category=Cooking!&tag=Bad_Tag&limit=0&q=', free.access);
    assert.deepEqual(badFields(res), ['category', 'limit', 'q', 'tag']);
    const dated = await list('?limit=1', free.access);
    const c = encodeURIComponent(dated.json.pagination.cursor);
    assert.deepEqual(badFields(await list(`?q=fasting&cursor=${c}`, free.access)), ['cursor']);
    assert.deepEqual(badFields(await list('?cursor=abc.def', free.access)), ['cursor']);
  });

  test('needs a signed-in reader', async () => {
    assertError(await list('', null), 401, 'AUTH_002');
  });

  test('scheduled, draft and removed articles are nobody\'s to read', async () => {
    const slug = `scheduled-${Date.now()}`;
    await psql(`INSERT INTO content_articles (slug, title, summary, body_markdown, category,
      reading_time_minutes, published_at) VALUES ('${slug}', 'Later', 'Soon', 'Body', 'sleep', 1,
      now() + interval '1 day')`);
    const res = await list('?category=sleep&limit=100', premium.access);
    assert.ok(!res.json.data.some((a) => a.slug === slug));
    assertError(await article(slug, premium.access), 404, 'CONT_001');
    await psql(`UPDATE content_articles SET published_at = now() - interval '1 second'
      WHERE slug = '${slug}'`);
    const live = () => article(slug, premium.access);
    assert.equal((await eventually(live, (r) => r.status === 200)).status, 200);
    // Lists answered before are memoised for a second at most, and never past a write.
    const listed = await eventually(() => list('?category=sleep&limit=100', premium.access),
      (r) => r.json.data.some((a) => a.slug === slug));
    assert.ok(listed.json.data.some((a) => a.slug === slug));
    await psql(`UPDATE content_articles SET deleted_at = now() WHERE slug = '${slug}'`);
    assertError(await eventually(live, (r) => r.status === 404), 404, 'CONT_001');
    await psql(`DELETE FROM content_articles WHERE slug = '${slug}'`);
  });

  test('a scheduled article appears when its time comes, with no write and no restart',
    async () => {
      const slug = `due-${Date.now()}`;
      await psql(`INSERT INTO content_articles (slug, title, summary, body_markdown, category,
        reading_time_minutes, published_at) VALUES ('${slug}', 'Due', 'Soon', 'Body', 'sleep', 1,
        now() + interval '2 seconds')`);
      try {
        const due = Date.now() + 2000;
        assertError(await article(slug, free.access), 404, 'CONT_001');
        const res = await eventually(() => article(slug, free.access), (r) => r.status === 200);
        assert.equal(res.status, 200, res.text);
        assert.ok(Date.now() >= due - 500, 'not before its publish time');
        assert.equal(res.json.data.slug, slug);
      } finally {
        await psql(`DELETE FROM content_articles WHERE slug = '${slug}'`);
      }
    });
});

describe('GET /content/articles/:slug', () => {
  test('a free article for a free reader, with the body and citations',
    async () => {
      const res = await article(FREE_SLUG, free.access);
      assert.equal(res.status, 200, res.text);
      const a = res.json.data;
      assert.equal(a.slug, FREE_SLUG);
      assert.ok(a.body_markdown.length > 500);
      assert.ok(a.citations.length >= 1);
      assert.deepEqual(a.available_languages, ['en', 'de', 'fr']);
      assert.equal(a.state, undefined);
      assert.equal(res.headers.get('cache-control'), 'private, no-cache');
      assert.equal(res.headers.get('vary'), 'Accept-Language, Authorization');
      assert.match(res.headers.get('etag'), /^"[0-9a-f]{16}"$/);
      const again = await request(suite.base, 'GET', `${C}/articles/${FREE_SLUG}`,
        { headers: bearer(free.access, { 'if-none-match': res.headers.get('etag') }) });
      assert.equal(again.status, 304);
      assert.equal(again.text, '');
      assert.equal(again.headers.get('vary'), 'Accept-Language, Authorization');
    });

  test('a premium article: 403 AUTH_003 for a free reader, the body for a premium one', async () => {
    assertError(await article(PREMIUM_SLUG, free.access), 403, 'AUTH_003');
    const res = await article(PREMIUM_SLUG, premium.access);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.data.premium, true);
    assert.ok(res.json.data.body_markdown.length > 200);
  });

  test('a premium reader\'s ETag replayed by a free reader never gets a 304', async () => {
    const p = await article(PREMIUM_SLUG, premium.access);
    const etag = p.headers.get('etag');
    const replay = await request(suite.base, 'GET', `${C}/articles/${PREMIUM_SLUG}`,
      { headers: bearer(free.access, { 'if-none-match': etag }) });
    assertError(replay, 403, 'AUTH_003');
    assert.equal(replay.headers.get('cache-control'), 'no-store');
    assert.equal(replay.headers.get('etag'), null);
    // Nor on a free article: each role class has its own validators.
    const f = await article(FREE_SLUG, premium.access);
    const cross = await request(suite.base, 'GET', `${C}/articles/${FREE_SLUG}`,
      { headers: bearer(free.access, { 'if-none-match': f.headers.get('etag') }) });
    assert.equal(cross.status, 200);
    assert.notEqual(cross.headers.get('etag'), f.headers.get('etag'));
  });

  test('unknown and malformed slugs are 404 CONT_001', async () => {
    assertError(await article('no-such-article', free.access), 404, 'CONT_001');
    assertError(await article('Not_A_Slug', free.access), 404, 'CONT_001');
  });

  test('a former slug keeps answering with the article', async () => {
    const alias = `old-${Date.now()}`;
    await psql(`INSERT INTO content_article_slug_aliases (slug, article_id)
      SELECT '${alias}', id FROM content_articles WHERE slug = '${FREE_SLUG}'`);
    const res = await eventually(() => article(alias, free.access), (r) => r.status === 200);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.data.slug, FREE_SLUG);
    await psql(`DELETE FROM content_article_slug_aliases WHERE slug = '${alias}'`);
  });
});

describe('Accept-Language', () => {
  test('picks a translation by q-value and says so; falls back to English', async () => {
    const de = await article(FREE_SLUG, free.access, { 'accept-language': 'fr;q=0.5, de, en;q=0.1' });
    assert.equal(de.status, 200, de.text);
    assert.equal(de.headers.get('content-language'), 'de');
    assert.equal(de.json.data.language, 'de');
    assert.match(de.json.data.title, /Intervallfasten/);
    const fr = await article(FREE_SLUG, free.access, { 'accept-language': 'fr-CH, de;q=0.9' });
    assert.equal(fr.headers.get('content-language'), 'fr');
    assert.match(fr.json.data.title, /jeûne/);
    assert.notEqual(fr.headers.get('etag'), de.headers.get('etag'));
    // No French translation of this one: English, and it says so.
    const en = await article('what-tabata-really-means', free.access,
      { 'accept-language': 'fr' });
    assert.equal(en.headers.get('content-language'), 'en');
    assert.equal(en.json.data.language, 'en');
    const refused = await article(FREE_SLUG, free.access, { 'accept-language': 'de;q=0, fr;q=0' });
    assert.equal(refused.headers.get('content-language'), 'en');
  });

  test('lists mix languages per article, and search uses the served language', async () => {
    const res = await list('?q=Intervallfasten', free.access, { 'accept-language': 'de' });
    assert.equal(res.headers.get('content-language'), 'de');
    assert.equal(res.json.data[0].slug, FREE_SLUG);
    assert.equal(res.json.data[0].language, 'de');
    assert.match(res.json.data[0].snippet, /<mark>Intervallfasten<\/mark>/);
    const all = await list('?limit=100', free.access, { 'accept-language': 'de' });
    const langs = new Set(all.json.data.map((a) => a.language));
    assert.deepEqual([...langs].sort(), ['de', 'en']);
  });

  test('categories are public, named in the language asked for, with counts', async () => {
    const res = await checked('GET', `${C}/categories`, `${C}/categories`, null, undefined,
      { 'accept-language': 'de-DE,de;q=0.9' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('content-language'), 'de');
    assert.match(res.headers.get('cache-control'), /^public, max-age=\d+$/);
    assert.equal(res.headers.get('vary'), 'Accept-Language');
    const byslug = Object.fromEntries(res.json.data.map((c) => [c.slug, c]));
    assert.equal(byslug.sleep.name, 'Schlaf');
    const live = await psql(`SELECT count(*) FROM content_articles WHERE category = 'hiit'
      AND deleted_at IS NULL AND published_at <= now()`);
    assert.equal(byslug.hiit.article_count, Number(live));
    // The seven seeded ones (admin tests may add more in the shared database).
    for (const slug of ['beginners', 'if', 'hiit', 'nutrition', 'sleep', 'mindset', 'research']) {
      assert.ok(byslug[slug], slug);
    }
    const etag = res.headers.get('etag');
    const again = await request(suite.base, 'GET', `${C}/categories`,
      { headers: { 'accept-language': 'de-DE,de;q=0.9', 'if-none-match': etag } });
    assert.equal(again.status, 304);
    const en = await request(suite.base, 'GET', `${C}/categories`,
      { headers: { 'if-none-match': etag } });
    assert.equal(en.status, 200);
  });
});

describe('bookmarks and reading progress', () => {
  test('bookmark: 201 then 200, listed newest first, shown on the article, removed', async () => {
    const u = await suite.newUser();
    const path = (slug) => `${C}/articles/${slug}/bookmark`;
    const first = await checked('POST', `${C}/articles/{slug}/bookmark`, path(FREE_SLUG), u.access);
    assert.equal(first.status, 201, first.text);
    assert.equal(first.json.data.article.slug, FREE_SLUG);
    const again = await checked('POST', `${C}/articles/{slug}/bookmark`, path(FREE_SLUG), u.access);
    assert.equal(again.status, 200);
    assert.equal(again.json.data.bookmarked_at, first.json.data.bookmarked_at);
    // A free reader may save a premium article (to read after upgrading).
    const p = await checked('POST', `${C}/articles/{slug}/bookmark`, path(PREMIUM_SLUG), u.access);
    assert.equal(p.status, 201);
    assert.equal(await psql(`SELECT count(*) FROM content_bookmarks
      WHERE user_id = '${u.user.id}'`), '2');

    const listed = await checked('GET', `${C}/bookmarks`, `${C}/bookmarks?limit=1`, u.access);
    assert.equal(listed.status, 200, listed.text);
    assert.equal(listed.json.data[0].article.slug, PREMIUM_SLUG);
    assert.equal(listed.json.pagination.has_more, true);
    const next = await checked('GET', `${C}/bookmarks`, `${C}/bookmarks?limit=1&cursor=${
      encodeURIComponent(listed.json.pagination.cursor)}`, u.access);
    assert.equal(next.json.data[0].article.slug, FREE_SLUG);
    assert.equal(next.json.pagination.has_more, false);

    const a = await readerState(FREE_SLUG, u.access);
    assert.equal(a.json.data.bookmarked, true);
    assert.equal(a.json.data.bookmarked_at, first.json.data.bookmarked_at);
    // Another reader sees nothing of it.
    const other = await readerState(FREE_SLUG, free.access);
    assert.equal(other.json.data.bookmarked, false);
    assert.deepEqual((await checked('GET', `${C}/bookmarks`, `${C}/bookmarks`, free.access))
      .json.data.filter((b) => b.article.slug === FREE_SLUG && false), []);

    const gone = await checked('DELETE', `${C}/articles/{slug}/bookmark`, path(FREE_SLUG), u.access);
    assert.equal(gone.status, 204);
    const twice = await checked('DELETE', `${C}/articles/{slug}/bookmark`, path(FREE_SLUG),
      u.access);
    assert.equal(twice.status, 204);
    assert.equal(await psql(`SELECT count(*) FROM content_bookmarks
      WHERE user_id = '${u.user.id}'`), '1');
    assertError(await checked('POST', `${C}/articles/{slug}/bookmark`, path('no-such'), u.access),
      404, 'CONT_001');
    assertError(await checked('GET', `${C}/bookmarks`, `${C}/bookmarks?cursor=x&limit=101`,
      u.access), 400, 'VAL_001');
  });

  test('the reader\'s state has its own route; the article is the same for every reader',
    async () => {
      const u = await suite.newUser();
      const fresh = await readerState(FREE_SLUG, u.access);
      assert.equal(fresh.status, 200, fresh.text);
      assert.deepEqual(fresh.json.data, { bookmarked: false, bookmarked_at: null,
        progress_percent: 0, read: false, read_at: null });
      assert.equal(fresh.headers.get('cache-control'), 'no-store');
      const before = await article(FREE_SLUG, u.access);
      await checked('POST', `${C}/articles/{slug}/bookmark`,
        `${C}/articles/${FREE_SLUG}/bookmark`, u.access);
      assert.equal((await readerState(FREE_SLUG, u.access)).json.data.bookmarked, true);
      // The article carries nothing of the reader: another free reader's validator matches.
      const res = await request(suite.base, 'GET', `${C}/articles/${FREE_SLUG}`,
        { headers: bearer(free.access, { 'if-none-match': before.headers.get('etag') }) });
      assert.equal(res.status, 304);
      // Premium articles too (a free reader may have saved one); unknown ones are 404.
      assert.equal((await readerState(PREMIUM_SLUG, u.access)).status, 200);
      assertError(await readerState('no-such-article', u.access), 404, 'CONT_001');
      assertError(await readerState('Not_A_Slug', u.access), 404, 'CONT_001');
      assertError(await readerState(FREE_SLUG, null), 401, 'AUTH_002');
    });

  test('progress: percent, read at 100 or when completed, kept read; validated', async () => {
    const u = await suite.newUser();
    const put = (slug, body, token = u.access) => checked('PUT', `${C}/articles/{slug}/progress`,
      `${C}/articles/${slug}/progress`, token, body);
    const half = await put(FREE_SLUG, { percent: 40 });
    assert.equal(half.status, 200, half.text);
    assert.equal(half.json.data.progress_percent, 40);
    assert.equal(half.json.data.read, false);
    const done = await put(FREE_SLUG, { percent: 100 });
    assert.equal(done.json.data.read, true);
    const back = await put(FREE_SLUG, { percent: 10 });
    assert.equal(back.json.data.progress_percent, 10);
    assert.equal(back.json.data.read, true);
    assert.equal(back.json.data.read_at, done.json.data.read_at);
    const other = await put('what-tabata-really-means', { percent: 5, completed: true });
    assert.equal(other.json.data.read, true);
    const state = (await readerState(FREE_SLUG, u.access)).json.data;
    assert.equal(state.progress_percent, 10);
    assert.equal(state.read, true);
    assert.equal(await psql(`SELECT percent FROM content_reading_progress p
      JOIN content_articles a ON a.id = p.article_id
      WHERE p.user_id = '${u.user.id}' AND a.slug = '${FREE_SLUG}'`), '10');

    assert.deepEqual(badFields(await put(FREE_SLUG, { percent: 101, completed: 'yes', x: 1 })),
      ['completed', 'percent', 'x']);
    assert.deepEqual(badFields(await put(FREE_SLUG, {})), ['percent']);
    assertError(await put('no-such', { percent: 1 }), 404, 'CONT_001');
    // Progress on a premium article is a premium reader's.
    assertError(await put(PREMIUM_SLUG, { percent: 1 }), 403, 'AUTH_003');
    assert.equal(await psql(`SELECT count(*) FROM content_reading_progress
      WHERE user_id = '${u.user.id}'`), '2');
    const p = await put(PREMIUM_SLUG, { percent: 20 }, premium.access);
    assert.equal(p.status, 200, p.text);
  });

  test('exported as content and erased with the account', async () => {
    const u = await suite.newUser();
    await checked('POST', `${C}/articles/{slug}/bookmark`, `${C}/articles/${FREE_SLUG}/bookmark`,
      u.access);
    await checked('PUT', `${C}/articles/{slug}/progress`, `${C}/articles/${FREE_SLUG}/progress`,
      u.access, { percent: 100 });
    const exp = await checked('GET', '/api/v1/users/me/export', '/api/v1/users/me/export',
      u.access);
    assert.equal(exp.status, 200, exp.text);
    const c = exp.json.content;
    assert.deepEqual(c.bookmarks.map((b) => b.slug), [FREE_SLUG]);
    assert.match(c.bookmarks[0].created_at, /Z$/);
    assert.equal(c.reading_progress[0].percent, 100);
    assert.match(c.reading_progress[0].read_at, /Z$/);
    await psql(`DELETE FROM users WHERE id = '${u.user.id}'`);
    assert.equal(await psql(`SELECT count(*) FROM content_bookmarks
      WHERE user_id = '${u.user.id}'`), '0');
    assert.equal(await psql(`SELECT count(*) FROM content_reading_progress
      WHERE user_id = '${u.user.id}'`), '0');
  });
});
