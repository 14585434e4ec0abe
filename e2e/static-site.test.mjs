// Issue 19, pre-rendering for static hosts: `article-viewer-server render` writes the article pages
// and the list as files; served by a plain static file server (the nginx rule of the README:
// `try_files $uri $uri.html`), they work as the reference server's pages do: the list and the
// articles read without JavaScript, and the site moves between them without reloading.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { tmpdir } from 'node:os';
import { launch, openPage, root } from './support/harness.mjs';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2' };
const dist = join(root, 'dist');
const samples = join(root, 'samples');
const SEED = JSON.parse(readFileSync(join(samples, 'ky-anh-2022-04-15.json'), 'utf8'));
let browser, server, url, out;

/** A plain file server: `/articles/…` from the rendered pages (with `.html` tried, as nginx's
 * try_files), `/content/…` from the samples, the rest from dist/. No CSP header, no compression. */
async function startPlainServer() {
  const s = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const [dir, rest] = path.startsWith('/articles/') ? [out, path.slice('/articles'.length)] : path.startsWith('/content/') ? [samples, path.slice('/content'.length)] : [dist, path];
    const candidates = rest.endsWith('/') ? [`${rest}index.html`] : [rest, `${rest}.html`];
    for (const c of candidates) {
      const file = normalize(join(dir, c));
      if (!file.startsWith(dir + sep)) break;
      try {
        if (!(await stat(file)).isFile()) continue;
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(await readFile(file));
        return;
      } catch {
        // the next candidate
      }
    }
    res.writeHead(404).end();
  });
  await new Promise((ok) => s.listen(0, '127.0.0.1', ok));
  return s;
}

before(async () => {
  const binary = join(root, 'target', 'release', 'article-viewer-server');
  if (!existsSync(binary)) throw new Error(`${binary} is missing: run cargo build --release -p article-viewer-server`);
  out = mkdtempSync(join(tmpdir(), 'av-static-'));
  server = await startPlainServer();
  url = `http://127.0.0.1:${server.address().port}`;
  execFileSync(binary, ['render', '--content-dir', samples, '--static-dir', dist, '--out', out, '--public-url', url], { stdio: 'ignore' });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await new Promise((ok) => server.close(ok));
  rmSync(out, { recursive: true, force: true });
});

test('the pre-rendered list and article read without JavaScript', async () => {
  const { page: p, context } = await openPage(browser, { javaScriptEnabled: false });
  await p.goto(`${url}/articles/`);
  assert.ok((await p.locator('.av-card__title').allInnerTexts()).includes(SEED.title));
  await p.locator('.av-card__link', { hasText: SEED.title }).click();
  await p.waitForURL(`${url}/articles/ky-anh-2022-04-15`);
  assert.equal(await p.getByTestId('av-title').innerText(), SEED.title);
  assert.equal(await p.locator('.av-article').count(), 1);
  await context.close();
});

test('on a static host the site moves between the list and an article without reloading', async () => {
  const { page: p, context, problems } = await openPage(browser);
  await p.goto(`${url}/articles/`);
  await p.waitForFunction(() => !document.querySelector('[data-ssr]') && document.querySelector('[data-testid="av-site"] [data-testid="av-list"]'));
  await p.evaluate(() => (window.__sameDocument = true));
  await p.locator('.av-card__link', { hasText: SEED.title }).click();
  await p.waitForFunction((t) => document.activeElement?.textContent.trim() === t, SEED.title);
  assert.match(await p.title(), new RegExp(`^${SEED.title}`));
  await p.goBack();
  await p.waitForFunction(() => document.activeElement?.id === 'av-list-title');
  assert.equal(await p.evaluate(() => window.__sameDocument), true, 'no reload');
  // An article's own page, opened directly, is taken over by the viewer.
  await p.goto(`${url}/articles/ky-anh-2022-04-15`);
  await p.locator('main.av-main:not(.av-prepaint) [data-testid="av-article"]').waitFor();
  assert.equal(await p.locator('.av-article').count(), 1);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});
