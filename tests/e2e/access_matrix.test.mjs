// The access-control matrix, generated from the route table: every route
// (`gezicht routes --json`) is requested as every role, in every way a person
// can stand to a household (its fixed contact, a stranger, someone who broke
// the glass, a domain professional it shares with and one it does not, its
// resident, no session), through the real server. The expected answer comes
// from this file's own table, written by hand: a route that declares a
// permission this test does not know fails the suite.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Client, expectJson, expectStatus } from './lib/http.mjs';
import { Outbox, loginResident } from './lib/mail.mjs';
import { backends, runOk } from './lib/server.mjs';
import { freshHouseNumber, householdOf, loggedIn, prepareTown, referral } from './lib/town.mjs';

// Who holds which permission: the need-to-know policy as this test expects it.
const HOLDERS = {
  public_access: 'all',
  own_session: 'all',
  referral_inbox: ['professional', 'teamlead'],
  caseload: ['professional'],
  casework: ['professional', 'domain_professional'],
  handover: ['professional', 'teamlead'],
  team_overview: ['teamlead'],
  emergency_access: ['professional', 'domain_professional'],
  sharing: ['resident', 'professional'],
  access_log: ['resident', 'professional', 'domain_professional', 'auditor'],
  manage_accounts: ['admin'],
  audit_trail: ['auditor'],
  own_household: ['resident'],
  domain_shares: ['domain_professional'],
  own_photo: ['professional', 'domain_professional', 'breakthrough_member', 'teamlead'],
  resident_requests: ['professional', 'teamlead'],
  breakthroughs: ['professional', 'domain_professional', 'breakthrough_member', 'teamlead'],
  breakthrough_decide: ['breakthrough_member'],
  breakthrough_mandate: ['teamlead'],
  outreach: ['professional', 'teamlead'],
  dashboard: ['teamlead', 'policy'],
  own_mirror: ['professional'],
};
const ALL_ROLES = ['resident', 'professional', 'domain_professional', 'breakthrough_member', 'teamlead', 'policy', 'admin',
  'auditor'];

const FIXED = 'e2e.m.fixed';
const STRANGER = 'e2e.m.stranger';
const BREAKER = 'e2e.m.breaker';
const SHARED = 'e2e.m.debt';
const UNSHARED = 'e2e.m.income';
const LEAD = 'e2e.m.lead';
const ADMIN = 'e2e.m.admin';
const AUDITOR = 'e2e.m.auditor';
const BREAKTHROUGH = 'e2e.m.doorbraak';
const POLICY = 'e2e.m.beleid';
const RESIDENT = 'e2e.m.resident@example.nl'; // residents log in with a code sent to their address
const FIXED_LANGUAGES = 'nl,ti,so,pap,uk,ber,fa,pl,tr,es,ar,en';

// Each actor: role, and how they stand to household H (see expected()).
const ACTORS = [
  { label: 'no session', username: null, role: null },
  { label: 'resident of H', username: RESIDENT, role: 'resident', resident: true },
  { label: 'fixed contact of H', username: FIXED, role: 'professional', fixed: true },
  { label: 'professional of another team', username: STRANGER, role: 'professional' },
  { label: 'professional who broke the glass', username: BREAKER, role: 'professional', emergency: true },
  { label: 'debt counsellor H shares its plan with', username: SHARED, role: 'domain_professional', shared: true },
  { label: 'income consultant (nothing shared)', username: UNSHARED, role: 'domain_professional' },
  { label: "team lead of H's team", username: LEAD, role: 'teamlead', lead: true },
  { label: 'administrator', username: ADMIN, role: 'admin' },
  { label: 'auditor', username: AUDITOR, role: 'auditor' },
  { label: 'breakthrough team member', username: BREAKTHROUGH, role: 'breakthrough_member' },
  { label: 'policy adviser', username: POLICY, role: 'policy' },
];

// Routes that end something (a session, a share): requested last, one actor at a time.
const isDestructive = (route) => /logout|uitloggen|withdraw|intrekken/.test(route.pattern);

