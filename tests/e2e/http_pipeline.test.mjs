// End-to-end: the HTTP pipeline of the real `ugoki serve` process (envelopes, errors, limits,
// timeouts, headers, metrics), against the PostgreSQL and Redis that scripts/test started.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { psql, strongPassword, uniqueEmail } from './support/auth.mjs';
import { findLogs, rawRequest, request, startServer } from './support/server.mjs';

let server;

before(async () => {
  // A short header timeout keeps the slow-client test quick; the default is 10 s.
  server = await startServer({
    env: {
      UGOKI_ENV: 'test',
      UGOKI_HEADER_TIMEOUT_MS: '1500',
      UGOKI_CORS_ORIGINS: 'https://app.example.com',
    },
  });
});

after(async () => {
  const code = await server.stop();
  assert.equal(code, 0, 'ugoki exits 0 on SIGTERM');
});

function assertEnvelopeMeta(body, res) {
  assert.match(body.meta.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(body.meta.request_id, res.headers.get('x-request-id'));
}

describe('health and metrics', () => {
  test('GET /health/live answers ok in the envelope', async () => {
    const res = await request(server.baseUrl, 'GET', '/health/live');
    assert.equal(res.status, 200);
    assert.equal(res.json.success, true);
    assert.deepEqual(res.json.data, { status: 'ok' });
    assertEnvelopeMeta(res.json, res);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('cache-control'), 'no-store');
  });

  test('GET /health/ready checks PostgreSQL and Redis', async () => {
    const res = await request(server.baseUrl, 'GET', '/health/ready');
    assert.equal(res.status, 200);
    assert.deepEqual(res.json.data, {
      status: 'ready',
      checks: { postgres: 'up', redis: 'up' },
    });
  });

  test('GET /metrics exposes request counts, latency, in-flight and pool gauges', async () => {
    await request(server.baseUrl, 'GET', '/health/live');
    await request(server.baseUrl, 'GET', '/no/such/path');
    const res = await request(server.baseUrl, 'GET', '/metrics');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
    const text = res.text;
    assert.match(text, /^ugoki_http_requests_total\{route="GET \/health\/live",status="200"\} \d+$/m);
    assert.match(text, /^ugoki_http_requests_total\{route="unmatched",status="404"\} \d+$/m);
    assert.match(
      text,
      /^ugoki_http_request_duration_seconds_bucket\{route="GET \/health\/live",le="\+Inf"\} \d+$/m,
    );
    assert.match(text, /^ugoki_http_requests_in_flight \d+$/m);
    for (const gauge of ['ugoki_db_connections_open', 'ugoki_db_connections_idle',
      'ugoki_db_connections_in_use', 'ugoki_db_pool_waiting', 'ugoki_redis_connections']) {
      assert.match(text, new RegExp(`^# TYPE ${gauge} gauge\n${gauge} \\d+$`, 'm'));
    }
  });
});

