// Faces with photos through the real server, on both databases: a
// professional uploads a photo on their account page (a real multipart form
// in the browser), the administrator sets one for someone else, the API takes
// the image as its body; the face is the server's own 256 x 256 JPEG, never
// the upload; each bad upload gets a 4xx naming the photo; without a photo
// the face is the initials.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { axeViolations, closeBrowser, focusComesInto, formatViolations, launchBrowser } from './lib/browser.mjs';
import { png } from './lib/images.mjs';
import { Client, expectJson, expectStatus } from './lib/http.mjs';
import { backends } from './lib/server.mjs';
import { loggedIn, prepareTown } from './lib/town.mjs';

const PRO = 'e2e.photos.pro';
const OTHER = 'e2e.photos.other';
const ADMIN = 'e2e.photos.admin';

// Left half red, right half blue: the centre square keeps both.
const portrait = () => png(300, 200, (x) => (x < 150 ? [200, 30, 30] : [30, 30, 200]));

// The size a JPEG's frame header (SOF0) gives.
function jpegSize(bytes) {
  for (let i = 2; i < bytes.length - 8; i += 1) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xc0) return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
  }
  return null;
}

async function getBytes(client, url, headers = {}) {
  const response = await fetch(new URL(url, client.baseUrl), { headers });
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    headers: response.headers,
    bytes,
    describe: () => `GET ${url} -> ${response.status} ${response.headers.get('content-type')} (${bytes.length} bytes)`,
  };
}

// The page form as a browser sends it: multipart, with the CSRF token.
async function sendForm(client, page, action, file, name = 'gezicht.png', type = 'image/png') {
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(page.text)[1];
  const form = new FormData();
  form.append('csrf_token', csrf);
  if (file) form.append('photo', new Blob([file], { type }), name);
  return client.post(action, { body: form });
}

