// End-to-end: metric batches, progress, dashboard and streaks against the real server,
// PostgreSQL and Redis. Batch limits and validation (nothing stored on a bad point), dedupe of
// re-sent batches, external record versions, deletes, idempotency replay, bucket series (local
// hours in :30/:45 zones across DST changes), and two users who cannot see or delete each other's
// points. Every response is checked against api/openapi.yaml, and the stored rows with psql.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { assertError, AuthSuite, bearer, psql } from './support/auth.mjs';
import { assertMatchesContract } from './support/contract.mjs';
import { request } from './support/server.mjs';

const METRICS = '/api/v1/analytics/metrics';
const PROGRESS = '/api/v1/analytics/progress';
const SERIES = '/api/v1/analytics/progress/{metric}';
const DASHBOARD = '/api/v1/analytics/dashboard';
const STREAKS = '/api/v1/analytics/streaks';

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

// An hour boundary two days ago, so every point lies in the past and inside one UTC hour.
const base = new Date(Math.floor(Date.now() / 3600000) * 3600000 - 48 * 3600000);
const at = (seconds) => new Date(base.getTime() + seconds * 1000).toISOString();

function heartRates(n, { offset = 0, value = (i) => 60 + (i % 30) } = {}) {
  return Array.from({ length: n }, (_, i) => ({
    time: at(offset + i), metric_type: 'heart_rate_bpm', value: value(i), source: 'healthkit',
  }));
}

async function stored(userId, where = 'true') {
  return Number(await psql(
    `SELECT count(*) FROM progress_metrics WHERE user_id = '${userId}' AND ${where}`));
}

async function userId(u) {
  const me = await suite.me(u.access);
  return me.json.data.id;
}

function post(u, points, headers) {
  return call('POST', METRICS, u.access, { points }, headers);
}

