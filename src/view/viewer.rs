//! One viewer: loads an article, shows progress, the article, or an error with Retry; applies the
//! reader's text size, spacing, width, font and theme to its root as CSS custom properties.

use crate::config::ViewMode;
use crate::dom::{self, Dom, Scope};
use crate::host_events::{self, emit, Host};
use crate::http::Requests;
use crate::i18n::UiLang;
use crate::load::{load, LoadError, Loaded, ReadOptions};
use crate::page_meta;
use crate::reader::appearance::{apply_to, Theme};
use crate::reader::prefs::Prefs;
use crate::reader::store::subscribe;
use crate::view::article::{article_view, ArticleOptions};
use crate::view::error_panel::error_panel;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// A prefix unique to each viewer on the page, for ids and radio-group names.
fn next_id_prefix() -> String {
    NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        format!("av{id}")
    })
}

/// The loader's pre-paint in the document or shadow root that holds `el`, if any.
fn find_prepaint(el: &web_sys::Element) -> Option<web_sys::Element> {
    let root = el.get_root_node();
    let found = match root.dyn_ref::<web_sys::Document>() {
        Some(doc) => doc.query_selector(".av-prepaint"),
        None => root
            .dyn_ref::<web_sys::DocumentFragment>()
            .map_or(Ok(None), |f| f.query_selector(".av-prepaint")),
    };
    found.ok().flatten()
}

/// Resolves once the next frame is done (a task queued from `requestAnimationFrame` runs after that
/// frame's rendering), or after 100 ms in a tab that paints no frames.
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let after = resolve.clone();
            let callback = wasm_bindgen::closure::Closure::once_into_js(move || {
                if let Some(w) = web_sys::window() {
                    let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&after, 0);
                }
            });
            let _ = w.request_animation_frame(callback.unchecked_ref());
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 100);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// How one viewer is set up.
pub struct ViewerOptions {
    /// Address of the article JSON.
    pub src: String,
    /// Interface language until the article gives its own.
    pub lang: UiLang,
    /// Time allowed for the fetch, in milliseconds.
    pub timeout_ms: u32,
    /// Reading or print layout.
    pub mode: ViewMode,
    /// In the print layout: open the print dialog once the article is ready.
    pub autoprint: bool,
    /// Address of the standalone page, for the print view (the current page by default).
    pub page_url: Option<String>,
    /// Whether to show the comments section.
    pub comments: bool,
    /// The host's default theme, used while the reader keeps "system".
    pub host_theme: Option<String>,
    /// How to read the answer: forced input format, embed hosts.
    pub read: ReadOptions,
    /// The element hosting the viewer, if embedded: events go to it.
    pub host: Option<Host>,
    /// In the print layout: print in large type with these settings (else the base size).
    pub large_print: Option<Prefs>,
}

impl Default for ViewerOptions {
    fn default() -> Self {
        ViewerOptions {
            src: String::new(),
            lang: UiLang::default(),
            timeout_ms: crate::config::DEFAULT_TIMEOUT_MS,
            mode: ViewMode::default(),
            autoprint: false,
            page_url: None,
            comments: true,
            host_theme: None,
            read: ReadOptions::default(),
            host: None,
            large_print: None,
        }
    }
}

/// Where one viewer's article stands.
enum Loading {
    /// On its way.
    Pending,
    /// Shown.
    Ready(Box<Loaded>),
    /// Could not be shown; the panel offers Retry.
    Failed(LoadError),
}

/// One viewer's state.
struct Inner {
    opts: ViewerOptions,
    src: RefCell<String>,
    id_prefix: String,
    root: web_sys::HtmlElement,
    /// The request in flight (aborted by a newer one and when the viewer goes).
    requests: Requests,
    /// Bumped by every fetch: an older task's answer is dropped.
    generation: Cell<u32>,
    pending: Cell<bool>,
    /// What the shown content set up (listeners, lazy parts, observers).
    content: Scope,
    /// The reader's choices applied to the root.
    prefs: Scope,
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.requests.abort();
        self.content.clear();
        self.root.remove();
    }
}

