// The HTTP layer's own limits, against the real server: the connection cap,
// the idle timeout, a few large uploads at a time, and a graceful stop on
// SIGTERM with connections open.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';

import { createDemoDatabase, makeTempDir, removeTempDir, startServer } from './lib/server.mjs';

// Opens a raw connection and resolves once it is established.
function connect(port) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}

// Resolves with what the server sent before it closed the connection, or
// 'open' if it is still open after waitMs.
function closedWithin(socket, waitMs) {
  return new Promise((resolve) => {
    let received = '';
    const timer = setTimeout(() => resolve('open'), waitMs);
    socket.on('data', (d) => (received += d.toString('latin1')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.on('error', () => {});
  });
}

// One keep-alive request on a raw socket; resolves with the status line.
function request(socket, path) {
  return new Promise((resolve) => {
    let received = '';
    const onData = (d) => {
      received += d.toString('latin1');
      if (received.includes('\r\n\r\n')) {
        socket.off('data', onData);
        resolve(received.split('\r\n')[0]);
      }
    };
    socket.on('data', onData);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
  });
}

// Connects until a connection is kept and answers `path`: a place that
// another connection freed may take the server a moment to notice. Resolves
// with the status line; fails after waitMs.
async function requestOnceThereIsRoom(port, path, waitMs = 5000) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const socket = await connect(port);
    const answer = await new Promise((resolve) => {
      socket.on('close', () => resolve(null));
      request(socket, path).then(resolve);
    });
    socket.destroy();
    if (answer !== null) return answer;
    if (Date.now() > deadline) throw new Error(`no room for a connection within ${waitMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('HTTP limits of the server', () => {
  let dir;
  let db;
  before(async () => {
    dir = await makeTempDir('limits');
    ({ db } = await createDemoDatabase({ name: 'sqlite' }, dir, { households: 50 }));
  });
  after(async () => removeTempDir(dir));

  it('closes connections over the cap at once and accepts again when one closes', async () => {
    const server = await startServer({ db, extraArgs: ['--max-connections', '3', '--io-threads', '1'] });
    try {
      const open = [await connect(server.port), await connect(server.port), await connect(server.port)];
      for (const socket of open) assert.match(await request(socket, '/healthz'), /^HTTP\/1\.1 200/);
      const fourth = await connect(server.port);
      assert.equal(await closedWithin(fourth, 2000), '', 'the fourth connection is closed without an answer');
      open[0].destroy();
      assert.match(await requestOnceThereIsRoom(server.port, '/healthz'), /^HTTP\/1\.1 200/, 'a place came free');
      for (const socket of open) socket.destroy();
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      assert.match(metrics, /gezicht_refused_connections_total [1-9]/);
    } finally {
      await server.stop();
    }
  });

  it('closes a connection that stays idle longer than the idle timeout', async () => {
    const server = await startServer({ db, extraArgs: ['--idle-timeout', '1'] });
    try {
      const idle = await connect(server.port);
      assert.match(await request(idle, '/healthz'), /^HTTP\/1\.1 200/);
      const started = Date.now();
      assert.notEqual(await closedWithin(idle, 5000), 'open', 'the idle connection was closed');
      assert.ok(Date.now() - started >= 900, 'not before the timeout');
      // A client that sends half a header and then nothing is cut off too.
      const slow = await connect(server.port);
      slow.write('GET /healthz HTTP/1.1\r\nHost: loc');
      assert.notEqual(await closedWithin(slow, 5000), 'open', 'a slow header does not hold the connection');
    } finally {
      await server.stop();
    }
  });

  it('reads only a few large uploads at once, whoever sends them; others get 503 before their body', async () => {
    const server = await startServer({ db });
    try {
      // Each announces a photo of 2 MB and sends nothing yet: the server holds a body's memory for each.
      const head = 'POST /account/foto HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=x\r\n' +
        `Content-Length: ${2 * 1024 * 1024}\r\n\r\n`;
      const slow = [];
      for (let i = 0; i < 4; i += 1) {
        const socket = await connect(server.port);
        socket.write(head);
        slow.push(socket);
      }
      await new Promise((r) => setTimeout(r, 200));
      const fifth = await connect(server.port);
      fifth.write(head);
      assert.match(await closedWithin(fifth, 3000), /^HTTP\/1\.1 503/, 'the fifth waits for a 503');
      // A small request still gets through meanwhile.
      assert.match(await request(await connect(server.port), '/healthz'), /^HTTP\/1\.1 200/);
      for (const socket of slow) socket.destroy();
      // Once they are gone (which the server may take a moment to notice), an upload is read again.
      const deadline = Date.now() + 5000;
      let kept = false;
      while (!kept && Date.now() < deadline) {
        const later = await connect(server.port);
        later.write(head);
        kept = (await closedWithin(later, 500)) === 'open';
        later.destroy();
      }
      assert.ok(kept, 'once they are gone, an upload is read again');
    } finally {
      await server.stop();
    }
  });

  it('stops on SIGTERM with exit code 0 while keep-alive connections are open', async () => {
    const server = await startServer({ db });
    const kept = await connect(server.port);
    assert.match(await request(kept, '/healthz'), /^HTTP\/1\.1 200/);
    const { code, signal } = await server.stop(10_000);
    assert.equal(signal, null);
    assert.equal(code, 0);
    kept.destroy();
  });
});
