// The household record: one household, one plan, one face. The JSON API
// (on SQLite, and on PostgreSQL too when GEZICHT_TEST_POSTGRES_URL is set),
// the server-rendered pages over plain HTTP, and a professional's way
// through the record in Chromium with axe-core.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { axeViolations, closeBrowser, formatViolations, launchBrowser, watchPage } from './lib/browser.mjs';
import { decodeEntities, form, tags, textById } from './lib/html.mjs';
import { Client, dateInAmsterdam, expectJson, expectStatus, todayInAmsterdam } from './lib/http.mjs';
import { backends } from './lib/server.mjs';
import { freshHouseNumber, householdOf, loggedIn, prepareTown, referral } from './lib/town.mjs';

const PRO = 'e2e.hh.pro'; // the fixed contact of every household made here
const COLLEAGUE = 'e2e.hh.colleague';
const THIRD = 'e2e.hh.third';
const OUTSIDER = 'e2e.hh.outsider'; // in the team, never involved
const LEAD = 'e2e.hh.lead';
const ADMIN = 'e2e.hh.admin';

// The professional speaks languages nobody else in the demo team may speak:
// a referral in such a language goes to them (language match), so every
// household a test needs gets the same fixed contact.
const PRO_LANGUAGES = 'nl,ti,so,pap,uk,ber,fa,pl,tr,es,ar,en';

const SCRIPT = '<script>alert(1)</script>';
const ESCAPED_SCRIPT = '&lt;script&gt;alert(1)&lt;/script&gt;';
const UNDEFINED_NL = 'niet te berekenen (minder dan 2 contacten)';
const DAY = 86_400_000;

// "YYYY-MM-DDTHH:MM:SSZ" some days (and minutes) ago: the API's time format.
function isoAgo(days, minutes = 0) {
  return new Date(Date.now() - days * DAY - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// A calendar day relative to today in Amsterdam, as YYYY-MM-DD.
function dayFromToday(offset) {
  const [y, m, d] = todayInAmsterdam().split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + offset)).toISOString().slice(0, 10);
}

