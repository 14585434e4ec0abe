// Issue 9, items 3, 4 and 6: Listen (read aloud) against a scripted speech synthesis stand-in, and
// the compact bar (A−, A+, Listen) that follows a reader deep into the article, in the standalone
// page (strict CSP with Trusted Types) and inside an embed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, axe, openPage, cspViolations } from './support/harness.mjs';
import { showTools } from './pages/viewer-page.mjs';
import { installSpeech, removeSpeech } from './support/speech-stand-in.mjs';

let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
});

const VOICES = [
  { name: 'Linh', lang: 'vi-VN', default: false },
  { name: 'Microsoft An', lang: 'vi_VN' },
  { name: 'Samantha', lang: 'en-US', default: true },
];

/** An article with every kind of block Listen treats apart (served in place of a sample). */
const MIXED = {
  id: 'listen-mixed',
  url: 'https://portal.example/listen-mixed.html',
  lang: 'vi',
  title: 'Bài kiểm thử đọc to',
  published: '2024-03-02T09:00:00+07:00',
  lead: 'Sapo của bài.',
  authors: [{ name: 'Tác giả' }],
  content_html:
    '<p>Đoạn một.</p><figure><img src="images/ky-anh-2022-04-15.svg" alt="Ảnh"><figcaption>Cây cầu mới</figcaption></figure>' +
    '<table><tr><td>1</td></tr></table><h2>Tiêu đề phụ</h2>' +
    '<ul><li>Mục một</li><li>Mục hai</li></ul><p>Đoạn cuối.</p>',
};

/** Opens the standalone viewer with the stand-in installed; `article` replaces the sample. */
async function open({ query = '', speech = { voices: VOICES }, article = null, viewport, prefs } = {}) {
  const opened = await openPage(browser, { viewport: viewport ?? { width: 1000, height: 800 } });
  const { page } = opened;
  if (speech) await page.addInitScript(installSpeech, speech);
  else await page.addInitScript(removeSpeech);
  if (prefs) await page.addInitScript((p) => localStorage.setItem('article-viewer:prefs:v1', p), prefs);
  if (article) {
    // Same origin, so its figure's image is allowed by the strict policy.
    const json = { ...article, url: `${server.url}/samples/${article.id}.html` };
    await page.route('**/samples/listen-mixed.json', (r) => r.fulfill({ json }));
    query = 'src=samples/listen-mixed.json';
  }
  await page.goto(`${server.url}/${query ? `?${query}` : ''}`);
  await page.getByTestId('av-article').waitFor();
  return opened;
}

const log = (page) => page.evaluate(() => window.__speech.log.map((u) => u.text));
const said = async (page, n) => {
  await page.waitForFunction((k) => window.__speech.log.length >= k, n);
  return log(page);
};
const end = (page) => page.evaluate(() => window.__speech.end());
const current = (page) =>
  page.evaluate(() => [...document.querySelectorAll('.av-listen-current')].map((e) => e.textContent.trim().replace(/\s+/g, ' ')));
/** axe-core on what this feature adds: the toolbar with the Listen panel, the compact bar and the
 * block being read (the rest of the page is covered by accessibility.test.mjs; deep in the long
 * sample, axe misjudges the contrast of text in chunks that `content-visibility` skips). */
async function axeNew(page) {
  const found = [];
  for (const sel of ['.av-toolbar', '[data-testid=av-bar]', '.av-listen-current']) {
    if (await page.locator(sel).count()) found.push(...(await axe(page, sel)));
  }
  return found;
}
const live = (page) => page.getByTestId('av-listen-live').innerText();

async function openListen(page) {
  await showTools(page);
  const toggle = page.getByRole('button', { name: /^(Nghe|Listen)$/ }).first();
  await toggle.click();
  await page.getByTestId('av-listen-play').waitFor();
  assert.equal(await page.getByTestId('av-listen-toggle').getAttribute('aria-expanded'), 'true');
}

async function clean(page, problems) {
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.cspViolations, []);
  assert.deepEqual(await cspViolations(page), []);
}

