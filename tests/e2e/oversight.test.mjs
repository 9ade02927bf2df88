// Oversight through the real server: the team lead acts on the page and in
// the API (caseloads against the cap, a household without case content with
// the handover form, re-assigning a request before first contact), and the
// auditor searches the trail, exports a search as CSV and verifies the chain.
// Bad input gets a 4xx naming the field; other roles are refused.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Client, expectJson, expectStatus } from './lib/http.mjs';
import { backends } from './lib/server.mjs';
import { freshHouseNumber, loggedIn, prepareTown, referral } from './lib/town.mjs';

const LEAD = 'e2e.oversight.lead';
const OTHER_LEAD = 'e2e.oversight.otherlead';
const AUDITOR = 'e2e.oversight.auditor';
const BREAKER = 'e2e.oversight.breaker';

function csrfOf(html) {
  const match = /name="csrf_token" value="([^"]+)"/.exec(html);
  assert.ok(match, 'the page has a form with a CSRF token');
  return match[1];
}

for (const backend of backends()) {
  describe(`oversight on ${backend.name}`, () => {
    let town;
    let lead;
    let auditor;
    let reference;
    let householdId;
    let firstContact;
    let secondContact;

    before(async () => {
      town = await prepareTown({
        backend,
        label: `oversight-${backend.name}`,
        users: ({ team, neighbourhoods }) => {
          const other = neighbourhoods.find((n) => n.team.name !== team.name).team.name;
          return [
            { username: LEAD, name: 'Lotte Leiding', role: 'teamlead', team: team.name },
            { username: OTHER_LEAD, name: 'Olaf Elders', role: 'teamlead', team: other },
            { username: AUDITOR, name: 'Anja Controle', role: 'auditor' },
            { username: BREAKER, name: 'Bas Nood', role: 'professional', team: other },
          ];
        },
      });
      lead = await loggedIn(town, LEAD);
      auditor = await loggedIn(town, AUDITOR);
      // A new address: the request makes a household whose face is the named person.
      const resident = new Client(town.server.url);
      const sent = await resident.post('/api/v1/referrals', {
        json: referral(town.demo.example_postcode, freshHouseNumber(), { question: 'Ik kan de huur niet meer betalen.' }),
      });
      expectStatus(sent, 201, 'the self-referral');
      reference = sent.json.reference;
      firstContact = sent.json.contact.id;
      const team = expectJson(await lead.get('/api/v1/team/caseloads'));
      secondContact = team.members.find((m) => m.user_id !== firstContact).user_id;
      const asLead = expectJson(await lead.get(`/api/v1/referrals/${reference}`));
      householdId = asLead.household_id;
      assert.ok(Number.isInteger(householdId), 'the request made a household');
    });

    after(async () => {
      await town?.close();
    });

    test('the team lead sees each caseload against the cap', async () => {
      const team = expectJson(await lead.get('/api/v1/team/caseloads'));
      assert.ok(Number.isInteger(team.cap) && team.cap > 0, `a cap: ${team.cap}`);
      const first = team.members.find((m) => m.user_id === firstContact);
      assert.ok(first.households >= 1, 'the named person has the new household');
      assert.ok(first.open_referrals >= 1, 'and the open request');
      for (const member of team.members) {
        const expected = member.households < team.cap ? 'room' : member.households === team.cap ? 'at_cap' : 'over_cap';
        assert.equal(member.level, expected, `${member.name}: ${member.households} of ${team.cap}`);
      }
      const inbox = await lead.get('/inbox');
      expectStatus(inbox, 200);
      assert.match(inbox.text, /id="team-caseloads"/);
      assert.match(inbox.text, new RegExp(`id="caseload-cap">${team.cap}<`));
    });

    test('re-assigning a request: bad input names the field, another role or team is refused', async () => {
      const post = (client, json) => client.postWithCsrf(`/api/v1/referrals/${reference}/reassign`, { json });
      let answer = await post(lead, { to_user_id: 'x', reason: 'Ziek' });
      assert.equal(answer.status, 422, answer.describe());
      assert.deepEqual(Object.keys(answer.json.errors), ['to_user_id']);
      answer = await post(lead, { to_user_id: firstContact, reason: 'Ziek' });
      assert.equal(answer.status, 422, answer.describe());
      assert.deepEqual(Object.keys(answer.json.errors), ['to_user_id'], 'the current contact already has it');
      answer = await post(lead, { to_user_id: secondContact, reason: '   ' });
      assert.equal(answer.status, 422, answer.describe());
      assert.deepEqual(Object.keys(answer.json.errors), ['reason']);
      const otherLead = await loggedIn(town, OTHER_LEAD);
      answer = await post(otherLead, { to_user_id: secondContact, reason: 'Ziek' });
      assert.equal(answer.status, 404, `another team's lead does not see it: ${answer.describe()}`);
      const professional = await loggedIn(town, BREAKER);
      answer = await post(professional, { to_user_id: secondContact, reason: 'Ziek' });
      assert.equal(answer.status, 403, `a professional may not: ${answer.describe()}`);
    });

    test('the team lead gives the request to someone else on the page; the household goes with it', async () => {
      const page = await lead.get(`/verzoeken/${reference}`);
      expectStatus(page, 200);
      assert.match(page.text, /id="reassign-to_user_id"/, 'the form is there for the team lead');
      const csrf = csrfOf(page.text);
      const empty = await lead.post(`/verzoeken/${reference}/toewijzen`, { form: { csrf_token: csrf, to_user_id: '', reason: '' } });
      assert.equal(empty.status, 422);
      assert.match(empty.text, /href="#reassign-to_user_id"/, 'the error summary links to the field');
      const done = await lead.post(`/verzoeken/${reference}/toewijzen`, {
        form: { csrf_token: csrf, to_user_id: String(secondContact), reason: 'Is drie weken ziek.' },
      });
      assert.equal(done.status, 303, done.describe());
      assert.equal(done.location, `/verzoeken/${reference}?toegewezen=1`);
      const view = expectJson(await lead.get(`/api/v1/team/households/${householdId}`));
      assert.equal(view.fixed_contact.id, secondContact, 'the household has the new face');
      assert.equal(view.fixed_contact_changes[0].kind, 'assignment');
      assert.equal(view.fixed_contact_changes[0].from_user_id, firstContact);
      assert.equal(view.open_promises[0].reference, reference);
      assert.equal(view.open_promises[0].contact_id, secondContact);
    });

    test('after first contact a request is no longer re-assigned (that is a handover)', async () => {
      // The team lead may record it too (as for anyone of the team's requests).
      const contact = await lead.postWithCsrf(`/api/v1/referrals/${reference}/first-contact`, {
        json: { channel: 'phone' },
      });
      assert.equal(contact.status, 200, contact.describe());
      const answer = await lead.postWithCsrf(`/api/v1/referrals/${reference}/reassign`, {
        json: { to_user_id: firstContact, reason: 'Terug' },
      });
      assert.equal(answer.status, 409, answer.describe());
    });

    test('a household in the team, without case content, with the handover form', async () => {
      const page = await lead.get(`/team/huishoudens/${householdId}`);
      expectStatus(page, 200);
      assert.match(page.text, /id="continuity-indices"/);
      assert.match(page.text, /id="team-handover-to_user_id"/);
      assert.ok(!page.text.includes('de huur niet meer betalen'), 'the request\'s words are not on it');
      const csrf = csrfOf(page.text);
      const bad = await lead.post(`/team/huishoudens/${householdId}/overdracht`, {
        form: { csrf_token: csrf, to_user_id: String(firstContact), kind: 'handover', reason: '', no_warm_reason: '' },
      });
      assert.equal(bad.status, 422, bad.describe());
      assert.match(bad.text, /href="#team-handover-reason"/);
      assert.match(bad.text, /href="#team-handover-no_warm_reason"/);
      const good = await lead.post(`/team/huishoudens/${householdId}/overdracht`, {
        form: { csrf_token: csrf, to_user_id: String(firstContact), kind: 'handover', reason: 'Terug van ziekte.',
                no_warm_reason: 'De bewoner kent haar nog niet.' },
      });
      assert.equal(good.status, 303, good.describe());
      assert.equal(good.location, `/team/huishoudens/${householdId}?overgedragen=1`);
      const view = expectJson(await lead.get(`/api/v1/team/households/${householdId}`));
      assert.equal(view.fixed_contact.id, firstContact);
      assert.equal(view.fixed_contact_changes[0].kind, 'handover');
      // Another team's lead, the auditor and a professional do not get it.
      const otherLead = await loggedIn(town, OTHER_LEAD);
      assert.equal((await otherLead.get(`/team/huishoudens/${householdId}`)).status, 404);
      assert.equal((await otherLead.get(`/api/v1/team/households/${householdId}`)).status, 404);
      assert.equal((await auditor.get(`/team/huishoudens/${householdId}`)).status, 403);
    });

    test('the auditor searches the trail: by household, person, kind and period', async () => {
      const byHousehold = expectJson(await auditor.get(`/api/v1/audit/entries?household=${householdId}`));
      assert.ok(byHousehold.entries.length > 0);
      assert.ok(byHousehold.entries.every((e) => e.household_id === householdId));
      assert.ok(byHousehold.entries.some((e) => e.purpose.startsWith('team lead: reassigned')), 'the reassignment is there');
      const refused = expectJson(await auditor.get(`/api/v1/audit/entries?household=${householdId}&kind=refused`));
      assert.ok(refused.entries.length > 0, 'the other team lead was refused');
      assert.ok(refused.entries.every((e) => e.result === 'denied'));
      const byPerson = expectJson(await auditor.get(`/api/v1/audit/entries?person=${LEAD}`));
      assert.equal(byPerson.person.username, LEAD);
      assert.ok(byPerson.entries.length > 0 && byPerson.entries.every((e) => e.person_id === byPerson.person.id));
      const today = new Date().toISOString().slice(0, 10);
      const future = expectJson(await auditor.get('/api/v1/audit/entries?from=2099-01-01'));
      assert.equal(future.entries.length, 0, 'nothing in a period to come');
      const paged = expectJson(await auditor.get(`/api/v1/audit/entries?limit=2&to=${today.slice(0, 4)}-12-31`));
      assert.equal(paged.entries.length, 2);
      assert.match(paged.next, /before=\d+/);
      const older = expectJson(await auditor.get(paged.next));
      assert.ok(older.entries[0].seq < paged.entries[1].seq, 'the next page goes on where this one stopped');
      // Each entry links to the household's access log and to the person's entries.
      const page = await auditor.get(`/controle?household=${householdId}`);
      expectStatus(page, 200);
      assert.ok(page.text.includes(`href="/huishoudens/${householdId}/inzage"`));
      assert.match(page.text, /href="\/controle\?person=\d+"/);
    });

    test('the auditor\'s search with bad input names each field', async () => {
      const api = await auditor.get('/api/v1/audit/entries?household=abc&kind=all&from=2026-13-01&to=2026-01-01&limit=0');
      assert.equal(api.status, 422, api.describe());
      assert.deepEqual(Object.keys(api.json.errors).sort(), ['from', 'household', 'kind', 'limit']);
      const order = await auditor.get('/api/v1/audit/entries?from=2026-12-05&to=2026-12-01');
      assert.equal(order.status, 422);
      assert.deepEqual(Object.keys(order.json.errors), ['to']);
      const unknown = await auditor.get('/api/v1/audit/entries?person=nobody.here');
      assert.equal(unknown.status, 422);
      assert.deepEqual(Object.keys(unknown.json.errors), ['person']);
      const page = await auditor.get('/controle?to=gisteren');
      assert.equal(page.status, 422);
      assert.match(page.text, /href="#audit-to"/, 'the error summary links to the field');
      const exported = await auditor.get('/controle/export?kind=nonsense');
      assert.equal(exported.status, 422);
    });

    test('an export is CSV a spreadsheet does not run, and is itself in the trail', async () => {
      // A reason typed like a formula.
      const breaker = await loggedIn(town, BREAKER);
      const glass = await breaker.postWithCsrf(`/api/v1/households/${householdId}/emergency-access`, {
        json: { reason: '=HYPERLINK("http://example.org","kind in gevaar")' },
      });
      assert.equal(glass.status, 201, glass.describe());
      const csv = await auditor.get(`/api/v1/audit/export?household=${householdId}&kind=emergency`);
      expectStatus(csv, 200);
      assert.match(csv.headers.get('content-type'), /^text\/csv/);
      assert.match(csv.headers.get('content-disposition'), /attachment; filename="gezicht-audittrail-\d{4}-\d{2}-\d{2}\.csv"/);
      const lines = csv.text.trim().split('\r\n');
      assert.match(lines[0], /^seq,at,household_id,person_id/);
      assert.ok(lines.length >= 2, csv.text);
      assert.ok(csv.text.includes(`"'=HYPERLINK(""http://example.org"",""kind in gevaar"")"`), 'the formula is text, quoted');
      const page = await auditor.get(`/controle/export?household=${householdId}`);
      expectStatus(page, 200);
      assert.match(page.headers.get('content-type'), /^text\/csv/);
      const exports = expectJson(await auditor.get(`/api/v1/audit/entries?person=${AUDITOR}&household=${householdId}`));
      assert.ok(exports.entries.some((e) => e.action === 'export'), 'the export is an entry of its own');
    });

    test('the auditor verifies the chain on the page and in the API; others may not', async () => {
      const api = expectJson(await auditor.postWithCsrf('/api/v1/audit/verify'));
      assert.equal(api.intact, true);
      assert.ok(api.entries > 0);
      assert.match(api.head_hash, /^[0-9a-f]{64}$/);
      const page = await auditor.get('/controle/verificatie');
      expectStatus(page, 200);
      const result = await auditor.post('/controle/verificatie', { form: { csrf_token: csrfOf(page.text) } });
      expectStatus(result, 200);
      assert.match(result.text, /id="audit-verify-result"/);
      assert.match(result.text, /id="audit-verify-head">[0-9a-f]{64}</);
      assert.equal((await lead.get('/controle')).status, 403);
      assert.equal((await lead.postWithCsrf('/api/v1/audit/verify')).status, 403);
      assert.equal((await lead.get('/api/v1/audit/export')).status, 403);
    });

  });
}
