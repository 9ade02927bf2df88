// A small HTTP client over fetch, with a cookie jar and no automatic
// redirects, so tests see each status and Set-Cookie exactly as sent.
import assert from 'node:assert/strict';

export class Client {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
    this.cookies = new Map();
    this.csrfToken = null;
    this.user = null;
  }

  cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  // options: json (serialised, Content-Type application/json unless given),
  // form (urlencoded: object or [name, value] pairs), body, headers.
  async request(method, path, { json, form, body, headers = {}, duplex } = {}) {
    const sent = { ...headers };
    const has = (name) => Object.keys(sent).some((key) => key.toLowerCase() === name);
    if (json !== undefined) {
      body = JSON.stringify(json);
      if (!has('content-type')) sent['content-type'] = 'application/json';
    }
    if (form !== undefined) {
      body = new URLSearchParams(form).toString();
      if (!has('content-type')) sent['content-type'] = 'application/x-www-form-urlencoded';
    }
    if (this.cookies.size && !has('cookie')) sent.cookie = this.cookieHeader();
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: sent,
      body,
      redirect: 'manual',
      ...(duplex ? { duplex } : {}),
    });
    const setCookies = setCookieLines(response.headers);
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    const location = response.headers.get('location');
    return {
      status: response.status,
      headers: response.headers,
      setCookies,
      text,
      // The redirect target as path and query, whether sent absolute or relative.
      location: location === null ? null : pathAndQuery(new URL(location, this.baseUrl)),
      get json() {
        try {
          return JSON.parse(text);
        } catch {
          throw new Error(`${method} ${path} answered ${response.status} with no JSON: ${text.slice(0, 300)}`);
        }
      },
      describe() {
        return `${method} ${path} -> ${response.status} ${response.headers.get('content-type') ?? ''}: ${text.slice(0, 400)}`;
      },
    };
  }

  get(path, options) {
    return this.request('GET', path, options);
  }

  post(path, options) {
    return this.request('POST', path, options);
  }

  // Logs in through the JSON API and keeps the session cookie and CSRF token.
  async login(username, password) {
    const response = await this.post('/api/v1/login', { json: { username, password } });
    assert.equal(response.status, 200, `login as ${username}: ${response.describe()}`);
    assert.ok(this.cookies.has('gz_session'), `login as ${username} set no gz_session cookie`);
    this.csrfToken = response.json.csrf_token;
    this.user = response.json.user;
    return this.user;
  }

  // A POST with the session's CSRF header.
  postWithCsrf(path, options = {}) {
    return this.post(path, { ...options, headers: { 'x-csrf-token': this.csrfToken, ...(options.headers ?? {}) } });
  }
}

// Each Set-Cookie header. Node.js 18's fetch (Debian 12) has no
// getSetCookie() and joins them with ", "; a new cookie starts where a comma
// is followed by name=, which an Expires date (", 01 Jan 1970") never is.
function setCookieLines(headers) {
  if (typeof headers.getSetCookie === 'function') return headers.getSetCookie();
  const joined = headers.get('set-cookie');
  return joined === null ? [] : joined.split(/,\s*(?=[^;,=\s]+=)/);
}

export function pathAndQuery(url) {
  return url.pathname + url.search;
}

// Asserts a status and says what came instead.
export function expectStatus(response, status, what = '') {
  assert.equal(response.status, status, `${what ? `${what}: ` : ''}expected ${status}, got ${response.describe()}`);
}

export function expectJson(response) {
  const type = response.headers.get('content-type') ?? '';
  assert.match(type, /^application\/json\b/, `Content-Type of ${response.describe()}`);
  return response.json;
}

// The calendar date in Amsterdam as YYYY-MM-DD. From the parts, because a
// locale's pattern differs between ICU versions (en-CA is 12/4/2026 in
// Debian 12's ICU 72 and 2026-12-04 in newer ones).
export function dateInAmsterdam(date) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(date)
      .map(({ type, value }) => [type, value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

// Today's date where the municipality is (promises are kept by the Dutch calendar day).
export function todayInAmsterdam(now = new Date()) {
  return dateInAmsterdam(now);
}

export const referencePattern = /^GZ-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
export const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

// One request over a bare TCP connection, written in pieces with pauses
// between them, so that a server that answers before reading everything
// cannot lose its answer to the client still writing: {status, headers, body}
// of what came back (status 0 when nothing did).
export async function rawExchange(baseUrl, head, pieces = [], { pauseMs = 20 } = {}) {
  const { createConnection } = await import('node:net');
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    const socket = createConnection({ host: hostname, port: Number(port) });
    const timer = setTimeout(() => socket.destroy(), 10_000);
    socket.on('data', (data) => (received = Buffer.concat([received, data])));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      const text = received.toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      const lines = (end < 0 ? text : text.slice(0, end)).split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1] ?? 0);
      const headers = new Map();
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      resolve({ status, headers, body: end < 0 ? '' : text.slice(end + 4) });
    });
    socket.on('connect', async () => {
      socket.write(head);
      for (const piece of pieces) {
        if (socket.destroyed || socket.writableEnded) break;
        socket.write(piece);
        await new Promise((r) => setTimeout(r, pauseMs));
      }
    });
  });
}
