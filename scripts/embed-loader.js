// article-viewer embed loader (template: scripts/post-build.mjs puts scripts/loader-common.js in
// front, fills in the file names and writes dist/embed.js). One script tag embeds any number of viewers:
//   <script type="module" src="https://viewer.example/embed.js"></script>
//   <article-viewer src="/news/article.json"></article-viewer>
// or, for CMSs that strip unknown tags: <div data-article-viewer data-src="/news/article.json"></div>
// Either may wrap the portal's own markup of the article: it shows (styled by the page) until the
// viewer's article replaces it in one frame, stays if the viewer cannot start, and is what the
// viewer reads when there is no src (src/in_place.rs).
// Attributes (data-* on the div): src, lang, comments="on|off", theme="auto|light|dark|sepia",
// loading="lazy", format, embed-hosts. Each viewer renders in a shadow root with a constructable stylesheet.
// What a viewer needs starts at once and in parallel: its article JSON, the stylesheet, the JS
// glue and the wasm; the title, time, author and lead show as soon as the JSON and the stylesheet
// are in, before the wasm.

// The wasm and the stylesheet load once per page, however many viewers and script tags. The wasm
// compiles off the main thread (the URL again if the server's type for .wasm stops streaming
// compilation).
const app = () =>
  (shared.app ??= Promise.all([
    import(new URL('./__GLUE__', BASE).href),
    WebAssembly.compileStreaming(fetch(new URL('./__WASM__', BASE))).catch(() => new URL('./__WASM__', BASE)),
  ])
    .then(async ([m, wasm]) => {
      await m.default({ module_or_path: wasm });
      return m;
    })
    .catch((e) => {
      shared.app = null; // a later viewer (or a reconnect) tries again
      throw e;
    }));
const sheet = () =>
  (shared.sheet ??= fetch(new URL('./__CSS__', BASE))
    .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`stylesheet: HTTP ${r.status}`))))
    .then((css) => {
      const s = new CSSStyleSheet();
      s.replaceSync(css);
      // Adopted by `upgrade` when the viewer replaces a portal's markup.
      return (shared.css = s);
    })
    .catch((e) => {
      shared.sheet = null;
      throw e;
    }));

/** The slot that shows the element's own children (a portal's markup) until the viewer replaces it. */
const slot = () => el('slot', 'av-prepaint');

// The page's part when a portal's markup gives way to the viewer's article (src/in_place.rs calls
// it in the task that removes `slot`): notes where the reader is, shows the viewer's box and adopts
// the stylesheet; the function it returns, called once the article is in, moves a focus the markup
// had to the title, then scrolls so that the reader keeps the same share of the article above the
// window's top (a top still on screen stays where it was; an article scrolled past keeps its end).
shared.upgrade ??= (slot) => {
  const root = slot.getRootNode();
  const host = root.host;
  const was = host.getBoundingClientRect();
  const focus = host.contains(document.activeElement);
  slot.nextElementSibling.hidden = false;
  root.adoptedStyleSheets = [shared.css];
  return () => {
    const title = focus && root.querySelector('.av-article__title');
    if (title) {
      title.tabIndex = -1;
      title.focus();
    }
    const now = host.getBoundingClientRect();
    scrollBy(0, was.top >= 0 || !was.height ? now.top - was.top : was.bottom <= 0 ? now.bottom - was.bottom : now.top - (was.top / was.height) * now.height);
  };
};

class Host {
  constructor(el, attr) {
    this.el = el;
    this.attr = attr; // name -> attribute value or null
    this.root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    if (!this.root.firstChild) this.root.append(slot());
  }

  /** Whether the element holds the portal's own markup of the article. */
  markup() {
    return !!(this.el.childElementCount || this.el.textContent.trim());
  }

  /**
   * Without `src`, the element's own markup is the article: offered to the viewer as the HTML
   * answer of the page's address (with the element's id as fragment, so that each such element
   * gets its own), which the formats converter reads and the sanitiser cleans as any HTML page.
   * The markup is read (serialised), never written. Returns that address, or null.
   */
  offer() {
    if (this.attr('src') != null || !this.markup()) return null;
    const url = new URL(this.el.id ? `#${this.el.id}` : '', this.url()).href;
    provide(url, Promise.resolve({ status: 200, type: 'text/html', text: this.el.innerHTML }));
    return url;
  }

