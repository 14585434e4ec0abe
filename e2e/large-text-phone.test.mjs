// Issue 22, items 1, 2 and 5: large text on a phone (360 × 780 at 300 %): the article starts
// within reach, headings grow more slowly than the body, words never split, the controls keep the
// reader's browser size, the Display panel fits in two screens; the tab title follows the article.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, axe, openPage } from './support/harness.mjs';
import { showTools } from './pages/viewer-page.mjs';

let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
});

const PHONE = { width: 360, height: 780 };

/** Opens the standalone viewer on a phone with the reader's stored text size. */
async function openPhone(size, query = '', init) {
  const opened = await openPage(browser, { viewport: PHONE, hasTouch: true, isMobile: true });
  await opened.page.addInitScript((s) => localStorage.setItem('article-viewer:prefs:v2', `size=${s}`), size);
  if (init) await opened.page.addInitScript(init);
  await opened.page.goto(`${server.url}/${query}`);
  // The viewer is in: on a phone its toolbar is "Email | In | Aa".
  await opened.page.getByTestId('av-aa').waitFor();
  return opened;
}

/**
 * The places where a line of `selector`'s elements breaks inside a word: for each grapheme, its
 * line is the top of its `Range.getClientRects()`; two letters or digits with no space between
 * them on different lines are a split word. Returns "before|after" pairs.
 */
function splitWords(page, selector) {
  return page.evaluate((sel) => {
    const found = [];
    const letter = /[\p{L}\p{N}\p{M}]/u;
    const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    for (const el of document.querySelectorAll(sel)) {
      let prev = null;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.parentElement.closest('.av-visually-hidden, [hidden]')) continue;
        for (const { segment, index } of seg.segment(n.data)) {
          if (!letter.test(segment)) {
            prev = null;
            continue;
          }
          const r = document.createRange();
          r.setStart(n, index);
          r.setEnd(n, index + segment.length);
          const rect = r.getClientRects()[0];
          if (!rect) continue;
          const line = parseFloat(getComputedStyle(n.parentElement).lineHeight) || rect.height;
          if (prev && Math.abs(rect.top - prev.top) > line / 2) found.push(`${prev.text}|${segment} in "${el.textContent.trim().slice(0, 40)}"`);
          prev = { top: rect.top, text: segment };
        }
      }
    }
    return found;
  }, selector);
}

const measure = (page) =>
  page.evaluate(() => {
    const q = (s) => document.querySelector(s);
    const top = (s) => q(s).getBoundingClientRect().top + scrollY;
    const font = (s) => parseFloat(getComputedStyle(q(s)).fontSize);
    return {
      lead: top('[data-testid=av-lead]'),
      body: top('[data-testid=av-body] p'),
      title: font('[data-testid=av-title]'),
      text: font('[data-testid=av-body] p'),
      toolbar: q('[data-testid=av-toolbar]').getBoundingClientRect().height,
      toolbarFont: font('[data-testid=av-toolbar]'),
    };
  });

for (const [name, query] of [
  ['the Vietnamese seed', ''],
  ['the English sample', '?src=samples/harbour-library-2024-03-02.json'],
]) {
  test(`${name} at 300 % on a phone: the lead within 1.5 screens, the body within 3, a gentle title, no split word`, async () => {
    const { page, context, problems } = await openPhone(300, query);
    const m = await measure(page);
    assert.ok(m.lead <= 1170, `lead starts at ${m.lead} px`);
    assert.ok(m.body <= 2340, `first paragraph starts at ${m.body} px`);
    assert.ok(m.text >= 3 * 16 * 1.125 - 0.5, `the body keeps the reader's 300 % (${m.text} px)`);
    assert.ok(m.title <= 1.6 * m.text, `title ${m.title} px vs body ${m.text} px`);
    assert.deepEqual(await splitWords(page, '[data-testid=av-title], [data-testid=av-lead], .av-article__meta'), []);
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(widths[0] <= widths[1], `no sideways scroll: ${widths}`);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(problems.pageErrors, []);
    await context.close();
  });
}

test('headings grow more slowly than the body at every size, and never smaller than at 100 %', async () => {
  let before = null;
  for (const size of [100, 150, 200, 300]) {
    const { page, context } = await openPhone(size);
    const m = await measure(page);
    if (before) {
      assert.ok(m.title / m.text < before.title / before.text + 0.001, `${size} %: the ratio shrinks`);
      assert.ok(m.title >= before.title, `${size} %: the title does not shrink`);
    }
    before = m;
    await context.close();
  }
});

test('the toolbar keeps the reader\'s browser size whatever the article\'s text size', async () => {
  const at = {};
  for (const size of [100, 300]) {
    const { page, context } = await openPhone(size);
    at[size] = await measure(page);
    await context.close();
  }
  assert.equal(at[300].toolbarFont, at[100].toolbarFont);
  assert.ok(Math.abs(at[300].toolbar - at[100].toolbar) <= 1, `${at[100].toolbar} → ${at[300].toolbar} px`);
});

