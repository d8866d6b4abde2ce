// A Stripe API stand-in for end-to-end tests, speaking Stripe's wire format: form-encoded POST
// bodies (nested keys such as line_items[0][price] as flat names), Bearer secret key, objects with
// `id` and `object`, Idempotency-Key replays, and Stripe's error shape
// {"error": {"type", "code", "message", "param"}} with 400/401/404. Serves POST /v1/customers,
// POST /v1/checkout/sessions, POST /v1/billing_portal/sessions and GET /v1/subscriptions/:id.
// Records every request (method, path, form fields, headers) for assertions.
import http from 'node:http';
import { randomBytes } from 'node:crypto';

/**
 * Starts the stand-in on 127.0.0.1 and an ephemeral port, accepting `secretKey`. Resolves to
 * {baseUrl, requests, customers, subscriptions, failNext(status), close()}.
 */
export async function startStripeServer(secretKey) {
  const requests = [];
  const customers = new Map();
  const subscriptions = new Map();
  const idempotent = new Map(); // Idempotency-Key -> [status, body]
  let failures = [];
  const id = (prefix) => `${prefix}_${randomBytes(8).toString('hex')}`;

  const error = (res, status, type, message, param) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { type, message, ...(param ? { param, code:
      'parameter_missing' } : {}) } }));
  };

  const handle = (req, res, form) => {
    const url = new URL(req.url, 'http://stripe.test');
    if (req.headers.authorization !== `Bearer ${secretKey}`) {
      return error(res, 401, 'invalid_request_error', 'Invalid API Key provided');
    }
    if (req.method === 'POST' &&
        !String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
      return error(res, 400, 'invalid_request_error', 'Invalid request: form encoding expected');
    }
    const need = (...names) => names.find((n) => !form.get(n));
    const send = (obj) => {
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': id('req') });
      res.end(JSON.stringify(obj));
      return obj;
    };
    if (req.method === 'POST' && url.pathname === '/v1/customers') {
      const metadata = {};
      for (const [k, v] of form) {
        const m = /^metadata\[(.+)\]$/.exec(k);
        if (m) {
          metadata[m[1]] = v;
        }
      }
      const c = { id: id('cus'), object: 'customer', email: form.get('email') ?? null, metadata,
        created: Math.floor(Date.now() / 1000), livemode: false };
      customers.set(c.id, c);
      return send(c);
    }
    if (req.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
      const missing = need('mode', 'line_items[0][price]', 'success_url');
      if (missing) {
        return error(res, 400, 'invalid_request_error', `Missing required param: ${missing}.`,
          missing);
      }
      const customer = form.get('customer');
      if (customer && !customers.has(customer)) {
        return error(res, 400, 'invalid_request_error', `No such customer: '${customer}'`,
          'customer');
      }
      const sid = id('cs_test');
      return send({ id: sid, object: 'checkout.session', mode: form.get('mode'), customer,
        client_reference_id: form.get('client_reference_id') ?? null, status: 'open',
        payment_status: 'unpaid', success_url: form.get('success_url'),
        cancel_url: form.get('cancel_url') ?? null,
        url: `https://checkout.stripe.test/c/pay/${sid}` });
    }
    if (req.method === 'POST' && url.pathname === '/v1/billing_portal/sessions') {
      const customer = form.get('customer');
      if (!customer) {
        return error(res, 400, 'invalid_request_error', 'Missing required param: customer.',
          'customer');
      }
      if (!customers.has(customer)) {
        return error(res, 400, 'invalid_request_error', `No such customer: '${customer}'`,
          'customer');
      }
      const bps = id('bps');
      return send({ id: bps, object: 'billing_portal.session', customer,
        return_url: form.get('return_url') ?? null,
        url: `https://billing.stripe.test/p/session/${bps}` });
    }
    const sub = /^\/v1\/subscriptions\/([A-Za-z0-9_]+)$/.exec(url.pathname);
    if (req.method === 'GET' && sub) {
      const s = subscriptions.get(sub[1]);
      if (!s) {
        return error(res, 404, 'invalid_request_error', `No such subscription: '${sub[1]}'`,
          'id');
      }
      return send(s);
    }
    return error(res, 404, 'invalid_request_error', `Unrecognized request URL (${req.method}: ${
      url.pathname}).`);
  };

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString();
      const form = new URLSearchParams(text);
      requests.push({ method: req.method, path: new URL(req.url, 'http://s').pathname,
        form: Object.fromEntries(form), headers: req.headers });
      if (failures.length > 0) {
        const status = failures.shift();
        return error(res, status, 'api_error', 'An unknown error occurred');
      }
      const key = req.headers['idempotency-key'];
      if (key && idempotent.has(key)) {
        const [status, body] = idempotent.get(key);
        res.writeHead(status, { 'content-type': 'application/json', 'idempotent-replayed':
          'true' });
        res.end(body);
        return;
      }
      if (key) {
        // Capture what handle() writes, for a replay of the same key.
        const writeHead = res.writeHead.bind(res);
        const end = res.end.bind(res);
        let status = 200;
        res.writeHead = (s, h) => { status = s; return writeHead(s, h); };
        res.end = (body) => { idempotent.set(key, [status, body]); return end(body); };
      }
      handle(req, res, form);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    customers,
    subscriptions,
    failNext(status) {
      failures.push(status);
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(resolve);
    }),
  };
}
