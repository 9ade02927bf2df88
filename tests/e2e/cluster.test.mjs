// Several servers on one database, behind nginx: nothing that matters lives
// in one server's memory. A session started through one continues on the
// other; failed logins count on both together; a change to the directory made beside them shows on both within
// seconds; a loop of writes through nginx while one server is killed with
// kill -9 loses no acknowledged write, and the audit trail stays one chain.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { Client, expectJson, expectStatus } from './lib/http.mjs';
import { addUser, backends, createDemoDatabase, makeTempDir, removeTempDir, runOk, startServer } from './lib/server.mjs';
import { password } from './lib/town.mjs';
import { freePort, unreadableReferrals } from './lib/writes.mjs';

const MAX_REQUESTS = 5000; // a bound on the write loop, whatever happens

// Debian's nginx-light in the foreground, balancing over the servers.
async function startNginx(dir, servers) {
  const port = await freePort();
  const temp = path.join(dir, 'nginx-tmp');
  await mkdir(temp, { recursive: true });
  await chmod(temp, 0o777); // its workers may run as another user
  const conf = path.join(dir, 'nginx.conf');
  await writeFile(
    conf,
    `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${temp};
  proxy_temp_path ${temp};
  fastcgi_temp_path ${temp};
  uwsgi_temp_path ${temp};
  scgi_temp_path ${temp};
  upstream gezicht {
${servers.map((s) => `    server 127.0.0.1:${s.port} max_fails=1 fail_timeout=5s;`).join('\n')}
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://gezicht;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Request-Id $request_id;
      proxy_connect_timeout 2s;
    }
  }
}
`,
  );
  const child = spawn('nginx', ['-c', conf, '-e', path.join(dir, 'nginx-error.log')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i += 1) {
    try {
      await fetch(`${url}/healthz`);
      return { url, stop: async () => { child.kill('SIGQUIT'); await exited; } };
    } catch {
      await sleep(50);
    }
  }
  child.kill('SIGKILL');
  throw new Error(`nginx did not start: ${output}`);
}

describe('two servers behind nginx on one database', () => {
  for (const backend of backends()) {
    describe(`on ${backend.name}`, () => {
      let dir;
      let db;
      let demo;
      let servers = [];
      let nginx;
      const lead = 'e2e.cluster.lead';

      before(async () => {
        dir = await makeTempDir(`cluster-${backend.name}`);
        ({ db, demo } = await createDemoDatabase(backend, dir, { households: 200 }));
        const front = await (async () => {
          const server = await startServer({ db });
          try {
            return expectJson(await new Client(server.url).get(`/api/v1/frontdoor?postcode=${demo.example_postcode}`));
          } finally {
            await server.stop();
          }
        })();
        await addUser(db, { username: lead, password, name: 'Lies Leiding', role: 'teamlead', team: front.team.name, phone: '010 123 4567' });
        servers = [await startServer({ db, extraArgs: ['--trusted-proxy', '127.0.0.1'] }), await startServer({ db, extraArgs: ['--trusted-proxy', '127.0.0.1'] })];
        nginx = await startNginx(dir, servers);
      });

      after(async () => {
        await nginx?.stop();
        for (const server of servers) await server.stop().catch(() => server.kill());
        await removeTempDir(dir);
      });

      test('a session started through one server continues on the other', async () => {
        const client = new Client(nginx.url);
        await client.login(lead, password);
        for (const server of servers) {
          const direct = new Client(server.url);
          direct.cookies = new Map(client.cookies);
          direct.csrfToken = client.csrfToken;
          const me = await direct.get('/api/v1/me');
          expectStatus(me, 200, `the session on the server at ${server.url}`);
          assert.equal(me.json.username, lead);
        }
      });

      test('failed logins count on both servers together', async () => {
        // Five wrong passwords for one account, spread over the two servers.
        for (let i = 0; i < 5; i += 1) {
          const response = await new Client(servers[i % 2].url).post('/api/v1/login', { json: { username: 'e2e.cluster.nobody', password: `wrong ${i}` } });
          expectStatus(response, 401, `wrong password ${i + 1}`);
        }
        for (const server of servers) {
          const refused = await new Client(server.url).post('/api/v1/login', { json: { username: 'e2e.cluster.nobody', password: 'wrong again' } });
          expectStatus(refused, 429, `the sixth try on the server at ${server.url}`);
          assert.ok(Number(refused.headers.get('retry-after')) > 0);
        }
      });

      test('a change to the directory shows on both servers within seconds', async () => {
        const exported = JSON.parse((await runOk(['directory', 'export', '--db', db])).stdout);
        const front = expectJson(await new Client(servers[0].url).get(`/api/v1/frontdoor?postcode=${demo.example_postcode}`));
        const team = exported.teams.find((t) => t.name === front.team.name);
        team.phone = '010 999 8877';
        const file = path.join(dir, 'directory.json');
        await writeFile(file, JSON.stringify(exported));
        await runOk(['directory', 'import', '--db', db, file]);
        const started = Date.now();
        for (const server of servers) {
          let phone;
          while (Date.now() - started < 10_000) {
            phone = expectJson(await new Client(server.url).get(`/api/v1/frontdoor?postcode=${demo.example_postcode}`)).team.phone;
            if (phone === '010 999 8877') break;
            await sleep(100);
          }
          assert.equal(phone, '010 999 8877', `the new phone on the server at ${server.url}`);
        }
      });

      test('writes through nginx while one server is killed: every answered one is there, and the trail is one chain', { timeout: 120_000 }, async (t) => {
        const neighbourhoods = expectJson(await new Client(nginx.url).get('/api/v1/neighbourhoods'));
        const client = new Client(nginx.url);
        const answered = [];
        const failed = [];
        let stop = false;
        const loop = (async () => {
          for (let i = 0; i < MAX_REQUESTS && !stop; i += 1) {
            const n = neighbourhoods[i % neighbourhoods.length];
            let response;
            try {
              response = await client.post('/api/v1/referrals', {
                json: { postcode: n.postcodes[0].from, house_number: String(30000 + i), name: `Bewoner ${i}`, phone: '06 1234 5678', question: `Vraag ${i} aan twee servers`, language: 'nl', channel: 'phone', trusted_person: false },
              });
            } catch (err) {
              failed.push(err.message);
              continue;
            }
            if (response.status === 201) answered.push({ reference: response.json.reference, team: response.json.team.id });
            else failed.push(`${response.status}`);
          }
        })();
        await sleep(1500);
        const beforeKill = answered.length;
        await servers[0].kill();
        await sleep(1500);
        stop = true;
        await loop;
        t.diagnostic(`${answered.length} requests answered (${beforeKill} before the kill), ${failed.length} not: ${[...new Set(failed)].join(', ')}`);
        assert.ok(beforeKill >= 10 && answered.length > beforeKill, 'writes went on through the other server after the kill');
        assert.ok(failed.every((f) => f === '502' || f === '504'), `only the request under way may fail, as a gateway error: ${failed}`);

        // Every answered request is there, as the team leads of its teams read it on the surviving server.
        const missing = await unreadableReferrals({ db, url: servers[1].url, label: 'e2e.cluster', neighbourhoods, answered });
        assert.deepEqual(missing, [], 'no acknowledged write is lost');
        await servers[1].stop();
        const verified = await runOk(['audit', 'verify', '--db', db]);
        assert.match(verified.stdout, /^audit trail intact: \d+ entries/m);
      });
    });
  }
});
