// Media uploads to local disk end to end (the default): the body is the image, its bytes must be
// of the declared type, it is stored by content hash and served at /media/<name> with its type,
// nosniff and immutable caching; SVG and anything else is refused; audited. S3 mode:
// admin_media_s3.test.mjs.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { makeAdmin, readAudit } from './support/admin.mjs';
import { assertError, AuthSuite, bearer } from './support/auth.mjs';
import { assertMatchesContract } from './support/contract.mjs';
import { request } from './support/server.mjs';

// A 1x1 PNG, and a GIF and a JPEG header (the stored types are recognised by their first bytes).
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA'
  + '60e6kgAAAABJRU5ErkJggg==', 'base64');
const gif = Buffer.from('R0lGODlhAQABAAAAACw=', 'base64');
const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const sha256 = (b) => createHash('sha256').update(b).digest('hex');

async function adminToken(suite) {
  const u = await suite.newUser();
  await makeAdmin(u.email);
  const res = await suite.refresh(u.refresh);
  assert.equal(res.status, 200, res.text);
  return { user: u, token: res.json.data.access_token };
}

function upload(base, token, body, type) {
  const headers = bearer(token);
  if (type) {
    headers['content-type'] = type;
  }
  return request(base, 'POST', '/api/v1/admin/media', { headers, body });
}

describe('local media storage', () => {
  const suite = new AuthSuite();
  const dir = mkdtempSync(path.join(tmpdir(), 'ugoki-e2e-media-'));
  let admin;

  before(async () => {
    await suite.start({ UGOKI_MEDIA_DIR: dir, UGOKI_MEDIA_MAX_BYTES: '2048' });
    admin = await adminToken(suite);
  });

  after(async () => {
    await suite.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('stores an image by its hash and serves it back', async () => {
    const res = await upload(suite.base, admin.token, png, 'image/png');
    assert.equal(res.status, 201, res.text);
    assertMatchesContract('POST', '/api/v1/admin/media', res);
    const name = `${sha256(png)}.png`;
    assert.deepEqual(res.json.data, { url: `/media/${name}`, content_type: 'image/png',
      size: png.length });
    assert.ok(existsSync(path.join(dir, name)));

    const got = await fetch(new URL(res.json.data.url, suite.base));
    assert.equal(got.status, 200);
    assert.equal(got.headers.get('content-type'), 'image/png');
    assert.equal(got.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(got.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.deepEqual(Buffer.from(await got.arrayBuffer()), png);

    const again = await upload(suite.base, admin.token, png, 'image/png; charset=binary');
    assert.equal(again.status, 201, again.text);
    assert.equal(again.json.data.url, `/media/${name}`);

    const gifRes = await upload(suite.base, admin.token, gif, 'image/gif');
    assert.equal(gifRes.status, 201, gifRes.text);
    assert.equal(gifRes.json.data.url, `/media/${sha256(gif)}.gif`);

    const audit = await readAudit(suite.base, admin.token, { entity: 'admin.media',
      entity_id: name, actor: admin.user.user.id });
    assert.equal(audit.status, 200, audit.text);
    assert.equal(audit.json.pagination.total, 2);
    assert.equal(audit.json.data[0].action, 'create');
    assert.equal(audit.json.data[0].actor.email, admin.user.email);
    assert.deepEqual(audit.json.data[0].changes, {
      content_type: { before: null, after: 'image/png' },
      size: { before: null, after: png.length },
      url: { before: null, after: `/media/${name}` },
      storage: { before: null, after: 'local' },
    });
    assert.match(audit.json.data[0].request_id, /.+/);
  });

  test('refuses other types, mismatched bytes, empty and oversized bodies', async () => {
    assertError(await upload(suite.base, admin.token, svg, 'image/svg+xml'), 415, 'REQ_002');
    assertError(await upload(suite.base, admin.token, png, 'text/html'), 415, 'REQ_002');
    assertError(await upload(suite.base, admin.token, png, undefined), 415, 'REQ_002');
    const mismatch = await upload(suite.base, admin.token, svg, 'image/png');
    assertError(mismatch, 415, 'ADMIN_001');
    assertMatchesContract('POST', '/api/v1/admin/media', mismatch);
    assertError(await upload(suite.base, admin.token, png, 'image/jpeg'), 415, 'ADMIN_001');
    assertError(await upload(suite.base, admin.token, Buffer.alloc(0), 'image/png'), 400,
      'ADMIN_002');
    const big = Buffer.concat([png, Buffer.alloc(4096)]);
    const tooBig = await upload(suite.base, admin.token, big, 'image/png');
    assert.equal(tooBig.status, 413, tooBig.text);
    assert.ok(!existsSync(path.join(dir, `${sha256(svg)}.png`)));
    assert.ok(!existsSync(path.join(dir, `${sha256(big)}.png`)));

    const user = await suite.newUser();
    assertError(await upload(suite.base, user.access, png, 'image/png'), 403, 'AUTH_003');
    assertError(await request(suite.base, 'POST', '/api/v1/admin/media',
      { headers: { 'content-type': 'image/png' }, body: png }), 401, 'AUTH_002');
  });

  test('serves only names it could have stored', async () => {
    for (const p of [`/media/${'0'.repeat(64)}.png`, '/media/x.png', `/media/${sha256(png)}.svg`,
      '/media/..%2F..%2F..%2Fetc%2Fpasswd', `/media/${sha256(png)}.PNG`]) {
      const res = await request(suite.base, 'GET', p);
      assertError(res, 404, 'ADMIN_003');
    }
    const res = await request(suite.base, 'GET', '/media/../../etc/passwd');
    assert.equal(res.status, 404);
  });
});
