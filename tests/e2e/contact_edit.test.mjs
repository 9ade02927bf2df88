// Correcting a contact in the log: the correction is saved, the earlier
// version is kept and shown, through the API and the page alike.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { axeViolations, closeBrowser, formatViolations, launchBrowser } from './lib/browser.mjs';
import { Client, expectStatus } from './lib/http.mjs';
import { freshHouseNumber, householdOf, loggedIn, prepareTown, referral } from './lib/town.mjs';

const PRO = 'e2e.edit.pro';
// The professional speaks every contact language; a referral in one that
// nobody else in the team speaks is theirs, whatever the caseloads.
const LANGUAGES = 'nl,en,ar,tr,pl,ti,so,pap,fa,uk,ber,es';

describe('editing a contact keeps its history', () => {
  let town;
  let pro;
  let household;
  let contact;

  before(async () => {
    town = await prepareTown({
      backend: { name: 'sqlite' },
      label: 'contact-edit',
      users: ({ team }) => [{ username: PRO, name: 'Esra Wijziger', role: 'professional', team: team.name, languages: LANGUAGES }],
    });
    const anon = new Client(town.server.url);
    const front = await anon.get(`/api/v1/frontdoor?postcode=${town.demo.example_postcode}`);
    const others = front.json.people.filter((p) => p.role === 'professional' && p.name !== 'Esra Wijziger');
    const language = LANGUAGES.split(',').find((code) => !others.some((p) => p.languages.includes(code)));
    assert.ok(language, 'a language only the test professional speaks');
    const response = await anon.post('/api/v1/referrals', {
      json: referral(town.demo.example_postcode, freshHouseNumber(), { language }),
    });
    expectStatus(response, 201, 'a referral');
    assert.equal(response.json.contact.name, 'Esra Wijziger');
    pro = await loggedIn(town, PRO);
    household = await householdOf(pro, response.json.reference);
    const added = await pro.postWithCsrf(`/api/v1/households/${household}/contacts`, {
      json: { professional_id: pro.user.id, at: new Date(Date.now() - 3 * 86400_000).toISOString().replace(/\.\d+Z$/, 'Z'), channel: 'home_visit' },
    });
    expectStatus(added, 201, 'a contact');
    contact = added.json.id;
  });

  after(async () => town?.close());

  test('the API corrects a contact and returns its history', async () => {
    const at = new Date(Date.now() - 2 * 86400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const changed = await pro.request('PUT', `/api/v1/households/${household}/contacts/${contact}`, {
      json: { professional_id: pro.user.id, at, channel: 'phone', with_whom: 'moeder' },
      headers: { 'x-csrf-token': pro.csrfToken },
    });
    expectStatus(changed, 200, 'the correction');
    const read = await pro.get(`/api/v1/households/${household}/contacts/${contact}`);
    expectStatus(read, 200);
    assert.equal(read.json.channel, 'phone');
    assert.equal(read.json.with_whom, 'moeder');
    assert.equal(read.json.history.length, 1);
    assert.equal(read.json.history[0].channel, 'home_visit');
    const future = await pro.request('PUT', `/api/v1/households/${household}/contacts/${contact}`, {
      json: { professional_id: pro.user.id, at: '2999-01-01T10:00:00Z', channel: 'phone' },
      headers: { 'x-csrf-token': pro.csrfToken },
    });
    expectStatus(future, 422);
    assert.ok(future.json.errors.at, 'the error names "at"');
    const record = await pro.get(`/api/v1/households/${household}`);
    assert.equal(record.json.contacts.find((c) => c.id === contact).edits, 1, 'a refused correction saved nothing');
    const missingCsrf = await pro.request('PUT', `/api/v1/households/${household}/contacts/${contact}`, {
      json: { professional_id: pro.user.id, at, channel: 'video' },
    });
    expectStatus(missingCsrf, 403);
  });

  test('the page shows the history and corrects through a form', async () => {
    const page = await pro.get(`/huishoudens/${household}/contacten/${contact}`);
    expectStatus(page, 200);
    assert.match(page.text, /id="contact-history"/);
    const csrf = /name="csrf_token" value="([^"]+)"/.exec(page.text)[1];
    const involved = /<option value="(\d+)" selected>/.exec(page.text)[1];
    const invalid = await pro.post(`/huishoudens/${household}/contacten/${contact}`, {
      form: { csrf_token: csrf, involved_id: involved, at: '', channel: 'video', with_whom: '' },
    });
    expectStatus(invalid, 422);
    assert.match(invalid.text, /id="error-summary"/);
    const saved = await pro.post(`/huishoudens/${household}/contacten/${contact}`, {
      form: { csrf_token: csrf, involved_id: involved, at: '2026-11-20T10:30', channel: 'video', with_whom: '' },
    });
    expectStatus(saved, 303);
    assert.equal(saved.location, `/huishoudens/${household}/continuiteit?opgeslagen=contacten`, 'back to the contacts section');
    const after = await pro.get(`/api/v1/households/${household}/contacts/${contact}`);
    assert.equal(after.json.history.length, 2);
    assert.equal(after.json.channel, 'video');
    assert.equal(after.json.at, '2026-11-20T09:30:00Z', 'Amsterdam winter time is UTC+1');
  });

  test('the contact page has no WCAG 2.1 A/AA violations', async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ bypassCSP: true });
      await context.addCookies([{ name: 'gz_session', value: pro.cookies.get('gz_session'), url: town.server.url }]);
      const page = await context.newPage();
      const response = await page.goto(`${town.server.url}/huishoudens/${household}/contacten/${contact}`);
      assert.equal(response.status(), 200);
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], formatViolations(violations));
      await context.close();
    } finally {
      await closeBrowser(browser);
    }
  });

  test('another professional cannot read or change it', async () => {
    const stranger = new Client(town.server.url);
    const lead = town.demo.logins.find((l) => l.role === 'professional' && l.username !== PRO);
    await stranger.login(lead.username, lead.password);
    expectStatus(await stranger.get(`/api/v1/households/${household}/contacts/${contact}`), 404);
    expectStatus(await stranger.get(`/huishoudens/${household}/contacten/${contact}`), 404);
  });
});