describe('POST /analytics/metrics', () => {
  test('stores a batch, counts re-sent points as duplicates, and keeps rollups', async () => {
    const u = await suite.newUser();
    const id = await userId(u);
    const points = heartRates(100);
    const first = await post(u, points);
    assert.equal(first.status, 200, first.text);
    assertMatchesContract('POST', METRICS, first);
    assert.deepEqual(first.json.data, { inserted: 100, updated: 0, duplicates: 0 });

    // The phone re-sends everything plus 20 new points.
    const again = await post(u, [...points, ...heartRates(20, { offset: 100 })]);
    assert.equal(again.status, 200, again.text);
    assert.deepEqual(again.json.data, { inserted: 20, updated: 0, duplicates: 100 });
    assert.equal(await stored(id), 120);
    assert.equal(await psql(`SELECT sum(count) FROM progress_metrics_hourly
                              WHERE user_id = '${id}'`), '120');
  });

  test('takes 1000 points and refuses 1001, storing nothing', async () => {
    const u = await suite.newUser();
    const id = await userId(u);
    const tooMany = await post(u, heartRates(1001));
    assertError(tooMany, 400, 'VAL_001');
    assertMatchesContract('POST', METRICS, tooMany);
    assert.deepEqual(tooMany.json.error.details.map((d) => d.field), ['points']);
    assert.equal(await stored(id), 0);

    const full = await post(u, heartRates(1000));
    assert.equal(full.status, 200, full.text);
    assert.equal(full.json.data.inserted, 1000);
    assert.equal(await stored(id), 1000);
  });

  test('one bad point fails the batch, names its index, and stores nothing', async () => {
    const u = await suite.newUser();
    const id = await userId(u);
    const points = heartRates(30);
    points[17].value = 900;  // heart rate above the registry's 300
    points[21].metric_type = 'mood';
    points[25].time = new Date(Date.now() + 3600000).toISOString();
    points[26].source = 'fitbit';
    const res = await post(u, points);
    assertError(res, 400, 'VAL_001');
    assertMatchesContract('POST', METRICS, res);
    assert.deepEqual(res.json.error.details.map((d) => d.field).sort(),
      ['points[17].value', 'points[21].metric_type', 'points[25].time', 'points[26].source']);
    assert.equal(await stored(id), 0);

    const shape = await post(u, [{ time: 'soon', metric_type: 'steps', value: '5', extra: 1 }]);
    assertError(shape, 400, 'VAL_001');
    assert.deepEqual(shape.json.error.details.map((d) => d.field).sort(),
      ['points[0].extra', 'points[0].source', 'points[0].time', 'points[0].value']);
    assert.equal(await stored(id), 0);

    // A malformed point and points the registry refuses, named in one answer.
    const mixed = heartRates(30);
    mixed[3].value = 'sixty';
    mixed[17].value = 900;
    mixed[25].time = new Date(Date.now() + 3600000).toISOString();
    const both = await post(u, mixed);
    assertError(both, 400, 'VAL_001');
    assertMatchesContract('POST', METRICS, both);
    assert.deepEqual(both.json.error.details.map((d) => d.field).sort(),
      ['points[17].value', 'points[25].time', 'points[3].value']);
    assert.equal(await stored(id), 0);
  });

  test('a newer external version replaces the point, an older one is ignored', async () => {
    const u = await suite.newUser();
    const id = await userId(u);
    const v1 = { time: at(0), metric_type: 'weight_kg', value: 80, source: 'healthkit',
      external_id: 'HK-7F3A', external_version: 1 };
    assert.equal((await post(u, [v1])).json.data.inserted, 1);
    // The user edits the sample on the phone: new time and value, version 2.
    const v2 = { ...v1, time: at(600), value: 79.4, external_version: 2 };
    const res = await post(u, [v2]);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.data, { inserted: 0, updated: 1, duplicates: 0 });
    const stale = await post(u, [v1]);
    assert.deepEqual(stale.json.data, { inserted: 0, updated: 0, duplicates: 1 });
    assert.equal(await psql(`SELECT value || '@' || external_version FROM progress_metrics
                              WHERE user_id = '${id}'`), '79.4@2');
    assert.equal(await psql(`SELECT external_version FROM progress_metric_records
                              WHERE user_id = '${id}' AND external_id = 'HK-7F3A'`), '2');
    assert.equal(await psql(`SELECT sum(count) || '/' || max(max) FROM progress_metrics_hourly
                              WHERE user_id = '${id}'`), '1/79.4');
  });

  test('the same Idempotency-Key replays the first answer', async () => {
    const u = await suite.newUser();
    const id = await userId(u);
    const key = `metrics-${Math.random().toString(36).slice(2)}`;
    const points = heartRates(10, { offset: 3000 });
    const first = await post(u, points, { 'Idempotency-Key': key });
    const replay = await post(u, points, { 'Idempotency-Key': key });
    assert.equal(first.status, 200, first.text);
    assert.equal(replay.status, 200, replay.text);
    assert.deepEqual(replay.json.data, { inserted: 10, updated: 0, duplicates: 0 });
    assert.equal(await stored(id), 10);
  });

  test('needs a signed-in user', async () => {
    const res = await request(suite.base, 'POST', METRICS, { body: { points: heartRates(1) } });
    assertError(res, 401, 'AUTH_002');
  });
});

