// The README's commands, run as written, so the README cannot drift from the
// program: every line of the sh blocks under "Try it (demo)" and "Running it
// for real". Only where things go changes: the databases into a temp folder,
// the ports to free ones. A command that serves (scripts/demo.sh, gezicht
// serve) must answer /healthz and stop cleanly on SIGTERM.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { gezichtBin, makeTempDir, removeTempDir, repoRoot } from './lib/server.mjs';

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

// The commands of a section's ```sh blocks, continuation lines joined.
function commandsOf(heading) {
  const start = readme.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `README.md has a section "## ${heading}"`);
  const next = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, next < 0 ? undefined : next);
  const commands = [];
  for (const [, block] of section.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const line of block.replace(/\\\n\s*/g, ' ').split('\n')) {
      if (line.trim() && !line.trim().startsWith('#')) commands.push(line.trim());
    }
  }
  assert.ok(commands.length > 0, `the section "${heading}" shows commands`);
  return commands;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function shell(command, { env = {} } = {}) {
  const child = spawn('bash', ['-c', `set -euo pipefail\n${command}`], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so a server it starts is stopped with it
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (output += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (output += d));
  const done = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, output })));
  return { child, done, output: () => output };
}

async function runToEnd(command, timeoutMs) {
  const run = shell(command);
  const timer = setTimeout(() => process.kill(-run.child.pid, 'SIGKILL'), timeoutMs);
  const result = await run.done;
  clearTimeout(timer);
  return result;
}

// Starts a serving command, waits until it answers, then stops it with SIGTERM.
async function serveThenStop(command, port, timeoutMs) {
  const run = shell(command);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  let answered = false;
  let exited = null;
  run.done.then((result) => (exited = result));
  while (!answered && exited === null && Date.now() < deadline) {
    try {
      answered = (await fetch(`${base}/healthz`)).ok;
    } catch {
      await sleep(200);
    }
  }
  let frontDoor = null;
  if (answered) frontDoor = await (await fetch(`${base}/`)).text();
  if (exited === null) process.kill(-run.child.pid, 'SIGTERM');
  const result = await run.done;
  return { answered, frontDoor, ...result, output: run.output() };
}

function isServing(command) {
  return /^scripts\/demo\.sh\b/.test(command) || /^build\/gezicht serve\b/.test(command);
}

describe("the README's commands run as written", () => {
  let dir;
  before(async () => {
    dir = await makeTempDir('readme');
  });
  after(async () => {
    await removeTempDir(dir);
  });

  // Where the README writes (var/*.db, /var/lib/gezicht) goes to the temp
  // folder, a port to a free one, and build/gezicht to the binary under test.
  async function rewrite(command) {
    const port = await freePort();
    let line = command
      .replaceAll('/var/lib/gezicht/', `${dir}/`)
      .replace(/(^|\s)var\//g, `$1${dir}/`)
      .replace(/127\.0\.0\.1:\d+/g, `127.0.0.1:${port}`)
      .replace(/--port \d+/g, `--port ${port}`)
      .replace(/^build\/gezicht\b/, gezichtBin)
      .replace(/\| build\/gezicht\b/, `| ${gezichtBin}`);
    // scripts/demo.sh without options writes var/demo.db and listens on 8080.
    if (/^scripts\/demo\.sh\b/.test(line)) {
      if (!line.includes('--db')) line += ` --db ${dir}/demo.db`;
      if (!line.includes('--port')) line += ` --port ${port}`;
    }
    return { line, port };
  }

  for (const heading of ['Try it (demo)', 'Running it for real']) {
    test(`"${heading}"`, async () => {
      // Variable assignments (DB=...) hold for the lines after them.
      let assignments = '';
      for (const command of commandsOf(heading)) {
        const { line, port } = await rewrite(command);
        const withoutComment = line.replace(/\s+#.*$/, '');
        if (/^[A-Z_]+=\S+$/.test(withoutComment)) {
          assignments += `${withoutComment}\n`;
          continue;
        }
        if (isServing(command)) {
          // exec: the SIGTERM reaches the server itself (scripts/demo.sh execs it too).
          const served = await serveThenStop(`${assignments}exec ${line}`, port, 300_000);
          assert.ok(served.answered, `${command}\n  never answered /healthz; it said:\n${served.output}`);
          assert.match(served.frontDoor, /name="postcode"/, `${command}: the front door`);
          assert.equal(served.code, 0, `${command}: exit code after SIGTERM; it said:\n${served.output}`);
          if (command.startsWith('scripts/demo.sh')) {
            assert.match(served.output, /Demo logins/, `${command} prints the demo logins`);
          }
        } else {
          const result = await runToEnd(`${assignments}${line}`, 300_000);
          assert.equal(result.code, 0, `${command}\n  exited with ${result.code ?? result.signal}; it said:\n${result.output}`);
        }
      }
    });
  }
});
