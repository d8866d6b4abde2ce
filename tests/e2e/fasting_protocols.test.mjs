// End-to-end: GET /api/v1/fasting/protocols[/:id] on the seeded reference data.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { request, startServer } from './support/server.mjs';

let server;

before(async () => {
  server = await startServer({ env: { UGOKI_ENV: 'test' } });
});

after(async () => {
  await server.stop();
});

const requiredSlugs = ['12-12', '13-11', '14-10', '16-8', '18-6', '20-4', 'omad', '24h', '36h',
  '48h', '72h', '5-2', 'alternate-day'];

test('lists every seeded protocol as a schedule', async () => {
  const res = await request(server.baseUrl, 'GET', '/api/v1/fasting/protocols');
  assert.equal(res.status, 200);
  assert.equal(res.json.success, true);
  const protocols = res.json.data;
  const slugs = protocols.map((p) => p.slug);
  for (const slug of requiredSlugs) {
    assert.ok(slugs.includes(slug), `protocol ${slug} is listed`);
  }
  const bySlug = Object.fromEntries(protocols.map((p) => [p.slug, p]));
  assert.equal(bySlug['16-8'].kind, 'daily_tre');
  assert.equal(bySlug['16-8'].fasting_seconds, 16 * 3600);
  assert.equal(bySlug['16-8'].eating_window_seconds, 8 * 3600);
  assert.equal(bySlug['5-2'].kind, 'weekly');
  assert.equal(bySlug['5-2'].fast_days_per_week, 2);
  assert.ok(bySlug['5-2'].fast_day_kcal > 0);
  assert.equal(bySlug['alternate-day'].kind, 'alternate_day');
  assert.equal(bySlug['72h'].kind, 'extended');
  for (const p of protocols) {
    assert.match(p.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.ok(['beginner', 'intermediate', 'advanced'].includes(p.difficulty));
    assert.ok(Array.isArray(p.benefits) && p.benefits.length > 0, `${p.slug} has benefits`);
    assert.equal(typeof p.weekday_rules, 'object');
  }
  assert.match(res.headers.get('cache-control'), /^public, max-age=\d+$/);
});

test('ETag and If-None-Match give 304 with no body', async () => {
  const first = await request(server.baseUrl, 'GET', '/api/v1/fasting/protocols');
  const etag = first.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]{16}"$/);
  const again = await request(server.baseUrl, 'GET', '/api/v1/fasting/protocols', {
    headers: { 'if-none-match': etag },
  });
  assert.equal(again.status, 304);
  assert.equal(again.text, '');
  assert.equal(again.headers.get('etag'), etag);
  const stale = await request(server.baseUrl, 'GET', '/api/v1/fasting/protocols', {
    headers: { 'if-none-match': '"0000000000000000"' },
  });
  assert.equal(stale.status, 200);
});

test('one protocol by id, with its own ETag', async () => {
  const list = await request(server.baseUrl, 'GET', '/api/v1/fasting/protocols');
  const wanted = list.json.data.find((p) => p.slug === '18-6');
  const res = await request(server.baseUrl, 'GET', `/api/v1/fasting/protocols/${wanted.id}`);
  assert.equal(res.status, 200);
  assert.deepEqual(res.json.data, wanted);
  const upper = await request(server.baseUrl, 'GET',
    `/api/v1/fasting/protocols/${wanted.id.toUpperCase()}`);
  assert.equal(upper.status, 200);
  const cached = await request(server.baseUrl, 'GET', `/api/v1/fasting/protocols/${wanted.id}`, {
    headers: { 'if-none-match': res.headers.get('etag') },
  });
  assert.equal(cached.status, 304);
});

test('unknown id is 404 FAST_002, malformed id is 400 VAL_001', async () => {
  const unknown = await request(server.baseUrl, 'GET',
    '/api/v1/fasting/protocols/00000000-0000-4000-8000-000000000000');
  assert.equal(unknown.status, 404);
  assert.equal(unknown.json.error.code, 'FAST_002');
  for (const bad of ['16-8', '1', "x'%20OR%201=1", '00000000-0000-4000-8000-00000000000z']) {
    const res = await request(server.baseUrl, 'GET', `/api/v1/fasting/protocols/${bad}`);
    assert.equal(res.status, 400, bad);
    assert.equal(res.json.error.code, 'VAL_001');
    assert.equal(res.json.error.details[0].field, 'id');
  }
});

test('reads are served from cache, not the database, after the first', async () => {
  await request(server.baseUrl, 'GET', '/api/v1/fasting/protocols');
  const before = await request(server.baseUrl, 'GET', '/metrics');
  const inUse = (text) => Number(text.match(/^ugoki_db_connections_open (\d+)$/m)[1]);
  const openBefore = inUse(before.text);
  await Promise.all(Array.from({ length: 50 }, () =>
    request(server.baseUrl, 'GET', '/api/v1/fasting/protocols')));
  const afterMetrics = await request(server.baseUrl, 'GET', '/metrics');
  // 50 concurrent reads did not open a single extra connection: they never reached the pool.
  assert.equal(inUse(afterMetrics.text), openBefore);
});