test('the Display panel at 300 % on a phone fits in two screens, no label splits a word, Escape closes it', async () => {
  const { page, context, problems } = await openPhone(300);
  await showTools(page);
  const toggle = page.getByTestId('av-display-toggle');
  await toggle.click();
  const panel = page.getByTestId('av-display-panel');
  await panel.locator('.av-display__set').first().waitFor();
  const { height } = await panel.boundingBox();
  assert.ok(height <= 1560, `panel ${height} px tall`);
  assert.deepEqual(await splitWords(page, '.av-display__panel legend, .av-display__panel label, .av-display__panel button, .av-toolbar .av-button'), []);
  assert.deepEqual(await axe(page, '[data-testid=av-toolbar]'), []);
  await panel.locator('input').first().focus();
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'hidden' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'av-display-toggle');
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

for (const size of [100, 300]) {
  test(`at ${size} % on a phone the toolbar is one row, "Email | In | Aa", and the keyboard reaches every setting through "Aa"`, async () => {
    const { page, context, problems } = await openPhone(size);
    const row = await page.evaluate(() => {
      const bar = document.querySelector('[data-testid=av-toolbar]');
      const shown = [...bar.querySelectorAll('a, button')].filter((b) => b.offsetParent !== null);
      return { tops: [...new Set(shown.map((b) => Math.round(b.getBoundingClientRect().top)))], names: shown.map((b) => b.textContent.trim()) };
    });
    assert.equal(row.tops.length, 1, `one row: ${JSON.stringify(row)}`);
    assert.deepEqual(row.names.map((n) => n.split(/\s/)[0]), ['Email', 'In', 'Aa']);
    const aa = page.getByTestId('av-aa');
    assert.equal(await aa.getAttribute('aria-expanded'), 'false');
    assert.deepEqual(await axe(page, '[data-testid=av-toolbar]'), []);
    // Keyboard: Tab to "Aa", Enter opens the tools, Tab reaches each setting with its name.
    await page.getByTestId('av-print').focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'av-aa');
    await page.keyboard.press('Enter');
    assert.equal(await aa.getAttribute('aria-expanded'), 'true');
    const reached = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => document.activeElement?.dataset.testid ?? ''));
    }
    for (const id of ['av-copy-link', 'av-size-down', 'av-size-reset', 'av-size-up', 'av-display-toggle']) {
      assert.ok(reached.includes(id), `${id} reached by Tab: ${reached}`);
    }
    assert.match(await page.getByTestId('av-size-up').getAttribute('aria-label') ?? (await page.getByTestId('av-size-up').innerText()), /A\+/);
    assert.deepEqual(await axe(page, '[data-testid=av-toolbar]'), []);
    // Escape in the tools closes them and puts focus back on "Aa".
    await page.getByTestId('av-size-reset').focus();
    await page.keyboard.press('Escape');
    assert.equal(await aa.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'av-aa');
    assert.equal(await page.getByTestId('av-size-up').isVisible(), false);
    assert.deepEqual(problems.pageErrors, []);
    await context.close();
  });
}

test('at 300 % on a phone the viewer takes over from the pre-paint without a shift', async () => {
  const { page, context } = await openPage(browser, { viewport: PHONE });
  await page.addInitScript(() => {
    localStorage.setItem('article-viewer:prefs:v2', 'size=300');
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  let release;
  const gate = new Promise((ok) => (release = ok));
  await page.route(/article-viewer-[0-9a-f]+_bg\.wasm$/, async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto(`${server.url}/`);
  const early = page.locator('.av-prepaint .av-article__lead');
  await early.waitFor();
  const before = await early.boundingBox();
  release();
  await page.getByTestId('av-aa').waitFor();
  const after = await page.getByTestId('av-lead').boundingBox();
  assert.deepEqual([after.y, after.height], [before.y, before.height], 'the lead did not move');
  const total = (await page.evaluate(() => window.__shifts)).reduce((a, b) => a + b, 0);
  assert.ok(total <= 0.01, `cumulative layout shift ${total}`);
  await context.close();
});

test('the tab title follows the article ("Title · Site") with a description from the lead; an embed leaves its page\'s', async () => {
  const { page, context } = await openPage(browser);
  await page.goto(`${server.url}/?src=samples/jsonfeed.json`);
  await page.getByTestId('av-article').waitFor();
  await page.waitForFunction(() => document.title.startsWith('Market square'));
  assert.equal(await page.title(), 'Market square reopens after six months of works · Harbour Town News');
  const description = () => page.evaluate(() => document.querySelector('meta[name=description]')?.content);
  assert.equal(await description(), 'New paving, forty trees and a water fountain: the square is open again from Saturday.');
  // Another article, another title (no source name: the site's host).
  await page.goto(`${server.url}/`);
  await page.getByTestId('av-article').waitFor();
  assert.match(await page.title(), /^Thường trực Thị ủy Kỳ Anh .* · portal\.ky-anh\.example$/);
  assert.match(await description(), /^Chiều ngày 15\/4\/2022/);
  // An embed never touches the host page's title or head.
  await page.goto(`${server.url}/examples/portal/index.html`);
  await page.locator('#viewer-seed').getByTestId('av-article').waitFor();
  await page.locator('#viewer-en').getByTestId('av-article').waitFor();
  assert.equal(await page.title(), 'Cổng thông tin thị xã Kỳ Anh — ví dụ nhúng trình đọc bài viết');
  assert.equal(await page.locator('meta[name=description]').count(), 0);
  await context.close();
});