// What a person may expect from a route: allowed, login (no session),
// forbidden (403: the role lacks the permission, or the access is read-only)
// or hidden (404: even the household's existence is not told).
function expected(route, actor) {
  const holders = HOLDERS[route.permission];
  if (route.pattern === '/logo.png') return 'hidden'; // the test town imported no logo
  if (holders === 'all' && route.permission === 'public_access') return 'allowed';
  if (!actor.username) return 'login';
  if (holders !== 'all' && !holders.includes(actor.role)) return 'forbidden';
  const p = route.pattern;
  const write = route.method !== 'GET';
  if (p.includes('{reference}')) return actor.fixed || actor.lead ? 'allowed' : 'hidden';
  if (!p.includes('{id}')) return 'allowed';
  if (/emergency-access/.test(p)) return 'allowed'; // anyone with the permission may break the glass (on H3)
  // Breakthroughs: asked by those who work with H (its fixed contact); a
  // request B on H is read by its requester and the members; deciding is
  // the members', the mandate the team lead's (the permission says who).
  if (/^\/huishoudens\/\{id\}\/doorbraak|^\/api\/v1\/households\/\{id\}\/breakthroughs/.test(p)) {
    return actor.fixed ? 'allowed' : 'hidden';
  }
  if (/^\/doorbraak\/\{id\}|^\/api\/v1\/breakthroughs\/\{id\}/.test(p)) {
    if (/mandaat|escalation|behandelen|besluit|uitgevoerd|review|decision|executed/.test(p)) return 'allowed';
    return actor.fixed || actor.role === 'breakthrough_member' ? 'allowed' : 'hidden';
  }
  // Time in the neighbourhood: only its own professional's (the fixed contact recorded it).
  if (/^\/in-de-wijk\/\{id\}|^\/api\/v1\/outreach\/\{id\}/.test(p)) return actor.fixed ? 'allowed' : 'hidden';
  // A staff account's face and photo (the fixed contact's): for whoever holds the permission.
  if (/gezichten|gebruikers|users/.test(p)) return 'allowed';
  // The team lead's view of a household of their team (no case content), and its handover form.
  if (/^\/(api\/v1\/)?team\//.test(p)) return actor.lead ? 'allowed' : 'hidden';
  if (/access-log|inzage/.test(p)) return actor.fixed || actor.resident || actor.role === 'auditor' ? 'allowed' : 'hidden';
  if (/sharing|delen/.test(p)) {
    if (actor.fixed) return 'allowed';
    if (actor.resident && /withdraw|intrekken/.test(p)) return 'allowed';
    return 'hidden';
  }
  if (/handover|overdracht/.test(p)) return actor.fixed || actor.lead ? 'allowed' : 'hidden';
  // Casework on H.
  if (actor.fixed) return 'allowed';
  if (actor.emergency) return write ? 'forbidden' : 'allowed';
  if (actor.shared) {
    if (write) return 'forbidden';
    return /contact/.test(p) ? 'hidden' : 'allowed'; // the plan is shared, the contacts are not
  }
  return 'hidden';
}

function classify(route, response) {
  const toLogin = response.status === 303 && /^\/(mijn-gezicht\/)?inloggen/.test(response.location ?? '');
  if (response.status === 401 || toLogin) return 'login';
  if (response.status === 403) return 'forbidden';
  if (response.status === 404) return 'hidden';
  return 'allowed';
}

for (const backend of backends()) {
  describe(`access matrix on ${backend.name}`, () => {
    let town;
    let routes;
    const clients = new Map();
    const ids = {};
    const params = {};

    async function as(username) {
      if (!clients.has(username)) {
        if (username === RESIDENT) {
          const resident = new Client(town.server.url);
          await loginResident(resident, RESIDENT, new Outbox(town.server.outbox));
          clients.set(username, resident);
        } else {
          clients.set(username, await loggedIn(town, username));
        }
      }
      return clients.get(username);
    }

    async function newHousehold(what) {
      const front = expectJson(await new Client(town.server.url).get(`/api/v1/frontdoor?postcode=${town.demo.example_postcode}`));
      const others = front.people.filter((p) => p.role === 'professional' && p.id !== ids[FIXED]);
      const language = FIXED_LANGUAGES.split(',').find((code) => !others.some((p) => p.languages.includes(code)));
      assert.ok(language, 'no language only the fixed contact speaks: cannot steer the assignment');
      const houseNumber = freshHouseNumber();
      const response = await new Client(town.server.url).post('/api/v1/referrals', {
        json: referral(town.demo.example_postcode, houseNumber, { language, question: `Matrix: ${what}`, email: 'mila@example.nl' }),
      });
      expectStatus(response, 201, what);
      assert.equal(response.json.contact.id, ids[FIXED], `${what}: assigned to the fixed contact`);
      return {
        ...response.json,
        house_number: houseNumber,
        household_id: await householdOf(await as(FIXED), response.json.reference),
      };
    }

    async function share() {
      const fixed = await as(FIXED);
      const bases = expectJson(await fixed.get('/api/v1/legal-bases')).legal_bases;
      const debt = bases.find((b) => b.domain === 'debt' && b.parts.includes('plan'));
      assert.ok(debt, `the demo's debt basis among ${JSON.stringify(bases)}`);
      const response = await fixed.postWithCsrf(`/api/v1/households/${params.id}/sharing`, {
        json: { legal_basis_id: debt.id, parts: ['plan'], resident_wish: 'Mijn schuldhulpverlener mag mijn plan zien.' },
      });
      expectStatus(response, 201, 'sharing the plan with debt help');
      return response.json.id;
    }

    before(async () => {
      town = await prepareTown({
        backend,
        label: `matrix-${backend.name}`,
        users: ({ team, neighbourhoods }) => {
          const other = neighbourhoods.find((n) => n.team.name !== team.name).team.name;
          return [
            { username: FIXED, name: 'Vera Vast', role: 'professional', team: team.name, languages: FIXED_LANGUAGES },
            { username: STRANGER, name: 'Stan Vreemd', role: 'professional', team: other },
            { username: BREAKER, name: 'Noor Nood', role: 'professional', team: other },
            { username: SHARED, name: 'Sem Schuld', role: 'domain_professional', domain: 'debt' },
            { username: UNSHARED, name: 'Ivo Inkomen', role: 'domain_professional', domain: 'income' },
            { username: LEAD, name: 'Lot Leiding', role: 'teamlead', team: team.name },
            { username: ADMIN, name: 'Ad Beheer', role: 'admin' },
            { username: AUDITOR, name: 'Ans Controle', role: 'auditor' },
            { username: BREAKTHROUGH, name: 'Bo Doorbraak', role: 'breakthrough_member' },
            { username: POLICY, name: 'Bea Beleid', role: 'policy' },
          ];
        },
      });
      ids[FIXED] = (await as(FIXED)).user.id;
      const household = await newHousehold('household H');
      params.id = household.household_id;
      params.reference = household.reference;
      params.houseNumber = household.house_number;
      params.emergencyId = (await newHousehold('household H3, for breaking the glass')).household_id;
      // A self-referral through the form, for its confirmation page's one-time token.
      const visitor = new Client(town.server.url);
      const form = await visitor.get('/aanmelden');
      const hidden = Object.fromEntries(
        [...form.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
      );
      const sent = await visitor.post('/aanmelden', {
        form: { ...hidden, name: 'Mila Matrix', phone: '06 1234 5678', email: '', postcode: town.demo.example_postcode,
          house_number: freshHouseNumber(), question: 'Matrix: de bevestiging.', channel: 'phone', language: 'nl' },
      });
      expectStatus(sent, 303, 'the self-referral form');
      params.token = /\/aanmelden\/ontvangen\/([A-Za-z0-9_-]+)/.exec(sent.location)[1];
      const fixed = await as(FIXED);
      // The resident: invited from the record, logged in with the code from the server's outbox.
      const outbox = new Outbox(town.server.outbox);
      expectStatus(
        await fixed.postWithCsrf(`/api/v1/households/${params.id}/invitations`, { json: { email: RESIDENT } }),
        201,
        'inviting the resident',
      );
      const invitation = await outbox.waitFor(RESIDENT, /\/mijn-gezicht\/uitnodiging\//);
      params.invitationToken = /uitnodiging\/([A-Za-z0-9_-]{43})/.exec(invitation.body)[1];
      const confirmation = await outbox.waitFor('mila@example.nl', /\/mijn-aanvraag\//);
      params.statusToken = /mijn-aanvraag\/([A-Za-z0-9_-]{43})/.exec(confirmation.body)[1];
      const resident = await as(RESIDENT);
      // Something residents asked, for the routes that answer it (another contact: the team lead's).
      params.residentRequest = expectJson(await resident.postWithCsrf('/api/v1/me/contact-change-request', { json: {} })).id;

      const post = async (path, json) => {
        const response = await fixed.postWithCsrf(`/api/v1/households/${params.id}/${path}`, { json });
        expectStatus(response, 201, path);
        return response.json.id;
      };
      params.goal = await post('goals', { words: 'Weer rust in huis', progress_sign: '' });
      const record = expectJson(await fixed.get(`/api/v1/households/${params.id}`));
      const me = record.involved.find((i) => i.user_id === ids[FIXED]);
      params.action = await post('actions', { what: 'Bellen met de woningcorporatie', involved_id: me.id, domain: 'housing', due_on: '2030-01-01' });
      params.contact = await post('contacts', { involved_id: me.id, at: new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'), channel: 'phone' });
      // Someone recorded as involved by mistake, for the route that ends an involvement.
      params.involved = await post('involved', { name: 'Per Vergissing', organisation: 'Onbekend', role: 'Onbekend', domain: 'community' });
      params.agreement = await share();
      // A breakthrough request B on H, asked by its fixed contact.
      const asked = await fixed.postWithCsrf(`/api/v1/households/${params.id}/breakthroughs`, {
        json: {
          stuck_resident: 'De wasmachine is kapot', stuck_professional: 'Twee regelingen sluiten elkaar uit',
          category: 'schemes_conflict', blocking_rule: 'Bijzondere bijstand', rule_purpose: 'Geen dubbele vergoeding',
          professional_judgement: 'Een wasmachine', resident_wish: 'Schone kleren', proposal: 'Eenmalig kopen',
          one_off_cents: 45000, monthly_cents: 0, urgency: 'normal', resident_agreed: true,
        },
      });
      expectStatus(asked, 201, 'asking for a breakthrough');
      params.breakthrough = asked.json.id;
      // Time in the neighbourhood the fixed contact plans: one for each route that cancels, one for the rest.
      const plan = async (place) => {
        const day = new Date(Date.now() + 5 * 86400000).toISOString().slice(0, 10);
        const response = await fixed.postWithCsrf('/api/v1/outreach', {
          json: { kind: 'walk_in', place, starts_at: `${day}T09:00:00Z`, ends_at: `${day}T10:00:00Z` },
        });
        expectStatus(response, 201, `planning ${place}`);
        return response.json.id;
      };
      params.outreach = await plan('Matrix: buurthuis');
      params.outreachPageCancel = await plan('Matrix: annuleren op de pagina');
      params.outreachApiCancel = await plan('Matrix: annuleren in de API');
      const breaker = await as(BREAKER);
      expectStatus(
        await breaker.postWithCsrf(`/api/v1/households/${params.id}/emergency-access`, { json: { reason: 'De vaste contactpersoon is ziek en het is dringend.' } }),
        201,
        'breaking the glass on H',
      );
      routes = JSON.parse((await runOk(['routes', '--json'])).stdout);
    });

    after(async () => {
      await town?.close();
    });

    test('every route declares a permission this test knows, held by the roles it expects', () => {
      assert.ok(routes.length > 50, `only ${routes.length} routes`);
      for (const route of routes) {
        const holders = HOLDERS[route.permission];
        assert.ok(holders, `${route.method} ${route.pattern} declares "${route.permission}", which this test does not know: add it to HOLDERS`);
        const expectedRoles = holders === 'all' ? ALL_ROLES : holders;
        assert.deepEqual([...route.roles].sort(), [...expectedRoles].sort(), `roles holding ${route.permission}`);
      }
    });

    function pathOf(route) {
      return route.pattern
        .replace('{id}', /emergency-access/.test(route.pattern) ? params.emergencyId
          : /gezichten|gebruikers|users/.test(route.pattern) ? ids[FIXED]
            : /^\/doorbraak\/|^\/api\/v1\/breakthroughs\//.test(route.pattern) ? params.breakthrough
              : /^\/in-de-wijk\/\{id\}\/annuleren/.test(route.pattern) ? params.outreachPageCancel
                : /^\/api\/v1\/outreach\/\{id\}\/cancel/.test(route.pattern) ? params.outreachApiCancel
                  : /^\/in-de-wijk\/|^\/api\/v1\/outreach\//.test(route.pattern) ? params.outreach : params.id)
        .replace('{reference}', params.reference)
        .replace('{token}', route.pattern.startsWith('/mijn-gezicht/uitnodiging') ? params.invitationToken
          : route.pattern.startsWith('/mijn-aanvraag') ? params.statusToken : params.token)
        .replace('{request_id}', params.residentRequest)
        .replace('{contact_id}', params.contact)
        .replace('{agreement_id}', params.agreement)
        .replace('{involved_id}', params.involved)
        .replace('{item_id}', /acties|actions/.test(route.pattern) ? params.action : params.goal)
        .replace('{file}', route.pattern.startsWith('/avatars') ? `${ids[FIXED]}.svg` : 'gezicht.css')
        .concat(route.pattern === '/api/v1/referrals/status'
          ? `?reference=${params.reference}&postcode=${town.demo.example_postcode}&house_number=${params.houseNumber}` : '');
    }

    async function ask(route, actor) {
      const client = actor.username ? await as(actor.username) : new Client(town.server.url);
      const path = pathOf(route);
      if (route.method === 'GET') return client.get(path);
      if (route.kind === 'page') return client.request(route.method, path, { form: { csrf_token: client.csrfToken ?? '' } });
      return client.request(route.method, path, { json: {}, headers: client.csrfToken ? { 'x-csrf-token': client.csrfToken } : {} });
    }

    test('every route as every role and relationship answers as the policy says', async () => {
      const wrong = [];
      let asked = 0;
      for (const route of routes) {
        if (isDestructive(route)) continue;
        // Public POSTs (login, self-referral) need a visitor's CSRF cookie; the public GETs cover them.
        if (route.permission === 'public_access' && route.method !== 'GET') continue;
        for (const actor of ACTORS) {
          const response = await ask(route, actor);
          asked += 1;
          const got = classify(route, response);
          const want = expected(route, actor);
          if (got !== want) wrong.push(`${route.method} ${route.pattern} as ${actor.label}: expected ${want}, got ${response.describe().slice(0, 160)}`);
        }
      }
      assert.ok(asked > 400, `only ${asked} requests`);
      assert.deepEqual(wrong, [], `${wrong.length} of ${asked} answers differ from the policy`);
    });

    test('ending things: withdrawing a share and logging out', async () => {
      const wrong = [];
      for (const route of routes.filter(isDestructive)) {
        for (const actor of ACTORS) {
          if (/withdraw|intrekken/.test(route.pattern)) params.agreement = await share();
          const response = await ask(route, actor);
          const got = classify(route, response);
          const want = expected(route, actor);
          if (got !== want) wrong.push(`${route.method} ${route.pattern} as ${actor.label}: expected ${want}, got ${response.describe().slice(0, 160)}`);
          if (/logout|uitloggen/.test(route.pattern) && actor.username) clients.delete(actor.username);
        }
      }
      assert.deepEqual(wrong, []);
    });

    // The trail's length as `gezicht audit verify` counts it, once the
    // background writer has written everything queued (it writes every
    // 250 ms): the same count twice, 400 ms apart.
    async function settledTrailLength() {
      const count = async () => Number(/(\d+) entries/.exec((await runOk(['audit', 'verify', '--db', town.db])).stdout)[1]);
      let previous = await count();
      for (let tries = 0; tries < 20; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 400));
        const now = await count();
        if (now === previous) return now;
        previous = now;
      }
      throw new Error('the audit trail kept growing');
    }

    test('every read of a route that returns personal data leaves exactly one entry; other reads none', async () => {
      const reads = routes.filter((r) => r.method === 'GET' && r.permission !== 'public_access');
      assert.ok(reads.filter((r) => r.personal_data).length >= 15, 'the routes that return personal data are marked');
      const wrong = [];
      for (const route of reads) {
        const actor = ACTORS.find((a) => a.username && expected(route, a) === 'allowed');
        assert.ok(actor, `someone may read ${route.pattern}`);
        const client = await as(actor.username);
        const before = await settledTrailLength();
        const response = await client.get(pathOf(route));
        assert.equal(classify(route, response), 'allowed', `${route.pattern} as ${actor.label}: ${response.describe()}`);
        const want = route.personal_data ? 1 : 0;
        const after = await settledTrailLength();
        if (after - before !== want) wrong.push(`${route.pattern} as ${actor.label}: ${after - before} entries, expected ${want}`);
      }
      assert.deepEqual(wrong, []);
    });

    test('the access log pages through everything; a flood of refusals cannot push out the emergency access', async () => {
      const stranger = await as(STRANGER);
      for (let i = 0; i < 600; i += 1) {
        const response = await stranger.get(`/api/v1/households/${params.id}${i % 2 ? '' : '/contacts'}`);
        assert.equal(response.status, 404);
      }
      const resident = await as(RESIDENT);
      const first = expectJson(await resident.get(`/api/v1/households/${params.id}/access-log?limit=20`));
      // Breaking the glass and sharing stay on top, whatever came after them.
      assert.ok(first.pinned.some((e) => e.action === 'emergency_access' && /Noor Nood/.test(e.summary)), JSON.stringify(first.pinned));
      assert.ok(first.pinned.some((e) => e.part === 'sharing' && e.action === 'create'), 'the share is pinned');
      // The 600 refusals are one line with its count, near the top.
      const flood = first.entries.find((e) => e.who.name === 'Stan Vreemd' && e.result === 'denied');
      assert.ok(flood, JSON.stringify(first.entries.slice(0, 3)));
      assert.ok(flood.count >= 600, `one line for the refusals, with a count: ${flood.count}`);
      assert.ok(flood.first_at <= flood.at);
      assert.ok(first.entries.length <= 20);

      // The page shows the same, with a link to older entries.
      const html = await resident.get(`/huishoudens/${params.id}/inzage?limit=20`);
      expectStatus(html, 200);
      assert.match(html.text, /id="access-log-pinned"[\s\S]*Noor Nood/);
      assert.match(html.text, /class="access-entry__count">[^<]*\d{3}/);
      const next = /id="access-log-next" rel="next" href="([^"]+)"/.exec(html.text);
      assert.ok(next, 'a link to older entries');
      expectStatus(await resident.get(next[1].replaceAll('&amp;', '&')), 200);
      // Paging goes through everything, newest first, without repeats, to the very first entry.
      const seen = new Set();
      let total = 0;
      let page = first;
      let pages = 1;
      for (;;) {
        for (const entry of page.entries) {
          assert.ok(!seen.has(entry.seq), `entry ${entry.seq} on two pages`);
          seen.add(entry.seq);
          total += entry.count;
        }
        if (page.next === null) break;
        assert.match(page.next, new RegExp(`^/api/v1/households/${params.id}/access-log\\?before=\\d+&limit=20$`));
        page = expectJson(await resident.get(page.next));
        pages += 1;
        assert.ok(pages < 100, 'the pages end');
      }
      assert.ok(pages > 1, 'more than one page');
      assert.ok(total > 600, `every entry is counted once across the pages: ${total}`);
      assert.ok(page.entries.some((e) => e.part === 'referral' && e.action === 'create'), 'the last page reaches the request that began it');

      // A cursor or size that is not a whole number in range is named.
      for (const [query, field] of [['before=abc', 'before'], ['before=0', 'before'], ['limit=0', 'limit'], ['limit=201', 'limit'], ['limit=-3', 'limit']]) {
        const bad = await resident.get(`/api/v1/households/${params.id}/access-log?${query}`);
        expectStatus(bad, 422, query);
        assert.ok(field in bad.json.errors, `${query}: ${bad.describe()}`);
      }
    });

    test('guessing household ids of another team gives nothing', async () => {
      const stranger = await as(STRANGER);
      for (let id = 1; id <= 60; id += 1) {
        const response = await stranger.get(`/api/v1/households/${id}`);
        assert.equal(response.status, 404, `household ${id} as a professional of another team: ${response.describe()}`);
      }
      for (const id of ['0', '-1', '99999999999', 'abc', '1e3']) {
        const response = await stranger.get(`/api/v1/households/${id}`);
        assert.equal(response.status, 404, `household id ${id}: ${response.describe()}`);
      }
    });

    test('refused attempts are in the audit trail, and the resident reads who looked', async () => {
      const stranger = await as(STRANGER);
      await stranger.get(`/api/v1/households/${params.id}`);
      // Reads are written in batches, but the access log first has the
      // queued ones written: the refusal of a moment ago is there at once.
      const log = expectJson(await (await as(RESIDENT)).get(`/api/v1/households/${params.id}/access-log`));
      const { entries } = log;
      assert.ok(entries.some((e) => e.who.name === 'Stan Vreemd' && e.result === 'denied'), JSON.stringify(entries.slice(0, 5)));
      const emergency = log.pinned.find((e) => e.action === 'emergency_access');
      assert.ok(emergency, 'the emergency access shows to the resident');
      assert.match(emergency.summary, /Noor Nood/);
      assert.match(emergency.summary, /ziek/);
      const verify = await runOk(['audit', 'verify', '--db', town.db]);
      assert.match(verify.stdout, /^audit trail intact: \d+ entries, head [0-9a-f]{64}$/m);
    });
  });
}
