// Mail for the end-to-end tests: a real SMTP server on loopback (Debian's
// python3-aiosmtpd, tests/support/smtp_server.py) that the server sends to,
// and the messages it received, decoded, so a test reads a login code or a
// link the way a resident would.
import { spawn } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot, makeTempDir, removeTempDir } from './server.mjs';

export async function startSmtpServer() {
  const dir = await makeTempDir('smtp');
  const child = spawn('/usr/bin/python3', [path.join(repoRoot, 'tests/support/smtp_server.py'), dir], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  const port = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the SMTP server did not start: ${stderr}`)), 15_000);
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      const newline = out.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(Number(out.slice(0, newline).trim()));
      }
    });
    child.on('exit', (code) => reject(new Error(`the SMTP server exited with ${code}: ${stderr}`)));
  });
  return new SmtpServer(child, dir, port);
}

// The server's outbox folder (serve --mail-outbox): the same questions as of the SMTP server.
export class Outbox {
  constructor(dir) {
    this.dir = dir;
  }

  async messages() {
    const names = (await readdir(this.dir)).filter((n) => n.endsWith('.eml'));
    const files = [];
    for (const name of names) {
      const full = path.join(this.dir, name);
      files.push({ full, mtime: (await stat(full)).mtimeMs });
    }
    files.sort((a, b) => a.mtime - b.mtime || a.full.localeCompare(b.full));
    const list = [];
    for (const file of files) list.push(parseMessage(await readFile(file.full, 'utf8')));
    return list;
  }

  waitFor(to, pattern, options) {
    return SmtpServer.prototype.waitFor.call(this, to, pattern, options);
  }
}

// Logs a resident in as the portal's API does: a code by e-mail, read from
// `mailbox` (an Outbox or an SMTP server). The client then holds the session.
export async function loginResident(client, email, mailbox) {
  const before = (await mailbox.messages()).length;
  const asked = await client.post('/api/v1/resident/login-code', { json: { email } });
  if (asked.status !== 202) throw new Error(`asking a code for ${email}: ${asked.describe()}`);
  const message = await mailbox.waitFor(email, /\b\d{6}\b/, { after: before });
  const code = /\b(\d{6})\b/.exec(message.body)[1];
  const login = await client.post('/api/v1/resident/login', { json: { email, code } });
  if (login.status !== 200) throw new Error(`logging in ${email} with a code: ${login.describe()}`);
  client.csrfToken = login.json.csrf_token;
  return login.json;
}

export function codeIn(message) {
  return /\b(\d{6})\b/.exec(message.body)[1];
}

class SmtpServer {
  constructor(child, dir, port) {
    this.child = child;
    this.dir = dir;
    this.port = port;
    this.url = `smtp://127.0.0.1:${port}`;
  }

  // Every message received so far, oldest first: {to, subject, body, language, raw}.
  async messages() {
    const names = (await readdir(this.dir)).filter((n) => n.endsWith('.eml'));
    names.sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
    const list = [];
    for (const name of names) list.push(parseMessage(await readFile(path.join(this.dir, name), 'utf8')));
    return list;
  }

  // Waits for a message to `to` whose body matches `pattern`, newer than `after` messages.
  async waitFor(to, pattern, { after = 0, timeoutMs = 10_000 } = {}) {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const found = (await this.messages()).slice(after).filter((m) => m.to === to && pattern.test(m.body));
      if (found.length) return found[found.length - 1];
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no message to ${to} matching ${pattern} within ${timeoutMs} ms`);
  }

  async stop() {
    this.child.stdin.end();
    await new Promise((r) => this.child.once('exit', r));
    await removeTempDir(this.dir);
  }
}

function decodeQuotedPrintable(text) {
  const bytes = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const b of Buffer.from(soft[i], 'utf8')) bytes.push(b);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeHeader(value) {
  return value.replace(/=\?utf-8\?B\?([^?]*)\?=\s*/gi, (_, b64) => Buffer.from(b64, 'base64').toString('utf8')).trim();
}

export function parseMessage(raw) {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    to: headers.to,
    subject: decodeHeader(headers.subject ?? ''),
    language: headers['content-language'],
    body: decodeQuotedPrintable(raw.slice(split + 4)).replace(/\r\n/g, '\n'),
    raw,
  };
}
