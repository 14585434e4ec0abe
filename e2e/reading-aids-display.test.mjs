// Issue 9, items 1, 2 and 5: text spacing, width and font from the display panel, applied without
// re-rendering the article; WCAG 1.4.12 at 300 % on a 320 px screen; the reading font loaded only
// when chosen, under the strict CSP; settings remembered, carried over from v1, shared by the
// viewers of a page; axe-core clean; large-type printing to PDF.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite, artifacts, axe, cspViolations, openPage } from './support/harness.mjs';
import { ViewerPage, ControlsPage } from './pages/viewer-page.mjs';
import { startCommentsServer } from './support/comments-server.mjs';

let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
});

const KEY = 'article-viewer:prefs:v2';
const SEED = 'samples/ky-anh-2022-04-15.json';
const ALL_MAX = 'size=300;line=relaxed;letter=wider;word=wider;para=double;width=wide;font=reading';

/** Opens the standalone viewer; returns the page, its controls and the recorded problems. */
async function open(query = '', options = {}, init) {
  const opened = await openPage(browser, options);
  if (init) await opened.page.addInitScript(init);
  const viewer = new ViewerPage(opened.page, server.url);
  await viewer.open(query);
  assert.equal(await viewer.settled(), 'article');
  const controls = new ControlsPage(opened.page.getByTestId('av-viewer'));
  return { ...opened, viewer, controls };
}

/** Computed style values of the first body paragraph and of the article. */
function measures(page) {
  return page.evaluate(() => {
    const p = document.querySelector('[data-testid="av-body"] p');
    const cs = getComputedStyle(p);
    const article = getComputedStyle(document.querySelector('[data-testid="av-article"]'));
    return {
      font: parseFloat(cs.fontSize),
      letter: parseFloat(cs.letterSpacing) || 0,
      word: parseFloat(cs.wordSpacing) || 0,
      after: parseFloat(cs.marginBottom),
      line: parseFloat(cs.lineHeight),
      family: cs.fontFamily,
      width: parseFloat(article.maxWidth),
    };
  });
}

/** Measures frame after frame until `holds` (at most 60 frames); returns the last measures. */
async function until(page, holds) {
  let m = await measures(page);
  for (let i = 0; i < 60 && !holds(m); i++) {
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(ok)));
    m = await measures(page);
  }
  return m;
}

