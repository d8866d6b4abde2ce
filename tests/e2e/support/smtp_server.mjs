// An SMTP server (RFC 5321) for end-to-end tests: it stands in for the mail relay, records every
// message it accepts, lets a test wait for the mail to an address, and can refuse transactions
// (451, or a dropped connection) to simulate an outage. Plain SMTP only: no TLS, no AUTH.
import net from 'node:net';

const GREETING = '220 smtp.e2e.test ESMTP Ugoki test stand-in';
const EHLO_LINES = ['smtp.e2e.test greets you', '8BITMIME', 'SIZE 10485760', 'HELP'];
const MAX_LINE = 1000 * 64; // a command line longer than this closes the connection

/** The address inside "<addr>" (or the bare text), trimmed; '' for the null path "<>". */
function pathOf(text) {
  const m = /^\s*<([^>]*)>/.exec(text);
  return (m ? m[1] : text.trim().split(/\s+/)[0] ?? '').trim();
}

/** Decodes RFC 2047 encoded-words (=?charset?B|Q?...?=) in a header value. */
function decodeWords(value) {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset, enc, text) => {
    if (enc.toUpperCase() === 'B') {
      return Buffer.from(text, 'base64').toString('utf8');
    }
    const bytes = text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g,
      (__, hex) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  });
}

