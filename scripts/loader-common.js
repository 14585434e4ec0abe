// Shared by the standalone page's boot.js and the embed loader (scripts/post-build.mjs puts this
// file, after scripts/settings-common.js, in front of each, with this build's file names). It holds what must not wait for the wasm:
//   - the page-wide registry `globalThis[Symbol.for('article-viewer')]` (one per page, whichever
//     script comes first);
//   - prefetch(url): the article JSON is asked for as soon as its address is known, in parallel
//     with the wasm; the viewer takes the answer with `take(url, signal)` (once; Retry fetches anew);
//   - prepaint(...): the title, time, author and lead as plain text in the final layout, shown until
//     the viewer replaces them (no HTML is ever parsed here: text nodes and attributes only);
//   - the reading font: registered in the document (scripts/reading-font.js) only while the reader
//     has chosen it, at start from the stored choice and later when a viewer changes it.
const BASE = new URL('.', import.meta.url);
const FONT = '__FONT__';
const shared = (globalThis[Symbol.for('article-viewer')] ??= {});
shared.answers ??= new Map();

/** Asks for the article at the absolute `url` now (once per address until the viewer takes it). */
function prefetch(url) {
  let entry = shared.answers.get(url);
  if (!entry) {
    const abort = new AbortController();
    const answer = fetch(url, { headers: { Accept: 'application/json, application/feed+json;q=0.9, text/html;q=0.8' }, signal: abort.signal }).then(async (r) => ({
      status: r.status,
      type: r.headers.get('content-type') ?? '',
      // The reference server names the article's own page here (src/canonical.rs).
      link: r.headers.get('link'),
      text: await r.text(),
    }));
    answer.catch(() => {}); // the viewer reports a failure, with Retry
    entry = { answer, abort };
    shared.answers.set(url, entry);
  }
  return entry.answer;
}

/** Offers the viewer an answer the page already holds (an article page's data block) for `url`. */
function provide(url, answer) {
  answer.catch(() => {});
  shared.answers.set(url, { answer, abort: new AbortController() });
}

/** Gives up a prefetch nobody took (its element went away): the request is aborted. */
function forget(url) {
  shared.answers.get(url)?.abort.abort();
  shared.answers.delete(url);
}

// The viewer's side: the answer already asked for, as a promise that ends (and aborts the request)
// when `signal` aborts.
shared.take ??= (url, signal) => {
  const entry = shared.answers.get(url);
  if (!entry) return undefined;
  shared.answers.delete(url);
  return new Promise((ok, fail) => {
    entry.answer.then(ok, fail);
    signal?.addEventListener(
      'abort',
      () => {
        entry.abort.abort();
        fail(signal.reason);
      },
      { once: true },
    );
  });
};

/**
 * Resolves once the next frame, which paints what was just added, is done (a task queued from
 * `requestAnimationFrame` runs after that frame's rendering), or after `cap` ms in a tab that
 * paints no frames.
 */
const painted = (cap = 300) => new Promise((ok) => {
  requestAnimationFrame(() => setTimeout(ok, 0));
  setTimeout(ok, cap);
});

/** Resolves after `ms` milliseconds. */
const delay = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** Registers the reading font in the document once `prefs` choose it (never before). */
function readingFont(prefs) {
  if (prefs.font === 'reading') {
    shared.font ??= import(new URL(FONT, BASE).href).catch(() => {
      shared.font = null; // the text stays in the fallback fonts; a later change tries again
    });
  }
}
/** Follows the reader's font choice: the stored one now (the loaders call this after asking for
 * the article, since the first storage access of a page can take milliseconds), then every change. */
function watchFont() {
  if (shared.fontWatch) return;
  shared.fontWatch = true;
  readingFont(storedPrefs());
  // A viewer's change (src/reader/store.rs SYNC_EVENT), or another tab's.
  addEventListener(SETTINGS.event, (e) => readingFont(parsePrefs(e.detail)));
  addEventListener('storage', (e) => e.key === KEY && readingFont(parsePrefs(e.newValue)));
}

const WORDS = {
  vi: { tools: 'Công cụ bài viết', email: 'Email', copy: 'Chép liên kết', share: 'Chia sẻ…', print: 'In', display: 'Hiển thị', listen: 'Nghe', comments: 'Ý kiến bạn đọc' },
  en: { tools: 'Article tools', email: 'Email', copy: 'Copy link', share: 'Share…', print: 'Print', display: 'Display', listen: 'Listen', comments: "Readers' comments" },
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The publication time in the portal's style, as src/date.rs shows it (no zone when the time has
 * none, no time for a date alone); '' when it does not parse.
 */