function near(actual, expected, what) {
  assert.equal(typeof actual, 'number', `${what} is a number, got ${JSON.stringify(actual)}`);
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: expected ${expected}, got ${actual}`);
}

// Every id on a page, and those used more than once.
function duplicateIds(html) {
  const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]);
  return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
}

// The text of a <textarea> found by id (html.mjs finds fields by name, and
// several forms on the record share names such as "words").
function textareaById(html, id) {
  const start = tags(html, 'textarea').find((t) => t.attributes.id === id);
  if (!start) return null;
  const close = html.indexOf('</textarea>', start.end);
  return decodeEntities(html.slice(start.end, close)).replace(/^\n/, '');
}

function inputById(html, id) {
  return tags(html, 'input').find((t) => t.attributes.id === id)?.attributes ?? null;
}

function selectedOption(html, selectId) {
  const start = tags(html, 'select').find((t) => t.attributes.id === selectId);
  if (!start) return null;
  const close = html.indexOf('</select>', start.end);
  const chosen = tags(html.slice(start.end, close), 'option').find((o) => 'selected' in o.attributes);
  return chosen ? chosen.attributes.value : '';
}

// Text from textById, without the spaces that tags left before punctuation.
function readable(text) {
  return (text ?? '').replace(/ ([,.:])/g, '$1');
}

// The option values of a <select> found by id.
function selectValues(html, selectId) {
  const start = tags(html, 'select').find((t) => t.attributes.id === selectId);
  if (!start) return [];
  const close = html.indexOf('</select>', start.end);
  return tags(html.slice(start.end, close), 'option').map((o) => o.attributes.value);
}

// The texts of a table row's cells (th and td), tags stripped.
function rowCells(rowSource) {
  return [...rowSource.matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) =>
    decodeEntities(m[1].replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim(),
  );
}

// "DD-MM-YYYY": the Amsterdam day of a UTC timestamp, as the pages write it.
function dutchDate(iso) {
  const parts = dateInAmsterdam(new Date(iso)).split('-');
  return `${parts[2]}-${parts[1]}-${parts[0]}`;
}

// The source of one <section id=...> (sections are not nested).
function section(html, id) {
  const start = html.search(new RegExp(`<section\\b[^>]*\\sid="${id}"`));
  if (start < 0) return null;
  const end = html.indexOf('</section>', start);
  return html.slice(start, end < 0 ? undefined : end);
}

for (const backend of backends()) {
  describe(`household record on ${backend.name}`, () => {
    let town;
    let anon;
    let example;
    let solo; // a language only PRO speaks in the example team
    const ids = {}; // username -> user id
    const sessions = {};
    const as = async (username) => (sessions[username] ??= await loggedIn(town, username));

    before(async () => {
      town = await prepareTown({
        backend,
        label: `household-${backend.name}`,
        users: ({ team }) => [
          // Added first: with the lowest caseload (none), the first referral's contact.
          { username: PRO, name: 'Hanna Huisbezoek', role: 'professional', team: team.name, languages: PRO_LANGUAGES },
          { username: COLLEAGUE, name: 'Karim Collega', role: 'professional', team: team.name },
          { username: THIRD, name: 'Derya Derde', role: 'professional', team: team.name },
          { username: OUTSIDER, name: 'Olaf Buitenstaander', role: 'professional', team: team.name },
          { username: LEAD, name: 'Lieke Leiding', role: 'teamlead', team: team.name },
          { username: ADMIN, name: 'Ad Beheer', role: 'admin' },
        ],
      });
      anon = new Client(town.server.url);
      example = town.demo.example_postcode;
      for (const username of [PRO, COLLEAGUE, THIRD, OUTSIDER, LEAD]) ids[username] = (await as(username)).user.id;
    });

    after(async () => {
      await town?.close();
    });

    async function soloLanguage() {
      if (solo) return solo;
      const front = expectJson(await anon.get(`/api/v1/frontdoor?postcode=${example}`));
      const others = front.people.filter((p) => p.role === 'professional' && p.id !== ids[PRO]);
      solo = PRO_LANGUAGES.split(',').find((code) => !others.some((p) => p.languages.includes(code)));
      assert.ok(solo, `every language of ${PRO} is spoken by another professional of the team: cannot steer assignments`);
      return solo;
    }

    // A new household whose fixed contact is PRO.
    // The resident who refers themselves becomes the household's first member.
    async function householdOfPro(what = 'a household for the test', name = undefined) {
      const language = await soloLanguage();
      const response = await anon.post('/api/v1/referrals', {
        json: referral(example, freshHouseNumber(), { language, question: `Testhuishouden: ${what}`, ...(name ? { name } : {}) }),
      });
      expectStatus(response, 201, what);
      assert.equal(response.json.contact.id, ids[PRO], `${what}: the contact is ${PRO} (the only one speaking ${language})`);
      return householdOf(await as(PRO), response.json.reference);
    }

    async function getHousehold(username, id) {
      const response = await (await as(username)).get(`/api/v1/households/${id}`);
      expectStatus(response, 200, `GET household ${id} as ${username}`);
      return expectJson(response);
    }

    async function apiPost(username, id, path, json) {
      return (await as(username)).postWithCsrf(`/api/v1/households/${id}/${path}`, { json });
    }

    async function logContact(username, id, body) {
      const response = await apiPost(username, id, 'contacts', { channel: 'home_visit', ...body });
      expectStatus(response, 201, `contact ${JSON.stringify(body)}`);
      return response.json.id;
    }

    describe('API', () => {
      let first; // the household the first referral makes

      test('a referral makes a household: its contact sees it, with themselves as fixed contact and involved', async () => {
        const response = await anon.post('/api/v1/referrals', { json: referral(example, freshHouseNumber()) });
        expectStatus(response, 201);
        const { contact } = response.json;
        assert.ok(!('household_id' in response.json), 'the public answer names no household');
        const id = await householdOf(await as(PRO), response.json.reference);
        assert.ok(Number.isInteger(id) && id > 0, `household_id is a positive integer: ${id}`);
        assert.equal(contact.id, ids[PRO], `the contact is ${PRO}, the team's professional with the lowest caseload`);
        first = id;

        const household = await getHousehold(PRO, id);
        assert.equal(household.id, id);
        assert.equal(household.address.postcode, example);
        assert.equal(household.fixed_contact?.id, ids[PRO], 'fixed_contact is the professional');
        assert.equal(household.fixed_contact.name, 'Hanna Huisbezoek');
        assert.equal(household.fixed_contact.photo_url, `/gezichten/${ids[PRO]}`);
        const face = household.involved.find((i) => i.user_id === ids[PRO]);
        assert.ok(face, `the professional is among the involved: ${JSON.stringify(household.involved)}`);
        assert.equal(face.active, true);
        assert.equal(household.referrals.length, 1);
        assert.equal(household.referrals[0].reference, response.json.reference);
        const c = household.continuity;
        assert.equal(c.contacts, 0);
        assert.equal(c.distinct_faces, 0);
        assert.equal(c.distinct_faces_90d, 0);
        assert.equal(c.upc, null, 'upc is null without contacts');
        assert.equal(c.coc, null, 'coc is null without contacts');
        assert.equal(c.secon, null, 'secon is null without contacts');
        assert.deepEqual(c.flags, { many_faces: false, fixed_contact_changes: false });
        assert.equal(household.fixed_contact_changes.length, 1, 'the first assignment is in the history');
        assert.equal(household.fixed_contact_changes[0].kind, 'assignment');
        assert.equal(household.fixed_contact_changes[0].to_user_id, ids[PRO]);
      });

      test('each API write answers 201 and shows up in the record', async () => {
        const id = await householdOfPro('API writes');
        const created = async (path, body) => {
          const response = await apiPost(PRO, id, path, body);
          expectStatus(response, 201, `POST ${path} ${JSON.stringify(body)}`);
          return response.json.id;
        };
        const mother = await created('members', { name: 'Fatima el Amrani', kind: 'adult', birth_year: 1988 });
        const son = await created('members', { name: 'Adam el Amrani', kind: 'child', birth_year: 2016, related_to: mother, relation: 'child' });
        expectStatus(await apiPost(PRO, id, 'what-matters', { words: 'Dat Adam weer naar school gaat.', confirmed: true }), 201);
        const goal = await created('goals', { words: 'Adam gaat elke dag naar school', progress_sign: 'Hij vertelt over zijn vrienden' });
        await created('options', { goal_id: goal, description: 'Leerplichtambtenaar erbij', chosen: true, why: 'Moeder wil hulp van school' });
        const coach = await created('involved', { name: 'Jet Jeugdcoach', organisation: 'Jeugdteam', role: 'Jeugdcoach', domain: 'youth' });
        const colleague = await created('involved', { user_id: ids[COLLEAGUE], role: 'Wmo-consulent', domain: 'wmo' });
        await created('actions', { what: 'Gesprek met de mentor', involved_id: coach, domain: 'school', due_on: dayFromToday(5), goal_id: goal });
        await created('contacts', { involved_id: coach, at: isoAgo(1), channel: 'video', with_whom: 'Adam' });

        const household = await getHousehold(PRO, id);
        assert.deepEqual(household.members.map((m) => [m.name, m.kind, m.birth_year]), [
          ['Fatima el Amrani', 'adult', null], // the resident who referred themselves
          ['Fatima el Amrani', 'adult', 1988],
          ['Adam el Amrani', 'child', 2016],
        ]);
        assert.ok(household.relations.some((r) => r.member_id === son && r.related_id === mother && r.relation === 'child'));
        assert.ok(household.relations.some((r) => r.member_id === mother && r.related_id === son && r.relation === 'parent'), 'stored both ways');
        assert.equal(household.what_matters.words, 'Dat Adam weer naar school gaat.');
        assert.equal(household.what_matters.confirmed_on, todayInAmsterdam());
        assert.equal(household.goals[0].status, 'open');
        assert.equal(household.options[0].goal_id, goal);
        assert.equal(household.options[0].chosen, true);
        const withAccount = household.involved.find((i) => i.id === colleague);
        assert.equal(withAccount.user_id, ids[COLLEAGUE]);
        assert.equal(withAccount.name, 'Karim Collega', 'the name comes from the account');
        assert.equal(withAccount.photo_url, `/gezichten/${ids[COLLEAGUE]}`);
        assert.equal(household.actions[0].who.name, 'Jet Jeugdcoach');
        assert.equal(household.actions[0].status, 'open');
        assert.equal(household.contacts[0].who, 'Jet Jeugdcoach');
        assert.equal(household.contacts[0].edits, 0);
        assert.equal(household.continuity.contacts, 1);
        // An account involved with the household may open it.
        expectStatus(await (await as(COLLEAGUE)).get(`/api/v1/households/${id}`), 200, 'a colleague who is involved');
      });

      test('bad input gets 422 naming the field, and nothing is saved', async () => {
        const id = first ?? (await householdOfPro('bad input'));
        const before = await getHousehold(PRO, id);
        const cases = [
          ['contacts', { professional_id: ids[PRO], at: isoAgo(-1), channel: 'phone' }, 'at', 'a contact tomorrow'],
          ['contacts', { professional_id: 999_999, at: isoAgo(1), channel: 'phone' }, 'professional_id', 'an unknown professional'],
          ['contacts', { at: isoAgo(1), channel: 'phone' }, 'professional_id', 'a contact with nobody'],
          ['contacts', { professional_id: ids[PRO], at: isoAgo(1), channel: 'pigeon' }, 'channel', 'an unknown channel'],
          ['goals', { words: '   ', progress_sign: 'Zij slaapt weer' }, 'words', 'a goal without words'],
          ['actions', { what: 'Bellen', involved_id: before.involved[0].id, domain: 'debt', due_on: '2026-02-30' }, 'due_on', 'an action on a day that does not exist'],
          ['involved', { name: 'Sanne', organisation: '', role: 'Schuldhulp', domain: 'debt' }, 'organisation', 'someone involved without organisation'],
          ['handover', { to_user_id: ids[COLLEAGUE], kind: 'handover', warm_handover_on: todayInAmsterdam() }, 'reason', 'a handover without reason'],
          ['handover', { to_user_id: ids[COLLEAGUE], kind: 'handover', reason: 'Verhuizing van collega' }, 'no_warm_reason', 'a handover without a warm handover or why not'],
          ['handover', { to_user_id: ids[LEAD], kind: 'resident_request', no_warm_reason: 'Bewoner wil snel' }, 'to_user_id', 'a handover to a team lead'],
        ];
        for (const [path, body, field, what] of cases) {
          const response = await apiPost(PRO, id, path, body);
          expectStatus(response, 422, what);
          const json = expectJson(response);
          assert.equal(typeof json.errors?.[field], 'string', `${what}: errors.${field} in ${response.describe()}`);
          assert.ok(json.errors[field].length > 0, `${what}: a message for ${field}`);
        }
        const afterwards = await getHousehold(PRO, id);
        assert.equal(afterwards.contacts.length, before.contacts.length, 'no contact saved');
        assert.equal(afterwards.goals.length, before.goals.length, 'no goal saved');
        assert.equal(afterwards.actions.length, before.actions.length, 'no action saved');
        assert.equal(afterwards.involved.length, before.involved.length, 'nobody involved added');
        assert.equal(afterwards.fixed_contact.id, ids[PRO], 'the fixed contact did not change');
        assert.equal(afterwards.fixed_contact_changes.length, before.fixed_contact_changes.length, 'no change recorded');
      });

      test('error messages are Dutch by default and English with Accept-Language: en', async () => {
        const id = first ?? (await householdOfPro('messages'));
        const client = await as(PRO);
        const dutch = await client.postWithCsrf(`/api/v1/households/${id}/goals`, { json: { words: '' } });
        const english = await client.postWithCsrf(`/api/v1/households/${id}/goals`, {
          json: { words: '' },
          headers: { 'accept-language': 'en' },
        });
        expectStatus(dutch, 422);
        expectStatus(english, 422);
        assert.notEqual(dutch.json.errors.words, english.json.errors.words, 'errors.words is translated');
      });

      test('a professional who is not involved gets 404 for GET and POST; a missing CSRF header gets 403', async () => {
        const id = first ?? (await householdOfPro('access'));
        const outsider = await as(OUTSIDER);
        expectStatus(await outsider.get(`/api/v1/households/${id}`), 404, 'GET by a professional not involved');
        const post = await outsider.postWithCsrf(`/api/v1/households/${id}/contacts`, {
          json: { professional_id: ids[OUTSIDER], at: isoAgo(1), channel: 'phone' },
        });
        expectStatus(post, 404, 'POST by a professional not involved');
        expectStatus(await outsider.get('/api/v1/households/99999999'), 404, 'a household that does not exist');
        expectStatus(await outsider.get('/api/v1/households/abc'), 404, 'a household id that is no number');

        const before = await getHousehold(PRO, id);
        const pro = await as(PRO);
        const noToken = await pro.post(`/api/v1/households/${id}/contacts`, {
          json: { professional_id: ids[PRO], at: isoAgo(1), channel: 'phone' },
        });
        expectStatus(noToken, 403, 'POST without X-CSRF-Token');
        const wrongToken = await pro.post(`/api/v1/households/${id}/contacts`, {
          json: { professional_id: ids[PRO], at: isoAgo(1), channel: 'phone' },
          headers: { 'x-csrf-token': 'not-the-token' },
        });
        expectStatus(wrongToken, 403, 'POST with a wrong X-CSRF-Token');
        expectStatus(await anon.get(`/api/v1/households/${id}`), 401, 'GET without a session');
        const admin = await as(ADMIN);
        expectStatus(await admin.get(`/api/v1/households/${id}`), 403, 'an administrator sees no case content');
        assert.equal((await getHousehold(PRO, id)).contacts.length, before.contacts.length, 'nothing saved');
      });

      test('continuity: N, faces, UPC, COC and SECON from the contacts log, and the many-faces flag', async () => {
        const id = await householdOfPro('continuity');
        const external = await apiPost(PRO, id, 'involved', {
          name: 'Sanne Schuldhulp',
          organisation: 'Stadsbank',
          role: 'Schuldhulpverlener',
          domain: 'debt',
          does_what: 'Maakt een plan voor de schulden',
          reach: '070 111 2222',
        });
        expectStatus(external, 201, 'someone involved without an account');
        const sanne = external.json.id;
        const P = { professional_id: ids[PRO] };
        const C = { professional_id: ids[COLLEAGUE] };
        const E = { involved_id: sanne };
        // Out of the 12-month window: does not count.
        await logContact(PRO, id, { professional_id: ids[THIRD], at: isoAgo(400) });
        // In time order P P C P E P; the first three more than 90 days ago.
        await logContact(PRO, id, { ...P, at: isoAgo(200) });
        await logContact(PRO, id, { ...C, at: isoAgo(120), channel: 'phone' });
        await logContact(PRO, id, { ...P, at: isoAgo(60) });
        await logContact(PRO, id, { ...E, at: isoAgo(30), channel: 'walk_in', with_whom: 'Moeder en dochter' });
        await logContact(PRO, id, { ...P, at: isoAgo(10) });
        // Logged late, but earlier in time than the one above: SECON follows time, not entry order.
        await logContact(PRO, id, { ...P, at: isoAgo(150) });

        let household = await getHousehold(PRO, id);
        let c = household.continuity;
        assert.equal(c.window_days, 365);
        assert.equal(c.contacts, 6, 'N: six contacts in the last 12 months');
        assert.equal(c.distinct_faces, 3, 'three different faces in the year (P, C, E)');
        assert.equal(c.distinct_faces_90d, 2, 'two in the last 90 days (P, E)');
        near(c.upc, 4 / 6, 'UPC = 4/6');
        near(c.coc, (16 + 1 + 1 - 6) / (6 * 5), 'COC = (4²+1²+1²-6)/(6·5)');
        near(c.secon, 1 / 5, 'SECON = 1 same-face pair of 5 (P P C P E P)');
        assert.equal(c.flags.many_faces, false);
        const colleague = household.involved.find((i) => i.user_id === ids[COLLEAGUE]);
        assert.ok(colleague, 'a contact with a colleague makes them involved');
        assert.ok(household.contacts.some((x) => x.with_whom === 'Moeder en dochter' && x.involved_id === sanne));

        // Two more faces in the last 90 days: THIRD and the colleague again -> 4 faces, flagged.
        await logContact(PRO, id, { professional_id: ids[THIRD], at: isoAgo(5) });
        const latest = isoAgo(3);
        await logContact(PRO, id, { ...C, at: latest });
        household = await getHousehold(PRO, id);
        c = household.continuity;
        assert.equal(c.contacts, 8);
        assert.equal(c.distinct_faces, 4);
        assert.equal(c.distinct_faces_90d, 4, 'P, E, THIRD and C in the last 90 days');
        near(c.upc, 4 / 8, 'UPC = 4/8');
        near(c.coc, (16 + 4 + 1 + 1 - 8) / (8 * 7), 'COC = (4²+2²+1²+1²-8)/(8·7)');
        near(c.secon, 1 / 7, 'SECON = 1 of 7 (P P C P E P T C)');
        assert.equal(c.flags.many_faces, true, 'more than 3 faces in 90 days');
        assert.equal(c.flags.fixed_contact_changes, false);

        const caseload = expectJson(await (await as(PRO)).get('/api/v1/me/caseload'));
        const row = caseload.households.find((h) => h.household_id === id);
        assert.ok(row, `the household is on the caseload of ${PRO}: ${JSON.stringify(caseload).slice(0, 400)}`);
        assert.equal(row.distinct_faces_90d, 4);
        assert.equal(row.flags.many_faces, true, 'the caseload shows the flag');
        assert.equal(row.last_contact_at, latest, 'last_contact_at is the latest contact');
        const other = caseload.households.find((h) => h.household_id === first);
        if (other) assert.equal(other.flags.many_faces, false, 'a household without many faces is not flagged');
      });

      test('the record shows the latest 20 contacts; the contacts log pages through all of them', async () => {
        const id = await householdOfPro('contacts log');
        for (let day = 1; day <= 27; day += 1) {
          await logContact(PRO, id, { professional_id: ids[PRO], at: isoAgo(day), with_whom: `contact ${day}` });
        }
        const household = await getHousehold(PRO, id);
        assert.equal(household.contacts.length, 20, 'the record carries the latest 20');
        assert.equal(household.contacts[0].with_whom, 'contact 1');
        assert.equal(household.continuity.contacts, 27, 'continuity counts all of them');

        const client = await as(PRO);
        const first = expectJson(await client.get(`/api/v1/households/${id}/contacts?limit=10`));
        assert.deepEqual(first.contacts.map((c) => c.with_whom), Array.from({ length: 10 }, (_, i) => `contact ${i + 1}`));
        assert.equal(typeof first.next, 'string');
        const second = expectJson(await client.get(`/api/v1/households/${id}/contacts?limit=10&before=${encodeURIComponent(first.next)}`));
        assert.equal(second.contacts[0].with_whom, 'contact 11');
        const third = expectJson(await client.get(`/api/v1/households/${id}/contacts?limit=10&before=${encodeURIComponent(second.next)}`));
        assert.equal(third.contacts.length, 7);
        assert.equal(third.next, null, 'the last page says there is no next one');

        for (const [query, field] of [['before=nonsense', 'before'], ['limit=0', 'limit'], ['limit=201', 'limit'], ['limit=ten', 'limit']]) {
          const bad = await client.get(`/api/v1/households/${id}/contacts?${query}`);
          expectStatus(bad, 422, query);
          assert.equal(typeof bad.json.errors?.[field], 'string', `${query}: errors.${field} in ${bad.describe()}`);
        }
        // Need to know: someone without it learns nothing, not even that the household exists.
        expectStatus(await (await as(OUTSIDER)).get(`/api/v1/households/${id}/contacts`), 404, 'a colleague never involved');

        const record = await client.get(`/huishoudens/${id}/continuiteit`);
        expectStatus(record, 200, 'the record\'s contacts section');
        assert.equal((record.text.match(/<tr class="utrecht-table__row contact">/g) ?? []).length, 20);
        assert.ok(record.text.includes(`href="/huishoudens/${id}/contacten"`), 'the record links to the whole log');
        const log = await client.get(`/huishoudens/${id}/contacten`);
        expectStatus(log, 200, 'the contacts log page');
        assert.equal((log.text.match(/<tr class="utrecht-table__row contact">/g) ?? []).length, 27);
        assert.ok(!log.text.includes('id="contacts-log-older"'), 'one page holds 27 contacts');
      });

      test('one contact: the indices stay undefined (null), not 0 or 1', async () => {
        const id = await householdOfPro('one contact');
        await logContact(PRO, id, { professional_id: ids[PRO], at: isoAgo(2) });
        const c = (await getHousehold(PRO, id)).continuity;
        assert.equal(c.contacts, 1);
        assert.equal(c.distinct_faces, 1);
        assert.equal(c.upc, null);
        assert.equal(c.coc, null);
        assert.equal(c.secon, null);
      });

      test('handover: the colleague becomes the face, and the previous contact\'s access ends', async () => {
        const id = await householdOfPro('handover');
        // The introduction meeting was yesterday: the former contact read until then (household_rules.test.mjs).
        const warm = dayFromToday(-1);
        const response = await apiPost(PRO, id, 'handover', {
          to_user_id: ids[COLLEAGUE],
          kind: 'handover',
          reason: 'Karim spreekt de taal van de bewoner',
          warm_handover_on: warm,
        });
        expectStatus(response, 200, 'handover with a warm handover date');
        assert.equal(response.json.fixed_contact_id, ids[COLLEAGUE]);

        const seen = await getHousehold(COLLEAGUE, id);
        assert.equal(seen.fixed_contact.id, ids[COLLEAGUE], 'the colleague is now the fixed contact');
        assert.ok(seen.involved.some((i) => i.user_id === ids[COLLEAGUE] && i.active), 'and involved');
        const change = seen.fixed_contact_changes[0];
        assert.equal(change.kind, 'handover', `the latest change first: ${JSON.stringify(seen.fixed_contact_changes)}`);
        assert.equal(change.from_user_id, ids[PRO]);
        assert.equal(change.to_user_id, ids[COLLEAGUE]);
        assert.equal(change.to_name, 'Karim Collega');
        assert.equal(change.reason, 'Karim spreekt de taal van de bewoner');
        assert.equal(change.warm_handover_on, warm);

        const previous = await (await as(PRO)).get(`/api/v1/households/${id}`);
        expectStatus(previous, 404, 'need to know: the previous contact no longer sees it');
        const caseload = expectJson(await (await as(COLLEAGUE)).get('/api/v1/me/caseload'));
        assert.ok(caseload.households.some((h) => h.household_id === id), 'on the new contact\'s caseload');
        const old = expectJson(await (await as(PRO)).get('/api/v1/me/caseload'));
        assert.ok(!old.households.some((h) => h.household_id === id), 'no longer on the previous contact\'s caseload');
        expectStatus(
          await apiPost(PRO, id, 'handover', { to_user_id: ids[THIRD], kind: 'handover', reason: 'x', no_warm_reason: 'y' }),
          404,
          'the previous contact can no longer hand over',
        );

        // The resident asks for someone else: no reason needed, but why there was no warm handover.
        const request = await apiPost(COLLEAGUE, id, 'handover', {
          to_user_id: ids[THIRD],
          kind: 'resident_request',
          no_warm_reason: 'De bewoner wilde meteen iemand anders',
        });
        expectStatus(request, 200, 'a resident\'s request without reason but with no_warm_reason');
        const now = await getHousehold(THIRD, id);
        assert.equal(now.fixed_contact.id, ids[THIRD]);
        assert.deepEqual(
          now.fixed_contact_changes.map((x) => x.kind),
          ['resident_request', 'handover', 'assignment'],
          'the history lists every change, latest first',
        );
        assert.equal(now.fixed_contact_changes[0].no_warm_reason, 'De bewoner wilde meteen iemand anders');
        assert.equal(now.fixed_contact_changes[0].warm_handover_on, null);
        assert.equal(now.continuity.flags.fixed_contact_changes, true, 'two changes in a year flag the household');
        const third = expectJson(await (await as(THIRD)).get('/api/v1/me/caseload'));
        const row = third.households.find((h) => h.household_id === id);
        assert.ok(row, 'on the caseload of the third professional');
        assert.equal(row.flags.fixed_contact_changes, true);
      });
    });

    if (backend.name !== 'sqlite') return;

    describe('pages over HTTP', () => {
      let id;
      let pro;
      const url = () => `/huishoudens/${id}`;
      const post = (path, fields) => pro.post(`${url()}/${path}`, { form: { csrf_token: pro.csrfToken, ...fields } });

      before(async () => {
        id = await householdOfPro('pages');
        pro = await as(PRO);
      });

      // Each page of the record: the sections it shows, and the forms on it (by where they post).
      const PAGES = [
        ['', ['household-face', 'what-matters', 'next', 'continuity'], []],
        ['/gezin', ['household-summary', 'members'], ['afsluiten', 'voorkeuren', 'leden', 'uitnodigingen']],
        ['/plan', ['what-matters', 'goals'], ['wat-belangrijk-is', 'doelen', 'opties']],
        ['/acties', ['actions'], ['acties']],
        ['/betrokkenen', ['involved'], ['betrokkenen']],
        ['/continuiteit', ['contacts', 'continuity'], ['contacten']],
        ['/wisselingen', ['household-face', 'fixed-contact-history'], ['overdracht']],
        ['/gedeeld', ['sharing'], ['delen']],
        ['/aanmeldingen', ['referrals'], []],
      ];

      test('the record is an overview and a page per section, each with its headings, forms, unique ids and labels', async () => {
        const response = await pro.get(url());
        expectStatus(response, 200);
        const html = response.text;
        assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
        for (const [path, sectionIds, actions] of PAGES) {
          const page = path ? await pro.get(`${url()}${path}`) : response;
          expectStatus(page, 200, `${url()}${path}`);
          for (const sectionId of sectionIds) {
            const source = section(page.text, sectionId);
            assert.ok(source, `${path || 'the overview'}: a <section id="${sectionId}">`);
            assert.match(source, /<h2\b/, `#${sectionId} has an h2`);
          }
          assert.equal((page.text.match(/<h1\b/g) ?? []).length, 1, `${path}: one h1`);
          // Every page links to every other, and says which one it is.
          for (const [other] of PAGES) assert.ok(page.text.includes(`href="${url()}${other}"`), `${path} links to ${other || 'the overview'}`);
          assert.match(page.text, new RegExp(`href="${url()}${path}" aria-current="page"`), `${path}: the current page is marked`);
          // The record's forms (the layout's logout form aside).
          const posted = tags(page.text, 'form').map((f) => f.attributes.action).filter((a) => a.startsWith(`${url()}/`));
          for (const action of actions) {
            const f = form(page.text, `${url()}/${action}`);
            assert.ok(f, `${path}: a form posting to ${url()}/${action}`);
            assert.equal((f.attributes.method ?? '').toLowerCase(), 'post');
            assert.equal(f.hidden.csrf_token, pro.csrfToken, `the ${action} form carries the session's CSRF token`);
          }
          assert.deepEqual(posted.filter((a) => !actions.some((action) => a === `${url()}/${action}`)), [], `${path}: only its own forms`);
          assert.deepEqual(duplicateIds(page.text), [], `${path}: ids are unique`);
          for (const name of ['input', 'select', 'textarea']) {
            for (const field of tags(page.text, name)) {
              if ((field.attributes.type ?? '') === 'hidden') continue;
              assert.ok(field.attributes.id, `${path}: a ${name} named ${field.attributes.name} has an id`);
              assert.ok(page.text.includes(`for="${field.attributes.id}"`), `${path}: a label for #${field.attributes.id}`);
            }
          }
        }
        const face = textById(html, 'fixed-contact');
        assert.match(face, /Hanna Huisbezoek/);
        const img = tags(section(html, 'household-face'), 'img')[0];
        assert.equal(img?.attributes.src, `/gezichten/${ids[PRO]}`);
        assert.equal(img.attributes.alt, '', 'the photo is decorative: the name is next to it');
        assert.match(html, /href="tel:0703530000"/, 'the phone number is a tel: link');
        assert.equal(textById(html, 'index-upc'), UNDEFINED_NL, 'UPC cannot be computed without contacts');
        assert.equal(textById(html, 'index-coc'), UNDEFINED_NL);
        assert.equal(textById(html, 'index-secon'), UNDEFINED_NL);
        assert.equal(textById(html, 'faces-90d'), '0');
        assert.equal(textById(html, 'continuity-flag'), null, 'no flag');
        const english = await pro.get(`${url()}?lang=en`);
        expectStatus(english, 200);
        assert.match(english.text, /<html lang="en"/);
        assert.equal(textById(english.text, 'index-upc'), 'cannot be calculated (fewer than 2 contacts)');
        await pro.get(`${url()}?lang=nl`);
      });

      test('each form saves, answers 303 to ?opgeslagen=<section> and the record shows it with a status message', async () => {
        const household = await getHousehold(PRO, id);
        const own = household.involved.find((i) => i.user_id === ids[PRO]).id;

        let response = await post('leden', { name: 'Amina Bakker', kind: 'adult', birth_year: '1984' });
        expectStatus(response, 303, 'a member');
        assert.equal(response.location, `${url()}/gezin?opgeslagen=leden`, 'back to the section of the form');
        const amina = (await getHousehold(PRO, id)).members.find((m) => m.name === 'Amina Bakker');
        response = await post('leden', { name: 'Jesse Bakker', kind: 'adult', related_to: String(amina.id), relation: 'partner' });
        expectStatus(response, 303, 'a partner');
        response = await post('leden', { name: 'Noor Bakker', kind: 'child', birth_year: '2015', related_to: String(amina.id), relation: 'child' });
        expectStatus(response, 303, 'a child');

        response = await post('wat-belangrijk-is', { words: 'Dat mijn kinderen rust hebben.\nEn dat ik de huur kan betalen.', confirmed: 'yes' });
        expectStatus(response, 303, 'what matters');
        assert.equal(response.location, `${url()}/plan?opgeslagen=wat-belangrijk-is`);
        response = await post('doelen', { words: 'Geen brieven van deurwaarders meer', progress_sign: 'De post is weer gewoon post' });
        expectStatus(response, 303, 'a goal');
        const goal = (await getHousehold(PRO, id)).goals[0];
        response = await post('opties', { goal_id: String(goal.id), description: 'Schuldhulp via de Stadsbank', chosen: 'yes', why: 'Zij kent die mensen al' });
        expectStatus(response, 303, 'an option');
        response = await post('opties', { goal_id: '', description: 'Budgetcoach van de buurt' });
        expectStatus(response, 303, 'an option without goal');
        response = await post('betrokkenen', { name: 'Wim Wijkagent', organisation: 'Politie', role: 'Wijkagent', domain: 'community', does_what: 'Komt langs', reach: '0900 8844' });
        expectStatus(response, 303, 'someone involved');
        assert.equal(response.location, `${url()}/betrokkenen?opgeslagen=betrokkenen`);
        response = await post('acties', { what: 'Brieven sorteren', involved_id: String(own), domain: 'debt', due_on: dayFromToday(-2), goal_id: String(goal.id) });
        expectStatus(response, 303, 'an overdue action');
        assert.equal(response.location, `${url()}/acties?opgeslagen=acties`);
        response = await post('acties', { what: 'Aanvraag toeslag', involved_id: String(own), domain: 'benefits', due_on: dayFromToday(7), goal_id: '' });
        expectStatus(response, 303, 'an action');
        response = await post('contacten', { involved_id: String(own), at: '', channel: 'phone' });
        expectStatus(response, 422, 'a contact without time');
        const at = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', dateStyle: 'short', timeStyle: 'short' })
          .format(new Date(Date.now() - 2 * 3_600_000)).replace(' ', 'T');
        response = await post('contacten', { involved_id: String(own), at, channel: 'home_visit', with_whom: 'Amina' });
        expectStatus(response, 303, 'a contact');
        assert.equal(response.location, `${url()}/continuiteit?opgeslagen=contacten`);

        const saved = await pro.get(response.location);
        expectStatus(saved, 200);
        const status = textById(saved.text, 'saved-message');
        assert.match(status ?? '', /vastgelegd/, 'a status message after saving');
        assert.match(saved.text, /id="saved-message" role="status"/);
        expectStatus(await pro.get(`${url()}/gezin`), 200);
        assert.equal(textById((await pro.get(`${url()}/gezin`)).text, 'saved-message'), null, 'the message only after saving');
        // The whole record, page by page.
        let html = saved.text;
        for (const path of ['', '/gezin', '/plan', '/acties', '/betrokkenen']) {
          const page = await pro.get(`${url()}${path}`);
          expectStatus(page, 200, path);
          html += page.text;
        }
        const members = textById(html, 'member-list');
        assert.match(members, /Noor Bakker, Kind, geboren in 2015/);
        const relations = textById(html, 'relation-list');
        assert.match(relations, /Jesse Bakker is partner van Amina Bakker/);
        assert.match(relations, /Noor Bakker is kind van Amina Bakker/);
        assert.doesNotMatch(relations, /Amina Bakker is partner van Jesse Bakker/, 'a relation is said once');
        assert.equal(textById(html, 'what-matters-words'), 'Dat mijn kinderen rust hebben. En dat ik de huur kan betalen.');
        assert.match(textById(html, 'what-matters-confirmed'), /^Gehoord en bevestigd op \w+dag \d+ \w+ \d{4}$/);
        const goals = textById(html, 'goal-list');
        assert.match(goals, /Geen brieven van deurwaarders meer/);
        assert.match(goals, /Schuldhulp via de Stadsbank Gekozen Waarom: Zij kent die mensen al/);
        assert.match(textById(html, 'general-options'), /Budgetcoach van de buurt/);
        const actions = section(html, 'actions');
        const overdueRow = actions.split('<tr').find((row) => row.includes('Brieven sorteren'));
        assert.match(overdueRow, /Te laat/, 'an open action past its date says "Te laat"');
        assert.match(overdueRow, /Schulden/, 'the domain in words');
        assert.doesNotMatch(actions.split('<tr').find((row) => row.includes('Aanvraag toeslag')), /Te laat/);
        assert.match(textById(html, 'involved-list'), /Wim Wijkagent.*Wijkagent, Politie.*Buurt en vrijwilligers.*Komt langs.*0900 8844/);
        const contacts = textById(html, 'contact-table');
        assert.match(contacts, new RegExp(`${at.slice(8, 10)}-${at.slice(5, 7)}-${at.slice(0, 4)} ${at.slice(11, 16)}`), 'the contact time in Amsterdam time');
        assert.match(contacts, /Hanna Huisbezoek Huisbezoek Amina/);
        assert.equal(textById(html, 'contacts-count'), '1');
        assert.match(textById(html, 'next-actions'), /Brieven sorteren.*Te laat.*Aanvraag toeslag/, 'the overview: open actions, soonest first');

        const api = await getHousehold(PRO, id);
        assert.equal(api.contacts[0].at, new Date(`${at}:00${amsterdamOffset(at)}`).toISOString().replace(/\.\d{3}Z$/, 'Z'), 'the local time is stored as UTC');
      });

      test('invalid input: 422, the error summary links to the fields, the typed values stay in that form only', async () => {
        const response = await post('doelen', { words: '', progress_sign: 'Zij lacht weer' });
        expectStatus(response, 422);
        const html = response.text;
        assert.ok(html.includes('id="error-summary"'), 'an error summary');
        assert.match(textById(html, 'error-summary'), /Er ging iets mis/);
        assert.ok(html.includes('href="#goal-words"'), 'the summary links to #goal-words');
        assert.match(textById(html, 'goal-words-error') ?? '', /\S/, 'a message next to the field');
        assert.match(html, /id="goal-words"[^>]*aria-invalid="true"/);
        assert.equal(textareaById(html, 'goal-progress_sign'), 'Zij lacht weer', 'typed text is kept');
        assert.equal(textareaById(html, 'matters-words'), '', 'other forms stay empty');
        assert.equal(textareaById(html, 'option-description'), '');
        assert.ok(html.includes(`aria-current="page"`) && html.includes(`href="${url()}/plan" aria-current="page"`), 'the plan section again');
        assert.equal(textById(html, 'saved-message'), null);
        assert.deepEqual(duplicateIds(html), []);

        const contact = await post('contacten', { involved_id: '', at: '2099-01-01T10:00', channel: 'video', with_whom: 'Opa' });
        expectStatus(contact, 422, 'a contact in the future with nobody');
        assert.ok(contact.text.includes('href="#contact-at"'));
        assert.ok(contact.text.includes('href="#contact-involved_id"'), 'professional_id is anchored to the person select');
        assert.equal(inputById(contact.text, 'contact-at').value, '2099-01-01T10:00');
        assert.equal(selectedOption(contact.text, 'contact-channel'), 'video');
        assert.equal(inputById(contact.text, 'contact-with_whom').value, 'Opa');
        assert.ok(contact.text.includes(`href="${url()}/continuiteit" aria-current="page"`), 'the contacts section again');
        assert.ok(!contact.text.includes('id="goal-words"'), 'without the forms of other sections');

        const handover = await post('overdracht', { to_user_id: String(ids[COLLEAGUE]), kind: 'handover', reason: '', warm_handover_on: '', no_warm_reason: '' });
        expectStatus(handover, 422, 'a handover without reason');
        assert.ok(handover.text.includes('href="#handover-reason"'));
        assert.ok(handover.text.includes('href="#handover-no_warm_reason"'));
        assert.equal(selectedOption(handover.text, 'handover-to_user_id'), String(ids[COLLEAGUE]), 'the chosen colleague is kept');
        assert.ok(handover.text.includes('id="handover-kind-handover" name="kind" value="handover" checked'));
        assert.ok(handover.text.includes(`href="${url()}/wisselingen" aria-current="page"`), 'the handover section again');

        const member = await post('leden', { name: '', kind: 'robot', birth_year: 'vroeger' });
        expectStatus(member, 422);
        assert.ok(member.text.includes('href="#member-name"'));
        assert.ok(member.text.includes('href="#member-kind-adult"'));
        assert.ok(member.text.includes('href="#member-birth_year"'));
        assert.equal(textById(member.text, 'member-name-error'), 'Vul een naam in.', 'a name of someone else, not "uw naam"');
        assert.equal(inputById(member.text, 'member-birth_year').value, 'vroeger');
        assert.ok(member.text.includes(`href="${url()}/gezin" aria-current="page"`), 'the household section again');

        const involved = await post('betrokkenen', { name: 'Zonder Organisatie', organisation: '', role: '', domain: 'magic' });
        expectStatus(involved, 422);
        for (const anchor of ['involved-organisation', 'involved-role', 'involved-domain']) {
          assert.ok(involved.text.includes(`href="#${anchor}"`), `the summary links to #${anchor}`);
        }
        assert.equal(inputById(involved.text, 'involved-name').value, 'Zonder Organisatie');

        const action = await post('acties', { what: 'Iets', involved_id: '', domain: 'debt', due_on: '' });
        expectStatus(action, 422);
        assert.ok(action.text.includes('href="#action-due_on"'));

        const option = await post('opties', { goal_id: '', description: 'Naar de voedselbank', chosen: 'yes', why: '' });
        expectStatus(option, 422);
        assert.ok(option.text.includes('href="#option-why"'));
        assert.ok(option.text.includes('id="option-chosen" name="chosen" value="yes" checked'), 'the checkbox stays checked');

        const english = await pro.post(`${url()}/doelen?lang=en`, { form: { csrf_token: pro.csrfToken, words: '' } });
        expectStatus(english, 422);
        assert.match(textById(english.text, 'goal-words-error'), /\bthe\b/i, `an English message: ${textById(english.text, 'goal-words-error')}`);
        await pro.get(`${url()}?lang=nl`);

        const household = await getHousehold(PRO, id);
        assert.ok(!household.goals.some((g) => g.progress_sign === 'Zij lacht weer'), 'nothing was saved');
      });

      test('a form without the CSRF token gets 403; strangers get 404; an administrator 403; no login goes to the login page', async () => {
        const noToken = await pro.post(`${url()}/doelen`, { form: { words: 'Zonder token' } });
        expectStatus(noToken, 403);
        const outsider = await as(OUTSIDER);
        expectStatus(await outsider.get(url()), 404, 'the record for a professional not involved');
        expectStatus(await outsider.post(`${url()}/doelen`, { form: { csrf_token: outsider.csrfToken, words: 'Niet van mij' } }), 404);
        expectStatus(await pro.get('/huishoudens/abc'), 404);
        expectStatus(await pro.get('/huishoudens/99999999'), 404);
        const admin = await as(ADMIN);
        expectStatus(await admin.get(url()), 403);
        const home = await admin.get('/beheer');
        assert.ok(!home.text.includes('href="/mijn-huishoudens"'), 'no caseload link for an administrator');
        const visitor = await anon.get(url());
        expectStatus(visitor, 303);
        assert.match(visitor.location, /^\/inloggen\?next=/);
        assert.ok(!(await getHousehold(PRO, id)).goals.some((g) => g.words === 'Zonder token'));
      });

      test('the handover form hands over; the new contact sees the change in the history', async () => {
        const own = await householdOfPro('handover through the form');
        const before = await pro.get(`/huishoudens/${own}/wisselingen`);
        const targets = selectValues(before.text, 'handover-to_user_id');
        assert.ok(targets.includes(String(ids[COLLEAGUE])), `the colleague is in the list of the team: ${targets}`);
        assert.ok(!targets.includes(String(ids[PRO])), 'the current contact is not');
        assert.ok(!targets.includes(String(ids[LEAD])), 'a team lead is no fixed contact');
        // The introduction meeting was yesterday, so the former contact's reading has ended.
        const response = await pro.post(`/huishoudens/${own}/overdracht`, {
          form: { csrf_token: pro.csrfToken, to_user_id: String(ids[COLLEAGUE]), kind: 'handover', reason: 'Nieuwe wijkindeling', warm_handover_on: dayFromToday(-1), no_warm_reason: '' },
        });
        expectStatus(response, 303);
        assert.equal(response.location, '/mijn-huishoudens?overgedragen=1');
        const landing = await pro.get(response.location);
        assert.match(landing.text, /id="handed-over"/, 'the former contact is told it is handed over');
        expectStatus(await pro.get(`/huishoudens/${own}`), 404, 'and no longer sees the record');
        const colleague = await as(COLLEAGUE);
        const page = await colleague.get(`/huishoudens/${own}`);
        expectStatus(page, 200, 'the new contact sees the record');
        assert.match(textById(page.text, 'fixed-contact'), /Karim Collega/);
        expectStatus(await pro.get(`/huishoudens/${own}/wisselingen`), 404, 'nor any of its sections');
        const changes = await colleague.get(`/huishoudens/${own}/wisselingen`);
        const history = readable(textById(changes.text, 'change-list'));
        assert.match(history, /Overdracht, .* van Hanna Huisbezoek naar Karim Collega\./);
        assert.match(history, /Reden: Nieuwe wijkindeling/);
        assert.match(history, /Warme overdracht \(samen kennismaken\) op \w+dag/);
        assert.match(history, /Toewijzing/);

        const caseload = await colleague.get('/mijn-huishoudens');
        expectStatus(caseload, 200);
        assert.ok(caseload.text.includes(`data-household="${own}"`), '/mijn-huishoudens lists it for the new contact');
        const mine = await pro.get('/mijn-huishoudens');
        assert.ok(!mine.text.includes(`data-household="${own}"`), 'and not for the previous one');

        const request = await colleague.post(`/huishoudens/${own}/overdracht`, {
          form: { csrf_token: colleague.csrfToken, to_user_id: String(ids[THIRD]), kind: 'resident_request', reason: '', no_warm_reason: 'De bewoner belde zelf' },
        });
        expectStatus(request, 303, 'a resident\'s request needs no reason');
        const now = await (await as(THIRD)).get(`/huishoudens/${own}`);
        const nowChanges = await (await as(THIRD)).get(`/huishoudens/${own}/wisselingen`);
        assert.match(readable(textById(nowChanges.text, 'change-list')), /Verzoek van de bewoner, .* van Karim Collega naar Derya Derde\. Geen warme overdracht, omdat: De bewoner belde zelf/);
        assert.match(textById(now.text, 'continuity-flag') ?? '', /Vaste contactpersoon twee keer of vaker gewisseld in een jaar/);
      });

      test('the caseload page: a row per household with counts, last contact and a visible flag', async () => {
        const flagged = await householdOfPro('caseload flag');
        const lastAt = isoAgo(1);
        for (const [username, at] of [[PRO, lastAt], [COLLEAGUE, isoAgo(2)], [THIRD, isoAgo(3)], [OUTSIDER, isoAgo(4)]]) {
          await logContact(PRO, flagged, { professional_id: ids[username], at });
        }
        const response = await pro.get('/mijn-huishoudens');
        expectStatus(response, 200);
        const html = response.text;
        assert.ok(html.includes('href="/mijn-huishoudens"'), 'the navigation links to the caseload');
        assert.match(html, /<table[^>]*id="caseload"/);
        const caseload = expectJson(await pro.get('/api/v1/me/caseload'));
        assert.ok(caseload.households.length >= 2);
        for (const household of caseload.households) {
          assert.ok(html.includes(`data-household="${household.household_id}"`), `a row for household ${household.household_id}`);
        }
        assert.equal(textById(html, 'household-count'), String(caseload.households.length));
        const rows = html.split('<tr').slice(1);
        const row = rows.find((r) => r.includes(`data-household="${flagged}"`));
        assert.match(row, /class="[^"]*\bflagged\b/, 'the flagged row has class flagged');
        assert.ok(row.includes(`href="/huishoudens/${flagged}"`), 'the name links to the record');
        // household, address, open actions, overdue actions, last contact, faces in 90 days, signal
        const cells = rowCells(row);
        assert.equal(cells.length, 7, `seven cells: ${JSON.stringify(cells)}`);
        assert.equal(cells[2], '0', 'no open actions');
        assert.equal(cells[4], dutchDate(lastAt), 'the last contact as an Amsterdam date');
        assert.equal(cells[5], '4', 'four faces in 90 days');
        assert.match(cells[6], /Meer dan 3 gezichten in 90 dagen/, 'a visible flag text');
        const pages = rows.find((r) => r.includes(`data-household="${id}"`));
        assert.ok(pages, 'the household of the page tests is listed');
        assert.doesNotMatch(pages, /\bflagged\b/);
        const pageCells = rowCells(pages);
        assert.equal(pageCells[2], '2', 'two open actions');
        assert.match(pageCells[3], /^1 Te laat$/, 'one overdue');
        assert.equal(pageCells[6], '', 'no flag');
        const record = await pro.get(`/huishoudens/${flagged}`);
        assert.match(textById(record.text, 'continuity-flag'), /Meer dan 3 verschillende gezichten in 90 dagen/);
        assert.match(record.text, /id="continuity-flag" role="status"/);
        assert.equal(textById(record.text, 'faces-90d'), '4');
        assert.equal(textById(record.text, 'index-upc'), '25%');
        assert.equal(textById(record.text, 'index-coc'), '0%');
        assert.equal(textById(record.text, 'index-secon'), '0%');
        const lead = await as(LEAD);
        // Need to know: a team lead has no households of their own; the team's flags are on /inbox.
        expectStatus(await lead.get('/mijn-huishoudens'), 403, 'a team lead has no caseload page');
      });

      test('script tags in every text field come back escaped', async () => {
        const household = await householdOfPro('escaping', SCRIPT);
        const client = pro;
        const at = (days) => isoAgo(days);
        const send = (path, fields) => client.post(`/huishoudens/${household}/${path}`, { form: { csrf_token: client.csrfToken, ...fields } });
        expectStatus(await send('leden', { name: SCRIPT, kind: 'adult' }), 303, 'member name');
        const member = (await getHousehold(PRO, household)).members.find((m) => m.name === SCRIPT);
        expectStatus(await send('leden', { name: `${SCRIPT} 2`, kind: 'child', related_to: String(member.id), relation: 'child' }), 303);
        expectStatus(await send('wat-belangrijk-is', { words: SCRIPT, confirmed: 'yes' }), 303, 'what matters');
        expectStatus(await send('doelen', { words: SCRIPT, progress_sign: SCRIPT }), 303, 'goal');
        const goal = (await getHousehold(PRO, household)).goals[0];
        expectStatus(await send('opties', { goal_id: String(goal.id), description: SCRIPT, chosen: 'yes', why: SCRIPT }), 303, 'option');
        expectStatus(
          await send('betrokkenen', { name: SCRIPT, organisation: SCRIPT, role: SCRIPT, domain: 'health', does_what: SCRIPT, reach: SCRIPT }),
          303,
          'involved',
        );
        const face = (await getHousehold(PRO, household)).involved.find((i) => i.name === SCRIPT);
        expectStatus(await send('acties', { what: SCRIPT, involved_id: String(face.id), domain: 'health', due_on: dayFromToday(3) }), 303, 'action');
        expectStatus(await apiPost(PRO, household, 'contacts', { involved_id: face.id, at: at(1), channel: 'letter', with_whom: SCRIPT }), 201);
        expectStatus(
          await send('overdracht', { to_user_id: String(ids[COLLEAGUE]), kind: 'handover', reason: SCRIPT, no_warm_reason: SCRIPT }),
          303,
          'handover',
        );
        // After the handover the record is the colleague's to read.
        const reader = await as(COLLEAGUE);
        const page = { text: '' };
        for (const path of ['', '/gezin', '/plan', '/acties', '/betrokkenen', '/continuiteit', '/wisselingen', '/gedeeld', '/aanmeldingen']) {
          const part = await reader.get(`/huishoudens/${household}${path}`);
          expectStatus(part, 200, path);
          assert.ok(!part.text.includes(SCRIPT), `no script tag comes back as HTML on ${path || 'the overview'}`);
          page.text += part.text;
        }
        const count = page.text.split(ESCAPED_SCRIPT).length - 1;
        // member x2 (+ relation sentence x2 + select options), words, goal words and sign, option, why,
        // involved name/organisation/role/does_what/reach (+ selects), action what, with whom, reason, no warm reason
        assert.ok(count >= 18, `at least 18 escaped script tags on the page, found ${count}`);
        for (const fieldText of [textById(page.text, 'what-matters-words'), textById(page.text, 'change-list')]) {
          assert.ok(fieldText.includes(SCRIPT), `the text reads as typed: ${fieldText}`);
        }
        // Typed values on a 422 page are escaped too.
        const invalid = await reader.post(`/huishoudens/${household}/doelen`, {
          form: { csrf_token: reader.csrfToken, words: '', progress_sign: SCRIPT },
        });
        expectStatus(invalid, 422);
        assert.ok(!invalid.text.includes(SCRIPT));
        assert.equal(textareaById(invalid.text, 'goal-progress_sign'), SCRIPT);
        const caseload = await (await as(COLLEAGUE)).get('/mijn-huishoudens');
        assert.ok(!caseload.text.includes(SCRIPT), 'the caseload shows the member\'s name escaped');
        assert.ok(caseload.text.includes(ESCAPED_SCRIPT));
      });
    });

    describe('in the browser (Chromium, axe-core)', () => {
      let browser;
      let id;

      before(async () => {
        id = await householdOfPro('browser');
        browser = await launchBrowser();
      });

      after(async () => {
        await closeBrowser(browser);
      });

      async function open(username) {
        const context = await browser.newContext({ bypassCSP: false, locale: 'nl-NL' });
        const client = await loggedIn(town, username);
        await context.addCookies([{ name: 'gz_session', value: client.cookies.get('gz_session'), url: town.server.url }]);
        const page = await context.newPage();
        page.setDefaultTimeout(15_000);
        return { context, page, problems: watchPage(page) };
      }

      async function submitted(page, path, action) {
        const [response] = await Promise.all([
          page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path, { timeout: 10_000 }),
          page.waitForEvent('load'),
          action(),
        ]);
        return response;
      }

      async function expectNoViolations(page, what) {
        const violations = await axeViolations(page);
        assert.equal(violations.length, 0, `axe finds on ${what} (${page.url()}):\n${formatViolations(violations)}`);
      }

      // axe needs its script in the page: a context that lets it past the CSP.
      async function axeContext(username) {
        const context = await browser.newContext({ bypassCSP: true, locale: 'nl-NL' });
        const client = await loggedIn(town, username);
        await context.addCookies([{ name: 'gz_session', value: client.cookies.get('gz_session'), url: town.server.url }]);
        const page = await context.newPage();
        page.setDefaultTimeout(15_000);
        return { context, page };
      }

      test('the professional writes what matters, adds a goal and people, logs contacts and sees the indices and the flag', async () => {
        const { page, context, problems } = await open(PRO);
        const base = `/huishoudens/${id}`;
        const response = await page.goto(`${town.server.url}${base}`);
        assert.equal(response.status(), 200);
        assert.equal((await page.locator('#index-upc').textContent()).trim(), UNDEFINED_NL);
        assert.equal(await page.locator('#continuity-flag').count(), 0);

        // From the overview to the plan by its link, as a professional would.
        await Promise.all([page.waitForEvent('load'), page.locator('#section-link-plan').click()]);
        assert.equal(new URL(page.url()).pathname, `${base}/plan`);
        await page.locator('#matters-words').fill('Dat ik weer zelf mijn post open.');
        await page.getByLabel('Teruggelezen en bevestigd door de bewoner').check();
        let posted = await submitted(page, `${base}/wat-belangrijk-is`, () => page.locator('#save-what-matters').click());
        assert.equal(posted.status(), 303);
        assert.equal((await page.locator('#what-matters-words').textContent()).trim(), 'Dat ik weer zelf mijn post open.');
        assert.match(await page.locator('#what-matters-confirmed').textContent(), /Gehoord en bevestigd op/);
        assert.ok(await page.locator('#saved-message[role=status]').isVisible(), 'a status message');

        await page.locator('#goal-words').fill('Rust in huis');
        await page.locator('#goal-progress_sign').fill('De kinderen slapen door');
        posted = await submitted(page, `${base}/doelen`, () => page.locator('#save-goal').click());
        assert.equal(posted.status(), 303);
        assert.match(await page.locator('#goal-list').textContent(), /Rust in huis/);

        await page.goto(`${town.server.url}${base}/betrokkenen`);
        for (const [name, organisation, role, domain] of [
          ['Sanne Schuldhulp', 'Stadsbank', 'Schuldhulpverlener', 'debt'],
          ['Wim Wijkagent', 'Politie', 'Wijkagent', 'community'],
          ['Jet Jeugdcoach', 'Jeugdteam', 'Jeugdcoach', 'youth'],
        ]) {
          await page.locator('#involved-name').fill(name);
          await page.locator('#involved-organisation').fill(organisation);
          await page.locator('#involved-role').fill(role);
          await page.locator('#involved-domain').selectOption(domain);
          posted = await submitted(page, `${base}/betrokkenen`, () => page.locator('#save-involved').click());
          assert.equal(posted.status(), 303, `adding ${name}`);
        }
        assert.equal(await page.locator('#involved-list li.involved').count(), 4, 'the professional and three others');
        const photo = page.locator(`#involved-list img[src="/gezichten/${ids[PRO]}"]`);
        assert.ok(await photo.evaluate((img) => img.complete && img.naturalWidth > 0), 'the photo of the account loads');

        const household = await getHousehold(PRO, id);
        const faces = ['Hanna Huisbezoek', 'Sanne Schuldhulp', 'Wim Wijkagent', 'Jet Jeugdcoach'].map(
          (name) => household.involved.find((i) => i.name === name),
        );
        const channels = ['home_visit', 'phone', 'walk_in', 'video'];
        await page.goto(`${town.server.url}${base}/continuiteit`);
        for (const [i, face] of faces.entries()) {
          assert.ok(face, 'everyone is involved');
          await page.locator('#contact-involved_id').selectOption(String(face.id));
          await page.locator('#contact-channel').selectOption(channels[i]);
          posted = await submitted(page, `${base}/contacten`, () => page.locator('#save-contact').click());
          assert.equal(posted.status(), 303, `a contact with ${face.name}`);
          assert.match(page.url(), /\?opgeslagen=contacten$/);
        }
        assert.equal(await page.locator('#contact-table tbody tr').count(), 4);
        assert.equal((await page.locator('#contacts-count').textContent()).trim(), '4');
        assert.equal((await page.locator('#faces-90d').textContent()).trim(), '4');
        assert.equal((await page.locator('#index-upc').textContent()).trim(), '25%');
        assert.equal((await page.locator('#index-coc').textContent()).trim(), '0%');
        assert.equal((await page.locator('#index-secon').textContent()).trim(), '0%');
        const flag = page.locator('#continuity-flag');
        assert.ok(await flag.isVisible(), 'the flag box is visible');
        assert.equal(await flag.getAttribute('role'), 'status');
        assert.match(await flag.textContent(), /Meer dan 3 verschillende gezichten in 90 dagen/);
        // The indices are a description list a screen reader reads as term and value.
        const term = await page.locator('#index-upc').evaluate((dd) => dd.previousElementSibling?.tagName);
        assert.equal(term, 'DT');
        assert.deepEqual(problems, [], 'no blocked resources or script errors');
        await context.close();
      });

      test('the error summary takes the focus target: its links lead to the fields', async () => {
        const { page, context } = await open(PRO);
        const base = `/huishoudens/${id}`;
        await page.goto(`${town.server.url}${base}/plan`);
        await page.locator('#goal-progress_sign').fill('Alleen een teken');
        const response = await submitted(page, `${base}/doelen`, () => page.locator('#save-goal').click());
        assert.equal(response.status(), 422);
        const summary = page.locator('#error-summary');
        assert.ok(await summary.isVisible());
        await summary.locator('a[href="#goal-words"]').click();
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'goal-words', 'the link moves the focus to the field');
        assert.equal(await page.locator('#goal-progress_sign').inputValue(), 'Alleen een teken');
        await context.close();
      });

      for (const lang of ['nl', 'en']) {
        const q = lang === 'en' ? '?lang=en' : '';
        test(`axe: the household record${q}, after a 422${q} and the caseload${q}`, async () => {
          const { page, context } = await axeContext(PRO);
          for (const path of ['', '/gezin', '/plan', '/acties', '/betrokkenen', '/continuiteit', '/wisselingen', '/gedeeld', '/aanmeldingen']) {
            const record = await page.goto(`${town.server.url}/huishoudens/${id}${path}${q}`);
            assert.equal(record.status(), 200, path);
            await expectNoViolations(page, `the household record's ${path || 'overview'}${q}`);
          }

          await page.goto(`${town.server.url}/huishoudens/${id}/continuiteit${q}`);
          const response = await submitted(page, `/huishoudens/${id}/contacten`, () =>
            page.locator('#save-contact').evaluate((button) => {
              button.form.querySelector('[name=involved_id]').value = '';
              button.form.querySelector('[name=at]').value = '';
              button.form.submit();
            }),
          );
          assert.equal(response.status(), 422);
          assert.ok(await page.locator('#error-summary').isVisible());
          await expectNoViolations(page, `the household record with errors${q}`);

          await page.goto(`${town.server.url}/huishoudens/${id}/wisselingen${q}`);
          const goal = await submitted(page, `/huishoudens/${id}/overdracht`, () =>
            page.locator('#save-handover').evaluate((button) => button.form.submit()),
          );
          assert.equal(goal.status(), 422);
          await expectNoViolations(page, `the handover form with errors${q}`);

          const log = await page.goto(`${town.server.url}/huishoudens/${id}/contacten${q}`);
          assert.equal(log.status(), 200);
          await expectNoViolations(page, `the contacts log${q}`);

          const caseload = await page.goto(`${town.server.url}/mijn-huishoudens${q}`);
          assert.equal(caseload.status(), 200);
          assert.ok((await page.locator('#caseload tr[data-household]').count()) > 0, 'the caseload has rows to check');
          await expectNoViolations(page, `the caseload${q}`);
          await context.close();
        });
      }
    });
  });
}

// "+01:00" or "+02:00": Amsterdam's offset at a local wall-clock time "YYYY-MM-DDTHH:MM".
function amsterdamOffset(local) {
  const guess = new Date(`${local}:00Z`);
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', timeZoneName: 'longOffset' })
    .formatToParts(guess)
    .find((p) => p.type === 'timeZoneName').value; // "GMT+01:00"
  return name.replace('GMT', '') || '+00:00';
}
