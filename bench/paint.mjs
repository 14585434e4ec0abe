// Benchmark: how soon a reader sees the seed article, side by side in one run —
//   static:      the same article as a plain HTML page (the viewer's stylesheet inline, no script),
//   served:      the reference server's article page (`/articles/{id}`: the article as HTML, then
//                taken over by the viewer), as the server answers a reader without settings,
//   prerendered: the same page as `article-viewer-server render` writes it for a static host
//                (external stylesheet, the first-frame settings script),
//   standalone:  the viewer's own page (dist/index.html),
//   embed:       a portal page with the one-script-tag embed (dist/embed.js),
// each in a cold browser context (empty cache), with brotli on the wire, on loopback and on a
// mobile profile (Chromium's network emulation: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up).
// It prints the median time to the first frame showing the title, to the full article (the first
// frame with the body to its last paragraph laid out: what the static page shows at once) and to
// the viewer's working controls (its own text size control; a served page's is inert until the
// viewer takes over, the static page has none), the ratios to the static page, and the largest
// layout shift (CLS) of any run. Not a test.
//   node bench/paint.mjs [runs=11] [--profile loopback|mobile]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { loadavg } from 'node:os';
import { existsSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { launch, root } from '../e2e/support/harness.mjs';
import { STRICT_CSP } from '../scripts/static-server.mjs';
import { startCommentsServer } from '../e2e/support/comments-server.mjs';

const args = process.argv.slice(2);
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 11);
const only = args.includes('--profile') ? args[args.indexOf('--profile') + 1] : null;
const dist = join(root, 'dist');
const SEED = 'samples/ky-anh-2022-04-15.json';

const PROFILES = {
  loopback: null,
  mobile: { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (750e3 / 8) | 0 },
};

/** The static page's stylesheet, inline: the viewer's, whole. */
const CSS = readFileSync(join(dist, (await import('node:fs')).readdirSync(dist).find((f) => /^viewer-[0-9a-f]+\.css$/.test(f))), 'utf8');
const CSS_HASH = (await import('node:crypto')).createHash('sha256').update(CSS).digest('base64');

/** The seed article as the plain HTML page a portal would serve (the same stylesheet, in the page,
 * and markup classes), with what every other form shows: its picture and caption under the lead. */
async function staticPage() {
  const a = JSON.parse(await readFile(join(dist, SEED), 'utf8'));
  const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const [, y, mo, d, h, mi] = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(a.published);
  const hero = a.image
    ? `<figure class="av-article__hero"><img class="av-article__hero-img" src="${esc(new URL(a.image.src, `http://x/${SEED}`).pathname)}" alt="${esc(a.image.alt ?? '')}" decoding="async">${a.image.caption ? `<figcaption class="av-article__caption">${esc(a.image.caption)}</figcaption>` : ''}</figure>`
    : '';
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(a.title)}</title><style>${CSS}</style></head><body class="av-page"><main class="av-main"><div class="av-viewer" data-theme="auto">
<article class="av-article" lang="${esc(a.lang)}"><header class="av-article__header"><h1 class="av-article__title" data-testid="av-title">${esc(a.title)}</h1>
<p class="av-article__meta"><time class="av-article__time">${h}:${mi} ${d}/${mo}/${y}</time> · ${esc(a.authors.map((x) => x.name).join(', '))}</p></header>
<p class="av-article__lead">${esc(a.lead)}</p>${hero}<div class="av-article__body" data-testid="av-body">${a.content_html}</div></article></div></main></body></html>`;
}

const PORTAL = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Portal</title><script type="module" src="/embed.js"></script></head><body>
<article-viewer src="/${SEED}"></article-viewer></body></html>`;

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png' };

/** The reference server's page of the seed article for a site at `url` (its JSON and images under
 * `/content`, which this bench serves from dist/samples), as the server answers a reader without a
 * settings cookie, with the Content-Security-Policy it sends (its inline stylesheet's hash). */
async function servedPage(url) {
  const server = await startCommentsServer({ AV_PUBLIC_URL: url, RUST_LOG: 'error' });
  try {
    const r = await fetch(`${server.url}/articles/ky-anh-2022-04-15`);
    if (r.status !== 200) throw new Error(`the server answered ${r.status} for the seed's page`);
    return { html: await r.text(), csp: r.headers.get('content-security-policy') };
  } finally {
    await server.stop();
    rmSync(server.dir, { recursive: true, force: true });
  }
}

