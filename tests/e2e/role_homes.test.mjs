// Every person lands on their own work. Each of the seven roles logs in
// through the login form with the demo's own logins, lands on its home, and every page
// reached by following the links from there answers 200 to that role: no
// page links where the role is refused. Each home is checked with axe-core,
// must not scroll sideways on a 360 px phone, and is photographed at 1280 and
// 360 px into test-results/homes/ (artefacts, not kept in the repository).
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { axeViolations, closeBrowser, formatViolations, launchBrowser, watchPage } from './lib/browser.mjs';
import { Client, expectJson } from './lib/http.mjs';
import { Outbox, codeIn, loginResident } from './lib/mail.mjs';
import { backends, repoRoot } from './lib/server.mjs';
import { prepareTown } from './lib/town.mjs';

// Where each role lands, written out by hand (domain::home_of keeps the real table).
const HOMES = {
  resident: '/mijn-gezicht',
  professional: '/inbox',
  domain_professional: '/gedeeld',
  breakthrough_member: '/doorbraak',
  teamlead: '/inbox',
  policy: '/dashboard',
  admin: '/beheer',
  auditor: '/controle',
};
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 740 };
const PAGES_PER_ROLE = 60;
const SAME_KIND_PER_ROLE = 2; // pages of one kind (one route with other ids) visited per role

// One kind of page: the path with its ids and references as placeholders, and the query's names.
function kindOf(href) {
  const url = new URL(href, 'http://x');
  const shape = url.pathname.replace(/\/GZ-[A-Z0-9-]+/g, '/{reference}').replace(/\/\d+(?=\/|$)/g, '/{id}');
  return `${shape}?${[...url.searchParams.keys()].sort().join('&')}`;
}

