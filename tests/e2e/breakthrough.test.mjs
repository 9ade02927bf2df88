// Doorbraak, end to end on SQLite and PostgreSQL: a professional asks from
// the household's record in the browser (a mistake first, named by field);
// the breakthrough team's member takes it in and grants it on the page; the
// budget's ledger shows the commitment; the household's resident sees it on
// Mijn gezicht in plain words; the team lead sees the overview without the
// case; the policy report shows the figures as SVG with their tables, and as
// CSV and XLSX, with small groups suppressed. Every page passes axe.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { axeViolations, closeBrowser, formatViolations, launchBrowser } from './lib/browser.mjs';
import { Client, expectJson, expectStatus } from './lib/http.mjs';
import { loginResident, Outbox } from './lib/mail.mjs';
import { backends } from './lib/server.mjs';
import { prepareTown } from './lib/town.mjs';

const request = (overrides = {}) => ({
  stuck_resident: 'Ik kan de wasmachine niet betalen', stuck_professional: 'Bijzondere bijstand en schuldhulp sluiten elkaar uit',
  category: 'schemes_conflict', blocking_rule: 'Beleidsregel bijzondere bijstand', rule_purpose: 'Geen dubbele vergoeding',
  professional_judgement: 'Een wasmachine voorkomt nieuwe schulden', resident_wish: 'Schone kleren voor de kinderen',
  proposal: 'Eenmalig een wasmachine', one_off_cents: 45000, monthly_cents: 0, urgency: 'normal', resident_agreed: true,
  ...overrides,
});

