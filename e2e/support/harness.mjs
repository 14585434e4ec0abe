// Shared set-up for the end-to-end tests: Debian's Chromium driven by playwright-core, the built
// viewer (dist/) served by scripts/static-server.mjs with its fault routes, and axe-core.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../../scripts/static-server.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const artifacts = join(root, 'e2e', 'artifacts');
mkdirSync(artifacts, { recursive: true });

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Launches Chromium with the flags this machine needs (no sandbox as root, no background network). */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
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

/** Starts the static server on a free port with fault routes; returns `{ url, close }`. */
export async function serve(dir = join(root, 'dist')) {
  const { server, url } = await startStaticServer({ dir, port: 0, faults: true });
  return { url, close: () => new Promise((ok) => server.close(ok)) };
}

/**
 * Opens a page and records what must never happen: uncaught exceptions, console errors other than
 * the browser's own "Failed to load resource" network lines, CSP violations and dialogs.
 */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = { pageErrors: [], consoleErrors: [], cspViolations: [], dialogs: [], requests: [] };
  page.on('pageerror', (e) => problems.pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    if (/Failed to load resource/.test(text)) return;
    if (/Content Security Policy|Trusted Type/i.test(text)) problems.cspViolations.push(text);
    else problems.consoleErrors.push(text);
  });
  page.on('dialog', (d) => {
    problems.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  page.on('request', (r) => problems.requests.push(r.url()));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return { page, context, problems };
}

/** The CSP violations the page itself saw (securitypolicyviolation events). */
export async function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations ?? []);
}

/** Runs axe-core (WCAG 2.0–2.2 A and AA rules) on the page; returns the violations. */
export async function axe(page, selector = 'body') {
  await page.evaluate(axeSource);
  return page.evaluate(async (sel) => {
    const result = await window.axe.run(document.querySelector(sel), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
  }, selector);
}

/**
 * Registers the suite's `before`/`after`: launches Chromium, starts a server with `start` (the
 * static test server by default) and hands both to `ready`; closes them after the last test.
 */
export function suite(ready, start = serve) {
  let browser, server;
  before(async () => {
    browser = await launch();
    server = await start();
    ready(browser, server);
  });
  after(async () => {
    await browser?.close();
    await (server?.close ?? server?.stop)?.call(server);
  });
}