  /** Fetches the article again (reads the markup again). */
  reload() {
    this.offer();
    this.view?.reload();
  }

  connect() {
    if (this.view || this.busy || this.io) return;
    if (this.attr('loading') === 'lazy' && 'IntersectionObserver' in globalThis) {
      this.io = new IntersectionObserver((entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        this.io.disconnect();
        this.io = null;
        this.mount();
      }, { rootMargin: '400px 0px' });
      this.io.observe(this.el);
    } else this.mount();
  }

  /** The absolute address of the article (relative to the host page), or null. */
  url() {
    try {
      return new URL(this.attr('src') ?? '', document.baseURI).href;
    } catch {
      return null;
    }
  }

  async mount() {
    this.busy = true;
    // A message from a failed start goes; a pre-paint stays until the viewer replaces it.
    for (const c of [...this.root.children]) if (!c.classList.contains('av-prepaint')) c.remove();
    let markup = false;
    try {
      // Asked for in the order they are needed: the article, the stylesheet, the wasm.
      const url = this.url();
      const answer = url && this.attr('src') ? prefetch(url) : null;
      const started = app();
      const css = sheet();
      // The portal's markup (whole: a module script runs once the page is parsed) keeps the page's
      // styles: the viewer's sheet is adopted when its article replaces it (`upgrade`).
      markup = this.markup();
      // Without markup the slot has nothing to show: the pre-paint (if any) is the JSON's title.
      if (!markup) this.root.querySelector('slot')?.remove();
      const styled = css.then((s) => {
        if (this.el.isConnected && !markup) this.root.adoptedStyleSheets = [s];
      });
      let shown = Promise.resolve();
      if (answer && !markup) {
        // The title first: painted as soon as the JSON and the stylesheet are in; the viewer starts
        // once it is on screen (or the answer failed, or 300 ms have passed).
        shown = Promise.all([answer, styled])
          .then(async ([answer]) => {
            if (this.el.isConnected && !this.view && prepaint(this.root, answer, this.attr('theme'))) await painted();
          })
          .catch(() => {});
      }
      const [m] = await Promise.all([started, styled]);
      await Promise.race([shown, delay(300)]);
      if (!this.el.isConnected || this.view) return;
      const box = document.createElement('div');
      // Under the portal's markup the viewer stays unseen until its article replaces it.
      box.hidden = markup;
      this.root.append(box);
      const o = new m.EmbedOptions(this.attr('src') ?? this.offer() ?? '');
      // The element's language, else the page's (a WordPress post names none of its own).
      o.lang = this.attr('lang') ?? (this.el.closest('[lang]')?.lang || null);
      o.comments = this.attr('comments') !== 'off';
      o.theme = this.attr('theme');
      o.format = this.attr('format');
      o.embedHosts = this.attr('embed-hosts');
      o.pageUrl = new URL('./index.html', BASE).href;
      this.view = m.mountViewer(box, this.el, o);
      shared.live.add(this);
    } catch (e) {
      console.error('[article-viewer] could not start:', e);
      // The portal's own markup of the article stays as it is: the reader has the article.
      if (markup) return;
      const p = document.createElement('p');
      p.setAttribute('role', 'alert');
      p.textContent = 'Không tải được trình đọc bài viết. · The article viewer could not be loaded.';
      this.root.replaceChildren(p);
    } finally {
      this.busy = false;
    }
  }

  disconnect() {
    this.io?.disconnect();
    this.io = null;
    // An article asked for but not yet taken by a viewer: the request is aborted.
    const url = this.url();
    if (url && !this.view) forget(url);
    this.view?.free(); // unmounts: aborts its requests, removes its listeners, stops reading
    this.view = null;
    shared.live.delete(this);
    this.root.replaceChildren(slot());
    this.root.adoptedStyleSheets = [];
  }

  changed(name) {
    if (!this.view) return;
    if (name.endsWith('src')) {
      const url = this.url();
      if (url && this.attr('src')) prefetch(url);
      this.view.setSrc(this.attr('src') ?? '');
    } else {
      this.disconnect();
      this.connect();
    }
  }
}

// The stored text size, for `fontScale` before any viewer has started (e.g. right after a reload).
const storedScale = () => storedPrefs().size;

