// The JSON API, the server-rendered pages and the HTTP behaviour around them,
// spoken to over plain HTTP. Runs on SQLite, and on PostgreSQL as well when
// GEZICHT_TEST_POSTGRES_URL is set.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { byId, fieldValue, form, hasId, tags, textById } from './lib/html.mjs';
import {
  Client,
  expectJson,
  expectStatus,
  isoDatePattern,
  rawExchange,
  referencePattern,
  todayInAmsterdam,
} from './lib/http.mjs';
import { backends } from './lib/server.mjs';
import { freshHouseNumber, loggedIn, prepareTown, referral } from './lib/town.mjs';

const OUTSIDE = '9999ZZ';
const MALFORMED = ['12345', 'ABCD12', '0123AB', '1234SA', '', '<script>'];
const SCRIPT = '<script>alert(1)</script>';
const ESCAPED_SCRIPT = '&lt;script&gt;alert(1)&lt;/script&gt;';
const DUTCH_DAYS = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'];

const PRO = 'e2e.pro';
const LEAD = 'e2e.lead';
const OTHER = 'e2e.other';

function normalisedPostcode(text) {
  return String(text).replace(/\s/g, '').toUpperCase();
}

// The user's team as a name, whether given as a name or as {id, name}.
function teamName(team) {
  return typeof team === 'string' ? team : team?.name;
}

function assertNonEmptyString(value, what) {
  assert.equal(typeof value, 'string', `${what} should be a string, got ${JSON.stringify(value)}`);
  assert.ok(value.trim().length > 0, `${what} should not be empty`);
}

function neighbourhoodOf(neighbourhoods, postcode) {
  return neighbourhoods.find((n) => n.postcodes.some((r) => r.from <= postcode && postcode <= r.to));
}

