// The municipality's own look through the directory import: its NL Design
// System tokens are served as /thema.css after the base theme and linked
// from every page, its initial on its accent colour is the favicon, its logo
// (re-encoded by the server) stands beside its name, and a token that could
// break out of the stylesheet or a broken logo is refused with its place.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { Client, expectStatus } from './lib/http.mjs';
import { png } from './lib/images.mjs';
import { run, runOk, startServer } from './lib/server.mjs';
import { prepareTown } from './lib/town.mjs';

describe('a municipality\'s own theme and favicon', () => {
  let town;
  let municipality;

  before(async () => {
    town = await prepareTown({ backend: { name: 'sqlite' }, label: 'theme' });
    municipality = JSON.parse((await runOk(['directory', 'export', '--db', town.db])).stdout).municipality;
    const file = path.join(town.dir, 'theme.json');
    // A wide logo: a dark bar on white, twice as large as the header's box.
    await writeFile(path.join(town.dir, 'logo.png'), png(960, 120, (x, y) => (y > 30 && y < 90 ? [122, 31, 92] : [255, 255, 255])));
    await writeFile(file, JSON.stringify({
      municipality: { ...municipality, logo: 'logo.png',
                      theme: { '--basis-color-accent-1-bg-default': '#7a1f5c', '--gz-max-inline-size': '64rem' } },
      teams: [],
    }));
    await runOk(['directory', 'import', '--db', town.db, file]);
    await town.server.stop();
    town.server = await startServer({ db: town.db });
  });

  after(async () => {
    await town?.close();
  });

  test('every page links the theme, which sets the tokens for the theme class', async () => {
    const client = new Client(town.server.url);
    const page = await client.get('/');
    expectStatus(page, 200);
    assert.match(page.text, /<link rel="stylesheet" href="\/thema.css">/);
    assert.match(page.text, /<link rel="icon" href="\/favicon.svg" type="image\/svg\+xml">/);
    const css = await client.get('/thema.css');
    expectStatus(css, 200);
    assert.match(css.headers.get('content-type'), /^text\/css/);
    assert.match(css.text, /\.voorbeeld-theme \{\n {2}--basis-color-accent-1-bg-default: #7a1f5c;\n {2}--gz-max-inline-size: 64rem;\n\}/);
    const again = await client.get('/thema.css', { headers: { 'if-none-match': css.headers.get('etag') } });
    assert.equal(again.status, 304);
    const icon = await client.get('/favicon.svg');
    expectStatus(icon, 200);
    assert.equal(icon.headers.get('content-type'), 'image/svg+xml');
    assert.ok(icon.text.includes('fill="#7a1f5c"'), icon.text);
    const initial = municipality.name.replace(/^Gemeente /, '')[0].toUpperCase();
    assert.ok(icon.text.includes(`>${initial}</text>`), icon.text);
    // The logo beside the name: the server's own PNG, fitted into 480 x 96 with its proportions.
    assert.match(page.text, /<img class="gz-logo" src="\/logo.png" alt="" width="480" height="60">/);
    const logo = await fetch(new URL('/logo.png', town.server.url));
    assert.equal(logo.status, 200);
    assert.equal(logo.headers.get('content-type'), 'image/png');
    const bytes = Buffer.from(await logo.arrayBuffer());
    assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47]);
    assert.deepEqual([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], [480, 60], 'IHDR: 480 x 60');
    const exported = JSON.parse((await runOk(['directory', 'export', '--db', town.db])).stdout);
    assert.equal(exported.municipality.theme['--basis-color-accent-1-bg-default'], '#7a1f5c', 'the export carries the theme');
  });

  test('a token that could break out of the stylesheet is refused, naming it', async () => {
    const file = path.join(town.dir, 'bad-theme.json');
    await writeFile(file, JSON.stringify({
      municipality: { ...municipality, theme: { '--basis-color-accent-1-bg-default': 'red} body{display:none' } },
      teams: [],
    }));
    const result = await run(['directory', 'import', '--db', town.db, file]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /municipality\.theme\.--basis-color-accent-1-bg-default is not a plain colour/);
    const css = await new Client(town.server.url).get('/thema.css');
    assert.ok(css.text.includes('#7a1f5c'), 'nothing of the refused import was saved');
    await writeFile(path.join(town.dir, 'broken-logo.png'), png(40, 40, () => [0, 0, 0]).subarray(0, 60));
    await writeFile(file, JSON.stringify({ municipality: { ...municipality, logo: 'broken-logo.png' }, teams: [] }));
    const broken = await run(['directory', 'import', '--db', town.db, file]);
    assert.equal(broken.code, 2, broken.stderr);
    assert.match(broken.stderr, /municipality\.logo is a damaged or incomplete image/);
  });
});
