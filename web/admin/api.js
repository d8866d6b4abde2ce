// The console's only way to the server: the admin API over fetch, same origin. The access token
// lives in this module's memory (never localStorage or a readable cookie); the refresh token is
// the server's HttpOnly __Host- cookie for web clients (X-Client-Type: web), spent by
// POST /api/v1/auth/refresh to sign in again after a reload or when the access token expires.

const WEB = { 'X-Client-Type': 'web' };

// A hint, not a secret: whether this browser signed in and did not sign out since, so a first
// visit does not ask for a refresh that can only fail (the cookie is unreadable to scripts).
const HINT = 'ugoki-admin-signed-in';

let access = null; // {token, claims}
let refreshing = null; // the refresh in flight, shared by concurrent callers
const listeners = new Set();

/** A refusal from the API: HTTP status, error code, message and the fields at fault. */
export class ApiError extends Error {
  constructor(status, error) {
    super(error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = error?.code ?? null;
    this.details = Array.isArray(error?.details) ? error.details : [];
  }
}

/** Calls `fn(session)` whenever the session changes (signed in: {email, role}; out: null). */
export function onSession(fn) {
  listeners.add(fn);
}

/** The signed-in admin ({id, email, role}) or null. */
export function session() {
  return access ? access.claims : null;
}

function claimsOf(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const c = JSON.parse(atob(payload));
    return { id: c.sub, email: c.email, role: c.role, exp: c.exp };
  } catch {
    return { id: null, email: null, role: null, exp: 0 };
  }
}

function setAccess(token) {
  access = token ? { token, claims: claimsOf(token) } : null;
  try {
    if (token) {
      localStorage.setItem(HINT, '1');
    } else {
      localStorage.removeItem(HINT);
    }
  } catch {
    // Storage disabled: every load then tries the refresh.
  }
  for (const fn of listeners) {
    fn(session());
  }
}

async function readBody(res) {
  const text = await res.text();
  if (!text) {
    return null;
  }
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Whether a refresh could restore a session (this browser signed in and not out since). */
export function mayHaveSession() {
  try {
    return localStorage.getItem(HINT) === '1';
  } catch {
    return true;
  }
}

/** Signs in with email and password; rejects with ApiError (401 AUTH_001, 429, ...). */
export async function signIn(email, password) {
  const res = await fetch('/api/v1/auth/login', {
    method: 'POST',
    headers: { ...WEB, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ email, password }),
    credentials: 'same-origin',
  });
  const body = await readBody(res);
  if (!res.ok) {
    throw new ApiError(res.status, body?.error);
  }
  setAccess(body.data.tokens.access_token);
  return session();
}

/**
 * A new access token from the refresh cookie; resolves to true, or false when there is no
 * session to restore (no cookie, expired, revoked). Concurrent callers share one request: the
 * refresh token is single use, and spending it twice would revoke the whole family.
 */
export function refresh() {
  if (!refreshing) {
    refreshing = (async () => {
      try {
        const res = await fetch('/api/v1/auth/refresh', {
          method: 'POST',
          headers: { ...WEB, Accept: 'application/json' },
          credentials: 'same-origin',
        });
        if (!res.ok) {
          await res.text(); // read to the end: a cancelled body shows as an aborted request
          setAccess(null);
          return false;
        }
        const body = await readBody(res);
        setAccess(body.data.access_token);
        return true;
      } finally {
        refreshing = null;
      }
    })();
  }
  return refreshing;
}

/** Ends this session on the server and clears the cookie; the console forgets the token. */
export async function signOut() {
  const headers = { ...WEB };
  if (access) {
    headers.Authorization = `Bearer ${access.token}`;
  }
  try {
    const res = await fetch('/api/v1/auth/logout', { method: 'POST', headers,
      credentials: 'same-origin' });
    await res.text();
  } finally {
    setAccess(null);
  }
}

function withQuery(path, query) {
  if (!query) {
    return path;
  }
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') {
      params.set(k, String(v));
    }
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * One API call as the signed-in admin. `body` is sent as JSON; `query` becomes the query string
 * (empty values left out); `headers` are added (If-Match, Idempotency-Key). An expired access
 * token is refreshed once and the call repeated. Resolves to {status, data, meta, pagination, headers};
 * rejects with ApiError for any non-2xx answer.
 */
export async function api(method, path, { body, query, headers = {} } = {}) {
  const send = () => {
    const h = { Accept: 'application/json', ...headers };
    if (access) {
      h.Authorization = `Bearer ${access.token}`;
    }
    const init = { method, headers: h, credentials: 'same-origin' };
    if (body !== undefined) {
      h['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(withQuery(path, query), init);
  };
  let res = await send();
  if (res.status === 401 && access) {
    const first = await readBody(res);
    if (!(await refresh())) {
      // The session is over (signing in again shows the form); the caller sees the 401.
      throw new ApiError(401, first?.error);
    }
    res = await send();
  }
  const json = await readBody(res);
  if (!res.ok) {
    throw new ApiError(res.status, json?.error);
  }
  return { status: res.status, data: json?.data ?? null, meta: json?.meta ?? {},
    pagination: json?.pagination ?? null, headers: res.headers };
}

/** A fresh Idempotency-Key for a create, so a retried click never makes two. */
export function idempotencyKey() {
  return crypto.randomUUID();
}
