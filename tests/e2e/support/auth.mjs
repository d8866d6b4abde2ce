// Helpers for the auth end-to-end tests: unique accounts, Bearer headers, a JWT key file the
// server and the tests share (so tests can sign tokens the server would accept), psql, and the
// AuthSuite that ties them to one server and checks its log for leaked secrets.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { importPKCS8, SignJWT } from 'jose';

import { request, startServer } from './server.mjs';

const run = promisify(execFile);

/** A fresh address on every call, so tests never collide with each other or earlier runs. */
export function uniqueEmail(tag = 'user') {
  return `${tag}-${randomBytes(6).toString('hex')}@example.test`;
}

/** A password that passes the policy (not common, 12+ characters) and is unique per call. */
export function strongPassword() {
  return `tide-${randomBytes(9).toString('base64url')}-lantern`;
}

/** {Authorization: Bearer <token>} plus any extra headers. */
export function bearer(token, extra = {}) {
  return { authorization: `Bearer ${token}`, ...extra };
}

/**
 * Registers a new account and resolves to {email, password, user, access, refresh, res}.
 * Throws when the server does not answer 201.
 */
export async function registerUser(baseUrl, { headers = {}, displayName } = {}) {
  const email = uniqueEmail();
  const password = strongPassword();
  const body = { email, password };
  if (displayName !== undefined) {
    body.display_name = displayName;
  }
  const res = await request(baseUrl, 'POST', '/api/v1/auth/register', { body, headers });
  if (res.status !== 201) {
    throw new Error(`register answered ${res.status}: ${res.text}`);
  }
  const { user, tokens } = res.json.data;
  return { email, password, user, access: tokens.access_token, refresh: tokens.refresh_token,
    res };
}

/** Logs in; resolves to the raw response. */
export function login(baseUrl, email, password, headers = {}) {
  return request(baseUrl, 'POST', '/api/v1/auth/login', { body: { email, password }, headers });
}

// Directories made by makeKeyFile, removed by removeKeyFiles().
const keyDirs = [];

/** Deletes every key file makeKeyFile wrote in this process. */
export function removeKeyFiles() {
  for (const dir of keyDirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Writes a fresh RSA-2048 private key (PKCS#8 PEM) to a temporary file. Resolves to
 * {kid, file, privateKeyPem, publicKeyPem, env} where env holds UGOKI_JWT_KEYS for the server.
 */
export function makeKeyFile(kid = `e2e-${randomBytes(4).toString('hex')}`) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' });
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' });
  const dir = mkdtempSync(path.join(tmpdir(), 'ugoki-e2e-jwt-'));
  keyDirs.push(dir);
  const file = path.join(dir, `${kid}.pem`);
  writeFileSync(file, privateKeyPem, { mode: 0o600 });
  return { kid, file, privateKeyPem, publicKeyPem, env: { UGOKI_JWT_KEYS: `${kid}:${file}` } };
}

/** Runs one SQL statement against $UGOKI_DATABASE_URL; resolves to its output (unaligned). */
export async function psql(sql) {
  const { stdout } = await run('psql', [process.env.UGOKI_DATABASE_URL, '-v', 'ON_ERROR_STOP=1',
    '-qAtc', sql]);
  return stdout.trim();
}

/** base64url of a JSON value, for hand-built JWT parts. */
export function b64json(value) {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Asserts an error envelope with this HTTP status and error code. */
export function assertError(res, status, code) {
  assert.equal(res.status, status, res.text);
  assert.equal(res.json?.success, false, res.text);
  assert.equal(res.json.error.code, code, res.text);
}

/**
 * One auth test file's world: a server started with a JWT key the tests also hold (so they can
 * sign tokens it accepts), and every secret the tests send or receive, so that the server log
 * can be checked for leaks at the end.
 */
export class AuthSuite {
  constructor() {
    this.key = makeKeyFile();
    this.secrets = new Set();
    this.server = null;
  }

  get base() {
    return this.server.baseUrl;
  }

  /** Starts the server (UGOKI_ENV=test, our key, plus `env`). */
  async start(env = {}) {
    this.server = await startServer({ env: { UGOKI_ENV: 'test', ...this.key.env, ...env } });
  }

  /** Stops it; asserts a clean exit (0: drained, and under ASan no leak or memory error). */
  async stop() {
    const code = await this.server.stop();
    removeKeyFiles();
    assert.equal(code, 0);
  }

  remember(...values) {
    for (const v of values) {
      if (v) {
        this.secrets.add(v);
      }
    }
  }

  /** registerUser on this server, remembering the account's secrets. */
  async newUser(opts) {
    const u = await registerUser(this.base, opts);
    this.remember(u.email, u.password, u.access, u.refresh);
    return u;
  }

  me(token, base = this.base) {
    return request(base, 'GET', '/api/v1/users/me', { headers: bearer(token) });
  }

  refresh(token, headers = {}) {
    return request(this.base, 'POST', '/api/v1/auth/refresh', {
      body: { refresh_token: token }, headers,
    });
  }

  /** Signs `claims` as RS256 with header `kid`, by default with the server's own key. */
  async sign(claims, { kid = this.key.kid, pem = this.key.privateKeyPem } = {}) {
    const pk = await importPKCS8(pem, 'RS256');
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(pk);
  }

  /** Asserts that no remembered secret, no email address and no JWT is in the server log. */
  assertLogClean() {
    assert.ok(this.secrets.size > 10, 'the tests remembered their secrets');
    const log = this.server.logs.join('\n');
    for (const secret of this.secrets) {
      assert.ok(!log.includes(secret), `the log contains a secret (${secret.slice(0, 6)}...)`);
    }
    assert.ok(!/@example\.test/.test(log), 'the log contains an email address');
    assert.ok(!/eyJ[A-Za-z0-9_-]{10,}\./.test(log), 'the log contains a JWT');
  }
}
