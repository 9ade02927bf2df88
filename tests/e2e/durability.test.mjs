// Durability: a referral the server answered 201 for survives the server
// being killed (kill -9) in the middle of further requests.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { Client, expectStatus } from './lib/http.mjs';
import { addUser, backends, createDemoDatabase, makeTempDir, removeTempDir, startServer } from './lib/server.mjs';
import { password } from './lib/town.mjs';

const STEADY_MS = 2000; // referrals sent before the kill is due
const MAX_REQUESTS = 5000; // a bound on the loop, whatever happens

describe('durability: answered referrals survive kill -9', () => {
  for (const backend of backends()) {
    describe(`on ${backend.name}`, () => {
      let dir;
      let db;
      let server;

      before(async () => {
        dir = await makeTempDir(`durability-${backend.name}`);
        ({ db } = await createDemoDatabase(backend, dir));
      });

      after(async () => {
        await server?.stop().catch(() => server.kill());
        await removeTempDir(dir);
      });

      test('every reference answered 201 before the kill is there after a restart', { timeout: 180_000 }, async (t) => {
        server = await startServer({ db });
        const client = new Client(server.url);
        const neighbourhoods = (await client.get('/api/v1/neighbourhoods')).json;
        assert.ok(neighbourhoods.length > 0, 'the demo has neighbourhoods');

        // Distinct addresses, spread over the neighbourhoods: the start of
        // each of their postcode ranges, with house numbers the demo does not use.
        const address = (i) => {
          const n = neighbourhoods[i % neighbourhoods.length];
          return { postcode: n.postcodes[0].from, house_number: String(10000 + i) };
        };

        const answered = []; // {reference, team, body}
        const refused = [];
        let stopReason = null;
        let inFlightAtKill = false;
        let inFlight = false;
        let killed = false;

        const loop = (async () => {
          for (let i = 0; i < MAX_REQUESTS; i += 1) {
            const body = {
              ...address(i),
              name: `Bewoner ${i}`,
              phone: '06 1234 5678',
              email: '',
              question: `Vraag nummer ${i} voor de duurzaamheidstest`,
              language: 'nl',
              channel: 'phone',
              trusted_person: i % 2 === 0,
            };
            inFlight = true;
            let response;
            try {
              response = await client.post('/api/v1/referrals', { json: body });
            } catch (err) {
              stopReason = err.cause?.code ?? err.message;
              return;
            } finally {
              inFlight = false;
            }
            if (response.status === 201) answered.push({ reference: response.json.reference, team: response.json.team.id, body });
            else refused.push(response.describe());
          }
          stopReason = 'the loop ran out of requests before the kill';
        })();

        await sleep(STEADY_MS);
        const answeredBeforeKill = answered.length;
        inFlightAtKill = inFlight;
        const exit = await server.kill();
        killed = true;
        await loop;

        t.diagnostic(`${answeredBeforeKill} referrals answered in ${STEADY_MS} ms, ${answered.length} before the kill; the loop then stopped on ${stopReason}`);
        assert.equal(exit.signal, 'SIGKILL', 'the server died of kill -9');
        assert.deepEqual(refused, [], 'no valid referral was refused');
        assert.ok(killed && stopReason !== null, 'the loop stopped');
        assert.notEqual(stopReason, 'the loop ran out of requests before the kill');
        assert.ok(inFlightAtKill, 'a request was under way when the server was killed');
        assert.ok(answeredBeforeKill >= 20, `enough referrals to mean something: ${answeredBeforeKill} in ${STEADY_MS} ms`);
        assert.equal(new Set(answered.map((a) => a.reference)).size, answered.length, 'references are unique');

        // A team lead for every team the referrals went to, added while the server is down.
        const leads = new Map();
        for (const n of neighbourhoods) {
          if (leads.has(n.team.id)) continue;
          const username = `e2e.lead.${n.team.id}`;
          await addUser(db, { username, password, name: `Leiding ${n.team.name}`, role: 'teamlead', team: n.team.name, phone: '010 123 4567' });
          leads.set(n.team.id, username);
        }

        server = await startServer({ db });
        const clients = new Map();
        for (const [team, username] of leads) {
          const lead = new Client(server.url);
          await lead.login(username, password);
          clients.set(team, lead);
        }

        const missing = [];
        for (const { reference, team, body } of answered) {
          const response = await clients.get(team).get(`/api/v1/referrals/${reference}`);
          if (response.status !== 200) {
            missing.push(`${reference}: ${response.status}`);
            continue;
          }
          const stored = response.json;
          assert.equal(stored.name, body.name, `name of ${reference}`);
          assert.equal(stored.question, body.question, `question of ${reference}`);
          assert.equal(stored.house_number, body.house_number, `house number of ${reference}`);
          assert.equal(stored.trusted_person, body.trusted_person, `trusted_person of ${reference}`);
        }
        assert.deepEqual(missing, [], `of ${answered.length} answered referrals, these are gone after kill -9`);

        // And the database still takes new referrals.
        const afterwards = await new Client(server.url).post('/api/v1/referrals', {
          json: {
            ...address(MAX_REQUESTS + 1),
            name: 'Na de herstart',
            phone: '06 1234 5678',
            question: 'Werkt het nog?',
            language: 'nl',
            channel: 'phone',
            trusted_person: false,
          },
        });
        expectStatus(afterwards, 201, 'a referral after the restart');
        const result = await server.stop();
        assert.equal(result.code, 0, 'the restarted server stops cleanly');
      });
    });
  }
});
