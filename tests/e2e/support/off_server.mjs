// An Open Food Facts stand-in for end-to-end tests: speaks the v2 product API's real JSON
// (GET /api/v2/product/{code}.json -> {"code", "status": 1, "status_verbose": "product found",
// "product": {...}} or HTTP 404 {"status": 0, "status_verbose": "product not found"}), records
// every request (path, query, User-Agent), and can answer 503 or never answer for a code.
import http from 'node:http';

/**
 * Starts the stand-in on 127.0.0.1 and an ephemeral port. `products` maps a code to the
 * `product` object OFF would return. Resolves to {baseUrl, requests, products, failWith(code,
 * status), hang(code), delay(code, ms), close()}.
 */
export async function startOffServer(products = {}) {
  const requests = [];
  const failures = new Map(); // code -> HTTP status
  const hanging = new Set();
  const delays = new Map();
  const open = new Set();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://off.test');
    requests.push({ path: url.pathname, fields: url.searchParams.get('fields'),
      userAgent: req.headers['user-agent'] });
    const m = /^\/api\/v2\/product\/(\d+)\.json$/.exec(url.pathname);
    const code = m?.[1];
    if (code && hanging.has(code)) {
      return; // never answers: the client's timeout must end it
    }
    const answer = () => {
      if (code && failures.has(code)) {
        res.writeHead(failures.get(code), { 'content-type': 'text/html' });
        res.end('<html><body>Service temporarily unavailable</body></html>');
        return;
      }
      const product = code ? products[code] : undefined;
      const found = product !== undefined;
      res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(found
        ? { code, product: { code, ...product }, status: 1, status_verbose: 'product found' }
        : { code: code ?? '', status: 0, status_verbose: 'product not found' }));
    };
    const ms = code ? delays.get(code) : undefined;
    if (ms) {
      setTimeout(answer, ms);
    } else {
      answer();
    }
  });
  server.on('connection', (s) => {
    open.add(s);
    s.on('close', () => open.delete(s));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    products,
    failWith: (code, status) => failures.set(code, status),
    hang: (code) => hanging.add(code),
    delay: (code, ms) => delays.set(code, ms),
    close: () => new Promise((resolve) => {
      for (const s of open) {
        s.destroy();
      }
      server.close(resolve);
    }),
  };
}
