// Issue 5: embedding with one script tag: two viewers on a hostile portal page, isolation both
// ways, host events and API, removal, a second script tag, lazy viewers, strict CSP (the
// reference server sends it), a loader from another origin, shared reader settings, print.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { suite, artifacts, axe, cspViolations, openPage, root } from './support/harness.mjs';
import { startCommentsServer } from './support/comments-server.mjs';

let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
}, startCommentsServer);

const PORTAL = '/examples/portal/index.html';
/** The same portal with hostile host CSS (the clean example stays clean for a first run). */
const HOSTILE = '/examples/portal/hostile.html';

async function openPortal(options = {}, init) {
  const opened = await openPage(browser, { viewport: { width: 1000, height: 900 }, ...options });
  await opened.page.addInitScript(() => {
    window.__events = [];
    for (const name of ['article-loaded', 'article-error', 'comment-submitted', 'text-size-change']) {
      document.addEventListener(name, (e) => window.__events.push({ name, target: e.target.id, detail: e.detail }));
    }
  });
  if (init) await opened.page.addInitScript(init);
  await opened.page.goto(`${options.base ?? server.url}${options.path ?? PORTAL}`);
  const seed = opened.page.locator('#viewer-seed');
  const en = opened.page.locator('#viewer-en');
  await seed.getByTestId('av-article').waitFor();
  await en.getByTestId('av-article').waitFor();
  return { ...opened, seed, en };
}

/** Computed styles of the main pieces inside a viewer. */
function styles(viewer) {
  return viewer.evaluate((host) => {
    const r = host.shadowRoot;
    const pick = (sel, props) => {
      const el = r.querySelector(sel);
      const cs = getComputedStyle(el);
      return Object.fromEntries(props.map((p) => [`${sel} ${p}`, cs.getPropertyValue(p)]));
    };
    return {
      ...pick('[data-testid="av-title"]', ['font-family', 'font-size', 'color', 'text-transform', 'letter-spacing', 'display']),
      ...pick('[data-testid="av-body"] p', ['font-size', 'margin-top', 'color', 'line-height']),
      ...pick('[data-testid="av-size-up"]', ['background-color', 'border-top-width']),
      ...pick('.av-viewer', ['font-size', 'display']),
    };
  });
}

