// The standalone page's start (scripts/post-build.mjs puts scripts/loader-common.js in front and
// writes dist/boot.js; no inline script, for strict CSPs). In parallel: the article JSON (then its
// title, time, author and lead at once), the JS glue and the wasm (also preloaded by index.html).
// The title comes first: the wasm compiles in the background meanwhile, but the viewer starts only
// once the pre-paint is on screen (or the answer failed, or 300 ms have passed).
const DEFAULT_SRC = 'samples/ky-anh-2022-04-15.json';
const query = new URLSearchParams(location.search);
// As src/config.rs reads the query: values trimmed, the last one wins, an empty src is the default.
const last = (key) => query.getAll(key).map((v) => v.trim()).pop();
// This script is `async` (index.html): it may run before the body is parsed.
const parsed = document.readyState !== 'loading' ? Promise.resolve() : new Promise((ok) => document.addEventListener('DOMContentLoaded', ok, { once: true }));
// An article page of the reference server (or pre-rendered for a static host) carries the article:
// its address in the head (before this script), its JSON in a data block, its HTML in the body. The
// viewer takes that answer instead of asking again, and replaces the HTML in place (src/config.rs
// reads the same address).
const served = query.has('src') ? null : document.querySelector('link[rel="alternate"][data-article-viewer]');
// The server's list of articles (its data block is in the body): no article to ask for.
const list = document.querySelector('meta[name="article-viewer:page"][content="list"]');
// The article first: nothing before this line touches storage or the DOM.
let answer = null;
if (served) {
  answer = parsed.then(() => {
    const data = document.getElementById('av-article');
    // The page is the article's own address (src/canonical.rs reads it as the server's header).
    const link = data?.dataset.page ? `<${data.dataset.page}>; rel="canonical"` : null;
    return { status: data ? 200 : 404, type: 'application/json', text: data?.textContent ?? '', link };
  });
  provide(served.href, answer);
} else if (!list && last('view') !== 'print') {
  try {
    answer = prefetch(new URL(query.getAll('src').map((v) => v.trim()).filter(Boolean).pop() ?? DEFAULT_SRC, document.baseURI).href);
  } catch {
    // A malformed address: the viewer explains it.
  }
}
const prepainted = answer
  ? answer.then(
      async (a) => {
        if (!document.body) await parsed;
        if (prepaint(document.body, a, null)) await painted();
      },
      () => {},
    )
  : Promise.resolve();
watchFont();
keepCookie(served);
// The large-type print view carries the reader's settings in `large`: its font, if the reading one.
readingFont(parsePrefs(last('large')));
/**
 * Keeps the reader's settings in a small cookie beside storage (the choices that differ from the
 * defaults, `size=200&theme=dark`; none, no cookie), which the reference server reads to write its
 * article pages in them, so their first frame needs no script (server/src/pages/prefs_cookie.rs).
 * Only the viewer's own pages write it (not the embed, on a portal's origin). On a served page
 * written before the cookie held the stored settings, they go on its article at once.
 */
function keepCookie(served) {
  const write = (prefs) => {
    // The stored form's parts that differ from the defaults (a size is a number, the rest names).
    const value = SETTINGS.order.filter((k) => prefs[k] != (k == 'size' ? 100 : SETTINGS.choices[k].default)).map((k) => `${k}=${prefs[k]}`).join('&');
    const cookie = `${SETTINGS.cookie}=${value}`;
    try {
      const jar = document.cookie;
      if (jar.split('; ').includes(cookie) || !(value || jar.includes(cookie))) return false;
      document.cookie = `${cookie}; Path=/; SameSite=Lax; Max-Age=${value ? 31536000 : 0}${location.protocol == 'https:' ? '; Secure' : ''}`;
      return true;
    } catch {
      return false; // cookies refused (a sandboxed frame): the served pages keep the defaults
    }
  };
  const prefs = storedPrefs();
  if (write(prefs) && served) parsed.then(() => {
    const viewer = document.querySelector('.av-prepaint[data-ssr] > .av-viewer');
    if (viewer) applyPrefs(viewer, prefs, null);
  });
  addEventListener(SETTINGS.event, (e) => write(parsePrefs(e.detail)));
}
const wasm = new URL('./__WASM__', import.meta.url);
// Compiled off the main thread while the article is on its way (the URL again if the server's
// type for .wasm stops streaming compilation).
const compiled = WebAssembly.compileStreaming(fetch(wasm)).catch(() => wasm);
try {
  const m = await import('./__GLUE__');
  await Promise.race([prepainted, delay(300)]);
  await m.default({ module_or_path: await compiled });
  await parsed;
  m.mountStandalone();
} catch (error) {
  console.error('[article-viewer] could not start:', error);
  // A served article page stays as it is: the whole article, readable without the viewer.
  await parsed;
  if (!document.querySelector('.av-prepaint[data-ssr]')) {
    // (a served list stays too)
    document.querySelector('.av-prepaint')?.remove();
    const p = document.createElement('p');
    p.className = 'av-boot-error';
    p.setAttribute('role', 'alert');
    p.textContent = 'Không khởi động được trình đọc bài viết. Hãy tải lại trang. · The article viewer could not start. Please reload the page.';
    document.body.append(p);
  }
}
