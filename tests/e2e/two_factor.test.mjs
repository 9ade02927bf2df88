// Two-factor login (TOTP) and the login throttle, through the real binary:
// the municipality requires a second factor, a professional's password-only
// login reaches only the enrolment, the codes come from an RFC 6238
// implementation here in Node (as an authenticator app makes them), a code
// is accepted once, and too many wrong passwords answer 429 with Retry-After.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { axeViolations, closeBrowser, formatViolations, launchBrowser } from './lib/browser.mjs';
import { Client, expectStatus } from './lib/http.mjs';
import { makeTempDir, removeTempDir, runOk } from './lib/server.mjs';
import { password, prepareTown } from './lib/town.mjs';

const PRO = 'e2e.2fa.pro';
const GUESSED = 'e2e.2fa.guessed';

// RFC 4648 base32 to bytes (what the enrolment hands out).
function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const bytes = [];
  for (const char of text.replace(/[\s=]/g, '').toUpperCase()) {
    const index = alphabet.indexOf(char);
    assert.ok(index >= 0, `not base32: ${text}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

// RFC 6238 with HMAC-SHA1, 30-second steps and 6 digits, at `seconds` since the epoch.
export function totp(secret, seconds = Date.now() / 1000) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(seconds / 30)));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const number = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(number).padStart(6, '0');
}

describe('two-factor login and the login throttle', () => {
  let town;
  let browser;
  let pro; // PRO's first session: enrolment only, until enrolled
  let secret;
  let keys;

  before(async () => {
    // The secrets are sealed with a key kept outside the database.
    keys = await makeTempDir('two-factor-keys');
    const keyFile = path.join(keys, 'totp.key');
    await runOk(['two-factor', 'new-key', '--to', keyFile]);
    town = await prepareTown({
      backend: { name: 'sqlite' },
      label: 'two-factor',
      serverArgs: ['--totp-key-file', keyFile],
      users: ({ team }) => [
        { username: PRO, name: 'Tamara Tweestaps', role: 'professional', team: team.name },
        { username: GUESSED, name: 'Geert Geraden', role: 'professional', team: team.name },
      ],
    });
    // The demo switches the policy off; a real municipality has it on. Read per request: no restart.
    await runOk(['two-factor', 'require', '--db', town.db, 'on']);
    browser = await launchBrowser();
  });

  after(async () => {
    await closeBrowser(browser);
    await town?.close();
    await removeTempDir(keys);
  });

  test('the RFC 6238 test vectors hold for the Node implementation used here', () => {
    const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890"
    assert.equal(totp(rfcSecret, 59), '287082');
    assert.equal(totp(rfcSecret, 1111111109), '081804');
    assert.equal(totp(rfcSecret, 20000000000), '353130');
  });

  test('a password-only login reaches only the enrolment', async () => {
    pro = new Client(town.server.url);
    const login = await pro.post('/api/v1/login', { json: { username: PRO, password } });
    expectStatus(login, 200, 'login with the password');
    assert.equal(login.json.two_factor_enrolment_required, true);
    pro.csrfToken = login.json.csrf_token;

    const referrals = await pro.get('/api/v1/me/referrals');
    expectStatus(referrals, 403, 'the inbox API before enrolling');
    assert.equal(referrals.json.code, 'two_factor.enrolment_required');
    const inbox = await pro.get('/inbox');
    expectStatus(inbox, 303, 'the inbox page before enrolling');
    assert.equal(inbox.location, '/account/tweestapsverificatie');
    const status = await pro.get('/api/v1/me/two-factor');
    expectStatus(status, 200, 'the two-factor status');
    assert.deepEqual(status.json, { enabled: false, enrolment_required: true });

    const page = await pro.get('/account/tweestapsverificatie');
    expectStatus(page, 200, 'the enrolment page');
    assert.match(page.text, /<svg[^>]* role="img"/);
    assert.match(page.text, /id="two-factor-secret">[A-Z2-7 ]{39}</);
    assert.match(page.text, /autocomplete="one-time-code"/);
    assert.doesNotMatch(page.text, /href="\/inbox"/, 'the menu offers nothing the session may not open');
  });

  test('the enrolment page passes axe, also after a wrong code', async () => {
    const context = await browser.newContext({ bypassCSP: true, locale: 'nl-NL' });
    try {
      await context.addCookies([{ name: 'gz_session', value: pro.cookies.get('gz_session'), url: town.server.url }]);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      for (const lang of ['nl', 'en']) {
        const response = await page.goto(`${town.server.url}/account/tweestapsverificatie?lang=${lang}`);
        assert.equal(response.status(), 200);
        let violations = await axeViolations(page);
        assert.equal(violations.length, 0, `axe on the enrolment page (${lang}):\n${formatViolations(violations)}`);

        await page.locator('#code').fill('000000');
        const [answer] = await Promise.all([
          page.waitForResponse((r) => r.request().method() === 'POST'),
          page.waitForEvent('load'),
          page.locator('#two-factor-submit').click(),
        ]);
        assert.equal(answer.status(), 422, 'a wrong code');
        assert.ok(await page.locator('#error-summary').isVisible(), '#error-summary');
        assert.equal(await page.locator('#code').getAttribute('aria-invalid'), 'true');
        violations = await axeViolations(page);
        assert.equal(violations.length, 0, `axe after a wrong code (${lang}):\n${formatViolations(violations)}`);
      }
    } finally {
      await context.close();
    }
  });

  test('enrolling through the API opens the session', async () => {
    const started = await pro.postWithCsrf('/api/v1/me/two-factor');
    expectStatus(started, 200, 'starting the enrolment');
    secret = started.json.secret;
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.match(started.json.otpauth_uri, new RegExp(`^otpauth://totp/[^?]+:${encodeURIComponent(PRO).replace(/\./g, '\\.')}\\?secret=${secret}&`));

    const wrong = await pro.postWithCsrf('/api/v1/me/two-factor/confirm', { json: { code: totp(secret) === '123456' ? '654321' : '123456' } });
    expectStatus(wrong, 422, 'a wrong code');
    const confirmed = await pro.postWithCsrf('/api/v1/me/two-factor/confirm', { json: { code: totp(secret) } });
    expectStatus(confirmed, 200, 'confirming with the current code');
    assert.deepEqual(confirmed.json, { enabled: true });
    expectStatus(await pro.get('/api/v1/me/referrals'), 200, 'the inbox API after enrolling, same session');
    const again = await pro.postWithCsrf('/api/v1/me/two-factor');
    expectStatus(again, 409, 'starting again once enrolled');
    expectStatus(await pro.postWithCsrf('/api/v1/logout'), 204, 'logout');
  });

  test('the database holds the secret sealed, not as it is', () => {
    const read = spawnSync('python3', ['-c', 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT totp_secret FROM users WHERE username = ?", (sys.argv[2],)).fetchone()[0])', town.db, PRO], { encoding: 'utf8' });
    assert.equal(read.status, 0, read.stderr);
    const stored = read.stdout.trim();
    assert.match(stored, /^sb1:[0-9a-f]{16}:/);
    assert.ok(!stored.includes(secret.replace(/\s/g, '')), 'the secret itself is not in the database');
  });

  test('after enrolling, a login needs the code, and a code works once', async () => {
    const client = new Client(town.server.url);
    const passwordOnly = await client.post('/api/v1/login', { json: { username: PRO, password } });
    expectStatus(passwordOnly, 401, 'the password without a code');
    const wrongAndNoCode = await client.post('/api/v1/login', { json: { username: PRO, password: 'not it either' } });
    // The same answer as a wrong password: nothing tells that the password alone was right.
    assert.equal(passwordOnly.json.code, 'login.failed');
    assert.deepEqual(passwordOnly.json, wrongAndNoCode.json);
    assert.ok(!client.cookies.has('gz_session'), 'no session without the code');
    const wrongPassword = await client.post('/api/v1/login', { json: { username: PRO, password: 'not it', code: totp(secret) } });
    expectStatus(wrongPassword, 401, 'a wrong password with a code');
    assert.equal(wrongPassword.json.code, 'login.failed');

    const form = await client.get('/inloggen');
    const csrf = /name="csrf_token" value="([^"]+)"/.exec(form.text)?.[1];
    assert.ok(csrf, 'the login form has a CSRF token');
    const page = await client.post('/inloggen', { form: { csrf_token: csrf, next: '/inbox', username: PRO, password } });
    expectStatus(page, 401, 'the login form without a code');
    assert.match(page.text, /id="login-error"/);
    assert.match(page.text, /id="code"[^>]*autocomplete="one-time-code"/);

    // The enrolment used the current step's code; the next step's is accepted (one step of leeway).
    const code = totp(secret, Date.now() / 1000 + 30);
    const login = await client.post('/api/v1/login', { json: { username: PRO, password, code } });
    expectStatus(login, 200, 'the password and a code');
    assert.equal(login.json.two_factor_enrolment_required, false);
    client.csrfToken = login.json.csrf_token;
    expectStatus(await client.get('/api/v1/me/referrals'), 200, 'the inbox API');

    const replay = await new Client(town.server.url).post('/api/v1/login', { json: { username: PRO, password, code } });
    expectStatus(replay, 401, 'the same code again');
    assert.equal(replay.json.code, 'login.failed');
  });

  test('six wrong passwords: the sixth attempt answers 429 with Retry-After, page and API', async () => {
    const client = new Client(town.server.url);
    for (let i = 1; i <= 5; i++) {
      const response = await client.post('/api/v1/login', { json: { username: GUESSED, password: `guess ${i}` } });
      expectStatus(response, 401, `wrong password ${i}`);
    }
    const sixth = await client.post('/api/v1/login', { json: { username: GUESSED, password: 'guess 6' } });
    expectStatus(sixth, 429, 'the sixth attempt');
    assert.equal(sixth.json.code, 'login.throttled');
    const retryAfter = Number(sixth.headers.get('retry-after'));
    assert.ok(retryAfter > 800 && retryAfter <= 900, `Retry-After ${sixth.headers.get('retry-after')}`);

    const right = await client.post('/api/v1/login', { json: { username: GUESSED, password } });
    expectStatus(right, 429, 'even the right password while throttled');

    const form = await client.get('/inloggen');
    const csrf = /name="csrf_token" value="([^"]+)"/.exec(form.text)?.[1];
    assert.ok(csrf, 'the login form has a CSRF token');
    const page = await client.post('/inloggen', { form: { csrf_token: csrf, next: '/inbox', username: GUESSED, password } });
    expectStatus(page, 429, 'the login form while throttled');
    assert.ok(Number(page.headers.get('retry-after')) > 0, 'Retry-After on the page');
    assert.match(page.text, /id="login-error"/);
  });
});