test('Listen reads title, lead and every block in order, one utterance each, with the article language voice', async () => {
  const { page, context, problems } = await open({ article: MIXED });
  // Nothing of the part loads before Listen is pressed (the toolbar is in view).
  assert.equal(problems.requests.filter((u) => /\/listen-[0-9a-f]+/.test(u)).length, 0);
  await openListen(page);
  const voices = await page.getByTestId('av-listen-voice').locator('option').allInnerTexts();
  assert.deepEqual(voices, ['Linh (vi-VN)', 'Microsoft An (vi_VN)'], 'only Vietnamese voices');
  await page.getByTestId('av-listen-play').click();
  assert.deepEqual(await said(page, 1), ['Bài kiểm thử đọc to']);
  assert.deepEqual(await current(page), ['Bài kiểm thử đọc to']);
  const expected = [
    'Bài kiểm thử đọc to',
    'Sapo của bài.',
    'Đoạn một.',
    'Hình: Cây cầu mới',
    'Bỏ qua một bảng.',
    'Tiêu đề phụ',
    'Mục một',
    'Mục hai',
    'Đoạn cuối.',
  ];
  for (let i = 1; i < expected.length; i++) {
    await end(page);
    const texts = await said(page, i + 1);
    assert.equal(texts[i], expected[i]);
    // The highlight follows the utterance (figures: the whole figure; skipped blocks: the block).
    const highlighted = await current(page);
    assert.equal(highlighted.length, 1);
    if (!/^(Hình|Bỏ qua)/.test(expected[i])) assert.equal(highlighted[0], expected[i]);
  }
  assert.equal(await page.getByTestId('av-listen-position').innerText(), `Đoạn ${expected.length}/${expected.length}`);
  const utterances = await page.evaluate(() => window.__speech.log);
  assert.ok(utterances.every((u) => u.voice === 'Linh' && u.lang === 'vi-VN' && u.rate === 1), JSON.stringify(utterances[0]));
  await end(page);
  await page.waitForFunction(() => !document.querySelector('.av-listen-current'));
  assert.equal(await live(page), 'Đã đọc hết bài');
  assert.equal(await page.getByTestId('av-listen-play').innerText(), 'Phát');
  assert.equal((await log(page)).length, expected.length, 'nothing more is said');
  await clean(page, problems);
  await context.close();
});

test('pause keeps the paragraph, resume goes on, a new speed restarts the paragraph and is remembered, stop ends', async () => {
  const { page, context, problems } = await open();
  await openListen(page);
  const play = page.getByTestId('av-listen-play');
  await play.click();
  await said(page, 1);
  await end(page);
  const [, lead] = await said(page, 2);
  await play.click(); // pause
  assert.equal(await play.innerText(), 'Tiếp tục');
  assert.equal(await page.evaluate(() => window.__speech.synth.paused), true);
  assert.equal(await live(page), 'Đã tạm dừng');
  assert.deepEqual(await current(page), [lead], 'the paragraph stays highlighted');
  await play.click(); // resume, soon after the pause: the browser's resume()
  assert.equal(await page.evaluate(() => window.__speech.calls.resume), 1);
  assert.equal((await log(page)).length, 2, 'resumed, not said again');
  assert.equal(await play.innerText(), 'Tạm dừng');
  // Speed: the paragraph in progress starts again at the new speed.
  await page.getByTestId('av-listen-rate').selectOption('1.5');
  const after = await page.evaluate(() => window.__speech.log.at(-1));
  assert.deepEqual([after.text, after.rate], [lead, 1.5]);
  await page.waitForFunction(() => document.querySelector('[data-testid=av-listen-live]').textContent === 'Tốc độ 1,5×');
  await end(page);
  await said(page, 4);
  assert.equal(await page.evaluate(() => window.__speech.log.at(-1).rate), 1.5);
  // Escape in the panel closes it, puts focus back on the Listen button and does not stop reading.
  await page.getByTestId('av-listen-rate').focus();
  await page.keyboard.press('Escape');
  const toggle = page.getByTestId('av-listen-toggle');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.ok(await page.getByTestId('av-listen').isHidden());
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'av-listen-toggle');
  assert.equal(await page.evaluate(() => window.__speech.synth.speaking), true, 'reading goes on');
  await toggle.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  // Stop: silence, no highlight, announced; Play starts again from the top.
  const cancels = await page.evaluate(() => window.__speech.calls.cancel);
  await page.getByTestId('av-listen-stop').click();
  assert.ok((await page.evaluate(() => window.__speech.calls.cancel)) > cancels);
  assert.equal(await page.evaluate(() => window.__speech.synth.speaking), false);
  assert.deepEqual(await current(page), []);
  assert.equal(await live(page), 'Đã dừng đọc');
  assert.equal(await page.getByTestId('av-listen-stop').getAttribute('aria-disabled'), 'true');
  // Remembered: after a reload the speed is still 1.5×.
  await page.reload();
  await page.getByTestId('av-article').waitFor();
  await openListen(page);
  assert.equal(await page.getByTestId('av-listen-rate').inputValue(), '1.5');
  await clean(page, problems);
  await context.close();
});

