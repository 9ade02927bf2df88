// HTTP/1.1 framing against the real server over raw TCP: the attacks C++ HTTP
// servers have fallen to (request smuggling through Content-Length and
// Transfer-Encoding, broken chunking, control characters in fields, header
// floods, slow clients). Each is refused cleanly (400, 411, 413, 431 or 501,
// or a closed connection), never answers a smuggled request, and leaves the
// server answering /healthz.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';

import { createDemoDatabase, makeTempDir, removeTempDir, startServer } from './lib/server.mjs';

const refusals = [400, 411, 413, 431, 501];
const timeoutSeconds = 2; // --idle-timeout and --request-timeout of the server under test

// Splits what a server sent into responses: [{status, head, headers, body}].
// Bodies are framed by Content-Length (the server sends no chunked responses).
function parseResponses(bytes) {
  const responses = [];
  let rest = bytes;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    const head = rest.subarray(0, end).toString('latin1');
    const lines = head.split('\r\n');
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]);
    if (!match) break;
    const headers = lines.slice(1).map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
    });
    const length = Number(headers.find(([name]) => name === 'content-length')?.[1] ?? 0);
    responses.push({ status: Number(match[1]), head, headers, body: rest.subarray(end + 4, end + 4 + length).toString('latin1') });
    rest = rest.subarray(end + 4 + length);
  }
  return responses;
}

// Writes the bytes on a fresh connection, ends our side (so a server waiting
// for more learns there is none), and resolves with the responses once the
// server closes: {responses, closed}. closed is false when it still had not
// after waitMs.
function exchange(port, bytes, { waitMs = 5000, end = true } = {}) {
  return new Promise((resolve) => {
    const chunks = [];
    const socket = net.connect(port, '127.0.0.1');
    const finish = (closed) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ responses: parseResponses(Buffer.concat(chunks)), closed });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (data) => chunks.push(data));
    socket.on('error', () => {});
    socket.on('close', () => finish(true));
    socket.on('connect', () => {
      socket.write(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'latin1'));
      if (end) socket.end();
    });
  });
}

function connect(port) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}

const describeResponses = (responses) => JSON.stringify(responses.map((r) => `${r.status} ${r.body.slice(0, 80)}`));

// The attack got one refusal and nothing else.
function expectRefused({ responses }, what) {
  assert.ok(responses.length <= 1, `${what}: one answer at most, got ${describeResponses(responses)}`);
  if (responses.length === 1) {
    assert.ok(refusals.includes(responses[0].status), `${what}: refused, got ${describeResponses(responses)}`);
  }
}