for (const backend of backends()) {
  describe(`every role's home on ${backend.name}`, () => {
    let town;
    let browser;
    let sharedHousehold;
    let emergencyHousehold;
    const logins = {};
    const shots = path.join(repoRoot, 'test-results', 'homes');

    before(async () => {
      town = await prepareTown({ backend, label: `homes-${backend.name}` });
      for (const login of town.demo.logins) logins[login.role] ??= login;
      // The demo's debt counsellor sees the household that shares its plan
      // with debt help, where the demo's resident lives.
      const counsellor = new Client(town.server.url);
      await counsellor.login(logins.domain_professional.username, logins.domain_professional.password);
      const shared = expectJson(await counsellor.get('/api/v1/me/shared-households')).households;
      assert.ok(shared.length > 0, 'the demo shares a household with debt help');
      sharedHousehold = shared[0];
      // An emergency access for the auditor to find: the counsellor breaks the glass on another household.
      emergencyHousehold = sharedHousehold.household_id === 1 ? 2 : 1;
      const glass = await counsellor.postWithCsrf(`/api/v1/households/${emergencyHousehold}/emergency-access`, {
        json: { reason: 'De vaste contactpersoon is ziek en de bewoner belt in paniek.' },
      });
      assert.equal(glass.status, 201, `breaking the glass: ${glass.describe()}`);
      assert.deepEqual(sharedHousehold.parts, ['summary', 'plan'], 'the demo shares the plan, not the contacts');
      browser = await launchBrowser();
      await mkdir(shots, { recursive: true });
    });

    after(async () => {
      await closeBrowser(browser);
      await town?.close();
    });

    test('the demo gives one login per role', () => {
      assert.deepEqual(Object.keys(logins).sort(), Object.keys(HOMES).sort());
    });

    test('a resident\'s home: their address and their contact person, through the page and the API', async () => {
      const client = new Client(town.server.url);
      await loginResident(client, logins.resident.username, new Outbox(town.server.outbox));
      const home = expectJson(await client.get('/api/v1/me/household'));
      assert.equal(home.household_id, sharedHousehold.household_id);
      assert.equal(home.house_number, sharedHousehold.house_number);
      assert.ok(home.contact?.name, `the household has a contact person: ${JSON.stringify(home)}`);
      const page = await client.get('/mijn-gezicht');
      assert.equal(page.status, 200);
      assert.ok(page.text.includes(home.contact.name), 'the page shows the contact person');
      // Other roles are refused both.
      const counsellor = new Client(town.server.url);
      await counsellor.login(logins.domain_professional.username, logins.domain_professional.password);
      assert.equal((await counsellor.get('/api/v1/me/household')).status, 403);
      assert.equal((await client.get('/api/v1/me/shared-households')).status, 403);
    });

    test('the auditor follows an emergency access to the household\'s access log, not its record', async () => {
      const auditor = new Client(town.server.url);
      await auditor.login(logins.auditor.username, logins.auditor.password);
      const trail = await auditor.get('/controle');
      assert.equal(trail.status, 200);
      assert.ok(trail.text.includes(`href="/huishoudens/${emergencyHousehold}/inzage"`), 'the entry links to the access log');
      const log = await auditor.get(`/huishoudens/${emergencyHousehold}/inzage`);
      assert.equal(log.status, 200);
      assert.ok(log.text.includes('href="/controle"'), 'and back to the audit trail');
      assert.equal((await auditor.get(`/huishoudens/${emergencyHousehold}`)).status, 403, 'the record stays closed');
    });

    for (const [role, home] of Object.entries(HOMES)) {
      test(`${role}: lands on ${home}, and every page linked from there answers 200`, async () => {
        const context = await browser.newContext({ bypassCSP: true, locale: 'nl-NL', viewport: DESKTOP });
        try {
          const page = await context.newPage();
          const problems = watchPage(page);
          const outbox = new Outbox(town.server.outbox);
          if (role === 'resident') {
            // A resident logs in on a page of their own, with a code sent to their address.
            await page.goto(`${town.server.url}/mijn-gezicht/inloggen`);
            const before = (await outbox.messages()).length;
            await page.fill('#email', logins[role].username);
            await Promise.all([page.waitForLoadState('load'), page.click('#send-code')]);
            const message = await outbox.waitFor(logins[role].username, /\b\d{6}\b/, { after: before });
            await page.fill('#code', codeIn(message));
            await Promise.all([page.waitForURL((url) => url.pathname === home), page.click('#login-code')]);
          } else {
            await page.goto(`${town.server.url}/inloggen`);
            await page.fill('#username', logins[role].username);
            await page.fill('#password', logins[role].password);
            await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/inloggen')), page.click('#login-submit')]);
          }
          assert.equal(new URL(page.url()).pathname, home, `${role} lands on its home`);

          // The same through the API: who I am and where my work is.
          const client = new Client(town.server.url);
          if (role === 'resident') await loginResident(client, logins[role].username, outbox);
          else await client.login(logins[role].username, logins[role].password);
          const me = expectJson(await client.get('/api/v1/me'));
          assert.equal(me.role, role);
          assert.equal(me.home, home);

          // The home: axe, a photograph at both widths, no sideways scrolling
          // on a phone, and the menu on one line at 1280 px.
          const violations = await axeViolations(page);
          assert.equal(violations.length, 0, `axe on ${role}'s home:\n${formatViolations(violations)}`);
          // The header in one row: the menu's items on one line, beside the name and the logout button.
          const header = await page.evaluate(() => {
            const box = (el) => el.getBoundingClientRect();
            const items = [...document.querySelectorAll('.gz-nav__list > li')].map((li) => Math.round(box(li).top));
            const parts = ['.gz-brand', '.gz-nav', '.gz-logout'].map((s) => box(document.querySelector(s)));
            const oneRow = parts.every((a) => parts.every((b) => a.top < b.bottom && b.top < a.bottom));
            return { lines: new Set(items).size, oneRow };
          });
          assert.deepEqual(header, { lines: 1, oneRow: true }, `${role}'s header at 1280 px`);
          await page.screenshot({ path: path.join(shots, `${backend.name}-${role}-1280.png`), fullPage: true });
          await page.setViewportSize(PHONE);
          const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
          assert.ok(widths.scroll <= widths.inner, `${role}'s home scrolls sideways at 360 px: ${JSON.stringify(widths)}`);
          await page.screenshot({ path: path.join(shots, `${backend.name}-${role}-360.png`), fullPage: true });
          await page.setViewportSize(DESKTOP);

          // The crawl: breadth first from the home, each kind of page a few times.
          const linkedFrom = new Map([[home, '(login)']]);
          const perKind = new Map([[kindOf(home), 1]]);
          const queue = [home];
          const downloads = new Set(); // links marked download (a CSV): fetched, not opened as a page
          const visited = [];
          while (queue.length && visited.length < PAGES_PER_ROLE) {
            const target = queue.shift();
            if (downloads.has(target)) {
              const file = await page.request.get(`${town.server.url}${target}`);
              assert.equal(file.status(), 200, `${role}: download ${target}, linked from ${linkedFrom.get(target)}, answered ${file.status()}`);
              visited.push(target);
              continue;
            }
            const response = await page.goto(`${town.server.url}${target}`);
            assert.equal(response.status(), 200, `${role}: ${target}, linked from ${linkedFrom.get(target)}, answered ${response.status()}`);
            visited.push(target);
            const links = await page.$$eval('a[href]', (anchors) =>
              anchors.map((a) => ({ href: a.getAttribute('href'), download: a.hasAttribute('download') })));
            for (const { href, download } of links) {
              // Pages of this site only: not tel:, not #anchors, not the assets.
              if (!href.startsWith('/') || href.startsWith('//') || href.startsWith('/static/')) continue;
              const link = href.split('#')[0];
              if (linkedFrom.has(link)) continue;
              const kind = kindOf(link);
              if ((perKind.get(kind) ?? 0) >= SAME_KIND_PER_ROLE) continue;
              perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
              linkedFrom.set(link, target);
              if (download) downloads.add(link);
              queue.push(link);
            }
          }
          assert.ok(visited.length > 1, `${role}'s home links to at least one page of the site: ${visited}`);
          assert.deepEqual(problems, [], `${role}: nothing failed to load on ${visited.length} pages`);
        } finally {
          await context.close();
        }
      });
    }
  });
}