for (const backend of backends()) {
  describe(`doorbraak on ${backend.name}`, () => {
    let town;
    let browser;
    let pro; // a professional, fixed contact of the households below
    let member; // the breakthrough team's member
    let lead;
    let households;
    let asked; // the request asked in the browser
    const logins = {};

    before(async () => {
      town = await prepareTown({ backend, label: `doorbraak-${backend.name}` });
      for (const login of town.demo.logins) logins[login.role] ??= login;
      pro = new Client(town.server.url);
      await pro.login(logins.professional.username, logins.professional.password);
      member = new Client(town.server.url);
      await member.login(logins.breakthrough_member.username, logins.breakthrough_member.password);
      lead = new Client(town.server.url);
      await lead.login(logins.teamlead.username, logins.teamlead.password);
      households = expectJson(await pro.get('/api/v1/me/caseload')).households.map((h) => h.household_id);
      assert.ok(households.length >= 3, 'the demo professional has households');
      browser = await launchBrowser();
    });

    after(async () => {
      await closeBrowser(browser);
      await town?.close();
    });

    async function pageAs(client) {
      const context = await browser.newContext({ bypassCSP: true, locale: 'nl-NL', javaScriptEnabled: true });
      await context.addCookies([{ name: 'gz_session', value: client.cookies.get('gz_session'), url: town.server.url }]);
      return { context, page: await context.newPage() };
    }

    async function expectAxeClean(page, what) {
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, `axe on ${what}:\n${formatViolations(violations)}`);
    }

    test('a professional asks from the record; a forgotten field is named and nothing is saved', async () => {
      const { context, page } = await pageAs(pro);
      try {
        await page.goto(`${town.server.url}/huishoudens/${households[0]}`);
        await Promise.all([page.waitForURL(/\/doorbraak$/), page.click('#breakthrough-link')]);
        assert.match(await page.textContent('#muddling'), /Kosten per jaar: € [\d.]+,\d\d/);
        await expectAxeClean(page, 'the request form');
        const fill = async (skipProposal) => {
          for (const [name, value] of Object.entries(request())) {
            if (typeof value !== 'string' || name === 'category' || name === 'urgency') continue;
            if (skipProposal && name === 'proposal') continue;
            await page.fill(`#${name}`, value);
          }
          await page.selectOption('#category', 'schemes_conflict');
          await page.fill('#one_off', '450,00');
          await page.fill('#monthly', '0');
          await page.check('#resident_agreed');
        };
        await fill(true);
        await page.click('#breakthrough-submit');
        assert.ok(await page.isVisible('#error-summary'));
        assert.match(await page.textContent('#error-summary'), /Schrijf uw voorstel op/);
        assert.equal(await page.inputValue('#stuck_resident'), request().stuck_resident, 'what was typed stays');
        await expectAxeClean(page, 'the request form with an error');
        assert.equal(expectJson(await pro.get('/api/v1/breakthroughs')).breakthroughs.length, 0, 'nothing saved');
        await page.fill('#proposal', request().proposal);
        await Promise.all([page.waitForURL(/\/doorbraak\/\d+\?klaar=gevraagd/), page.click('#breakthrough-submit')]);
        asked = Number(/\/doorbraak\/(\d+)/.exec(page.url())[1]);
        assert.equal(await page.textContent('#breakthrough-state'), 'Ingediend');
        await expectAxeClean(page, 'the request as its requester sees it');
      } finally {
        await context.close();
      }
    });

    test('a member takes it in and grants it on the page; the ledger commits the amount', async () => {
      const before = expectJson(await member.get('/api/v1/budget'));
      const { context, page } = await pageAs(member);
      try {
        await page.goto(`${town.server.url}/doorbraak`);
        await expectAxeClean(page, 'the member\'s queue');
        await Promise.all([page.waitForURL(new RegExp(`/doorbraak/${asked}$`)), page.click(`#breakthrough-${asked} a`)]);
        await Promise.all([page.waitForURL(/klaar=behandeling/), page.click('#review-submit')]);
        assert.equal(await page.textContent('#breakthrough-state'), 'In behandeling');
        // A grant without reasoning is refused by name.
        await page.check('#decision-granted');
        await page.fill('#decision-amount', '450');
        await Promise.all([page.waitForURL(/fout=/), page.click('#decision-submit')]);
        assert.match(await page.textContent('#breakthrough-error'), /onderbouwing/i);
        await page.check('#decision-granted');
        await page.fill('#decision-amount', '450');
        await page.fill('#decision-reasoning', 'Goedkoper dan maanden doormodderen');
        await Promise.all([page.waitForURL(/klaar=besluit/), page.click('#decision-submit')]);
        assert.equal(await page.textContent('#breakthrough-state'), 'Toegekend');
        assert.equal(await page.textContent('#breakthrough-granted'), '€ 450,00');
        await expectAxeClean(page, 'a granted request');
        await page.goto(`${town.server.url}/doorbraak/budget`);
        assert.match(await page.textContent('#ledger'), /Toegezegd\s*€ 450,00/);
        await expectAxeClean(page, 'the budget');
      } finally {
        await context.close();
      }
      const afterGrant = expectJson(await member.get('/api/v1/budget'));
      assert.equal(afterGrant.committed_cents - before.committed_cents, 45000);
      assert.equal(afterGrant.balance_cents, before.balance_cents - 45000);
      // Deciding twice, withdrawing a decided request, a negative execution: each named.
      const twice = await member.postWithCsrf(`/api/v1/breakthroughs/${asked}/decision`, {
        json: { decision: 'rejected', reasoning: 'Toch niet', alternative: 'Kringloop' },
      });
      assert.equal(twice.status, 409);
      assert.equal(twice.json.code, 'breakthrough.decided');
      const withdrawn = await pro.postWithCsrf(`/api/v1/breakthroughs/${asked}/withdraw`, { json: {} });
      assert.equal(withdrawn.status, 409);
      const negative = await member.postWithCsrf(`/api/v1/breakthroughs/${asked}/executed`, { json: { actual_cents: -5 } });
      assert.equal(negative.status, 422);
      assert.ok(negative.json.errors.actual_cents, negative.describe());
      const done = await member.postWithCsrf(`/api/v1/breakthroughs/${asked}/executed`, { json: { actual_cents: 43999 } });
      expectStatus(done, 200, 'carried out');
      const executed = expectJson(await member.get('/api/v1/budget'));
      assert.equal(executed.spent_cents - before.spent_cents, 43999);
      assert.equal(executed.committed_cents, before.committed_cents);
    });

    test('the household\'s resident sees it on Mijn gezicht, in plain words', async () => {
      const email = `doorbraak-${backend.name}-${Date.now()}@example.nl`;
      expectStatus(await pro.postWithCsrf(`/api/v1/households/${households[0]}/invitations`, { json: { email } }), 201, 'invite');
      const resident = new Client(town.server.url);
      await loginResident(resident, email, new Outbox(town.server.outbox));
      const home = expectJson(await resident.get('/api/v1/me/household'));
      assert.deepEqual(home.breakthroughs.map((b) => [b.id, b.state]), [[asked, 'executed']]);
      const page = await resident.get('/mijn-gezicht');
      assert.match(page.text, new RegExp(`id="breakthrough-${asked}"><strong>Geregeld</strong>`));
      const arabic = await resident.get('/mijn-gezicht?lang=ar');
      assert.doesNotMatch(arabic.text, /Geregeld/, 'in the resident\'s language');
      // The member's read is in the household's access log.
      const log = expectJson(await resident.get('/api/v1/me/access-log?lang=nl'));
      assert.ok(log.entries.some((e) => e.part === 'breakthrough' && /doorbraakteam/.test(e.summary)), JSON.stringify(log.entries.slice(0, 5)));
    });

    test('the team lead sees state and deadline without the case; the report suppresses small groups', async () => {
      const overview = await lead.get('/doorbraak');
      assert.equal(overview.status, 200);
      assert.doesNotMatch(overview.text, /wasmachine/i, 'no case content');
      assert.doesNotMatch(overview.text, new RegExp(`href="/doorbraak/${asked}"`), 'no link the team lead may not open');
      assert.equal((await lead.get(`/api/v1/breakthroughs/${asked}`)).status, 404);
      const small = expectJson(await lead.get('/api/v1/breakthroughs/report'));
      assert.equal(small.suppressed, true, 'one request is too few to show');
      assert.equal(small.categories_by_count, undefined);
    });

    test('with enough requests the report shows charts with their data, as CSV and XLSX too', async () => {
      // Eleven more, decided: enough for one category to show.
      for (let i = 0; i < 11; i += 1) {
        const made = await pro.postWithCsrf(`/api/v1/households/${households[i % households.length]}/breakthroughs`, {
          json: request({ blocking_rule: i % 2 ? 'Beleidsregel bijzondere bijstand' : 'BELEIDSREGEL  bijzondere bijstand' }),
        });
        expectStatus(made, 201, `request ${i}`);
        const decided = await member.postWithCsrf(`/api/v1/breakthroughs/${made.json.id}/decision`, {
          json: i % 3 ? { decision: 'granted', reasoning: 'Ja', amount_cents: 10000 }
            : { decision: 'rejected', reasoning: 'Nee', alternative: 'Een kringloopwinkel' },
        });
        expectStatus(decided, 200, `decision ${i}`);
      }
      const report = expectJson(await lead.get('/api/v1/breakthroughs/report'));
      assert.equal(report.suppressed, false);
      assert.equal(report.requests, 12);
      const conflict = report.categories_by_count.find((c) => c.category === 'schemes_conflict');
      assert.equal(conflict.requests, 12);
      assert.equal(report.top_rules[0].requests, 12, 'the rule counted once however it was spelled');
      assert.equal(report.decisions.decided, 12);
      const { context, page } = await pageAs(lead);
      try {
        await page.goto(`${town.server.url}/doorbraak/rapport`);
        assert.equal(await page.locator('svg[role="img"]').count(), 2);
        assert.match(await page.textContent('#report-categories'), /Twee regelingen sluiten elkaar uit\s*12/);
        await expectAxeClean(page, 'the report');
      } finally {
        await context.close();
      }
      const csv = await lead.get('/doorbraak/rapport?formaat=csv');
      assert.match(csv.headers.get('content-type'), /^text\/csv/);
      assert.match(csv.text, /blokkade,Twee regelingen sluiten elkaar uit,12,/);
      const xlsx = await fetch(new URL('/api/v1/breakthroughs/report?format=xlsx', town.server.url), {
        headers: { cookie: lead.cookieHeader() },
      });
      assert.equal(xlsx.status, 200);
      const bytes = Buffer.from(await xlsx.arrayBuffer());
      assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'a zip file');
      const wrong = await lead.get('/api/v1/breakthroughs/report?from=2026-12-31&to=2026-01-01');
      assert.equal(wrong.status, 422);
      assert.ok(wrong.json.errors.to);
    });
  });
}