test('each spacing, width and font setting restyles the article without re-rendering a node', async () => {
  const { page, context, controls, problems } = await open();
  // Mark nodes: a re-render would replace them and lose the marks.
  await page.evaluate(() => {
    window.__marked = [...document.querySelectorAll('[data-testid="av-body"] p, [data-testid="av-title"]')];
    for (const n of window.__marked) n.__avMark = true;
  });
  const base = await measures(page);
  assert.equal(base.letter, 0);
  assert.equal(base.word, 0);
  assert.ok(Math.abs(base.after - base.font) < 0.5, `normal paragraph spacing is 1em: ${JSON.stringify(base)}`);
  await controls.openDisplay();
  const cases = [
    ['av-letter-wide', (m) => Math.abs(m.letter - 0.06 * m.font) < 0.05],
    ['av-letter-wider', (m) => Math.abs(m.letter - 0.12 * m.font) < 0.05],
    ['av-word-wide', (m) => Math.abs(m.word - 0.16 * m.font) < 0.05],
    ['av-word-wider', (m) => Math.abs(m.word - 0.32 * m.font) < 0.05],
    ['av-para-double', (m) => Math.abs(m.after - 2 * m.font) < 0.5],
    ['av-width-narrow', (m) => m.width < base.width * 0.8],
    ['av-width-wide', (m) => m.width > base.width * 1.2],
    ['av-font-serif', (m) => /Noto Serif|Cambria|Times/.test(m.family)],
    ['av-spacing-relaxed', (m) => Math.abs(m.line / m.font - 2) < 0.01],
    ['av-para-normal', (m) => Math.abs(m.after - m.font) < 0.5],
    ['av-letter-normal', (m) => m.letter === 0],
  ];
  for (const [id, holds] of cases) {
    await controls.button(id).check();
    const m = await until(page, holds);
    assert.ok(holds(m), `${id}: ${JSON.stringify(m)}`);
    const intact = await page.evaluate(() =>
      window.__marked.every((n) => n.__avMark && n.isConnected) &&
      document.querySelectorAll('[data-testid="av-body"] p').length === window.__marked.length - 1,
    );
    assert.ok(intact, `${id} re-rendered the article`);
  }
  // The choice is stored (v2) and the pre-existing settings kept.
  const stored = await page.evaluate((k) => localStorage.getItem(k), KEY);
  assert.match(stored, /letter=normal;word=wider;para=normal;width=wide;font=serif/);
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('the radio groups work by keyboard and the reset says so once', async () => {
  const { page, context, controls } = await open();
  await controls.openDisplay();
  const letter = page.getByTestId('av-letter-normal');
  await letter.focus();
  await page.keyboard.press('ArrowDown');
  assert.ok(await page.getByTestId('av-letter-wide').isChecked());
  const outline = await page.getByTestId('av-letter-wide').evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.notEqual(outline, 'none', 'visible focus');
  const legends = await page.locator('.av-display__set legend').allInnerTexts();
  for (const name of ['Giãn dòng', 'Giãn chữ', 'Giãn từ', 'Khoảng cách đoạn', 'Độ rộng cột chữ', 'Phông chữ', 'Màu nền']) {
    assert.ok(legends.includes(name), `legend ${name} in ${legends}`);
  }
  // No live region speaks on a radio change (the radio itself does).
  assert.equal(await page.getByTestId('av-display-status').innerText(), '');
  await page.getByTestId('av-display-reset').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('av-display-status').getByText('Đã khôi phục').waitFor();
  assert.ok(await page.getByTestId('av-letter-normal').isChecked());
  await context.close();
});

/** Every line box of text in the viewer's reading part, as rects with their node's index. */
function lineBoxes(page) {
  return page.evaluate(() => {
    const root = document.querySelector('[data-testid="av-viewer"]');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const boxes = [];
    let i = 0;
    for (let n = walker.nextNode(); n && boxes.length < 600; n = walker.nextNode()) {
      if (!n.textContent.trim()) continue;
      const el = n.parentElement;
      if (el.closest('[hidden], .av-visually-hidden, .av-chunk ~ .av-chunk')) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) boxes.push({ node: i, l: r.left, r: r.right, t: r.top, b: r.bottom, text: n.textContent.slice(0, 30) });
      i++;
    }
    return { boxes, width: innerWidth, scroll: document.documentElement.scrollWidth };
  });
}

function assertLayoutHolds({ boxes, width, scroll }, label) {
  assert.ok(scroll <= width, `${label}: the page scrolls sideways (${scroll} > ${width})`);
  for (const b of boxes) assert.ok(b.l >= -1 && b.r <= width + 1, `${label}: text cut at the edge: ${JSON.stringify(b)}`);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const c = boxes[j];
      if (a.node === c.node) continue;
      const overlapX = Math.min(a.r, c.r) - Math.max(a.l, c.l);
      const overlapY = Math.min(a.b, c.b) - Math.max(a.t, c.t);
      assert.ok(overlapX <= 1 || overlapY <= 1, `${label}: "${a.text}" overlaps "${c.text}"`);
    }
  }
}

const BOOKMARKLET = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';

test('every setting at its maximum with 300 % text holds on a 320 px screen, also under the 1.4.12 bookmarklet', async () => {
  const { page, context, controls } = await open('', { viewport: { width: 320, height: 640 }, bypassCSP: true });
  await page.evaluate((v) => localStorage.setItem('article-viewer:prefs:v2', v), ALL_MAX);
  await page.reload();
  await page.getByTestId('av-article').waitFor();
  assert.equal(await controls.sizeValue(), '300');
  const m = await measures(page);
  assert.ok(Math.abs(m.letter - 0.12 * m.font) < 0.05, JSON.stringify(m));
  assertLayoutHolds(await lineBoxes(page), 'all settings at 300 %');
  await controls.openDisplay();
  assertLayoutHolds(await lineBoxes(page), 'with the display panel open');
  await page.screenshot({ path: join(artifacts, 'reading-aids-320-300.png'), fullPage: false });
  await page.addStyleTag({ content: BOOKMARKLET });
  const forced = await measures(page);
  assert.ok(Math.abs(forced.line / forced.font - 1.5) < 0.01, `bookmarklet applied: ${JSON.stringify(forced)}`);
  assertLayoutHolds(await lineBoxes(page), '1.4.12 bookmarklet at 300 %');
  await context.close();
});