describe('DELETE /analytics/metrics', () => {
  test('deletes one point of the caller, keeps rollups exact, and 404s another user', async () => {
    const a = await suite.newUser();
    const b = await suite.newUser();
    const idA = await userId(a);
    const points = heartRates(5, { value: (i) => 60 + i * 10 });  // max 100 at index 4
    await post(a, points);
    const q = (p) => `${METRICS}?metric_type=${p.metric_type}&time=${encodeURIComponent(p.time)}`
      + `&source=${p.source}`;

    const theirs = await call('DELETE', q(points[4]), b.access);
    assertError(theirs, 404, 'ANLY_001');
    assertMatchesContract('DELETE', METRICS, theirs);
    assert.equal(await stored(idA), 5);

    const mine = await call('DELETE', q(points[4]), a.access);
    assert.equal(mine.status, 204, mine.text);
    assertMatchesContract('DELETE', METRICS, mine);
    assert.equal(await stored(idA), 4);
    // The deleted point was the hour's maximum: the rollup falls back to the next one.
    assert.equal(await psql(`SELECT count || '/' || max FROM progress_metrics_hourly
                              WHERE user_id = '${idA}'`), '4/90');
    assert.equal(await psql(`SELECT count || '/' || max FROM progress_metrics_daily
                              WHERE user_id = '${idA}'`), '4/90');
    assertError(await call('DELETE', q(points[4]), a.access), 404, 'ANLY_001');

    const bad = await call('DELETE', `${METRICS}?metric_type=mood&time=x`, a.access);
    assertError(bad, 400, 'VAL_001');
    assert.deepEqual(bad.json.error.details.map((d) => d.field).sort(),
      ['metric_type', 'source', 'time']);
    const unknown = await call('DELETE', `${METRICS}?metric_type=mood&time=x&source=fitbit`,
      a.access);
    assertError(unknown, 400, 'VAL_001');
    assertMatchesContract('DELETE', METRICS, unknown);
    assert.deepEqual(unknown.json.error.details.map((d) => d.field).sort(),
      ['metric_type', 'source', 'time']);
    assert.equal(await stored(idA), 4);
  });
});

describe('GET /analytics/progress', () => {
  test('shows latest values and changes, and only the caller\'s metrics', async () => {
    const a = await suite.newUser();
    const b = await suite.newUser();
    const now = Date.now();
    const day = 86400000;
    const iso = (ms) => new Date(ms).toISOString();
    const res = await post(a, [
      { time: iso(now - 31 * day), metric_type: 'weight_kg', value: 84, source: 'manual' },
      { time: iso(now - 8 * day), metric_type: 'weight_kg', value: 82, source: 'manual' },
      { time: iso(now - 60000), metric_type: 'weight_kg', value: 81.5, source: 'withings' },
      { time: iso(now - 60000), metric_type: 'steps', value: 4000, source: 'healthkit' },
    ]);
    assert.equal(res.status, 200, res.text);

    const got = await call('GET', PROGRESS, a.access);
    assert.equal(got.status, 200, got.text);
    assertMatchesContract('GET', PROGRESS, got);
    const byType = Object.fromEntries(got.json.data.metrics.map((m) => [m.metric_type, m]));
    assert.deepEqual(Object.keys(byType).sort(), ['steps', 'weight_kg']);
    assert.equal(byType.weight_kg.latest_value, 81.5);
    assert.equal(byType.weight_kg.unit, 'kg');
    assert.ok(Math.abs(byType.weight_kg.change_7d - -0.5) < 1e-9);
    assert.ok(Math.abs(byType.weight_kg.change_30d - -2.5) < 1e-9);
    assert.equal(byType.steps.additive, true);
    assert.equal(byType.steps.change_7d, null);

    const other = await call('GET', PROGRESS, b.access);
    assert.deepEqual(other.json.data.metrics, []);
  });
});

