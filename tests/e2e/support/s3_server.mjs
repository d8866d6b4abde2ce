// An S3 stand-in for end-to-end tests: accepts PUTs authenticated by a presigned URL (AWS
// Signature Version 4, query-string auth, UNSIGNED-PAYLOAD), verifying the signature on its own
// with node:crypto per AWS's documented algorithm (not with the server's code), and serves what
// it stored to GETs (the bucket's public URL). Path-style: /<bucket>/<key>.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';

const sha256Hex = (s) => createHash('sha256').update(s).digest('hex');
const hmac = (key, s) => createHmac('sha256', key).update(s).digest();

// RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - . _ ~ as %XX, uppercase.
function awsEncode(s, keepSlash = false) {
  const out = encodeURIComponent(s).replace(/[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return keepSlash ? out.replaceAll('%2F', '/') : out;
}

/** The reason the presigned request `req` (with `url`) is refused, or null when it verifies. */
function verify(req, url, { accessKeyId, secretAccessKey, region, now }) {
  const q = url.searchParams;
  if (q.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') {
    return 'algorithm';
  }
  const [keyId, date, credRegion, service, terminal] = (q.get('X-Amz-Credential') ?? '').split('/');
  const amzDate = q.get('X-Amz-Date') ?? '';
  if (keyId !== accessKeyId || credRegion !== region || service !== 's3' ||
      terminal !== 'aws4_request' || !amzDate.startsWith(date) || date.length !== 8) {
    return 'credential';
  }
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(amzDate);
  const expires = Number(q.get('X-Amz-Expires'));
  if (!m || !Number.isInteger(expires) || expires < 1 || expires > 604800) {
    return 'date';
  }
  const signedAt = Date.UTC(m[1], m[2] - 1, m[3], m[4], m[5], m[6]);
  if (now() > signedAt + expires * 1000 || now() < signedAt - 15 * 60 * 1000) {
    return 'expired';
  }
  const signedHeaders = (q.get('X-Amz-SignedHeaders') ?? '').split(';');
  if (!signedHeaders.includes('host') || !signedHeaders.includes('content-type')) {
    return 'signed headers';
  }
  const canonicalHeaders = signedHeaders.map((h) => {
    const v = req.headers[h];
    return `${h}:${String(v ?? '').trim().replace(/\s+/g, ' ')}\n`;
  }).join('');
  const params = [...q.entries()].filter(([k]) => k !== 'X-Amz-Signature')
    .map(([k, v]) => [awsEncode(k), awsEncode(v)])
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const canonicalRequest = [
    req.method,
    awsEncode(decodeURIComponent(url.pathname), true),
    params.map(([k, v]) => `${k}=${v}`).join('&'),
    canonicalHeaders,
    signedHeaders.join(';'),
    'UNSIGNED-PAYLOAD',
  ].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, `${date}/${region}/s3/aws4_request`,
    sha256Hex(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${secretAccessKey}`, date);
  key = hmac(key, region);
  key = hmac(key, 's3');
  key = hmac(key, 'aws4_request');
  const expected = Buffer.from(hmac(key, stringToSign).toString('hex'));
  const given = Buffer.from(q.get('X-Amz-Signature') ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return 'signature';
  }
  return null;
}

/**
 * Starts the stand-in on 127.0.0.1 and an ephemeral port for `bucket`. Resolves to {endpoint,
 * publicBaseUrl, objects (Map path -> {type, body}), refusals (array of reasons), env (the
 * UGOKI_MEDIA_S3_* variables for the server), close()}.
 */
export async function startS3Server({ bucket = 'media-test', region = 'eu-test-1',
  accessKeyId = 'AKIDTESTSTANDIN', secretAccessKey = 'stand-in/secret+key',
  now = () => Date.now() } = {}) {
  const objects = new Map();
  const refusals = [];
  const settings = { accessKeyId, secretAccessKey, region, now };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, `http://${req.headers.host}`);
    if (!url.pathname.startsWith(`/${bucket}/`)) {
      res.writeHead(404, { 'content-type': 'application/xml' });
      res.end('<Error><Code>NoSuchBucket</Code></Error>');
      return;
    }
    if (req.method === 'GET') {
      const object = objects.get(url.pathname);
      if (!object) {
        res.writeHead(404, { 'content-type': 'application/xml' });
        res.end('<Error><Code>NoSuchKey</Code></Error>');
        return;
      }
      res.writeHead(200, { 'content-type': object.type, 'content-length': object.body.length });
      res.end(object.body);
      return;
    }
    if (req.method !== 'PUT') {
      res.writeHead(405).end();
      return;
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let reason = verify(req, url, settings);
      if (!reason && body.length !== Number(req.headers['content-length'])) {
        reason = 'content-length';
      }
      if (reason) {
        refusals.push(reason);
        res.writeHead(403, { 'content-type': 'application/xml' });
        res.end(`<Error><Code>SignatureDoesNotMatch</Code><Message>${reason}</Message></Error>`);
        return;
      }
      objects.set(url.pathname, { type: req.headers['content-type'], body });
      res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` });
      res.end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${server.address().port}`;
  return {
    endpoint,
    publicBaseUrl: `${endpoint}/${bucket}`,
    objects,
    refusals,
    env: {
      UGOKI_MEDIA_S3_ENDPOINT: endpoint,
      UGOKI_MEDIA_S3_BUCKET: bucket,
      UGOKI_MEDIA_S3_REGION: region,
      UGOKI_MEDIA_S3_ACCESS_KEY_ID: accessKeyId,
      UGOKI_MEDIA_S3_SECRET_ACCESS_KEY: secretAccessKey,
      UGOKI_MEDIA_S3_PUBLIC_BASE_URL: `${endpoint}/${bucket}`,
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(resolve);
    }),
  };
}