/** The body's text after undoing its Content-Transfer-Encoding (7bit, 8bit, QP, base64). */
function decodeBody(raw, encoding = '') {
  const enc = encoding.trim().toLowerCase();
  if (enc === 'base64') {
    return Buffer.from(raw.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  if (enc === 'quoted-printable') {
    const bytes = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g,
      (_, hex) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return raw;
}

/**
 * Splits RFC 5322 text into {headers, headerList, body}: headers maps each lowercased name to
 * its first value (unfolded, encoded-words decoded); headerList keeps every [name, value] in
 * order; body is the text after the blank line, transfer encoding undone.
 */
export function parseMessage(data) {
  const split = data.indexOf('\r\n\r\n');
  const head = split < 0 ? data : data.slice(0, split);
  const rawBody = split < 0 ? '' : data.slice(split + 4);
  const headerList = [];
  for (const line of head.split('\r\n')) {
    if (/^[ \t]/.test(line) && headerList.length > 0) {
      headerList[headerList.length - 1][1] += ` ${line.trim()}`;
    } else {
      const colon = line.indexOf(':');
      if (colon > 0) {
        headerList.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
      }
    }
  }
  const headers = {};
  for (const [name, value] of headerList) {
    if (!(name in headers)) {
      headers[name] = decodeWords(value);
    }
  }
  return {
    headers,
    headerList,
    body: decodeBody(rawBody, headers['content-transfer-encoding']),
  };
}

/**
 * One SMTP stand-in listening on 127.0.0.1. Start it with SmtpServer.start() or
 * startSmtpServer(); `url` is what the server under test takes as UGOKI_SMTP_URL.
 *
 * Recorded messages are {from, to: [addresses], data (raw RFC 5322 text, dot-stuffing undone),
 * headers, headerList, body, receivedAt (ms since epoch)}. Refused transactions are recorded in
 * `refusals` as {mode, from, to, at (ms since epoch)}.
 */
export class SmtpServer {
  constructor() {
    this.server = null;
    this.messages = [];
    this.refusals = [];
    this.sockets = new Set();
    this.failures = []; // pending failNext() modes, one per transaction
    this.waiters = []; // {address, resolve, reject, timer}
    this.delivered = new Map(); // address -> how many of its messages waitFor() has returned
  }

  /** Listens on `host` (default 127.0.0.1) and `port` (default 0: any free one). */
  static async start({ host = '127.0.0.1', port = 0 } = {}) {
    const smtp = new SmtpServer();
    smtp.server = net.createServer((socket) => smtp.#session(socket));
    await new Promise((resolve, reject) => {
      smtp.server.once('error', reject);
      smtp.server.listen(port, host, () => {
        smtp.server.off('error', reject);
        resolve();
      });
    });
    return smtp;
  }

  get port() {
    return this.server.address().port;
  }

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Every message accepted so far, oldest first (a copy). */
  list() {
    return [...this.messages];
  }

  /** Every accepted message with `address` among its envelope recipients. */
  messagesTo(address) {
    const want = address.toLowerCase();
    return this.messages.filter((m) => m.to.some((t) => t.toLowerCase() === want));
  }

  /**
   * Resolves to the next message to `address` (envelope recipient, compared without case) that
   * no earlier waitFor() for it returned, whether it arrived before the call or arrives within
   * `timeoutMs` (default 5000); rejects after that.
   */
  waitFor(address, { timeoutMs = 5000 } = {}) {
    const key = address.toLowerCase();
    const ready = this.#take(key);
    if (ready) {
      return Promise.resolve(ready);
    }
    return new Promise((resolve, reject) => {
      const waiter = { key, resolve, reject };
      waiter.timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`smtp: no message to ${address} within ${timeoutMs} ms ` +
          `(${this.messages.length} received, ${this.refusals.length} refused)`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /**
   * Makes the next `count` transactions fail. mode '451' (default) answers MAIL FROM with
   * "451 4.3.0" (a temporary failure: the client should retry later); 'data' accepts the message
   * and answers its final dot with 451, discarding it; 'close' drops the connection at MAIL FROM.
   */
  failNext(count = 1, mode = '451') {
    if (!['451', 'data', 'close'].includes(mode)) {
      throw new Error(`smtp: unknown failure mode ${mode}`);
    }
    for (let i = 0; i < count; i += 1) {
      this.failures.push(mode);
    }
  }

  /** Stops listening, drops open connections and rejects pending waitFor() calls. */
  async close() {
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(new Error('smtp: server closed'));
    }
    for (const s of this.sockets) {
      s.destroy();
    }
    await new Promise((resolve) => this.server.close(() => resolve()));
  }

  #take(key) {
    const seen = this.delivered.get(key) ?? 0;
    const all = this.messagesTo(key);
    if (all.length > seen) {
      this.delivered.set(key, seen + 1);
      return all[seen];
    }
    return null;
  }

  #accept(message) {
    this.messages.push(message);
    for (const w of [...this.waiters]) {
      if (message.to.some((t) => t.toLowerCase() === w.key)) {
        const next = this.#take(w.key);
        if (next) {
          clearTimeout(w.timer);
          this.waiters = this.waiters.filter((x) => x !== w);
          w.resolve(next);
        }
      }
    }
  }

  // One connection: a line-oriented state machine. Bytes are handled as latin1 (one char per
  // byte) and the message is decoded as UTF-8 at the end, so 8-bit bodies survive intact.
  #session(socket) {
    this.sockets.add(socket);
    socket.setEncoding('latin1');
    const reply = (line) => {
      if (!socket.destroyed) {
        socket.write(`${line}\r\n`, 'latin1');
      }
    };
    let buffer = '';
    let greeted = false;
    let tx = null; // {from, to: [], failure} while a transaction is open
    let dataLines = null; // array while reading DATA

    const reset = () => {
      tx = null;
      dataLines = null;
    };

    const endData = () => {
      const data = Buffer.from(dataLines.join('\r\n') + (dataLines.length ? '\r\n' : ''),
        'latin1').toString('utf8');
      const { from, to, failure } = tx;
      reset();
      if (failure === 'data') {
        this.refusals.push({ mode: failure, from, to, at: Date.now() });
        reply('451 4.3.0 Temporary failure, try again later');
        return;
      }
      this.#accept({ from, to, data, ...parseMessage(data), receivedAt: Date.now() });
      reply('250 2.0.0 OK queued');
    };

    const command = (line) => {
      const verb = line.slice(0, 4).toUpperCase();
      const arg = line.slice(4);
      switch (verb) {
        case 'EHLO':
          greeted = true;
          reset();
          EHLO_LINES.forEach((l, i) => reply(`250${i + 1 < EHLO_LINES.length ? '-' : ' '}${l}`));
          return;
        case 'HELO':
          greeted = true;
          reset();
          reply('250 smtp.e2e.test');
          return;
        case 'MAIL': {
          if (!/^ FROM:/i.test(arg)) {
            reply('501 5.5.4 Syntax: MAIL FROM:<address>');
          } else if (!greeted) {
            reply('503 5.5.1 Send EHLO or HELO first');
          } else if (tx) {
            reply('503 5.5.1 Nested MAIL command');
          } else {
            const failure = this.failures.shift();
            const from = pathOf(arg.slice(6));
            if (failure === 'close') {
              this.refusals.push({ mode: failure, from, to: [], at: Date.now() });
              socket.destroy();
            } else if (failure === '451') {
              this.refusals.push({ mode: failure, from, to: [], at: Date.now() });
              reply('451 4.3.0 Temporary failure, try again later');
            } else {
              tx = { from, to: [], failure };
              reply('250 2.1.0 OK');
            }
          }
          return;
        }
        case 'RCPT':
          if (!/^ TO:/i.test(arg)) {
            reply('501 5.5.4 Syntax: RCPT TO:<address>');
          } else if (!tx) {
            reply('503 5.5.1 Need MAIL first');
          } else {
            const to = pathOf(arg.slice(4));
            if (!to.includes('@')) {
              reply('553 5.1.3 Bad recipient address syntax');
            } else {
              tx.to.push(to);
              reply('250 2.1.5 OK');
            }
          }
          return;
        case 'DATA':
          if (!tx || tx.to.length === 0) {
            reply('503 5.5.1 Need MAIL and RCPT first');
          } else {
            dataLines = [];
            reply('354 End data with <CR><LF>.<CR><LF>');
          }
          return;
        case 'RSET':
          reset();
          reply('250 2.0.0 OK');
          return;
        case 'NOOP':
          reply('250 2.0.0 OK');
          return;
        case 'VRFY':
          reply('252 2.5.2 Cannot VRFY user');
          return;
        case 'HELP':
          reply('214 2.0.0 EHLO HELO MAIL RCPT DATA RSET NOOP QUIT');
          return;
        case 'QUIT':
          reply('221 2.0.0 Bye');
          socket.end();
          return;
        default:
          reply('500 5.5.2 Command not recognized');
      }
    };

    socket.on('data', (chunk) => {
      buffer += chunk;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0 && !socket.destroyed) {
        const line = buffer.slice(0, nl).replace(/\r$/, '');
        buffer = buffer.slice(nl + 1);
        if (dataLines) {
          if (line === '.') {
            endData();
          } else {
            // RFC 5321 4.5.2: a leading dot was doubled by the client; remove one.
            dataLines.push(line.startsWith('.') ? line.slice(1) : line);
          }
        } else {
          command(line);
        }
      }
      if (!dataLines && buffer.length > MAX_LINE) {
        reply('500 5.5.2 Line too long');
        socket.destroy();
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => this.sockets.delete(socket));
    reply(GREETING);
  }
}

/** Starts an SmtpServer on 127.0.0.1 and a free port; see SmtpServer. */
export function startSmtpServer(options) {
  return SmtpServer.start(options);
}