test('two viewers render their own article, unchanged by hostile host CSS; the host keeps its own', async () => {
  const { page, context, seed, en, problems } = await openPortal({ path: HOSTILE });
  assert.match(await seed.getByTestId('av-title').innerText(), /^Thường trực Thị ủy Kỳ Anh/);
  assert.equal(await en.getByTestId('av-title').innerText(), 'Harbour Library reopens after a year of repairs');
  assert.equal(await en.getByTestId('av-comments').count(), 0, 'data-comments="off"');
  const hostile = { seed: await styles(seed), en: await styles(en) };
  await seed.screenshot({ path: join(artifacts, 'embedded-seed.png') });
  // Host elements keep the host's (hostile) styles: the viewer's CSS does not leak out.
  const hostP = await page.locator('#host-paragraph').evaluate((p) => [getComputedStyle(p).fontSize, getComputedStyle(p).color]);
  assert.deepEqual(hostP, ['40px', 'rgb(255, 0, 0)']);
  await page.evaluate(() => document.getElementById('hostile-css').remove());
  const calm = { seed: await styles(seed), en: await styles(en) };
  assert.deepEqual(hostile, calm);
  assert.notEqual(hostile.seed['[data-testid="av-title"] color'], 'rgb(255, 0, 0)');
  assert.equal(hostile.seed['.av-viewer font-size'], '16px', "the reader's own size, not the page's 40px");
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('the example portal is clean by default: no hostile CSS, nothing wider than the screen, axe clean', async () => {
  const { page, context, problems } = await openPortal({ viewport: { width: 1280, height: 900 } });
  assert.equal(await page.locator('link[href="hostile.css"]').count(), 0);
  const host = await page.locator('#host-paragraph').evaluate((p) => [getComputedStyle(p).fontSize, getComputedStyle(p).color]);
  assert.notEqual(host[1], 'rgb(255, 0, 0)');
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(widths[0] <= widths[1], `no sideways scroll: ${widths}`);
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test('the strict-CSP page logs no violation', async () => {
  const { page, context, problems } = await openPortal();
  const headers = await (await fetch(`${server.url}${PORTAL}`)).headers.get('content-security-policy');
  assert.match(headers, /require-trusted-types-for 'script'/);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems.cspViolations, []);
  await context.close();
});

test('events bubble out with their details; fontScale and reload() work', async () => {
  const { page, context, seed } = await openPortal();
  const events = () => page.evaluate(() => window.__events);
  const loaded = (await events()).filter((e) => e.name === 'article-loaded');
  assert.deepEqual(
    loaded.map((e) => [e.target, e.detail.id]).sort(),
    [['viewer-en', 'harbour-library-2024-03-02'], ['viewer-seed', 'ky-anh-2022-04-15']],
  );
  assert.match(loaded.find((e) => e.target === 'viewer-seed').detail.title, /^Thường trực/);
  await seed.getByTestId('av-size-up').click();
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'text-size-change'));
  const sizes = (await events()).filter((e) => e.name === 'text-size-change');
  assert.ok(sizes.every((e) => e.detail.percent === 113), JSON.stringify(sizes));
  assert.equal(await page.evaluate(() => document.getElementById('viewer-seed').fontScale), 113);
  await page.evaluate(() => (document.getElementById('viewer-seed').fontScale = 150));
  await seed.getByTestId('av-size-value').getByText('150').waitFor();
  // reload() fetches the article again.
  const before = (await events()).filter((e) => e.name === 'article-loaded').length;
  await page.evaluate(() => document.getElementById('viewer-seed').reload());
  await page.waitForFunction((n) => window.__events.filter((e) => e.name === 'article-loaded').length > n, before);
  // An error event names its kind.
  await page.evaluate(() => {
    const v = document.createElement('article-viewer');
    v.id = 'viewer-missing';
    v.setAttribute('src', '/samples/missing.json');
    document.querySelector('main').append(v);
  });
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'article-error'));
  const error = (await events()).find((e) => e.name === 'article-error');
  assert.deepEqual([error.target, error.detail.kind], ['viewer-missing', 'not-found']);
  // A comment posted in an embedded viewer.
  await seed.getByTestId('av-comments').scrollIntoViewIfNeeded();
  await seed.getByTestId('av-c-name').fill('Phạm Thu');
  await seed.getByTestId('av-c-email').fill('thu@example.vn');
  await seed.getByTestId('av-c-text').fill('Gửi từ trang nhúng.');
  await seed.getByTestId('av-c-submit').click();
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'comment-submitted'));
  const posted = (await events()).find((e) => e.name === 'comment-submitted');
  assert.equal(posted.target, 'viewer-seed');
  assert.equal(posted.detail.status, 'pending');
  assert.ok(posted.detail.id > 0);
  await context.close();
});

test('the reader\'s text size and theme are shared by every viewer on the page', async () => {
  const { context, seed, en } = await openPortal();
  await seed.getByTestId('av-size-up').click();
  await seed.getByTestId('av-size-up').click();
  await en.getByTestId('av-size-value').getByText('125').waitFor();
  await en.getByTestId('av-display-toggle').click();
  await en.getByTestId('av-theme-dark').check();
  assert.equal(await seed.getByTestId('av-viewer').getAttribute('data-theme'), 'dark');
  await context.close();
});

