// End-to-end: start-up, configuration errors, SIGTERM drain, readiness with Redis down,
// and `ugoki migrate` run by two processes at once. These tests stop and start services, so
// scripts/test runs this file alone (after the others).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

import { skipUnlessCi } from './support/env.mjs';
import { request, startServer } from './support/server.mjs';

const run = promisify(execFile);

function sh(command) {
  return run('bash', ['-c', command], { env: process.env });
}

/** ugoki_http_requests_in_flight from the server's /metrics (the scrape counts itself). */
async function inFlight(server) {
  const res = await request(server.baseUrl, 'GET', '/metrics');
  const m = /^ugoki_http_requests_in_flight (\d+)$/m.exec(res.text);
  assert.ok(m, res.text);
  return Number(m[1]);
}

test('an invalid configuration exits 2 and names every bad variable', async () => {
  const bin = process.env.UGOKI_BIN;
  const result = await new Promise((resolve) => {
    const p = spawn(bin, ['serve'], {
      env: { ...process.env, UGOKI_HTTP_PORT: 'eighty', UGOKI_REDIS_URL: 'http://nope' },
    });
    let err = '';
    p.stderr.on('data', (d) => { err += d; });
    p.on('exit', (code) => resolve({ code, err }));
  });
  assert.equal(result.code, 2);
  assert.match(result.err, /UGOKI_HTTP_PORT/);
  assert.match(result.err, /UGOKI_REDIS_URL/);
});

test('SIGTERM lets an in-flight request finish, then exits 0', async () => {
  const server = await startServer({ env: { UGOKI_ENV: 'test' } });
  const slow = request(server.baseUrl, 'GET', '/api/v1/_test/sleep?ms=3000');
  // SIGTERM once the server is handling it: in flight besides the scrape itself (bounded).
  const deadline = Date.now() + 5000;
  while (await inFlight(server) < 2) {
    assert.ok(Date.now() < deadline, 'the slow request never reached the server');
    await new Promise((r) => setTimeout(r, 20));
  }
  const stopped = server.stop();
  const res = await slow;
  assert.equal(res.status, 200);
  assert.deepEqual(res.json.data, { slept: true });
  assert.equal(await stopped, 0);
  // After the drain began, new connections are refused.
  await assert.rejects(request(server.baseUrl, 'GET', '/health/live'));
});

test('readiness is 503 SVC_001 naming Redis while Redis is down, and recovers', async (t) => {
  const stopCmd = process.env.UGOKI_TEST_REDIS_STOP_CMD;
  const startCmd = process.env.UGOKI_TEST_REDIS_START_CMD;
  if (!stopCmd || !startCmd) {
    skipUnlessCi(t, 'UGOKI_TEST_REDIS_STOP_CMD / _START_CMD not set');
    return;
  }
  const server = await startServer({ env: { UGOKI_ENV: 'test' } });
  try {
    assert.equal((await request(server.baseUrl, 'GET', '/health/ready')).status, 200);
    await sh(stopCmd);
    const down = await request(server.baseUrl, 'GET', '/health/ready');
    assert.equal(down.status, 503);
    assert.equal(down.json.error.code, 'SVC_001');
    assert.deepEqual(down.json.error.details.map((d) => d.field), ['redis']);
    assert.ok(Number(down.headers.get('retry-after')) > 0);
    // Liveness and cached reference data do not depend on Redis.
    assert.equal((await request(server.baseUrl, 'GET', '/health/live')).status, 200);
    assert.equal((await request(server.baseUrl, 'GET', '/api/v1/fasting/protocols')).status, 200);
  } finally {
    await sh(startCmd);
  }
  // The client reconnects by itself (backoff up to 5 s).
  let ready = 0;
  for (let i = 0; i < 60 && ready !== 200; i += 1) {
    await new Promise((r) => setTimeout(r, 250));
    ready = (await request(server.baseUrl, 'GET', '/health/ready')).status;
  }
  assert.equal(ready, 200);
  assert.equal(await server.stop(), 0);
});

test('two `ugoki migrate` processes at once apply each migration exactly once', async () => {
  const base = process.env.UGOKI_DATABASE_URL;
  const name = `ugoki_migrate_race_${process.pid}`;
  await sh(`psql "${base}" -v ON_ERROR_STOP=1 -qc 'DROP DATABASE IF EXISTS ${name}'`);
  await sh(`psql "${base}" -v ON_ERROR_STOP=1 -qc 'CREATE DATABASE ${name}'`);
  const url = base.replace(/\/ugoki(\?|$)/, `/${name}$1`);
  assert.notEqual(url, base);
  try {
    const migrate = () => new Promise((resolve) => {
      const p = spawn(process.env.UGOKI_BIN, ['migrate'], {
        env: { ...process.env, UGOKI_DATABASE_URL: url },
      });
      let out = '';
      p.stdout.on('data', (d) => { out += d; });
      p.on('exit', (code) => resolve({ code, out }));
    });
    const [a, b] = await Promise.all([migrate(), migrate()]);
    assert.equal(a.code, 0, a.out);
    assert.equal(b.code, 0, b.out);
    const applied = (o) => [...o.matchAll(/"msg":"migrations applied","count":(\d+)/g)]
      .map((m) => Number(m[1]))[0];
    const files = (await sh('ls migrations/*.sql | wc -l')).stdout.trim();
    assert.equal(applied(a.out) + applied(b.out), Number(files));
    const { stdout } = await sh(
      `psql "${url}" -Atc 'SELECT count(*), count(DISTINCT version) FROM schema_migrations'`);
    assert.equal(stdout.trim(), `${files}|${files}`);
    const again = await migrate();
    assert.equal(again.code, 0);
    assert.equal(applied(again.out), 0);
  } finally {
    await sh(`psql "${base}" -qc 'DROP DATABASE IF EXISTS ${name}'`);
  }
});

test('while PostgreSQL is down, requests get 503 SVC_001 promptly, then it recovers', async (t) => {
  if (!process.env.UGOKI_VAR_DIR) {
    skipUnlessCi(t, 'UGOKI_VAR_DIR not set (services not started by scripts/test)');
    return;
  }
  // A fresh server has not cached the protocols yet, so that route needs the database.
  const server = await startServer({ env: { UGOKI_ENV: 'test' } });
  try {
    await sh('scripts/services stop postgres');
    const started = Date.now();
    const res = await request(server.baseUrl, 'GET', '/api/v1/fasting/protocols');
    assert.equal(res.status, 503);
    assert.equal(res.json.error.code, 'SVC_001');
    assert.ok(res.headers.get('retry-after'));
    assert.ok(Date.now() - started < 5000, 'answered within the acquire timeout, no hang');
    const ready = await request(server.baseUrl, 'GET', '/health/ready');
    assert.equal(ready.status, 503);
    assert.deepEqual(ready.json.error.details.map((d) => d.field), ['postgres']);
  } finally {
    await sh('scripts/services start postgres');
  }
  let status = 0;
  for (let i = 0; i < 60 && status !== 200; i += 1) {
    await new Promise((r) => setTimeout(r, 250));
    status = (await request(server.baseUrl, 'GET', '/api/v1/fasting/protocols')).status;
  }
  assert.equal(status, 200, 'the pool reconnected by itself');
  assert.equal(await server.stop(), 0);
});