describe('GET /analytics/progress/{metric}', () => {
  test('answers hourly buckets that match the stored points', async () => {
    const a = await suite.newUser();
    const b = await suite.newUser();
    // 3600 points in hour 0, 1800 in hour 1: two buckets, posted in 1000-point batches.
    const points = heartRates(5400, { value: (i) => 50 + (i % 100) });
    for (let i = 0; i < points.length; i += 1000) {
      const r = await post(a, points.slice(i, i + 1000));
      assert.equal(r.status, 200, r.text);
    }
    const path = '/api/v1/analytics/progress/heart_rate_bpm?bucket=hour'
      + `&from=${encodeURIComponent(at(0))}&to=${encodeURIComponent(at(3 * 3600))}`;
    const res = await call('GET', path, a.access);
    assert.equal(res.status, 200, res.text);
    assertMatchesContract('GET', SERIES, res);
    const s = res.json.data;
    assert.equal(s.bucket, 'hour');
    assert.equal(s.timezone, 'UTC');
    assert.deepEqual(s.buckets.map((x) => [x.start, x.count, x.min, x.max, x.sum]), [
      [at(0), 3600, 50, 149, null],
      [at(3600), 1800, 50, 149, null],
    ]);
    assert.ok(Math.abs(s.buckets[0].avg - 99.5) < 1e-9);

    const days = await call('GET', path.replace('bucket=hour', 'bucket=day'), a.access);
    assert.equal(days.status, 200, days.text);
    assert.equal(days.json.data.buckets.reduce((n, x) => n + x.count, 0), 5400);

    const theirs = await call('GET', path, b.access);
    assert.deepEqual(theirs.json.data.buckets, []);
  });

  // Each zone's local day around a DST change (2025) or any day: its local midnight, its length
  // in hours, and the UTC minute its local hours start at.
  const zoneDays = [
    { zone: 'Asia/Kolkata', midnight: '2025-10-04T18:30:00Z', hours: 24, minute: 30 },
    { zone: 'Asia/Kathmandu', midnight: '2025-10-04T18:15:00Z', hours: 24, minute: 15 },
    // +09:30 -> +10:30 at 2025-10-04T16:30Z: 02:00 local is skipped.
    { zone: 'Australia/Adelaide', midnight: '2025-10-04T14:30:00Z', hours: 23, minute: 30 },
    // -02:30 -> -03:30 at 2025-11-02T04:30Z: 01:00-02:00 local happens twice.
    { zone: 'America/St_Johns', midnight: '2025-11-02T02:30:00Z', hours: 25, minute: 30 },
  ];
  const hourMs = 3600000;
  const iso = (ms) => new Date(ms).toISOString();

  // The same buckets straight from raw points: a local hour is date_trunc in the zone, which
  // keeps each point's own offset.
  async function rawBuckets(id, zone, bucket, from, to) {
    const b = bucket === 'hour' ? `date_trunc('hour', time, '${zone}')`
      : `date_trunc('day', time, '${zone}')`;
    const json = await psql(`SELECT coalesce(json_agg(json_build_array(
        (extract(epoch from b) * 1000)::int8, c, s, lo, hi) ORDER BY b), '[]')
      FROM (SELECT ${b} AS b, count(*) AS c, sum(value) AS s, min(value) AS lo, max(value) AS hi
              FROM progress_metrics WHERE user_id = '${id}' AND metric_type = 'steps'
             GROUP BY 1) x
     WHERE b >= date_trunc('${bucket}', timestamptz '${from}', '${zone}')
       AND b < timestamptz '${to}'`);
    return JSON.parse(json);
  }
  const shape = (buckets) => buckets.map((x) => [Date.parse(x.start), x.count, x.sum, x.min,
    x.max]);

  for (const z of zoneDays) {
    test(`hour buckets are ${z.zone}'s local hours, also across a DST change`, async () => {
      const u = await suite.newUser();
      const id = await userId(u);
      const zone = await call('PATCH', '/api/v1/users/me', u.access, { timezone: z.zone });
      assert.equal(zone.status, 200, zone.text);
      // Steps every 10 minutes from 12 hours before the local day to 12 hours after it.
      const midnight = Date.parse(z.midnight);
      const points = Array.from({ length: (z.hours + 24) * 6 }, (_, i) => ({
        time: iso(midnight - 12 * hourMs + i * 600000), metric_type: 'steps',
        value: (i * 37) % 100, source: 'healthkit',
      }));
      assert.equal((await post(u, points)).status, 200);

      const day = async (fromMs, toMs, bucket = 'hour') => {
        const res = await call('GET', `/api/v1/analytics/progress/steps?bucket=${bucket}`
          + `&from=${encodeURIComponent(iso(fromMs))}&to=${encodeURIComponent(iso(toMs))}`,
        u.access);
        assert.equal(res.status, 200, res.text);
        assertMatchesContract('GET', SERIES, res);
        assert.equal(res.json.data.timezone, z.zone);
        return res.json.data.buckets;
      };
      // From a point inside the first hour: the series starts at that local hour.
      const from = midnight + 7 * 60000;
      const to = midnight + z.hours * hourMs;
      const hours = await day(from, to);
      assert.equal(hours.length, z.hours);
      assert.equal(hours[0].start, iso(midnight));
      assert.deepEqual(hours.map((x) => new Date(x.start).getUTCMinutes()),
        Array(z.hours).fill(z.minute));
      assert.deepEqual(shape(hours), await rawBuckets(id, z.zone, 'hour', iso(from), iso(to)));
      assert.equal(await psql(`SELECT string_agg(DISTINCT extract(minute FROM bucket_start
        AT TIME ZONE 'UTC')::text, ',') FROM progress_metrics_hourly WHERE user_id = '${id}'`),
      String(z.minute));
      // The local day's bucket holds exactly its hours.
      const days = await day(midnight - 12 * hourMs, to + 12 * hourMs, 'day');
      const theDay = days.find((x) => x.start === iso(midnight));
      assert.equal(theDay.count, hours.reduce((n, x) => n + x.count, 0));
      assert.deepEqual(shape(days), await rawBuckets(id, z.zone, 'day',
        iso(midnight - 12 * hourMs), iso(to + 12 * hourMs)));

      // Deleting the first local hour's largest point recomputes that local hour.
      const first = points.filter((p) => Date.parse(p.time) >= midnight
        && Date.parse(p.time) < midnight + hourMs);
      const top = first.reduce((a, b) => (b.value > a.value ? b : a));
      const del = await call('DELETE', `${METRICS}?metric_type=steps`
        + `&time=${encodeURIComponent(top.time)}&source=healthkit`, u.access);
      assert.equal(del.status, 204, del.text);
      const after = await day(from, to);
      assert.equal(after[0].count, hours[0].count - 1);
      assert.equal(after[0].sum, hours[0].sum - top.value);
      assert.deepEqual(shape(after), await rawBuckets(id, z.zone, 'hour', iso(from), iso(to)));
    });
  }

  test('refuses unknown metrics, buckets and ranges', async () => {
    const u = await suite.newUser();
    const unknown = await call('GET', '/api/v1/analytics/progress/mood', u.access);
    assertError(unknown, 404, 'ANLY_002');
    assertMatchesContract('GET', SERIES, unknown);
    const bad = await call('GET', '/api/v1/analytics/progress/steps?bucket=year&from=x', u.access);
    assertError(bad, 400, 'VAL_001');
    assertMatchesContract('GET', SERIES, bad);
    assert.deepEqual(bad.json.error.details.map((d) => d.field).sort(), ['bucket', 'from']);
    // A range that ends before it starts is named beside the bad bucket, not after it.
    const backwards = await call('GET', '/api/v1/analytics/progress/steps?bucket=year'
      + '&from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', u.access);
    assertError(backwards, 400, 'VAL_001');
    assert.deepEqual(backwards.json.error.details.map((d) => d.field).sort(), ['bucket', 'from']);
    const long = await call('GET', '/api/v1/analytics/progress/steps?bucket=hour'
      + '&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z', u.access);
    assertError(long, 400, 'VAL_001');
  });
});

