// What each kind of account may open, through pages and the API alike: the
// route table's access rules, seen from outside.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Client, expectStatus } from './lib/http.mjs';
import { freshHouseNumber, loggedIn, prepareTown, referral } from './lib/town.mjs';

const PRO = 'e2e.roles.pro';
const OTHER = 'e2e.roles.other';
const LEAD = 'e2e.roles.lead';
const ADMIN = 'e2e.roles.admin';

describe('roles and access', () => {
  let town;
  let reference;

  before(async () => {
    town = await prepareTown({
      backend: { name: 'sqlite' },
      label: 'roles',
      users: ({ team, neighbourhoods }) => {
        const otherTeam = neighbourhoods.find((n) => n.team.id !== team.id).team.name;
        return [
          { username: PRO, name: 'Pim Professional', role: 'professional', team: team.name },
          { username: OTHER, name: 'Olga Anderteam', role: 'professional', team: otherTeam },
          { username: LEAD, name: 'Lies Leiding', role: 'teamlead', team: team.name },
          { username: ADMIN, name: 'Ahmed Beheer', role: 'admin' },
        ];
      },
    });
    const anon = new Client(town.server.url);
    const response = await anon.post('/api/v1/referrals', {
      json: referral(town.demo.example_postcode, freshHouseNumber()),
    });
    expectStatus(response, 201, 'a referral');
    reference = response.json.reference;
    assert.equal(response.json.contact.name, 'Pim Professional', 'the new professional (no caseload) is the contact');
  });

  after(async () => town?.close());

  // [path, {anonymous, professional, other team, team lead, admin}] for GET requests.
  const matrix = [
    ['/inbox', { none: 303, pro: 200, other: 200, lead: 200, admin: 403 }],
    ['/beheer', { none: 303, pro: 403, other: 403, lead: 403, admin: 200 }],
    ['/api/v1/me/referrals', { none: 401, pro: 200, other: 200, lead: 200, admin: 403 }],
    ['/api/v1/users', { none: 401, pro: 403, other: 403, lead: 403, admin: 200 }],
    ['/api/v1/referrals/{reference}', { none: 401, pro: 200, other: 404, lead: 200, admin: 403 }],
    ['/verzoeken/{reference}', { none: 303, pro: 200, other: 404, lead: 200, admin: 403 }],
  ];

  for (const [pattern, expected] of matrix) {
    test(`GET ${pattern}`, async () => {
      const clients = {
        none: new Client(town.server.url),
        pro: await loggedIn(town, PRO),
        other: await loggedIn(town, OTHER),
        lead: await loggedIn(town, LEAD),
        admin: await loggedIn(town, ADMIN),
      };
      const path = pattern.replace('{reference}', reference);
      for (const [who, status] of Object.entries(expected)) {
        const response = await clients[who].get(path);
        assert.equal(response.status, status, `${who}: ${response.describe()}`);
      }
    });
  }

  test('an administrator lands on the administration page and can log out', async () => {
    const client = new Client(town.server.url);
    const login = await client.get('/inloggen');
    const csrf = /name="csrf_token" value="([^"]+)"/.exec(login.text)[1];
    const response = await client.post('/inloggen', {
      form: { csrf_token: csrf, username: ADMIN, password: town.accounts[ADMIN].password, next: '' },
    });
    assert.equal(response.status, 303);
    assert.equal(response.location, '/beheer');
    const page = await client.get('/beheer');
    assert.match(page.text, new RegExp(PRO.replace(/\./g, '\\.')), 'the accounts list shows the professional');
    const token = /action="\/uitloggen">[\s\S]*?name="csrf_token" value="([^"]+)"/.exec(page.text)[1];
    const out = await client.post('/uitloggen', { form: { csrf_token: token } });
    assert.equal(out.status, 303);
    assert.equal((await client.get('/beheer')).status, 303, 'logged out: back to the login');
  });

  test('a team lead sees each professional\'s households and open requests against the cap', async () => {
    const lead = await loggedIn(town, LEAD);
    const page = await lead.get('/inbox');
    assert.equal(page.status, 200);
    assert.match(page.text, /id="team-caseloads"/);
    assert.match(page.text, /id="caseload-cap">\d+</);
    assert.match(page.text, /<th class="utrecht-table__header-cell" scope="row">Pim Professional<\/th>/);
  });
});
