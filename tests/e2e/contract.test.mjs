// End-to-end: real responses of every documented route match api/openapi.yaml.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { assertMatchesContract } from './support/contract.mjs';
import { request, startServer } from './support/server.mjs';

let server;
before(async () => {
  server = await startServer({ env: { UGOKI_ENV: 'test' } });
});
after(async () => {
  await server.stop();
});

test('health routes match the contract', async () => {
  assertMatchesContract('GET', '/health/live',
    await request(server.baseUrl, 'GET', '/health/live'));
  assertMatchesContract('GET', '/health/ready',
    await request(server.baseUrl, 'GET', '/health/ready'));
});

test('protocol routes match the contract, errors included', async () => {
  const list = await request(server.baseUrl, 'GET', '/api/v1/fasting/protocols');
  assertMatchesContract('GET', '/api/v1/fasting/protocols', list);
  const id = list.json.data[0].id;
  for (const path of [`/api/v1/fasting/protocols/${id}`, '/api/v1/fasting/protocols/not-a-uuid',
    '/api/v1/fasting/protocols/00000000-0000-4000-8000-000000000000']) {
    assertMatchesContract('GET', '/api/v1/fasting/protocols/{id}',
      await request(server.baseUrl, 'GET', path));
  }
});

test('the contract check itself rejects a body that does not match', () => {
  assert.throws(() => assertMatchesContract('GET', '/health/live', {
    status: 200, json: { success: true, data: { status: 42 }, meta: {} },
  }), /does not match/);
});