test('the reading font is asked for only when chosen, covers Vietnamese, and breaks no CSP rule', async () => {
  const { page, context, controls, problems } = await open();
  const fontRequests = () => problems.requests.filter((u) => u.includes('/fonts/'));
  await controls.openDisplay();
  await controls.button('av-font-serif').check();
  await page.waitForFunction(() => getComputedStyle(document.querySelector('[data-testid="av-title"]')).fontFamily.includes('Serif'));
  assert.deepEqual(fontRequests(), [], 'nothing asked for before the reading font is chosen');
  await controls.button('av-font-reading').check();
  await page.waitForFunction(() => [...document.fonts].some((f) => f.family.includes('Lexend') && f.status === 'loaded'));
  await page.evaluate(() => document.fonts.ready);
  assert.ok(fontRequests().some((u) => /reading-font-[0-9a-f]{16}\.js$/.test(u)), fontRequests().join());
  assert.ok(fontRequests().some((u) => /lexend-vietnamese-[0-9a-f]{16}\.woff2$/.test(u)), fontRequests().join());
  // Every glyph of the Vietnamese title and lead is drawn by Lexend (Chromium's own report).
  const cdp = await context.newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  for (const selector of ['[data-testid="av-title"]', '.av-article__lead', '[data-testid="av-body"] p']) {
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    assert.ok(fonts.length > 0 && fonts.every((f) => /Lexend/.test(f.familyName)), `${selector}: ${JSON.stringify(fonts)}`);
  }
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems.cspViolations, []);
  assert.deepEqual(problems.pageErrors, []);
  // Remembered: after a reload the loader registers it again before the viewer is in.
  problems.requests.length = 0;
  await page.reload();
  await page.getByTestId('av-article').waitFor();
  await page.waitForFunction(() => [...document.fonts].some((f) => f.family.includes('Lexend')));
  assert.ok(fontRequests().some((u) => /reading-font/.test(u)));
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test('a stored v1 value carries over; settings survive a reload', async () => {
  const { page, context, controls } = await open('', {}, () => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('article-viewer:prefs:v1', 'size=200;line=relaxed;theme=dark');
    }
  });
  assert.equal(await controls.sizeValue(), '200');
  assert.equal(await controls.theme(), 'dark');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), null, 'nothing written before a change');
  await controls.openDisplay();
  await controls.button('av-word-wide').check();
  await page.waitForFunction((k) => localStorage.getItem(k)?.includes('word=wide'), KEY);
  assert.match(await page.evaluate((k) => localStorage.getItem(k), KEY), /^size=200;line=relaxed;theme=dark;letter=normal;word=wide;/);
  await page.reload();
  await page.getByTestId('av-article').waitFor();
  assert.equal(await controls.sizeValue(), '200');
  const m = await measures(page);
  assert.ok(Math.abs(m.word - 0.16 * m.font) < 0.05, JSON.stringify(m));
  await controls.openDisplay();
  assert.ok(await controls.button('av-word-wide').isChecked());
  await context.close();
});

for (const theme of ['auto', 'light', 'dark', 'sepia']) {
  test(`axe-core finds nothing with every setting at its maximum, theme ${theme}`, async () => {
    const { page, context, controls } = await open('', { bypassCSP: true, viewport: { width: 800, height: 900 } });
    await page.evaluate((v) => localStorage.setItem('article-viewer:prefs:v2', v), `${ALL_MAX.replace('size=300', 'size=200')};theme=${theme}`);
    await page.reload();
    await page.getByTestId('av-article').waitFor();
    await controls.openDisplay();
    await controls.button('av-font-reading').waitFor();
    assert.equal(await controls.theme(), theme);
    assert.deepEqual(await axe(page), []);
    await context.close();
  });
}

/** The text of a PDF, with its page count, saved under e2e/artifacts. */
function pdf(bytes, name) {
  const file = join(artifacts, name);
  writeFileSync(file, bytes);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
  return { text, pages };
}

/** The runs of letters and digits of `s` (punctuation may be split from them in the PDF). */
const words = (s) => s.normalize('NFC').match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];

