// End-to-end: Idempotency-Key on the real server, PostgreSQL and Redis, through the test-only
// route POST /api/v1/_test/idempotent (UGOKI_ENV=test), which counts its runs per user. Proves
// that N replays run the handler once, that another body is 422, that two users never collide,
// that a concurrent duplicate is 409 or a replay (never a second run), that failures are not
// kept, that expired keys start afresh and that the purge job removes them; the stored rows are
// checked with psql, and the IDEMP_* answers against the contract's reusable responses.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import Ajv2020 from 'ajv/dist/2020.js';
import yaml from 'js-yaml';

import { assertError, AuthSuite, bearer, psql } from './support/auth.mjs';
import { request } from './support/server.mjs';

const run = promisify(execFile);
const PROBE = '/api/v1/_test/idempotent';

const suite = new AuthSuite();
before(() => suite.start());
after(async () => {
  // Stop first: a failed log check must not leave the server, and this process, running.
  await suite.stop();
  suite.assertLogClean();
});

// components.responses.<name> of api/openapi.yaml, as a validator of the JSON body.
const spec = yaml.load(readFileSync(fileURLToPath(new URL('../../api/openapi.yaml',
  import.meta.url)), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(spec, 'openapi');
function assertDocumented(name, res) {
  const response = spec.components.responses[name];
  assert.ok(response, `components.responses.${name} exists`);
  const validate = ajv.compile({
    $ref: `openapi#/components/responses/${name}/content/application~1json/schema`,
  });
  assert.ok(validate(res.json), `${name}: ${JSON.stringify(validate.errors)} ${res.text}`);
  for (const header of Object.keys(response.headers ?? {})) {
    assert.ok(res.headers.get(header) !== null, `${name} documents ${header}; it was sent`);
  }
}

let counter = 0;
// A key unique to this run.
function newKey(tag = 'k') {
  counter += 1;
  return `${tag}-${process.pid}-${Date.now()}-${counter}`;
}

function probe(token, body, key, extra = {}) {
  const headers = bearer(token, extra);
  if (key !== undefined) {
    headers['idempotency-key'] = key;
  }
  return request(suite.base, 'POST', PROBE, { headers, body });
}

function keyRow(userId, key) {
  return psql(`SELECT method || '|' || path || '|' || coalesce(response_status::text, 'null')
                      || '|' || (expires_at - created_at = interval '24 hours')
                 FROM idempotency_keys WHERE user_id = '${userId}' AND key = '${key}'`);
}

/** Waits (up to 5 s) until the key's row exists and its request is still running. */
async function inFlight(userId, key) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const row = await psql(`SELECT completed_at IS NULL FROM idempotency_keys
                             WHERE user_id = '${userId}' AND key = '${key}'`);
    if (row === 't') {
      return;
    }
    assert.equal(row, '', 'the first request finished before the duplicate was sent');
    assert.ok(Date.now() < deadline, 'the first request never claimed the key');
    await new Promise((resolve) => { setTimeout(resolve, 20); });
  }
}