/// One mounted viewer; dropping it removes it, aborts its requests and removes its listeners.
pub struct Viewer(Rc<Inner>);

impl Viewer {
    /// Creates a viewer at the end of `parent` and starts loading its article.
    pub fn mount(parent: &web_sys::Node, opts: ViewerOptions) -> Dom<Viewer> {
        let print = opts.mode == ViewMode::Print;
        let root: web_sys::HtmlElement = dom::child(
            parent,
            "div",
            &[
                ("class", "av-viewer"),
                ("data-view", if print { "print" } else { "read" }),
                ("data-testid", "av-viewer"),
                ("part", "viewer"),
            ],
        )?
        .dyn_into()?;
        let inner = Rc::new(Inner {
            src: RefCell::new(opts.src.clone()),
            opts,
            id_prefix: next_id_prefix(),
            root,
            requests: Requests::default(),
            generation: Cell::new(0),
            pending: Cell::new(false),
            content: Scope::new(),
            prefs: Scope::new(),
        });
        // The reader's choices live on the root as custom properties: a change restyles, it never
        // re-renders an article node, so its cost does not grow with the article.
        let weak = Rc::downgrade(&inner);
        let last_percent = Cell::new(None::<u16>);
        inner.prefs.keep(subscribe(move |p| {
            let Some(inner) = weak.upgrade() else { return };
            inner.apply_prefs(p);
            // Tell the host when the reader changes the text size (not for the initial value).
            let percent = p.size.percent();
            if last_percent
                .replace(Some(percent))
                .is_some_and(|old| old != percent)
            {
                emit(
                    inner.opts.host.as_ref(),
                    host_events::TEXT_SIZE_CHANGE,
                    &[("percent", JsValue::from(percent))],
                );
            }
        }));
        inner.show(Loading::Pending);
        fetch(&inner);
        Ok(Viewer(inner))
    }

    /// Loads another article in this viewer.
    pub fn set_src(&self, src: String) {
        *self.0.src.borrow_mut() = src;
        fetch(&self.0);
    }

    /// Fetches the article again.
    pub fn reload(&self) {
        fetch(&self.0);
    }

    /// The viewer's root element.
    pub fn root(&self) -> &web_sys::HtmlElement {
        &self.0.root
    }
}

impl Inner {
    /// Applies the reader's choices to the root.
    fn apply_prefs(&self, p: &Prefs) {
        let print = self.opts.mode == ViewMode::Print;
        // The print view prints the reader's settings only in large type, and never follows the
        // stored ones (those of the frame's origin, maybe not the reader's page).
        if print {
            apply_to(&self.root, &self.opts.large_print.unwrap_or_default());
            if self.opts.large_print.is_some() {
                // The print stylesheet's large type (style/viewer.css, `@media print`).
                let _ = self.root.set_attribute("data-print", "large");
            }
        } else {
            apply_to(&self.root, p);
        }
        let theme = if print {
            Theme::Light
        } else {
            match p.theme {
                Theme::Auto => self
                    .opts
                    .host_theme
                    .as_deref()
                    .map(Theme::parse)
                    .unwrap_or_default(),
                chosen => chosen,
            }
        };
        let _ = self.root.set_attribute("data-theme", theme.key());
    }