for (const src of [SEED, 'samples/harbour-library-2024-03-02.json']) {
  test(`printing ${src} in large type at 200 % keeps every paragraph`, async () => {
    const large = encodeURIComponent('size=200;line=relaxed;letter=wider;word=wider;para=double;width=narrow;font=system');
    const { page, context } = await open(`view=print&large=${large}&src=${src}`);
    assert.equal(await page.getByTestId('av-viewer').getAttribute('data-print'), 'large');
    const paragraphs = await page.locator('[data-testid="av-body"] p, .av-article__lead, [data-testid="av-title"]').allInnerTexts();
    await page.emulateMedia({ media: 'print' });
    const size = await page.getByTestId('av-body').evaluate((b) => parseFloat(getComputedStyle(b).fontSize));
    assert.ok(size >= 24 * 1.125 * (96 / 72) - 0.5, `body at 200 % of 12 pt: ${size}px`);
    const name = src.split('/').pop().replace('.json', '');
    const big = pdf(await page.pdf({ format: 'A4' }), `large-print-${name}.pdf`);
    // Every word of every paragraph, in order. pdftotext writes wide letter spacing as spaces
    // ("a g a i n"), so both sides are compared without white space; a link's address printed
    // after its text may stand between two words.
    const printed = big.text.normalize('NFC').replace(/\s+/g, '');
    for (const p of paragraphs) {
      let from = 0;
      for (const w of words(p)) {
        const at = printed.indexOf(w, from);
        assert.ok(at >= 0, `"${w}" of "${p.slice(0, 60)}…" is missing from the large-type PDF`);
        from = at + w.length;
      }
    }
    await context.close();
    // The ordinary print view of the same article takes fewer pages.
    const plain = await open(`view=print&src=${src}`);
    await plain.page.emulateMedia({ media: 'print' });
    const small = pdf(await plain.page.pdf({ format: 'A4' }), `print-${name}.pdf`);
    assert.equal(await plain.page.getByTestId('av-viewer').getAttribute('data-print'), null);
    assert.ok(big.pages > small.pages, `large type ${big.pages} pages, ordinary ${small.pages}`);
    await plain.context.close();
  });
}

test('"In chữ lớn" prints the print view in large type with the reader\'s settings', async () => {
  const { page, context, controls } = await open('', {}, () => {
    window.print = () => {
      window.top.__printed = {
        href: location.href,
        large: document.querySelector('[data-testid="av-viewer"]')?.getAttribute('data-print'),
        letter: document.querySelector('[data-testid="av-viewer"]')?.style.getPropertyValue('--av-letter-spacing'),
      };
    };
  });
  await controls.button('av-size-up').click();
  await controls.openDisplay();
  await controls.button('av-letter-wider').check();
  await page.getByTestId('av-print-large').click();
  await page.waitForFunction(() => window.__printed, null, { timeout: 15000 });
  const printed = await page.evaluate(() => window.__printed);
  assert.match(printed.href, /view=print.*&large=size%3D113%3B/);
  assert.equal(printed.large, 'large');
  assert.equal(printed.letter, '0.12em');
  await context.close();
});

