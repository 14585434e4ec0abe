// Issue 19, item 4: a portal's own markup of the article inside the embed (examples/portal/markup.html)
// shows at once, styled by the page, and the viewer upgrades it in place, from `src` or, without it,
// from the markup itself; exactly one visible copy at every frame; the markup stays when the viewer
// or its source fails; hostile markup does not reach the viewer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, openPage, axe } from './support/harness.mjs';

let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
});

const PAGE = '/examples/portal/markup.html';
/** A sentence found once in each article (markup and source alike). */
const WITH_SRC = 'More than two hundred residents queued before the doors opened at nine.';
const WITHOUT_SRC = 'Ban quản lý chợ cho biết các gian hàng được kê cao thêm nửa mét';
const WASM = /_bg\.wasm$/;

/**
 * Counts, in the page, the rendered text nodes (light DOM and open shadow roots) holding `sentence`:
 * unslotted light DOM has no box, so it does not count. Installed before the page's scripts, it also
 * records the count at every animation frame in `window.__frames[sentence]`.
 */
function recordCopies(sentences) {
  const count = (sentence) => {
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
  window.__copies = count;
  window.__frames = Object.fromEntries(sentences.map((s) => [s, []]));
  const frame = () => {
    for (const s of sentences) window.__frames[s].push(count(s));
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** Opens `path` with the wasm held back until `release()` (or failing, with `failWasm`). */
async function open(path = PAGE, { failWasm = false, routes } = {}) {
  const opened = await openPage(browser, { viewport: { width: 1000, height: 900 } });
  const { page } = opened;
  await page.addInitScript(recordCopies, [WITH_SRC, WITHOUT_SRC, HOSTILE_SENTENCE]);
  await page.addInitScript(() => {
    window.__events = [];
    for (const name of ['article-loaded', 'article-error']) {
      document.addEventListener(name, (e) => window.__events.push({ name, target: e.target.id, detail: e.detail }));
    }
  });
  let release;
  const held = new Promise((ok) => (release = ok));
  await page.route(WASM, async (route) => {
    if (failWasm) return route.abort();
    await held;
    await route.continue().catch(() => {});
  });
  if (routes) await routes(page);
  await page.goto(`${server.url}${path}`);
  return { ...opened, release };
}

const copies = (page, sentence) => page.evaluate((s) => window.__copies(s), sentence);
/** The counts recorded since the sentence first showed. */
async function frames(page, sentence) {
  const all = await page.evaluate((s) => window.__frames[s], sentence);
  return all.slice(all.indexOf(1));
}
/** Waits until `sentence` has been counted in at least `n` more frames. */
async function moreFrames(page, sentence, n = 3) {
  const now = await page.evaluate((s) => window.__frames[s].length, sentence);
  await page.waitForFunction(([s, at]) => window.__frames[s].length >= at, [sentence, now + n]);
}
const shadow = (page, id, selector) => page.locator(`#${id}`).locator(selector);

test('the portal markup shows before the wasm with the page styles, then both forms upgrade in place with one copy at every frame', async () => {
  const { page, context, problems, release } = await open();
  // Before any wasm: each article once, as the portal printed it, styled by the page.
  await page.waitForFunction(([a, b]) => window.__copies(a) === 1 && window.__copies(b) === 1, [WITH_SRC, WITHOUT_SRC]);
  assert.equal(await page.locator('[data-testid="av-article"]').count(), 0, 'no viewer yet');
  assert.equal(await page.locator('#viewer-src .av-prepaint main, #viewer-src main.av-prepaint').count(), 0, 'no second copy pre-painted from the JSON');
  const look = await page.evaluate(() => {
    const cs = (sel) => getComputedStyle(document.querySelector(sel));
    return {
      bodyFont: cs('#viewer-src .portal-article p:not([class])').fontFamily,
      titleColor: cs('#viewer-src .portal-article__title').color,
      metaStyle: cs('#viewer-markup .portal-article__meta').fontStyle,
    };
  });
  assert.deepEqual(look, { bodyFont: 'Georgia, serif', titleColor: 'rgb(139, 0, 0)', metaStyle: 'italic' }, "the page's inherited and own rules apply");
  await moreFrames(page, WITH_SRC);

  release();
  const srcViewer = page.locator('#viewer-src');
  const markupViewer = page.locator('#viewer-markup');
  await srcViewer.getByTestId('av-article').waitFor();
  await markupViewer.getByTestId('av-article').waitFor();
  await moreFrames(page, WITH_SRC);
  await moreFrames(page, WITHOUT_SRC);
  for (const s of [WITH_SRC, WITHOUT_SRC]) {
    const seen = await frames(page, s);
    assert.ok(seen.length > 6, `frames recorded for "${s}"`);
    assert.deepEqual([...new Set(seen)], [1], `exactly one visible copy of "${s}" at every frame`);
  }
  // The viewer's article, from the source and from the markup, in the viewer's own styles.
  assert.equal(await srcViewer.getByTestId('av-title').innerText(), 'Harbour Library reopens after a year of repairs');
  assert.match(await srcViewer.getByTestId('av-body').innerText(), /Visitors per year/, 'the body comes from the source');
  assert.equal(await markupViewer.getByTestId('av-title').innerText(), 'Chợ đêm ven sông Kỳ Anh mở cửa trở lại sau mùa mưa');
  assert.match(await markupViewer.getByTestId('av-body').innerText(), /Giờ mở cửa/);
  const img = await markupViewer.getByTestId('av-body').locator('img').first().getAttribute('src');
  assert.equal(img, `${server.url}/samples/images/market-square.png`, 'a relative picture resolves against the page');
  assert.notEqual(await srcViewer.getByTestId('av-title').evaluate((t) => getComputedStyle(t).color), 'rgb(139, 0, 0)');
  assert.equal(await page.locator('#viewer-src').evaluate((h) => h.shadowRoot.querySelectorAll('slot').length), 0);
  assert.equal(await page.locator('#viewer-markup').evaluate((h) => h.shadowRoot.querySelectorAll('.av-loading, [data-testid="av-error"]').length), 0);
  // The light DOM is still the portal's: nothing written into it.
  assert.equal(await page.locator('#viewer-src .portal-article').count(), 1);
  // The accessibility tree holds one copy too.
  const tree = await page.locator('body').ariaSnapshot();
  assert.equal(tree.split(WITH_SRC).length - 1, 1, tree);
  assert.equal(tree.split(WITHOUT_SRC).length - 1, 1);
  const events = await page.evaluate(() => window.__events);
  assert.deepEqual(events.map((e) => `${e.name} ${e.target}`).sort(), ['article-loaded viewer-markup', 'article-loaded viewer-src']);

  // The toolbar works: Email, Print, Aa.
  assert.match(await srcViewer.getByTestId('av-email').getAttribute('href'), /^mailto:\?subject=Harbour%20Library/);
  assert.match(await markupViewer.getByTestId('av-email').getAttribute('href'), /markup\.html/, "the article's address is the page's");
  // "Aa" shows where the toolbar is one narrow row.
  await page.setViewportSize({ width: 420, height: 900 });
  const aa = markupViewer.getByTestId('av-aa');
  await aa.click();
  assert.equal(await aa.getAttribute('aria-expanded'), 'true');
  await markupViewer.getByTestId('av-tools').getByRole('button').first().waitFor();
  await page.addInitScript(() => {
    if (window.top === window) return;
    window.print = () => (window.top.__printed = document.querySelector('[data-testid="av-title"]')?.textContent ?? '');
  });
  await srcViewer.getByTestId('av-print').click();
  await page.waitForFunction(() => window.__printed, null, { timeout: 15000 });
  assert.equal(await page.evaluate(() => window.__printed), 'Harbour Library reopens after a year of repairs');
  // Without src the print view reads the page at the article's address (page#element-id): that
  // element's markup alone, not the page's other article.
  await page.evaluate(() => (window.__printed = null));
  await markupViewer.getByTestId('av-print').click();
  await page.waitForFunction(() => window.__printed, null, { timeout: 15000 });
  assert.equal(await page.evaluate(() => window.__printed), 'Chợ đêm ven sông Kỳ Anh mở cửa trở lại sau mùa mưa');
  assert.deepEqual(await axe(page, '#viewer-markup'), []);
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('a reader who scrolled into the markup stays at the same place in the article, and a focus in the markup goes to the title', async () => {
  const { page, context, release } = await open();
  await page.waitForFunction((a) => window.__copies(a) === 1, WITH_SRC);
  await page.locator('#viewer-src a[href^="mailto:library"]').focus();
  // Half of the first article above the viewport's top.
  const share = () => page.locator('#viewer-src').evaluate((h) => -h.getBoundingClientRect().top / h.getBoundingClientRect().height);
  await page.locator('#viewer-src').evaluate((h) => scrollBy(0, h.getBoundingClientRect().top + h.getBoundingClientRect().height / 2));
  const before = await share();
  assert.ok(before > 0.4 && before < 0.6, String(before));
  release();
  await page.locator('#viewer-src').getByTestId('av-article').waitFor();
  await page.waitForFunction(() => window.__events.length === 2);
  const after = await share();
  assert.ok(Math.abs(after - before) < 0.05, `${before} → ${after}`);
  // The focused link is no longer rendered: the focus is on the article's title (the place above is kept).
  const focused = await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.dataset.testid ?? document.activeElement?.tagName);
  assert.equal(focused, 'av-title');
  await context.close();
});

test('the markup stays, with no error panel, when the source fails or the wasm never arrives', async () => {
  const failing = await open(PAGE, {
    routes: (page) => page.route('**/samples/harbour-library-2024-03-02.json', (r) => r.fulfill({ status: 404, body: 'gone' })),
  });
  failing.release();
  await failing.page.locator('#viewer-markup').getByTestId('av-article').waitFor();
  await failing.page.waitForFunction(() => window.__events.some((e) => e.name === 'article-error'));
  const error = await failing.page.evaluate(() => window.__events.find((e) => e.name === 'article-error'));
  assert.deepEqual([error.target, error.detail.kind], ['viewer-src', 'not-found']);
  assert.equal(await copies(failing.page, WITH_SRC), 1, "the portal's markup is still what the reader sees");
  // The viewer's error panel (with its Retry) stays unseen under the portal's article, for screen readers too.
  assert.equal(await failing.page.locator('#viewer-src').getByTestId('av-error').isVisible(), false);
  const tree = await failing.page.locator('#viewer-src').ariaSnapshot();
  assert.ok(tree.includes(WITH_SRC) && !/alert|button/.test(tree), tree);
  assert.equal(await failing.page.locator('#viewer-src .portal-article p:not([class])').first().evaluate((p) => getComputedStyle(p).fontFamily), 'Georgia, serif');
  await failing.context.close();

  const { page, context } = await open(PAGE, { failWasm: true });
  await page.waitForFunction(() => [...document.querySelectorAll('article-viewer, [data-article-viewer]')].every((h) => h.host_?.busy === false));
  for (const s of [WITH_SRC, WITHOUT_SRC]) assert.equal(await copies(page, s), 1);
  assert.equal(await page.getByRole('alert').count(), 0, 'no "could not be loaded" over an article the reader has');
  await context.close();
});

const HOSTILE_SENTENCE = 'Câu văn AV-HOSTILE được đếm đúng một lần.';
const HOSTILE_PAGE = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Hostile markup</title>
<script type="module" src="../../embed.js"></script></head><body>
<div id="viewer-hostile" data-article-viewer data-comments="off"><article>
<h1>Bài viết có mã độc hại trong phần đánh dấu</h1>
<p>${HOSTILE_SENTENCE} Đoạn văn đủ dài để được trích ra như thân bài của một bài viết bình thường.</p>
<script>window.__ran = (window.__ran || 0) + 1;</script>
<img src="/no-such-picture.png" onerror="window.__ran = (window.__ran || 0) + 1" alt="ảnh hỏng">
<p><a id="js-link" href="javascript:window.__ran=99">liên kết javascript</a> và <span onclick="window.__ran=98">một chữ có onclick</span>.</p>
<iframe srcdoc="<script>parent.__ran = (parent.__ran || 0) + 1</script>" title="khung"></iframe>
<form action="https://evil.example/"><input name="a" aria-label="a"></form>
<p>Đoạn cuối của bài viết có mã độc hại, vẫn là chữ thường.</p>
</article></div></body></html>`;

test('hostile markup (script, handlers, javascript: links) never reaches the viewer, even with the CSP bypassed', async () => {
  const path = '/nocsp/examples/portal/hostile-markup.html';
  const { page, context, release } = await open(path, {
    routes: (page) => page.route(`**${path}`, (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: HOSTILE_PAGE })),
  });
  // Before the upgrade the markup is the portal's own, and so are its scripts.
  await page.waitForFunction(() => window.__ran === 3);
  release();
  const viewer = page.locator('#viewer-hostile');
  await viewer.getByTestId('av-article').waitFor();
  await moreFrames(page, HOSTILE_SENTENCE);
  const found = await viewer.evaluate((h) => {
    const all = [...h.shadowRoot.querySelectorAll('*')];
    return {
      scripts: all.filter((e) => ['SCRIPT', 'IFRAME', 'FORM', 'INPUT'].includes(e.tagName)).map((e) => e.tagName),
      handlers: all.flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${e.tagName} ${a.name}`)),
      jsLinks: all.filter((e) => /^\s*javascript:/i.test(e.getAttribute('href') ?? '')).length,
    };
  });
  assert.deepEqual(found, { scripts: [], handlers: [], jsLinks: 0 });
  assert.equal(await page.evaluate(() => window.__ran), 3, 'nothing of the markup ran again');
  assert.deepEqual([...new Set(await frames(page, HOSTILE_SENTENCE))], [1]);
  assert.match(await viewer.getByTestId('av-body').innerText(), /Đoạn cuối của bài viết/);
  await context.close();
});
