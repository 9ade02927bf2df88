// Time in the neighbourhood, end to end on SQLite and PostgreSQL: a
// professional plans a walk-in hour on "In de wijk" in the browser (a
// mistake first, named by its field), and the front door shows it at once
// under "Deze week in uw wijk" with their face, in the page and in the JSON
// API; held time gets its number of residents met; planned time can be
// cancelled, held time cannot; the first contact records how the resident
// found the team. Nobody changes another's time. Every page passes axe.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { axeViolations, closeBrowser, formatViolations, launchBrowser } from './lib/browser.mjs';
import { Client, dateInAmsterdam, expectJson, expectStatus } from './lib/http.mjs';
import { backends } from './lib/server.mjs';
import { freshHouseNumber, loggedIn, prepareTown, referral } from './lib/town.mjs';

const WORKER = { username: 'wim.wijk', name: 'Wim de Wijk', role: 'professional' };
const OTHER = { username: 'olga.ander', name: 'Olga Ander', role: 'professional' };

// "YYYY-MM-DDTHH:MM" in Amsterdam, `days` from now at `hour`:00, as a datetime-local field takes it.
// The date from its parts (dateInAmsterdam): en-CA's pattern differs between ICU versions.
function localDay(days, hour) {
  const day = dateInAmsterdam(new Date(Date.now() + days * 86400000));
  return `${day}T${String(hour).padStart(2, '0')}:00`;
}

