// Runs the gezicht binary for the end-to-end tests: its CLI commands (demo,
// migrate, user add) and the server itself, each test file on its own temp
// directory, database and port.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const gezichtBin = process.env.GEZICHT_BIN || path.join(repoRoot, 'build/gezicht');
export const assetsDir = path.join(repoRoot, 'node_modules');

// The databases a suite runs on: SQLite always, PostgreSQL when the test
// command was given one (its contents are dropped by the tests).
export function backends() {
  const list = [{ name: 'sqlite' }];
  const url = process.env.GEZICHT_TEST_POSTGRES_URL;
  if (url) list.push({ name: 'postgresql', url });
  return list;
}

// Every child this process started, so none outlives a crashed test run.
const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

function describeCommand(args) {
  return ['gezicht', ...args].map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ');
}

// Runs one CLI command to its end: {code, signal, stdout, stderr}.
export function run(args, { input, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(gezichtBin, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      children.delete(child);
      reject(new Error(`cannot run ${gezichtBin}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.on('error', () => {}); // a command that does not read stdin
    child.stdin.end(input ?? '');
  });
}

// Like run, but a failing command fails the caller with what it said.
export async function runOk(args, options) {
  const result = await run(args, options);
  if (result.code !== 0) {
    throw new Error(
      `\`${describeCommand(args)}\` exited with ${result.code ?? result.signal}\n` +
        `stderr: ${result.stderr.trim()}\nstdout: ${result.stdout.slice(0, 2000).trim()}`,
    );
  }
  return result;
}

export async function makeTempDir(label) {
  return mkdtemp(path.join(tmpdir(), `gezicht-e2e-${label}-`));
}

export async function removeTempDir(dir) {
  if (dir && !process.env.GEZICHT_KEEP_TMP) await rm(dir, { recursive: true, force: true });
}

// Makes the demo municipality on an empty database and returns its
// description ({municipality, households, example_postcode, logins}).
export async function createDemoDatabase(backend, dir, { households = 400, seed = 7 } = {}) {
  let db;
  if (backend.name === 'sqlite') {
    db = path.join(dir, 'demo.db');
  } else {
    db = backend.url;
    await runOk(['migrate', '--db', db, '--reset']);
  }
  const { stdout } = await runOk([
    'demo', '--db', db, '--households', String(households), '--seed', String(seed), '--json',
  ]);
  let demo;
  try {
    demo = JSON.parse(stdout);
  } catch (err) {
    throw new Error(`gezicht demo --json did not print one JSON object: ${err.message}\n${stdout.slice(0, 500)}`);
  }
  return { db, demo };
}

export async function addUser(db, { username, password, name, role, team, phone, jobTitle, languages, domain, household }) {
  const args = ['user', 'add', '--db', db, '--username', username, '--password-stdin', '--name', name, '--role', role];
  if (team !== undefined) args.push('--team', team);
  if (domain !== undefined) args.push('--domain', domain);
  if (household !== undefined) args.push('--household', String(household));
  if (phone !== undefined) args.push('--phone', phone);
  if (jobTitle !== undefined) args.push('--job-title', jobTitle);
  if (languages !== undefined) args.push('--languages', languages);
  await runOk(args, { input: `${password}\n` });
}

// Starts `gezicht serve` on a free port and resolves once it said where it listens.
// Without a mail option of its own, the server writes mail into an outbox
// folder of its own (never the repository's working directory).
export function startServer({ db, startTimeoutMs = 30_000, extraArgs = [] }) {
  const ownMail = extraArgs.some((a) => a === '--smtp-url' || a === '--mail-outbox');
  const outbox = ownMail ? undefined : mkdtempSync(path.join(tmpdir(), 'gezicht-e2e-outbox-'));
  const mailArgs = outbox ? ['--mail-outbox', outbox] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(gezichtBin, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--assets', assetsDir, ...mailArgs, ...extraArgs], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    let started = false;
    const exited = new Promise((done) => {
      child.on('exit', (code, signal) => {
        children.delete(child);
        done({ code, signal });
      });
    });
    const fail = (message) => {
      if (started) return;
      started = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${message}\nstdout: ${stdout.trim()}\nstderr: ${stderr.trim().slice(-4000)}`));
    };
    const timer = setTimeout(() => fail(`gezicht serve did not say "listening on" within ${startTimeoutMs} ms`), startTimeoutMs);
    child.on('error', (err) => fail(`cannot run ${gezichtBin}: ${err.message}`));
    exited.then(({ code, signal }) => fail(`gezicht serve exited with ${code ?? signal} before listening`));
    // Both pipes are read to the end: a full pipe would block the server.
    child.stderr.setEncoding('utf8').on('data', (d) => {
      stderr = (stderr + d).slice(-200_000);
    });
    child.stdout.setEncoding('utf8').on('data', (d) => {
      stdout = (stdout + d).slice(-200_000);
      if (started) return;
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      const first = stdout.slice(0, newline).trim();
      const match = /^listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(first);
      if (!match) return fail(`the first line of gezicht serve was ${JSON.stringify(first)}, not "listening on http://127.0.0.1:PORT"`);
      started = true;
      clearTimeout(timer);
      const server = new RunningServer(child, exited, match[1], Number(match[2]), () => stdout + stderr);
      server.outbox = outbox; // the folder its mail goes to (lib/mail.mjs reads it)
      resolve(server);
    });
  });
}

class RunningServer {
  constructor(child, exited, url, port, output) {
    this.child = child;
    this.exited = exited;
    this.url = url;
    this.port = port;
    this.output = output;
    this.running = true;
    exited.then(() => (this.running = false));
  }

  // SIGTERM, then waits for the exit: {code, signal}. A server that does not
  // stop in time is killed, and that is an error.
  async stop(timeoutMs = 15_000) {
    if (!this.running) return this.exited;
    this.child.kill('SIGTERM');
    let timer;
    const late = new Promise((resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs)));
    const result = await Promise.race([this.exited, late]);
    clearTimeout(timer);
    if (result === 'late') {
      this.child.kill('SIGKILL');
      await this.exited;
      throw new Error(`gezicht serve did not exit within ${timeoutMs} ms of SIGTERM`);
    }
    return result;
  }

  // kill -9: no draining, no chance to flush anything.
  async kill() {
    if (!this.running) return this.exited;
    this.child.kill('SIGKILL');
    return this.exited;
  }
}