/** The reference server's page of the seed article, for a site at `url` (its images and JSON under
 * `/samples`, where dist/ has them), as `article-viewer-server render` writes it. */
function prerenderedPage(url) {
  const binary = join(root, 'target', 'release', 'article-viewer-server');
  if (!existsSync(binary)) throw new Error(`${binary} is missing: run cargo build --release -p article-viewer-server`);
  const out = mkdtempSync(join(tmpdir(), 'av-paint-'));
  execFileSync(binary, ['render', '--content-dir', join(root, 'samples'), '--static-dir', dist, '--out', out, '--public-url', url, '--content-url', `${url}/samples`], { stdio: 'ignore' });
  const html = readFileSync(join(out, 'ky-anh-2022-04-15.html'), 'utf8');
  rmSync(out, { recursive: true, force: true });
  return html;
}

/** Serves dist/ (plus the bench pages) with brotli (quality 11, compressed once), as a CDN would. */
async function startServer() {
  const cache = new Map();
  const pages = { '/static.html': await staticPage(), '/portal.html': PORTAL, '/portal-markup.html': await portalMarkupPage() };
  const csp = { '/static.html': `${STRICT_CSP}; style-src 'self' 'sha256-${CSS_HASH}'` };
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    // The server's pages name their article and images under /content (the content directory).
    if (path.startsWith('/content/')) path = `/samples/${path.slice('/content/'.length)}`;
    let body;
    let type;
    if (pages[path]) {
      body = Buffer.from(pages[path]);
      type = TYPES['.html'];
    } else {
      const file = normalize(join(dist, path.endsWith('/') ? `${path}index.html` : path));
      if (!file.startsWith(dist + sep)) return res.writeHead(403).end();
      try {
        if (!(await stat(file)).isFile()) throw new Error('not a file');
        body = await readFile(file);
        type = TYPES[extname(file)] ?? 'application/octet-stream';
      } catch {
        return res.writeHead(404).end();
      }
    }
    const headers = { 'content-type': type, 'cache-control': 'no-cache' };
    if (type.startsWith('text/html')) headers['content-security-policy'] = csp[path] ?? STRICT_CSP;
    if (!type.startsWith('image/') || type.includes('svg')) {
      const key = path;
      if (!cache.has(key)) cache.set(key, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      body = cache.get(key);
      headers['content-encoding'] = 'br';
      headers.vary = 'accept-encoding';
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers).end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}`;
  const served = await servedPage(url);
  pages['/articles/ky-anh-2022-04-15'] = served.html;
  csp['/articles/ky-anh-2022-04-15'] = served.csp;
  pages['/prerendered/ky-anh-2022-04-15'] = prerenderedPage(url);
  return { url, close: () => new Promise((ok) => server.close(ok)) };
}

// Runs in the page before anything else: records the first frame in which the title is on screen,
// the first in which the body is laid out to its last paragraph, and the first in which the text
// size control is the viewer's working one (in the document or in any shadow root).
function probe() {
  const marks = {};
  window.__paint = marks;
  let cls = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  const roots = [document];
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const shadow = attach.call(this, init);
    roots.push(shadow);
    watch(shadow);
    return shadow;
  };
  const find = (selector) => {
    for (const r of roots) {
      const e = r.querySelector(selector);
      if (e) return e;
    }
    return null;
  };
  const check = () => {
    if (!marks.pending) {
      marks.pending = true;
      requestAnimationFrame((t) => {
        marks.pending = false;
        const title = find('.av-article__title');
        if (!marks.title && title && title.textContent.trim() && title.getBoundingClientRect().height > 0) marks.title = t;
        const body = find('.av-article__body');
        const last = body?.lastElementChild;
        if (!marks.full && last && last.textContent.trim() && last.getBoundingClientRect().height > 0) marks.full = t;
        // The viewer's working control (a served page's own is inert until the viewer takes over);
        // a page without scripts has none: its article is all there is.
        const control = find('[data-testid="av-size-up"]:not(.av-prepaint *)');
        if (!marks.ready && marks.full && (control || !document.querySelector('script:not([type^="application/"])'))) marks.ready = t;
        // Reported through the console: the harness injects nothing into the page while it loads.
        if (marks.title && marks.full && marks.ready && !marks.done) {
          marks.done = true;
          // The layout shifts so far, one more frame later (a shift is reported after its frame).
          requestAnimationFrame(() => setTimeout(() => console.debug(`av-paint ${marks.title} ${marks.full} ${marks.ready} ${cls}`), 0));
        }
      });
    }
  };
  function watch(r) {
    new MutationObserver(check).observe(r, { childList: true, subtree: true, characterData: true });
  }
  watch(document);
}

/** The machine's CPU time so far, busy and total, from /proc/stat (Linux). */
function cpu() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + (f[4] ?? 0);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/**
 * Waits until the machine is quiet (at most 15 % busy over 100 ms, for at most 5 s): what the last
 * run left behind (a closing browser context) must not weigh on the next one.
 */
async function settle() {
  if (!existsSync('/proc/stat')) return;
  const end = Date.now() + 5000;
  let last = cpu();
  while (Date.now() < end) {
    await new Promise((ok) => setTimeout(ok, 100));
    const now = cpu();
    const busy = (now.busy - last.busy) / Math.max(1, now.total - last.total);
    last = now;
    if (busy <= 0.15) return;
  }
}

async function once(browser, url, network) {
  await settle();
  const context = await browser.newContext({ viewport: { width: 412, height: 860 } });
  const page = await context.newPage();
  if (network) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', network);
  }
  await page.addInitScript(probe);
  // Waiting with waitForFunction would evaluate Playwright's scripts in the page while it loads (about
  // 10 ms of its main thread on this machine); the probe's console line costs the page nothing.
  const done = page.waitForEvent('console', { predicate: (m) => m.text().startsWith('av-paint '), timeout: 30000 });
  await page.goto(url, { waitUntil: 'commit' });
  const [, title, full, ready, cls] = (await done).text().split(' ').map(Number);
  const marks = { title, full, ready, cls };
  await context.close();
  return marks;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const loadBefore = loadavg()[0];
const browser = await launch();
const server = await startServer();
const forms = { static: '/static.html', served: '/articles/ky-anh-2022-04-15', prerendered: '/prerendered/ky-anh-2022-04-15', standalone: '/', embed: '/portal.html' };
console.log(`paint benchmark: seed article, ${runs} cold runs per cell, brotli on the wire, median ms\n`);
console.log('| network | page | title | × static | full article | × static | viewer ready | largest CLS |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [profile, network] of Object.entries(PROFILES)) {
  if (only && only !== profile) continue;
  // The forms take turns run by run, so a change in the machine's load weighs on all of them alike.
  const marks = Object.fromEntries(Object.keys(forms).map((f) => [f, { title: [], full: [], ready: [], cls: [] }]));
  for (const path of Object.values(forms)) await once(browser, server.url + path, network); // warm the server's compression cache
  for (let i = 0; i < runs; i++) {
    for (const [form, path] of Object.entries(forms)) {
      const m = await once(browser, server.url + path, network);
      marks[form].title.push(m.title);
      marks[form].full.push(m.full);
      marks[form].ready.push(m.ready);
      marks[form].cls.push(m.cls);
    }
  }
  const results = Object.fromEntries(Object.entries(marks).map(([f, m]) => [f, { title: median(m.title), full: median(m.full), ready: median(m.ready), cls: Math.max(...m.cls) }]));
  for (const [form, r] of Object.entries(results)) {
    const ratio = (v, base) => `${(v / base).toFixed(2)}×`;
    console.log(`| ${profile} | ${form} | ${r.title.toFixed(0)} | ${ratio(r.title, results.static.title)} | ${r.full.toFixed(0)} | ${ratio(r.full, results.static.full)} | ${form === 'static' ? '–' : r.ready.toFixed(0)} | ${r.cls.toFixed(3)} |`);
  }
}
await markupFigures(browser, server.url);
// Other work on the machine stretches every step of the viewer's chain more than the static page's one.
console.log(`\nload average (1 min) before ${loadBefore.toFixed(2)}, after ${loadavg()[0].toFixed(2)}`);
await browser.close();
await server.close();

// ---- The embed around the portal's own markup (issue 19, item 4; kept apart from the forms above) ----

/** The seed article as a portal prints it (its own classes), wrapped in `<article-viewer src>`. */
async function portalMarkupPage() {
  const a = JSON.parse(await readFile(join(dist, SEED), 'utf8'));
  const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Portal</title><script type="module" src="/embed.js"></script></head><body>
<article-viewer src="/${SEED}"><article class="portal-article"><h1>${esc(a.title)}</h1><p class="portal-lead">${esc(a.lead)}</p>
<div class="portal-body">${a.content_html}</div></article></article-viewer></body></html>`;
}

