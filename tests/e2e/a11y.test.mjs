// Accessibility: axe-core (WCAG 2.0 and 2.1, levels A and AA) on every page
// a resident or professional sees, in each state, and the skip link as the
// first stop of the keyboard.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { axeViolations, closeBrowser, focusComesInto, formatViolations, launchBrowser } from './lib/browser.mjs';
import { Client, expectStatus } from './lib/http.mjs';
import { freshHouseNumber, loggedIn, prepareTown, referral } from './lib/town.mjs';

const PRO = 'e2e.a11y.pro';
const LEAD = 'e2e.a11y.lead';
const ADMIN = 'e2e.a11y.admin';
const AUDITOR = 'e2e.a11y.auditor';
const SKIP_LINK = 'a.utrecht-skip-link, a[href="#main"]';

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  let town;
  let browser;
  let example;
  let reference; // a referral of PRO's household, seen by PRO and LEAD
  let firstReference; // the request that made the household

  before(async () => {
    town = await prepareTown({
      backend: { name: 'sqlite' },
      label: 'a11y',
      users: ({ team }) => [
        { username: PRO, name: 'Anouk Toegankelijk', role: 'professional', team: team.name },
        { username: LEAD, name: 'Levi Leiding', role: 'teamlead', team: team.name },
        { username: ADMIN, name: 'Bea Beheer', role: 'admin' },
        { username: AUDITOR, name: 'Anja Controle', role: 'auditor' },
      ],
    });
    example = town.demo.example_postcode;
    // Referrals for the professional's inbox and the referral page.
    const anon = new Client(town.server.url);
    const houseNumber = freshHouseNumber();
    for (const question of ['Hulp bij de huur', 'Mijn zoon gaat niet meer naar school']) {
      const response = await anon.post('/api/v1/referrals', { json: referral(example, houseNumber, { question }) });
      expectStatus(response, 201, 'a referral to fill the inbox');
      reference = response.json.reference;
      firstReference ??= reference;
    }
    browser = await launchBrowser();
  });

  after(async () => {
    await closeBrowser(browser);
    await town?.close();
  });

  // A page in a fresh context. bypassCSP lets axe's script in; `login`
  // copies an API session into the browser.
  async function open(login) {
    const context = await browser.newContext({ bypassCSP: true, locale: 'nl-NL' });
    if (login) {
      const client = await loggedIn(town, login);
      await context.addCookies([{ name: 'gz_session', value: client.cookies.get('gz_session'), url: town.server.url }]);
    }
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return { context, page };
  }

  async function expectNoViolations(page, what) {
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, `axe finds on ${what} (${page.url()}):\n${formatViolations(violations)}`);
  }

  // Tab once from the top of a freshly loaded page: the skip link comes first.
  async function expectSkipLinkFirst(page, what) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate((selector) => {
      const el = document.activeElement;
      return { matches: el?.matches(selector) ?? false, html: el?.outerHTML.slice(0, 120) ?? '(nothing)', href: el?.getAttribute('href') };
    }, SKIP_LINK);
    assert.ok(focused.matches, `the first Tab on ${what} reaches ${focused.html}, not the skip link`);
    const target = focused.href?.startsWith('#') ? focused.href.slice(1) : 'main';
    assert.ok(await page.evaluate((id) => document.getElementById(id) !== null, target), `the skip link's target #${target} exists`);
  }

  async function submit(page, path, action) {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path),
      page.waitForEvent('load'), // of the page the POST answered with
      action(),
    ]);
    return response;
  }

  for (const lang of ['nl', 'en']) {
    const q = (path) => (lang === 'en' ? `${path}${path.includes('?') ? '&' : '?'}lang=en` : path);
    const variant = lang === 'en' ? ' (?lang=en)' : '';

    for (const [what, path] of [
      ['the front door', '/'],
      ['the front door with a team', '/?postcode=EXAMPLE'],
      ['the front door outside the municipality', '/?postcode=9999ZZ'],
      ['the front door with a malformed postcode', '/?postcode=12'],
      ['the referral form', '/aanmelden'],
    ]) {
      test(`${what}${variant}`, async () => {
        const { page, context } = await open();
        const response = await page.goto(`${town.server.url}${q(path.replace('EXAMPLE', example))}`);
        assert.ok(response.status() < 500, `${what}: status ${response.status()}`);
        if (lang === 'en') assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
        await expectSkipLinkFirst(page, what);
        await expectNoViolations(page, what);
        await context.close();
      });
    }

    test(`the referral form after an invalid submit${variant}`, async () => {
      const { page, context } = await open();
      await page.goto(`${town.server.url}${q('/aanmelden')}`);
      await page.locator('[name=postcode]').fill('12');
      // form.submit() skips the browser's own checks: this is about the server's error page.
      const response = await submit(page, '/aanmelden', () => page.locator('#submit-referral').evaluate((button) => button.form.submit()));
      assert.equal(response.status(), 422);
      assert.ok(await page.locator('#error-summary').isVisible(), '#error-summary');
      await expectNoViolations(page, 'the referral form with errors');
      await context.close();
    });

    test(`the confirmation page${variant}`, async () => {
      const { page, context } = await open();
      await page.goto(`${town.server.url}${q(`/aanmelden?postcode=${example}`)}`);
      await page.locator('[name=name]').fill('Noor Bakker');
      await page.locator('[name=phone]').fill('06 1111 2222');
      await page.locator('[name=postcode]').fill(example);
      await page.locator('[name=house_number]').fill(freshHouseNumber());
      await page.locator('[name=question]').fill('Ik zoek hulp bij eenzaamheid.');
      // "Ik kom zelf langs": the confirmation also lists the walk-in hours.
      await page.locator('#channel-walk_in').check();
      const response = await submit(page, '/aanmelden', () => page.locator('#submit-referral').click());
      assert.equal(response.status(), 303, 'to the confirmation page');
      assert.ok(await page.locator('#confirmation').isVisible(), '#confirmation');
      assert.ok(await page.locator('#walk-in').isVisible(), '#walk-in');
      await expectNoViolations(page, 'the confirmation page');
      await context.close();
    });
  }

  test('every field of the referral form has a visible <label for>', async () => {
    const { page, context } = await open();
    await page.goto(`${town.server.url}/aanmelden`);
    const fields = await page.locator('#submit-referral').evaluate((button) =>
      [...button.form.elements]
        .filter((el) => ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) && !['hidden', 'submit', 'button'].includes(el.type))
        .map((el) => {
          const label = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
          const box = label?.getBoundingClientRect();
          const visible = !!label && box.width > 0 && box.height > 0 && getComputedStyle(label).visibility !== 'hidden';
          return { field: `${el.tagName.toLowerCase()}[name=${el.name}]#${el.id}`, label: label?.textContent.trim() ?? null, visible };
        }),
    );
    const names = new Set(fields.map((f) => /\[name=([^\]]*)\]/.exec(f.field)[1]));
    for (const name of ['name', 'phone', 'email', 'postcode', 'house_number', 'question', 'channel', 'language', 'trusted_person']) {
      assert.ok(names.has(name), `the form has a field named ${name}`);
    }
    const unlabelled = fields.filter((f) => !f.visible || !f.label);
    assert.deepEqual(unlabelled, [], 'fields without a visible label');
    await context.close();
  });

  test('the login page', async () => {
    const { page, context } = await open();
    await page.goto(`${town.server.url}/inloggen`);
    await expectSkipLinkFirst(page, 'the login page');
    await expectNoViolations(page, 'the login page');
    await context.close();
  });

  test('the login page after a failed login', async () => {
    const { page, context } = await open();
    await page.goto(`${town.server.url}/inloggen`);
    await page.locator('#username').fill(PRO);
    await page.locator('#password').fill('this is not it at all');
    const response = await submit(page, '/inloggen', () => page.locator('#login-submit').click());
    assert.equal(response.status(), 401);
    assert.ok(await page.locator('#login-error').isVisible(), '#login-error');
    await expectNoViolations(page, 'the login page with an error');
    await context.close();
  });

  for (const [who, username] of [['a professional', PRO], ['a team lead', LEAD]]) {
    test(`the inbox of ${who}`, async () => {
      const { page, context } = await open(username);
      const response = await page.goto(`${town.server.url}/inbox`);
      assert.equal(response.status(), 200);
      assert.ok((await page.locator('#inbox tr[data-reference]').count()) > 0, 'the inbox has rows to check');
      await expectSkipLinkFirst(page, `the inbox of ${who}`);
      await expectNoViolations(page, `the inbox of ${who}`);
      await context.close();
    });
  }

  test('the administration page', async () => {
    const { page, context } = await open(ADMIN);
    const response = await page.goto(`${town.server.url}/beheer`);
    assert.equal(response.status(), 200);
    assert.ok((await page.locator('#accounts tbody tr').count()) > 0, 'the accounts table has rows');
    await expectSkipLinkFirst(page, 'the administration page');
    await expectNoViolations(page, 'the administration page');
    await context.close();
  });

  test('the referral page', async () => {
    const { page, context } = await open(LEAD);
    const response = await page.goto(`${town.server.url}/verzoeken/${reference}`);
    assert.equal(response.status(), 200);
    assert.ok(await page.locator('#question').isVisible(), '#question');
    await expectSkipLinkFirst(page, 'the referral page');
    await expectNoViolations(page, 'the referral page');
    await context.close();
  });

  test('the referral page of a request that waits to be joined, after first contact', async () => {
    // The second request above was for a known address: it waits to be joined.
    const lead = await loggedIn(town, LEAD);
    expectStatus(await lead.postWithCsrf(`/api/v1/referrals/${reference}/first-contact`, { json: { channel: 'phone' } }), 200);
    const { page, context } = await open(LEAD);
    const response = await page.goto(`${town.server.url}/verzoeken/${reference}`);
    assert.equal(response.status(), 200);
    assert.ok(await page.locator('#join-household-submit').isVisible(), 'the button that joins it');
    await expectSkipLinkFirst(page, 'the referral page with the join form');
    await expectNoViolations(page, 'the referral page with the join form');
    await context.close();
  });

  // A page as one person, in each of its states, checked by axe.
  async function checkPage(username, path, what, { status = 200, form } = {}) {
    const { page, context } = await open(username);
    try {
      const response = await page.goto(`${town.server.url}${path}`);
      assert.equal(response.status(), 200, `${what}: ${path}`);
      if (form) {
        const [answer] = await Promise.all([page.waitForNavigation(), form(page)]);
        assert.equal(answer.status(), status, `${what} after sending the form`);
      }
      if (status === 422) {
        // After a failed submit the focus is on the error summary, not at the top.
        const inSummary = await focusComesInto(page, '#error-summary');
        assert.ok(inSummary, `${what}: the focus moves to the error summary`);
      } else {
        await expectSkipLinkFirst(page, what);
      }
      await expectNoViolations(page, what);
    } finally {
      await context.close();
    }
  }

  test('the team lead\'s view of a household, and its handover form after an invalid submit', async () => {
    const lead = await loggedIn(town, LEAD);
    const household = (await lead.get(`/api/v1/referrals/${firstReference}`)).json.household_id;
    assert.ok(Number.isInteger(household), 'the first request made a household');
    await checkPage(LEAD, `/team/huishoudens/${household}`, 'the team lead\'s household');
    await checkPage(LEAD, `/team/huishoudens/${household}`, 'the handover form with errors', {
      status: 422,
      form: (page) => page.click('#team-save-handover'),
    });
  });

  test('the auditor\'s search: results, and a search with errors', async () => {
    await checkPage(AUDITOR, '/controle', 'the audit trail with results');
    const { page, context } = await open(AUDITOR);
    const response = await page.goto(`${town.server.url}/controle?from=2026-12-05&to=2026-12-01`);
    assert.equal(response.status(), 422);
    assert.ok(await page.locator('#error-summary').isVisible(), 'the error summary');
    await expectNoViolations(page, 'the audit search with an error');
    await context.close();
  });

  test('the administrator\'s page for an account\'s photo, and after a wrong file', async () => {
    const lead = await loggedIn(town, LEAD);
    await checkPage(ADMIN, `/beheer/gebruikers/${lead.user.id}/foto`, 'the photo page of an account');
    const { page, context } = await open(ADMIN);
    try {
      await page.goto(`${town.server.url}/beheer/gebruikers/${lead.user.id}/foto`);
      await page.setInputFiles('#photo-file', { name: 'notities.txt', mimeType: 'text/plain', buffer: Buffer.from('geen foto') });
      const [answer] = await Promise.all([page.waitForNavigation(), page.click('#photo-submit')]);
      assert.equal(answer.status(), 422);
      await expectNoViolations(page, 'the photo page after a wrong file');
    } finally {
      await context.close();
    }
  });

  test('the administrator\'s page for an account\'s photo, and after a wrong file', async () => {
    const lead = await loggedIn(town, LEAD);
    await checkPage(ADMIN, `/beheer/gebruikers/${lead.user.id}/foto`, 'the photo page of an account');
    const { page, context } = await open(ADMIN);
    try {
      await page.goto(`${town.server.url}/beheer/gebruikers/${lead.user.id}/foto`);
      await page.setInputFiles('#photo-file', { name: 'notities.txt', mimeType: 'text/plain', buffer: Buffer.from('geen foto') });
      const [answer] = await Promise.all([page.waitForNavigation(), page.click('#photo-submit')]);
      assert.equal(answer.status(), 422);
      await expectNoViolations(page, 'the photo page after a wrong file');
    } finally {
      await context.close();
    }
  });

  test('the auditor\'s check of the chain, before and after', async () => {
    await checkPage(AUDITOR, '/controle/verificatie', 'the check of the audit trail');
    await checkPage(AUDITOR, '/controle/verificatie', 'the result of the check', {
      form: (page) => page.click('#audit-verify-submit'),
    });
  });
});
