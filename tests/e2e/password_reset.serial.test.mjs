// End-to-end: password reset by email against the real server, PostgreSQL, Redis and an SMTP
// stand-in (support/smtp_server.mjs). The link mailed by the jobs thread, single-use tokens
// stored only as SHA-256, every session ended on confirm, no mail for unknown or deleted
// accounts, the password policy, malformed bodies, a relay outage retried, and a clean log.
// The mail job sits in the shared `jobs` queue: a server of another test file running at the
// same time (without UGOKI_SMTP_URL) could take it and write the mail to its var/mail instead,
// so this file is .serial (scripts/test runs it alone, after the others).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

import { assertError, AuthSuite, bearer, login, psql, strongPassword,
  uniqueEmail } from './support/auth.mjs';
import { assertMatchesContract } from './support/contract.mjs';
import { request } from './support/server.mjs';
import { startSmtpServer } from './support/smtp_server.mjs';

const RESET = '/api/v1/auth/password-reset';
const CONFIRM = '/api/v1/auth/password-reset/confirm';
const APP_URL = 'https://app.e2e.test';
const MAIL_FROM = 'Ugoki Tests <reset-sender@mail.e2e.test>';
const SENDER = 'reset-sender@mail.e2e.test';
const SUBJECT = 'Reset your Ugoki password';
const ACCEPTED = 'If an account uses this address, a link to reset its password is on its way';
const CHANGED = 'Your password was changed; sign in with the new one';
const INVALID = 'This password reset link is invalid or has expired';
// The jobs thread polls about every second; leave room for a busy machine.
const MAIL_WAIT_MS = 10_000;
// A retry waits 10 s of backoff, then up to a poll interval.
const RETRY_WAIT_MS = 25_000;

const suite = new AuthSuite();
let smtp;

before(async () => {
  smtp = await startSmtpServer();
  await suite.start({ UGOKI_SMTP_URL: smtp.url, UGOKI_MAIL_FROM: MAIL_FROM,
    UGOKI_APP_URL: APP_URL });
});

after(async () => {
  try {
    await suite.stop();
  } finally {
    await smtp.close();
  }
});

function requestReset(body) {
  return request(suite.base, 'POST', RESET, { body });
}

function confirm(body) {
  // Short ones ('short') could match innocent log text; the log check wants real passwords.
  if (typeof body.new_password === 'string' && body.new_password.length >= 12) {
    suite.remember(body.new_password);
  }
  return request(suite.base, 'POST', CONFIRM, { body });
}

/** Asserts the 202 every well-formed request gets, known address or not. */
function assertAccepted(res) {
  assert.equal(res.status, 202, res.text);
  assertMatchesContract('POST', RESET, res);
  assert.equal(res.json.success, true);
  assert.deepEqual(res.json.data, { message: ACCEPTED });
}

/** Asserts 400 AUTH_006, the answer to every token that cannot be used. */
function assertInvalidToken(res) {
  assertError(res, 400, 'AUTH_006');
  assertMatchesContract('POST', CONFIRM, res);
  assert.equal(res.json.error.message, INVALID);
}

/** The sorted fields named by a 400 VAL_001, after checking it against the contract. */
function badFields(res, template) {
  assertError(res, 400, 'VAL_001');
  assertMatchesContract('POST', template, res);
  return res.json.error.details.map((d) => d.field).sort();
}

/** The address inside "Name <addr>" or "<addr>", or the value itself. */
function addressOf(header) {
  const m = /<([^>]+)>\s*$/.exec(header);
  return m ? m[1] : header.trim();
}

/**
 * Waits for the next reset mail to `email`, checks its envelope and headers, and resolves to
 * {mail, token}. The token is remembered, so the log check at the end looks for it.
 */