describe('HTTP: API, pages and headers', () => {
  for (const backend of backends()) {
    describe(`on ${backend.name}`, () => {
      let town;
      let anon; // a resident: no session
      let example; // the demo's example postcode
      const sessions = {};
      // Logged-in clients, made when first needed so that a broken login
      // fails the tests that need it and not the whole suite.
      const as = async (username) => (sessions[username] ??= await loggedIn(town, username));
      // An address no household had, whose fixed contact becomes e2e.pro
      // (the team member with the lowest caseload: none) by the first referral test.
      const homeOfPro = { house_number: freshHouseNumber() };
      // A language only e2e.pro speaks in the team: the front door's rule then
      // names e2e.pro for every request in it, whatever the address.
      const PRO_LANGUAGES = 'nl,ti,so,pap,uk,ber,fa,pl,tr,es,ar,en';
      let proLanguage;
      const toPro = (overrides = {}) =>
        referral(homeOfPro.postcode, homeOfPro.house_number, { language: proLanguage, ...overrides });

      before(async () => {
        town = await prepareTown({
          backend,
          label: `http-${backend.name}`,
          users: ({ team }) => [
            // Added in this order: on equal caseloads the lower id is chosen.
            { username: PRO, name: 'Petra Proef', role: 'professional', team: team.name, languages: PRO_LANGUAGES },
            { username: LEAD, name: 'Lotte Leiding', role: 'teamlead', team: team.name },
            { username: OTHER, name: 'Omar Ander', role: 'professional', team: team.name },
          ],
        });
        anon = new Client(town.server.url);
        example = town.demo.example_postcode;
        homeOfPro.postcode = example;
        const people = (await anon.get(`/api/v1/frontdoor?postcode=${example}`)).json.people;
        const others = people.filter((p) => p.role === 'professional' && p.name !== 'Petra Proef');
        proLanguage = PRO_LANGUAGES.split(',').find((code) => !others.some((p) => p.languages.includes(code)));
        assert.ok(proLanguage, 'a language only e2e.pro speaks in the team');
      });

      after(async () => {
        await town?.close();
      });

      describe('public directory API', () => {
        test('GET /api/v1/neighbourhoods lists each neighbourhood with its team and postcode ranges', async () => {
          const response = await anon.get('/api/v1/neighbourhoods');
          expectStatus(response, 200);
          const list = expectJson(response);
          assert.ok(Array.isArray(list) && list.length > 0, `a non-empty array, got ${response.text.slice(0, 200)}`);
          for (const n of list) {
            assert.ok(n.id !== undefined && n.id !== null, `neighbourhood without id: ${JSON.stringify(n)}`);
            assertNonEmptyString(n.name, 'neighbourhood name');
            assert.ok(n.team && n.team.id !== undefined, `neighbourhood ${n.name} without team.id`);
            assertNonEmptyString(n.team.name, `team name of ${n.name}`);
            assert.ok(Array.isArray(n.postcodes) && n.postcodes.length > 0, `${n.name} has no postcode ranges`);
            for (const range of n.postcodes) {
              assert.match(range.from, /^[1-9]\d{3}[A-Z]{2}$/, `range start of ${n.name}`);
              assert.match(range.to, /^[1-9]\d{3}[A-Z]{2}$/, `range end of ${n.name}`);
              assert.ok(range.from <= range.to, `range ${range.from}-${range.to} of ${n.name} is reversed`);
            }
          }
          const home = neighbourhoodOf(list, example);
          assert.ok(home, `no neighbourhood's ranges hold the example postcode ${example}`);
          assert.equal(home.team.id, town.exampleTeam.id, 'the example postcode belongs to the front door team');
        });

        test('GET /api/v1/frontdoor?postcode=… shows the neighbourhood, team, walk-in hours and people', async () => {
          const response = await anon.get(`/api/v1/frontdoor?postcode=${example}`);
          expectStatus(response, 200);
          const body = expectJson(response);
          const home = neighbourhoodOf(town.neighbourhoods, example);
          assert.equal(body.neighbourhood?.id, home.id, 'neighbourhood.id is the one whose range holds the postcode');
          assert.equal(body.neighbourhood.name, home.name);

          const team = body.team;
          assert.equal(team.id, home.team.id);
          assert.equal(team.name, home.team.name);
          assertNonEmptyString(team.phone, 'team.phone');
          assert.match(team.email, /^[^@\s]+@[^@\s]+\.[a-z]+$/i, 'team.email');
          assert.ok(Array.isArray(team.walk_in) && team.walk_in.length > 0, 'team.walk_in is a non-empty array');
          for (const hour of team.walk_in) {
            assert.ok(Number.isInteger(hour.weekday) && hour.weekday >= 1 && hour.weekday <= 7, `weekday ${hour.weekday}`);
            assert.equal(hour.day, DUTCH_DAYS[hour.weekday - 1], `the Dutch name of weekday ${hour.weekday}`);
            assert.match(hour.opens, /^([01]\d|2[0-3]):[0-5]\d$/, 'opens is HH:MM');
            assert.match(hour.closes, /^([01]\d|2[0-3]):[0-5]\d$/, 'closes is HH:MM');
            assert.ok(hour.opens < hour.closes, `walk-in opens ${hour.opens} before it closes ${hour.closes}`);
            assertNonEmptyString(hour.place, 'walk_in place');
            assertNonEmptyString(hour.address, 'walk_in address');
          }

          assert.ok(Array.isArray(body.people) && body.people.length > 0, 'people is a non-empty array');
          for (const person of body.people) {
            assertNonEmptyString(person.name, 'person name');
            assertNonEmptyString(person.role, `role of ${person.name}`);
            assert.equal(typeof person.job_title, 'string', `job_title of ${person.name}`);
            assert.equal(typeof person.phone, 'string', `phone of ${person.name}`);
            assert.ok(Array.isArray(person.languages) && person.languages.length > 0, `languages of ${person.name}`);
            for (const code of person.languages) assert.match(code, /^[a-z]{2,3}$/, `language code of ${person.name}`);
            assert.equal(person.photo_url, `/gezichten/${person.id}`, `photo_url of ${person.name}`);
          }
          const pro = await as(PRO);
          assert.ok(
            body.people.some((p) => p.id === pro.user.id && p.name === 'Petra Proef'),
            'the professional added to the team is among its people',
          );
        });

        test('the avatar a photo_url names is served as an SVG image', async () => {
          const front = (await anon.get(`/api/v1/frontdoor?postcode=${example}`)).json;
          for (const person of front.people.slice(0, 3)) {
            const response = await anon.get(person.photo_url);
            expectStatus(response, 200, `avatar of ${person.name}`);
            assert.match(response.headers.get('content-type') ?? '', /^image\/svg\+xml\b/);
            assert.match(response.text, /<svg\b/);
          }
        });

        test('the postcode may have a space and lower-case letters ("2500 ab")', async () => {
          const written = `${example.slice(0, 4)} ${example.slice(4).toLowerCase()}`;
          const plain = (await anon.get(`/api/v1/frontdoor?postcode=${example}`)).json;
          const response = await anon.get(`/api/v1/frontdoor?postcode=${encodeURIComponent(written)}`);
          expectStatus(response, 200, `postcode written as "${written}"`);
          assert.equal(response.json.neighbourhood.id, plain.neighbourhood.id);
          assert.equal(response.json.team.id, plain.team.id);
        });

        test('a postcode outside the municipality gets 404 postcode.outside with the municipality phone', async () => {
          const response = await anon.get(`/api/v1/frontdoor?postcode=${OUTSIDE}`);
          expectStatus(response, 404);
          const body = expectJson(response);
          assert.equal(body.code, 'postcode.outside');
          assert.equal(body.municipality_phone, '14 0123');
          assertNonEmptyString(body.error, 'error');
        });

        test('malformed postcodes get 422 with errors.postcode', async () => {
          for (const postcode of MALFORMED) {
            const response = await anon.get(`/api/v1/frontdoor?postcode=${encodeURIComponent(postcode)}`);
            expectStatus(response, 422, `postcode ${JSON.stringify(postcode)}`);
            const body = expectJson(response);
            assertNonEmptyString(body.errors?.postcode, `errors.postcode for ${JSON.stringify(postcode)}`);
          }
        });

        test('messages are Dutch by default, English with Accept-Language: en or ?lang=en', async () => {
          const dutch = (await anon.get(`/api/v1/frontdoor?postcode=${OUTSIDE}`)).json.error;
          const byHeader = (await anon.get(`/api/v1/frontdoor?postcode=${OUTSIDE}`, { headers: { 'accept-language': 'en' } })).json.error;
          const byQuery = (await anon.get(`/api/v1/frontdoor?postcode=${OUTSIDE}&lang=en`)).json.error;
          assert.notEqual(byHeader, dutch, 'Accept-Language: en changes the message');
          assert.equal(byQuery, byHeader, '?lang=en gives the same English message');
          assert.match(byHeader, /\b(the|not|is|our)\b/i, `an English sentence: ${byHeader}`);
          assert.doesNotMatch(dutch, /\b(the|not|our)\b/i, `a Dutch sentence: ${dutch}`);

          const invalidNl = (await anon.get('/api/v1/frontdoor?postcode=12')).json.errors.postcode;
          const invalidEn = (await anon.get('/api/v1/frontdoor?postcode=12', { headers: { 'accept-language': 'en' } })).json.errors.postcode;
          assert.notEqual(invalidEn, invalidNl, 'field errors are translated too');

          const referralEn = await anon.post('/api/v1/referrals?lang=en', {
            json: referral(example, freshHouseNumber(), { question: '' }),
          });
          expectStatus(referralEn, 422);
          const referralNl = await anon.post('/api/v1/referrals', { json: referral(example, freshHouseNumber(), { question: '' }) });
          assert.notEqual(referralEn.json.errors.question, referralNl.json.errors.question, 'referral errors follow ?lang=en');
        });
      });

      describe('referrals API', () => {
        let first; // the first referral from homeOfPro

        test('a referral gets 201 with reference, household, fixed contact, team and promised date', async () => {
          const response = await anon.post('/api/v1/referrals', {
            json: toPro({ trusted_person: true, channel: 'home_visit' }),
          });
          expectStatus(response, 201);
          first = expectJson(response);
          assert.match(first.reference, referencePattern);
          assert.ok(!('household_id' in first), 'the public answer names no household');
          assert.equal(first.team?.id, town.exampleTeam.id, 'the team of the postcode');
          assert.equal(first.team.name, town.exampleTeam.name);
          assert.match(first.promised_contact_by, isoDatePattern);
          assert.ok(first.promised_contact_by >= todayInAmsterdam(), `promised date ${first.promised_contact_by} is not in the past`);
          const contact = first.contact;
          assertNonEmptyString(contact?.name, 'contact.name');
          assertNonEmptyString(contact.phone, 'contact.phone');
          assert.equal(typeof contact.job_title, 'string', 'contact.job_title');
          assert.equal(contact.photo_url, `/gezichten/${contact.id}`);
          const pro = await as(PRO);
          assert.equal(
            contact.id,
            pro.user.id,
            `a new household goes to the team member with the lowest caseload: the added professional with none (got ${contact.name})`,
          );
        });

        test('the same address again answers by the front door rule, and is joined to the household after first contact', async () => {
          assert.ok(first, 'needs the first referral');
          const pro = await as(PRO);
          const household = expectJson(await pro.get(`/api/v1/referrals/${first.reference}`)).household_id;
          assert.ok(Number.isInteger(household), 'the first referral made a household');
          // What a stranger sees for a known address is what they see for any address.
          const known = await anon.post('/api/v1/referrals', { json: toPro({ question: 'Nog een vraag over de huur.' }) });
          const unknown = await anon.post('/api/v1/referrals', {
            json: referral(homeOfPro.postcode, freshHouseNumber(), { language: proLanguage }),
          });
          expectStatus(known, 201);
          expectStatus(unknown, 201);
          assert.deepEqual(Object.keys(known.json).sort(), Object.keys(unknown.json).sort());
          assert.ok(!('household_id' in known.json));
          assert.equal(known.json.contact.id, pro.user.id, 'named by the rule (the language), not by the household');
          assert.notEqual(known.json.reference, first.reference);

          // The professional learns of the known household, and joins after first contact.
          const path = `/api/v1/referrals/${known.json.reference}`;
          assert.equal(expectJson(await pro.get(path)).household_id, null, 'waiting to be joined');
          expectStatus(await pro.postWithCsrf(`${path}/household`), 409, 'joining before first contact');
          const page = await pro.get(`/verzoeken/${known.json.reference}`);
          assert.match(page.text, /id="join-household"/);
          expectStatus(await pro.postWithCsrf(`${path}/first-contact`, { json: { channel: 'phone' } }), 200);
          const joined = await pro.postWithCsrf(`${path}/household`);
          expectStatus(joined, 200, 'joining after first contact');
          assert.equal(joined.json.household_id, household);
          assert.equal(joined.json.contact.id, pro.user.id, 'the fixed contact has it');
          expectStatus(await pro.postWithCsrf(`${path}/household`), 409, 'joining twice');
          const record = expectJson(await pro.get(`/api/v1/households/${household}`));
          assert.ok(record.referrals.some((r) => r.reference === known.json.reference), 'the household lists the request');
        });

        test('an invalid referral gets 422 naming every bad field', async () => {
          const response = await anon.post('/api/v1/referrals', {
            json: referral(example, freshHouseNumber(), {
              phone: undefined,
              email: undefined,
              postcode: '12345',
              question: '   ',
              channel: 'fax',
              name: 42,
            }),
          });
          expectStatus(response, 422);
          const { errors } = expectJson(response);
          assert.deepEqual(
            Object.keys(errors ?? {}).sort(),
            ['channel', 'contact', 'name', 'postcode', 'question'],
            `errors for a number as name, no phone nor email, bad postcode, empty question, bad channel: ${JSON.stringify(errors)}`,
          );
          for (const [field, message] of Object.entries(errors)) assertNonEmptyString(message, `errors.${field}`);
        });

        test('each kind of bad field is named on its own', async () => {
          const cases = [
            ['no phone nor e-mail', { phone: undefined, email: undefined }, 'contact'],
            ['empty phone and e-mail', { phone: '', email: '' }, 'contact'],
            ['malformed postcode', { postcode: 'ABCD12' }, 'postcode'],
            ['postcode outside the municipality', { postcode: OUTSIDE }, 'postcode'],
            ['empty question', { question: '' }, 'question'],
            ['unknown channel', { channel: 'carrier_pigeon' }, 'channel'],
            ['unknown language', { language: 'xx' }, 'language'],
            ['a number as name', { name: 42 }, 'name'],
            ['a number as phone', { phone: 612345678 }, 'phone'],
            ['a number as question', { question: 7 }, 'question'],
            ['a string as trusted_person', { trusted_person: 'yes' }, 'trusted_person'],
          ];
          for (const [what, change, field] of cases) {
            const response = await anon.post('/api/v1/referrals', { json: referral(example, freshHouseNumber(), change) });
            expectStatus(response, 422, what);
            assert.deepEqual(Object.keys(response.json.errors ?? {}), [field], `${what}: ${response.text}`);
          }
        });

        test('broken JSON, JSON that is not an object and a wrong Content-Type get 400', async () => {
          const bodies = ['{"postcode": ', '{postcode: "2500AB"}', '[]', 'null', '"text"', '42'];
          for (const body of bodies) {
            const response = await anon.post('/api/v1/referrals', { body, headers: { 'content-type': 'application/json' } });
            expectStatus(response, 400, `body ${body}`);
          }
          const plain = await anon.post('/api/v1/referrals', {
            body: JSON.stringify(referral(example, freshHouseNumber())),
            headers: { 'content-type': 'text/plain' },
          });
          expectStatus(plain, 400, 'a valid referral sent as text/plain');
        });

        test('application/json with a charset parameter is accepted', async () => {
          const response = await anon.post('/api/v1/referrals', {
            body: JSON.stringify(referral(example, freshHouseNumber())),
            headers: { 'content-type': 'application/json; charset=utf-8' },
          });
          expectStatus(response, 201);
        });

        test('a body over 64 KiB gets 413, with Content-Length or chunked', async () => {
          const big = JSON.stringify(referral(example, freshHouseNumber(), { question: 'x'.repeat(70 * 1024) }));
          const pieces = big.match(/[^]{1,8000}/g);
          const head = 'POST /api/v1/referrals HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n';
          const sized = await rawExchange(town.server.url, `${head}Content-Length: ${Buffer.byteLength(big)}\r\n\r\n`, pieces);
          assert.equal(sized.status, 413, `a 70 KiB body with Content-Length got ${sized.status}: ${sized.body.slice(0, 200)}`);
          const chunks = pieces.map((p) => `${Buffer.byteLength(p).toString(16)}\r\n${p}\r\n`).concat('0\r\n\r\n');
          const chunked = await rawExchange(town.server.url, `${head}Transfer-Encoding: chunked\r\n\r\n`, chunks);
          assert.equal(chunked.status, 413, `a 70 KiB chunked body got ${chunked.status}: ${chunked.body.slice(0, 200)}`);

          // Just under the limit is no problem of size.
          const fits = referral(example, freshHouseNumber(), { question: 'x'.repeat(60 * 1024) });
          const near = await anon.post('/api/v1/referrals', { json: fits });
          assert.notEqual(near.status, 413, `a 60 KiB body: ${near.describe()}`);
        });

        test('an ordinary client (fetch) streaming a body over 64 KiB receives the 413', async () => {
          // The server may answer before it read the whole body, but must not
          // close so early that the client, still writing, never sees the answer.
          const big = JSON.stringify(referral(example, freshHouseNumber(), { question: 'x'.repeat(70 * 1024) }));
          for (let attempt = 1; attempt <= 5; attempt += 1) {
            const chunks = big.match(/[^]{1,16384}/g);
            const body = new ReadableStream({
              pull(controller) {
                if (chunks.length) controller.enqueue(new TextEncoder().encode(chunks.shift()));
                else controller.close();
              },
            });
            let response;
            try {
              response = await anon.post('/api/v1/referrals', { body, duplex: 'half', headers: { 'content-type': 'application/json' } });
            } catch (err) {
              assert.fail(`attempt ${attempt}: fetch got no answer but ${err.cause?.code ?? err.message} (the server closed the connection while the body was still coming)`);
            }
            expectStatus(response, 413, `attempt ${attempt}`);
          }
        });

        test('nothing is saved for a refused request', async () => {
          const lead = await as(LEAD);
          const openCount = async () => {
            const response = await lead.get('/api/v1/me/referrals');
            expectStatus(response, 200, "the team lead's list");
            return response.json.referrals.length;
          };
          const before = await openCount();
          const refused = [
            { json: referral(example, freshHouseNumber(), { channel: 'fax' }) },
            { json: referral(example, freshHouseNumber(), { phone: undefined, email: undefined }) },
            { json: referral(example, freshHouseNumber(), { name: 42 }) },
            { body: JSON.stringify(referral(example, freshHouseNumber())), headers: { 'content-type': 'text/plain' } },
            { body: JSON.stringify(referral(example, freshHouseNumber())).slice(0, -1), headers: { 'content-type': 'application/json' } },
          ];
          for (const request of refused) {
            const response = await anon.post('/api/v1/referrals', request);
            assert.ok(response.status >= 400 && response.status < 500, `refused: ${response.describe()}`);
          }
          const big = JSON.stringify(referral(example, freshHouseNumber(), { question: 'x'.repeat(70 * 1024) }));
          const tooLarge = await rawExchange(
            town.server.url,
            `POST /api/v1/referrals HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: ${big.length}\r\n\r\n`,
            big.match(/[^]{1,8000}/g),
          );
          assert.equal(tooLarge.status, 413, 'refused: a 70 KiB referral');
          assert.equal(await openCount(), before, 'the team has as many open referrals as before the refused requests');
          const accepted = await anon.post('/api/v1/referrals', { json: referral(example, freshHouseNumber()) });
          expectStatus(accepted, 201);
          assert.equal(await openCount(), before + 1, 'an accepted referral does show up in the count');
        });

        test('DELETE /api/v1/referrals gets 405', async () => {
          const response = await anon.request('DELETE', '/api/v1/referrals');
          expectStatus(response, 405);
        });
      });

      describe('staff API', () => {
        test('login gets 200 with a CSRF token, the user, and a strict HttpOnly session cookie', async () => {
          const client = new Client(town.server.url);
          const response = await client.post('/api/v1/login', { json: { username: PRO, password: town.accounts[PRO].password } });
          expectStatus(response, 200);
          const body = expectJson(response);
          assertNonEmptyString(body.csrf_token, 'csrf_token');
          assert.ok(Number.isInteger(body.user?.id), `user.id ${body.user?.id}`);
          assert.equal(body.user.name, 'Petra Proef');
          assert.equal(body.user.role, 'professional');
          assert.equal(teamName(body.user.team), town.exampleTeam.name);
          const cookie = response.setCookies.find((c) => c.startsWith('gz_session='));
          assert.ok(cookie, `a gz_session cookie among ${JSON.stringify(response.setCookies)}`);
          const attributes = cookie.split(';').slice(1).map((a) => a.trim().toLowerCase());
          assert.ok(cookie.split(';')[0].length > 'gz_session='.length + 16, 'the session token is not trivially short');
          assert.ok(attributes.includes('path=/'), `Path=/ in ${cookie}`);
          assert.ok(attributes.includes('httponly'), `HttpOnly in ${cookie}`);
          assert.ok(attributes.includes('samesite=strict'), `SameSite=Strict in ${cookie}`);
        });

        test('a wrong password or unknown user gets 401 and no session', async () => {
          for (const [username, pass] of [[PRO, 'not the password at all'], ['nobody.here', town.accounts[PRO].password]]) {
            const client = new Client(town.server.url);
            const response = await client.post('/api/v1/login', { json: { username, password: pass } });
            expectStatus(response, 401, `login as ${username}`);
            assert.ok(!client.cookies.has('gz_session'), 'no session cookie');
            expectStatus(await client.get('/api/v1/me/referrals'), 401, 'afterwards');
          }
        });

        test("/api/v1/me/referrals lists the professional's own open referrals", async () => {
          const pro = await as(PRO);
          const sent = toPro({ question: 'Mijn inbox-vraag', channel: 'walk_in' });
          const created = await anon.post('/api/v1/referrals', { json: sent });
          expectStatus(created, 201);
          const response = await pro.get('/api/v1/me/referrals');
          expectStatus(response, 200);
          const { referrals } = expectJson(response);
          assert.ok(Array.isArray(referrals), 'referrals is an array');
          for (const item of referrals) {
            assert.equal(item.contact?.id, pro.user.id, `only own referrals: ${item.reference} is for ${item.contact?.name}`);
            assert.equal(item.first_contact_at, null, `only open referrals: ${item.reference}`);
          }
          const item = referrals.find((r) => r.reference === created.json.reference);
          assert.ok(item, `the new referral ${created.json.reference} is listed`);
          assert.equal(item.name, sent.name);
          assert.equal(normalisedPostcode(item.postcode), example);
          assert.equal(item.house_number, sent.house_number);
          assert.equal(item.question, sent.question);
          assert.equal(item.channel, 'walk_in');
          assert.equal(item.language, proLanguage);
          assert.equal(item.promised_contact_by, created.json.promised_contact_by);
          assert.equal(item.overdue, false);
          assert.equal(item.contact.name, 'Petra Proef');
          assert.ok('first_contact_at' in item, 'first_contact_at is present (null)');
        });

        test("for a team lead, /api/v1/me/referrals lists the team's open referrals, overdue by date", async () => {
          const lead = await as(LEAD);
          const pro = await as(PRO);
          const own = (await pro.get('/api/v1/me/referrals')).json.referrals;
          const response = await lead.get('/api/v1/me/referrals');
          expectStatus(response, 200);
          const { referrals } = response.json;
          const listed = new Set(referrals.map((r) => r.reference));
          for (const r of own) assert.ok(listed.has(r.reference), `the team lead sees ${r.reference} of a team member`);
          const today = todayInAmsterdam();
          for (const item of referrals) {
            assert.equal(item.first_contact_at, null, `open only: ${item.reference}`);
            assert.equal(typeof item.overdue, 'boolean');
            assert.equal(
              item.overdue,
              item.promised_contact_by < today,
              `${item.reference} promised by ${item.promised_contact_by} is overdue exactly when that day has passed (today ${today})`,
            );
          }
        });

        test('/api/v1/me/referrals without a valid session gets 401', async () => {
          expectStatus(await anon.get('/api/v1/me/referrals'), 401, 'no cookie');
          const forged = await anon.get('/api/v1/me/referrals', { headers: { cookie: 'gz_session=forged-token-0123456789abcdef' } });
          expectStatus(forged, 401, 'a made-up session');
        });

        test('a referral is readable by its contact and their team lead, not by another professional', async () => {
          const pro = await as(PRO);
          const sent = toPro({ trusted_person: true, email: 'r@example.nl' });
          const created = (await anon.post('/api/v1/referrals', { json: sent })).json;
          const path = `/api/v1/referrals/${created.reference}`;

          const mine = await pro.get(path);
          expectStatus(mine, 200, 'as its contact');
          const detail = expectJson(mine);
          assert.equal(detail.reference, created.reference);
          assert.equal(detail.name, sent.name);
          assert.equal(detail.phone, sent.phone);
          assert.equal(detail.email, 'r@example.nl');
          assert.equal(detail.question, sent.question);
          assert.equal(detail.household_id, null, 'at a known address the request waits to be joined');
          assert.equal(detail.trusted_person, true);
          assert.equal(detail.channel, sent.channel);
          assert.equal(detail.language, sent.language);
          assert.equal(detail.promised_contact_by, created.promised_contact_by);
          assert.equal(detail.contact?.id, pro.user.id);
          assert.equal(detail.first_contact_at, null);
          assert.equal(detail.first_contact_channel, null);
          const createdAt = Date.parse(detail.created_at);
          assert.ok(Math.abs(Date.now() - createdAt) < 10 * 60_000, `created_at ${detail.created_at} is about now`);

          const lead = await as(LEAD);
          const asLead = await lead.get(path);
          expectStatus(asLead, 200, 'as the team lead');
          assert.equal(asLead.json.reference, created.reference);

          const other = await as(OTHER);
          expectStatus(await other.get(path), 404, 'as another professional');
          expectStatus(await anon.get(path), 401, 'without a session');
          expectStatus(await pro.get('/api/v1/referrals/GZ-0000-0000'), 404, 'an unknown reference');
        });

        test('first contact needs the CSRF header, refuses a future time, is recorded once', async () => {
          const pro = await as(PRO);
          const created = (await anon.post('/api/v1/referrals', { json: toPro() })).json;
          const path = `/api/v1/referrals/${created.reference}/first-contact`;

          const noHeader = await pro.post(path, { json: { channel: 'phone' } });
          expectStatus(noHeader, 403, 'without X-CSRF-Token');
          const wrongHeader = await pro.post(path, { json: { channel: 'phone' }, headers: { 'x-csrf-token': 'not-the-token' } });
          expectStatus(wrongHeader, 403, 'with a wrong X-CSRF-Token');
          const still = await pro.get(`/api/v1/referrals/${created.reference}`);
          assert.equal(still.json.first_contact_at, null, 'a refused request records nothing');

          const tomorrow = new Date(Date.now() + 24 * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
          const future = await pro.postWithCsrf(path, { json: { at: tomorrow, channel: 'phone' } });
          expectStatus(future, 422, 'at in the future');
          assert.deepEqual(Object.keys(future.json.errors ?? {}), ['at'], future.text);

          const done = await pro.postWithCsrf(path, { json: { channel: 'phone' } });
          expectStatus(done, 200);
          assert.equal(done.json.reference, created.reference);
          assert.equal(done.json.first_contact_channel, 'phone');
          const at = Date.parse(done.json.first_contact_at);
          assert.ok(Math.abs(Date.now() - at) < 5 * 60_000, `first_contact_at ${done.json.first_contact_at} defaults to now`);

          const again = await pro.postWithCsrf(path, { json: { channel: 'phone' } });
          expectStatus(again, 409, 'the second time');

          const open = (await pro.get('/api/v1/me/referrals')).json.referrals;
          assert.ok(!open.some((r) => r.reference === created.reference), 'no longer in the open list');
        });

        test('first contact at a given time keeps that time and channel', async () => {
          const pro = await as(PRO);
          const created = (await anon.post('/api/v1/referrals', { json: toPro() })).json;
          await sleep(1100); // a whole second after the request, so "at" is not before it
          const at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
          const done = await pro.postWithCsrf(`/api/v1/referrals/${created.reference}/first-contact`, {
            json: { at, channel: 'home_visit' },
          });
          expectStatus(done, 200);
          assert.equal(Date.parse(done.json.first_contact_at), Date.parse(at), `first_contact_at ${done.json.first_contact_at} is ${at}`);
          assert.equal(done.json.first_contact_channel, 'home_visit');
        });

        test('logout gets 204 and the session cookie stops working', async () => {
          const client = await loggedIn(town, PRO);
          const cookie = client.cookieHeader();
          expectStatus(await client.get('/api/v1/me/referrals'), 200, 'before logout');
          const response = await client.postWithCsrf('/api/v1/logout');
          expectStatus(response, 204);
          const replay = await anon.get('/api/v1/me/referrals', { headers: { cookie } });
          expectStatus(replay, 401, 'the old session cookie after logout');
        });
      });

      describe('operations and HTTP behaviour', () => {
        test('/healthz answers 200 ok', async () => {
          const response = await anon.get('/healthz');
          expectStatus(response, 200);
          assert.match(response.text, /\bok\b/i);
        });

        test('/metrics is Prometheus text with gezicht_http_requests_total', async () => {
          const response = await anon.get('/metrics');
          expectStatus(response, 200);
          assert.match(response.headers.get('content-type') ?? '', /^text\/plain\b/);
          assert.match(response.text, /^# TYPE gezicht_http_requests_total counter$/m);
          const samples = [...response.text.matchAll(/^gezicht_http_requests_total(\{[^}]*\})? (\d+(\.\d+)?(e\+?\d+)?)$/gm)];
          assert.ok(samples.length > 0, 'at least one sample line');
          assert.ok(samples.some((s) => Number(s[2]) > 0), 'requests have been counted');
        });

        test('an unknown path gets 404', async () => {
          expectStatus(await anon.get('/no/such/page'), 404);
          expectStatus(await anon.get('/api/v1/nothing-here'), 404);
        });

        test('every response carries the security headers', async () => {
          const pro = await as(PRO);
          const requests = [
            ['GET', '/', anon],
            ['GET', `/?postcode=${example}`, anon],
            ['GET', `/?postcode=${OUTSIDE}`, anon],
            ['GET', '/?postcode=12', anon],
            ['GET', '/aanmelden', anon],
            ['GET', '/inloggen', anon],
            ['GET', '/inbox', anon],
            ['GET', '/inbox', pro],
            ['GET', '/api/v1/neighbourhoods', anon],
            ['GET', `/api/v1/frontdoor?postcode=${OUTSIDE}`, anon],
            ['GET', '/api/v1/me/referrals', anon],
            ['POST', '/api/v1/referrals', anon],
            ['DELETE', '/api/v1/referrals', anon],
            ['GET', '/no/such/page', anon],
            ['GET', '/healthz', anon],
            ['GET', '/metrics', anon],
          ];
          const front = (await anon.get(`/api/v1/frontdoor?postcode=${example}`)).json;
          requests.push(['GET', front.people[0].photo_url, anon]);
          const responses = [];
          for (const [method, path, client] of requests) {
            const response = await client.request(method, path, method === 'POST' ? { body: '{', headers: { 'content-type': 'application/json' } } : {});
            responses.push([`${method} ${path} (${response.status})`, response.headers]);
          }
          const big = 'x'.repeat(70 * 1024);
          const tooLarge = await rawExchange(
            town.server.url,
            `POST /api/v1/referrals HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: ${big.length}\r\n\r\n`,
            big.match(/[^]{1,8000}/g),
          );
          responses.push([`POST /api/v1/referrals with 70 KiB (${tooLarge.status})`, tooLarge.headers]);
          // Answers the server gives before any route: a request it cannot parse, headers too large.
          const garbage = await rawExchange(town.server.url, 'NONSENSE\r\n\r\n');
          responses.push([`an unparsable request (${garbage.status})`, garbage.headers]);
          const hugeHeader = await rawExchange(
            town.server.url,
            `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`,
          );
          responses.push([`GET / with a 20 kB header (${hugeHeader.status})`, hugeHeader.headers]);
          const missing = [];
          for (const [what, headers] of responses) {
            if (!headers.get('content-security-policy') || !headers.get('referrer-policy')) missing.push(what);
          }
          assert.deepEqual(missing, [], 'responses without Content-Security-Policy or Referrer-Policy');
          for (const [what, headers] of responses) {
            const csp = headers.get('content-security-policy');
            assert.ok(csp, `${what}: Content-Security-Policy`);
            assert.doesNotMatch(csp, /'unsafe-inline'/, `${what}: no 'unsafe-inline' in ${csp}`);
            assert.match(csp, /frame-ancestors 'none'/, `${what}: frame-ancestors 'none' in ${csp}`);
            assert.equal(headers.get('x-content-type-options'), 'nosniff', `${what}: X-Content-Type-Options`);
            const referrer = headers.get('referrer-policy');
            assert.ok(referrer, `${what}: Referrer-Policy`);
            assert.doesNotMatch(referrer, /unsafe-url|no-referrer-when-downgrade/, `${what}: Referrer-Policy ${referrer}`);
          }
        });
      });

      describe('pages over HTTP', () => {
        test('the front door: its form, a team, a postcode outside (404) and a malformed one (422)', async () => {
          const empty = await anon.get('/');
          expectStatus(empty, 200);
          assert.match(empty.headers.get('content-type') ?? '', /^text\/html\b/);
          const input = byId(empty.text, 'postcode');
          assert.equal(input?.attributes.name, 'postcode', '#postcode is the postcode input');
          assert.ok(hasId(empty.text, 'house_number'), '#house_number');
          const frontForm = tags(empty.text, 'form').find((f) => (f.attributes.method ?? 'get').toLowerCase() === 'get');
          assert.ok(frontForm, 'a GET form');

          const team = await anon.get(`/?postcode=${example}`);
          expectStatus(team, 200);
          assert.ok(hasId(team.text, 'team'), '#team');
          assert.ok(team.text.includes(town.exampleTeam.name.replace(/&/g, '&amp;')), 'the team name is shown');
          assert.equal(tags(team.text, 'li').filter((li) => /\bperson\b/.test(li.attributes.class ?? '')).length > 0, true, 'li.person');
          assert.ok(hasId(team.text, 'walk-in'), 'table#walk-in');
          const link = byId(team.text, 'refer-link');
          assert.ok(link?.attributes.href?.startsWith('/aanmelden?postcode='), `#refer-link href ${link?.attributes.href}`);

          const outside = await anon.get(`/?postcode=${OUTSIDE}`);
          expectStatus(outside, 404);
          assert.ok(hasId(outside.text, 'outside'), '#outside');
          assert.ok(textById(outside.text, 'outside').includes('14 0123'), 'the municipality phone in #outside');

          const malformed = await anon.get('/?postcode=12');
          expectStatus(malformed, 422);
          assert.ok(hasId(malformed.text, 'error-summary'), '#error-summary');
          assert.ok(hasId(malformed.text, 'postcode-error'), '#postcode-error');
          assert.equal(fieldValue(malformed.text, 'postcode'), '12', 'the typed postcode stays in the field');
        });

        test('resident pages link #language-switch; ?lang=en switches to English and a cookie keeps it', async () => {
          for (const path of ['/', `/?postcode=${example}`, `/?postcode=${OUTSIDE}`, '/?postcode=12', '/aanmelden']) {
            const page = await anon.get(path);
            assert.ok(byId(page.text, 'language-switch')?.tag === 'a', `${path} has a link #language-switch`);
            assert.match(page.text, /<html\b[^>]*\blang="nl"/, `${path} is Dutch by default`);
          }
          const client = new Client(town.server.url);
          const english = await client.get('/?lang=en');
          expectStatus(english, 200);
          assert.match(english.text, /<html\b[^>]*\blang="en"/, '?lang=en gives an English page');
          assert.ok(english.setCookies.length > 0, '?lang=en sets a cookie');
          const later = await client.get('/aanmelden');
          assert.match(later.text, /<html\b[^>]*\blang="en"/, 'the next page without ?lang stays English');
          const back = await client.get('/?lang=nl');
          assert.match(back.text, /<html\b[^>]*\blang="nl"/, '?lang=nl switches back');
        });

        test('the referral form: 403 without csrf_token, a confirmation with it', async () => {
          const client = new Client(town.server.url);
          const page = await client.get(`/aanmelden?postcode=${example}`);
          expectStatus(page, 200);
          const referForm = form(page.text, '/aanmelden');
          assert.ok(referForm, 'a form posting to /aanmelden');
          assert.equal((referForm.attributes.method ?? '').toLowerCase(), 'post');
          assertNonEmptyString(referForm.hidden.csrf_token, 'hidden csrf_token');
          assert.equal(fieldValue(page.text, 'postcode'), example, 'the postcode from the link is filled in');

          const fields = {
            name: 'Henk de Vries',
            phone: '070 123 4567',
            email: '',
            postcode: example,
            house_number: freshHouseNumber(),
            question: 'Ik wil graag hulp bij mijn post.',
            channel: 'phone',
            language: 'nl',
          };
          const refused = await client.post('/aanmelden', {
            form: Object.entries({ ...referForm.hidden, ...fields }).filter(([k]) => k !== 'csrf_token'),
          });
          expectStatus(refused, 403, 'POST /aanmelden without csrf_token');
          const wrong = await client.post('/aanmelden', { form: { ...referForm.hidden, ...fields, csrf_token: 'not-the-token' } });
          expectStatus(wrong, 403, 'POST /aanmelden with a wrong csrf_token');

          // Post, then redirect to a confirmation of its own: a refresh asks nothing twice.
          assertNonEmptyString(referForm.hidden.submission, 'hidden one-time submission token');
          const posted = await client.post('/aanmelden', { form: { ...referForm.hidden, ...fields, trusted_person: 'yes' } });
          expectStatus(posted, 303);
          assert.match(posted.location ?? '', /^\/aanmelden\/ontvangen\/[A-Za-z0-9_-]{43}\?lang=nl$/, 'to the confirmation');
          const accepted = await client.get(posted.location);
          expectStatus(accepted, 200);
          assert.ok(hasId(accepted.text, 'confirmation'), '#confirmation');
          assertNonEmptyString(textById(accepted.text, 'contact-name'), '#contact-name');
          assertNonEmptyString(textById(accepted.text, 'contact-phone'), '#contact-phone');
          assert.match(textById(accepted.text, 'reference') ?? '', referencePattern, '#reference');
          const promised = byId(accepted.text, 'promised-date');
          assert.equal(promised?.tag, 'time', '#promised-date is a <time>');
          assert.match(promised.attributes.datetime ?? '', isoDatePattern);

          // The same form again (a double click, a re-post): the same request, the same confirmation.
          const again = await client.post('/aanmelden', { form: { ...referForm.hidden, ...fields, trusted_person: 'yes' } });
          expectStatus(again, 303);
          assert.equal(again.location, posted.location, 'a repeat lands on the same confirmation');
          const reference = textById(accepted.text, 'reference');
          const lead = await as(LEAD);
          const teamList = expectJson(await lead.get('/api/v1/me/referrals')).referrals;
          const mine = teamList.filter((r) => r.house_number === fields.house_number);
          assert.equal(mine.length, 1, `one request for the address, not two: ${JSON.stringify(mine.map((r) => r.reference))}`);
          assert.equal(mine[0].reference, reference);
          // The same token with other content: refused, with a fresh token to send it on purpose.
          const changed = await client.post('/aanmelden', {
            form: { ...referForm.hidden, ...fields, question: 'Iets anders.', trusted_person: 'yes' },
          });
          expectStatus(changed, 422, 'the token was used for another request');
          assert.ok(hasId(changed.text, 'error-summary'), '#error-summary');
          const fresh = form(changed.text, '/aanmelden').hidden.submission;
          assert.notEqual(fresh, referForm.hidden.submission, 'a new token');
          // A confirmation nobody was given is not there.
          expectStatus(await client.get(`/aanmelden/ontvangen/${'A'.repeat(43)}`), 404);
          expectStatus(await client.get('/aanmelden/ontvangen/kort'), 404);
        });

        test('"Bel mij" needs a phone number; "Ik kom zelf langs" confirms with the walk-in hours', async () => {
          const client = new Client(town.server.url);
          const { hidden } = form((await client.get('/aanmelden')).text, '/aanmelden');
          const fields = {
            name: 'Karin Langs',
            phone: '',
            email: 'karin@example.nl',
            postcode: example,
            house_number: freshHouseNumber(),
            question: 'Ik wil graag langskomen.',
            channel: 'phone',
            language: 'nl',
          };
          const refused = await client.post('/aanmelden', { form: { ...hidden, ...fields } });
          expectStatus(refused, 422, '"Bel mij" without a number');
          assert.ok(hasId(refused.text, 'phone-error'), '#phone-error');
          assert.ok(byId(refused.text, 'error-summary')?.attributes.autofocus !== undefined, 'the error summary takes the focus');
          const api = await anon.post('/api/v1/referrals', { json: { ...fields, trusted_person: false } });
          expectStatus(api, 422, 'the API too');
          assert.ok(JSON.stringify(api.json).includes('phone'), `the field is named: ${api.text}`);

          const posted = await client.post('/aanmelden', { form: { ...hidden, ...fields, channel: 'walk_in' } });
          expectStatus(posted, 303);
          const done = await client.get(posted.location);
          expectStatus(done, 200);
          assert.ok(hasId(done.text, 'walk-in'), 'the walk-in hours are on the confirmation');
        });

        test('the API asks a request once per Idempotency-Key; a bad or reused key is 422 naming it', async () => {
          const body = referral(example, freshHouseNumber(), { question: 'Met een sleutel.' });
          const key = `e2e-${Date.now()}-${Math.random().toString(36).slice(2)}`;
          const first = await anon.post('/api/v1/referrals', { json: body, headers: { 'Idempotency-Key': key } });
          expectStatus(first, 201);
          const second = await anon.post('/api/v1/referrals', { json: body, headers: { 'Idempotency-Key': key } });
          expectStatus(second, 201, 'a repeat answers as the first time');
          assert.equal(second.json.reference, first.json.reference, 'the same request, not a second one');
          const other = await anon.post('/api/v1/referrals', {
            json: { ...body, question: 'Iets anders.' },
            headers: { 'Idempotency-Key': key },
          });
          expectStatus(other, 422, 'the key with another request');
          assert.ok(other.text.includes('Idempotency-Key'), `the field is named: ${other.text}`);
          for (const bad of ['met spatie', 'x'.repeat(256), 'tab\there']) {
            const response = await anon.post('/api/v1/referrals', { json: body, headers: { 'Idempotency-Key': bad } });
            expectStatus(response, 422, `key ${JSON.stringify(bad.slice(0, 20))}`);
            assert.ok(response.text.includes('Idempotency-Key'), `the field is named: ${response.text}`);
          }
          const without = await anon.post('/api/v1/referrals', { json: { ...body, house_number: freshHouseNumber() } });
          expectStatus(without, 201, 'no key: an ordinary request');
        });

        test('a refused form keeps every typed value, escaped', async () => {
          const client = new Client(town.server.url);
          const { hidden } = form((await client.get('/aanmelden')).text, '/aanmelden');
          const payload = `"><${SCRIPT.slice(1)}`;
          const typed = {
            name: payload,
            phone: payload,
            email: payload,
            postcode: payload,
            house_number: payload,
            question: payload,
            channel: 'phone',
            language: 'tr',
            trusted_person: 'yes',
          };
          const response = await client.post('/aanmelden', { form: { ...hidden, ...typed } });
          expectStatus(response, 422);
          assert.ok(!response.text.includes(SCRIPT), 'no script tag as typed');
          assert.ok(response.text.includes(ESCAPED_SCRIPT), 'the script tag escaped');
          const summary = byId(response.text, 'error-summary');
          assert.equal(summary?.attributes.role, 'alert', '#error-summary has role=alert');
          for (const field of ['name', 'phone', 'email', 'postcode', 'house_number', 'question']) {
            assert.equal(fieldValue(response.text, field), payload, `the typed ${field} is kept`);
          }
          assert.equal(fieldValue(response.text, 'channel'), 'phone', 'the chosen channel stays chosen');
          assert.equal(fieldValue(response.text, 'language'), 'tr', 'the chosen language stays selected');
          assert.equal(fieldValue(response.text, 'trusted_person'), 'yes', 'the checkbox stays checked');

          const attribute = 'Jan" onfocus="alert(1)" autofocus="';
          const second = await client.post('/aanmelden', { form: { ...hidden, ...typed, name: attribute, question: '' } });
          expectStatus(second, 422);
          assert.ok(!second.text.includes('" onfocus="alert(1)"'), 'a quote cannot end the value attribute');
          assert.equal(fieldValue(second.text, 'name'), attribute, 'the name with quotes is kept whole');
        });

        test('names and questions with script tags are shown escaped in the inbox and on the referral page', async () => {
          const pro = await as(PRO);
          const created = await anon.post('/api/v1/referrals', {
            json: toPro({ name: `Eve ${SCRIPT}`, question: `Help ${SCRIPT} please` }),
          });
          expectStatus(created, 201, 'script tags are text like any other');
          const reference = created.json.reference;
          const lead = await as(LEAD);
          for (const [who, client] of [['professional', pro], ['team lead', lead]]) {
            const inbox = await client.get('/inbox');
            expectStatus(inbox, 200, `inbox of the ${who}`);
            assert.ok(inbox.text.includes(reference), `the ${who}'s inbox lists ${reference}`);
            assert.ok(!inbox.text.includes(SCRIPT), `no raw script tag in the ${who}'s inbox`);
            assert.ok(inbox.text.includes(ESCAPED_SCRIPT), `the escaped name in the ${who}'s inbox`);
          }
          const page = await pro.get(`/verzoeken/${reference}`);
          expectStatus(page, 200);
          assert.ok(!page.text.includes(SCRIPT), 'no raw script tag on the referral page');
          assert.ok(page.text.includes(ESCAPED_SCRIPT), 'escaped there');
          assert.equal(textById(page.text, 'question'), `Help ${SCRIPT} please`, '#question shows the question as text');
        });

        test('logging in by the form: 401 with #login-error, then 303 to /inbox with the logout button', async () => {
          const client = new Client(town.server.url);
          const inboxFirst = await client.get('/inbox');
          expectStatus(inboxFirst, 303, '/inbox without a session');
          assert.equal(inboxFirst.location, '/inloggen?next=%2Finbox');

          const page = await client.get('/inloggen');
          expectStatus(page, 200);
          assert.ok(hasId(page.text, 'username') && hasId(page.text, 'password') && hasId(page.text, 'login-submit'));
          const loginForm = form(page.text, '/inloggen');
          assert.ok(loginForm, 'a form posting to /inloggen');
          const fields = (password) => ({
            ...loginForm.hidden,
            [byId(page.text, 'username').attributes.name]: PRO,
            [byId(page.text, 'password').attributes.name]: password,
          });

          const wrong = await client.post('/inloggen', { form: fields('wrong password, surely') });
          expectStatus(wrong, 401);
          assert.ok(hasId(wrong.text, 'login-error'), '#login-error');
          assert.ok(!client.cookies.has('gz_session'), 'no session after a wrong password');

          const right = await client.post('/inloggen', { form: fields(town.accounts[PRO].password) });
          expectStatus(right, 303);
          assert.equal(right.location, '/inbox');
          assert.ok(client.cookies.has('gz_session'), 'a session cookie');

          const inbox = await client.get('/inbox');
          expectStatus(inbox, 200);
          assert.ok(hasId(inbox.text, 'inbox'), 'table#inbox');
          const logout = byId(inbox.text, 'logout');
          assert.ok(logout, '#logout in the header');
          const logoutForm = form(inbox.text, '/uitloggen');
          assert.ok(logoutForm && (logoutForm.attributes.method ?? '').toLowerCase() === 'post', 'a POST form to /uitloggen');

          const out = await client.post('/uitloggen', { form: logoutForm.hidden });
          assert.ok([200, 303].includes(out.status), `logging out by the form: ${out.describe()}`);
          expectStatus(await client.get('/inbox'), 303, '/inbox after logging out');
        });

        test('the inbox page lists the open referrals, overdue ones first, linked to their pages', async () => {
          const lead = await as(LEAD);
          const api = (await lead.get('/api/v1/me/referrals')).json.referrals;
          const page = await lead.get('/inbox');
          expectStatus(page, 200);
          const rows = tags(page.text, 'tr').filter((tr) => tr.attributes['data-reference']);
          const shown = rows.map((tr) => tr.attributes['data-reference']);
          assert.deepEqual([...shown].sort(), api.map((r) => r.reference).sort(), 'a row for every open referral');
          const overdueByApi = new Set(api.filter((r) => r.overdue).map((r) => r.reference));
          const overdueRows = rows.map((tr) => /(^|\s)overdue(\s|$)/.test(tr.attributes.class ?? ''));
          rows.forEach((tr, i) =>
            assert.equal(overdueRows[i], overdueByApi.has(tr.attributes['data-reference']), `class overdue on ${tr.attributes['data-reference']}`),
          );
          assert.ok(overdueRows.includes(true) && overdueRows.includes(false),
            'the demo (seed 7) gives the team both overdue and on-time referrals, so the order can be checked');
          const firstOnTime = overdueRows.indexOf(false);
          assert.ok(firstOnTime === -1 || !overdueRows.slice(firstOnTime).includes(true), 'overdue rows come first');
          for (const reference of shown) {
            assert.ok(page.text.includes(`href="/verzoeken/${reference}"`), `a link to /verzoeken/${reference}`);
          }
        });

        test('recording first contact by the page form: 403 without csrf_token, then 303 and #first-contact-done', async () => {
          const pro = await as(PRO);
          const created = (await anon.post('/api/v1/referrals', { json: toPro() })).json;
          const path = `/verzoeken/${created.reference}`;
          const page = await pro.get(path);
          expectStatus(page, 200);
          assert.ok(hasId(page.text, 'question'), '#question');
          assert.ok(!hasId(page.text, 'first-contact-done'), 'not done yet');
          const contactForm = form(page.text, `${path}/eerste-contact`);
          assert.ok(contactForm, `a form posting to ${path}/eerste-contact`);
          assert.equal(byId(page.text, 'at')?.attributes.type, 'datetime-local', '#at is a datetime-local input');
          assert.equal(byId(page.text, 'channel')?.tag, 'select', '#channel is a select');
          assert.ok(hasId(page.text, 'save-first-contact'), '#save-first-contact');

          const shown = byId(page.text, 'at').attributes.value;
          const at = shown || new Intl.DateTimeFormat('sv-SE', {
            timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
          }).format(new Date()).replace(' ', 'T');
          const fields = { at, channel: 'phone' };
          const withoutToken = await pro.post(`${path}/eerste-contact`, {
            form: Object.entries({ ...contactForm.hidden, ...fields }).filter(([k]) => k !== 'csrf_token'),
          });
          expectStatus(withoutToken, 403, 'without csrf_token');

          const saved = await pro.post(`${path}/eerste-contact`, { form: { ...contactForm.hidden, ...fields } });
          expectStatus(saved, 303);
          assert.equal(saved.location.split('?')[0], path, 'back to the referral page');
          const after = await pro.get(path);
          expectStatus(after, 200);
          assert.ok(hasId(after.text, 'first-contact-done'), '#first-contact-done');
          const inbox = await pro.get('/inbox');
          assert.ok(!inbox.text.includes(`data-reference="${created.reference}"`), 'no longer in the inbox');
        });
      });

      test('SIGTERM stops the server with exit code 0', async () => {
        const result = await town.server.stop();
        assert.deepEqual(result, { code: 0, signal: null });
      });
    });
  }
});