test('in the portal under the strict policy: the font in the shadow roots, settings shared, host API and event', async () => {
  // The reference server sends the strict CSP (Trusted Types, no inline style, fonts from 'self').
  const portal = await startCommentsServer();
  try {
    const { page, context, problems } = await openPage(browser, { viewport: { width: 1000, height: 900 } });
    await page.addInitScript(() => {
      window.__changes = [];
      document.addEventListener('reading-settings-change', (e) => window.__changes.push({ target: e.target.id, detail: e.detail }));
    });
    await page.goto(`${portal.url}/examples/portal/index.html`);
    const csp = (await fetch(`${portal.url}/examples/portal/index.html`)).headers.get('content-security-policy');
    assert.match(csp, /require-trusted-types-for 'script'/);
    const seed = page.locator('#viewer-seed');
    const en = page.locator('#viewer-en');
    await seed.getByTestId('av-article').waitFor();
    await en.getByTestId('av-article').waitFor();
    const settings = () => page.evaluate(() => document.getElementById('viewer-seed').readingSettings);
    assert.deepEqual(await settings(), {
      fontScale: 100, lineSpacing: 'normal', letterSpacing: 'normal', wordSpacing: 'normal',
      paragraphSpacing: 'normal', width: 'normal', font: 'system', theme: 'auto',
    });
    assert.ok(!problems.requests.some((u) => u.includes('/fonts/')), 'no font asked for before it is chosen');
    // The reader chooses in one viewer; the other follows without a re-render.
    await en.evaluate((host) => (host.shadowRoot.querySelector('[data-testid="av-body"] p').__avMark = true));
    const controls = new ControlsPage(seed.getByTestId('av-viewer'));
    await controls.openDisplay();
    await controls.button('av-letter-wider').check();
    await controls.button('av-font-reading').check();
    await page.waitForFunction(() => [...document.fonts].some((f) => f.family.includes('Lexend') && f.status === 'loaded'));
    const enStyle = () => en.evaluate((host) => {
      const p = host.shadowRoot.querySelector('[data-testid="av-body"] p');
      const cs = getComputedStyle(p);
      return { mark: p.__avMark === true, letter: parseFloat(cs.letterSpacing) / parseFloat(cs.fontSize), family: cs.fontFamily };
    });
    const shared = await enStyle();
    assert.ok(shared.mark, 'the other viewer was restyled, not re-rendered');
    assert.ok(Math.abs(shared.letter - 0.12) < 0.005, JSON.stringify(shared));
    assert.match(shared.family, /Article Viewer Lexend/);
    // Drawn in Lexend inside the shadow root (Chromium's own report of the fonts used).
    const cdp = await context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const find = (node) => {
      if (node.attributes?.includes('data-testid') && node.attributes[node.attributes.indexOf('data-testid') + 1] === 'av-title') return node;
      for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
        const found = find(child);
        if (found) return found;
      }
      return null;
    };
    const title = find(root);
    assert.ok(title, 'the title inside the shadow root');
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId: title.nodeId });
    assert.ok(fonts.length > 0 && fonts.every((f) => /Lexend/.test(f.familyName)), JSON.stringify(fonts));
    // The host API: read, event once per change on each viewer's element, write.
    assert.equal((await settings()).letterSpacing, 'wider');
    assert.equal((await settings()).font, 'reading');
    const changes = await page.evaluate(() => window.__changes);
    assert.deepEqual([...new Set(changes.map((c) => c.target))].sort(), ['viewer-en', 'viewer-seed']);
    assert.equal(changes.filter((c) => c.target === 'viewer-seed').length, 2, 'one event per change');
    assert.equal(changes.at(-1).detail.font, 'reading');
    await page.evaluate(() => (document.getElementById('viewer-seed').readingSettings = { width: 'narrow', wordSpacing: 'wide' }));
    await page.waitForFunction(() => document.getElementById('viewer-seed').readingSettings.width === 'narrow');
    assert.equal(await en.evaluate((host) => host.shadowRoot.querySelector('.av-viewer').style.getPropertyValue('--av-content-width')), '50ch');
    assert.equal((await settings()).wordSpacing, 'wide');
    assert.ok(await controls.button('av-width-narrow').isChecked());
    // A size between steps goes to the nearest; an unknown value gives that setting's default.
    await page.evaluate(() => (document.getElementById('viewer-seed').readingSettings = { fontScale: 160, letterSpacing: 'huge' }));
    await seed.getByTestId('av-size-value').getByText('150').waitFor();
    assert.equal((await settings()).fontScale, 150);
    assert.equal((await settings()).letterSpacing, 'normal');
    assert.equal((await settings()).width, 'narrow', 'settings not named are kept');
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(problems.cspViolations, []);
    assert.deepEqual(problems.pageErrors, []);
    await context.close();
  } finally {
    await portal.stop();
  }
});

test('the pre-paint before the wasm already has the stored spacing, width and font: nothing moves at the takeover', async () => {
  const { page, context } = await openPage(browser, { viewport: { width: 412, height: 860 } });
  await page.addInitScript((v) => localStorage.setItem('article-viewer:prefs:v2', v), ALL_MAX.replace('size=300', 'size=150'));
  let release;
  const gate = new Promise((ok) => (release = ok));
  await page.route(/article-viewer-[0-9a-f]+_bg\.wasm$/, async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto(`${server.url}/`);
  const look = () =>
    page.evaluate(() => {
      const title = document.querySelector('.av-article__title');
      const lead = document.querySelector('.av-article__lead');
      const cs = getComputedStyle(title);
      const r = lead.getBoundingClientRect();
      return {
        letter: cs.letterSpacing,
        word: cs.wordSpacing,
        family: cs.fontFamily,
        width: getComputedStyle(document.querySelector('.av-article')).maxWidth,
        lead: [Math.round(r.left), Math.round(r.width)],
      };
    });
  await page.locator('.av-prepaint .av-article__title').waitFor();
  await page.evaluate(() => document.fonts.ready);
  const before = await look();
  assert.match(before.family, /Article Viewer Lexend/);
  assert.notEqual(before.letter, '0px', JSON.stringify(before));
  assert.notEqual(before.word, '0px', JSON.stringify(before));
  release();
  await page.getByTestId('av-article').waitFor();
  await page.locator('.av-prepaint').waitFor({ state: 'detached' });
  assert.deepEqual(await look(), before);
  await context.close();
});