describe('HTTP framing', () => {
  let dir;
  let server;
  before(async () => {
    dir = await makeTempDir('framing');
    const { db } = await createDemoDatabase({ name: 'sqlite' }, dir, { households: 20 });
    server = await startServer({
      db,
      extraArgs: ['--idle-timeout', String(timeoutSeconds), '--request-timeout', String(timeoutSeconds)],
    });
  });
  after(async () => {
    try {
      if (server) {
        const { code, signal } = await server.stop();
        assert.equal(signal, null, 'the server was not killed by a signal during the suite');
        assert.equal(code, 0);
      }
    } finally {
      await removeTempDir(dir);
    }
  });

  // After each case: the server runs and answers a normal request.
  async function expectHealthy(what) {
    assert.ok(server.running, `${what}: the server is still running\n${server.output().slice(-2000)}`);
    const { responses } = await exchange(server.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.equal(responses[0]?.status, 200, `${what}: /healthz afterwards, got ${describeResponses(responses)}`);
  }

  async function refused(what, bytes) {
    expectRefused(await exchange(server.port, bytes), what);
    await expectHealthy(what);
  }

  // A request whose body, read any way but the server's, hides a second request
  // (GET /healthz, which would answer 200): no 2xx may come back.
  async function notSmuggled(what, bytes) {
    const { responses } = await exchange(server.port, bytes);
    assert.ok(responses.length <= 1, `${what}: no answer to a smuggled request, got ${describeResponses(responses)}`);
    for (const response of responses) {
      assert.ok(response.status >= 400 && response.status < 500, `${what}: got ${describeResponses(responses)}`);
    }
    await expectHealthy(what);
  }

  const smuggled = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';
  const post = (headers, body = '') => `POST /healthz HTTP/1.1\r\nHost: x\r\n${headers}\r\n${body}`;

  it('refuses Content-Length together with Transfer-Encoding, in either order', async () => {
    await refused('CL then TE', post('Content-Length: 5\r\nTransfer-Encoding: chunked\r\n', `0\r\n\r\n${smuggled}`));
    await refused('TE then CL', post('Transfer-Encoding: chunked\r\nContent-Length: 5\r\n', `0\r\n\r\n${smuggled}`));
    await refused('CL and TE, smuggled in CL', post(`Transfer-Encoding: chunked\r\nContent-Length: ${5 + smuggled.length}\r\n`,
      `0\r\n\r\n${smuggled}`));
  });

  it('refuses duplicate, non-numeric, negative, huge and signed Content-Length', async () => {
    await refused('same CL twice', post('Content-Length: 3\r\nContent-Length: 3\r\n', 'abc'));
    await refused('different CLs', post(`Content-Length: 3\r\nContent-Length: ${3 + smuggled.length}\r\n`, `abc${smuggled}`));
    await refused('CL list', post('Content-Length: 3, 3\r\n', 'abc'));
    await refused('CL not a number', post('Content-Length: abc\r\n', 'abc'));
    await refused('CL negative', post('Content-Length: -1\r\n', 'abc'));
    await refused('CL over 2^63', post('Content-Length: 9223372036854775808\r\n', 'abc'));
    await refused('CL over 2^64', post('Content-Length: 18446744073709551617\r\n', 'abc'));
    await refused('CL with +', post('Content-Length: +3\r\n', 'abc'));
    await refused('CL hex', post('Content-Length: 0x3\r\n', 'abc'));
    await refused('CL over the body limit', post('Content-Length: 1000000\r\n', 'abc'));
  });

  it('refuses an obfuscated Transfer-Encoding or reads it as chunked, never as no body', async () => {
    // The hidden request is a chunk's data: read as chunked it is body; read as
    // no body at all, the chunk size line that follows is no request line.
    const hidden = `${smuggled.length.toString(16)}\r\n${smuggled}\r\n0\r\n\r\n`;
    for (const value of ['chunked ', '\tchunked', ' chunked', 'Chunked', 'CHUNKED']) {
      await notSmuggled(`TE ${JSON.stringify(value)}`, post(`Transfer-Encoding:${value}\r\n`, hidden));
    }
    // And with the hidden request after an empty chunked body, for codings a
    // proxy may take for chunked: refused, not read as a body-less POST.
    for (const value of ['xchunked', 'chunked, identity', 'identity', 'gzip', 'chunked;q=1', 'chunked\x0b', 'chu nked']) {
      await refused(`TE ${JSON.stringify(value)}`, post(`Transfer-Encoding: ${value}\r\n`, `0\r\n\r\n${smuggled}`));
    }
    await refused('gzip, chunked (not supported)', post('Transfer-Encoding: gzip, chunked\r\n', '0\r\n\r\n'));
    await refused('TE twice', post('Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n', `0\r\n\r\n${smuggled}`));
    await refused('TE twice, second not chunked', post('Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n',
      `0\r\n\r\n${smuggled}`));
    await refused('chunked on HTTP/1.0', `POST /healthz HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${smuggled}`);
  });

  it('refuses broken chunk sizes and unfinished chunked bodies', async () => {
    const chunked = (body) => post('Transfer-Encoding: chunked\r\n', body);
    await refused('negative chunk size', chunked(`-1\r\nx\r\n0\r\n\r\n${smuggled}`));
    await refused('overflowing chunk size', chunked(`10000000000000001\r\nx\r\n0\r\n\r\n${smuggled}`));
    await refused('chunk size of 2^64', chunked(`ffffffffffffffff\r\nx\r\n0\r\n\r\n${smuggled}`));
    await refused('non-hex chunk size', chunked(`zz\r\nx\r\n0\r\n\r\n${smuggled}`));
    await refused('chunk size with 0x', chunked(`0x1\r\nx\r\n0\r\n\r\n${smuggled}`));
    await refused('chunk data longer than its size', chunked(`1\r\nxyz\r\n0\r\n\r\n${smuggled}`));
    await refused('chunked body over the body limit', chunked(`${(70 * 1024).toString(16)}\r\n${'x'.repeat(70 * 1024)}\r\n0\r\n\r\n`));
    await refused('unterminated chunk size', chunked('5'));
    await refused('unterminated chunk', chunked('5\r\nhel'));
    await refused('missing final CRLF', chunked('5\r\nhello\r\n0\r\n'));
    await refused('missing last chunk', chunked('5\r\nhello\r\n'));
  });

  it('refuses a chunk size line or trailer that never ends, before the request timeout', async () => {
    // Beast 1.81 limits neither; the server's read buffer does.
    for (const [what, body] of [
      ['chunk extension flood', `1;${'a'.repeat(200 * 1024)}`],
      ['trailer flood', `0\r\nX-Trailer: ${'b'.repeat(200 * 1024)}`],
    ]) {
      const started = Date.now();
      const { responses } = await exchange(server.port, post('Transfer-Encoding: chunked\r\n', body), {
        end: false,
        waitMs: timeoutSeconds * 1000 - 500,
      });
      assert.equal(responses.length, 1, `${what}: answered within ${Date.now() - started} ms`);
      assert.ok(refusals.includes(responses[0].status), `${what}: ${describeResponses(responses)}`);
      await expectHealthy(what);
    }
  });

  it('reads chunk extensions and trailers as part of a valid chunked body', async () => {
    const login = (body) =>
      'POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n' +
      `Connection: close\r\n\r\n${body}`;
    const json = '{"username":"nobody","password":"wrong password"}';
    const size = json.length.toString(16);
    for (const [what, body] of [
      ['plain', `${size}\r\n${json}\r\n0\r\n\r\n`],
      ['extensions', `${size};name=value;x\r\n${json}\r\n0;last\r\n\r\n`],
      ['trailers', `${size}\r\n${json}\r\n0\r\nX-Trailer: yes\r\n\r\n`],
    ]) {
      const { responses } = await exchange(server.port, login(body));
      assert.equal(responses.length, 1, `${what}: ${describeResponses(responses)}`);
      assert.equal(responses[0].status, 401, `${what}: the body was read (wrong password), ${describeResponses(responses)}`);
    }
    await expectHealthy('valid chunked bodies');
  });

  it('refuses CR, LF and NUL inside header names and values', async () => {
    for (const [what, field] of [
      ['CR in a value', 'X-A: a\rb'],
      ['LF in a value', 'X-A: a\nb'],
      ['NUL in a value', 'X-A: a\0b'],
      ['CR in a name', 'X\rA: 1'],
      ['LF in a name', 'X\nA: 1'],
      ['NUL in a name', 'X\0A: 1'],
      ['bare LF ending a field', 'X-A: 1\nX-B: 2'],
      ['space before the colon', 'Host : x'],
      ['empty name', ': x'],
      ['no colon', 'X-A'],
    ]) {
      await refused(what, `GET /healthz HTTP/1.1\r\nHost: x\r\n${field}\r\n\r\n`);
    }
    await refused('NUL in the request line', 'GET /healthz\0 HTTP/1.1\r\nHost: x\r\n\r\n');
    await refused('space in the target', 'GET /health z HTTP/1.1\r\nHost: x\r\n\r\n');
  });

  it('keeps percent-encoded CR, LF and NUL out of response headers', async () => {
    const injected = '%0d%0aSet-Cookie:%20injected=1%0d%0aX-Injected:%20yes%00';
    for (const target of [
      `/inloggen?next=${injected}`,
      `/inloggen?next=/inbox${injected}`,
      `/inbox${injected}`,
      `/inbox?x=${injected}`,
      `/huishoudens/1${injected}`,
      `/static/${injected}`,
      `/api/v1/frontdoor?postcode=${injected}`,
    ]) {
      const { responses } = await exchange(server.port, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      assert.equal(responses.length, 1, `${target}: ${describeResponses(responses)}`);
      const [response] = responses;
      assert.ok(response.status < 500, `${target}: ${response.status}`);
      for (const [name, value] of response.headers) {
        assert.ok(!/injected/i.test(name), `${target}: a header was injected: ${response.head}`);
        assert.ok(!/[\r\n\0]/.test(value), `${target}: a control character in ${name}`);
      }
    }
    await expectHealthy('percent-encoded control characters');
  });

  it('refuses header floods, oversized headers and request lines with 431', async () => {
    const many = Array.from({ length: 150 }, (_, i) => `X-F${i}: 1\r\n`).join('');
    await refused('150 header fields', `GET /healthz HTTP/1.1\r\nHost: x\r\n${many}\r\n`);
    const { responses } = await exchange(server.port, `GET /healthz HTTP/1.1\r\nHost: x\r\n${many}\r\n`);
    assert.equal(responses[0]?.status, 431, describeResponses(responses));
    const big = await exchange(server.port, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`);
    assert.equal(big.responses[0]?.status, 431, describeResponses(big.responses));
    const line = await exchange(server.port, `GET /${'a'.repeat(20 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    assert.ok([414, 431].includes(line.responses[0]?.status), describeResponses(line.responses));
    await expectHealthy('header limits');
  });

  it('refuses or unfolds obs-fold, and never splits a folded line into a header of its own', async () => {
    const { responses } = await exchange(server.port,
      'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n');
    assert.equal(responses.length, 1, describeResponses(responses));
    assert.ok(responses[0].status === 200 || refusals.includes(responses[0].status), describeResponses(responses));
    await refused('obs-fold in Content-Length', post('Content-Length: 0\r\n 5\r\n', `abcde${smuggled}`));
    await expectHealthy('obs-fold');
  });

  it('answers a valid pipeline in order, and nothing smuggled after a refused request', async () => {
    const { responses } = await exchange(server.port,
      'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /no-such-page HTTP/1.1\r\nHost: x\r\n\r\n' +
      'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.deepEqual(responses.map((r) => r.status), [200, 404, 200]);
    assert.equal(responses[0].body, 'ok\n');
    const smuggling = await exchange(server.port,
      `GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n${post('Content-Length: 5\r\nTransfer-Encoding: chunked\r\n', `0\r\n\r\n${smuggled}`)}`);
    assert.deepEqual(smuggling.responses.map((r) => r.status), [200, 400], describeResponses(smuggling.responses));
    await expectHealthy('pipelining');
  });

  it('disconnects a slowloris client sending its header slower than the idle timeout', async () => {
    const socket = await connect(server.port);
    let closed = false;
    let received = '';
    socket.on('data', (d) => (received += d.toString('latin1')));
    socket.on('close', () => (closed = true));
    socket.on('error', () => {});
    const header = `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ${'a'.repeat(200)}\r\n\r\n`;
    const started = Date.now();
    for (let i = 0; i < header.length && !closed && Date.now() - started < (timeoutSeconds + 4) * 1000; ++i) {
      socket.write(header[i]);
      await new Promise((r) => setTimeout(r, 100));
    }
    const elapsed = Date.now() - started;
    assert.ok(closed, `the slow client was still connected after ${elapsed} ms`);
    assert.ok(elapsed >= timeoutSeconds * 1000 - 200, `not before the idle timeout (${elapsed} ms)`);
    assert.equal(received, '', 'the slow request was not answered');
    socket.destroy();
    await expectHealthy('slowloris');
  });

  it('serves other clients while one stops reading a large response, and drops that one', async () => {
    // 40 pipelined requests for the 400 KB stylesheet: far more than the
    // socket buffers hold, so the server's writes to this client stall.
    const stuck = await connect(server.port);
    stuck.pause();
    let stuckClosed = false;
    stuck.on('close', () => (stuckClosed = true));
    stuck.on('error', () => {});
    stuck.write('GET /static/utrecht.css HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(40));
    await new Promise((r) => setTimeout(r, 300));
    // Answered while that client's write still stalls, not once its timeout dropped it.
    await expectHealthy('a client not reading');
    assert.equal(stuckClosed, false, 'another client was served only once the one not reading was dropped');
    for (let i = 0; i < 4; ++i) await expectHealthy('a client not reading');
    // The stalled write times out after --request-timeout; the connection is then closed.
    const deadline = Date.now() + (timeoutSeconds + 5) * 1000;
    while (!stuckClosed && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      const metrics = await exchange(server.port, 'GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      if (/gezicht_open_connections 1\b/.test(metrics.responses[0]?.body ?? '')) break;
    }
    const metrics = await exchange(server.port, 'GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.match(metrics.responses[0]?.body ?? '', /gezicht_open_connections 1\b/, 'only the /metrics connection is open');
    stuck.destroy();
    await expectHealthy('after the stalled client');
  });
});