// The reader's settings as hosts see them (`el.readingSettings`, `reading-settings-change`):
// each name with its key in the stored form (src/reader/prefs.rs `HOST_NAMES`, via SETTINGS).
const NAMES = Object.fromEntries(SETTINGS.order.map((k) => [k === 'size' ? SETTINGS.sizeName : SETTINGS.choices[k].name, k]));
/** The current settings: the last change on this page or in another tab, else the stored ones. */
const settings = () => {
  const p = shared.prefs == null ? storedPrefs() : parsePrefs(shared.prefs);
  return Object.fromEntries(Object.entries(NAMES).map(([name, key]) => [name, p[key]]));
};
shared.live ??= new Set(); // the mounted hosts, told of every change

const ATTRS = ['src', 'lang', 'comments', 'theme', 'format', 'embed-hosts'];
if (!customElements.get('article-viewer')) {
  customElements.define(
    'article-viewer',
    class extends HTMLElement {
      static observedAttributes = ATTRS;
      connectedCallback() {
        (this.host_ ??= new Host(this, (n) => this.getAttribute(n))).connect();
      }
      disconnectedCallback() {
        this.host_?.disconnect();
      }
      attributeChangedCallback(name, old, value) {
        if (old !== value) this.host_?.changed(name);
      }
      /** Fetches the article again. */
      reload() {
        this.host_?.reload();
      }
      /** The reader's text size in percent, shared by every viewer on the page. */
      get fontScale() {
        return shared.scale ?? storedScale();
      }
      set fontScale(percent) {
        app().then((m) => m.setFontScale(Number(percent) || 100));
      }
      /** The reader's settings (shared by every viewer on the page): `{ fontScale, lineSpacing,
       * letterSpacing, wordSpacing, paragraphSpacing, width, font, theme }`; set any of them. */
      get readingSettings() {
        return settings();
      }
      set readingSettings(values) {
        // Stored and announced as a viewer's own change (src/reader/store.rs reads the same event):
        // every viewer on the page follows, before or after its wasm is in. Unknown values give
        // that setting's default, a size the nearest step.
        const next = { ...settings(), ...values };
        const size = Number(next.fontScale) || 100;
        next.fontScale = STEPS.reduce((a, b) => (Math.abs(b - size) < Math.abs(a - size) ? b : a));
        const stored = encodePrefs(parsePrefs(Object.entries(NAMES).map(([n, k]) => `${k}=${String(next[n]).replace(/[;=]/g, '')}`).join(';')));
        try {
          localStorage.setItem(KEY, stored);
        } catch {
          // Blocked storage: the viewers keep it in memory.
        }
        dispatchEvent(new CustomEvent(SETTINGS.event, { detail: stored }));
      }
    },
  );
}

if (!shared.divs) {
  shared.divs = new Set();
  const scan = () => {
    for (const el of document.querySelectorAll('[data-article-viewer]')) {
      if (el.host_) continue;
      el.host_ = new Host(el, (n) => el.getAttribute(`data-${n}`));
      el.reload = () => el.host_?.reload();
      shared.divs.add(el);
      el.host_.connect();
    }
  };
  new MutationObserver((records) => {
    for (const el of shared.divs) {
      if (!el.isConnected) {
        el.host_.disconnect();
        el.host_ = null;
        shared.divs.delete(el);
      }
    }
    for (const r of records) if (r.type === 'attributes' && r.target.host_) r.target.host_.changed(r.attributeName);
    scan();
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ATTRS.map((a) => `data-${a}`) });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan, { once: true });
  else scan();
  // Keep fontScale current without waiting for the wasm (every viewer on the page shares the size).
  document.addEventListener('text-size-change', (e) => (shared.scale = e.detail.percent), true);
  // Any change of the reader's settings, here (src/reader/store.rs SYNC_EVENT) or in another tab:
  // every mounted viewer's element says so, once per change.
  const changed = (stored) => {
    shared.prefs = stored;
    const detail = settings();
    for (const h of shared.live) h.el.dispatchEvent(new CustomEvent('reading-settings-change', { bubbles: true, composed: true, detail }));
  };
  addEventListener(SETTINGS.event, (e) => changed(e.detail));
  addEventListener('storage', (e) => {
    if (e.key !== KEY) return;
    shared.scale = null;
    changed(e.newValue);
  });
}
// After the viewers already in the page have asked for their articles.
watchFont();