test('next and previous paragraph move the reading, and a long pause restarts the paragraph', async () => {
  const { page, context } = await open();
  await openListen(page);
  await page.getByTestId('av-listen-play').click();
  const [title] = await said(page, 1);
  await page.getByTestId('av-listen-next').click();
  const [, lead] = await said(page, 2);
  assert.notEqual(lead, title);
  assert.deepEqual(await current(page), [lead]);
  await page.getByTestId('av-listen-previous').click();
  assert.equal((await said(page, 3))[2], title);
  // A pause of more than 10 s: Play says the paragraph again rather than resume().
  await page.getByTestId('av-listen-play').click();
  await page.evaluate(() => {
    const now = Date.now();
    Date.now = () => now + 11_000;
  });
  await page.getByTestId('av-listen-play').click();
  assert.equal((await said(page, 4))[3], title);
  assert.equal(await page.evaluate(() => window.__speech.calls.resume), 0);
  await context.close();
});

test('with no voice for the article language the reader is told why, with no controls, and voices that come late are used', async () => {
  const { page, context, problems } = await open({ speech: { voices: [{ name: 'Samantha', lang: 'en-US' }] }, query: 'src=samples/long-article.json' });
  await page.getByRole('button', { name: /^(Nghe|Listen)$/ }).first().click();
  const notice = page.getByTestId('av-listen-notice');
  await page.waitForFunction(() => /không có giọng đọc tiếng Việt/.test(document.querySelector('[data-testid=av-listen-notice]')?.textContent));
  assert.ok(await notice.isVisible());
  // Only the words: no empty voice list, no Play, Stop or paragraph buttons that do nothing.
  for (const id of ['av-listen-play', 'av-listen-stop', 'av-listen-previous', 'av-listen-next', 'av-listen-rate', 'av-listen-voice']) {
    assert.equal(await page.getByTestId(id).isVisible(), false, `${id} is not shown`);
  }
  const panel = page.getByTestId('av-listen');
  const shown = await panel.evaluate((p) => [...p.querySelectorAll('button, select, input')].filter((e) => e.checkVisibility()).length);
  assert.equal(shown, 0, 'no control in the panel');
  assert.ok((await panel.boundingBox()).height < 200, 'no large empty block');
  assert.deepEqual(await axe(page, '.av-toolbar'), []);
  // Deep in the article the compact bar has A− and A+, but no Listen or Stop.
  await page.evaluate(() => window.scrollTo(0, 20000));
  await page.getByTestId('av-bar').waitFor();
  assert.equal(await page.getByTestId('av-bar-listen').isVisible(), false);
  assert.equal(await page.getByTestId('av-bar-stop').isVisible(), false);
  assert.ok(await page.getByTestId('av-bar-larger').isVisible());
  assert.equal(await page.evaluate(() => window.__speech.log.length), 0, 'nothing is said');
  // The voice arrives later (voiceschanged): the notice goes, the controls come, Play reads.
  await page.evaluate(() => window.__speech.setVoices([{ name: 'Linh', lang: 'vi-VN' }]));
  await page.getByTestId('av-bar-listen').waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await notice.waitFor({ state: 'hidden' });
  await page.getByTestId('av-listen-play').waitFor();
  assert.equal(await page.getByTestId('av-listen-play').getAttribute('aria-disabled'), 'false');
  await page.getByTestId('av-listen-play').click();
  await said(page, 1);
  assert.equal(await page.evaluate(() => window.__speech.log[0].voice), 'Linh');
  await clean(page, problems);
  await context.close();
});

