// DigiD through the municipality's OpenID Connect broker, end to end: the
// server talks to the suite's own OpenID provider on loopback
// (tests/oidc/test_provider.py). The first DigiD login goes through an
// invitation and ties the DigiD subject to the household; after that the
// subject alone logs in. A token with a wrong signature, a wrong audience or
// issuer, an expired one, `alg: none`, and a replayed code are each refused,
// and the municipality can keep the plan and the data download for DigiD.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { Client, expectJson } from './lib/http.mjs';
import { Outbox, loginResident } from './lib/mail.mjs';
import { backends, repoRoot } from './lib/server.mjs';
import { prepareTown } from './lib/town.mjs';

const CLIENT_ID = 'gemeente-voorbeeld';
const CLIENT_SECRET = 'geheim met spaties & tekens %';

async function startProvider() {
  const child = spawn('/usr/bin/python3', [path.join(repoRoot, 'tests/oidc/test_provider.py'), '--client-id', CLIENT_ID,
    '--client-secret', CLIENT_SECRET], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  const port = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the OpenID provider did not start: ${stderr}`)), 15_000);
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(Number(out.split('\n')[0].trim()));
      }
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async mode(mode) {
      const response = await fetch(`http://127.0.0.1:${port}/control`, { method: 'POST', body: JSON.stringify({ mode }) });
      assert.equal(response.status, 200, `setting the provider's mode ${mode}`);
    },
    stop() {
      child.stdin.end();
      return new Promise((r) => child.once('exit', r));
    },
  };
}

// Follows the login through the provider by hand, as a browser would: the
// server's redirect to the provider, the provider's back to the server.
async function digidLogin(client, { invitation = '', subject } = {}) {
  // A visitor's form token, or a logged-in resident's session token (adding DigiD).
  const csrf = client.csrfToken ?? /name="csrf_token" value="([^"]+)"/.exec((await client.get('/mijn-gezicht/inloggen')).text)[1];
  const start = await client.post('/mijn-gezicht/inloggen/digid', { form: { csrf_token: csrf, invitation } });
  assert.equal(start.status, 303, start.describe());
  const authorize = new URL(start.headers.get('location'));
  assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
  assert.ok(authorize.searchParams.get('state') && authorize.searchParams.get('nonce'));
  if (subject) authorize.searchParams.set('login_hint', subject);
  const provider = await fetch(authorize, { redirect: 'manual' });
  assert.equal(provider.status, 302);
  const back = new URL(provider.headers.get('location'));
  const answer = await client.get(back.pathname + back.search);
  return { answer, back };
}

