// The dashboard, the equity monitor and the private mirror, end to end on
// SQLite and PostgreSQL: policy staff land on the municipality's dashboard
// and split it by neighbourhood; every figure has its interval, small groups
// say "minder dan 10" on the page and in the CSV and XLSX alike; a team lead
// sees their own team and is refused another; a professional's mirror is
// theirs alone (a team lead cannot open it, and there is no way to ask for
// someone else's); each read is in the audit trail. Pages pass axe and fit
// a 360 px phone.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { axeViolations, closeBrowser, formatViolations, launchBrowser } from './lib/browser.mjs';
import { Client, expectJson, expectStatus } from './lib/http.mjs';
import { backends } from './lib/server.mjs';
import { prepareTown } from './lib/town.mjs';

for (const backend of backends()) {
  describe(`dashboard on ${backend.name}`, () => {
    let town;
    let browser;
    const logins = {};
    const clients = {};

    before(async () => {
      town = await prepareTown({ backend, label: `dashboard-${backend.name}` });
      for (const login of town.demo.logins) logins[login.role] ??= login;
      for (const role of ['policy', 'teamlead', 'professional', 'auditor']) {
        clients[role] = new Client(town.server.url);
        await clients[role].login(logins[role].username, logins[role].password);
      }
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

    test('policy staff land on the dashboard, split it in the browser, and it fits a phone', async () => {
      const { context, page } = await pageAs(clients.policy);
      try {
        await page.goto(`${town.server.url}/`);
        await page.goto(`${town.server.url}/dashboard`);
        assert.match(await page.textContent('h1'), /Dashboard/);
        // A year, split by neighbourhood: enough requests for groups of 10 and more.
        await page.fill('#dashboard-from', new Date(Date.now() - 364 * 86400000).toISOString().slice(0, 10));
        await page.selectOption('#dashboard-split', 'neighbourhood');
        await Promise.all([page.waitForURL(/indeling=neighbourhood/), page.click('#dashboard-submit')]);
        assert.match(await page.textContent('#promise_kept-whole'), /\d+%.*95%-interval \d+% – \d+%.*n = \d+/s);
        // A chart with its text alternative, and the same groups in its table.
        const charted = page.locator('section.gz-figure', { has: page.locator('svg[role=img] rect') });
        assert.ok((await charted.count()) > 0, 'some figure has groups large enough to chart');
        const figure = charted.first();
        assert.match(await figure.locator('svg[role=img] desc').textContent(), /: \d/);
        assert.ok((await figure.locator('tbody tr').count()) >= 2, 'a row per neighbourhood');
        const rows = await figure.locator('tbody tr').allTextContents();
        for (const row of rows) assert.ok(/minder dan 10|\d/.test(row), row);
        await expectAxeClean(page, 'the dashboard split by neighbourhood');
        await page.setViewportSize({ width: 360, height: 740 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `the dashboard fits 360 px (overflow ${overflow})`);
      } finally {
        await context.close();
      }
    });

    test('the API, the CSV and the XLSX show the same figures with the same suppression', async () => {
      const json = expectJson(await clients.policy.get('/api/v1/dashboard?split=language'));
      assert.equal(json.split, 'language');
      assert.equal(json.settings.min_group, 10);
      const suppressed = json.rows.filter((r) => r.suppressed);
      const shown = json.rows.filter((r) => !r.suppressed);
      assert.ok(shown.length > 0 && suppressed.length > 0, 'the demo has groups on both sides of 10');
      for (const row of shown) {
        if (row.kind !== 'total' && !['over_cap', 'caseload'].includes(row.metric)) {
          assert.ok(row.n >= 10, `${row.metric}/${row.group} shown with n = ${row.n}`);
        }
        assert.ok(row.ci_low <= row.value + 1e-9 && row.value <= row.ci_high + 1e-9, JSON.stringify(row));
        assert.ok(['none', 'below', 'above'].includes(row.flag));
      }
      for (const row of suppressed) assert.deepEqual(Object.keys(row).sort(), ['group', 'metric', 'suppressed', 'theme']);

      const csv = await clients.policy.get('/api/v1/dashboard?split=language&format=csv');
      expectStatus(csv, 200);
      assert.match(csv.headers.get('content-type'), /^text\/csv/);
      const lines = csv.text.trim().split(/\r?\n/).slice(1);
      assert.equal(lines.length, json.rows.length, 'one CSV line per row');
      const hidden = lines.filter((line) => line.includes('minder dan 10'));
      assert.equal(hidden.length, suppressed.length, 'the CSV hides exactly the rows the API hides');
      const xlsx = await clients.policy.get('/api/v1/dashboard?split=language&format=xlsx');
      expectStatus(xlsx, 200);
      assert.match(xlsx.headers.get('content-disposition'), /dashboard-.*-language\.xlsx/);

      const bad = await clients.policy.get('/api/v1/dashboard?split=nationality&from=2026-13-01');
      expectStatus(bad, 422);
      assert.deepEqual(Object.keys(bad.json.errors).sort(), ['from']);
      const badSplit = await clients.policy.get('/api/v1/dashboard?split=nationality');
      expectStatus(badSplit, 422);
      assert.ok(badSplit.json.errors.split, 'there is no split by nationality');
    });

    test('a team lead sees their own team only, and never a professional\'s mirror', async () => {
      const own = expectJson(await clients.teamlead.get('/api/v1/dashboard'));
      assert.ok(own.team, 'scoped to a team');
      const teams = expectJson(await clients.policy.get('/api/v1/neighbourhoods'));
      const other = teams.map((n) => n.team).find((t) => t.id !== own.team.id);
      expectStatus(await clients.teamlead.get(`/api/v1/dashboard?team=${other.id}`), 403);
      expectStatus(await clients.teamlead.get('/api/v1/me/mirror'), 403);
      expectStatus(await clients.teamlead.get('/mijn-spiegel'), 403);
      expectStatus(await clients.policy.get('/api/v1/me/mirror'), 403);
      expectStatus(await clients.professional.get('/api/v1/dashboard'), 403);
    });

    test('a professional reads their mirror beside their team, and the reads are in the audit trail', async () => {
      const mirror = expectJson(await clients.professional.get('/api/v1/me/mirror'));
      assert.equal(mirror.split, 'language');
      assert.ok(mirror.own.some((r) => r.metric === 'promise_kept'));
      assert.ok(mirror.team.some((r) => r.metric === 'promise_kept' && r.group === 'all'));
      const { context, page } = await pageAs(clients.professional);
      try {
        await page.goto(`${town.server.url}/inbox`);
        await Promise.all([page.waitForURL(/\/mijn-spiegel$/), page.click('#link-mirror')]);
        assert.match(await page.textContent('#mirror-reflection'), /niet om u te beoordelen/);
        await expectAxeClean(page, 'the mirror');
        await page.setViewportSize({ width: 360, height: 740 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `the mirror fits 360 px (overflow ${overflow})`);
      } finally {
        await context.close();
      }
      // The trail is written in batches: ask until the reads are there.
      let found = '';
      for (let attempt = 0; attempt < 50 && !found.includes('own_mirror'); attempt++) {
        const trail = expectJson(await clients.auditor.get(`/api/v1/audit/entries?person=${logins.professional.username}`));
        found = JSON.stringify(trail.entries);
        if (!found.includes('own_mirror')) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.match(found, /own_mirror/, "the mirror's read is in the audit trail with its purpose");
    });
  });
}
