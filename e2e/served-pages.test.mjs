// Issue 19: every article is a real HTML page from the reference server (`/articles/{id}`), rendered
// by the viewer's own components: it reads without JavaScript, carries its metadata for link
// previews, runs nothing of a hostile article, and is taken over in place by the viewer (one copy at
// every frame, the reader's text size from the first frame, nothing moving, the focus kept).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite, openPage, axe, cspViolations, root } from './support/harness.mjs';
import { startCommentsServer } from './support/comments-server.mjs';

let browser, server;
suite(
  (b, s) => {
    browser = b;
    server = s;
  },
  () => startCommentsServer(),
);

const SEED = JSON.parse(readFileSync(join(root, 'samples', 'ky-anh-2022-04-15.json'), 'utf8'));
const page = (id = 'ky-anh-2022-04-15') => `${server.url}/articles/${id}`;
/** The last sentence of the seed's body, as a browser shows it. */
const LAST_WORDS = 'Ban Đoàn kết Công giáo Thị xã.';

/** Records, from the first frame, how many articles each frame shows, their root's text size and
 * theme, and every layout shift. */
function watchFrames() {
  window.__frames = [];
  window.__cls = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  const tick = () => {
    const articles = document.querySelectorAll('.av-article');
    const viewer = articles[0]?.closest('.av-viewer');
    window.__frames.push({
      articles: articles.length,
      served: !!articles[0]?.closest('[data-ssr]'),
      size: viewer ? getComputedStyle(viewer).fontSize : null,
      theme: viewer?.dataset.theme ?? null,
    });
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Holds the viewer's wasm until `release()` is called. */
async function holdWasm(p) {
  let release;
  const released = new Promise((ok) => (release = ok));
  await p.route(/article-viewer-[0-9a-f]+_bg\.wasm$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

const takenOver = (p) => p.locator('main.av-main:not(.av-prepaint) [data-testid="av-article"]').waitFor();

test('with JavaScript off the article page shows the whole article with its metadata', async () => {
  const { page: p, context, problems } = await openPage(browser, { javaScriptEnabled: false });
  await p.goto(page());
  assert.equal(await p.getByTestId('av-title').innerText(), SEED.title);
  assert.equal(await p.getByTestId('av-published').innerText(), '17:09 18/04/2022');
  assert.equal(await p.getByTestId('av-author').innerText(), SEED.authors[0].name);
  assert.equal(await p.getByTestId('av-lead').innerText(), SEED.lead);
  assert.ok((await p.getByTestId('av-body').innerText()).trim().endsWith(LAST_WORDS));
  assert.equal(await p.locator('.av-article').count(), 1);
  // E-mail works as a plain link, with the page's own address; the tab and the metadata are the
  // article's.
  const mail = await p.getByTestId('av-email').getAttribute('href');
  assert.match(mail, /^mailto:\?subject=/);
  assert.ok(new URLSearchParams(mail.replace(/^mailto:\?/, '')).get('body').endsWith(page()));
  assert.match(await p.title(), new RegExp(`^${SEED.title}`));
  assert.equal(await p.locator('html').getAttribute('lang'), 'vi');
  assert.equal(await p.locator('meta[property="og:title"]').getAttribute('content'), SEED.title);
  assert.equal(await p.locator('link[rel="canonical"]').getAttribute('href'), SEED.url);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test('if the wasm never arrives the served article stays, whole and accessible', async () => {
  const { page: p, context } = await openPage(browser);
  await p.route(/article-viewer-[0-9a-f]+_bg\.wasm$/, (route) => route.abort());
  const failed = p.waitForEvent('console', (m) => m.type() === 'error' && m.text().includes('could not start'));
  await p.goto(page());
  await failed;
  assert.equal(await p.locator('main[data-ssr] .av-article').count(), 1);
  assert.ok((await p.getByTestId('av-body').innerText()).trim().endsWith(LAST_WORDS));
  assert.equal(await p.locator('.av-boot-error').count(), 0);
  assert.deepEqual(await axe(p), [], 'axe on the served article');
  await context.close();
});

test('a link-preview client reads title, description, image and canonical without JavaScript', async () => {
  const r = await fetch(page(), { headers: { 'user-agent': 'facebookexternalhit/1.1', accept: 'text/html' } });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/html/);
  const html = await r.text();
  const meta = (attr, key) => html.match(new RegExp(`<meta ${attr}="${key}" content="([^"]*)"`))?.[1];
  const unescape = (s) => s?.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
  assert.equal(unescape(meta('property', 'og:title')), SEED.title);
  assert.equal(unescape(meta('property', 'og:description')), SEED.lead);
  assert.equal(unescape(meta('name', 'description')), SEED.lead);
  assert.equal(meta('property', 'og:image'), `${server.url}/content/images/ky-anh-2022-04-15.svg`);
  assert.equal(meta('name', 'twitter:card'), 'summary_large_image');
  assert.equal(unescape(html.match(/<link rel="canonical" href="([^"]*)"/)?.[1]), SEED.url);
  const ld = JSON.parse(html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)[1]);
  assert.equal(ld['@type'], 'NewsArticle');
  assert.equal(ld.headline, SEED.title);
  assert.equal(ld.datePublished, SEED.published);
  assert.equal(ld.author[0].name, SEED.authors[0].name);
  assert.deepEqual(ld.image, [`${server.url}/content/images/ky-anh-2022-04-15.svg`]);
  assert.equal(ld.url, page());
});

test('the server sends the page compressed and answers a returning reader with 304', async () => {
  const r = await fetch(page(), { headers: { 'accept-encoding': 'br' } });
  assert.equal(r.headers.get('content-encoding'), 'br');
  const etag = r.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]{24}"$/);
  assert.ok(r.headers.get('last-modified'));
  assert.equal(r.headers.get('cache-control'), 'no-cache');
  // Strict, with the page's inline stylesheet allowed by its hash alone.
  const csp = r.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp, /; style-src 'self' 'sha256-[A-Za-z0-9+/]{43}='$/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.match(r.headers.get('vary'), /cookie/i);
  await r.arrayBuffer();
  const again = await fetch(page(), { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
  assert.equal((await fetch(page('no-such-article'))).status, 404);
  assert.equal((await fetch(`${server.url}/articles/..%2Fsecret`)).status, 404);
});

test("the hostile sample's page holds nothing dangerous and runs nothing, even with the CSP bypassed", async () => {
  const { page: p, context, problems } = await openPage(browser, { bypassCSP: true });
  await p.goto(page('hostile'));
  const inspect = () =>
    p.evaluate(() => {
      const ours = new Set(['application/json', 'application/ld+json']);
      const bad = [];
      for (const el of document.querySelectorAll('*')) {
        const script = el.localName === 'script';
        if (script && !(ours.has(el.type) || /\/boot\.js$/.test(el.src))) bad.push(`script ${el.outerHTML.slice(0, 60)}`);
        if (['iframe', 'object', 'embed', 'base', 'form', 'svg', 'math'].includes(el.localName) && el.closest('.av-article__body')) bad.push(el.localName);
        for (const a of el.attributes) {
          if (a.name.startsWith('on')) bad.push(`${el.localName}[${a.name}]`);
          if (/^\s*(javascript|vbscript|data:text\/html)/i.test(a.value)) bad.push(`${el.localName}[${a.name}=${a.value}]`);
        }
      }
      return { bad, pwned: window.__pwned ?? null };
    });
  // As served, then as the viewer shows it.
  assert.deepEqual(await inspect(), { bad: [], pwned: null });
  await takenOver(p);
  await p.getByTestId('av-body').hover();
  assert.deepEqual(await inspect(), { bad: [], pwned: null });
  assert.match(await p.getByTestId('av-title').innerText(), /<script>window.__pwned='title'<\/script>/);
  assert.deepEqual(problems.dialogs, []);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test('with the wasm held back the article reads at once, then the viewer takes it over with one copy', async () => {
  const { page: p, context, problems } = await openPage(browser);
  await p.addInitScript(watchFrames);
  const release = await holdWasm(p);
  await p.goto(page());
  // Readable before any wasm: the whole body, served.
  await p.locator('main[data-ssr] [data-testid="av-body"]').getByText(LAST_WORDS).waitFor();
  assert.equal(await p.locator('.av-article').count(), 1);
  // The reader puts the focus on the e-mail link before the viewer arrives.
  await p.getByTestId('av-email').focus();
  release();
  await takenOver(p);
  await p.waitForFunction(() => window.__frames.at(-1)?.served === false);
  const frames = await p.evaluate(() => window.__frames.filter((f) => f.articles > 0 || f.served));
  const shown = frames.slice(frames.findIndex((f) => f.articles > 0));
  assert.ok(shown.every((f) => f.articles === 1), `one copy in every frame: ${JSON.stringify(shown.filter((f) => f.articles !== 1).slice(0, 3))}`);
  assert.ok(shown.some((f) => f.served) && !shown.at(-1).served);
  // The focus is where the reader left it, in the viewer's own article now.
  await p.waitForFunction(() => document.activeElement?.dataset.testid === 'av-email');
  assert.equal(await p.evaluate(() => !!document.activeElement.closest('main.av-main:not(.av-prepaint)')), true);
  // No second request for the article: the page's data block was taken.
  assert.equal(problems.requests.filter((u) => u.includes('/content/ky-anh-2022-04-15.json')).length, 0);
  assert.ok((await p.evaluate(() => window.__cls)) <= 0.01);
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.cspViolations, []);
  assert.deepEqual(await axe(p), [], 'axe after the takeover');
  await context.close();
});

/** Opens the served page watching its frames; resolves, once the viewer has taken it over, to
 * the frames that showed the article and the page's layout shift. */
async function framesOf(p) {
  await p.goto(page());
  await takenOver(p);
  await p.waitForFunction(() => window.__frames.at(-1)?.served === false);
  const frames = await p.evaluate(() => window.__frames.filter((f) => f.articles > 0));
  return { frames, cls: await p.evaluate(() => window.__cls) };
}

const cookieOf = async (context) => (await context.cookies()).find((c) => c.name === 'av-prefs');

test('a reader at 200 % sees 200 % (and a dark theme) in the first frame, and nothing moves', async () => {
  const { page: p, context, problems } = await openPage(browser, { viewport: { width: 412, height: 860 } });
  // The reader chose 200 % and the dark theme in the viewer on an earlier visit.
  await p.addInitScript(() => {
    if (!sessionStorage.getItem('set')) {
      sessionStorage.setItem('set', '1');
      localStorage.setItem('article-viewer:prefs:v2', 'size=200;theme=dark');
    }
  });
  await p.goto(`${server.url}/`);
  await p.locator('main.av-main:not(.av-prepaint) [data-testid="av-article"]').waitFor();
  const cookie = await cookieOf(context);
  assert.equal(cookie?.value, 'size=200&theme=dark');
  assert.equal(cookie.path, '/');
  assert.equal(cookie.sameSite, 'Lax');
  // No script runs before the first frame: the server writes the page in the reader's settings.
  await p.addInitScript(watchFrames);
  const { frames, cls } = await framesOf(p);
  assert.ok(frames[0].served, 'the first frame with text is the served one');
  assert.deepEqual(
    [...new Set(frames.map((f) => `${f.size} ${f.theme}`))],
    ['32px dark'],
    'every frame at 200 % and dark, from the first',
  );
  assert.ok(cls <= 0.01, `CLS ${cls}`);
  assert.equal(await p.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true, 'no sideways scrolling');
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.cspViolations, []);
  assert.deepEqual(await cspViolations(p), []);
  await context.close();
});

test("a reader's change reaches the server's next page; settings kept only in storage are carried over", async () => {
  const { page: p, context } = await openPage(browser, { viewport: { width: 412, height: 860 } });
  // Settings from before the cookie existed: the first served page learns them from storage at once.
  await p.addInitScript(() => {
    if (!sessionStorage.getItem('set')) {
      sessionStorage.setItem('set', '1');
      localStorage.setItem('article-viewer:prefs:v2', 'size=150;line=relaxed');
    }
  });
  await p.addInitScript(watchFrames);
  let { frames } = await framesOf(p);
  assert.equal(frames.at(-1).size, '24px');
  assert.equal((await cookieOf(context))?.value, 'size=150&line=relaxed');
  // The reader enlarges the text: the cookie follows, and the next page is at 175 % from its first frame.
  await p.getByTestId('av-aa').click(); // the tools are behind "Aa" on a phone
  await p.getByTestId('av-size-up').click();
  await p.waitForFunction(() => document.cookie.includes('av-prefs=size=175&line=relaxed'));
  ({ frames } = await framesOf(p));
  assert.ok(frames[0].served);
  assert.deepEqual([...new Set(frames.map((f) => f.size))], ['28px']);
  await context.close();
});

test("copy link and e-mail share give the article's page on the server, from that page and from ?src=", async () => {
  const { page: p, context } = await openPage(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const shared = async () => {
    const href = await p.locator('main.av-main:not(.av-prepaint) [data-testid="av-email"]').getAttribute('href');
    return new URLSearchParams(href.replace(/^mailto:\?/, '')).get('body');
  };
  await p.goto(page());
  await takenOver(p);
  const fromPage = await shared();
  assert.ok(fromPage.endsWith(page()), fromPage);
  await p.getByTestId('av-copy-link').click();
  await p.getByTestId('av-copy-status').waitFor();
  assert.equal(await p.evaluate(() => navigator.clipboard.readText()), page());
  // The standalone viewer with the article's JSON from this server learns its page from the answer.
  await p.goto(`${server.url}/?src=/content/ky-anh-2022-04-15.json`);
  await p.locator('main.av-main:not(.av-prepaint) [data-testid="av-article"]').waitFor();
  const fromSrc = await shared();
  assert.ok(fromSrc.endsWith(page()), fromSrc);
  // Elsewhere (no such page), the article's own address.
  await p.goto(`${server.url}/?src=samples/ky-anh-2022-04-15.json`);
  await p.locator('main.av-main:not(.av-prepaint) [data-testid="av-article"]').waitFor();
  const elsewhere = await shared();
  assert.ok(elsewhere.endsWith(SEED.url), elsewhere);
  await context.close();
});
