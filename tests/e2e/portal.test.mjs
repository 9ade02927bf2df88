// Mijn gezicht, end to end, on SQLite and PostgreSQL, with the server sending
// real mail over SMTP to the suite's own SMTP server on loopback: a
// professional invites a household member from the record; the resident
// opens the invitation, gets a code by e-mail and logs in (keyboard only, no
// JavaScript); confirms the plan and corrects it; withdraws consent and
// objects to a legal duty; asks for another contact person, which the team
// lead answers; downloads the data; says how a contact went. Every resident
// page is checked with axe in all six languages, Arabic right to left at
// 360 px. And what goes wrong: wrong, used and sixth codes, feedback twice
// or outside the scale, another household's ids, a request's state asked with
// the wrong address.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { axeViolations, closeBrowser, formatViolations, launchBrowser } from './lib/browser.mjs';
import { Client, expectJson } from './lib/http.mjs';
import { codeIn, loginResident, startSmtpServer } from './lib/mail.mjs';
import { backends, makeTempDir, removeTempDir, repoRoot, runOk } from './lib/server.mjs';
import { freshHouseNumber, prepareTown } from './lib/town.mjs';

const PHONE = { width: 360, height: 740 };
const LANGUAGES = ['nl', 'en', 'tr', 'ar', 'pl', 'uk'];
const RESIDENT_PAGES = [
  '/mijn-gezicht',
  '/mijn-gezicht/plan',
  '/mijn-gezicht/wie-helpen',
  '/mijn-gezicht/inzage',
  '/mijn-gezicht/delen',
  '/mijn-gezicht/andere-contactpersoon',
  '/mijn-gezicht/ervaring',
  '/mijn-gezicht/gegevens',
];
const PUBLIC_PAGES = ['/', '/aanmelden', '/mijn-gezicht/inloggen', '/mijn-aanvraag'];

