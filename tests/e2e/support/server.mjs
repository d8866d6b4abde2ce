// Spawns `ugoki serve` on an ephemeral port for end-to-end tests and talks HTTP to it.
//
// The binary is $UGOKI_BIN (scripts/test sets it); the database and Redis URLs come from the
// environment that scripts/test exports. Every line the server prints is kept in `logs` so that
// tests can assert on what was (or was not) logged.
import { spawn } from 'node:child_process';
import net from 'node:net';
import readline from 'node:readline';

const LISTEN_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 35_000; // the server's own drain cap is 30 s

/** Parses one log line; returns the object or null when the line is not JSON. */
function parseJsonLine(line) {
  try {
    const value = JSON.parse(line);
    return value !== null && typeof value === 'object' ? value : null;
  } catch {
    return null;
  }
}

/**
 * Starts $UGOKI_BIN serve with UGOKI_HTTP_PORT=0 and UGOKI_THREADS=2 plus `env` overrides, and
 * resolves once it logs {"msg":"listening","port":N}. Rejects (after killing the process) if it
 * exits first or does not listen within 10 s; the rejection message carries the captured log.
 * Returns {baseUrl, port, proc, logs, stop()}: logs is a live array of every stdout and stderr
 * line (strings, in arrival order); stop() sends SIGTERM, waits for exit and resolves to the
 * exit code (or the signal name if it was killed).
 */
export async function startServer({ env = {}, args = [] } = {}) {
  const bin = process.env.UGOKI_BIN;
  if (!bin) {
    throw new Error('UGOKI_BIN is not set (scripts/test sets it to build/asan/src/ugoki)');
  }
  const proc = spawn(bin, ['serve', ...args], {
    env: {
      ...process.env,
      UGOKI_HTTP_PORT: '0',
      UGOKI_HTTP_HOST: '127.0.0.1',
      UGOKI_THREADS: '2',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs = [];
  const exited = new Promise((resolve) => {
    proc.once('exit', (code, signal) => resolve(code ?? signal));
  });
  // 'exit' may fire before the pipes are drained; 'close' waits for both.
  const closed = new Promise((resolve) => proc.once('close', resolve));

  const port = await new Promise((resolve, reject) => {
    let settled = false;
    const finish = (fn, value) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        fn(value);
      }
    };
    const fail = (why) => {
      const tail = logs.slice(-40).map((l) => `  ${l}`).join('\n');
      finish(reject, new Error(`ugoki serve ${why}\n${tail}`));
    };
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      fail(`did not log "listening" within ${LISTEN_TIMEOUT_MS} ms`);
    }, LISTEN_TIMEOUT_MS);
    for (const source of [proc.stdout, proc.stderr]) {
      readline.createInterface({ input: source, crlfDelay: Infinity }).on('line', (line) => {
        logs.push(line);
        const json = parseJsonLine(line);
        if (json && json.msg === 'listening' && Number.isInteger(json.port)) {
          finish(resolve, json.port);
        }
      });
    }
    proc.once('error', (err) => fail(`could not be spawned: ${err.message}`));
    exited.then((code) => closed.then(() => fail(`exited (${code}) before listening`)));
  });

  let stopping = null;
  const stop = () => {
    if (!stopping) {
      stopping = (async () => {
        if (proc.exitCode === null && proc.signalCode === null) {
          proc.kill('SIGTERM');
        }
        const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_TIMEOUT_MS);
        const code = await exited;
        clearTimeout(timer);
        await closed; // every log line is in `logs` once stop() resolves
        return code;
      })();
    }
    return stopping;
  };

  return { baseUrl: `http://127.0.0.1:${port}`, port, proc, logs, stop };
}

/**
 * Sends one HTTP request with fetch. `body` that is not a string or Buffer is sent as JSON
 * (with Content-Type: application/json unless given). Never throws on HTTP status; resolves to
 * {status, headers (a Headers object), text, json (parsed body, or undefined if not JSON)}.
 */
export async function request(baseUrl, method, path, { headers = {}, body } = {}) {
  const init = { method, headers: { ...headers }, redirect: 'manual' };
  if (body !== undefined) {
    if (typeof body === 'string' || body instanceof Uint8Array) {
      init.body = body;
    } else {
      init.body = JSON.stringify(body);
      const hasType = Object.keys(init.headers).some((k) => k.toLowerCase() === 'content-type');
      if (!hasType) {
        init.headers['content-type'] = 'application/json';
      }
    }
  }
  const res = await fetch(new URL(path, baseUrl), init);
  const text = await res.text();
  let json;
  try {
    json = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/**
 * Writes raw bytes (string or Buffer) to 127.0.0.1:port, for malformed or slow requests, then
 * collects the response until the server closes the connection or `timeoutMs` (default 5000)
 * passes. Resolves to the response text; 'closed' if the server closed without a byte. `chunks`
 * (array) with `delayMs` sends the request piecewise, to imitate a slow client.
 */
export function rawRequest(port, bytes, { timeoutMs = 5000, chunks, delayMs = 0 } = {}) {
  return new Promise((resolve, reject) => {
    const parts = chunks ?? [bytes];
    const received = [];
    let done = false;
    const socket = net.connect({ host: '127.0.0.1', port });
    const finish = () => {
      if (done) {
        return;
      }
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(received).toString('latin1');
      resolve(text.length > 0 ? text : 'closed');
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', (err) => {
      // A reset after the server answered still counts as its answer.
      if (received.length > 0 || err.code === 'ECONNRESET' || err.code === 'EPIPE') {
        finish();
      } else if (!done) {
        done = true;
        clearTimeout(timer);
        reject(err);
      }
    });
    socket.once('connect', async () => {
      for (const [i, part] of parts.entries()) {
        if (done || socket.destroyed) {
          return;
        }
        if (i > 0 && delayMs > 0) {
          await new Promise((r) => setTimeout(r, delayMs));
        }
        if (!done && !socket.destroyed) {
          socket.write(part);
        }
      }
    });
  });
}

/** Returns the log lines that parse as JSON objects and hold every key/value of `match`. */
export function findLogs(logs, match = {}) {
  return logs
    .map(parseJsonLine)
    .filter((j) => j && Object.entries(match).every(([k, v]) => j[k] === v));
}