describe('errors come in the error envelope', () => {
  test('unknown path is 404 RES_001', async () => {
    const res = await request(server.baseUrl, 'GET', '/api/v1/nothing-here');
    assert.equal(res.status, 404);
    assert.equal(res.json.success, false);
    assert.equal(res.json.error.code, 'RES_001');
    assert.deepEqual(res.json.error.details, []);
    assertEnvelopeMeta(res.json, res);
  });

  test('wrong verb is 405 RES_002 with Allow', async () => {
    const res = await request(server.baseUrl, 'DELETE', '/api/v1/fasting/protocols');
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'GET, HEAD');
    assert.equal(res.json.error.code, 'RES_002');
  });

  test('malformed JSON is 400 VAL_001', async () => {
    const res = await request(server.baseUrl, 'POST', '/api/v1/_test/echo', {
      body: '{"message": "hi",',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.code, 'VAL_001');
  });

  // Issue 10: a member named twice used to be accepted, the last one winning; a second parser
  // that took the first would then see another request than we did.
  test('a member named twice is 400 VAL_001 naming it, and nothing is created', async () => {
    const echo = await request(server.baseUrl, 'POST', '/api/v1/_test/echo', {
      body: '{"message":"a","count":1,"message":"b"}',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(echo.status, 400);
    assert.equal(echo.json.error.code, 'VAL_001');
    assert.deepEqual(echo.json.error.details.map((d) => d.field), ['message']);
    const first = uniqueEmail('dup-a');
    const second = uniqueEmail('dup-b');
    const res = await request(server.baseUrl, 'POST', '/api/v1/auth/register', {
      body: `{"email":${JSON.stringify(first)},"password":${JSON.stringify(strongPassword())},`
        + `"email":${JSON.stringify(second)}}`,
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(res.status, 400, res.text);
    assert.deepEqual(res.json.error.details.map((d) => d.field), ['email']);
    assert.equal(await psql(`SELECT count(*) FROM users WHERE email IN ('${first}', '${second}')`),
      '0');
  });

  // Issue 10: a client that accepts only XML used to get JSON with a 200.
  test('an Accept that admits no JSON is 406 REQ_005 in the envelope', async () => {
    const xml = await request(server.baseUrl, 'GET', '/health/live', {
      headers: { accept: 'application/xml' },
    });
    assert.equal(xml.status, 406);
    assert.equal(xml.json.error.code, 'REQ_005');
    assert.equal(xml.headers.get('content-type'), 'application/json');
    for (const accept of ['*/*', 'application/*', 'application/json', 'text/html, */*;q=0.8']) {
      const ok = await request(server.baseUrl, 'GET', '/health/live', { headers: { accept } });
      assert.equal(ok.status, 200, accept);
    }
    const metrics = await request(server.baseUrl, 'GET', '/metrics', {
      headers: { accept: 'text/plain' },
    });
    assert.equal(metrics.status, 200);
  });

  test('unknown and invalid fields are named in details', async () => {
    const res = await request(server.baseUrl, 'POST', '/api/v1/_test/echo', {
      body: { message: '', role: 'admin' },
    });
    assert.equal(res.status, 400);
    const fields = res.json.error.details.map((d) => d.field).sort();
    assert.deepEqual(fields, ['message', 'role']);
  });

  test('a valid JSON body reaches the handler', async () => {
    const res = await request(server.baseUrl, 'POST', '/api/v1/_test/echo', {
      body: { message: 'héllo', count: 3 },
    });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json.data, { message: 'héllo', count: 3 });
  });

  test('a body that is not JSON is 415 REQ_002', async () => {
    const res = await request(server.baseUrl, 'POST', '/api/v1/_test/echo', {
      body: 'message=hi',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(res.status, 415);
    assert.equal(res.json.error.code, 'REQ_002');
  });

  test('a body over 1 MiB is 413 REQ_001', async () => {
    const big = JSON.stringify({ message: 'x'.repeat(1024 * 1024 + 10) });
    const res = await request(server.baseUrl, 'POST', '/api/v1/_test/echo', { body: big });
    assert.equal(res.status, 413);
    assert.equal(res.json.error.code, 'REQ_001');
  });

  test('headers over 8 KiB are 431 REQ_003', async () => {
    const text = await rawRequest(
      server.port,
      `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(9000)}\r\n\r\n`,
    );
    assert.match(text, /^HTTP\/1\.1 431 /);
    assert.match(text, /"code":"REQ_003"/);
  });

  test('garbage instead of HTTP is 400 and the connection closes', async () => {
    const text = await rawRequest(server.port, 'HELLO THERE\r\n\r\n');
    assert.match(text, /^HTTP\/1\.1 400 /);
  });
});

describe('connection handling', () => {
  test('a request that never finishes its headers is cut off', async () => {
    const started = Date.now();
    const text = await rawRequest(server.port, 'GET /health/live HTTP/1.1\r\nHost: x\r\n', {
      timeoutMs: 8000,
    });
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 6000, `cut off after ${elapsed} ms (header timeout 1.5 s)`);
    assert.ok(text === 'closed' || /^HTTP\/1\.1 408 /.test(text), text);
  });

  test('a slow client trickling header bytes is cut off at the header deadline', async () => {
    const chunks = ['GET /health/live HTTP/1.1\r\n'];
    for (let i = 0; i < 40; i += 1) {
      chunks.push(`X-Slow-${i}: y\r\n`);
    }
    const started = Date.now();
    const text = await rawRequest(server.port, null, { chunks, delayMs: 200, timeoutMs: 10000 });
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 5000, `cut off after ${elapsed} ms despite steady trickle`);
    assert.ok(text === 'closed' || /^HTTP\/1\.1 408 /.test(text), text);
  });

  test('keep-alive serves several requests on one connection', async () => {
    const one = 'GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n';
    const text = await rawRequest(
      server.port,
      `${one}${one}GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    );
    assert.equal(text.match(/HTTP\/1\.1 200 OK/g)?.length, 3);
  });

  test('a sane X-Request-Id is echoed, an unsafe one replaced', async () => {
    const mine = await request(server.baseUrl, 'GET', '/health/live', {
      headers: { 'x-request-id': 'trace-abc.123' },
    });
    assert.equal(mine.headers.get('x-request-id'), 'trace-abc.123');
    const bad = await request(server.baseUrl, 'GET', '/health/live', {
      headers: { 'x-request-id': 'bad id <script>' },
    });
    assert.match(bad.headers.get('x-request-id'), /^[0-9a-f-]{36}$/);
  });

  test('CORS headers only for the configured origin', async () => {
    const ok = await request(server.baseUrl, 'GET', '/health/live', {
      headers: { origin: 'https://app.example.com' },
    });
    assert.equal(ok.headers.get('access-control-allow-origin'), 'https://app.example.com');
    const other = await request(server.baseUrl, 'GET', '/health/live', {
      headers: { origin: 'https://evil.example.com' },
    });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    const preflight = await request(server.baseUrl, 'OPTIONS', '/api/v1/fasting/protocols', {
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'GET' },
    });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-methods'), /GET/);
  });

  test('the access log is JSON lines with route templates and no bodies', async () => {
    const res = await request(server.baseUrl, 'POST', '/api/v1/_test/echo', {
      body: { message: 'very-private-words' },
    });
    // The log writer is asynchronous: wait for this request's line (bounded), not for a delay.
    const match = { msg: 'request', request_id: res.headers.get('x-request-id') };
    const deadline = Date.now() + 5000;
    while (findLogs(server.logs, match).length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const lines = findLogs(server.logs, match);
    assert.equal(lines.length, 1, 'one access log line for the request, within 5 s');
    assert.equal(lines[0].route, 'POST /api/v1/_test/echo');
    assert.equal(lines[0].status, 200);
    assert.ok(!server.logs.some((l) => l.includes('very-private-words')));
  });
});

describe('API documentation', () => {
  test('/api/openapi.yaml is the contract', async () => {
    const res = await request(server.baseUrl, 'GET', '/api/openapi.yaml');
    assert.equal(res.status, 200);
    assert.match(res.text, /^openapi: 3\.1\./m);
  });

  test('/api/docs is served with its assets from this server', async () => {
    const res = await request(server.baseUrl, 'GET', '/api/docs');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/html/);
    const assets = [...res.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(assets.length >= 3);
    for (const asset of assets) {
      assert.ok(asset.startsWith('/'), `asset ${asset} is local, not a CDN`);
      const a = await request(server.baseUrl, 'GET', asset);
      assert.equal(a.status, 200, asset);
    }
  });
});
