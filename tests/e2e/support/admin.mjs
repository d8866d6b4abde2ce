// Helpers for the admin end-to-end tests: the real `ugoki admin grant|revoke` command line
// (how operators make admins), and the audit log reader.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { bearer } from './auth.mjs';
import { request } from './server.mjs';

const run = promisify(execFile);

/**
 * Runs `$UGOKI_BIN admin <verb> <email>` against the test database and Redis (the environment
 * scripts/test exports). Resolves to {code, stdout, stderr}; never rejects on a non-zero exit.
 */
export async function adminCli(verb, email, env = {}) {
  try {
    const { stdout, stderr } = await run(process.env.UGOKI_BIN, ['admin', verb, email], {
      env: { ...process.env, UGOKI_ENV: 'test', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    if (typeof e.code !== 'number') {
      throw e;
    }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/**
 * Makes the account `email` an admin with the real command line; throws unless it exits 0.
 * The account's tokens carry the new role from its next refresh or sign-in on.
 */
export async function makeAdmin(email, env = {}) {
  const r = await adminCli('grant', email, env);
  if (r.code !== 0) {
    throw new Error(`ugoki admin grant exited ${r.code}: ${r.stderr}`);
  }
  return r;
}

/** GET /api/v1/admin/audit with `query` (an object of parameters) as `token`. */
export function readAudit(baseUrl, token, query = {}) {
  const qs = new URLSearchParams(query).toString();
  return request(baseUrl, 'GET', `/api/v1/admin/audit${qs ? `?${qs}` : ''}`, {
    headers: bearer(token),
  });
}