describe('Idempotency-Key', () => {
  test('the same key and body replays the first response; the handler runs once', async () => {
    const u = await suite.newUser();
    const key = newKey();
    const first = await probe(u.access, { value: 'a' }, key);
    assert.equal(first.status, 201, first.text);
    assert.equal(first.json.data.count, 1);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    for (let i = 0; i < 4; i += 1) {
      const again = await probe(u.access, { value: 'a' }, key);
      assert.equal(again.status, 201);
      assert.equal(again.text, first.text, 'byte for byte, ids and timestamps included');
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.equal(again.headers.get('content-type'), 'application/json');
      assert.notEqual(again.headers.get('x-request-id'), first.headers.get('x-request-id'));
    }
    // Without a key the handler runs: this is its second run, so the replays never ran it.
    const unkeyed = await probe(u.access, { value: 'a' });
    assert.equal(unkeyed.json.data.count, 2);

    assert.equal(await keyRow(u.user.id, key), `POST|${PROBE}|201|true`);
    const stored = await psql(`SELECT convert_from(response_body, 'UTF8') FROM idempotency_keys
                                WHERE user_id = '${u.user.id}' AND key = '${key}'`);
    assert.equal(stored, `application/json\n${first.text}`);
  });

  test('the same key with another body is 422 IDEMP_001 and does not run', async () => {
    const u = await suite.newUser();
    const key = newKey();
    await probe(u.access, { value: 'a' }, key);
    const other = await probe(u.access, { value: 'b' }, key);
    assertError(other, 422, 'IDEMP_001');
    assertDocumented('IdempotencyMismatch', other);
    assert.equal(other.json.error.details[0].field, 'Idempotency-Key');
    assert.equal((await probe(u.access, { value: 'a' })).json.data.count, 2);
    assert.equal(await keyRow(u.user.id, key), `POST|${PROBE}|201|true`, 'the row is unchanged');
  });

  test('keys are scoped per user: two users with the same key do not collide', async () => {
    const ann = await suite.newUser();
    const bob = await suite.newUser();
    const key = newKey('shared');
    const a = await probe(ann.access, { value: 'ann' }, key);
    const b = await probe(bob.access, { value: 'bob' }, key);
    assert.equal(a.status, 201);
    assert.equal(b.status, 201, b.text);
    assert.equal(b.json.data.count, 1, "bob's request ran, not a replay of ann's");
    assert.equal(b.json.data.value, 'bob');
    assert.equal(b.headers.get('idempotent-replayed'), null);
    const rows = await psql(`SELECT count(*) FROM idempotency_keys WHERE key = '${key}'`);
    assert.equal(rows, '2');
  });

  test('a duplicate while the first is running is 409 IDEMP_002, then the replay', async () => {
    const u = await suite.newUser();
    const key = newKey();
    const slow = probe(u.access, { value: 'slow', delay_ms: 3000 }, key);
    // The duplicate goes once the first holds the key (its row is in flight), not after a guess.
    await inFlight(u.user.id, key);
    const dup = await probe(u.access, { value: 'slow', delay_ms: 3000 }, key);
    assertError(dup, 409, 'IDEMP_002');
    assertDocumented('IdempotencyConflict', dup);
    assert.equal(dup.headers.get('retry-after'), '1');
    const first = await slow;
    assert.equal(first.status, 201);
    const later = await probe(u.access, { value: 'slow', delay_ms: 3000 }, key);
    assert.equal(later.text, first.text);
    assert.equal((await probe(u.access, { value: 'x' })).json.data.count, 2);
  });

  test('a burst of identical requests runs the handler exactly once', async () => {
    const u = await suite.newUser();
    const key = newKey('burst');
    const all = await Promise.all(Array.from({ length: 8 },
      () => probe(u.access, { value: 'burst', delay_ms: 100 }, key)));
    const ran = all.filter((r) => r.status === 201 && !r.headers.get('idempotent-replayed'));
    assert.equal(ran.length, 1, all.map((r) => r.status).join(','));
    for (const r of all) {
      assert.ok(r.status === 409 || (r.status === 201 && r.text === ran[0].text), r.text);
    }
    assert.equal((await probe(u.access, { value: 'x' })).json.data.count, 2);
  });

  test('a bad key is 400 VAL_001 on Idempotency-Key; nothing runs or is stored', async () => {
    const u = await suite.newUser();
    for (const bad of ['a'.repeat(256), 'two words', 'caf\u00e9']) {
      // fetch refuses non-Latin-1 header values itself; send those as raw UTF-8 bytes.
      const res = await probe(u.access, { value: 'a' }, Buffer.from(bad).toString('latin1'));
      assertError(res, 400, 'VAL_001');
      assert.deepEqual(res.json.error.details.map((d) => d.field), ['Idempotency-Key']);
    }
    assert.equal(await psql(`SELECT count(*) FROM idempotency_keys
                              WHERE user_id = '${u.user.id}'`), '0');
    assert.equal((await probe(u.access, { value: 'a' })).json.data.count, 1);
  });

  // Stripe's semantics (issue 10): a request refused by validation stores nothing, so the
  // corrected retry under the same key runs instead of getting 422 IDEMP_001.
  test('a 400 from the handler is not kept: the corrected retry with the key runs', async () => {
    const u = await suite.newUser();
    const key = newKey();
    const first = await probe(u.access, { value: 'a', reject: true }, key);
    assertError(first, 400, 'VAL_001');
    assert.equal(await keyRow(u.user.id, key), '', 'no row after a 400');
    const corrected = await probe(u.access, { value: 'a' }, key);
    assert.equal(corrected.status, 201, corrected.text);
    assert.equal(corrected.headers.get('idempotent-replayed'), null);
    const again = await probe(u.access, { value: 'a' }, key);
    assert.equal(again.text, corrected.text);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(await keyRow(u.user.id, key), `POST|${PROBE}|201|true`);
  });

  test('a refusal once the handler ran (409) is kept and replayed', async () => {
    const u = await suite.newUser();
    const key = newKey();
    const first = await probe(u.access, { value: 'a', conflict: true }, key);
    assertError(first, 409, 'TEST_001');
    const again = await probe(u.access, { value: 'a', conflict: true }, key);
    assert.equal(again.text, first.text);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(await keyRow(u.user.id, key), `POST|${PROBE}|409|true`);
    assert.equal((await probe(u.access, { value: 'x' })).json.data.count, 2);
  });

  test('a 500 or 503 is not kept: the key is free and a retry runs for real', async () => {
    const u = await suite.newUser();
    const key = newKey();
    const boom = await probe(u.access, { value: 'a', fail: 'exception' }, key);
    assertError(boom, 500, 'INT_001');
    assert.equal(await keyRow(u.user.id, key), '', 'no row after a 500');
    const down = await probe(u.access, { value: 'a', fail: 'unavailable' }, key);
    assertError(down, 503, 'SVC_001');
    assert.equal(await keyRow(u.user.id, key), '', 'no row after a 503');
    const ok = await probe(u.access, { value: 'a' }, key);
    assert.equal(ok.status, 201);
    assert.equal(ok.json.data.count, 3, 'every attempt ran');
  });

  test('an expired key starts afresh, and the purge job deletes expired keys', async () => {
    const u = await suite.newUser();
    const key = newKey();
    const stale = newKey('purge');
    await probe(u.access, { value: 'old' }, key);
    await probe(u.access, { value: 'gone' }, stale);
    await psql(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours',
                       completed_at = now() - interval '25 hours',
                       expires_at = now() - interval '1 hour'
                 WHERE user_id = '${u.user.id}'`);
    const fresh = await probe(u.access, { value: 'new' }, key);
    assert.equal(fresh.status, 201, fresh.text);
    assert.equal(fresh.json.data.count, 3);
    assert.equal(fresh.json.data.value, 'new');

    const { stdout } = await run(process.env.UGOKI_BIN, ['jobs', 'run-once'], {
      env: { ...process.env, UGOKI_ENV: 'test', ...suite.key.env },
    });
    assert.match(stdout, /"msg":"jobs run-once done"/);
    assert.equal(await keyRow(u.user.id, stale), '', 'the expired key was purged');
    assert.equal(await keyRow(u.user.id, key), `POST|${PROBE}|201|true`, 'the live one stays');
  });

  test('without a token the route is 401 and no key is stored', async () => {
    const key = newKey();
    const res = await request(suite.base, 'POST', PROBE, {
      headers: { 'idempotency-key': key }, body: { value: 'a' },
    });
    assertError(res, 401, 'AUTH_002');
    assert.equal(await psql(`SELECT count(*) FROM idempotency_keys WHERE key = '${key}'`), '0');
  });
});
