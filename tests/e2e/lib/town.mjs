// The demo municipality every suite starts from: a fresh database with
// `gezicht demo`, accounts the tests know the passwords of, and a running server.
import assert from 'node:assert/strict';

import { Client, expectStatus } from './http.mjs';
import { addUser, createDemoDatabase, makeTempDir, removeTempDir, startServer } from './server.mjs';

export const password = 'correct horse battery staple';

// Sets up a town. `users` gets {team, neighbourhoods, demo} (team: the
// example postcode's team from the front door API) and returns the accounts
// to add: [{username, name, role, team: team name}], all with `password`
// and, unless given, a phone number and job title as residents would see them.
// The server is restarted after adding them, so nothing it may have read at
// start-up misses them.
export async function prepareTown({ backend, label, users = () => [], serverArgs = [] }) {
  const dir = await makeTempDir(label);
  const town = { dir, backend, server: null };
  town.close = async () => {
    try {
      if (town.server) await town.server.stop();
    } finally {
      await removeTempDir(dir);
    }
  };
  try {
    const { db, demo } = await createDemoDatabase(backend, dir);
    Object.assign(town, { db, demo });
    assert.match(demo.example_postcode ?? '', /^[1-9]\d{3}[A-Z]{2}$/, `example_postcode of ${JSON.stringify(demo)}`);
    town.server = await startServer({ db, extraArgs: serverArgs });

    const client = new Client(town.server.url);
    const front = await client.get(`/api/v1/frontdoor?postcode=${demo.example_postcode}`);
    expectStatus(front, 200, 'the example postcode at the front door (needed to set up the test town)');
    const list = await client.get('/api/v1/neighbourhoods');
    expectStatus(list, 200, 'the list of neighbourhoods (needed to set up the test town)');
    town.exampleTeam = front.json.team;
    town.neighbourhoods = list.json;

    const accounts = users({ team: town.exampleTeam, neighbourhoods: town.neighbourhoods, demo });
    if (accounts.length) {
      for (const account of accounts) {
        await addUser(db, { password, phone: '070 353 0000', jobTitle: 'Buurtwerker', ...account });
      }
      await town.server.stop();
      town.server = await startServer({ db, extraArgs: serverArgs });
    }
    town.accounts = Object.fromEntries(accounts.map((a) => [a.username, { ...a, password }]));
    return town;
  } catch (err) {
    await town.close().catch(() => {});
    throw err;
  }
}

// A client logged in as one of the town's added accounts.
export async function loggedIn(town, username) {
  const client = new Client(town.server.url);
  await client.login(username, town.accounts[username].password);
  return client;
}

// The household a referral made, as its contact reads it (the public answer
// names no household: it must not depend on who already lives there).
export async function householdOf(client, reference) {
  const response = await client.get(`/api/v1/referrals/${reference}`);
  expectStatus(response, 200, `referral ${reference} as its contact`);
  assert.ok(Number.isInteger(response.json.household_id), `referral ${reference} made a household: ${response.describe()}`);
  return response.json.household_id;
}

// House numbers above the demo's (1..150) make addresses no household has yet.
let nextHouseNumber = 2000 + Math.floor(Math.random() * 5000);
export function freshHouseNumber() {
  nextHouseNumber += 1;
  return String(nextHouseNumber);
}

// A valid referral for an address; fields can be replaced or (undefined) left out.
export function referral(postcode, houseNumber, overrides = {}) {
  const body = {
    postcode,
    house_number: houseNumber,
    name: 'Fatima el Amrani',
    phone: '06 1234 5678',
    email: 'fatima@example.nl',
    question: 'Ik heb schulden en weet niet waar ik moet beginnen.',
    language: 'nl',
    channel: 'phone',
    trusted_person: false,
    ...overrides,
  };
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body;
}
