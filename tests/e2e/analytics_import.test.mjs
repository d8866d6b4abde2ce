// Apple Health import end to end: POST /analytics/imports with a generated export (xml and zip),
// the background job parsing it, GET /analytics/imports/:id, and the points it left in
// progress_metrics (counts, converted values, partitions); a re-upload that is all duplicates, a
// truncated file that fails and stores nothing, one pending import per user, ownership, media
// types, the 200 MB limit, uploads that leave no file behind, and the sweep that fails imports
// no job will finish.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';

import { buildExport } from './support/apple_health_export.mjs';
import { assertError, bearer, psql, AuthSuite } from './support/auth.mjs';
import { assertMatchesContract } from './support/contract.mjs';
import { rawRequest, request } from './support/server.mjs';

const run = promisify(execFile);
const suite = new AuthSuite();
const uploadDir = mkdtempSync(path.join(tmpdir(), 'ugoki-uploads-'));
const workDir = mkdtempSync(path.join(tmpdir(), 'ugoki-import-e2e-'));
const exp = buildExport({ days: 40 });
const IMPORTS = '/api/v1/analytics/imports';

before(() => suite.start({ UGOKI_UPLOAD_DIR: uploadDir }));
after(async () => {
  await suite.stop();
  rmSync(uploadDir, { recursive: true, force: true });
  rmSync(workDir, { recursive: true, force: true });
});

function upload(token, body, contentType = 'application/xml') {
  return request(suite.base, 'POST', IMPORTS, {
    headers: bearer(token, { 'content-type': contentType }), body,
  });
}

function getImport(token, id) {
  return request(suite.base, 'GET', `${IMPORTS}/${id}`, { headers: bearer(token) });
}