for (const backend of backends()) {
  describe(`faces with photos on ${backend.name}`, () => {
    let town;
    let pro;
    let admin;
    let browser;
    let files;

    before(async () => {
      town = await prepareTown({
        backend,
        label: `photos-${backend.name}`,
        users: ({ team }) => [
          { username: PRO, name: 'Priya Portret', role: 'professional', team: team.name },
          { username: OTHER, name: 'Otto Ander', role: 'professional', team: team.name },
          { username: ADMIN, name: 'Bea Beheer', role: 'admin' },
        ],
      });
      pro = await loggedIn(town, PRO);
      admin = await loggedIn(town, ADMIN);
      browser = await launchBrowser();
      files = await mkdtemp(path.join(os.tmpdir(), 'gezicht-photos-'));
    });

    after(async () => {
      await closeBrowser(browser);
      await town?.close();
      if (files) await rm(files, { recursive: true, force: true });
    });

    test('without a photo the face is the initials', async () => {
      const face = await getBytes(pro, `/gezichten/${pro.user.id}`);
      expectStatus(face, 200);
      assert.match(face.headers.get('content-type'), /^image\/svg\+xml/);
      assert.match(face.bytes.toString(), />PP</, 'the initials of Priya Portret');
      const front = expectJson(await pro.get(`/api/v1/frontdoor?postcode=${town.demo.example_postcode}`));
      const person = front.people.find((p) => p.id === pro.user.id);
      assert.equal(person.photo_url, `/gezichten/${pro.user.id}`);
    });

    test('a photo through the account page becomes the server\'s square JPEG', async () => {
      const page = await pro.get('/account');
      expectStatus(page, 200);
      assert.match(page.text, /enctype="multipart\/form-data"/);
      const sent = await sendForm(pro, page, '/account/foto', portrait());
      assert.equal(sent.status, 303, sent.describe());
      assert.equal(sent.location, '/account?foto=opgeslagen');
      const face = await getBytes(pro, `/gezichten/${pro.user.id}`);
      expectStatus(face, 200);
      assert.equal(face.headers.get('content-type'), 'image/jpeg');
      assert.deepEqual([...face.bytes.subarray(0, 3)], [0xff, 0xd8, 0xff]);
      assert.deepEqual(jpegSize(face.bytes), { width: 256, height: 256 });
      assert.ok(!face.bytes.includes(Buffer.from('IHDR')), 'nothing of the PNG is served');
      const etag = face.headers.get('etag');
      assert.match(etag, /^"[0-9a-f]{32}"$/);
      const again = await getBytes(pro, `/gezichten/${pro.user.id}`, { 'if-none-match': etag });
      assert.equal(again.status, 304);
    });

    test('each bad upload is refused with the photo named, on the page and in the API', async () => {
      const page = await pro.get('/account');
      const cases = [
        ['a text file', Buffer.from('dit is geen foto\n'), 'Dit is geen JPEG- of PNG-foto'],
        ['a truncated PNG', portrait().subarray(0, 200), 'beschadigd'],
        ['too many pixels', png(2, 2, () => [0, 0, 0], { width: 5000, height: 10 }), '4000 bij 4000'],
        ['no file at all', null, 'Kies een foto'],
      ];
      for (const [what, file, message] of cases) {
        const answer = await sendForm(pro, page, '/account/foto', file);
        assert.equal(answer.status, 422, `${what}: ${answer.describe()}`);
        assert.match(answer.text, /href="#photo-file"/, `${what}: the error summary links to the field`);
        assert.ok(answer.text.includes(message), `${what}: says why (${message})`);
      }
      for (const [what, file, key] of [
        ['a text file', Buffer.from('GIF89a not a photo'), 'unknown_type'],
        ['a corrupt PNG', portrait().subarray(0, 100), 'corrupt'],
        ['more than 2 MB', Buffer.concat([portrait(), Buffer.alloc(2 * 1024 * 1024)]), 'too_large'],
      ]) {
        const answer = await pro.postWithCsrf('/api/v1/me/photo', { body: file, headers: { 'content-type': 'image/png' } });
        // The API takes PUT, not POST; and a POST there is no upload, so a large one is not even read.
        assert.equal(answer.status, file.length > 64 * 1024 ? 413 : 405, `${what}: POST`);
        const put = await pro.request('PUT', '/api/v1/me/photo', {
          body: file,
          headers: { 'content-type': 'image/png', 'x-csrf-token': pro.csrfToken },
        });
        assert.equal(put.status, 422, `${what}: ${put.describe()}`);
        assert.deepEqual(Object.keys(put.json.errors), ['photo'], what);
        void key;
      }
      const huge = await pro.request('PUT', '/api/v1/me/photo', {
        body: Buffer.alloc(3 * 1024 * 1024),
        headers: { 'content-type': 'image/png', 'x-csrf-token': pro.csrfToken },
      });
      assert.equal(huge.status, 413, 'a body over the upload limit is not read');
      const elsewhere = await pro.postWithCsrf('/api/v1/referrals', { body: Buffer.alloc(100 * 1024), headers: { 'content-type': 'application/json' } });
      assert.equal(elsewhere.status, 413, 'only uploads may be large');
    });

    test('the administrator sets and removes anyone\'s photo; a colleague may not', async () => {
      const other = (await loggedIn(town, OTHER)).user.id;
      const list = await admin.get('/beheer');
      assert.ok(list.text.includes(`href="/beheer/gebruikers/${other}/foto"`), 'the accounts link to each face');
      const page = await admin.get(`/beheer/gebruikers/${other}/foto`);
      expectStatus(page, 200);
      const sent = await sendForm(admin, page, `/beheer/gebruikers/${other}/foto`, portrait());
      assert.equal(sent.status, 303, sent.describe());
      assert.equal((await getBytes(admin, `/gezichten/${other}`)).headers.get('content-type'), 'image/jpeg');
      const refused = await pro.request('PUT', `/api/v1/users/${other}/photo`, {
        body: portrait(),
        headers: { 'x-csrf-token': pro.csrfToken },
      });
      assert.equal(refused.status, 403);
      const api = await admin.request('PUT', `/api/v1/users/${other}/photo`, {
        body: portrait(),
        headers: { 'x-csrf-token': admin.csrfToken },
      });
      assert.equal(api.status, 200, api.describe());
      assert.equal(api.json.photo_url, `/gezichten/${other}`);
      const removed = await admin.request('DELETE', `/api/v1/users/${other}/photo`, { headers: { 'x-csrf-token': admin.csrfToken } });
      assert.equal(removed.status, 200);
      assert.equal(removed.json.removed, true);
      assert.match((await getBytes(admin, `/gezichten/${other}`)).headers.get('content-type'), /^image\/svg\+xml/);
      const anonymous = new Client(town.server.url);
      assert.equal((await getBytes(anonymous, '/gezichten/999999')).status, 404);
    });

    test('in the browser: choose a file, save, and see the new face; axe before and after an error', async () => {
      const file = path.join(files, 'mijn-gezicht.png');
      await writeFile(file, portrait());
      const wrong = path.join(files, 'notities.txt');
      await writeFile(wrong, 'geen foto');
      const context = await browser.newContext({ bypassCSP: true, locale: 'nl-NL' });
      try {
        await context.addCookies([{ name: 'gz_session', value: pro.cookies.get('gz_session'), url: town.server.url }]);
        const page = await context.newPage();
        await page.goto(`${town.server.url}/account`);
        let violations = await axeViolations(page);
        assert.equal(violations.length, 0, `axe on the account page:\n${formatViolations(violations)}`);
        await page.setInputFiles('#photo-file', wrong);
        const [failed] = await Promise.all([page.waitForNavigation(), page.click('#photo-submit')]);
        assert.equal(failed.status(), 422);
        assert.ok(await focusComesInto(page, '#error-summary'), 'focus on the error summary');
        violations = await axeViolations(page);
        assert.equal(violations.length, 0, `axe after a wrong file:\n${formatViolations(violations)}`);
        await page.setInputFiles('#photo-file', file);
        await Promise.all([page.waitForURL(/foto=opgeslagen/), page.click('#photo-submit')]);
        assert.ok(await page.locator('#photo-saved').isVisible());
        const size = await page.locator('#photo-current').evaluate(async (img) => {
          await img.decode();
          return [img.naturalWidth, img.naturalHeight];
        });
        assert.deepEqual(size, [256, 256], 'the face is the new square photo');
        await Promise.all([page.waitForURL(/foto=verwijderd/), page.click('#photo-remove')]);
        assert.ok(await page.locator('#photo-removed').isVisible());
      } finally {
        await context.close();
      }
    });
  });
}
