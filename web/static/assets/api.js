// Calls to xiaoqi's REST API and the browser session (cookie + CSRF token).
let csrf = '';
let user = null;

/** APIError is an answer of the API with status >= 400: {"error":{"code","message","details"}}. */
export class APIError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message || ('HTTP ' + status));
    this.status = status;
    this.code = e.code || '';
    this.details = e.details || [];
  }
}

/**
 * api sends a request; a body that is FormData goes as multipart, anything else as JSON;
 * headers are added to the request's (If-Match).
 */
export async function api(method, path, body, headers) {
  const init = { method, headers: { Accept: 'application/json', ...headers }, credentials: 'same-origin' };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && method !== 'HEAD' && csrf) init.headers['X-CSRF-Token'] = csrf;
  const r = await fetch(path, init);
  let data = null;
  const type = r.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try { data = await r.json(); } catch { data = null; }
  }
  if (!r.ok) throw new APIError(r.status, data);
  return data;
}

/** get is api('GET', path + query) with the query built from an object, empty values left out. */
export function get(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (Array.isArray(v)) v.forEach((x) => q.append(k, x));
    else if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return api('GET', s ? path + '?' + s : path);
}

/**
 * getAll follows a list's pages (GET path?…&limit=100&after=next) until it ends or holds max
 * items, and answers { data, more }: more is true when the list goes on past max.
 */
export async function getAll(path, params, max) {
  const data = [];
  let after = '';
  for (;;) {
    const page = await get(path, { ...params, limit: 100, after });
    data.push(...(page.data || []));
    after = page.next || '';
    if (!after) return { data, more: false };
    if (data.length >= max) return { data, more: true };
  }
}

/** currentUser is the signed-in user, or null. */
export function currentUser() { return user; }

/** loadSession asks the server who is signed in (GET /api/v1/session). */
export async function loadSession() {
  try {
    const s = await api('GET', '/api/v1/session');
    user = s.user || null;
    csrf = s.csrf_token || '';
  } catch {
    user = null;
    csrf = '';
  }
}

/** signIn starts a session; the server sets the HttpOnly cookie, the answer carries the CSRF token. */
export async function signIn(username, password) {
  const s = await api('POST', '/api/v1/session', { username, password });
  user = s.user;
  csrf = s.csrf_token || '';
  return user;
}

/** signOut ends the session. */
export async function signOut() {
  try { await api('DELETE', '/api/v1/session'); } finally { user = null; csrf = ''; }
}