function showTime(iso, vi) {
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:[Tt ](\d\d):(\d\d):\d\d(?:\.\d+)?([Zz]|([+-])(\d\d):(\d\d))?)?$/.exec(iso ?? '');
  if (!m) return '';
  const [, y, mo, d, h, mi] = m;
  // A real day and time, as src/date.rs checks (no 30 February, no 25:00).
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== Number(d) || mo < 1 || mo > 12 || h > 23 || mi > 59 || m[8] > 23 || m[9] > 59) return '';
  const day = vi ? `${d}/${mo}/${y}` : `${Number(d)} ${MONTHS[Number(mo) - 1]} ${y}`;
  if (!h) return day;
  if (vi) return `${h}:${mi} ${day}`;
  if (!m[6]) return `${day}, ${h}:${mi}`;
  const off = m[7] ? (Number(m[8]) * 60 + Number(m[9])) * (m[7] === '-' ? -1 : 1) : 0;
  const abs = Math.abs(off);
  const label = off === 0 ? 'GMT' : `GMT${off < 0 ? '-' : '+'}${Math.floor(abs / 60)}${abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : ''}`;
  return `${day}, ${h}:${mi} ${label}`;
}

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text) e.textContent = text;
  return e;
}

/**
 * Shows the article's title, time, author and lead from `answer` ({ status, text }) in `into`,
 * laid out as the viewer will lay them out (same classes, the reader's text size, line spacing and
 * theme), with the toolbar's buttons as an inert placeholder of the same size. The viewer removes
 * it (`.av-prepaint`) in the frame in which it shows the article. Returns whether it painted.
 */
function prepaint(into, answer, hostTheme) {
  if (answer.status !== 200 || into.querySelector('.av-article')) return false;
  let a;
  try {
    a = JSON.parse(answer.text);
  } catch {
    return false;
  }
  if (!a || typeof a.title !== 'string' || !a.title.trim() || typeof a.content_html !== 'string') return false;
  const vi = /^vi(?:[-_]|$)/i.test(String(a.lang ?? '').trim());
  const w = WORDS[vi ? 'vi' : 'en'];
  const prefs = storedPrefs();
  const main = el('main', 'av-main av-prepaint');
  const viewer = el('div', 'av-viewer');
  applyPrefs(viewer, prefs, hostTheme);
  viewer.dataset.view = 'read';
  const article = el('article', 'av-article');
  article.lang = String(a.lang ?? '');
  article.setAttribute('aria-busy', 'true');
  const header = el('header', 'av-article__header');
  if (typeof a.category === 'string' && a.category) header.append(el('p', 'av-article__category', a.category));
  header.append(el('h1', 'av-article__title', a.title));
  // The toolbar, as the viewer will show it, but inert until then.
  const bar = el('div', 'av-toolbar');
  bar.inert = true;
  bar.setAttribute('aria-hidden', 'true');
  // As src/view/toolbar.rs: "Email | In | Aa", then the tools (in the row where it is wide enough).
  const button = (className, text) => Object.assign(el('button', className, text), { type: 'button' });
  const first = el('div', 'av-toolbar__group');
  first.append(el('a', 'av-button av-toolbar__email', w.email), button('av-button', w.print));
  const tools = el('div', 'av-toolbar__tools');
  const share = el('div', 'av-toolbar__group');
  share.append(button('av-button', w.copy));
  if ('share' in navigator) share.append(button('av-button', w.share));
  const size = el('div', 'av-toolbar__group av-size');
  size.append(button('av-button av-size__button', 'A−'), button('av-button av-size__button', 'A'), button('av-button av-size__button av-size__button--larger', 'A+'), el('output', 'av-size__value', `${prefs.size} %`));
  const display = el('div', 'av-display');
  display.append(button('av-button', w.display));
  tools.append(share, size, display);
  if (canSpeak()) tools.append(button('av-button', w.listen));
  bar.append(first, button('av-button av-toolbar__aa', 'Aa'), tools, el('p', 'av-toolbar__status'));
  const box = el('div', 'av-toolbar-box');
  box.append(bar);
  header.append(box);
  const meta = el('p', 'av-article__meta');
  const shown = typeof a.published === 'string' ? showTime(a.published, vi) : '';
  if (shown) {
    const time = el('time', 'av-article__time', shown);
    time.dateTime = a.published;
    meta.append(time);
  }
  const names = Array.isArray(a.authors) ? a.authors.map((x) => (typeof x?.name === 'string' ? x.name.trim() : '')).filter(Boolean) : [];
  if (names.length) meta.append(...(shown ? [' · '] : []), el('span', 'av-article__author', names.join(', ')));
  header.append(meta);
  article.append(header);
  if (typeof a.lead === 'string' && a.lead.trim()) article.append(el('p', 'av-article__lead', a.lead));
  viewer.append(article);
  main.append(viewer);
  into.prepend(main);
  // Marked once the frame that paints it is done: the viewer then need not wait to let it show.
  painted().then(() => main.setAttribute('data-shown', ''));
  return true;
}

/** Whether the browser can read aloud (the Listen button shows only then). */
function canSpeak() {
  return typeof globalThis.speechSynthesis === 'object' && typeof SpeechSynthesisUtterance === 'function';
}
