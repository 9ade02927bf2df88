// A standby that takes over. Two servers write to a PostgreSQL primary whose
// commits wait for a streaming standby (synchronous replication), through one
// connection string naming both with target_session_attrs=read-write. The
// primary's machine is lost (kill -9 of all its processes) in the middle of a
// write loop, the standby is promoted, and the servers carry on by themselves:
// no acknowledged write is lost, and the audit trail verifies. The time
// without writes is printed.
// Runs when the test command has PostgreSQL (GEZICHT_TEST_POSTGRES_URL set);
// it starts its own primary and standby, on loopback.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmod, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { Client, expectJson } from './lib/http.mjs';
import { createDemoDatabase, makeTempDir, removeTempDir, repoRoot, runOk, startServer } from './lib/server.mjs';
import { freePort, unreadableReferrals } from './lib/writes.mjs';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const MAX_REQUESTS = 20_000; // a bound on each write loop, whatever happens
const RECOVERY_LIMIT_MS = 60_000; // writes must be back within this long after the promotion

// Runs a command to its end; as root, PostgreSQL's own commands run as postgres.
function command(file, args, { asPostgres = false } = {}) {
  const [bin, argv] = asPostgres && process.getuid() === 0 ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  return new Promise((resolve, reject) => {
    const child = spawn(bin, argv, { cwd: asPostgres ? '/' : repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${file} ${args.join(' ')} exited with ${code ?? signal}\n${stderr.trim().slice(-3000)}`));
    });
  });
}

const lastLine = (text) => text.trim().split('\n').pop();

// The postmaster and its children. PostgreSQL puts each child in a session of
// its own, so a signal to the postmaster's process group would miss them.
async function clusterProcesses(postmaster) {
  const pids = [postmaster];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmaster) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

// The machine is lost: every process is killed in one synchronous loop, the
// postmaster first so that it starts no new child. No SIGSTOP first: the test
// command runs under strace, and a traced process in a group-stop that is then
// killed can make strace give up (PTRACE_LISTEN: EIO), after which every traced
// process gets ENOSYS from its seccomp filter and the run hangs.
function loseMachine(pids) {
  for (const pid of pids) process.kill(pid, 'SIGKILL');
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('a synchronous standby takes over from a lost primary', { skip: !process.env.GEZICHT_TEST_POSTGRES_URL && 'no PostgreSQL in this run' }, () => {
  let dir;
  let primaryDir;
  let standbyDir;
  let db;
  let demo;
  let servers = [];

  before(async () => {
    dir = await makeTempDir('failover');
    await chmod(dir, 0o755); // the postgres user makes its data folders in here
    primaryDir = path.join(dir, 'primary');
    standbyDir = path.join(dir, 'standby');
    const primaryPort = await freePort();
    await command(path.join(repoRoot, 'scripts/start-postgres.sh'), [primaryDir, String(primaryPort)]);
    db = lastLine(await command(path.join(repoRoot, 'scripts/start-standby.sh'), [primaryDir, String(primaryPort), standbyDir, String(await freePort())]));
    assert.match(db, /^postgresql:\/\/gezicht:gezicht@127\.0\.0\.1:\d+,127\.0\.0\.1:\d+\/gezicht\?target_session_attrs=read-write$/);
    ({ demo } = await createDemoDatabase({ name: 'postgresql', url: db }, dir, { households: 100 }));
    servers = [await startServer({ db }), await startServer({ db })];
  });

  after(async () => {
    for (const server of servers) await server.stop().catch(() => server.kill());
    for (const data of [standbyDir, primaryDir]) {
      if (data) await command(path.join(repoRoot, 'scripts/stop-postgres.sh'), [data]).catch(() => {});
    }
    await removeTempDir(dir);
  });

  test('kill the primary during writes, promote the standby: the servers carry on and nothing acknowledged is lost', { timeout: 180_000 }, async (t) => {
    const neighbourhoods = expectJson(await new Client(servers[0].url).get('/api/v1/neighbourhoods'));
    // A professional with a session, who opens a page while no primary runs.
    const professional = demo.logins.find((l) => l.role === 'professional');
    const staff = new Client(servers[1].url);
    await staff.login(professional.username, professional.password);
    const answered = [];
    const failed = [];
    let stop = false;
    // One loop per server, each sending its next request when the last is answered.
    const loops = servers.map((server, s) => (async () => {
      const client = new Client(server.url);
      for (let i = 0; i < MAX_REQUESTS && !stop; i += 1) {
        const n = neighbourhoods[i % neighbourhoods.length];
        let response;
        const sentAt = Date.now();
        try {
          response = await client.post('/api/v1/referrals', {
            json: { postcode: n.postcodes[0].from, house_number: String(40000 + i), name: `Bewoner ${s}-${i}`, phone: '06 1234 5678', question: `Vraag ${i} tijdens een failover`, language: 'nl', channel: 'phone', trusted_person: false },
          });
        } catch (err) {
          failed.push({ at: Date.now(), what: err.message });
          await sleep(20);
          continue;
        }
        if (response.status === 201) {
          answered.push({ at: Date.now(), sentAt, reference: response.json.reference, team: response.json.team.id });
        } else {
          failed.push({ at: Date.now(), what: String(response.status), retryAfter: response.headers.get('retry-after') });
          await sleep(20);
        }
      }
    })());

    await sleep(2000);
    const postmaster = Number((await readFile(path.join(primaryDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    const killed = await clusterProcesses(postmaster);
    loseMachine(killed); // synchronous: no answer is taken in between
    const killedAt = Date.now();
    const beforeKill = answered.length;
    // A page (not the API) while no primary runs: the same refusal, as a page
    // in Dutch, rendered without the database.
    const page = await staff.get('/inbox');
    // The operator (or a tool such as Patroni) decides to promote; here after a second.
    await sleep(Math.max(0, killedAt + 1000 - Date.now()));
    const promotedAt = Date.now();
    await command(path.join(PG_BIN, 'pg_ctl'), ['-D', standbyDir, '-w', '-t', '60', 'promote'], { asPostgres: true });
    const promotedAfter = Date.now() - promotedAt;
    const recovered = () => answered.filter((a) => a.at > promotedAt).length >= 2 * servers.length;
    while (!recovered() && Date.now() - promotedAt < RECOVERY_LIMIT_MS) await sleep(50);
    await sleep(1500); // writes carry on for a while on the new primary
    stop = true;
    await Promise.all(loops);

    // A request sent before the kill may be answered just after it: its
    // commit was done (and on the standby) and its answer on the way. A
    // request sent after the kill can only be answered by a new primary.
    const inFlight = answered.filter((a) => a.sentAt <= killedAt && a.at > killedAt).length;
    const lastBefore = Math.max(...answered.filter((a) => a.sentAt <= killedAt).map((a) => a.at));
    const firstAfter = Math.min(...answered.filter((a) => a.sentAt > killedAt).map((a) => a.at));
    const afterPromotion = answered.filter((a) => a.at > promotedAt).length;
    const kinds = [...new Set(failed.map((f) => f.what))];
    t.diagnostic(`failover: ${answered.length} writes answered (${beforeKill} before the kill, ${inFlight} sent before it and answered just after, ${afterPromotion} after the promotion), ${failed.length} refused (${kinds.join(', ')})`);
    t.diagnostic(`failover: no writes for ${firstAfter - lastBefore} ms (the promotion itself took ${promotedAfter} ms; it was started 1,000 ms after the kill); first write on the new primary ${firstAfter - promotedAt} ms after the promotion began; ${killed.length} processes of the primary killed`);
    assert.ok(beforeKill >= 10, `writes ran before the kill (${beforeKill})`);
    await sleep(100);
    assert.deepEqual(killed.filter(alive), [], 'every process of the old primary is gone');
    assert.ok(killed.length >= 5, `the postmaster and its children were found (${killed.length})`);
    assert.ok(firstAfter > promotedAt, 'no write sent after the kill was answered before the promotion');
    assert.ok(recovered(), `both servers write again within ${RECOVERY_LIMIT_MS} ms of the promotion`);
    // While no server takes writes, each request is refused as unavailable, with a hint to try again.
    assert.deepEqual(kinds, ['503'], 'requests during the failover are refused with 503, nothing else');
    assert.ok(failed.every((f) => f.retryAfter === '1'), 'each refusal says when to try again');
    assert.equal(page.status, 503, `a page without a primary: ${page.describe()}`);
    assert.match(page.headers.get('content-type'), /^text\/html/);
    assert.equal(page.headers.get('retry-after'), '1');
    assert.match(page.text, /Dit lukt even niet/);

    // Every acknowledged request is on the new primary, as its team leads read it.
    const missing = await unreadableReferrals({ db, url: servers[1].url, label: 'e2e.failover', neighbourhoods, answered });
    assert.deepEqual(missing, [], 'no acknowledged write is lost');
    for (const server of servers) await server.stop();
    const verified = await runOk(['audit', 'verify', '--db', db]);
    assert.match(verified.stdout, /^audit trail intact: \d+ entries/m);
  });
});
