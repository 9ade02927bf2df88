// The configuration file as the Debian package uses it: `gezicht serve
// --config FILE` takes its settings from the file, a GEZICHT_* variable wins
// over the file and the command line over both; `gezicht config check` says
// where each setting came from and fails with the file's line for a wrong key.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { Client, expectJson } from './lib/http.mjs';
import { assetsDir, gezichtBin, makeTempDir, removeTempDir, repoRoot, runOk } from './lib/server.mjs';

// Runs gezicht with extra environment variables: {code, stdout, stderr}.
function gezicht(args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(gezichtBin, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

// serve --config FILE until it says where it listens; {url, stop}.
function serveWith(args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(gezichtBin, ['serve', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const exited = new Promise((done) => child.on('exit', done));
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`no "listening on" within 30 s: ${stderr}`)); }, 30_000);
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => {
      stdout += d;
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      resolve({ url: match[1], output: () => stdout, stop: async () => { child.kill('SIGTERM'); await exited; } });
    });
    exited.then((code) => { clearTimeout(timer); reject(new Error(`serve exited with ${code}: ${stderr}`)); });
  });
}

describe('the configuration file', () => {
  let dir;
  let db;
  let file;
  before(async () => {
    dir = await makeTempDir('config');
    db = path.join(dir, 'gezicht.db');
    file = path.join(dir, 'gezicht.toml');
    await writeFile(file, `# as /etc/gezicht/gezicht.toml
[database]
url = "${db}"

[http]
listen = "127.0.0.1:1"
assets = "${assetsDir}"
workers = 2

[mail]
outbox = "${path.join(dir, 'outbox')}"

[logging]
request_log = "off"

[metrics]
allow = []
`);
    await runOk(['migrate', '--config', file]);
    await runOk(['directory', 'import', '--config', file, path.join(repoRoot, 'examples/municipality.json')]);
  });
  after(async () => {
    await removeTempDir(dir);
  });

  test('serve takes its settings from the file, the environment over it and the command line over both', async () => {
    const server = await serveWith(['--config', file], { GEZICHT_LISTEN: '127.0.0.1:0' });
    try {
      assert.doesNotMatch(server.url, /:1$/, 'the environment\'s listen address over the file\'s');
      const front = expectJson(await new Client(server.url).get('/api/v1/frontdoor?postcode=2500AB'));
      assert.equal(front.neighbourhood.name, 'De Esch', 'the database the file names');
      const metrics = await fetch(`${server.url}/metrics`);
      assert.equal(metrics.status, 404, 'metrics.allow = [] lets no network read /metrics');
      assert.doesNotMatch(server.output(), /"route"/, 'request_log = "off"');
    } finally {
      await server.stop();
    }
    const other = await serveWith(['--config', file, '--listen', '127.0.0.1:0', '--request-log', 'json'], { GEZICHT_LISTEN: '127.0.0.1:1' });
    try {
      assert.doesNotMatch(other.url, /:1$/, 'the command line\'s listen address over the environment\'s');
      assert.equal((await fetch(`${other.url}/healthz`)).status, 200);
    } finally {
      await other.stop();
    }
  });

  test('config check says where each setting came from, and refuses a wrong one with its line', async () => {
    const good = await gezicht(['config', 'check', '--config', file], { GEZICHT_WORKERS: '3' });
    assert.equal(good.code, 0, good.stderr);
    assert.match(good.stdout, /^ {2}database\.url +from the file$/m);
    assert.match(good.stdout, /^ {2}http\.workers +from GEZICHT_WORKERS$/m);
    assert.match(good.stdout, /^configuration OK/m);

    const typo = path.join(dir, 'typo.toml');
    await writeFile(typo, `[database]\nurl = "${db}"\n[http]\nworkerz = 4\n`);
    const wrongKey = await gezicht(['config', 'check', '--config', typo]);
    assert.equal(wrongKey.code, 2);
    assert.match(wrongKey.stderr, /typo\.toml:4: http\.workerz: is not a setting/);

    const outOfRange = await gezicht(['config', 'check', '--config', file], { GEZICHT_WORKERS: '999' });
    assert.equal(outOfRange.code, 2);
    assert.match(outOfRange.stderr, /--workers: Value 999 not in range 1 to 256/);

    const missingKey = path.join(dir, 'key.toml');
    await writeFile(missingKey, `[database]\nurl = "${db}"\n[http]\nassets = "${assetsDir}"\n[security]\ntotp_key_file = "${path.join(dir, 'no-such.key')}"\n`);
    const unusable = await gezicht(['config', 'check', '--config', missingKey]);
    assert.equal(unusable.code, 1, 'a key file that cannot be read is not a wrong setting but an unusable one');
    assert.match(unusable.stderr, /no-such\.key/);

    // Without --config the environment steers nothing.
    const plain = await gezicht(['migrate'], { GEZICHT_DB: db });
    assert.notEqual(plain.code, 0, 'migrate without --db or --config is refused, whatever GEZICHT_DB says');
    assert.match(plain.stderr, /--db is required/);
  });
});
