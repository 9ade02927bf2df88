// A resident and a professional in a real browser (Debian's Chromium), with
// the server's Content-Security-Policy in force.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { closeBrowser, focusComesInto, launchBrowser, watchPage } from './lib/browser.mjs';
import { Client, expectStatus, isoDatePattern, referencePattern } from './lib/http.mjs';
import { freshHouseNumber, prepareTown } from './lib/town.mjs';

const PROFESSIONAL = { username: 'e2e.browser', name: 'Bram Browser' };

describe('browser: a resident asks for help, a professional follows up', () => {
  let town;
  let browser;
  let front; // the front door API's answer for the example postcode
  let example;

  before(async () => {
    town = await prepareTown({
      backend: { name: 'sqlite' },
      label: 'browser',
      users: ({ team }) => [{ ...PROFESSIONAL, role: 'professional', team: team.name }],
    });
    example = town.demo.example_postcode;
    const response = await new Client(town.server.url).get(`/api/v1/frontdoor?postcode=${example}`);
    expectStatus(response, 200);
    front = response.json;
    browser = await launchBrowser();
  });

  after(async () => {
    await closeBrowser(browser);
    await town?.close();
  });

  async function newPage(options = {}) {
    const context = await browser.newContext({ locale: 'nl-NL', ...options });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return { context, page, problems: watchPage(page) };
  }

  // Submits a form by a key press or click and returns the POST's response.
  async function submitted(page, path, action) {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path, { timeout: 10_000 }),
      page.waitForEvent('load'), // of the page the POST answered with
      action(),
    ]);
    return response;
  }

  async function typeInto(page, selector, text) {
    await page.locator(selector).focus();
    await page.keyboard.type(text);
  }

  test('typing a postcode at the front door shows the team, its people and walk-in hours', async () => {
    const { page, context, problems } = await newPage();
    await page.goto(`${town.server.url}/`);
    await typeInto(page, '#postcode', example);
    await Promise.all([page.waitForURL((url) => url.searchParams.has('postcode')), page.keyboard.press('Enter')]);

    await assert.doesNotReject(page.locator('#team').waitFor(), '#team appears');
    assert.equal((await page.locator('#team h2').first().textContent()).trim(), front.team.name, 'the team name in #team h2');
    const people = page.locator('li.person');
    assert.equal(await people.count(), front.people.length, 'a li.person for every person of the team');
    for (let i = 0; i < (await people.count()); i += 1) {
      const person = people.nth(i);
      const img = person.locator('img');
      const src = await img.getAttribute('src');
      const expected = front.people.find((p) => src === `/gezichten/${p.id}`);
      assert.ok(expected, `the photo ${src} is /gezichten/ID of one of the team's people`);
      assert.ok(await img.evaluate((el) => el.complete && el.naturalWidth > 0), `the photo of ${expected.name} loads`);
      const heading = person.locator('h4');
      assert.equal(await heading.count(), 1, `the name of ${expected.name} is in an h4 (under the h3 'these people work in your neighbourhood'); the card is: ${(await person.innerHTML()).slice(0, 300)}`);
      assert.equal((await heading.textContent()).trim(), expected.name);
      assert.ok((await person.locator('a[href^="tel:"]').count()) > 0, `a tel: link for ${expected.name}`);
    }
    assert.equal(
      await page.locator('table#walk-in tr:has(td)').count(),
      front.team.walk_in.length,
      'a row in table#walk-in for every walk-in hour',
    );
    assert.deepEqual(problems, [], 'the front door loads without blocked or failed resources');
    await context.close();
  });

  test('from postcode to confirmation, then the professional records the first contact', async () => {
    const resident = await newPage();
    const { page } = resident;
    const question = 'Ik krijg mijn rekeningen niet meer betaald en weet niet wat ik moet doen.';
    const houseNumber = freshHouseNumber();

    // The front door: type the postcode, press Enter.
    await page.goto(`${town.server.url}/`);
    await typeInto(page, '#postcode', example);
    await Promise.all([page.waitForURL((url) => url.searchParams.has('postcode')), page.keyboard.press('Enter')]);
    assert.ok((await page.locator('li.person').count()) > 0, "the team's people are shown");

    // Follow the link to the form; the postcode comes along.
    await Promise.all([page.waitForURL((url) => url.pathname === '/aanmelden'), page.locator('#refer-link').click()]);
    assert.equal((await page.locator('[name=postcode]').inputValue()).replace(/\s/g, '').toUpperCase(), example);

    await typeInto(page, '[name=name]', 'Yusuf Demir');
    await typeInto(page, '[name=phone]', '06 9876 5432');
    await typeInto(page, '[name=house_number]', houseNumber);
    await typeInto(page, '[name=question]', question);
    await page.locator('#channel-phone').focus();
    await page.keyboard.press('Space');
    await page.locator('#language').selectOption('nl');
    await page.locator('[name=trusted_person]').focus();
    await page.keyboard.press('Space');
    assert.ok(await page.locator('#channel-phone').isChecked(), 'Space chose the phone channel');
    assert.ok(await page.locator('[name=trusted_person]').isChecked(), 'Space ticked the trusted person box');

    await page.locator('#submit-referral').focus();
    const response = await submitted(page, '/aanmelden', () => page.keyboard.press('Enter'));
    assert.equal(response.status(), 303, 'the referral is accepted, and the browser is sent to its confirmation');
    assert.match(new URL(page.url()).pathname, /^\/aanmelden\/ontvangen\//, 'a confirmation page of its own');

    const confirmation = page.locator('#confirmation');
    await confirmation.waitFor();
    assert.equal((await confirmation.locator('#contact-name').textContent()).trim(), PROFESSIONAL.name,
      'the contact is the team member with the lowest caseload: the added professional with none');
    assert.ok((await confirmation.locator('#contact-phone').textContent()).trim().length > 0, '#contact-phone');
    const reference = (await confirmation.locator('#reference').textContent()).trim();
    assert.match(reference, referencePattern);
    const promised = confirmation.locator('#promised-date');
    assert.equal(await promised.evaluate((el) => el.tagName), 'TIME');
    assert.match(await promised.getAttribute('datetime'), isoDatePattern);
    // A refresh shows the same confirmation and asks nothing again.
    const reloaded = await page.reload();
    assert.equal(reloaded.request().method(), 'GET', 'the refresh is a GET, not a re-post');
    assert.equal((await page.locator('#reference').textContent()).trim(), reference);
    assert.deepEqual(resident.problems, [], 'no blocked or failed resources on the resident pages');
    await resident.context.close();

    // The professional logs in, finds the referral, records the first contact.
    const staff = await newPage();
    const desk = staff.page;
    await desk.goto(`${town.server.url}/inloggen`);
    await typeInto(desk, '#username', PROFESSIONAL.username);
    await typeInto(desk, '#password', town.accounts[PROFESSIONAL.username].password);
    await Promise.all([desk.waitForURL((url) => url.pathname === '/inbox'), desk.locator('#login-submit').click()]);

    const row = desk.locator(`#inbox tr[data-reference="${reference}"]`);
    await assert.doesNotReject(row.waitFor(), `${reference} is in #inbox`);
    await Promise.all([
      desk.waitForURL((url) => url.pathname === `/verzoeken/${reference}`),
      row.locator(`a[href="/verzoeken/${reference}"]`).click(),
    ]);
    assert.equal((await desk.locator('#question').textContent()).trim(), question);
    assert.equal(await desk.locator('#first-contact-done').count(), 0, 'not done yet');

    const at = desk.locator('#at');
    assert.equal(await at.getAttribute('type'), 'datetime-local');
    if (!(await at.inputValue())) {
      const now = new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
      }).format(new Date());
      await at.fill(now.replace(' ', 'T'));
    }
    await desk.locator('#channel').selectOption('phone');
    const saved = await submitted(desk, `/verzoeken/${reference}/eerste-contact`, () => desk.locator('#save-first-contact').click());
    assert.equal(saved.status(), 303, 'saving redirects (303)');
    assert.equal(new URL(desk.url()).pathname, `/verzoeken/${reference}`, 'back on the referral page');
    await assert.doesNotReject(desk.locator('#first-contact-done').waitFor(), '#first-contact-done');

    await desk.goto(`${town.server.url}/inbox`);
    assert.equal(await desk.locator(`#inbox tr[data-reference="${reference}"]`).count(), 0, 'done referrals leave the inbox');

    await Promise.all([desk.waitForEvent('load'), desk.locator('#logout').click()]);
    await desk.goto(`${town.server.url}/inbox`);
    assert.equal(new URL(desk.url()).pathname, '/inloggen', 'after #logout the inbox asks to log in again');
    assert.deepEqual(staff.problems, [], 'no blocked or failed resources on the staff pages');
    await staff.context.close();
  });

  test('an empty form shows the error summary; a wrong one keeps what was typed', async () => {
    const { page, context } = await newPage();
    await page.goto(`${town.server.url}/aanmelden`);
    let response;
    try {
      response = await submitted(page, '/aanmelden', () => page.locator('#submit-referral').click());
    } catch {
      assert.fail('clicking #submit-referral on the empty form sent nothing (does the browser block it, e.g. "required"?)');
    }
    assert.equal(response.status(), 422);
    const summary = page.locator('#error-summary');
    assert.ok(await summary.isVisible(), '#error-summary is shown');
    assert.equal(await summary.getAttribute('role'), 'alert');
    // Keyboard and screen-reader users start at the list of what to fix.
    assert.ok(await focusComesInto(page, '#error-summary'), 'the focus is on #error-summary');
    const targets = await summary.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    assert.ok(targets.length >= 5, `links to the fields in the summary: ${targets}`);
    for (const href of targets) {
      assert.match(href, /^#./, 'summary links point into the page');
      assert.ok(await page.evaluate((id) => document.getElementById(id) !== null, href.slice(1)), `${href} exists`);
    }
    for (const id of ['name-error', 'contact-error', 'postcode-error', 'house_number-error', 'question-error', 'channel-error']) {
      assert.ok(await page.locator(`#${id}`).isVisible(), `#${id} is shown`);
    }

    await typeInto(page, '[name=name]', 'Sanne Jansen');
    await typeInto(page, '[name=phone]', '0612345678');
    await typeInto(page, '[name=email]', 'sanne@example.nl');
    await typeInto(page, '[name=postcode]', '12');
    await typeInto(page, '[name=house_number]', '5a');
    await typeInto(page, '[name=question]', 'Hulp bij formulieren');
    await page.locator('#channel-walk_in').check();
    await page.locator('#language').selectOption('pl');
    await page.locator('[name=trusted_person]').check();
    response = await submitted(page, '/aanmelden', () => page.locator('#submit-referral').click());
    assert.equal(response.status(), 422);
    assert.ok(await page.locator('#postcode-error').isVisible(), '#postcode-error');
    for (const id of ['name-error', 'contact-error', 'question-error', 'channel-error']) {
      assert.equal(await page.locator(`#${id}`).count(), 0, `no #${id} for a good value`);
    }
    const kept = {
      name: 'Sanne Jansen',
      phone: '0612345678',
      email: 'sanne@example.nl',
      postcode: '12',
      house_number: '5a',
      question: 'Hulp bij formulieren',
    };
    for (const [field, value] of Object.entries(kept)) {
      assert.equal(await page.locator(`[name=${field}]`).inputValue(), value, `${field} keeps what was typed`);
    }
    assert.ok(await page.locator('#channel-walk_in').isChecked(), 'the channel stays chosen');
    assert.equal(await page.locator('#language').inputValue(), 'pl', 'the language stays selected');
    assert.ok(await page.locator('[name=trusted_person]').isChecked(), 'the box stays ticked');
    await context.close();
  });

  test('#language-switch turns the site English and back', async () => {
    const { page, context, problems } = await newPage();
    await page.goto(`${town.server.url}/`);
    const lang = () => page.evaluate(() => document.documentElement.lang);
    assert.equal(await lang(), 'nl');
    const dutchHeading = (await page.locator('h1').first().textContent()).trim();

    await Promise.all([page.waitForEvent('load'), page.locator('#language-switch').click()]);
    assert.equal(await lang(), 'en', 'English after #language-switch');
    const englishHeading = (await page.locator('h1').first().textContent()).trim();
    assert.notEqual(englishHeading, dutchHeading, 'the heading is translated');

    await page.goto(`${town.server.url}/aanmelden`);
    assert.equal(await lang(), 'en', 'the choice is remembered on the next page');
    await Promise.all([page.waitForEvent('load'), page.locator('#language-switch').click()]);
    assert.equal(await lang(), 'nl', 'and #language-switch goes back to Dutch');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