for (const backend of backends()) {
  describe(`Mijn gezicht on ${backend.name}`, () => {
    let smtp;
    let town;
    let browser;
    let staff; // the household's fixed contact
    let lead; // the team lead
    let household; // the household the resident belongs to
    let otherHousehold; // one the resident does not
    let bases;
    const email = `bewoner-${backend.name}-${Date.now()}@example.nl`;
    const logins = {};

    before(async () => {
      smtp = await startSmtpServer();
      town = await prepareTown({
        backend,
        label: `portal-${backend.name}`,
        serverArgs: ['--smtp-url', smtp.url, '--smtp-tls', 'none'],
      });
      for (const login of town.demo.logins) logins[login.role] ??= login;
      staff = new Client(town.server.url);
      await staff.login(logins.professional.username, logins.professional.password);
      lead = new Client(town.server.url);
      await lead.login(logins.teamlead.username, logins.teamlead.password);
      const caseload = expectJson(await staff.get('/api/v1/me/caseload')).households;
      assert.ok(caseload.length >= 2, 'the demo professional has households');
      household = caseload[0].household_id;
      otherHousehold = caseload[1].household_id;
      bases = expectJson(await staff.get('/api/v1/legal-bases')).legal_bases;
      browser = await launchBrowser();
    });

    after(async () => {
      await closeBrowser(browser);
      await town?.close();
      await smtp?.stop();
    });

    // A page in a browser without JavaScript, as the resident's.
    async function residentContext(extra = {}) {
      return browser.newContext({ javaScriptEnabled: false, locale: 'nl-NL', viewport: PHONE, ...extra });
    }

    let residentCookies; // the browser session of the resident, once logged in

    test('a professional invites a household member from the record, and the invitation arrives by SMTP', async () => {
      const context = await browser.newContext({ locale: 'nl-NL' });
      try {
        const page = await context.newPage();
        await page.goto(`${town.server.url}/inloggen`);
        await page.fill('#username', logins.professional.username);
        await page.fill('#password', logins.professional.password);
        await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/inloggen')), page.click('#login-submit')]);
        await page.goto(`${town.server.url}/huishoudens/${household}/gezin`);
        await page.fill('#invitation-email', email);
        await Promise.all([page.waitForURL(/opgeslagen=uitnodiging/), page.click('#send-invitation')]);
        assert.match(await page.textContent('main'), /De uitnodiging is verstuurd/);
      } finally {
        await context.close();
      }
      const message = await smtp.waitFor(email, /\/mijn-gezicht\/uitnodiging\//);
      assert.equal(message.subject, 'Uitnodiging voor Mijn gezicht');
      // A wrong address is refused by name, and nothing is sent.
      const bad = await staff.postWithCsrf(`/api/v1/households/${household}/invitations`, { json: { email: 'geen adres' } });
      assert.equal(bad.status, 422, bad.describe());
      assert.ok(bad.json.errors.email, bad.describe());
      const stranger = await staff.postWithCsrf(`/api/v1/households/999999/invitations`, { json: { email } });
      assert.equal(stranger.status, 404, stranger.describe());
    });

    test('the resident opens the invitation and logs in with the code from the e-mail: keyboard only, no JavaScript', async () => {
      const invitation = await smtp.waitFor(email, /\/mijn-gezicht\/uitnodiging\//);
      const link = /(http:\/\/127\.0\.0\.1:\d+\/mijn-gezicht\/uitnodiging\/[A-Za-z0-9_-]{43})/.exec(invitation.body)[1];
      const context = await residentContext();
      try {
        const page = await context.newPage();
        await page.goto(link);
        assert.match(await page.textContent('#invited-email'), /^b\*+[a-z0-9]@example\.nl$/, 'the address, masked');
        const before = (await smtp.messages()).length;
        await page.focus('#invitation-send-code');
        await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
        const message = await smtp.waitFor(email, /\b\d{6}\b/, { after: before });
        assert.equal(message.subject, 'Uw code voor Mijn gezicht', 'the code is not in the subject (notifications, mail logs)');
        await page.focus('#code');
        await page.keyboard.type(codeIn(message));
        await Promise.all([page.waitForURL(/\/mijn-gezicht$/), page.keyboard.press('Enter')]);
        assert.ok(await page.isVisible('#home-contact'), 'the home shows the contact person');
        residentCookies = await context.cookies();
        // The invitation was single use.
        await page.goto(link);
        assert.match(await page.textContent('main'), /al gebruikt/);
      } finally {
        await context.close();
      }
    });

    test('the resident confirms what matters, and a correction reaches the fixed contact', async () => {
      const set = await staff.postWithCsrf(`/api/v1/households/${household}/what-matters`, {
        json: { words: 'Rust in huis, en dat mijn zoon naar school blijft gaan.', confirmed: false },
      });
      assert.ok([200, 201].includes(set.status), set.describe());
      const context = await residentContext();
      try {
        await context.addCookies(residentCookies);
        const page = await context.newPage();
        await page.goto(`${town.server.url}/mijn-gezicht/plan`);
        assert.match(await page.textContent('#what-matters'), /Rust in huis/);
        await Promise.all([page.waitForURL(/klaar=bevestigd/), page.click('#confirm-what-matters')]);
        assert.match(await page.textContent('#what-matters-heard'), /U zei dat het klopt op/);
        await page.fill('#correction', 'Het gaat ook om mijn moeder, die bij ons woont.');
        await Promise.all([page.waitForURL(/klaar=verstuurd/), page.click('#send-correction')]);
        // An empty correction is refused by name, and nothing is saved.
        await page.fill('#correction', '   ');
        await page.click('#send-correction');
        assert.ok(await page.isVisible('#correction-error'));
      } finally {
        await context.close();
      }
      const open = expectJson(await staff.get('/api/v1/resident-requests')).requests;
      const correction = open.find((r) => r.household_id === household && r.kind === 'what_matters_correction');
      assert.ok(correction, `the fixed contact has the correction: ${JSON.stringify(open)}`);
      assert.equal(correction.text, 'Het gaat ook om mijn moeder, die bij ons woont.');
      assert.equal(open.filter((r) => r.household_id === household).length, 1, 'the empty one was not saved');
    });

    test('consent is withdrawn at once; a legal duty can only be objected to, which reaches the team lead', async () => {
      const consent = bases.find((b) => b.ground === 'consent');
      const duty = bases.find((b) => b.ground === 'legal_duty');
      assert.ok(consent && duty, `the demo has both grounds: ${JSON.stringify(bases)}`);
      const ids = {};
      for (const [name, basis] of [['consent', consent], ['duty', duty]]) {
        const made = await staff.postWithCsrf(`/api/v1/households/${household}/sharing`, {
          json: { legal_basis_id: basis.id, parts: ['summary'], resident_wish: 'Afgesproken met de bewoner.' },
        });
        assert.equal(made.status, 201, made.describe());
        ids[name] = made.json.id;
      }
      const context = await residentContext();
      try {
        await context.addCookies(residentCookies);
        const page = await context.newPage();
        await page.goto(`${town.server.url}/mijn-gezicht/delen`);
        assert.equal(await page.locator(`#withdraw-${ids.duty}`).count(), 0, 'no withdraw button for a legal duty');
        await Promise.all([page.waitForURL(/klaar=ingetrokken/), page.click(`#withdraw-${ids.consent}`)]);
        await page.fill(`#objection-${ids.duty}`, 'Ik wil niet dat het inkomensteam dit ziet.');
        await Promise.all([page.waitForURL(/klaar=bezwaar/), page.click(`#object-${ids.duty}`)]);
      } finally {
        await context.close();
      }
      const resident = new Client(town.server.url);
      await loginResident(resident, email, smtp);
      const sharing = expectJson(await resident.get('/api/v1/me/sharing')).agreements;
      const withdrawn = sharing.find((s) => s.id === ids.consent);
      assert.ok(withdrawn.withdrawn_at, `withdrawn at once: ${JSON.stringify(sharing)}`);
      assert.equal(sharing.find((s) => s.id === ids.duty).withdrawn_at, null, 'the legal duty stays');
      const open = expectJson(await lead.get('/api/v1/resident-requests')).requests;
      assert.ok(open.some((r) => r.household_id === household && r.kind === 'sharing_objection'), JSON.stringify(open));
    });

    test('another contact person: asked without a reason, answered by the team lead on the page, seen by the resident', async () => {
      const context = await residentContext();
      try {
        await context.addCookies(residentCookies);
        const page = await context.newPage();
        await page.goto(`${town.server.url}/mijn-gezicht/andere-contactpersoon`);
        await Promise.all([page.waitForURL(/klaar=gevraagd/), page.click('#ask-another')]);
        assert.equal(await page.locator('#ask-another').count(), 0, 'asked once at a time');
      } finally {
        await context.close();
      }
      const open = expectJson(await lead.get('/api/v1/resident-requests')).requests;
      const asked = open.find((r) => r.household_id === household && r.kind === 'another_contact');
      assert.ok(asked, JSON.stringify(open));
      const leadContext = await browser.newContext({ locale: 'nl-NL' });
      try {
        const page = await leadContext.newPage();
        await page.goto(`${town.server.url}/inloggen`);
        await page.fill('#username', logins.teamlead.username);
        await page.fill('#password', logins.teamlead.password);
        await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/inloggen')), page.click('#login-submit')]);
        await page.click('a[href="/vragen-van-inwoners"]');
        await page.fill(`#answer-${asked.id}`, 'Wij zoeken iemand anders voor u. U hoort het deze week.');
        await Promise.all([page.waitForURL(/klaar=1/), page.click(`#answer-${asked.id}-submit`)]);
      } finally {
        await leadContext.close();
      }
      const context2 = await residentContext();
      try {
        await context2.addCookies(residentCookies);
        const page = await context2.newPage();
        await page.goto(`${town.server.url}/mijn-gezicht/andere-contactpersoon`);
        assert.match(await page.textContent('#asked'), /Wij zoeken iemand anders voor u/);
      } finally {
        await context2.close();
      }
    });

    test('the data download has the record and its access log, and is itself in the access log', async () => {
      const context = await residentContext({ acceptDownloads: true });
      let data;
      try {
        await context.addCookies(residentCookies);
        const page = await context.newPage();
        await page.goto(`${town.server.url}/mijn-gezicht/gegevens`);
        assert.ok(await page.isVisible('#data-contacts'));
        const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
        const chunks = [];
        for await (const chunk of await download.createReadStream()) chunks.push(chunk);
        data = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        await page.goto(`${town.server.url}/mijn-gezicht/inzage`);
        assert.match(await page.textContent('#access-log'), /downloadde|exporteerde|gegevens/i);
      } finally {
        await context.close();
      }
      assert.equal(data.household_id, household);
      assert.match(data.plan.what_matters.words, /Rust in huis/);
      assert.ok(data.access_log.length > 0);
      assert.ok(data.access_log.some((e) => e.who.role === 'professional'), 'who looked, staff among them');
      assert.ok(Array.isArray(data.contacts));
    });

    test('after a home visit the resident is asked by e-mail how it went, answers once, and wrong answers are refused by name', async () => {
      const before = (await smtp.messages()).length;
      const me = expectJson(await staff.get('/api/v1/me'));
      const logged = await staff.postWithCsrf(`/api/v1/households/${household}/contacts`, {
        json: { professional_id: me.id, at: new Date(Date.now() - 3600_000).toISOString().replace(/\.\d+Z$/, 'Z'), channel: 'home_visit' },
      });
      assert.equal(logged.status, 201, logged.describe());
      const contactId = logged.json.id;
      await smtp.waitFor(email, /\/mijn-gezicht\/ervaring/, { after: before });

      const context = await residentContext();
      try {
        await context.addCookies(residentCookies);
        const page = await context.newPage();
        await page.goto(`${town.server.url}/mijn-gezicht/ervaring`);
        await page.check(`#feedback-${contactId}-taken_seriously-completely_agree`);
        await page.check(`#feedback-${contactId}-helped_quickly-dont_know`);
        await page.fill(`#comment-${contactId}`, 'Fijn gesprek.');
        await Promise.all([page.waitForURL(/klaar=1/), page.click(`#feedback-${contactId}-submit`)]);
        assert.ok(await page.isVisible('#feedback-done'));
        assert.equal(await page.locator(`#feedback-${contactId}`).count(), 0, 'asked once');
      } finally {
        await context.close();
      }
      const resident = new Client(town.server.url);
      await loginResident(resident, email, smtp);
      const twice = await resident.postWithCsrf('/api/v1/me/feedback', {
        json: { contact_id: contactId, answers: { taken_seriously: 'agree' } },
      });
      assert.equal(twice.status, 409, twice.describe());
      const pending = expectJson(await resident.get('/api/v1/me/feedback/pending'));
      assert.equal(pending.statements.length, 8);
      // Another household's contact answers as one that does not exist.
      const theirs = await staff.postWithCsrf(`/api/v1/households/${otherHousehold}/contacts`, {
        json: { professional_id: me.id, at: new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z'), channel: 'phone' },
      });
      assert.equal(theirs.status, 201, theirs.describe());
      const foreign = await resident.postWithCsrf('/api/v1/me/feedback', {
        json: { contact_id: theirs.json.id, answers: { taken_seriously: 'agree' } },
      });
      const missing = await resident.postWithCsrf('/api/v1/me/feedback', {
        json: { contact_id: 99999999, answers: { taken_seriously: 'agree' } },
      });
      assert.equal(foreign.status, 404, foreign.describe());
      assert.equal(foreign.text, missing.text, 'no difference between another household\'s contact and none');
      // A new contact, answered outside the scale: named, and nothing saved.
      const fresh = await staff.postWithCsrf(`/api/v1/households/${household}/contacts`, {
        json: { professional_id: me.id, at: new Date(Date.now() - 120_000).toISOString().replace(/\.\d+Z$/, 'Z'), channel: 'phone' },
      });
      const outside = await resident.postWithCsrf('/api/v1/me/feedback', {
        json: { contact_id: fresh.json.id, answers: { taken_seriously: 7 } },
      });
      assert.equal(outside.status, 422, outside.describe());
      assert.ok(outside.json.errors['answers.taken_seriously'], outside.describe());
      const still = expectJson(await resident.get('/api/v1/me/feedback/pending')).contacts;
      assert.ok(still.some((c) => c.contact_id === fresh.json.id), 'the refused answer saved nothing');
      // The team lead's figures: too few answers, so none shown.
      const quarter = `${new Date().getUTCFullYear()}-Q${Math.floor(new Date().getUTCMonth() / 3) + 1}`;
      const figures = expectJson(await lead.get(`/api/v1/team/experience?quarter=${quarter}`));
      assert.ok(figures.statements.every((s) => s.suppressed === true), JSON.stringify(figures));
      assert.equal((await staff.get(`/api/v1/team/experience?quarter=${quarter}`)).status, 403);
    });

    test('a request\'s state without an account: the reference with the address, the same answer for any wrong part', async () => {
      const client = new Client(town.server.url);
      const number = freshHouseNumber();
      const made = await client.post('/api/v1/referrals', {
        json: {
          name: 'Yusuf Demir', email: `yusuf-${backend.name}@example.nl`, postcode: town.demo.example_postcode,
          house_number: number, question: 'Ik heb hulp nodig met de post.', language: 'tr', channel: 'home_visit',
          follow_online: true,
        },
      });
      assert.equal(made.status, 201, made.describe());
      const reference = made.json.reference;
      const found = expectJson(
        await client.get(`/api/v1/referrals/status?reference=${reference}&postcode=${town.demo.example_postcode}&house_number=${number}`),
      );
      assert.equal(found.state, 'waiting');
      assert.equal(found.contact.name, made.json.contact.name);
      const wrongAddress = await client.get(`/api/v1/referrals/status?reference=${reference}&postcode=${town.demo.example_postcode}&house_number=1${number}`);
      const wrongReference = await client.get(`/api/v1/referrals/status?reference=GZ-0000-0000&postcode=${town.demo.example_postcode}&house_number=${number}`);
      assert.equal(wrongAddress.status, 404);
      assert.equal(wrongAddress.text, wrongReference.text);
      // The confirmation e-mail, in Turkish (the language asked for contact), links to the state.
      const confirmation = await smtp.waitFor(`yusuf-${backend.name}@example.nl`, /\/mijn-aanvraag\//);
      assert.equal(confirmation.language, 'tr');
      const link = /(http:\/\/127\.0\.0\.1:\d+\/mijn-aanvraag\/[A-Za-z0-9_-]{43})/.exec(confirmation.body)[1];
      const page = await client.get(new URL(link).pathname);
      assert.equal(page.status, 200);
      assert.ok(page.text.includes(reference));
      // Asking to follow online without an address is refused by name.
      const noEmail = await client.post('/api/v1/referrals', {
        json: {
          name: 'Yusuf Demir', phone: '06 1234 5678', postcode: town.demo.example_postcode, house_number: freshHouseNumber(),
          question: 'Hulp', language: 'nl', channel: 'phone', follow_online: true,
        },
      });
      assert.equal(noEmail.status, 422, noEmail.describe());
      assert.ok(noEmail.json.errors.email);
    });

    test('a resident reaches nothing of another household: ids of theirs answer as ids that do not exist', async () => {
      const resident = new Client(town.server.url);
      await loginResident(resident, email, smtp);
      const theirs = await staff.postWithCsrf(`/api/v1/households/${otherHousehold}/sharing`, {
        json: { legal_basis_id: bases.find((b) => b.ground === 'consent').id, parts: ['summary'], resident_wish: 'Ja.' },
      });
      assert.equal(theirs.status, 201, theirs.describe());
      const foreign = await resident.postWithCsrf(`/api/v1/me/sharing/${theirs.json.id}/withdraw`, {});
      const missing = await resident.postWithCsrf('/api/v1/me/sharing/99999999/withdraw', {});
      assert.equal(foreign.status, 404, foreign.describe());
      assert.equal(foreign.text, missing.text);
      // Their share stands: its own professional can still withdraw it.
      const stands = await staff.postWithCsrf(`/api/v1/households/${otherHousehold}/sharing/${theirs.json.id}/withdraw`, {});
      assert.equal(stands.status, 200, stands.describe());
      // Staff pages and APIs stay closed to a resident.
      assert.equal((await resident.get(`/api/v1/households/${household}`)).status, 403);
      assert.equal((await resident.get('/api/v1/resident-requests')).status, 403);
    });

    test('every resident page passes axe in all six languages; Arabic reads right to left and fits 360 px', async () => {
      const context = await browser.newContext({ bypassCSP: true, locale: 'nl-NL', viewport: PHONE });
      try {
        await context.addCookies(residentCookies);
        const page = await context.newPage();
        for (const language of LANGUAGES) {
          for (const path of [...RESIDENT_PAGES, ...PUBLIC_PAGES]) {
            const response = await page.goto(`${town.server.url}${path}?lang=${language}`);
            assert.equal(response.status(), 200, `${path} in ${language}`);
            assert.equal(await page.getAttribute('html', 'lang'), language, `${path} in ${language}`);
            const violations = await axeViolations(page);
            assert.equal(violations.length, 0, `axe on ${path} in ${language}:\n${formatViolations(violations)}`);
            const wide = await page.evaluate(() => (document.documentElement.scrollWidth > window.innerWidth + 1
              ? [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
                .slice(0, 4).map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`)
              : []));
            assert.deepEqual(wide, [], `${path} in ${language} scrolls sideways at 360 px`);
          }
        }
        await page.goto(`${town.server.url}/mijn-gezicht?lang=ar`);
        assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
        const mirrored = await page.evaluate(() => {
          const brand = document.querySelector('.gz-brand').getBoundingClientRect();
          return brand.right > window.innerWidth / 2;
        });
        assert.ok(mirrored, 'the name of the municipality starts on the right');
        // The choice is remembered.
        await page.goto(`${town.server.url}/mijn-gezicht/plan`);
        assert.equal(await page.getAttribute('html', 'lang'), 'ar');
        // A professional's page never speaks a residents' language.
        const staffPage = await staff.get(`/inbox?lang=ar`);
        assert.match(staffPage.headers.get('content-language') ?? '', /^nl$/);
      } finally {
        await context.close();
      }
    });

    test('the municipality adds a statement set: residents are asked it at once in their language, earlier answers keep theirs', async () => {
      const dir = await makeTempDir('statements');
      try {
        const example = JSON.parse(await readFile(path.join(repoRoot, 'examples/experience-statements.json'), 'utf8'));
        const words = { nl: 'Ik voelde me op mijn gemak.', en: 'I felt at ease.', tr: 'Kendimi rahat hissettim.',
          ar: 'شعرت بالراحة.', pl: 'Czułem się swobodnie.', uk: 'Я почувався спокійно.' };
        const file = path.join(dir, 'statements.json');
        await writeFile(file, JSON.stringify({ statements: [...example.statements.slice(0, 2), { key: 'felt_at_ease', words }] }));
        const added = await runOk(['experience', 'add-statements', '--db', town.db, file]);
        assert.match(added.stdout, /added statement set version 2/);
        assert.match((await runOk(['experience', 'statements', '--db', town.db])).stdout, /felt_at_ease: Ik voelde me op mijn gemak\./);
      } finally {
        await removeTempDir(dir);
      }
      const me = expectJson(await staff.get('/api/v1/me'));
      const logged = await staff.postWithCsrf(`/api/v1/households/${household}/contacts`, {
        json: { professional_id: me.id, at: new Date(Date.now() - 600_000).toISOString().replace(/\.\d+Z$/, 'Z'), channel: 'walk_in' },
      });
      assert.equal(logged.status, 201, logged.describe());
      const contactId = logged.json.id;
      const context = await residentContext();
      try {
        await context.addCookies(residentCookies);
        const page = await context.newPage();
        await page.goto(`${town.server.url}/mijn-gezicht/ervaring?lang=ar`);
        const form = page.locator(`#feedback-${contactId}`);
        assert.match(await form.innerText(), /شعرت بالراحة\./, 'the new statement in Arabic');
        assert.equal(await form.locator('fieldset').count(), 3, 'the new set\'s three statements');
        await page.check(`#feedback-${contactId}-felt_at_ease-agree`);
        await Promise.all([page.waitForURL(/klaar=1/), page.click(`#feedback-${contactId}-submit`)]);
        assert.ok(await page.isVisible('#feedback-done'));
        // The API, in the same session (a new login would use up the address's codes).
        const api = await context.request.get(`${town.server.url}/api/v1/me/feedback/pending?lang=en`);
        assert.equal(api.status(), 200);
        const pending = await api.json();
        assert.equal(pending.statement_set, 2);
        assert.equal(pending.words.felt_at_ease, 'I felt at ease.');
      } finally {
        await context.close();
      }
      const quarter = `${new Date().getUTCFullYear()}-Q${Math.floor(new Date().getUTCMonth() / 3) + 1}`;
      const figures = expectJson(await lead.get(`/api/v1/team/experience?quarter=${quarter}`));
      assert.equal(figures.statement_set, 2);
      assert.deepEqual(figures.statements.map((s) => s.statement), ['knew_where_to_go', 'taken_seriously', 'felt_at_ease']);
      assert.ok(figures.statements.every((s) => s.suppressed === true), 'one answer shows nothing');
      assert.deepEqual(figures.earlier_sets.map((s) => s.statement_set), [1], 'the earlier answer keeps version 1');
      const leadPage = await lead.get(`/team/ervaring?kwartaal=${quarter}`);
      assert.match(leadPage.text, /id="experience-figures-v1"/);
      assert.match(leadPage.text, /Ik voelde me op mijn gemak\./);
    });

    test('codes (last: it throttles the address): a wrong one, and the right one after five wrong ones, are refused alike', async () => {
      const client = new Client(town.server.url);
      const before = (await smtp.messages()).length;
      assert.equal((await client.post('/api/v1/resident/login-code', { json: { email } })).status, 202);
      const unknown = await client.post('/api/v1/resident/login-code', { json: { email: 'niemand@example.nl' } });
      assert.equal(unknown.status, 202, 'the same answer for an unknown address');
      const code = codeIn(await smtp.waitFor(email, /\b\d{6}\b/, { after: before }));
      const wrong = code === '000000' ? '111111' : '000000';
      for (let i = 0; i < 5; i++) {
        const attempt = await client.post('/api/v1/resident/login', { json: { email, code: wrong } });
        assert.ok([401, 429].includes(attempt.status), attempt.describe());
      }
      const late = await client.post('/api/v1/resident/login', { json: { email, code } });
      assert.ok([401, 429].includes(late.status), `the right code after five wrong ones: ${late.describe()}`);
      assert.ok(!(await smtp.messages()).slice(before).some((m) => m.to === 'niemand@example.nl'), 'no mail to an unknown address');
      // The staff's password login refuses residents.
      const staffForm = await client.post('/api/v1/login', { json: { username: email, password: 'x' } });
      assert.ok([401, 429].includes(staffForm.status), staffForm.describe());
    });
  });
}