/** Polls the import until it is completed or failed (the jobs thread polls every second). */
async function finished(token, id) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await getImport(token, id);
    assert.equal(res.status, 200, res.text);
    assertMatchesContract('GET', '/api/v1/analytics/imports/{id}', res);
    if (res.json.data.status === 'completed' || res.json.data.status === 'failed') {
      return res.json.data;
    }
    assert.ok(Date.now() < deadline, `import ${id} still ${res.json.data.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** An export zipped the way the Health app does it: apple_health_export/export.xml. */
async function zipOf(xml, entry = 'apple_health_export/export.xml') {
  const dir = mkdtempSync(path.join(workDir, 'zip-'));
  const file = path.join(dir, entry);
  await run('mkdir', ['-p', path.dirname(file)]);
  writeFileSync(file, xml);
  await run('zip', ['-qr', path.join(dir, 'export.zip'), entry.split('/')[0]], { cwd: dir });
  return readFileSync(path.join(dir, 'export.zip'));
}

async function importRows(userId, where = 'true') {
  return Number(await psql(`SELECT count(*) FROM progress_metrics
    WHERE user_id = '${userId}' AND source = 'import' AND ${where}`));
}

function uploadsLeft() {
  return readdirSync(uploadDir);
}

describe('an Apple Health export, uploaded as xml then as zip', () => {
  let user;
  let first;

  before(async () => {
    user = await suite.newUser();
  });

  test('the xml is accepted (202), parsed by the job, and every supported record stored',
    async () => {
      const res = await upload(user.access, exp.xml);
      assert.equal(res.status, 202, res.text);
      assertMatchesContract('POST', IMPORTS, res);
      const data = res.json.data;
      assert.equal(data.status, 'pending');
      assert.equal(data.file_size_bytes, Buffer.byteLength(exp.xml));
      assert.equal(data.links.self, `${IMPORTS}/${data.id}`);
      assert.equal(res.headers.get('location'), `${IMPORTS}/${data.id}`);

      first = await finished(user.access, data.id);
      assert.equal(first.status, 'completed', first.error);
      assert.equal(first.error, null);
      assert.equal(first.progress_pct, 100);
      assert.deepEqual(first.counts, exp.expected.counts);
      assert.ok(exp.expected.counts.records_seen > 3000, 'thousands of records');
      assert.ok(exp.expected.counts.duplicates > 0 && exp.expected.counts.skipped_invalid > 0);

      // The database holds exactly the expected points, per metric, with units converted.
      assert.equal(await importRows(user.user.id), exp.expected.counts.points_inserted);
      const perMetric = Object.fromEntries((await psql(`SELECT metric_type || '=' || count(*)
        FROM progress_metrics WHERE user_id = '${user.user.id}' GROUP BY metric_type`))
        .split('\n').map((l) => l.split('=')).map(([k, v]) => [k, Number(v)]));
      assert.deepEqual(perMetric, exp.expected.perMetric);
      for (const s of exp.expected.samples) {
        const value = Number(await psql(`SELECT value FROM progress_metrics
          WHERE user_id = '${user.user.id}' AND metric_type = '${s.metric}'
            AND time = '${s.time}' AND source = 'import'`));
        assert.ok(Math.abs(value - s.value) < 1e-6,
          `${s.metric} at ${s.time}: ${value} != ${s.value}`);
      }
      // 165.0 lb on the first morning is 74.843 kg; a 22 % body fat is stored as 22, not 0.22.
      assert.equal(await importRows(user.user.id, `metric_type = 'weight_kg'
        AND time = '2024-01-01T06:30:00Z' AND abs(value - 74.84274105) < 1e-6`), 1);
      assert.equal(await importRows(user.user.id,
        `metric_type = 'body_fat_pct' AND time = '2024-01-01T06:31:00Z' AND value = 22`), 1);
      // The months of the import got their own partitions (not the DEFAULT one).
      assert.equal(await psql(`SELECT count(*) FROM progress_metrics_default
        WHERE user_id = '${user.user.id}'`), '0');
      assert.equal(await psql(`SELECT to_regclass('progress_metrics_2024_01') IS NOT NULL`), 't');
      // The rollups saw the new points too.
      assert.equal(Number(await psql(`SELECT sum(count) FROM progress_metrics_hourly
        WHERE user_id = '${user.user.id}'`)), exp.expected.counts.points_inserted);
      // The uploaded file is gone once the job ended.
      assert.deepEqual(uploadsLeft(), []);
    });

  test('the same export as export.zip again: every point a duplicate, nothing new', async () => {
    const zip = await zipOf(exp.xml);
    const res = await upload(user.access, zip, 'application/zip');
    assert.equal(res.status, 202, res.text);
    const done = await finished(user.access, res.json.data.id);
    assert.equal(done.status, 'completed', done.error);
    const c = exp.expected.counts;
    assert.deepEqual(done.counts, {
      ...c, points_inserted: 0, duplicates: c.points_inserted + c.duplicates,
    });
    assert.equal(await importRows(user.user.id), c.points_inserted);
    assert.deepEqual(uploadsLeft(), []);
  });
});

describe('a broken file fails the import with a reason and stores nothing', () => {
  test('a truncated export.xml', async () => {
    const user = await suite.newUser();
    const cut = exp.xml.slice(0, Math.floor(exp.xml.length * 0.7));
    const res = await upload(user.access, cut, 'text/xml');
    assert.equal(res.status, 202, res.text);
    const done = await finished(user.access, res.json.data.id);
    assert.equal(done.status, 'failed');
    assert.match(done.error, /not a complete, well-formed Apple Health export.*line \d+/);
    assert.equal(done.counts.points_inserted, 0);
    assert.ok(done.counts.records_seen > 1000, 'the records read before the cut are counted');
    assert.equal(await importRows(user.user.id), 0);
    assert.equal(await psql(`SELECT count(*) FROM progress_metrics_hourly
      WHERE user_id = '${user.user.id}'`), '0');
    assert.deepEqual(uploadsLeft(), []);
    // Failed is finished: the next upload is accepted.
    const again = await upload(user.access, exp.xml);
    assert.equal(again.status, 202, again.text);
    assert.equal((await finished(user.access, again.json.data.id)).status, 'completed');
  });

  test('a truncated export.zip', async () => {
    const user = await suite.newUser();
    const zip = await zipOf(exp.xml);
    const res = await upload(user.access, zip.subarray(0, zip.length - 2000), 'application/zip');
    assert.equal(res.status, 202, res.text);
    const done = await finished(user.access, res.json.data.id);
    assert.equal(done.status, 'failed');
    assert.match(done.error, /zip archive is damaged or incomplete/);
    assert.equal(await importRows(user.user.id), 0);
  });

  test('a zip without apple_health_export/export.xml', async () => {
    const user = await suite.newUser();
    const zip = await zipOf('<notes/>', 'photos/readme.xml');
    const res = await upload(user.access, zip, 'application/octet-stream');
    assert.equal(res.status, 202, res.text);
    const done = await finished(user.access, res.json.data.id);
    assert.equal(done.status, 'failed');
    assert.match(done.error, /holds no apple_health_export\/export.xml/);
  });

  test('an XML document that is not a Health export', async () => {
    const user = await suite.newUser();
    const res = await upload(user.access, '<?xml version="1.0"?><rss><channel/></rss>');
    const done = await finished(user.access, res.json.data.id);
    assert.equal(done.status, 'failed');
    assert.match(done.error, /root element is not <HealthData>/);
  });
});

describe('requests the route refuses change nothing', () => {
  let user;
  before(async () => {
    user = await suite.newUser();
  });

  async function importsOf(userId) {
    return psql(`SELECT count(*) FROM metric_imports WHERE user_id = '${userId}'`);
  }

  test('a second upload while one is pending: 409 ANLY_011', async () => {
    const other = await suite.newUser();
    // A pending import with no job behind it stays pending for the whole test.
    await psql(`INSERT INTO metric_imports (user_id, kind, file_path)
      VALUES ('${other.user.id}', 'apple_health_export', 'import-held.xml')`);
    const res = await upload(other.access, exp.xml);
    assertError(res, 409, 'ANLY_011');
    assertMatchesContract('POST', IMPORTS, res);
    assert.equal(await importsOf(other.user.id), '1');
    assert.deepEqual(uploadsLeft(), []);
  });

  test('another user\'s import, an unknown id and a malformed id: 404 ANLY_010', async () => {
    const owner = await suite.newUser();
    const res = await upload(owner.access, exp.xml);
    const id = res.json.data.id;
    await finished(owner.access, id);
    for (const probe of [id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const r = await getImport(user.access, probe);
      assertError(r, 404, 'ANLY_010');
      assertMatchesContract('GET', '/api/v1/analytics/imports/{id}', r);
    }
  });

  test('media types other than xml, zip or octet-stream: 415 ANLY_012', async () => {
    for (const type of ['application/json', 'text/plain', 'multipart/form-data; boundary=x']) {
      const res = await upload(user.access, exp.xml.slice(0, 2000), type);
      assertError(res, 415, 'ANLY_012');
      assertMatchesContract('POST', IMPORTS, res);
    }
    assert.equal(await importsOf(user.user.id), '0');
  });

  test('a body that is neither XML nor a zip, or none: 422 ANLY_013', async () => {
    for (const body of ['{"not":"xml"}', 'hello', '']) {
      const res = await upload(user.access, body, 'application/octet-stream');
      assertError(res, 422, 'ANLY_013');
      assertMatchesContract('POST', IMPORTS, res);
    }
    assert.equal(await importsOf(user.user.id), '0');
    assert.deepEqual(uploadsLeft(), []);
  });

  test('no token: 401', async () => {
    const res = await request(suite.base, 'POST', IMPORTS, {
      headers: { 'content-type': 'application/xml' }, body: exp.xml.slice(0, 100),
    });
    assertError(res, 401, 'AUTH_002');
  });

  test('a body over 200 MB: 413 REQ_001 before a byte of it is stored', async () => {
    const head = `POST ${IMPORTS} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${user.access}\r\n` +
      `Content-Type: application/zip\r\nContent-Length: ${200 * 1024 * 1024 + 1}\r\n\r\n`;
    const text = await rawRequest(suite.server.port, head + 'PK\x03\x04');
    assert.match(text, /^HTTP\/1\.1 413/);
    assert.match(text, /"code":"REQ_001"/);
    assert.equal(await importsOf(user.user.id), '0');
    assert.deepEqual(uploadsLeft(), []);
  });

  test('a 100 MB upload is spooled to disk: the peak memory of the server barely moves', async () => {
    const peak = () => Number(/VmHWM:\s+(\d+) kB/.exec(
      readFileSync(`/proc/${suite.server.proc.pid}/status`, 'utf8'))[1]) * 1024;
    const uploader = await suite.newUser();
    const before = peak();
    const body = Buffer.alloc(100 * 1024 * 1024, 0x20);
    body[0] = 0x3c; // '<': sniffed as XML, then refused by the parser at line 1
    const res = await upload(uploader.access, body, 'application/xml');
    assert.equal(res.status, 202, res.text);
    assert.ok(peak() - before < 32 * 1024 * 1024, `peak grew by ${peak() - before} bytes`);
    const done = await finished(uploader.access, res.json.data.id);
    assert.equal(done.status, 'failed');
    assert.equal(done.file_size_bytes, body.length);
    assert.deepEqual(uploadsLeft(), []);
  });

  test('a client that disconnects mid-upload leaves no spool file behind', async () => {
    const socket = net.connect({ host: '127.0.0.1', port: suite.server.port });
    await new Promise((r) => socket.once('connect', r));
    socket.write(`POST ${IMPORTS} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${user.access}\r\n` +
      `Content-Type: application/xml\r\nContent-Length: ${20 * 1024 * 1024}\r\n\r\n`);
    socket.write(exp.xml); // 1.3 MB of the announced 20 MB
    // The server is spooling now: the file exists while the upload is in flight...
    const deadline = Date.now() + 5000;
    while (uploadsLeft().length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(uploadsLeft().length, 1, 'the body is spooled to the upload directory');
    assert.match(uploadsLeft()[0], /^upload-[0-9a-f]{32}\.part$/);
    socket.destroy();
    // ...and is gone once the server sees the connection drop.
    const gone = Date.now() + 5000;
    while (uploadsLeft().length > 0 && Date.now() < gone) {
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.deepEqual(uploadsLeft(), []);
    assert.equal(await importsOf(user.user.id), '0');
  });
});

describe('an import that no job will finish', () => {
  /** A metric_imports row `age` old, with a job of `jobStatus` behind it (none when null). */
  async function stuckImport(userId, { age, jobStatus }) {
    const file = `import-held-${userId}.xml`;
    writeFileSync(path.join(uploadDir, file), '<HealthData/>');
    const id = await psql(`INSERT INTO metric_imports
        (user_id, kind, file_path, status, started_at, created_at)
      VALUES ('${userId}', 'apple_health_export', '${file}', 'running',
              now() - interval '${age}', now() - interval '${age}') RETURNING id`);
    if (jobStatus === 'failed') {
      await psql(`INSERT INTO jobs (kind, payload, user_id, status, attempts, max_attempts,
          dedupe_key, finished_at, last_error)
        VALUES ('analytics.import_apple_health', '{"import_id":"${id}"}', '${userId}', 'failed',
                3, 3, 'import:${id}', now(), 'postgres: connection lost')`);
    } else if (jobStatus === 'queued') {
      await psql(`INSERT INTO jobs (kind, payload, user_id, status, attempts, max_attempts,
          dedupe_key, run_at)
        VALUES ('analytics.import_apple_health', '{"import_id":"${id}"}', '${userId}', 'queued',
                1, 3, 'import:${id}', now() + interval '1 hour')`);
    }
    return { id, file };
  }

  test('is failed by the sweep, its file deleted, and the user can upload again', async () => {
    // Its last attempt failed while the database was down: the job is failed, the import was
    // left running (the database could not be told).
    const stuck = await suite.newUser();
    const abandoned = await stuckImport(stuck.user.id, { age: '20 minutes', jobStatus: 'failed' });
    // Not abandoned: a job is waiting to retry it; and one too young to judge.
    const retrying = await suite.newUser();
    const waiting = await stuckImport(retrying.user.id, { age: '2 hours', jobStatus: 'queued' });
    const young = await suite.newUser();
    const fresh = await stuckImport(young.user.id, { age: '1 minute', jobStatus: null });

    assertError(await upload(stuck.access, exp.xml), 409, 'ANLY_011');
    const { stdout } = await run(process.env.UGOKI_BIN, ['jobs', 'run-once'], {
      env: { ...process.env, UGOKI_ENV: 'test', UGOKI_UPLOAD_DIR: uploadDir, ...suite.key.env },
    });
    // (The server's own job thread may sweep first at a 10-minute slot; the rows tell.)
    assert.match(stdout, /"msg":"jobs run-once done"/);

    const res = await getImport(stuck.access, abandoned.id);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.data.status, 'failed');
    assert.match(res.json.data.error, /did not finish; please upload the file again/);
    assert.ok(res.json.data.finished_at);
    assert.ok(!uploadsLeft().includes(abandoned.file), 'its file is deleted');
    assert.equal((await getImport(retrying.access, waiting.id)).json.data.status, 'running');
    assert.equal((await getImport(young.access, fresh.id)).json.data.status, 'running');
    assert.ok(uploadsLeft().includes(waiting.file) && uploadsLeft().includes(fresh.file));

    const again = await upload(stuck.access, exp.xml);
    assert.equal(again.status, 202, again.text);
    assert.equal((await finished(stuck.access, again.json.data.id)).status, 'completed');
    for (const held of [waiting, fresh]) {
      rmSync(path.join(uploadDir, held.file), { force: true });
    }
  });
});
