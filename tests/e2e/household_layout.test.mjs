// The household's pages on a 360 x 740 phone: no page scrolls sideways
// (document.documentElement.scrollWidth <= window.innerWidth) and axe-core
// finds nothing, on the overview, every section page (taken from the
// overview's own links, so a new section is checked too), the contacts log
// and one contact. The household gets long unbroken words first, as people type them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { axeViolations, closeBrowser, formatViolations, launchBrowser } from './lib/browser.mjs';
import { Client, expectJson, expectStatus } from './lib/http.mjs';
import { prepareTown } from './lib/town.mjs';

const PHONE = { width: 360, height: 740 };
const LONG_WORD = `Schuldhulpverleningstraject${'x'.repeat(60)}`;
// The sections a household's record has besides its overview.
const SECTIONS = ['gezin', 'plan', 'acties', 'betrokkenen', 'continuiteit', 'wisselingen', 'gedeeld', 'aanmeldingen'];

describe('the household pages on a 360px phone', () => {
  let town;
  let browser;
  let login; // the demo's professional
  let id;
  let contact;

  before(async () => {
    town = await prepareTown({ backend: { name: 'sqlite' }, label: 'household-layout' });
    login = town.demo.logins.find((l) => l.role === 'professional');
    assert.ok(login, `the demo has a professional among ${JSON.stringify(town.demo.logins.map((l) => l.role))}`);
    const client = new Client(town.server.url);
    await client.login(login.username, login.password);
    const caseload = expectJson(await client.get('/api/v1/me/caseload')).households;
    assert.ok(caseload.length > 0, 'the demo professional has households');
    id = caseload[0].household_id;

    // Long words in every kind of place: a goal, an action, someone involved, a contact.
    const post = async (path, json) => {
      const response = await client.postWithCsrf(`/api/v1/households/${id}/${path}`, { json });
      expectStatus(response, 201, path);
      return response.json.id;
    };
    const record = expectJson(await client.get(`/api/v1/households/${id}`));
    const me = record.involved.find((i) => i.active && i.user_id === client.user.id);
    assert.ok(me, 'the demo professional is involved with their household');
    const goal = await post('goals', { words: `${LONG_WORD} ${LONG_WORD}`, progress_sign: LONG_WORD });
    await post('actions', { what: LONG_WORD, involved_id: me.id, domain: 'debt', due_on: '2020-01-01', goal_id: goal });
    await post('involved', { name: 'Wim Wijkagent', organisation: LONG_WORD, role: 'Wijkagent', domain: 'community', reach: LONG_WORD });
    // Someone recorded by mistake and ended: the page shows them as ended, with their initials.
    const mistake = await post('involved', { name: 'Per Vergissing', organisation: LONG_WORD, role: 'Onbekend', domain: 'community' });
    expectStatus(await client.postWithCsrf(`/api/v1/households/${id}/involved/${mistake}/end`, { json: {} }), 200, 'end an involvement');
    contact = await post('contacts', {
      involved_id: me.id,
      at: new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      channel: 'phone',
      with_whom: LONG_WORD,
    });
    browser = await launchBrowser();
  });

  after(async () => {
    await closeBrowser(browser);
    await town?.close();
  });

  test('no household page scrolls sideways, and axe finds nothing on any of them', async () => {
    // bypassCSP lets axe's script in.
    const context = await browser.newContext({ bypassCSP: true, locale: 'nl-NL', viewport: PHONE });
    const client = new Client(town.server.url);
    await client.login(login.username, login.password);
    await context.addCookies([{ name: 'gz_session', value: client.cookies.get('gz_session'), url: town.server.url }]);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);

    const overview = `/huishoudens/${id}`;
    const response = await page.goto(`${town.server.url}${overview}`);
    assert.equal(response.status(), 200);
    const links = await page.locator('.gz-toc a[id^="section-link-"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(
      links,
      [overview, ...SECTIONS.map((s) => `${overview}/${s}`)],
      'the overview links to itself and every section',
    );
    const pages = [...links, `${overview}/contacten`, `${overview}/contacten/${contact}`];

    const wide = [];
    for (const path of pages) {
      const answer = await page.goto(`${town.server.url}${path}`);
      assert.equal(answer.status(), 200, path);
      const size = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
      assert.equal(size.inner, PHONE.width, 'the viewport is a phone\'s');
      if (size.scroll > size.inner) {
        // Name the widest elements, so a failure says where to look.
        const culprits = await page.evaluate((width) =>
          [...document.querySelectorAll('main *')]
            .filter((el) => el.getBoundingClientRect().right > width + 0.5)
            .slice(0, 5)
            .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className} (right ${Math.round(el.getBoundingClientRect().right)})`),
        size.inner);
        wide.push(`${path}: ${size.scroll}px wide: ${culprits.join(', ')}`);
      }
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, `axe finds on ${path} at 360px:\n${formatViolations(violations)}`);
    }
    assert.deepEqual(wide, [], 'pages wider than the phone');
    await context.close();
  });
});
