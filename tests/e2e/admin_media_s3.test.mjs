// Media uploads to an S3-compatible bucket end to end (UGOKI_MEDIA_S3_*): the answer is a
// presigned PUT that a stand-in bucket verifies independently (node:crypto, AWS's algorithm);
// the PNG goes up through it and is read back from the public URL; tampering is refused; audited.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { makeAdmin, readAudit } from './support/admin.mjs';
import { assertError, AuthSuite, bearer } from './support/auth.mjs';
import { assertMatchesContract } from './support/contract.mjs';
import { request } from './support/server.mjs';
import { startS3Server } from './support/s3_server.mjs';

// A 1x1 PNG.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA'
  + '60e6kgAAAABJRU5ErkJggg==', 'base64');
const sha256 = (b) => createHash('sha256').update(b).digest('hex');

async function adminToken(suite) {
  const u = await suite.newUser();
  await makeAdmin(u.email);
  const res = await suite.refresh(u.refresh);
  assert.equal(res.status, 200, res.text);
  return { user: u, token: res.json.data.access_token };
}

describe('S3 media storage', () => {
  const suite = new AuthSuite();
  let s3;
  let admin;

  before(async () => {
    s3 = await startS3Server();
    await suite.start(s3.env);
    admin = await adminToken(suite);
  });

  after(async () => {
    await suite.stop();
    await s3.close();
  });

  test('a presigned PUT takes the PNG to the bucket, readable at the public URL', async () => {
    const res = await request(suite.base, 'POST', '/api/v1/admin/media', {
      headers: bearer(admin.token), body: { content_type: 'image/png', size: png.length },
    });
    assert.equal(res.status, 201, res.text);
    assertMatchesContract('POST', '/api/v1/admin/media', res);
    const d = res.json.data;
    assert.equal(d.method, 'PUT');
    assert.deepEqual(d.headers, { 'Content-Type': 'image/png',
      'Content-Length': String(png.length) });
    assert.match(d.key, /^media\/[0-9a-f-]{36}\.png$/);
    assert.equal(d.url, `${s3.publicBaseUrl}/${d.key}`);
    const u = new URL(d.upload_url);
    assert.equal(u.searchParams.get('X-Amz-Expires'), '900');
    assert.equal(u.searchParams.get('X-Amz-SignedHeaders'), 'content-length;content-type;host');
    assert.ok(Date.parse(d.expires_at) > Date.now());

    // Tampering with what was signed is refused by the bucket.
    const wrongType = await fetch(d.upload_url, { method: 'PUT', body: png,
      headers: { 'content-type': 'image/svg+xml' } });
    assert.equal(wrongType.status, 403);
    const forged = new URL(d.upload_url);
    forged.searchParams.set('X-Amz-Expires', '604800');
    assert.equal((await fetch(forged, { method: 'PUT', body: png, headers: d.headers })).status,
      403);
    assert.deepEqual(s3.refusals, ['signature', 'signature']);

    const put = await fetch(d.upload_url, { method: 'PUT', body: png, headers: d.headers });
    assert.equal(put.status, 200, await put.text());
    const got = await fetch(d.url);
    assert.equal(got.status, 200);
    assert.equal(got.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await got.arrayBuffer()), png);

    const audit = await readAudit(suite.base, admin.token, { entity: 'admin.media',
      entity_id: d.key });
    assert.equal(audit.json.pagination.total, 1);
    assert.equal(audit.json.data[0].changes.storage.after, 's3');
    assert.equal(audit.json.data[0].actor.id, admin.user.user.id);
  });

  test('names every bad member, and serves nothing locally', async () => {
    const res = await request(suite.base, 'POST', '/api/v1/admin/media', {
      headers: bearer(admin.token),
      body: { content_type: 'image/svg+xml', size: 6 * 1024 * 1024, name: 'x.svg' },
    });
    assertError(res, 400, 'VAL_001');
    assert.deepEqual(res.json.error.details.map((x) => x.field).sort(),
      ['content_type', 'name', 'size']);
    assertError(await request(suite.base, 'POST', '/api/v1/admin/media', {
      headers: bearer(admin.token), body: png, }), 415, 'REQ_002');
    const local = await request(suite.base, 'GET', `/media/${sha256(png)}.png`);
    assert.equal(local.status, 404);
  });
});