for (const backend of backends()) {
  describe(`in de wijk on ${backend.name}`, () => {
    let town;
    let browser;
    let worker;
    let other;
    const postcode = () => town.demo.example_postcode;

    before(async () => {
      town = await prepareTown({
        backend,
        label: `outreach-${backend.name}`,
        users: ({ team }) => [{ ...WORKER, team: team.name }, { ...OTHER, team: team.name }],
      });
      worker = await loggedIn(town, WORKER.username);
      other = await loggedIn(town, OTHER.username);
      browser = await launchBrowser();
    });

    after(async () => {
      await closeBrowser(browser);
      await town?.close();
    });

    async function pageAs(client) {
      const context = await browser.newContext({ bypassCSP: true, locale: 'nl-NL' });
      await context.addCookies([{ name: 'gz_session', value: client.cookies.get('gz_session'), url: town.server.url }]);
      return { context, page: await context.newPage() };
    }

    async function expectAxeClean(page, what) {
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, `axe on ${what}:\n${formatViolations(violations)}`);
    }

    test('a walk-in hour planned in the browser is on the front door at once, with its face', async () => {
      const { context, page } = await pageAs(worker);
      try {
        await page.goto(`${town.server.url}/inbox`);
        await Promise.all([page.waitForURL(/\/in-de-wijk$/), page.click('#link-outreach')]);
        await expectAxeClean(page, 'In de wijk, empty');
        // Forgetting where: the field is named, nothing is saved.
        await page.check('#kind-walk_in');
        await page.fill('#starts_at', localDay(2, 10));
        await page.fill('#ends_at', localDay(2, 12));
        const refused = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
          page.click('#outreach-submit')]);
        assert.equal(refused[0].status(), 422);
        assert.match(await page.textContent('#error-summary'), /Schrijf op waar het is/);
        assert.equal(await page.getAttribute('#place', 'aria-invalid'), 'true');
        assert.equal(await page.inputValue('#starts_at'), localDay(2, 10), 'what was typed stays');
        await expectAxeClean(page, 'In de wijk with an error');
        await page.fill('#place', 'Buurthuis De Linde');
        await page.fill('#address', 'Lindelaan 4');
        await Promise.all([page.waitForURL(/klaar=opgeslagen/), page.click('#outreach-submit')]);
        assert.match(await page.textContent('#planned'), /Inloopspreekuur: .*Buurthuis De Linde, Lindelaan 4\. Staat op de voordeur\./);
        await expectAxeClean(page, 'In de wijk with a plan');
      } finally {
        await context.close();
      }

      // The resident's front door, without logging in.
      const resident = await browser.newContext({ bypassCSP: true, locale: 'nl-NL' });
      try {
        const page = await resident.newPage();
        await page.goto(`${town.server.url}/?postcode=${postcode()}`);
        const presence = page.locator('#presence');
        assert.match(await presence.textContent(), /Inloopspreekuur: Buurthuis De Linde, Lindelaan 4/);
        assert.match(await presence.textContent(), /U treft er Wim de Wijk/);
        assert.match(await presence.textContent(), /10:00 - 12:00/);
        await expectAxeClean(page, 'the front door with this week in the neighbourhood');
        await page.setViewportSize({ width: 360, height: 740 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `the front door fits 360 px (overflow ${overflow})`);
      } finally {
        await resident.close();
      }

      const api = expectJson(await new Client(town.server.url).get(`/api/v1/frontdoor/presence?postcode=${postcode()}`));
      const listed = api.presence.find((p) => p.place === 'Buurthuis De Linde');
      assert.ok(listed, JSON.stringify(api));
      assert.equal(listed.kind, 'walk_in');
      assert.equal(listed.person.name, WORKER.name);
      assert.match(listed.starts_at, /Z$/);
      expectStatus(await new Client(town.server.url).get('/api/v1/frontdoor/presence?postcode=123'), 422);
    });

    test('the API records held time, its residents met, and cancels only what has not begun', async () => {
      // Every problem at once: an end before the start, residents met at time that has not begun.
      const bad = await worker.postWithCsrf('/api/v1/outreach', {
        json: { kind: 'outreach_round', place: 'Markt', starts_at: localDay(1, 10), ends_at: localDay(1, 9), residents_met: 3 },
      });
      expectStatus(bad, 422);
      assert.deepEqual(Object.keys(bad.json.errors).sort(), ['ends_at', 'residents_met']);
      const wrongType = await worker.postWithCsrf('/api/v1/outreach', {
        json: { kind: 'outreach_round', place: 'Markt', starts_at: localDay(1, 10), ends_at: localDay(1, 11), residents_met: 'veel' },
      });
      expectStatus(wrongType, 422);
      assert.deepEqual(Object.keys(wrongType.json.errors), ['residents_met']);

      const heldStart = new Date(Date.now() - 2 * 86400000);
      heldStart.setUTCMinutes(0, 0, 0);
      const heldEnd = new Date(heldStart.getTime() + 90 * 60000);
      const held = expectJson(await worker.postWithCsrf('/api/v1/outreach', {
        json: { kind: 'outreach_round', place: 'Markt op het plein', starts_at: heldStart.toISOString().replace('.000', ''),
          ends_at: heldEnd.toISOString().replace('.000', ''), residents_met: 11, on_front_door: false },
      }));
      assert.equal(held.residents_met, 11);
      const planned = expectJson(await worker.postWithCsrf('/api/v1/outreach', {
        json: { kind: 'community_activity', place: 'Koffieochtend', starts_at: `${localDay(3, 9)}`, ends_at: `${localDay(3, 11)}` },
      }));
      assert.equal(planned.on_front_door, true);

      // Someone else cannot touch it, and does not learn that it exists.
      expectStatus(await other.postWithCsrf(`/api/v1/outreach/${held.id}/residents-met`, { json: { residents_met: 2 } }), 404);
      expectStatus(await other.postWithCsrf(`/api/v1/outreach/${planned.id}/cancel`, { json: {} }), 404);
      // Nobody has been met at time that has not begun; held time stays.
      const early = await worker.postWithCsrf(`/api/v1/outreach/${planned.id}/residents-met`, { json: { residents_met: 4 } });
      expectStatus(early, 422);
      assert.ok(early.json.errors.residents_met);
      expectStatus(await worker.postWithCsrf(`/api/v1/outreach/${held.id}/cancel`, { json: {} }), 409);
      assert.equal(expectJson(await worker.postWithCsrf(`/api/v1/outreach/${held.id}/residents-met`, { json: { residents_met: 13 } }))
        .residents_met, 13);

      const mine = expectJson(await worker.get('/api/v1/me/outreach'));
      assert.equal(mine.residents_met, 13);
      assert.equal(mine.hours_held, 1.5);
      assert.ok(mine.planned.some((p) => p.id === planned.id));
      expectJson(await worker.postWithCsrf(`/api/v1/outreach/${planned.id}/cancel`, { json: {} }));
      const after = expectJson(await new Client(town.server.url).get(`/api/v1/frontdoor/presence?postcode=${postcode()}`));
      assert.ok(!after.presence.some((p) => p.place === 'Koffieochtend'), 'cancelled time leaves the front door');
      assert.ok(!after.presence.some((p) => p.place === 'Markt op het plein'), 'held time is not on the front door');
      expectStatus(await new Client(town.server.url).post('/api/v1/outreach', { json: {} }), 401);
    });

    test('the first contact records how the resident found the team', async () => {
      const sent = expectJson(await new Client(town.server.url).post('/api/v1/referrals',
        { json: referral(postcode(), freshHouseNumber()) }));
      // The request goes to whichever added professional has room; find who has it.
      let owner = null;
      for (const client of [worker, other]) {
        const response = await client.get(`/api/v1/referrals/${sent.reference}`);
        if (response.status === 200) owner = client;
      }
      assert.ok(owner, 'one of the added professionals has the request');
      const { context, page } = await pageAs(owner);
      try {
        await page.goto(`${town.server.url}/verzoeken/${sent.reference}`);
        assert.equal(await page.inputValue('#arrived_via'), 'website', 'a self-referral starts as the website');
        await page.selectOption('#channel', 'home_visit');
        await page.selectOption('#arrived_via', 'outreach');
        await expectAxeClean(page, 'the request with its first-contact form');
        await Promise.all([page.waitForURL(/opgeslagen=1/), page.click('#save-first-contact')]);
        assert.match(await page.textContent('#first-contact-done'), /In de wijk ontmoet/);
      } finally {
        await context.close();
      }
      const read = expectJson(await owner.get(`/api/v1/referrals/${sent.reference}`));
      assert.equal(read.arrived_via, 'outreach');
    });
  });
}
