// Mail waits in the database until a mail server takes it. A request for help
// with an e-mail address is confirmed by mail; with the mail server down the
// message waits and says why; the server that queued it is killed (kill -9);
// another server, once the mail server is back and an operator says
// `gezicht mail retry`, sends it: the resident gets the confirmation, once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { Client, expectStatus } from './lib/http.mjs';
import { startSmtpServer } from './lib/mail.mjs';
import { backends, createDemoDatabase, makeTempDir, removeTempDir, runOk, startServer } from './lib/server.mjs';
import { freePort } from './lib/writes.mjs';

const SMTP_ARGS = ['--smtp-tls', 'none'];

// Polls `gezicht mail queue` until its output matches, at most 20 s.
async function queueShows(db, pattern) {
  const end = Date.now() + 20_000;
  let last = '';
  while (Date.now() < end) {
    last = (await runOk(['mail', 'queue', '--db', db])).stdout;
    if (pattern.test(last)) return last;
    await sleep(100);
  }
  throw new Error(`gezicht mail queue did not show ${pattern} within 20 s; it said:\n${last}`);
}

for (const backend of backends()) {
  describe(`mail waits in the database on ${backend.name}`, () => {
    let dir;
    let db;
    let smtp;
    const servers = [];

    before(async () => {
      dir = await makeTempDir(`mail-${backend.name}`);
      ({ db } = await createDemoDatabase(backend, dir, { households: 50 }));
    });

    after(async () => {
      for (const server of servers) await server.stop().catch(() => server.kill());
      await smtp?.stop();
      await removeTempDir(dir);
    });

    test('a confirmation survives a mail server that is down and the server that queued it being killed', { timeout: 120_000 }, async () => {
      // Nothing listens on this port: every attempt is refused.
      const down = `smtp://127.0.0.1:${await freePort()}`;
      const first = await startServer({ db, extraArgs: ['--smtp-url', down, ...SMTP_ARGS] });
      servers.push(first);
      const client = new Client(first.url);
      const n = (await client.get('/api/v1/neighbourhoods')).json[0];
      const email = `wacht-${backend.name}@example.nl`;
      const answer = await client.post('/api/v1/referrals', {
        json: { postcode: n.postcodes[0].from, house_number: '9001', name: 'Fatma Wacht', phone: '06 1234 5678', email, question: 'Ik zoek hulp bij mijn post', language: 'nl', channel: 'phone', trusted_person: false },
      });
      expectStatus(answer, 201, 'a request for help with an e-mail address');
      const { reference } = answer.json;

      // Tried once, refused, waiting for its next attempt; the list names no address.
      const waiting = await queueShows(db, /1 attempt\(s\)[\s\S]*last error: /);
      assert.match(waiting, /^mail: 1 message\(s\) wait to be sent/m);
      assert.match(waiting, /#\d+ referral_received/);
      assert.ok(!waiting.includes(email), 'the operator sees no address');
      assert.ok(!waiting.includes(reference), 'nor what the message says');

      await first.kill();
      smtp = await startSmtpServer();
      const second = await startServer({ db, extraArgs: ['--smtp-url', smtp.url, ...SMTP_ARGS] });
      servers.push(second);
      assert.deepEqual(await smtp.messages(), [], 'nothing is sent before its next attempt');
      const retried = await runOk(['mail', 'retry', '--db', db]);
      assert.match(retried.stdout, /^mail: 1 message\(s\) are due now/m);

      const message = await smtp.waitFor(email, new RegExp(`Kenmerk: ${reference}`), { timeoutMs: 20_000 });
      assert.match(message.subject, new RegExp(reference));
      await queueShows(db, /^mail: nothing waits to be sent$/m);
      await sleep(300);
      assert.equal((await smtp.messages()).length, 1, 'sent once');
    });
  });
}
