// What an operator relies on: behind a trusted proxy the audit trail shows
// the resident's address and a forged X-Forwarded-For from anyone else is
// ignored; every answer carries a request id and leaves one JSON log line
// that says which route, not whose; /metrics only for the configured
// networks or the token; reads still in memory are written at a graceful stop.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { Client, expectJson, expectStatus } from './lib/http.mjs';
import { backends, makeTempDir, removeTempDir, startServer } from './lib/server.mjs';
import { freshHouseNumber, loggedIn, prepareTown, referral } from './lib/town.mjs';

const token = 'a-metrics-token-of-forty-characters-long!';

describe('operations: proxies, request ids and logs, metrics, stopping', () => {
  for (const backend of backends()) {
    describe(`on ${backend.name}`, () => {
      let secrets;
      let town;
      let direct; // a second server on the same database, without a trusted proxy
      before(async () => {
        secrets = await makeTempDir(`operations-${backend.name}`);
        const tokenFile = path.join(secrets, 'metrics-token');
        await writeFile(tokenFile, `${token}\n`);
        town = await prepareTown({
          backend,
          label: `operations-${backend.name}`,
          serverArgs: ['--trusted-proxy', '127.0.0.1', '--metrics-allow', '10.9.0.0/16', '--metrics-token-file', tokenFile],
          users: ({ team }) => [
            { username: 'e2e.ops.lead', name: 'Lies Leiding', role: 'teamlead', team: team.name },
            { username: 'e2e.ops.auditor', name: 'Ad Auditor', role: 'auditor' },
          ],
        });
        direct = await startServer({ db: town.db });
      });
      after(async () => {
        await direct?.stop().catch(() => direct.kill());
        await town?.close();
        await removeTempDir(secrets);
      });

      // The entries of one household, as the auditor finds them.
      const entriesOf = async (household) => {
        const auditor = await loggedIn(town, 'e2e.ops.auditor');
        return expectJson(await auditor.get(`/api/v1/audit/entries?household=${household}`)).entries;
      };

      test('behind the trusted proxy the trail shows the resident, a forged header elsewhere is ignored', async () => {
        const proxied = new Client(town.server.url);
        const created = await proxied.post('/api/v1/referrals', {
          json: referral(town.demo.example_postcode, freshHouseNumber()),
          headers: { 'x-forwarded-for': '198.51.100.23', 'x-forwarded-proto': 'https' },
        });
        expectStatus(created, 201, 'a request for help through the proxy');
        const lead = await loggedIn(town, 'e2e.ops.lead');
        const read = await lead.get(`/api/v1/referrals/${created.json.reference}`, { headers: { 'x-forwarded-for': '1.2.3.4, 198.51.100.24' } });
        expectStatus(read, 200);
        const household = read.json.household_id;
        // The same header sent straight to a server that trusts no proxy.
        const forger = await new Client(direct.url);
        await forger.login('e2e.ops.lead', town.accounts['e2e.ops.lead'].password);
        expectStatus(await forger.get(`/api/v1/referrals/${created.json.reference}`, { headers: { 'x-forwarded-for': '203.0.113.66' } }), 200);

        // The other server writes its reads within its 250 ms batch window (a search here
        // writes this server's waiting reads first, not another server's).
        let entries = await entriesOf(household);
        for (let i = 0; i < 40 && entries.filter((e) => e.action === 'read').length < 2; i += 1) {
          await new Promise((r) => setTimeout(r, 100));
          entries = await entriesOf(household);
        }
        const addresses = (action) => entries.filter((e) => e.action === action).map((e) => e.client_address).sort();
        assert.deepEqual(addresses('create'), ['198.51.100.23'], 'the self-referral, from the resident behind the proxy');
        assert.deepEqual(addresses('read'), ['127.0.0.1', '198.51.100.24'], 'the proxied read shows the client, the forged one the real peer');
        assert.ok(!entries.some((e) => e.client_address === '203.0.113.66' || e.client_address === '1.2.3.4'), 'forged addresses appear nowhere');
      });

      test('every answer has a request id and one JSON log line that names the route, not the household', async () => {
        const lead = await loggedIn(town, 'e2e.ops.lead');
        const created = await new Client(town.server.url).post('/api/v1/referrals', { json: referral(town.demo.example_postcode, freshHouseNumber()) });
        expectStatus(created, 201);
        const reference = created.json.reference;
        const given = await lead.get(`/api/v1/referrals/${reference}`, { headers: { 'x-request-id': 'trace-e2e-4711' } });
        expectStatus(given, 200);
        assert.equal(given.headers.get('x-request-id'), 'trace-e2e-4711', 'a plain request id is taken');
        const household = given.json.household_id;
        const forged = await lead.get('/api/v1/me', { headers: { 'x-request-id': 'bad"id {"level":"forged"}' } });
        assert.match(forged.headers.get('x-request-id'), /^[0-9a-f]{32}$/, 'one that could forge a log line is replaced');
        const missing = await new Client(town.server.url).get('/nergens');
        expectStatus(missing, 404);
        assert.match(missing.headers.get('x-request-id'), /^[0-9a-f]{32}$/, 'made when none is given');

        // The log line is written just after the answer.
        let line;
        for (let i = 0; i < 50 && !line; i += 1) {
          line = town.server.output().split('\n').find((l) => l.includes('"trace-e2e-4711"'));
          if (!line) await new Promise((r) => setTimeout(r, 20));
        }
        assert.ok(line, 'a log line with the request id');
        const entry = JSON.parse(line);
        assert.deepEqual(Object.keys(entry).sort(), ['duration_ms', 'event', 'level', 'method', 'request_id', 'route', 'scheme', 'status', 'time']);
        assert.equal(entry.route, '/api/v1/referrals/{reference}');
        assert.equal(entry.status, 200);
        assert.equal(entry.method, 'GET');
        assert.ok(entry.duration_ms >= 0 && entry.duration_ms < 10_000);
        assert.ok(!Number.isNaN(Date.parse(entry.time)));
        // No line says whose: no reference, household id or address in any of them.
        const requestLines = town.server.output().split('\n').filter((l) => l.startsWith('{') && l.includes('"event":"request"'));
        assert.ok(requestLines.length >= 3);
        for (const l of requestLines) {
          assert.ok(!l.includes(reference) && !l.includes('127.0.0.1') && !l.includes('198.51.100'), `nothing personal in ${l}`);
          assert.ok(!new RegExp(`[/=]${household}\\b`).test(l), `no household id in ${l}`);
        }
      });

      test('/metrics answers the configured networks and the token, nobody else', async () => {
        const plain = new Client(town.server.url);
        expectStatus(await plain.get('/metrics'), 404, 'loopback is not in 10.9.0.0/16');
        expectStatus(await plain.get('/metrics', { headers: { authorization: `Bearer ${token}x` } }), 404, 'a wrong token');
        expectStatus(await plain.get('/metrics', { headers: { 'x-forwarded-for': '10.8.1.1' } }), 404, 'through the proxy, from elsewhere');
        const viaNetwork = await plain.get('/metrics', { headers: { 'x-forwarded-for': '10.9.1.1' } });
        expectStatus(viaNetwork, 200, 'through the proxy, from the monitoring network');
        const withToken = await plain.get('/metrics', { headers: { authorization: `Bearer ${token}` } });
        expectStatus(withToken, 200, 'with the token');
        assert.match(withToken.text, /gezicht_http_requests_total\{route="\/api\/v1\/referrals\/\{reference\}",status="200"\} \d+/);
        assert.match(withToken.text, /gezicht_http_request_duration_seconds_bucket\{route="\/api\/v1\/referrals\/\{reference\}",le="0.005"\} \d+/);
        // Without options: loopback only.
        expectStatus(await new Client(direct.url).get('/metrics'), 200, 'the default: loopback');
      });

      test('reads still waiting to be written reach the trail at a graceful stop', async () => {
        const created = await new Client(direct.url).post('/api/v1/referrals', { json: referral(town.demo.example_postcode, freshHouseNumber()) });
        expectStatus(created, 201);
        const lead = new Client(direct.url);
        await lead.login('e2e.ops.lead', town.accounts['e2e.ops.lead'].password);
        const reads = 5;
        let household;
        for (let i = 0; i < reads; i += 1) household = expectJson(await lead.get(`/api/v1/referrals/${created.json.reference}`)).household_id;
        // At once: within the writer's 250 ms batch window.
        assert.deepEqual(await direct.stop(), { code: 0, signal: null });
        direct = null;
        const entries = await entriesOf(household);
        assert.equal(entries.filter((e) => e.action === 'read').length, reads, 'every read is in the trail');
      });
    });
  }
});
