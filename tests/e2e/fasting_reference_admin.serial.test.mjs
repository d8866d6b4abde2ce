// End-to-end: the administration and localisation of the fasting reference data (stages and
// protocols) against the real server, PostgreSQL and Redis. Serial: it adds, moves and retires
// stages, which every other file reads. Every route is 401 without a token and 403 for a
// non-admin; bad input is one 400 naming each field, nothing changed; a stale version is 412
// REQ_006; each write leaves its audit entry (before/after) and is visible at once to readers,
// on this server and on a second one that only the Redis announcement can tell; public reads
// are localised by Accept-Language (de, fr, ja -> en) with Content-Language and per-language
// ETags. Responses are checked against api/openapi.yaml.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { promisify } from 'node:util';

import { assertError, AuthSuite, bearer, login, psql } from './support/auth.mjs';
import { assertMatchesContract } from './support/contract.mjs';
import { request, startServer } from './support/server.mjs';

const S = '/api/v1/admin/fasting/stages';
const P = '/api/v1/admin/fasting/protocols';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const HOUR = 3600;
// Long enough that only the announcement (never the TTL) can refresh a snapshot in this run.
const TTL = { UGOKI_REFERENCE_CACHE_TTL_MS: '600000' };

const suite = new AuthSuite();
let admin;
let other; // a second instance: it hears of admin writes only over Redis

before(async () => {
  await suite.start(TTL);
  other = await startServer({ env: { UGOKI_ENV: 'test', ...suite.key.env, ...TTL } });
  const deadline = Date.now() + 5000;
  while (!other.logs.some((l) => l.includes('redis subscriber connected'))) {
    assert.ok(Date.now() < deadline, 'the second server did not subscribe');
    await new Promise((r) => setTimeout(r, 20));
  }
  const u = await suite.newUser();
  await psql(`UPDATE users SET role = 'admin' WHERE id = '${u.user.id}'`);
  const res = await login(suite.base, u.email, u.password);
  assert.equal(res.status, 200, res.text);
  u.access = res.json.data.tokens.access_token;
  suite.remember(u.access, res.json.data.tokens.refresh_token);
  admin = u;
});
after(async () => {
  assert.equal(await other.stop(), 0);
  await suite.stop();
  suite.assertLogClean();
});

async function checked(method, template, path, { token, body, headers = {}, base } = {}) {
  const res = await request(base ?? suite.base, method, path, {
    headers: { ...(token ? bearer(token) : {}), ...headers }, body });
  assertMatchesContract(method, template, res);
  return res;
}
const asAdmin = (method, template, path, body, headers = {}) =>
  checked(method, template, path, { token: admin.access, body, headers });
const publicStages = (language, base, headers = {}) => checked('GET', '/api/v1/fasting/stages',
  '/api/v1/fasting/stages', { base, headers: { ...(language ? { 'accept-language': language } : {}),
    ...headers } });
const ifMatch = (version) => ({ 'if-match': `"v${version}"` });
const auditOf = async (entity, id) => (await psql(`SELECT action || '|' || changes::text
  FROM admin_audit_log WHERE entity = '${entity}' AND entity_id = '${id}' ORDER BY id`))
  .split('\n').filter(Boolean).map((r) => {
    const bar = r.indexOf('|');
    return { action: r.slice(0, bar), changes: JSON.parse(r.slice(bar + 1)) };
  });
const stageId = async (slug) => psql(`SELECT id FROM fasting_stages WHERE slug = '${slug}'`);