test('the voice list waits for a late voiceschanged before saying there is none', async () => {
  const { page, context } = await open({ speech: { voices: [], later: VOICES, laterMs: 400 } });
  await openListen(page);
  await page.getByTestId('av-listen-voice').locator('option').first().waitFor({ state: 'attached' });
  assert.equal(await page.getByTestId('av-listen-notice').isVisible(), false);
  await context.close();
});

test('a browser without speechSynthesis gets no Listen button, but the compact bar still has A− and A+', async () => {
  const { page, context, problems } = await open({ speech: null, query: 'src=samples/long-article.json' });
  await page.getByTestId('av-size-up').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Nghe' }).count(), 0);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 3));
  await page.getByTestId('av-bar').waitFor();
  assert.equal(await page.getByTestId('av-bar-listen').count(), 0);
  assert.ok(await page.getByTestId('av-bar-larger').isVisible());
  await clean(page, problems);
  await context.close();
});

test('the compact bar appears when the toolbar is out of view, is reached by keyboard deep in 3,000 paragraphs and changes the size', async () => {
  const { page, context, problems } = await open({ query: 'src=samples/long-article.json' });
  const bar = page.getByTestId('av-bar');
  assert.equal((await bar.count()) === 0 || !(await bar.isVisible()), true, 'no bar while the toolbar shows');
  // Deep in the article, by keyboard.
  await page.locator('body').press('End');
  await page.waitForFunction(() => window.scrollY > 20000);
  await page.evaluate(() => window.scrollBy(0, -window.innerHeight * 3));
  await bar.waitFor();
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.dataset.testid);
  assert.equal(focused, 'av-bar-smaller');
  // With the focus in it, the bar shows (even when it had slid away while scrolling down).
  await page.waitForFunction(() => {
    const r = document.querySelector('[data-testid=av-bar]').getBoundingClientRect();
    return r.top >= -1 && r.bottom <= innerHeight;
  });
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'av-bar-larger');
  // The chunk in view: a change of size reflows the text above it, so the reader's place is a
  // chunk of the article, not a scroll offset.
  const chunkInView = () =>
    page.evaluate(() => [...document.querySelectorAll('.av-chunk')].findIndex((c) => c.getBoundingClientRect().bottom > innerHeight / 2));
  const before = await chunkInView();
  assert.ok(before > 10, `deep in the article (chunk ${before})`);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=av-size-value]').textContent.includes('113'));
  const after = await chunkInView();
  assert.ok(Math.abs(after - before) <= 2, `the reader stays deep in the article (chunk ${before} → ${after})`);
  // The focus is visible on the bar's buttons.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, 'solid');
  assert.deepEqual(await axeNew(page), []);
  await clean(page, problems);
  await context.close();
});

test('an element focused under the shown compact bar is scrolled clear of it (WCAG 2.4.11)', async () => {
  const { page, context, problems } = await open({ query: 'src=samples/long-article.json' });
  await page.evaluate(() => window.scrollTo(0, 6000));
  await page.getByTestId('av-bar').waitFor();
  // A small scroll up shows the bar (it slides away while the reader scrolls down).
  await page.evaluate(() => window.scrollBy(0, -200));
  await page.waitForFunction(() => {
    const bar = document.querySelector('[data-testid=av-bar]');
    return bar.dataset.shown === 'true' && bar.getBoundingClientRect().top >= -0.5;
  });
  const covered = await page.evaluate(() => {
    const b = document.querySelector('[data-testid=av-bar]').getBoundingClientRect();
    const p = [...document.querySelectorAll('.av-chunk p')].find((p) => {
      const r = p.getBoundingClientRect();
      return r.top < b.bottom && r.bottom > b.top && r.left < b.right && r.right > b.left;
    });
    if (!p) return false;
    p.tabIndex = -1;
    p.id = 'under-bar';
    p.focus({ preventScroll: true }); // where a browser's own focus scroll would leave it: under the bar
    return true;
  });
  assert.ok(covered, 'a paragraph lies under the bar before the focus moves');
  await page.waitForFunction(() => {
    const b = document.querySelector('[data-testid=av-bar]').getBoundingClientRect();
    return document.getElementById('under-bar').getBoundingClientRect().top >= b.bottom;
  });
  await clean(page, problems);
  await context.close();
});

