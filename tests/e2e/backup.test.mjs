// Backups that restore: `gezicht backup` taken while a server keeps writing
// is one consistent copy; `gezicht restore` puts it into a new, empty
// database whose audit trail verifies and which a server serves again, with
// every request for help answered before the backup began.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { Client, expectStatus } from './lib/http.mjs';
import { addUser, backends, createDemoDatabase, makeTempDir, removeTempDir, run, runOk, startServer } from './lib/server.mjs';
import { password } from './lib/town.mjs';

const MAX_REQUESTS = 5000; // a bound on the write loop, whatever happens

// PostgreSQL's test database emptied, as a new database would be.
function emptyPostgres(url) {
  const result = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', url, '-c', 'DROP SCHEMA public CASCADE; CREATE SCHEMA public'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(result.status, 0, `psql could not empty the database: ${result.stderr}`);
}

describe('backup and restore', () => {
  for (const backend of backends()) {
    describe(`on ${backend.name}`, () => {
      let dir;
      let db;
      let server;

      before(async () => {
        dir = await makeTempDir(`backup-${backend.name}`);
        ({ db } = await createDemoDatabase(backend, dir, { households: 200 }));
      });

      after(async () => {
        await server?.stop().catch(() => server.kill());
        await removeTempDir(dir);
      });

      test('a backup taken while writes run restores into a working database whose audit trail verifies', { timeout: 300_000 }, async (t) => {
        server = await startServer({ db });
        const client = new Client(server.url);
        const neighbourhoods = (await client.get('/api/v1/neighbourhoods')).json;
        const answered = []; // {reference, team, at}: at = when its 201 came
        let stop = false;
        const loop = (async () => {
          for (let i = 0; i < MAX_REQUESTS && !stop; i += 1) {
            const n = neighbourhoods[i % neighbourhoods.length];
            const response = await client.post('/api/v1/referrals', {
              json: {
                postcode: n.postcodes[0].from,
                house_number: String(20000 + i),
                name: `Bewoner ${i}`,
                phone: '06 1234 5678',
                question: `Vraag ${i} tijdens de back-up`,
                language: 'nl',
                channel: 'phone',
                trusted_person: false,
              },
            });
            expectStatus(response, 201, `referral ${i}`);
            answered.push({ reference: response.json.reference, team: response.json.team.id, at: performance.now() });
          }
        })();

        await sleep(1000);
        const backupFile = path.join(dir, backend.name === 'sqlite' ? 'gezicht-backup.db' : 'gezicht-backup.pgdump');
        const startedAt = performance.now();
        const backup = await run(['backup', '--db', db, '--to', backupFile]);
        const doneAt = performance.now();
        await sleep(500); // writes go on after the backup
        stop = true;
        await loop;
        assert.equal(backup.code, 0, `gezicht backup failed: ${backup.stderr}`);
        assert.match(backup.stdout, /^backup written: .* bytes\)$/m);
        const before = answered.filter((a) => a.at < startedAt);
        const later = answered.filter((a) => a.at > doneAt);
        t.diagnostic(`${before.length} requests answered before the backup, ${answered.length - before.length - later.length} during it (${Math.round(doneAt - startedAt)} ms), ${later.length} after`);
        assert.ok(before.length >= 10 && later.length >= 1, 'writes ran before and after the backup');

        // Never over an existing file; never into a database that holds data.
        const again = await run(['backup', '--db', db, '--to', backupFile]);
        assert.equal(again.code, 1);
        assert.match(again.stderr, /^gezicht: the backup file .* exists already: choose a new name/m);
        const overLive = await run(['restore', '--from', backupFile, '--db', db]);
        assert.equal(overLive.code, 1);
        assert.match(overLive.stderr, backend.name === 'sqlite' ? /the database .* exists already/ : /has tables already: restore into a new, empty database/);
        const notABackup = path.join(dir, 'notes.txt');
        await writeFile(notABackup, 'no backup here\n');
        const wrongFile = await run(['restore', '--from', notABackup, '--db', path.join(dir, 'other.db')]);
        assert.equal(wrongFile.code, 1);
        assert.match(wrongFile.stderr, /is not a gezicht backup: neither a SQLite database nor a pg_dump custom-format file/);

        // The machine is lost: a new, empty database from the backup.
        assert.equal((await server.stop()).code, 0);
        server = null;
        let target = db;
        if (backend.name === 'sqlite') target = path.join(dir, 'restored.db');
        else emptyPostgres(db);
        // A damaged backup (cut off halfway) restores nothing at all.
        const whole = await readFile(backupFile);
        const damaged = path.join(dir, `damaged-${path.basename(backupFile)}`);
        await writeFile(damaged, whole.subarray(0, Math.floor(whole.length / 2)));
        const cutOff = await run(['restore', '--from', damaged, '--db', target]);
        assert.equal(cutOff.code, 1, `a damaged backup is refused: ${cutOff.stdout}`);
        if (backend.name === 'sqlite') {
          await assert.rejects(stat(target), { code: 'ENOENT' }, 'no database file is left behind');
          await assert.rejects(stat(`${target}.partial`), { code: 'ENOENT' }, 'no partial file is left behind');
        }
        const restored = await runOk(['restore', '--from', backupFile, '--db', target]);
        assert.match(restored.stdout, /audit trail intact: \d+ entries, head [0-9a-f]{64}/);
        const verified = await runOk(['audit', 'verify', '--db', target]);
        assert.match(verified.stdout, /^audit trail intact: \d+ entries/m);

        // A team lead per team, added to the restored database.
        const leads = new Map();
        for (const n of neighbourhoods) {
          if (leads.has(n.team.id)) continue;
          const username = `e2e.backup.${n.team.id}`;
          await addUser(target, { username, password, name: `Leiding ${n.team.name}`, role: 'teamlead', team: n.team.name, phone: '010 123 4567' });
          leads.set(n.team.id, username);
        }
        server = await startServer({ db: target });
        const clients = new Map();
        for (const [team, username] of leads) {
          const lead = new Client(server.url);
          await lead.login(username, password);
          clients.set(team, lead);
        }
        const status = async ({ reference, team }) => (await clients.get(team).get(`/api/v1/referrals/${reference}`)).status;
        const missing = [];
        for (const a of before) if ((await status(a)) !== 200) missing.push(a.reference);
        assert.deepEqual(missing, [], 'requests answered before the backup began are in it');
        // One snapshot, not a mix: nothing answered after the backup ended is in it.
        const present = [];
        for (const a of later) if ((await status(a)) === 200) present.push(a.reference);
        assert.deepEqual(present, [], 'requests answered after the backup ended are not in it');

        const afterwards = await new Client(server.url).post('/api/v1/referrals', {
          json: { postcode: neighbourhoods[0].postcodes[0].from, house_number: '99999', name: 'Na het terugzetten', phone: '06 1234 5678', question: 'Werkt het weer?', language: 'nl', channel: 'phone', trusted_person: false },
        });
        expectStatus(afterwards, 201, 'a request for help in the restored database');
        assert.equal((await server.stop()).code, 0);
        server = null;
        assert.match((await runOk(['audit', 'verify', '--db', target])).stdout, /^audit trail intact/m);
      });
    });
  }
});
