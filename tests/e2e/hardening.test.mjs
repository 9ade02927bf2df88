// What a security probe found and what now holds, through the real server:
// a request path is never reflected into a link, and behind TLS every
// answer carries HSTS, also the refusals the HTTP layer answers itself.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Client, rawExchange } from './lib/http.mjs';
import { createDemoDatabase, makeTempDir, removeTempDir, startServer } from './lib/server.mjs';

describe('hardening', () => {
  let dir;
  let server;
  before(async () => {
    dir = await makeTempDir('hardening');
    const { db } = await createDemoDatabase({ name: 'sqlite' }, dir, { households: 20 });
    server = await startServer({ db, extraArgs: ['--secure-cookies', '--public-url', 'https://mijn.voorbeeld.nl'] });
  });
  after(async () => {
    await server?.stop();
    await removeTempDir(dir);
  });

  test('a path that a browser reads as another site is refused, and never becomes a link', async () => {
    // Over a bare socket: a URL parser (fetch) would turn these into requests to that other host.
    for (const path of ['//evil.example/', '//evil.example/?lang=en', '/\\evil.example/', '/x\\y']) {
      const response = await rawExchange(server.url, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      assert.equal(response.status, 400, `${path}: ${response.status} ${response.body.slice(0, 200)}`);
      assert.doesNotMatch(response.body, /evil\.example/, `${path} is not reflected`);
    }
    const client = new Client(server.url);
    // An unknown page's language switch links to the front door, not to the path asked for.
    const unknown = await client.get('/bestaat-niet/evil.example');
    assert.equal(unknown.status, 404);
    assert.match(unknown.text, /id="language-switch" href="\/\?lang=en"/);
    assert.doesNotMatch(unknown.text, /href="[^"]*evil\.example/);
    // A known page keeps its own path and query in the switch.
    const page = await client.get('/aanmelden?postcode=2500AA');
    assert.match(page.text, /id="language-switch" href="\/aanmelden\?postcode=2500AA&amp;lang=en"/);
  });

  test('with --secure-cookies, the HTTP layer refusals carry HSTS like every other answer', async () => {
    const head = 'POST /api/v1/referrals HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n';
    const big = 'x'.repeat(70 * 1024);
    const tooLarge = await rawExchange(server.url, `${head}Content-Length: ${big.length}\r\n\r\n`, big.match(/[^]{1,8000}/g));
    assert.equal(tooLarge.status, 413);
    assert.equal(tooLarge.headers.get('strict-transport-security'), 'max-age=31536000', JSON.stringify([...tooLarge.headers]));
    assert.equal(tooLarge.headers.get('x-frame-options'), 'DENY');

    const flood = await rawExchange(server.url, `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'y'.repeat(20 * 1024)}\r\n\r\n`);
    assert.equal(flood.status, 431);
    assert.equal(flood.headers.get('strict-transport-security'), 'max-age=31536000');

    const routed = await new Client(server.url).get('/healthz');
    assert.equal(routed.headers.get('strict-transport-security'), 'max-age=31536000');
  });
});