test('the compact bar slides away while the reader scrolls down and comes back on scroll up', async () => {
  const { page, context } = await open({ query: 'src=samples/long-article.json' });
  await page.evaluate(() => window.scrollTo(0, 6000));
  const bar = page.getByTestId('av-bar');
  await bar.waitFor();
  await page.mouse.move(500, 400);
  await page.mouse.wheel(0, 1500);
  await page.waitForFunction(() => document.querySelector('[data-testid=av-bar]').dataset.shown === 'false');
  // It slides out above the viewport (it covers no text while the reader reads on).
  await page.waitForFunction(() => document.querySelector('[data-testid=av-bar]').getBoundingClientRect().bottom <= 1);
  await page.mouse.wheel(0, -300);
  await page.waitForFunction(() => document.querySelector('[data-testid=av-bar]').dataset.shown === 'true');
  await context.close();
});

test('at 300 % on a 320 px screen the bar and the Listen panel cause no sideways scroll, and axe finds nothing in every theme', async () => {
  for (const theme of ['light', 'dark', 'sepia']) {
    const { page, context, problems } = await open({
      query: 'src=samples/long-article.json',
      viewport: { width: 320, height: 640 },
      prefs: `size=300;line=normal;theme=${theme}`,
    });
    await openListen(page);
    await page.getByTestId('av-listen-play').click();
    await said(page, 1);
    assert.deepEqual(await axeNew(page), [], `${theme}: panel open, reading`);
    await page.evaluate(() => window.scrollTo(0, 30000));
    await page.getByTestId('av-bar').waitFor();
    await page.getByTestId('av-bar-listen').waitFor();
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(widths[0] <= widths[1], `${theme}: ${widths}`);
    const bar = await page.getByTestId('av-bar').boundingBox();
    assert.ok(bar.x >= 0 && bar.x + bar.width <= 320, `${theme}: bar ${JSON.stringify(bar)}`);
    assert.equal(await page.getByTestId('av-bar-listen').getAttribute('aria-pressed'), 'true');
    assert.deepEqual(await axeNew(page), [], `${theme}: compact bar`);
    await clean(page, problems);
    await context.close();
  }
});

test('Listen from the compact bar starts at the block in view, keeps it in view and goes on across chunks', async () => {
  const { page, context } = await open({ query: 'src=samples/long-article.json' });
  await page.evaluate(() => window.scrollTo(0, 20000));
  await page.getByTestId('av-bar-listen').click();
  const [first] = await said(page, 1);
  const start = await page.evaluate(() => {
    const el = document.querySelector('.av-listen-current');
    const chunks = [...document.querySelectorAll('.av-chunk')];
    return { chunk: chunks.indexOf(el.closest('.av-chunk')), text: el.textContent.trim() };
  });
  assert.ok(start.chunk > 0, 'starts deep in the article, not at the title');
  assert.equal(first, start.text.replace(/\s+/g, ' '));
  assert.equal(await page.getByTestId('av-bar-listen').getAttribute('aria-pressed'), 'true');
  for (let i = 0; i < 40; i++) {
    await end(page);
    await said(page, i + 2);
  }
  const now = await page.evaluate(() => {
    const el = document.querySelector('.av-listen-current');
    const r = el.getBoundingClientRect();
    const chunks = [...document.querySelectorAll('.av-chunk')];
    return { chunk: chunks.indexOf(el.closest('.av-chunk')), top: r.top, bottom: r.bottom, h: innerHeight };
  });
  assert.ok(now.chunk > start.chunk, `crossed into the next chunk: ${JSON.stringify(now)}`);
  await page.waitForFunction(() => {
    const r = document.querySelector('.av-listen-current').getBoundingClientRect();
    const bar = document.querySelector('[data-testid=av-bar]').getBoundingClientRect();
    return r.top >= bar.bottom - 1 && r.bottom <= innerHeight;
  });
  // Pause from the bar.
  await page.getByTestId('av-bar-listen').click();
  assert.equal(await page.getByTestId('av-bar-listen').getAttribute('aria-pressed'), 'false');
  assert.equal(await page.evaluate(() => window.__speech.synth.paused), true);
  await page.getByTestId('av-bar-stop').click();
  assert.deepEqual(await current(page), []);
  await context.close();
});