describe('GET /analytics/dashboard and /analytics/streaks', () => {
  test('summarise today and the logging streak', async () => {
    const u = await suite.newUser();
    const now = Date.now();
    const iso = (ms) => new Date(ms).toISOString();
    await post(u, [
      { time: iso(now - 60000), metric_type: 'steps', value: 1200, source: 'healthkit' },
      { time: iso(now - 120000), metric_type: 'steps', value: 800, source: 'healthkit' },
      { time: iso(now - 60000), metric_type: 'weight_kg', value: 70.2, source: 'manual' },
      { time: iso(now - 86400000), metric_type: 'water_ml', value: 250, source: 'manual' },
    ]);
    const dash = await call('GET', DASHBOARD, u.access);
    assert.equal(dash.status, 200, dash.text);
    assertMatchesContract('GET', DASHBOARD, dash);
    const d = dash.json.data;
    assert.equal(d.timezone, 'UTC');
    assert.equal(d.weight.value_kg, 70.2);
    // The workouts module's part: no workout yet this week, the default weekly goal.
    assert.equal(d.workouts_this_week.sessions, 0);
    assert.equal(d.workouts_this_week.goal_sessions, 3);
    // Both step samples are today unless the test runs in the first two minutes after midnight.
    if (new Date(now - 120000).toISOString().slice(0, 10) === d.date) {
      assert.equal(d.today.steps, 2000);
    }

    const streaks = await call('GET', STREAKS, u.access);
    assert.equal(streaks.status, 200, streaks.text);
    assertMatchesContract('GET', STREAKS, streaks);
    assert.equal(streaks.json.data.logging.current_days, 2);
    assert.equal(streaks.json.data.logging.last_logged_date, d.date);

    const fresh = await suite.newUser();
    const empty = await call('GET', STREAKS, fresh.access);
    assert.deepEqual(empty.json.data.logging,
      { current_days: 0, longest_days: 0, last_logged_date: null });
    assert.deepEqual(empty.json.data.fasting,
      { unit: 'day', current_streak: 0, longest_streak: 0, last_completed_date: null });
    const none = await call('GET', DASHBOARD, fresh.access);
    assert.equal(none.json.data.active_fast, null);
    assert.deepEqual(none.json.data.fasting_streak, empty.json.data.fasting);
  });

  test('show the running fast and the fasting streak as the fasting module has them', async () => {
    const u = await suite.newUser();
    const SESSIONS = '/api/v1/fasting/sessions';
    const ago = (h) => new Date(Date.now() - h * 3600000).toISOString();
    // A completed fast (18 h of a 16 h target) for the streak, then one running for 5 h.
    const done = await call('POST', SESSIONS, u.access, { target_hours: 16, started_at: ago(46) });
    assert.equal(done.status, 201, done.text);
    const ended = await call('POST', `${SESSIONS}/${done.json.data.id}/end`, u.access,
      { ended_at: ago(28) });
    assert.equal(ended.json.data.status, 'completed', ended.text);
    const running = await call('POST', SESSIONS, u.access, { target_hours: 16, started_at: ago(5) });
    assert.equal(running.status, 201, running.text);

    const dash = await call('GET', DASHBOARD, u.access);
    assert.equal(dash.status, 200, dash.text);
    assertMatchesContract('GET', DASHBOARD, dash);
    const current = (await call('GET', `${SESSIONS}/current`, u.access)).json.data;
    const fast = dash.json.data.active_fast;
    assert.equal(fast.id, running.json.data.id);
    assert.equal(fast.protocol_name, null);
    assert.equal(fast.started_at, current.session.started_at);
    assert.equal(fast.target_end_at, current.session.target_end_at);
    // Generous bounds: a loaded CI machine may take seconds between the requests.
    assert.ok(Math.abs(fast.elapsed_seconds - 5 * 3600) <= 60, `elapsed ${fast.elapsed_seconds}`);
    assert.equal(fast.elapsed_seconds + fast.remaining_seconds, 16 * 3600);
    assert.ok(Math.abs(fast.progress - fast.elapsed_seconds / (16 * 3600)) < 1e-9);
    assert.deepEqual(fast.current_stage,
      { slug: current.current_stage.slug, name: current.current_stage.name });
    assert.equal(fast.current_stage.slug, 'catabolic');

    const fastingStreaks = (await call('GET', '/api/v1/fasting/streaks', u.access)).json.data;
    const expected = {
      unit: fastingStreaks.unit,
      current_streak: fastingStreaks.current_streak,
      longest_streak: fastingStreaks.longest_streak,
      last_completed_date: fastingStreaks.last_completed_date,
    };
    assert.equal(expected.longest_streak, 1);
    assert.deepEqual(dash.json.data.fasting_streak, expected);
    const streaks = await call('GET', STREAKS, u.access);
    assertMatchesContract('GET', STREAKS, streaks);
    assert.deepEqual(streaks.json.data.fasting, expected);
  });
});