for (const backend of backends()) {
  describe(`DigiD on ${backend.name}`, () => {
    let provider;
    let town;
    let staff;
    let household;
    let secretDir;
    const email = `digid-${backend.name}@example.nl`;

    before(async () => {
      provider = await startProvider();
      secretDir = await mkdtemp(path.join(tmpdir(), 'gezicht-digid-'));
      const secretFile = path.join(secretDir, 'client-secret');
      await writeFile(secretFile, `${CLIENT_SECRET}\n`, { mode: 0o600 });
      town = await prepareTown({
        backend,
        label: `digid-${backend.name}`,
        serverArgs: [
          '--digid-issuer', provider.url, '--digid-client-id', CLIENT_ID, '--digid-client-secret-file', secretFile,
          '--digid-redirect-uri', 'http://127.0.0.1/mijn-gezicht/inloggen/digid/terug', '--digid-allow-http-loopback',
          '--digid-required-for-plan',
        ],
      });
      const logins = Object.fromEntries(town.demo.logins.map((l) => [l.role, l]));
      staff = new Client(town.server.url);
      await staff.login(logins.professional.username, logins.professional.password);
      household = expectJson(await staff.get('/api/v1/me/caseload')).households[0].household_id;
    });

    after(async () => {
      await town?.close();
      await provider?.stop();
      if (secretDir) await rm(secretDir, { recursive: true, force: true });
    });

    test('the first DigiD login goes through an invitation; then DigiD alone logs in, with the plan open', async () => {
      const outbox = new Outbox(town.server.outbox);
      const invited = await staff.postWithCsrf(`/api/v1/households/${household}/invitations`, { json: { email } });
      assert.equal(invited.status, 201, invited.describe());
      const message = await outbox.waitFor(email, /uitnodiging\//);
      const token = /uitnodiging\/([A-Za-z0-9_-]{43})/.exec(message.body)[1];

      // Without an invitation, an unknown DigiD subject has no account.
      const stranger = new Client(town.server.url);
      const refused = await digidLogin(stranger, { subject: '123456782' });
      assert.equal(refused.answer.status, 400, refused.answer.describe());
      assert.match(refused.answer.text, /uitnodiging/);

      // Someone else's answer (a link they were sent) logs nobody in: the state is tied to the browser.
      const victim = new Client(town.server.url);
      const stolen = await digidLogin(new Client(town.server.url), { invitation: token, subject: '999990019' });
      const replayed = await victim.get(stolen.back.pathname + stolen.back.search);
      assert.equal(replayed.status, 400, replayed.describe());

      const resident = new Client(town.server.url);
      const first = await digidLogin(resident, { invitation: token, subject: '999990019' });
      // A page of this site sends the browser on (the Strict session cookie travels from here).
      assert.equal(first.answer.status, 200, first.answer.describe());
      assert.match(first.answer.text, /<meta http-equiv="refresh" content="0;url=\/mijn-gezicht">/);
      assert.equal((await resident.get('/mijn-gezicht/plan')).status, 200, 'DigiD opens the plan');
      assert.equal((await resident.get('/mijn-gezicht/gegevens.json')).status, 200);

      const again = new Client(town.server.url);
      const second = await digidLogin(again, { subject: '999990019' });
      assert.equal(second.answer.status, 200, second.answer.describe());
      assert.equal((await again.get('/mijn-gezicht')).status, 200);
      // The same code a second time is refused (the state is used up, and the provider refuses the code).
      const replay = await again.get(second.back.pathname + second.back.search);
      assert.equal(replay.status, 400, replay.describe());
    });

    test('an e-mail code is a lower level: this municipality keeps the plan and the data for DigiD', async () => {
      const resident = new Client(town.server.url);
      await loginResident(resident, email, new Outbox(town.server.outbox));
      assert.equal((await resident.get('/mijn-gezicht')).status, 200);
      assert.equal((await resident.get('/mijn-gezicht/plan')).status, 403);
      assert.equal((await resident.get('/mijn-gezicht/gegevens')).status, 403);
      assert.equal((await resident.get('/api/v1/me/export')).status, 403);
      const home = expectJson(await resident.get('/api/v1/me/household'));
      assert.equal(home.plan, null, 'the plan is left out of the home too');
      assert.equal(home.plan_requires_digid, true);
      const confirm = await resident.postWithCsrf('/api/v1/me/what-matters/confirm', { json: {} });
      assert.equal(confirm.status, 403, confirm.describe());
    });

    test('a resident who came in with an e-mail code adds DigiD to their own account, once', async () => {
      const outbox = new Outbox(town.server.outbox);
      const second = `digid-code-${backend.name}@example.nl`;
      const invited = await staff.postWithCsrf(`/api/v1/households/${household}/invitations`, { json: { email: second } });
      assert.equal(invited.status, 201, invited.describe());
      const resident = new Client(town.server.url);
      await loginResident(resident, second, outbox);
      const added = await digidLogin(resident, { subject: '111222333' });
      assert.equal(added.answer.status, 200, added.answer.describe());
      assert.equal((await resident.get('/mijn-gezicht/plan')).status, 200, 'DigiD opens the plan');
      // From now on DigiD alone logs this account in; the bound identity is not replaced.
      const later = new Client(town.server.url);
      assert.equal((await digidLogin(later, { subject: '111222333' })).answer.status, 200);
      const other = new Client(town.server.url);
      await loginResident(other, second, outbox);
      const replace = await digidLogin(other, { subject: '444555666' });
      assert.equal(replace.answer.status, 400, 'another DigiD identity does not take the account over');
    });

    for (const mode of ['wrong_signature', 'wrong_audience', 'expired', 'wrong_issuer', 'wrong_nonce', 'alg_none']) {
      test(`a token with ${mode.replace('_', ' ')} is refused`, async () => {
        await provider.mode(mode);
        const client = new Client(town.server.url);
        const { answer } = await digidLogin(client, { subject: '999990019' });
        assert.equal(answer.status, 400, `${mode}: ${answer.describe()}`);
        assert.equal((await client.get('/api/v1/me')).status, 401, `${mode}: no session`);
      });
    }
  });
}
