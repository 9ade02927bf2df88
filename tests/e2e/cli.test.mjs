// The command line as an administrator meets it: every mistake is answered
// with a sentence that names the option or the place in the file and says
// what to do (never a message key such as phone.required), with a non-zero
// exit code; a command that does not exist is refused, even with --help.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { makeTempDir, removeTempDir, repoRoot, run, runOk } from './lib/server.mjs';

// A message key is two or more lowercase words joined by dots (phone.required).
const messageKey = /(^|[\s:(])[a-z_]+\.(required|invalid|unknown|taken|too_short|too_long|type|duplicate|overlap|not_object|not_found)\b/m;
const password = 'a long password';

function expectSentence(result, pattern, what) {
  assert.equal(result.code, 2, `${what}: exit code 2 for bad input; it said: ${result.stderr}`);
  assert.match(result.stderr, pattern, what);
  assert.doesNotMatch(result.stderr, messageKey, `${what}: a sentence, not a message key`);
  assert.match(result.stderr, /^gezicht: /, `${what}: the program names itself`);
}

describe('the command line explains every mistake', () => {
  let dir;
  let db;
  before(async () => {
    dir = await makeTempDir('cli');
    db = path.join(dir, 'cli.db');
    await runOk(['directory', 'import', '--db', db, path.join(repoRoot, 'examples/municipality.json')]);
  });
  after(async () => {
    await removeTempDir(dir);
  });

  test('a command that does not exist is refused and the commands are listed', async () => {
    for (const args of [['bakcup'], ['bakcup', '--help'], ['bakcup', '--db', 'x.db']]) {
      const result = await run(args);
      expectSentence(result, /'gezicht bakcup' is not a command\. The commands are: serve, migrate, user/, args.join(' '));
      assert.doesNotMatch(result.stdout, /Usage:/, `${args.join(' ')} prints no help as if it had worked`);
    }
    const nested = await run(['user', 'frobnicate']);
    expectSentence(nested, /'gezicht user frobnicate' is not a command\. The commands are: add, passwd, list/, 'user frobnicate');
    // A real command's help still works.
    const help = await run(['user', 'add', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--phone/);
  });

  const professional = ['user', 'add', '--username', 'j.devries', '--password-stdin', '--name', 'Jan de Vries', '--role', 'professional'];

  test('user add: each missing or wrong option is a sentence naming it', async () => {
    const cases = [
      [['--team', 'Buurtteam Noord'], password, /--phone is required for professionals and team leads: residents see it on the front door/],
      [['--team', 'Buurtteam Nergens', '--phone', '010 1'], password, /--team names no neighbourhood team in this database; load the teams first with `gezicht directory import`/],
      [['--phone', '010 1'], password, /--team is required for professionals and team leads/],
      [['--team', 'Buurtteam Noord', '--phone', '010 1'], 'short', /the password on standard input is too short: use at least 12 characters/],
      [['--team', 'Buurtteam Noord', '--phone', '010 1', '--languages', 'nl,xx'], password, /--languages takes language codes separated by commas, from: nl, en/],
    ];
    for (const [extra, input, pattern] of cases) {
      const result = await run([...professional, '--db', db, ...extra], { input: `${input}\n` });
      expectSentence(result, pattern, extra.join(' '));
    }
    const badName = await run(['user', 'add', '--db', db, '--username', 'J De Vries', '--password-stdin', '--name', 'x', '--role', 'auditor'], { input: `${password}\n` });
    expectSentence(badName, /--username must be 2 to 64 characters: lowercase letters, digits/, 'a username with spaces');
    const resident = await run(['user', 'add', '--db', db, '--username', 'bewoner', '--password-stdin', '--name', 'Bea', '--role', 'resident'], { input: `${password}\n` });
    expectSentence(resident, /--household is required for a resident/, 'a resident without a household');
    const domain = await run(['user', 'add', '--db', db, '--username', 'schuld', '--password-stdin', '--name', 'Sam', '--role', 'domain_professional'], { input: `${password}\n` });
    expectSentence(domain, /--domain is required for a domain professional, one of: buurtteam, wmo/, 'a domain professional without a domain');

    await runOk([...professional, '--db', db, '--team', 'Buurtteam Noord', '--phone', '010 111 2234'], { input: `${password}\n` });
    const taken = await run([...professional, '--db', db, '--team', 'Buurtteam Noord', '--phone', '010 1'], { input: `${password}\n` });
    expectSentence(taken, /--username is already in use/, 'the same username twice');
  });

  test('directory import: a wrong file names the place in it', async () => {
    const file = path.join(dir, 'broken.json');
    await writeFile(file, JSON.stringify({
      municipality: { name: 'Gemeente X', phone: '14 0123', website: 'https://x.nl', promise_working_days: 3 },
      teams: [{ name: 'Team A', phone: '010 1', email: 'a@x.nl', caseload_cap: 5000, walk_in: [],
                neighbourhoods: [{ name: 'Wijk', postcodes: [{ from: '12', to: '2501 ZZ' }] }] }],
    }));
    const result = await run(['directory', 'import', '--db', path.join(dir, 'other.db'), file]);
    expectSentence(result, /teams\[0\]\.caseload_cap has a value that is not allowed there/, 'a caseload cap of 5000');
    assert.match(result.stderr, /teams\[0\]\.neighbourhoods\[0\]\.postcodes\[0\]\.from is not a postcode: 4 digits and 2 letters/);

    await writeFile(file, '[1, 2]');
    const notObject = await run(['directory', 'import', '--db', path.join(dir, 'other.db'), file]);
    expectSentence(notObject, /must be one JSON object with "municipality" and "teams"/, 'a file that is a list');
  });

  test('experience add-statements: a wrong file names each place in it and adds nothing', async () => {
    const file = path.join(dir, 'statements.json');
    await writeFile(file, JSON.stringify({
      statements: [
        { key: 'Taken Seriously', words: { nl: 'Ik werd serieus genomen.' } },
        { key: 'felt_at_ease', words: { nl: 'Ik voelde me\nop mijn gemak.', en: 'I felt at ease.', tr: 'Rahattım.', pl: 'Swobodnie.', uk: 'Спокійно.', fr: 'À l\'aise.' } },
      ],
    }));
    const result = await run(['experience', 'add-statements', '--db', db, file]);
    expectSentence(result, /statements\[0\]\.key is not a statement key: 1 to 40 letters a to z and _/, 'a key with capitals');
    assert.match(result.stderr, /statements\[1\]\.words\.ar is missing or empty: every statement needs its words in every residents' language/);
    assert.match(result.stderr, /statements\[1\]\.words\.nl contains a line break/);
    assert.match(result.stderr, /statements\[1\]\.words\.fr is not a language gezicht offers/);
    assert.match((await runOk(['experience', 'statements', '--db', db])).stdout, /^version 1 .*\n(?!version)/s, 'only version 1');

    await writeFile(file, JSON.stringify({ statements: { key: 'x' } }));
    expectSentence(await run(['experience', 'add-statements', '--db', db, file]), /statements has the wrong JSON type/, 'statements as an object');
    await writeFile(file, '[]');
    expectSentence(await run(['experience', 'add-statements', '--db', db, file]), /must be one JSON object with "statements"/, 'a list');
  });

  test('breakthrough category and cost: a wrong key or amount is a sentence naming it', async () => {
    expectSentence(await run(['breakthrough', 'category', '--db', db, '--key', 'Huur Regel', '--name', 'Huur']),
      /--key must be 1 to 40 letters a to z and _/, 'a key with capitals and a space');
    expectSentence(await run(['breakthrough', 'category', '--db', db, '--key', 'housing_rule', '--name', ' ']),
      /--name is required/, 'an empty name');
    const added = await runOk(['breakthrough', 'category', '--db', db, '--key', 'housing_rule', '--name', 'Een regel van de woningcorporatie']);
    assert.match(added.stdout, /"Een regel van de woningcorporatie" \(housing_rule\) is offered/);
    const off = await runOk(['breakthrough', 'category', '--db', db, '--key', 'housing_rule', '--name', 'Een regel van de woningcorporatie', '--inactive']);
    assert.match(off.stdout, /is no longer offered/);
    const cost = await run(['breakthrough', 'cost', '--db', db, '--domain', 'youth', '--yearly', 'veel']);
    assert.equal(cost.code, 2);
    assert.match(cost.stderr, /--yearly/);
  });

  test('dashboard settings: shown, changed within their limits, and a wrong one is a sentence', async () => {
    assert.match((await runOk(['dashboard', 'settings', '--db', db])).stdout, /smallest group shown: 10\nmarked outside 0\.8 to 1\.25/);
    expectSentence(await run(['dashboard', 'settings', '--db', db, '--min-group', '3']), /--min-group at least 5/,
      'a smallest group below 5');
    expectSentence(await run(['dashboard', 'settings', '--db', db, '--band-low', '1.5']), /band/, 'a lower band above 1');
    const changed = await runOk(['dashboard', 'settings', '--db', db, '--min-group', '15', '--band-high', '1.5']);
    assert.match(changed.stdout, /smallest group shown: 15\nmarked outside 0\.8 to 1\.5 /);
    assert.match((await runOk(['dashboard', 'settings', '--db', db])).stdout, /smallest group shown: 15/);
  });

  test('retention periods: listed with their sources, changed within the law, and a wrong one is a sentence', async () => {
    const listed = (await runOk(['retention', 'periods', '--db', db])).stdout;
    assert.match(listed, /^  youth\s+20 years  default, at least 20 by law; Jeugdwet art\. 7\.3\.8/m);
    assert.match(listed, /^  debt\s+5 years  default; Selectielijst gemeenten 2020, 8\.1\.9/m);
    assert.match(listed, /^  general\s+7 years/m);
    expectSentence(await run(['retention', 'set', '--db', db, '--domain', 'youth', '--years', '15']),
      /--years.*cannot be shorter than 20 years: Jeugdwet/, 'a youth period below the law');
    expectSentence(await run(['retention', 'set', '--db', db, '--domain', 'jeugd', '--years', '20']),
      /--domain.*'jeugd' is not a domain/, 'a domain that does not exist');
    const changed = await runOk(['retention', 'set', '--db', db, '--domain', 'youth', '--years', '25']);
    assert.match(changed.stdout, /^  youth\s+25 years  set \(default 20\)/m);
    assert.match((await runOk(['retention', 'run', '--db', db, '--dry-run'])).stdout, /^retention: nothing is due$/m);
  });

  test('directory import carries photos, made into the server\'s own; a bad one names its place', async () => {
    const other = path.join(dir, 'photos.db');
    await runOk(['directory', 'import', '--db', other, path.join(repoRoot, 'examples/municipality.json')]);
    const team = JSON.parse((await runOk(['directory', 'export', '--db', other])).stdout).teams[0].name;
    await runOk(['user', 'add', '--db', other, '--username', 'f.foto', '--password-stdin', '--name', 'Fenna Foto',
      '--role', 'professional', '--team', team, '--phone', '010 123 4567'], { input: `${password}\n` });
    // A 1 x 1 PNG, as a file next to the import file.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    await writeFile(path.join(dir, 'f.foto.png'), png);
    await writeFile(path.join(dir, 'broken.png'), png.subarray(0, 30));
    const file = path.join(dir, 'with-photos.json');
    await writeFile(file, JSON.stringify({ teams: [], photos: [{ username: 'f.foto', file: 'f.foto.png' }] }));
    const done = await runOk(['directory', 'import', '--db', other, file]);
    assert.match(done.stdout, /1 photo\(s\)/);
    await writeFile(file, JSON.stringify({ teams: [], photos: [{ username: 'f.foto', file: 'broken.png' }] }));
    expectSentence(await run(['directory', 'import', '--db', other, file]), /photos\[0\]\.file is a damaged or incomplete photo/, 'a broken photo');
    await writeFile(file, JSON.stringify({ teams: [], photos: [{ username: 'nobody', file: 'f.foto.png' }] }));
    expectSentence(await run(['directory', 'import', '--db', other, file]), /photos\[0\]\.username names no staff account/, 'an unknown account');
    await writeFile(file, JSON.stringify({ teams: [], photos: [{ username: 'f.foto', file: 'missing.png' }] }));
    expectSentence(await run(['directory', 'import', '--db', other, file]), /photos\[0\]\.file names a file that cannot be read/, 'a missing file');
  });

  test('an account that does not exist is named, with where to look', async () => {
    const reset = await run(['two-factor', 'reset', '--db', db, 'nobody']);
    assert.equal(reset.code, 1);
    assert.match(reset.stderr, /^gezicht: there is no account 'nobody'; `gezicht user list` shows the accounts/);
  });
});
