// Rules of the household record over the JSON API and the record's pages (issue 13): the former
// fixed contact reads until the warm handover; their open actions are handed
// over or kept; a third change of fixed contact in a year on a flagged
// household must be confirmed; an involvement is ended, not removed; and
// every face has initials.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { byId, hasId, textById } from './lib/html.mjs';
import { Client, expectJson, expectStatus, todayInAmsterdam } from './lib/http.mjs';
import { backends } from './lib/server.mjs';
import { freshHouseNumber, householdOf, loggedIn, prepareTown, referral } from './lib/town.mjs';

const PRO = 'e2e.rules.pro'; // the fixed contact of every household made here
const COLLEAGUE = 'e2e.rules.colleague';
const THIRD = 'e2e.rules.third';
const PRO_LANGUAGES = 'nl,ti,so,pap,uk,ber,fa,pl,tr,es,ar,en';

// A calendar day relative to today in Amsterdam, as YYYY-MM-DD.
function dayFromToday(offset) {
  const [y, m, d] = todayInAmsterdam().split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + offset)).toISOString().slice(0, 10);
}

for (const backend of backends()) {
  describe(`household rules on ${backend.name}`, () => {
    let town;
    let solo;
    const ids = {};
    const sessions = {};
    const as = async (username) => (sessions[username] ??= await loggedIn(town, username));

    before(async () => {
      town = await prepareTown({
        backend,
        label: `household-rules-${backend.name}`,
        users: ({ team }) => [
          { username: PRO, name: 'Hanna Huisbezoek', role: 'professional', team: team.name, languages: PRO_LANGUAGES },
          { username: COLLEAGUE, name: 'Karim Collega', role: 'professional', team: team.name },
          { username: THIRD, name: 'Derya Derde', role: 'professional', team: team.name },
        ],
      });
      for (const username of [PRO, COLLEAGUE, THIRD]) ids[username] = (await as(username)).user.id;
    });

    after(async () => {
      await town?.close();
    });

    // A new household whose fixed contact is PRO (the only one speaking one of its languages).
    async function householdOfPro(what) {
      const anon = new Client(town.server.url);
      const example = town.demo.example_postcode;
      if (!solo) {
        const front = expectJson(await anon.get(`/api/v1/frontdoor?postcode=${example}`));
        const others = front.people.filter((p) => p.role === 'professional' && p.id !== ids[PRO]);
        solo = PRO_LANGUAGES.split(',').find((code) => !others.some((p) => p.languages.includes(code)));
        assert.ok(solo, 'no language only the professional speaks: cannot steer the assignment');
      }
      const response = await anon.post('/api/v1/referrals', {
        json: referral(example, freshHouseNumber(), { language: solo, question: `Regels: ${what}` }),
      });
      expectStatus(response, 201, what);
      assert.equal(response.json.contact.id, ids[PRO], `${what}: assigned to ${PRO}`);
      return householdOf(await as(PRO), response.json.reference);
    }

    async function apiPost(username, id, path, json) {
      return (await as(username)).postWithCsrf(`/api/v1/households/${id}/${path}`, { json });
    }

    async function record(username, id) {
      const response = await (await as(username)).get(`/api/v1/households/${id}`);
      expectStatus(response, 200, `GET household ${id} as ${username}`);
      return expectJson(response);
    }

    function expectFieldError(response, field, what) {
      expectStatus(response, 422, what);
      const json = expectJson(response);
      assert.equal(typeof json.errors?.[field], 'string', `${what}: errors.${field} in ${response.describe()}`);
    }

    const handover = (to, extra = {}) => ({
      to_user_id: ids[to],
      kind: 'handover',
      reason: 'Verlof',
      warm_handover_on: dayFromToday(3),
      ...extra,
    });

    test('the former contact reads the record, without changing it, until the warm handover meeting', async () => {
      const id = await householdOfPro('warm handover');
      expectStatus(await apiPost(PRO, id, 'handover', handover(COLLEAGUE)), 200, 'handover with a meeting in three days');
      const seen = await record(PRO, id);
      assert.equal(seen.fixed_contact.id, ids[COLLEAGUE], 'the colleague is the face now');
      expectStatus(await apiPost(PRO, id, 'goals', { words: 'Rust in huis' }), 403, 'reading only');
      const log = await (await as(PRO)).get(`/api/v1/households/${id}/access-log`);
      assert.notEqual(log.status, 200, 'the former contact does not read who looked');
    });

    test('open actions of the former contact must be handed over or kept', async () => {
      const id = await householdOfPro('open actions');
      const me = (await record(PRO, id)).involved.find((i) => i.user_id === ids[PRO]);
      const action = await apiPost(PRO, id, 'actions', { what: 'Bellen met de school', involved_id: me.id, domain: 'school', due_on: dayFromToday(10) });
      expectStatus(action, 201, 'an open action of the fixed contact');
      expectFieldError(await apiPost(PRO, id, 'handover', handover(COLLEAGUE)), 'open_actions', 'no choice for the open actions');
      expectFieldError(await apiPost(PRO, id, 'handover', handover(COLLEAGUE, { open_actions: 'weg' })), 'open_actions', 'an unknown choice');
      expectStatus(await apiPost(PRO, id, 'handover', handover(COLLEAGUE, { open_actions: 'hand_over' })), 200, 'handed over');
      const now = await record(COLLEAGUE, id);
      const moved = now.actions.find((a) => a.id === action.json.id);
      const colleague = now.involved.find((i) => i.user_id === ids[COLLEAGUE]);
      assert.equal(moved.who.involved_id, colleague.id, `the action went with the household: ${JSON.stringify(moved)}`);
    });

    test('a third change of fixed contact in a year on a flagged household is refused unless confirmed', async () => {
      const id = await householdOfPro('third change');
      expectStatus(await apiPost(PRO, id, 'handover', handover(COLLEAGUE)), 200, 'first change');
      expectStatus(await apiPost(COLLEAGUE, id, 'handover', handover(THIRD)), 200, 'second change');
      assert.equal((await record(THIRD, id)).continuity.flags.fixed_contact_changes, true, 'flagged');
      expectFieldError(await apiPost(THIRD, id, 'handover', handover(PRO)), 'confirm_third_change', 'not confirmed');
      assert.equal((await record(THIRD, id)).fixed_contact.id, ids[THIRD], 'nothing changed');
      expectFieldError(
        await apiPost(THIRD, id, 'handover', handover(PRO, { confirm_third_change: 'yes' })),
        'confirm_third_change',
        'the confirmation is a boolean',
      );
      expectStatus(await apiPost(THIRD, id, 'handover', handover(PRO, { confirm_third_change: true })), 200, 'confirmed');
      assert.equal((await record(PRO, id)).fixed_contact.id, ids[PRO]);
    });

    test('an involvement recorded by mistake is ended and stays on the record, with initials for everyone', async () => {
      const id = await householdOfPro('end involvement');
      const added = await apiPost(PRO, id, 'involved', { name: 'van der Berg', organisation: 'Huisartsenpraktijk', role: 'Huisarts', domain: 'health' });
      expectStatus(added, 201, 'someone involved without an account');
      const face = (await record(PRO, id)).involved.find((i) => i.id === added.json.id);
      assert.equal(face.initials, 'B', 'a face without an account has initials');
      assert.equal(face.photo_url, null);
      const end = await apiPost(PRO, id, `involved/${added.json.id}/end`, {});
      expectStatus(end, 200, 'ended');
      assert.equal(end.json.active, false);
      const after = (await record(PRO, id)).involved.find((i) => i.id === added.json.id);
      assert.ok(after, 'the record keeps that the person was there');
      assert.equal(after.active, false);
      expectStatus(await apiPost(PRO, id, `involved/${added.json.id}/end`, {}), 409, 'already ended');
      const me = (await record(PRO, id)).involved.find((i) => i.user_id === ids[PRO]);
      assert.equal(me.initials, 'HH');
      expectStatus(await apiPost(PRO, id, `involved/${me.id}/end`, {}), 409, 'the fixed contact is handed over, not ended');
      expectStatus(await apiPost(PRO, id, 'involved/999999/end', {}), 404, 'an unknown involvement');
      expectStatus(await apiPost(COLLEAGUE, id, `involved/${added.json.id}/end`, {}), 404, 'not involved: nothing to learn');
    });

    // The same rules through the record's pages (forms posted as a browser does, no browser).
    async function pagePost(username, path, fields) {
      const client = await as(username);
      return client.post(path, { form: { csrf_token: client.csrfToken, ...fields } });
    }

    const handoverForm = (to, extra = {}) => ({
      to_user_id: String(ids[to]),
      kind: 'handover',
      reason: 'Verlof',
      warm_handover_on: dayFromToday(3),
      no_warm_reason: '',
      ...extra,
    });

    test('page: the handover form asks what happens to the open actions, and refuses without a choice', async () => {
      const id = await householdOfPro('page open actions');
      const me = (await record(PRO, id)).involved.find((i) => i.user_id === ids[PRO]);
      const action = await apiPost(PRO, id, 'actions', { what: 'Bellen met de GGD', involved_id: me.id, domain: 'health', due_on: dayFromToday(10) });
      expectStatus(action, 201);
      const section = `/huishoudens/${id}/wisselingen`;
      const page = await (await as(PRO)).get(section);
      expectStatus(page, 200);
      assert.ok(hasId(page.text, 'handover-open_actions-hand_over') && hasId(page.text, 'handover-open_actions-keep'), 'both choices are offered');
      assert.match(textById(page.text, 'handover-open_actions-count'), /1 open actie/);
      assert.ok(!hasId(page.text, 'handover-confirm_third_change'), 'no confirmation on a household that is not flagged');

      const refused = await pagePost(PRO, `/huishoudens/${id}/overdracht`, handoverForm(COLLEAGUE));
      expectStatus(refused, 422, 'no choice for the open actions');
      assert.ok(hasId(refused.text, 'handover-open_actions-error'), 'the error is at the field');
      assert.match(refused.text, /href="#handover-open_actions-hand_over"/, 'the error summary leads to the field');
      assert.equal((await record(PRO, id)).fixed_contact.id, ids[PRO], 'nothing changed');

      const done = await pagePost(PRO, `/huishoudens/${id}/overdracht`, handoverForm(COLLEAGUE, { open_actions: 'hand_over' }));
      expectStatus(done, 303, 'handed over with the open actions');
      const now = await record(COLLEAGUE, id);
      const colleague = now.involved.find((i) => i.user_id === ids[COLLEAGUE]);
      assert.equal(now.actions.find((a) => a.id === action.json.id).who.involved_id, colleague.id, 'the action went along');
    });

    test('page: a third change of fixed contact asks for a confirmation, with a warning before it', async () => {
      const id = await householdOfPro('page third change');
      expectStatus(await apiPost(PRO, id, 'handover', handover(COLLEAGUE)), 200, 'first change');
      expectStatus(await apiPost(COLLEAGUE, id, 'handover', handover(THIRD)), 200, 'second change');
      const section = `/huishoudens/${id}/wisselingen`;
      const page = await (await as(THIRD)).get(section);
      expectStatus(page, 200);
      const warning = byId(page.text, 'handover-third-change-warning');
      const checkbox = byId(page.text, 'handover-confirm_third_change');
      assert.ok(warning && checkbox, 'a warning and a checkbox');
      assert.ok(warning.index < checkbox.index, 'the warning comes before the confirmation');
      assert.match(textById(page.text, 'handover-third-change-warning'), /derde wisseling/);
      assert.ok(!hasId(page.text, 'handover-open_actions-hand_over'), 'no open actions: no choice about them');

      const refused = await pagePost(THIRD, `/huishoudens/${id}/overdracht`, handoverForm(PRO));
      expectStatus(refused, 422, 'not confirmed');
      assert.ok(hasId(refused.text, 'handover-confirm_third_change-error'), 'the error is at the checkbox');
      assert.equal((await record(THIRD, id)).fixed_contact.id, ids[THIRD], 'nothing changed');
      const done = await pagePost(THIRD, `/huishoudens/${id}/overdracht`, handoverForm(PRO, { confirm_third_change: 'yes' }));
      expectStatus(done, 303, 'confirmed');
      assert.equal((await record(PRO, id)).fixed_contact.id, ids[PRO]);
    });

    test('page: an involvement is ended through its form, stays shown as ended, and every face has initials', async () => {
      const id = await householdOfPro('page end involvement');
      const added = await apiPost(PRO, id, 'involved', { name: 'Wim de Vries', organisation: 'Wijkagent', role: 'Agent', domain: 'community' });
      expectStatus(added, 201);
      const face = added.json.id;
      const section = `/huishoudens/${id}/betrokkenen`;
      const pro = await as(PRO);
      const page = await pro.get(section);
      expectStatus(page, 200);
      const card = textById(page.text, `involved-${face}`);
      assert.match(card, /^WV Wim de Vries/, `a face without an account shows initials: ${card}`);
      const me = (await record(PRO, id)).involved.find((i) => i.user_id === ids[PRO]);
      assert.ok(hasId(page.text, `involved-${face}-end`), 'an end button for someone involved');
      assert.ok(!hasId(page.text, `involved-${me.id}-end`), 'none for the fixed contact: that is a handover');
      assert.match(page.text, new RegExp(`action="/huishoudens/${id}/betrokkenen/${face}/beeindigen"`));

      expectStatus(await (await as(PRO)).post(`${section}/${face}/beeindigen`, { form: {} }), 403, 'no CSRF token');
      const ended = await pagePost(PRO, `${section}/${face}/beeindigen`, { involved_id: String(face) });
      expectStatus(ended, 303, 'ended');
      assert.equal(ended.location, `${section}?opgeslagen=beeindigd`);
      const after = await pro.get(ended.location);
      expectStatus(after, 200);
      assert.match(textById(after.text, `involved-${face}`), /Niet meer betrokken/, 'shown as ended, not hidden');
      assert.ok(!hasId(after.text, `involved-${face}-end`), 'nothing left to end');
      assert.match(textById(after.text, 'saved-message') ?? after.text, /beëindigd/);

      const again = await pagePost(PRO, `${section}/${face}/beeindigen`, { involved_id: String(face) });
      expectStatus(again, 422, 'already ended');
      assert.match(textById(again.text, `involved-${face}-end-error`) ?? again.text, /al beëindigd|already/);
      const own = await pagePost(PRO, `${section}/${me.id}/beeindigen`, { involved_id: String(me.id) });
      expectStatus(own, 422, 'the fixed contact is handed over, not ended');
      expectStatus(await pagePost(COLLEAGUE, `${section}/${face}/beeindigen`, { involved_id: String(face) }), 404, 'not involved');
    });
  });
}
