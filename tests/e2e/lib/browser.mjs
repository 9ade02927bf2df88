// Debian's Chromium through playwright-core, and axe-core for accessibility.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { chromium } from 'playwright-core';

import { repoRoot } from './server.mjs';

export const axePath = path.join(repoRoot, 'node_modules/axe-core/axe.min.js');

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.GEZICHT_CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const CLOSE_PATIENCE_MS = 30_000;

// This process's descendants whose command name starts with `prefix`.
function descendants(prefix) {
  const parents = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), { ppid, comm });
    } catch {
      // gone meanwhile
    }
  }
  const mine = (pid) => {
    for (let p = parents.get(pid)?.ppid; p; p = parents.get(p)?.ppid) if (p === process.pid) return true;
    return false;
  };
  return [...parents].filter(([pid, { comm }]) => comm.startsWith(prefix) && mine(pid)).map(([pid]) => pid);
}

// Closes the browser. One that has not exited within 30 s (Playwright waits
// for its process without a limit) is killed, so that a browser stuck on its
// way out cannot hold the test run until CI's limit; that is said on stderr.
export async function closeBrowser(browser) {
  if (!browser) return;
  let timer;
  const late = new Promise((resolve) => (timer = setTimeout(() => resolve('late'), CLOSE_PATIENCE_MS)));
  const result = await Promise.race([browser.close().then(() => 'closed'), late]);
  clearTimeout(timer);
  if (result !== 'late') return;
  const pids = descendants('chrom');
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  console.error(`the browser did not close within ${CLOSE_PATIENCE_MS} ms; killed its ${pids.length} processes`);
}

// Whether the focus is, or comes within `timeoutMs`, inside the element that
// `selector` names. `autofocus` is applied when the browser next renders, which
// can be after the load event that ends a navigation, so a check made right
// after a navigation must give it that moment.
export async function focusComesInto(page, selector, timeoutMs = 5000) {
  try {
    await page.waitForFunction((s) => document.activeElement?.closest(s) != null, selector, { timeout: timeoutMs });
    return true;
  } catch (error) {
    if (error.name === 'TimeoutError') return false;
    throw error;
  }
}

// Watches a page for what a resident would not see but should not happen:
// blocked scripts or styles (Content-Security-Policy), failed loads, script errors.
export function watchPage(page) {
  const problems = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const url = message.location()?.url ?? '';
    // The browser asks for /favicon.ico by itself; the spec has none.
    if (url.endsWith('/favicon.ico')) return;
    problems.push(`console: ${message.text()} ${url}`.trim());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? '';
    // A navigation that replaces a still-loading page aborts it; that is no fault.
    if (failure.includes('ERR_ABORTED')) return;
    problems.push(`request failed: ${request.url()} ${failure}`);
  });
  page.on('response', (response) => {
    const type = response.request().resourceType();
    if (type !== 'document' && response.status() >= 400) {
      problems.push(`${type} ${response.url()} answered ${response.status()}`);
    }
  });
  return problems;
}

// Runs axe-core (WCAG 2.0/2.1 A and AA) on the page; the context must have
// bypassCSP, since the page's CSP forbids the injected script otherwise.
export async function axeViolations(page) {
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ path: axePath });
  const results = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }),
  );
  return results.violations;
}

export function formatViolations(violations) {
  return violations
    .map(
      (v) =>
        `- ${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes.map((n) => `    at ${n.target.join(' ')}: ${n.failureSummary?.split('\n').join(' ')}`).join('\n'),
    )
    .join('\n');
}
