// Settling the plan: actions done or cancelled, goals reached or let go, and
// the household's contact preferences, through the API and the page forms.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Client, expectStatus } from './lib/http.mjs';
import { freshHouseNumber, householdOf, loggedIn, prepareTown, referral } from './lib/town.mjs';

const PRO = 'e2e.plan.pro';
const LANGUAGES = 'nl,en,ar,tr,pl,ti,so,pap,fa,uk,ber,es';

describe('settling actions and goals, and contact preferences', () => {
  let town;
  let pro;
  let household;

  before(async () => {
    town = await prepareTown({
      backend: { name: 'sqlite' },
      label: 'plan-status',
      users: ({ team }) => [{ username: PRO, name: 'Pieter Plan', role: 'professional', team: team.name, languages: LANGUAGES }],
    });
    const anon = new Client(town.server.url);
    const front = await anon.get(`/api/v1/frontdoor?postcode=${town.demo.example_postcode}`);
    const others = front.json.people.filter((p) => p.role === 'professional' && p.name !== 'Pieter Plan');
    const language = LANGUAGES.split(',').find((code) => !others.some((p) => p.languages.includes(code)));
    assert.ok(language, 'a language only the test professional speaks');
    const response = await anon.post('/api/v1/referrals', {
      json: referral(town.demo.example_postcode, freshHouseNumber(), { language }),
    });
    expectStatus(response, 201);
    assert.equal(response.json.contact.name, 'Pieter Plan');
    pro = await loggedIn(town, PRO);
    household = await householdOf(pro, response.json.reference);
  });

  after(async () => town?.close());

  const post = (path, json) => pro.postWithCsrf(`/api/v1/households/${household}/${path}`, { json });

  test('the API settles an action and a goal, and refuses an unknown status or id', async () => {
    const goal = (await post('goals', { words: 'Weer rust in huis' })).json.id;
    const record = await pro.get(`/api/v1/households/${household}`);
    const face = record.json.involved[0].id;
    const action = (await post('actions', { what: 'School bellen', involved_id: face, domain: 'school', due_on: '2026-12-24' })).json.id;
    expectStatus(await post(`actions/${action}/status`, { status: 'done' }), 200);
    expectStatus(await post(`goals/${goal}/status`, { status: 'reached' }), 200);
    const bad = await post(`actions/${action}/status`, { status: 'maybe' });
    expectStatus(bad, 422);
    assert.ok(bad.json.errors.status);
    expectStatus(await post(`actions/${action + 999}/status`, { status: 'done' }), 404);
    const after = await pro.get(`/api/v1/households/${household}`);
    assert.equal(after.json.actions.find((a) => a.id === action).status, 'done');
    assert.equal(after.json.goals.find((g) => g.id === goal).status, 'reached');
  });

  test('the page buttons settle an open action', async () => {
    const record = await pro.get(`/api/v1/households/${household}`);
    const face = record.json.involved[0].id;
    const action = (await post('actions', { what: 'Formulier invullen', involved_id: face, domain: 'income', due_on: '2026-12-24' })).json.id;
    const page = await pro.get(`/huishoudens/${household}/acties`);
    assert.ok(page.text.includes(`action="/huishoudens/${household}/acties/${action}/status"`), 'a status form for the open action');
    const response = await pro.post(`/huishoudens/${household}/acties/${action}/status`, {
      form: { csrf_token: pro.csrfToken, status: 'cancelled' },
    });
    expectStatus(response, 303);
    assert.equal(response.location, `/huishoudens/${household}/acties?opgeslagen=acties`, 'back to the actions');
    const after = await pro.get(`/api/v1/households/${household}`);
    assert.equal(after.json.actions.find((a) => a.id === action).status, 'cancelled');
    const without = await pro.post(`/huishoudens/${household}/acties/${action}/status`, { form: { status: 'done' } });
    expectStatus(without, 403, 'no CSRF token, no change');
  });

  test('contact preferences change through the API and the page, and bad values are named', async () => {
    expectStatus(await post('preferences', { preferred_language: 'ar', contact_channel: 'home_visit' }), 200);
    let record = await pro.get(`/api/v1/households/${household}`);
    assert.equal(record.json.preferred_language, 'ar');
    assert.equal(record.json.contact_channel, 'home_visit');
    const bad = await post('preferences', { preferred_language: 'klingon', contact_channel: 'pigeon' });
    expectStatus(bad, 422);
    assert.ok(bad.json.errors.preferred_language && bad.json.errors.contact_channel);
    const form = await pro.post(`/huishoudens/${household}/voorkeuren`, {
      form: { csrf_token: pro.csrfToken, preferred_language: 'tr', contact_channel: 'walk_in' },
    });
    expectStatus(form, 303);
    assert.equal(form.location, `/huishoudens/${household}/gezin?opgeslagen=voorkeuren`, 'back to the household section');
    record = await pro.get(`/api/v1/households/${household}`);
    assert.equal(record.json.preferred_language, 'tr');
  });
});
