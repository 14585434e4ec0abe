// Issue 8: the loading design. The article is asked for in parallel with the wasm, its title, time,
// author and lead are on screen before the wasm is in, the viewer takes over without a layout
// shift and without a second copy for screen readers, under the strict CSP; embeds do the same in
// their shadow root; the embed API reads the stored text size after a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, cspViolations, openPage } from './support/harness.mjs';

let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
});

/**
 * Holds every response for the viewer's own wasm until `release()` is called, so a test can look
 * at the page before the wasm is in. Lazy parts are not held.
 */
async function holdWasm(page) {
  let release;
  const gate = new Promise((ok) => (release = ok));
  const held = [];
  await page.route(/article-viewer-[0-9a-f]+_bg\.wasm$/, async (route) => {
    held.push(route.request().url());
    await gate;
    await route.continue();
  });
  return { release, held };
}

/** Records layout shifts (Layout Instability API) and the pre-paint's lifetime. */
function recordShifts() {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__shifts.push({ value: e.value, recent: e.hadRecentInput });
  }).observe({ type: 'layout-shift', buffered: true });
}

const SEED_TITLE = /Kỳ Anh|Thị ủy|Ủy ban/;

test('the title, time, author and lead show before the wasm is in, and the viewer takes over without a shift', async () => {
  const { page, context, problems } = await openPage(browser, { viewport: { width: 412, height: 860 } });
  await page.addInitScript(recordShifts);
  const wasm = await holdWasm(page);
  await page.goto(`${server.url}/`);
  const prepaint = page.locator('.av-prepaint');
  await prepaint.locator('.av-article__title').waitFor();
  assert.ok(wasm.held.length > 0, 'the wasm was asked for');
  assert.equal(await page.getByTestId('av-article').count(), 0, 'the viewer has not started');
  const early = {
    title: (await prepaint.locator('.av-article__title').innerText()).trim(),
    time: (await prepaint.locator('.av-article__time').innerText()).trim(),
    author: (await prepaint.locator('.av-article__author').innerText()).trim(),
    lead: (await prepaint.locator('.av-article__lead').innerText()).trim(),
    box: await prepaint.locator('.av-article__lead').boundingBox(),
  };
  assert.match(early.title, SEED_TITLE);
  assert.equal(early.time, '17:09 18/04/2022');
  assert.ok(early.author.length > 0 && early.lead.length > 0);
  // Screen readers: the placeholder toolbar is hidden and inert; there is one article.
  assert.equal(await prepaint.locator('.av-toolbar').getAttribute('aria-hidden'), 'true');
  assert.equal(await prepaint.locator('.av-toolbar').evaluate((e) => e.inert), true);
  assert.equal(await page.locator('article').count(), 1);

  wasm.release();
  // The viewer has taken over (on this phone the size buttons are behind "Aa", so not visible).
  await page.getByTestId('av-size-up').waitFor({ state: 'attached' });
  assert.equal(await prepaint.count(), 0, 'the pre-paint is gone');
  assert.equal(await page.locator('article').count(), 1, 'one article, never two');
  assert.equal((await page.getByTestId('av-title').innerText()).trim(), early.title);
  assert.equal((await page.getByTestId('av-published').innerText()).trim(), early.time);
  assert.equal((await page.getByTestId('av-author').innerText()).trim(), early.author);
  assert.equal((await page.getByTestId('av-lead').innerText()).trim(), early.lead);
  const box = await page.getByTestId('av-lead').boundingBox();
  assert.deepEqual([box.x, box.y, box.width], [early.box.x, early.box.y, early.box.width], 'the lead did not move');
  const shifts = await page.evaluate(() => window.__shifts);
  const total = shifts.filter((s) => !s.recent).reduce((a, s) => a + s.value, 0);
  assert.ok(total <= 0.01, `cumulative layout shift ${total}`);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems.cspViolations, []);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test('the pre-paint uses the reader\'s stored text size and theme', async () => {
  const { page, context } = await openPage(browser, { viewport: { width: 412, height: 860 } });
  await page.addInitScript(() => localStorage.setItem('article-viewer:prefs:v1', 'size=200;line=relaxed;theme=dark'));
  const wasm = await holdWasm(page);
  await page.goto(`${server.url}/`);
  const viewer = page.locator('.av-prepaint .av-viewer');
  await viewer.locator('.av-article__title').waitFor();
  const early = await viewer.evaluate((e) => ({
    scale: e.style.getPropertyValue('--av-font-scale'),
    line: e.style.getPropertyValue('--av-line-height'),
    theme: e.dataset.theme,
    size: parseFloat(getComputedStyle(e.querySelector('.av-article__title')).fontSize),
  }));
  assert.deepEqual([early.scale, early.line, early.theme], ['2', '2', 'dark']);
  assert.equal((await viewer.locator('.av-size__value').innerText()).trim(), '200 %');
  wasm.release();
  // The viewer has taken over (on this phone the size buttons are behind "Aa", so not visible).
  await page.getByTestId('av-size-up').waitFor({ state: 'attached' });
  const size = await page.getByTestId('av-title').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  assert.equal(size, early.size, 'the title keeps its size');
  await context.close();
});

test('the article is asked for in parallel with the wasm, once', async () => {
  const { page, context, problems } = await openPage(browser);
  const wasm = await holdWasm(page);
  await page.goto(`${server.url}/`);
  await page.locator('.av-prepaint .av-article__title').waitFor();
  // The JSON answered while the wasm was still held back.
  const json = problems.requests.filter((u) => u.endsWith('/samples/ky-anh-2022-04-15.json'));
  assert.equal(json.length, 1);
  wasm.release();
  // The viewer has taken over (on this phone the size buttons are behind "Aa", so not visible).
  await page.getByTestId('av-size-up').waitFor({ state: 'attached' });
  assert.equal(problems.requests.filter((u) => u.endsWith('/samples/ky-anh-2022-04-15.json')).length, 1, 'the viewer took the answer');
  // The comments widget's part is not on the critical path.
  assert.equal(problems.requests.filter((u) => /\/comments-[0-9a-f]+/.test(u)).length, 0);
  await context.close();
});

test('an error answer is not pre-painted, and the viewer explains it', async () => {
  const { page, context } = await openPage(browser);
  await page.goto(`${server.url}/?src=/fault/status?code=404`);
  await page.getByTestId('av-error').waitFor();
  assert.equal(await page.locator('.av-prepaint').count(), 0);
  assert.equal(await page.getByTestId('av-error').getAttribute('data-error-kind'), 'not-found');
  await context.close();
});

test('an embedded viewer pre-paints its title in its shadow root before the wasm is in', async () => {
  const { page, context, problems } = await openPage(browser, { viewport: { width: 1000, height: 900 } });
  await page.addInitScript(recordShifts);
  const wasm = await holdWasm(page);
  // The hostile page: its 40 px host text keeps the second viewer below the fold, so the shifts
  // measured are the first viewer's own (on the clean page the second viewer, in view, moves down
  // as the first one's body arrives above it).
  await page.goto(`${server.url}/examples/portal/hostile.html`);
  const seed = page.locator('#viewer-seed');
  await seed.locator('.av-prepaint .av-article__title').waitFor();
  assert.match(await seed.locator('.av-prepaint .av-article__title').innerText(), SEED_TITLE);
  // The lazy viewer far below asked for nothing.
  assert.equal(problems.requests.filter((u) => u.includes('long-article.json')).length, 0);
  wasm.release();
  await seed.getByTestId('av-size-up').waitFor();
  assert.equal(await seed.locator('.av-prepaint').count(), 0);
  assert.equal(await seed.locator('article').count(), 1);
  const shifts = await page.evaluate(() => window.__shifts);
  const total = shifts.filter((s) => !s.recent).reduce((a, s) => a + s.value, 0);
  assert.ok(total <= 0.01, `cumulative layout shift ${total}`);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test('el.fontScale reads the stored size right after a reload', async () => {
  const { page, context } = await openPage(browser, { viewport: { width: 1000, height: 900 } });
  await page.goto(`${server.url}/examples/portal/index.html`);
  const seed = page.locator('#viewer-seed');
  await seed.getByTestId('av-size-up').waitFor();
  await page.evaluate(() => (document.getElementById('viewer-seed').fontScale = 150));
  await seed.getByTestId('av-size-value').getByText('150').waitFor();
  const wasm = await holdWasm(page);
  await page.reload();
  await page.waitForFunction(() => customElements.get('article-viewer'));
  assert.equal(await page.evaluate(() => document.getElementById('viewer-seed').fontScale), 150, 'before the wasm');
  wasm.release();
  await seed.getByTestId('av-size-value').getByText('150').waitFor();
  assert.equal(await page.evaluate(() => document.getElementById('viewer-seed').fontScale), 150, 'after');
  await context.close();
});
