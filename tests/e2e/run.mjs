// Runs the end-to-end test files one after another (they share one
// PostgreSQL database) and prints the spec reporter's summary. Node's own
// `--test-concurrency` flag is not in Node.js 18, Debian 12's version, so the
// runner's API sets it.
// Usage: node tests/e2e/run.mjs [FILE...]   (default: every tests/e2e/*.test.mjs)
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const files = process.argv.length > 2
  ? process.argv.slice(2).map((file) => path.resolve(file))
  : readdirSync(here).filter((name) => name.endsWith('.test.mjs')).sort().map((name) => path.join(here, name));

// A file that hangs fails after this long and the next one runs, so a hang
// shows up as a named failure instead of the whole run reaching CI's limit.
// The slowest file takes about 2.5 minutes on a 2-core machine.
const FILE_TIMEOUT_MS = 15 * 60 * 1000;

run({ files, concurrency: 1, timeout: FILE_TIMEOUT_MS })
  .on('test:fail', () => { process.exitCode = 1; })
  .compose(new spec())
  .pipe(process.stdout);