/** Polls `read` until `ok(result)` (the other instance refreshes when the message arrives). */
async function eventually(read, ok, what) {
  const deadline = Date.now() + 3000;
  for (;;) {
    const r = await read();
    if (ok(r)) {
      return r;
    }
    assert.ok(Date.now() < deadline, `${what}: never seen`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

const stageBody = (slug, starts) => ({
  slug, name: 'Two days', starts_after_seconds: starts,
  summary: 'The second day of a long fast.',
  description: 'Ketone levels keep rising through the second day of a fast.',
  source: 'Cahill GF Jr. Fuel metabolism in starvation. Annu Rev Nutr. 2006;26:1-22.',
  disclaimer: 'General information, not medical advice.',
});

describe('access', () => {
  test('401 without a token and 403 AUTH_003 for a non-admin, on every route', async () => {
    const user = await suite.newUser();
    for (const [method, template, path, body] of [
      ['GET', S, S], ['POST', S, S, stageBody('x', 0)],
      ['GET', `${S}/{id}`, `${S}/${UNKNOWN_ID}`],
      ['PATCH', `${S}/{id}`, `${S}/${UNKNOWN_ID}`, { name: 'x', version: 1 }],
      ['DELETE', `${S}/{id}`, `${S}/${UNKNOWN_ID}`],
      ['GET', `${P}/{id}`, `${P}/${UNKNOWN_ID}`],
      ['DELETE', `${P}/{id}`, `${P}/${UNKNOWN_ID}`]]) {
      assertError(await checked(method, template, path, { body }), 401, 'AUTH_002');
      assertError(await checked(method, template, path, { token: user.access, body }), 403,
        'AUTH_003');
    }
  });
});

describe('fasting stages', () => {
  test('create, move, translate and retire a stage: tiling, audit, both instances', async () => {
    // Both instances have their snapshots loaded before the writes.
    assert.equal((await publicStages(undefined, other.baseUrl)).json.data.length, 5);
    assert.equal((await publicStages()).json.data.length, 5);
    const slug = `e2e-stage-${randomInt(0, 1e9)}`;
    const created = await asAdmin('POST', S, S, stageBody(slug, 48 * HOUR));
    assert.equal(created.status, 201, created.text);
    const id = created.json.data.id;
    assert.equal(created.headers.get('etag'), '"v1"');
    assert.equal(created.json.data.ends_after_seconds, 72 * HOUR); // the next stage's start
    assertError(await asAdmin('POST', S, S, stageBody(slug, 60 * HOUR)), 409, 'FAST_016');
    assertError(await asAdmin('POST', S, S, stageBody(`${slug}-x`, 24 * HOUR)), 409, 'FAST_017');

    // Readers on both instances see it at once; ketosis now ends where it starts.
    for (const base of [suite.base, other.baseUrl]) {
      const list = await eventually(() => publicStages(undefined, base),
        (r) => r.json.data.some((s) => s.slug === slug), base);
      assert.deepEqual(list.json.data.map((s) => s.ends_after_seconds && s.ends_after_seconds / HOUR),
        [4, 16, 24, 48, 72, null]);
    }
    const ketosis = await stageId('ketosis');
    const audit = await auditOf('fasting.stage', ketosis);
    assert.deepEqual(audit.at(-1), { action: 'update',
      changes: { ends_at_hours: { before: 72.0, after: 48.0 } } });
    assert.equal((await auditOf('fasting.stage', id))[0].action, 'create');

    // Bad input: every field named, nothing changed.
    const bad = await asAdmin('PATCH', `${S}/{id}`, `${S}/${id}`, {
      name: ' ', starts_after_seconds: 1000, ends_after_seconds: 10,
      translations: { xx: { name: 'x' }, de: { name: '', foo: 'x' }, fr: {} },
    }, ifMatch(1));
    assertError(bad, 400, 'VAL_001');
    assert.deepEqual(bad.json.error.details.map((d) => d.field).sort(),
      ['ends_after_seconds', 'name', 'starts_after_seconds', 'translations.de.foo',
        'translations.de.name', 'translations.fr', 'translations.xx']);
    const noVersion = await asAdmin('PATCH', `${S}/{id}`, `${S}/${id}`, { name: 'x' });
    assertError(noVersion, 400, 'VAL_001');
    assert.deepEqual(noVersion.json.error.details.map((d) => d.field), ['version']);
    assert.equal(await psql(`SELECT name || '|' || version FROM fasting_stages
      WHERE id = '${id}'`), 'Two days|1');

    // A translation, at the version read; the old version is stale from then on.
    const translated = await asAdmin('PATCH', `${S}/{id}`, `${S}/${id}`, {
      translations: { de: { name: 'Zwei Tage', summary: 'Der zweite Tag eines langen Fastens.' } },
    }, ifMatch(1));
    assert.equal(translated.status, 200, translated.text);
    assert.equal(translated.headers.get('etag'), '"v2"');
    assert.deepEqual(translated.json.data.translations,
      { de: { name: 'Zwei Tage', summary: 'Der zweite Tag eines langen Fastens.' } });
    const stale = await asAdmin('PATCH', `${S}/{id}`, `${S}/${id}`, { name: 'Late' }, ifMatch(1));
    assertError(stale, 412, 'REQ_006');
    assert.equal(await psql(`SELECT name FROM fasting_stages WHERE id = '${id}'`), 'Two days');
    const { changes } = (await auditOf('fasting.stage', id)).at(-1);
    assert.deepEqual(changes, { translations: { before: {},
      after: { de: { name: 'Zwei Tage', summary: 'Der zweite Tag eines langen Fastens.' } } } });

    // Readers in German see it (the description, untranslated, stays English); fr and ja.
    const de = await publicStages('de-CH, de;q=0.9');
    const deStage = de.json.data.find((s) => s.slug === slug);
    assert.equal(deStage.name, 'Zwei Tage');
    assert.equal(deStage.language, 'de');
    assert.equal(deStage.description, stageBody(slug, 0).description);
    assert.equal(de.headers.get('content-language'), 'de');
    assert.match(de.headers.get('vary'), /Accept-Language/);
    const fr = await publicStages('fr');
    assert.equal(fr.json.data.find((s) => s.slug === slug).language, 'en');
    assert.equal(fr.json.data.find((s) => s.slug === 'ketosis').name, 'Cétose'); // seeded
    assert.equal(fr.headers.get('content-language'), 'fr');
    const ja = await publicStages('ja');
    assert.equal(ja.headers.get('content-language'), 'en');
    assert.ok(ja.json.data.every((s) => s.language === 'en'));
    // ETags per language: a German validator never revalidates the English list.
    const en = await publicStages();
    assert.notEqual(de.headers.get('etag'), en.headers.get('etag'));
    assert.equal((await publicStages('de', undefined,
      { 'if-none-match': de.headers.get('etag') })).status, 304);
    assert.equal((await publicStages('en', undefined,
      { 'if-none-match': de.headers.get('etag') })).status, 200);
    await eventually(() => publicStages('de', other.baseUrl),
      (r) => r.json.data.some((s) => s.name === 'Zwei Tage'), 'the translation on the other');

    // Removing the translation: null.
    const removed = await asAdmin('PATCH', `${S}/{id}`, `${S}/${id}`,
      { translations: { de: null }, version: 2 });
    assert.equal(removed.status, 200, removed.text);
    assert.deepEqual(removed.json.data.translations, {});

    // Retire: 412 when stale, then 204; ketosis ends at 72 h again, everywhere.
    assertError(await asAdmin('DELETE', `${S}/{id}`, `${S}/${id}`, undefined, ifMatch(1)), 412,
      'REQ_006');
    const gone = await asAdmin('DELETE', `${S}/{id}`, `${S}/${id}`, undefined, ifMatch(3));
    assert.equal(gone.status, 204, gone.text);
    const kept = await asAdmin('GET', `${S}/{id}`, `${S}/${id}`);
    assert.equal(kept.json.data.active, false);
    assert.equal(kept.headers.get('etag'), '"v4"');
    for (const base of [suite.base, other.baseUrl]) {
      const list = await eventually(() => publicStages(undefined, base),
        (r) => !r.json.data.some((s) => s.slug === slug), base);
      assert.deepEqual(list.json.data.map((s) => s.ends_after_seconds && s.ends_after_seconds / HOUR),
        [4, 16, 24, 72, null]);
    }
    assert.deepEqual((await auditOf('fasting.stage', id)).map((e) => e.action),
      ['create', 'update', 'update', 'deactivate']);
    const all = await asAdmin('GET', S, `${S}?per_page=100`);
    assert.equal(all.json.data.find((s) => s.id === id)?.active, false);
    assert.ok(all.json.pagination.total >= 6);
    assertError(await asAdmin('GET', `${S}/{id}`, `${S}/${UNKNOWN_ID}`), 404, 'FAST_015');
    // The stage at 0 cannot go while others stay.
    assertError(await asAdmin('DELETE', `${S}/{id}`, `${S}/${await stageId('anabolic')}`),
      409, 'FAST_017');
  });

  test('the running fast shows its stages in the reader\'s language', async () => {
    const user = await suite.newUser();
    const started = new Date(Date.now() - 17 * HOUR * 1000).toISOString();
    const start = await request(suite.base, 'POST', '/api/v1/fasting/sessions',
      { headers: bearer(user.access), body: { target_hours: 20, started_at: started } });
    assert.equal(start.status, 201, start.text);
    const current = (language) => checked('GET', '/api/v1/fasting/sessions/current',
      '/api/v1/fasting/sessions/current',
      { token: user.access, headers: language ? { 'accept-language': language } : {} });
    const de = await current('de');
    assert.equal(de.status, 200, de.text);
    assert.equal(de.json.data.current_stage.slug, 'fat-burning');
    assert.equal(de.json.data.current_stage.name, 'Fettverbrennung');
    assert.equal(de.json.data.current_stage.language, 'de');
    assert.equal(de.json.data.next_stage.name, 'Ketose');
    assert.equal(de.headers.get('content-language'), 'de');
    const ja = await current('ja');
    assert.equal(ja.json.data.current_stage.name, 'Fat Burning');
    assert.equal(ja.json.data.current_stage.language, 'en');
    assert.equal(ja.headers.get('content-language'), 'en');
  });

  test('ugoki seed keeps what admins wrote of a stage, translations too', async () => {
    const id = await stageId('ketosis');
    const before = await asAdmin('GET', `${S}/{id}`, `${S}/${id}`);
    const version = before.json.data.version;
    const edited = await asAdmin('PATCH', `${S}/{id}`, `${S}/${id}`,
      { translations: { de: { name: 'Ketose (redigiert)' } } }, ifMatch(version));
    assert.equal(edited.status, 200, edited.text);
    await promisify(execFile)(process.env.UGOKI_BIN, ['seed'],
      { env: { ...process.env, UGOKI_ENV: 'test' } });
    assert.equal(await psql(`SELECT translations->'de'->>'name' FROM fasting_stages
      WHERE id = '${id}'`), 'Ketose (redigiert)');
    // Put the seeded German back, through the API.
    const back = await asAdmin('PATCH', `${S}/{id}`, `${S}/${id}`, { translations: { de: {
      name: 'Ketose', summary: 'Die Ketonwerte steigen und liefern einen wachsenden Teil der Energie.',
    } } }, ifMatch(version + 1));
    assert.equal(back.status, 200, back.text);
  });
});

describe('fasting protocols: version guard and localisation', () => {
  const protocolBody = (slug) => ({
    slug, name: '15:9', kind: 'daily_tre',
    description: 'Fast 15 hours and eat within 9, for example 10:00 to 19:00.',
    fasting_seconds: 54000, eating_window_seconds: 32400, difficulty: 'beginner',
    recommended_frequency: 'daily', benefits: ['Easy to keep.'],
    considerations: ['Ask a doctor first if you take glucose-lowering drugs.'], sort_order: 35,
    translations: { fr: { name: '15:9 (fr)' } },
  });
  const one = (id, language, headers = {}) => checked('GET', '/api/v1/fasting/protocols/{id}',
    `/api/v1/fasting/protocols/${id}`,
    { headers: { ...(language ? { 'accept-language': language } : {}), ...headers } });

  test('PATCH needs the version read; stale is 412; translations per language', async () => {
    const created = await asAdmin('POST', P, P, protocolBody(`e2e-loc-${randomInt(0, 1e9)}`));
    assert.equal(created.status, 201, created.text);
    const id = created.json.data.id;
    assert.equal(created.headers.get('etag'), '"v1"');
    assert.deepEqual(created.json.data.translations, { fr: { name: '15:9 (fr)' } });
    const got = await asAdmin('GET', `${P}/{id}`, `${P}/${id}`);
    assert.equal(got.headers.get('etag'), '"v1"');

    const noVersion = await asAdmin('PATCH', `${P}/{id}`, `${P}/${id}`, { name: 'x' });
    assertError(noVersion, 400, 'VAL_001');
    assert.deepEqual(noVersion.json.error.details.map((d) => d.field), ['version']);
    const bad = await asAdmin('PATCH', `${P}/{id}`, `${P}/${id}`, { translations: {
      en: { name: 'x' }, de: { name: 'x'.repeat(101), benefits: [''], kind: 'weekly' } } },
    ifMatch(1));
    assertError(bad, 400, 'VAL_001');
    assert.deepEqual(bad.json.error.details.map((d) => d.field).sort(),
      ['translations.de.benefits[0]', 'translations.de.kind', 'translations.de.name',
        'translations.en']);
    const ok = await asAdmin('PATCH', `${P}/{id}`, `${P}/${id}`, { translations: {
      de: { name: '15:9 sanft', description: '15 Stunden fasten, 9 Stunden essen.' },
      fr: null } }, ifMatch(1));
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.headers.get('etag'), '"v2"');
    assert.deepEqual(ok.json.data.translations,
      { de: { name: '15:9 sanft', description: '15 Stunden fasten, 9 Stunden essen.' } });
    const stale = await asAdmin('PATCH', `${P}/{id}`, `${P}/${id}`, { name: 'Late', version: 1 });
    assertError(stale, 412, 'REQ_006');
    assertError(await asAdmin('POST', `${P}/{id}/deactivate`, `${P}/${id}/deactivate`,
      undefined, ifMatch(1)), 412, 'REQ_006');
    assert.equal(await psql(`SELECT name || '|' || version FROM fasting_protocols
      WHERE id = '${id}'`), '15:9|2');
    const audit = await auditOf('fasting.protocol', id);
    assert.deepEqual(audit.map((e) => e.action), ['create', 'update']);
    assert.deepEqual(Object.keys(audit[1].changes), ['translations']);

    // Public reads, at once: German where translated (benefits fall back), English for ja.
    const de = await one(id, 'de');
    assert.equal(de.status, 200, de.text);
    assert.equal(de.json.data.name, '15:9 sanft');
    assert.deepEqual(de.json.data.benefits, ['Easy to keep.']);
    assert.equal(de.json.data.language, 'de');
    assert.equal(de.headers.get('content-language'), 'de');
    const fr = await one(id, 'fr');
    assert.equal(fr.json.data.name, '15:9');
    assert.equal(fr.headers.get('content-language'), 'en');
    const ja = await one(id, 'ja');
    assert.equal(ja.json.data.language, 'en');
    assert.equal(ja.headers.get('content-language'), 'en');
    assert.notEqual(de.headers.get('etag'), ja.headers.get('etag'));
    assert.equal((await one(id, 'de', { 'if-none-match': de.headers.get('etag') })).status, 304);
    assert.equal((await one(id, 'en', { 'if-none-match': de.headers.get('etag') })).status, 200);
    await eventually(() => request(other.baseUrl, 'GET', `/api/v1/fasting/protocols/${id}`,
      { headers: { 'accept-language': 'de' } }), (r) => r.json?.data?.name === '15:9 sanft',
    'the translation on the other instance');

    const gone = await asAdmin('DELETE', `${P}/{id}`, `${P}/${id}`, undefined, ifMatch(2));
    assert.equal(gone.status, 204, gone.text);
    assertError(await one(id), 404, 'FAST_002');
    assert.equal(await psql(`SELECT is_active FROM fasting_protocols WHERE id = '${id}'`), 'f');
  });

  test('the seeded German and French: the list in the negotiated language', async () => {
    const list = (language) => checked('GET', '/api/v1/fasting/protocols',
      '/api/v1/fasting/protocols', { headers: { 'accept-language': language } });
    const de = await list('de');
    const sixteen = de.json.data.find((p) => p.slug === '16-8');
    assert.match(sixteen.description, /^16 Stunden fasten/);
    assert.equal(sixteen.language, 'de');
    assert.match(sixteen.considerations[0], /12-week trial/); // not translated: English
    assert.equal(de.json.data.find((p) => p.slug === '5-2').language, 'en');
    assert.equal(de.headers.get('content-language'), 'de');
    const fr = await list('fr-CA, fr;q=0.8');
    assert.match(fr.json.data.find((p) => p.slug === '12-12').description, /^Jeûner 12 heures/);
    assert.equal(fr.headers.get('content-language'), 'fr');
    const ja = await list('ja');
    assert.equal(ja.headers.get('content-language'), 'en');
    assert.ok(ja.json.data.every((p) => p.language === 'en'));
  });
});