// Runs in the page before anything else: records the first frame in which the article's first body
// paragraph is on screen (the portal's markup or the viewer's), the first in which the viewer's own
// article is, and the most visible copies of that paragraph in any frame (light DOM and shadow roots).
function markupProbe(sentence) {
  const marks = { copies: 0 };
  const count = () => {
    let n = 0;
    const walk = (root) => {
      const it = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let node = it.currentNode; node; node = it.nextNode()) {
        if (node.nodeType === Node.TEXT_NODE) {
          if (node.data.includes(sentence) && node.parentElement.checkVisibility()) n += 1;
        } else if (node.shadowRoot) walk(node.shadowRoot);
      }
    };
    if (document.body) walk(document.body);
    return n;
  };
  const frame = (t) => {
    const n = count();
    marks.copies = Math.max(marks.copies, n);
    if (!marks.body && n) marks.body = t;
    const viewer = document.querySelector('article-viewer')?.shadowRoot?.querySelector('.av-article__body p');
    if (!marks.viewer && (viewer || (marks.body && !document.querySelector('script')))) marks.viewer = t;
    if (marks.body && marks.viewer) {
      if (!marks.done) requestAnimationFrame(() => console.debug(`av-markup ${marks.body} ${marks.viewer} ${marks.copies}`));
      marks.done = true;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** Prints when the body text first paints with the portal's markup inside the embed, against the static page. */
async function markupFigures(browser, url) {
  const a = JSON.parse(await readFile(join(dist, SEED), 'utf8'));
  // The body's first sentence as a browser shows it (no markup inside it in the seed article).
  const sentence = /<p>([^<.]{20,}\.)/.exec(a.content_html)[1];
  const pages = { static: '/static.html', 'embed, portal markup': '/portal-markup.html' };
  console.log(`\nembed around the portal's own markup: first frame with the body text, and with the viewer's article (median ms)\n`);
  console.log('| network | page | body text | × static | viewer article | most copies in a frame |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const [profile, network] of Object.entries(PROFILES)) {
    if (only && only !== profile) continue;
    const marks = Object.fromEntries(Object.keys(pages).map((p) => [p, { body: [], viewer: [], copies: [] }]));
    for (let i = 0; i <= runs; i++) {
      for (const [name, path] of Object.entries(pages)) {
        await settle();
        const context = await browser.newContext({ viewport: { width: 412, height: 860 } });
        const page = await context.newPage();
        if (network) {
          const cdp = await context.newCDPSession(page);
          await cdp.send('Network.enable');
          await cdp.send('Network.emulateNetworkConditions', network);
        }
        await page.addInitScript(markupProbe, sentence);
        const done = page.waitForEvent('console', { predicate: (m) => m.text().startsWith('av-markup '), timeout: 30000 });
        await page.goto(url + path, { waitUntil: 'commit' });
        const [, body, viewer, copies] = (await done).text().split(' ').map(Number);
        await context.close();
        if (i === 0) continue; // the first round warms the server's compression cache
        marks[name].body.push(body);
        marks[name].viewer.push(viewer);
        marks[name].copies.push(copies);
      }
    }
    const base = median(marks.static.body);
    for (const [name, m] of Object.entries(marks)) {
      const viewer = name === 'static' ? '–' : median(m.viewer).toFixed(0);
      console.log(`| ${profile} | ${name} | ${median(m.body).toFixed(0)} | ${(median(m.body) / base).toFixed(2)}× | ${viewer} | ${Math.max(...m.copies)} |`);
    }
  }
}