test('removing a viewer aborts its fetch and leaves the other working', async () => {
  const { page, context, seed, problems } = await openPortal();
  const failed = [];
  page.on('requestfailed', (r) => failed.push([r.url(), r.failure()?.errorText]));
  await page.route('**/samples/slow-*.json', async (route) => {
    await new Promise((r) => setTimeout(r, 4000));
    await route.fulfill({ path: join(root, 'samples', 'ky-anh-2022-04-15.json') }).catch(() => {});
  });
  await page.evaluate(() => {
    const v = document.createElement('article-viewer');
    v.id = 'viewer-slow';
    v.setAttribute('src', '/samples/slow-1.json');
    document.querySelector('main').append(v);
  });
  await page.waitForFunction(() => performance.getEntriesByType('resource').length >= 0);
  await page.locator('#viewer-slow').getByTestId('av-loading').waitFor();
  await page.evaluate(() => document.getElementById('viewer-slow').remove());
  await page.waitForTimeout(300);
  assert.ok(failed.some(([url, why]) => url.includes('slow-1.json') && /ABORTED/i.test(why)), JSON.stringify(failed));
  await seed.getByTestId('av-size-up').click();
  await seed.getByTestId('av-size-value').getByText('113').waitFor();
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test('a second script tag changes nothing', async () => {
  const { page, context, problems } = await openPage(browser, { viewport: { width: 1000, height: 900 } });
  // The portal page with the loader included twice (another URL, so the browser runs it twice).
  await page.route(`**${PORTAL}`, async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace('</head>', '<script type="module" src="../../embed.js?second-tag"></script></head>');
    await route.fulfill({ response, body });
  });
  await page.goto(`${server.url}${PORTAL}`);
  await page.locator('#viewer-seed').getByTestId('av-article').waitFor();
  await page.locator('#viewer-en').getByTestId('av-article').waitFor();
  await page.waitForTimeout(500);
  assert.ok(problems.requests.some((u) => u.includes('embed.js?second-tag')), 'the second tag ran');
  const count = () => page.evaluate(() => [...document.querySelectorAll('article-viewer:not([loading]), [data-article-viewer]')].map((el) => el.shadowRoot?.querySelectorAll('[data-testid="av-article"]').length ?? 0));
  assert.deepEqual(await count(), [1, 1]);
  const wasmLoads = problems.requests.filter((u) => u.endsWith('_bg.wasm'));
  assert.equal(wasmLoads.length, 1, 'the wasm is loaded once per page');
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test('a lazy viewer fetches nothing until it nears the viewport', async () => {
  const { page, context, problems } = await openPortal();
  await page.waitForTimeout(500);
  assert.deepEqual(problems.requests.filter((u) => u.includes('long-article.json')), []);
  await page.locator('#viewer-lazy').scrollIntoViewIfNeeded();
  await page.locator('#viewer-lazy').getByTestId('av-article').waitFor();
  assert.equal(problems.requests.filter((u) => u.includes('long-article.json')).length, 1);
  await context.close();
});

test('a div viewer follows a change of data-src', async () => {
  const { page, context, en } = await openPortal();
  await page.evaluate(() => document.getElementById('viewer-en').setAttribute('data-src', '../../samples/ky-anh-2022-04-15.json'));
  await en.getByTestId('av-title').getByText(/^Thường trực/).waitFor();
  await context.close();
});

test('printing from an embedded viewer prints only the article', async () => {
  const { page, context, seed } = await openPortal({}, () => {
    window.print = () => {
      window.top.__printed = { href: location.href, toolbar: document.querySelectorAll('[data-testid="av-toolbar"]').length, portal: document.querySelectorAll('.portal-header').length };
    };
  });
  await seed.getByTestId('av-print').click();
  await page.waitForFunction(() => window.__printed, null, { timeout: 10000 });
  const printed = await page.evaluate(() => window.__printed);
  assert.match(printed.href, /\/index\.html\?view=print&autoprint=1&src=/);
  assert.deepEqual([printed.toolbar, printed.portal], [0, 0]);
  await context.close();
});

test('the loader works from another origin than the host page', async () => {
  // The host page on its own origin, the viewer (loader, wasm, articles, comments) on the server's.
  const html = readFileSync(join(root, 'dist', 'examples', 'portal', 'index.html'), 'utf8')
    .replaceAll('../../embed.js', `${server.url}/embed.js`)
    .replaceAll('../../samples/', `${server.url}/samples/`);
  const host = createServer((req, res) => {
    if (req.url.startsWith('/examples/portal/index.html')) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    else if (req.url.endsWith('.css')) res.writeHead(200, { 'content-type': 'text/css' }).end(readFileSync(join(root, 'dist', req.url.split('?')[0])));
    else res.writeHead(404).end();
  });
  await new Promise((ok) => host.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${host.address().port}`;
  assert.notEqual(new URL(base).origin, new URL(server.url).origin);
  const { context, seed, en, problems } = await openPortal({ base });
  assert.match(await seed.getByTestId('av-title').innerText(), /^Thường trực/);
  assert.equal(await en.getByTestId('av-title').innerText(), 'Harbour Library reopens after a year of repairs');
  assert.ok(problems.requests.some((u) => u.startsWith(`${server.url}/embed.js`)));
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
  await new Promise((ok) => host.close(ok));
});