async function resetMail(email, timeoutMs = MAIL_WAIT_MS) {
  const mail = await smtp.waitFor(email, { timeoutMs });
  assert.equal(mail.from, SENDER, 'envelope sender');
  assert.deepEqual(mail.to, [email], 'envelope recipients');
  assert.equal(addressOf(mail.headers.to), email);
  assert.equal(mail.headers.from, MAIL_FROM);
  assert.equal(mail.headers.subject, SUBJECT);
  assert.match(mail.headers['content-type'], /^text\/plain;\s*charset="?utf-8"?$/i);
  const links = [...mail.body.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
  assert.equal(links.length, 1, `one link in the mail: ${links}`);
  // The secret rides in the fragment, which browsers never send to a server: it stays out of
  // web server and proxy logs and Referer headers (issue 10).
  const prefix = `${APP_URL}/reset-password#token=`;
  assert.ok(links[0].startsWith(prefix), links[0]);
  assert.equal(new URL(links[0]).search, '', 'no query string in the link');
  const token = links[0].slice(prefix.length);
  suite.remember(token);
  assert.match(token, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(Buffer.from(token, 'base64url').length, 32);
  return { mail, token };
}

/** `used_at IS NOT NULL` of the row whose hash is sha256(token): 't', 'f' or '' (no row). */
function tokenUsed(token) {
  return psql(`SELECT used_at IS NOT NULL FROM password_reset_tokens
                WHERE token_hash = sha256(convert_to('${token}', 'UTF8'))`);
}

/**
 * Waits until the user's mail job has finished. Until then a new request is folded into it
 * (one pending mail per account, the job's dedupe key), and the mail arrives before the job
 * records its success.
 */
async function mailJobDone(userId) {
  const deadline = Date.now() + MAIL_WAIT_MS;
  for (;;) {
    const pending = await psql(`SELECT count(*) FROM jobs
      WHERE dedupe_key = 'password-reset:${userId}' AND status IN ('queued', 'running')`);
    if (pending === '0') {
      return;
    }
    assert.ok(Date.now() < deadline, `the reset mail job of ${userId} is still pending`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function tokenCount(userId) {
  return psql(`SELECT count(*) FROM password_reset_tokens WHERE user_id = '${userId}'`);
}

/**
 * Requests a reset for a fresh account and waits for the mail to it: a known-good delivery,
 * after which anything queued earlier has been handled (the runner takes jobs in order).
 */
async function deliverOne() {
  const v = await suite.newUser();
  assertAccepted(await requestReset({ email: v.email }));
  return { v, ...(await resetMail(v.email)) };
}

describe('the whole flow', () => {
  test('request, mail, confirm: the password changes and every session ends', async () => {
    const u = await suite.newUser();
    const other = await login(suite.base, u.email, u.password);
    assert.equal(other.status, 200, other.text);
    const second = other.json.data.tokens;
    suite.remember(second.access_token, second.refresh_token);
    const oldHash = await psql(`SELECT password_hash FROM users WHERE id = '${u.user.id}'`);

    assertAccepted(await requestReset({ email: u.email }));
    const { mail, token } = await resetMail(u.email);
    assert.ok(mail.data.includes('\r\nMIME-Version: 1.0\r\n'), mail.data.slice(0, 400));

    // Stored as SHA-256 only, valid 30 minutes, unused; the raw token is in no column and in no
    // job payload.
    const row = await psql(`SELECT token_hash = sha256(convert_to('${token}', 'UTF8')),
             length(token_hash), used_at IS NULL,
             expires_at - created_at BETWEEN interval '29 minutes 50 seconds'
                                         AND interval '30 minutes 10 seconds'
        FROM password_reset_tokens WHERE user_id = '${u.user.id}'`);
    assert.equal(row, 't|32|t|t');
    assert.equal(await psql(`SELECT count(*) FROM password_reset_tokens t
                              WHERE position('${token}' in t::text) > 0`), '0');
    assert.equal(await psql(`SELECT count(*) FROM jobs
                              WHERE position('${token}' in payload::text) > 0`), '0');

    const newPassword = strongPassword();
    const res = await confirm({ token, new_password: newPassword });
    assert.equal(res.status, 200, res.text);
    assertMatchesContract('POST', CONFIRM, res);
    assert.deepEqual(res.json.data, { message: CHANGED });

    assertError(await login(suite.base, u.email, u.password), 401, 'AUTH_001');
    const fresh = await login(suite.base, u.email, newPassword);
    assert.equal(fresh.status, 200, fresh.text);
    suite.remember(fresh.json.data.tokens.access_token, fresh.json.data.tokens.refresh_token);
    assert.equal((await suite.me(fresh.json.data.tokens.access_token)).status, 200);

    for (const refresh of [u.refresh, second.refresh_token]) {
      assertError(await suite.refresh(refresh), 401, 'AUTH_002');
    }
    for (const access of [u.access, second.access_token]) {
      assertError(await suite.me(access), 401, 'AUTH_002');
    }

    assert.equal(await tokenUsed(token), 't');
    const newHash = await psql(`SELECT password_hash FROM users WHERE id = '${u.user.id}'`);
    assert.notEqual(newHash, oldHash);
    assert.match(newHash, /^\$argon2id\$/);
  });

  test('a token works once; an older unused token dies when a newer one is used', async () => {
    const u = await suite.newUser();
    assertAccepted(await requestReset({ email: u.email }));
    const first = await resetMail(u.email);
    await mailJobDone(u.user.id);
    assertAccepted(await requestReset({ email: u.email }));
    const second = await resetMail(u.email);
    assert.notEqual(first.token, second.token);
    assert.equal(await tokenCount(u.user.id), '2');

    const password = strongPassword();
    const res = await confirm({ token: second.token, new_password: password });
    assert.equal(res.status, 200, res.text);

    assertInvalidToken(await confirm({ token: second.token, new_password: strongPassword() }));
    assertInvalidToken(await confirm({ token: first.token, new_password: strongPassword() }));
    assert.equal(await tokenUsed(first.token), 't');
    assert.equal(await tokenUsed(second.token), 't');
    // The refused attempts changed nothing: the password set by the first confirm still holds.
    assert.equal((await login(suite.base, u.email, password)).status, 200);
  });
});

describe('who gets a mail', () => {
  test('an unknown address gets 202 like a known one, and no mail', async () => {
    const unknown = uniqueEmail('nobody');
    suite.remember(unknown);
    const mailsBefore = smtp.list().length;
    const res = await requestReset({ email: unknown });
    assertAccepted(res);
    // The known one's mail arriving means the jobs thread is past anything the unknown queued.
    const { v } = await deliverOne();
    assert.equal(smtp.messagesTo(unknown).length, 0);
    assert.equal(smtp.list().length, mailsBefore + 1, 'only the known account got a mail');
    assert.equal(await tokenCount(v.user.id), '1');
  });

  test('the address is matched without case; the mail goes to the address on file', async () => {
    const u = await suite.newUser();
    const shouted = u.email.toUpperCase();
    suite.remember(shouted);
    assertAccepted(await requestReset({ email: shouted }));
    const { token } = await resetMail(u.email);
    assert.equal(smtp.messagesTo(u.email).length, 1);
    const res = await confirm({ token, new_password: strongPassword() });
    assert.equal(res.status, 200, res.text);
  });

  test('a soft-deleted account gets no mail and no token', async () => {
    const u = await suite.newUser();
    const del = await request(suite.base, 'DELETE', '/api/v1/users/me', {
      headers: bearer(u.access), body: { password: u.password },
    });
    assert.equal(del.status, 204, del.text);
    assertAccepted(await requestReset({ email: u.email }));
    await deliverOne();
    assert.equal(smtp.messagesTo(u.email).length, 0);
    assert.equal(await tokenCount(u.user.id), '0');
  });

  test('at most 5 tokens per account a day: more requests answer 202 and send nothing',
    async () => {
      const u = await suite.newUser();
      // Four tokens from earlier today, used or not, count towards the limit.
      await psql(`INSERT INTO password_reset_tokens (user_id, token_hash, expires_at, created_at)
                  SELECT '${u.user.id}', sha256(convert_to(gen_random_uuid()::text, 'UTF8')),
                         now() - interval '1 hour', now() - interval '2 hours'
                    FROM generate_series(1, 4)`);
      assertAccepted(await requestReset({ email: u.email }));
      await resetMail(u.email);
      assert.equal(await tokenCount(u.user.id), '5');
      // Past the first job, so the next request is a job of its own that meets the limit.
      await mailJobDone(u.user.id);
      assertAccepted(await requestReset({ email: u.email }));
      await deliverOne();
      assert.equal(smtp.messagesTo(u.email).length, 1);
      assert.equal(await tokenCount(u.user.id), '5');
    });
});

describe('tokens that cannot be used', () => {
  test('an expired token is 400 AUTH_006 and changes nothing', async () => {
    const u = await suite.newUser();
    assertAccepted(await requestReset({ email: u.email }));
    const { token } = await resetMail(u.email);
    await psql(`UPDATE password_reset_tokens
                   SET created_at = now() - interval '31 minutes',
                       expires_at = now() - interval '1 minute'
                 WHERE token_hash = sha256(convert_to('${token}', 'UTF8'))`);
    assertInvalidToken(await confirm({ token, new_password: strongPassword() }));
    assert.equal(await tokenUsed(token), 'f');
    assert.equal((await login(suite.base, u.email, u.password)).status, 200);
    assert.equal((await suite.me(u.access)).status, 200, 'still signed in');
  });

  test('unknown and malformed tokens are 400 AUTH_006', async () => {
    const tokens = [
      randomBytes(32).toString('base64url'), // well formed, never issued
      'short',
      `${randomBytes(32).toString('base64url')}x`,
      '!'.repeat(43),
      `${'A'.repeat(42)}=`,
    ];
    for (const token of tokens) {
      assertInvalidToken(await confirm({ token, new_password: strongPassword() }));
    }
  });

  test('an overlong token is a malformed token too: 400 AUTH_006', async () => {
    // The contract sends every token that cannot be used to AUTH_006, whatever its length: a
    // client shows "ask for a new link" for that code, and a mangled link can be of any length.
    for (const token of ['a'.repeat(257), 'a'.repeat(4096)]) {
      assertInvalidToken(await confirm({ token, new_password: strongPassword() }));
    }
  });

  test('a weak new password is 400 VAL_001 on new_password and keeps the token usable',
    async () => {
      const u = await suite.newUser();
      assertAccepted(await requestReset({ email: u.email }));
      const { token } = await resetMail(u.email);
      for (const weak of ['short', '1qaz2wsx3edc', 'x'.repeat(129)]) {
        const res = await confirm({ token, new_password: weak });
        assert.deepEqual(badFields(res, CONFIRM), ['new_password'], res.text);
      }
      assert.equal(await tokenUsed(token), 'f');
      assert.equal((await login(suite.base, u.email, u.password)).status, 200);
      assert.equal((await suite.me(u.access)).status, 200, 'still signed in');

      const password = strongPassword();
      const res = await confirm({ token, new_password: password });
      assert.equal(res.status, 200, res.text);
      assert.equal((await login(suite.base, u.email, password)).status, 200);
      assert.equal(await tokenUsed(token), 't');
    });
});

describe('malformed bodies', () => {
  test('POST /auth/password-reset: 400 VAL_001 naming the field, and no mail', async () => {
    const u = await suite.newUser();
    assert.deepEqual(badFields(await requestReset({}), RESET), ['email']);
    assert.deepEqual(badFields(await requestReset({ email: 'not-an-email' }), RESET), ['email']);
    assert.deepEqual(badFields(await requestReset({ email: 42 }), RESET), ['email']);
    assert.deepEqual(badFields(await requestReset({ email: u.email, user_id: u.user.id }), RESET),
      ['user_id']);
    assertError(await request(suite.base, 'POST', RESET, {
      body: '[]', headers: { 'content-type': 'application/json' },
    }), 400, 'VAL_001');
    assertError(await request(suite.base, 'POST', RESET, {
      body: `email=${u.email}`, headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }), 415, 'REQ_002');
    await deliverOne();
    assert.equal(smtp.messagesTo(u.email).length, 0);
    assert.equal(await tokenCount(u.user.id), '0');
  });

  test('POST /auth/password-reset/confirm: 400 VAL_001 naming every bad field', async () => {
    const token = randomBytes(32).toString('base64url');
    const good = strongPassword();
    assert.deepEqual(badFields(await confirm({}), CONFIRM), ['new_password', 'token']);
    assert.deepEqual(badFields(await confirm({ token }), CONFIRM), ['new_password']);
    // The password policy's verdict comes with the other bad fields, not after them.
    assert.deepEqual(badFields(await confirm({ new_password: 'short' }), CONFIRM),
      ['new_password', 'token']);
    assert.deepEqual(badFields(await confirm({ new_password: good }), CONFIRM), ['token']);
    assert.deepEqual(badFields(await confirm({ token: 7, new_password: good }), CONFIRM),
      ['token']);
    assert.deepEqual(
      badFields(await confirm({ token, new_password: good, email: 'a@b.example' }), CONFIRM),
      ['email']);
  });
});

test('a relay outage: the refused mail arrives on the retry; one mail while one is pending',
  async () => {
    const u = await suite.newUser();
    const refusedBefore = smtp.refusals.length;
    smtp.failNext(1, '451');
    assertAccepted(await requestReset({ email: u.email }));
    const deadline = Date.now() + MAIL_WAIT_MS;
    while (smtp.refusals.length === refusedBefore && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(smtp.refusals.length, refusedBefore + 1, 'the first attempt reached the relay');
    const refused = smtp.refusals.at(-1);
    assert.equal(refused.from, SENDER);
    // While the mail waits for its retry, another request must not queue a second one.
    assertAccepted(await requestReset({ email: u.email }));

    const { mail, token } = await resetMail(u.email, RETRY_WAIT_MS);
    const waited = mail.receivedAt - refused.at;
    assert.ok(waited >= 9000, `retried after ${waited} ms, before the 10 s backoff`);
    const res = await confirm({ token, new_password: strongPassword() });
    assert.equal(res.status, 200, res.text);
    // One job, run twice: the failure was retried by the job queue, not by a new request.
    await mailJobDone(u.user.id);
    assert.equal(await psql(`SELECT attempts || '|' || status FROM jobs
                              WHERE kind = 'auth.send_password_reset'
                                AND user_id = '${u.user.id}'`), '2|succeeded');
    // Give a second (wrongly queued) mail the time to arrive, then check there was none.
    await deliverOne();
    assert.equal(smtp.messagesTo(u.email).length, 1);
    // The stored failure names the relay's answer, not the person.
    const errors = await psql(`SELECT coalesce(string_agg(last_error, ' | '), '') FROM jobs
                                WHERE kind = 'auth.send_password_reset' AND last_error IS NOT NULL
                                  AND updated_at > now() - interval '5 minutes'`);
    assert.ok(!errors.includes('@'), `a job error holds an address: ${errors}`);
  });

test('the log holds no token, password or email', () => {
  suite.assertLogClean();
});