test('reading stops when the article is reloaded or its embed element is removed, and the bar stays in the embed box', async () => {
  const opened = await openPage(browser, { viewport: { width: 1000, height: 900 } });
  const { page, context, problems } = opened;
  await page.addInitScript(installSpeech, { voices: VOICES });
  await page.goto(`${server.url}/examples/portal/index.html`);
  const seed = page.locator('#viewer-seed');
  await seed.getByTestId('av-article').waitFor();
  await seed.getByRole('button', { name: 'Nghe' }).click();
  await seed.getByTestId('av-listen-play').click();
  await said(page, 1);
  // el.reload(): the article is shown anew, reading stops.
  let cancels = await page.evaluate(() => window.__speech.calls.cancel);
  await page.evaluate(() => document.querySelector('#viewer-seed').reload());
  await page.waitForFunction((c) => window.__speech.calls.cancel > c && !window.__speech.synth.speaking, cancels);
  await seed.getByTestId('av-article').waitFor();
  await seed.getByRole('button', { name: 'Nghe' }).click();
  await seed.getByTestId('av-listen-play').click();
  await page.waitForFunction(() => window.__speech.synth.speaking);
  // The element goes: reading stops.
  cancels = await page.evaluate(() => window.__speech.calls.cancel);
  await page.evaluate(() => document.querySelector('#viewer-seed').remove());
  await page.waitForFunction((c) => window.__speech.calls.cancel > c && !window.__speech.synth.speaking, cancels);
  const count = await page.evaluate(() => window.__speech.log.length);
  // Nothing is queued, and after the next two frames (the part's own callbacks run in between)
  // nothing more has been said.
  assert.equal(await page.evaluate(() => window.__speech.synth.pending), false, 'nothing is queued');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.equal(await page.evaluate(() => window.__speech.log.length), count, 'nothing more is said');
  // The long lazy viewer: deep inside it, the bar sticks inside the viewer's box.
  const lazy = page.locator('#viewer-lazy');
  await lazy.scrollIntoViewIfNeeded();
  await lazy.getByTestId('av-article').waitFor();
  await page.evaluate(() => {
    const host = document.querySelector('#viewer-lazy');
    window.scrollTo(0, host.getBoundingClientRect().top + window.scrollY + 30000);
  });
  const bar = lazy.getByTestId('av-bar');
  await bar.waitFor();
  const [b, h] = [await bar.boundingBox(), await lazy.boundingBox()];
  assert.ok(b.x >= h.x && b.x + b.width <= h.x + h.width && b.y >= h.y && b.y + b.height <= h.y + h.height, `${JSON.stringify(b)} in ${JSON.stringify(h)}`);
  assert.equal(await lazy.evaluate((host) => getComputedStyle(host.shadowRoot.querySelector('.av-bar-slot')).position), 'sticky');
  // Nothing of this part's style leaks into the portal page.
  assert.equal(await page.evaluate(() => document.adoptedStyleSheets.length), 0);
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.cspViolations, []);
  await context.close();
});

test('a reload of the page stops reading', async () => {
  const { page, context } = await open();
  await openListen(page);
  await page.getByTestId('av-listen-play').click();
  await said(page, 1);
  // The stand-in is the page's own: what it sees before unloading is kept in sessionStorage.
  await page.evaluate(() => addEventListener('pagehide', () => sessionStorage.setItem('speaking', String(window.__speech.synth.speaking))));
  await page.reload();
  await page.getByTestId('av-article').waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('speaking')), 'false');
  await context.close();
});