    /// Replaces what the viewer shows. The loader's pre-paint (title, time, author, lead; see
    /// scripts/loader-common.js) goes in the same frame in which the article or the error is
    /// shown: never both, never neither.
    fn show(self: &Rc<Self>, state: Loading) {
        let pending = matches!(state, Loading::Pending);
        if pending && self.pending.get() {
            return;
        }
        self.pending.set(pending);
        self.content.clear();
        dom::clear(&self.root);
        let lang = self.opts.lang;
        let shown = match &state {
            Loading::Pending => dom::text_child(
                &self.root,
                "p",
                &[
                    ("class", "av-loading"),
                    ("role", "status"),
                    ("data-testid", "av-loading"),
                ],
                lang.words().loading,
            )
            .map(drop),
            Loading::Ready(loaded) => {
                emit(
                    self.opts.host.as_ref(),
                    host_events::LOADED,
                    &[
                        ("id", JsValue::from_str(&loaded.article.id)),
                        ("title", JsValue::from_str(&loaded.article.title)),
                    ],
                );
                // The standalone page's tab title and description follow the article; an embed
                // never touches its host page's.
                if self.opts.host.is_none() {
                    let a = &loaded.article;
                    let site =
                        page_meta::site_name(a.source.as_ref().map(|s| s.name.as_str()), &a.url);
                    page_meta::apply(
                        &page_meta::page_title(&a.title, site.as_deref()),
                        page_meta::description(a.lead.as_deref()).as_deref(),
                    );
                }
                let options = ArticleOptions {
                    mode: self.opts.mode,
                    page_url: self.opts.page_url.clone(),
                    id_prefix: self.id_prefix.clone(),
                    comments: self.opts.comments,
                    host: self.opts.host.clone(),
                };
                article_view(&self.root, loaded, &options, &self.content)
            }
            Loading::Failed(error) => {
                emit(
                    self.opts.host.as_ref(),
                    host_events::ERROR,
                    &[
                        ("kind", JsValue::from_str(error.kind())),
                        ("message", JsValue::from_str(error.message(lang))),
                    ],
                );
                let weak = Rc::downgrade(self);
                error_panel(&self.root, error, lang, &self.content, move || retry(&weak)).map(drop)
            }
        };
        if let Err(e) = shown {
            web_sys::console::error_2(&JsValue::from_str("[article-viewer] render failed:"), &e);
        }
        if !pending {
            if let Some(prepaint) = find_prepaint(&self.root) {
                prepaint.remove();
            }
        }
        if let Loading::Ready(_) = state {
            if self.opts.autoprint && self.opts.mode == ViewMode::Print {
                crate::share::print_when_ready(3000);
            }
        }
    }
}

/// The Retry button: fetches the article again.
fn retry(weak: &Weak<Inner>) {
    if let Some(inner) = weak.upgrade() {
        fetch(&inner);
    }
}

/// Fetches the article (aborting the request before it) and shows the answer.
fn fetch(inner: &Rc<Inner>) {
    let generation = inner.generation.get().wrapping_add(1);
    inner.generation.set(generation);
    let Some(controller) = inner.requests.next() else {
        inner.show(Loading::Failed(LoadError::Network));
        return;
    };
    inner.show(Loading::Pending);
    let src = inner.src.borrow().clone();
    let read = inner.opts.read.clone();
    let timeout = Duration::from_millis(u64::from(inner.opts.timeout_ms));
    let weak = Rc::downgrade(inner);
    wasm_bindgen_futures::spawn_local(async move {
        let result = load(&src, timeout, &controller, &read).await;
        let current = |weak: &Weak<Inner>| {
            weak.upgrade()
                .filter(|inner| inner.generation.get() == generation)
        };
        let state = match result {
            Ok(loaded) => {
                // With the loader's pre-paint just added, let it show for a frame before the
                // work of building the whole article (it marks the frame that paints it).
                let Some(inner) = current(&weak) else { return };
                let unpainted =
                    find_prepaint(&inner.root).is_some_and(|p| !p.has_attribute("data-shown"));
                drop(inner);
                if unpainted {
                    next_frame().await;
                }
                Loading::Ready(Box::new(loaded))
            }
            Err(LoadError::Aborted) => return,
            Err(e) => Loading::Failed(e),
        };
        if let Some(inner) = current(&weak) {
            inner.show(state);
        }
    });
}
