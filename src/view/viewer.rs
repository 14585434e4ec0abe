//! One viewer: loads an article, shows progress, the article, or an error with Retry; applies the
//! reader's text size, spacing, width, font and theme to its root as CSS custom properties.

use crate::config::ViewMode;
use crate::host_events::{self, emit, Host};
use crate::http::AbortSlot;
use crate::i18n::UiLang;
use crate::in_place;
use crate::load::{load, LoadError, Loaded, ReadOptions};
use crate::page_meta;
use crate::reader::appearance::Theme;
use crate::reader::prefs::Prefs;
use crate::reader::store::{use_settings, Settings};
use crate::view::article::{ArticleOptions, ArticleView};
use crate::view::error_panel::ErrorPanel;
use leptos::prelude::*;
use std::any::Any;
use std::cell::Cell;
use std::sync::Arc;
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

/// The article of a served page (`src/ssr.rs`: the reference server's or a pre-rendered one), on
/// screen until the viewer replaces it.
pub fn served_article() -> Option<web_sys::Element> {
    web_sys::window()?
        .document()?
        .query_selector(".av-prepaint[data-ssr]")
        .ok()
        .flatten()
}

/// Where the focus is inside `viewer` (a served page's `.av-viewer`), as child indices from it.
fn focus_path(viewer: &web_sys::Element) -> Option<Vec<u32>> {
    let active = viewer.owner_document()?.active_element()?;
    if !viewer.contains(Some(&active)) || active == *viewer {
        return None;
    }
    let mut path = Vec::new();
    let mut node = active;
    while node != *viewer {
        let parent = node.parent_element()?;
        let children = parent.children();
        let index = (0..children.length()).find(|&i| children.item(i).as_ref() == Some(&node))?;
        path.push(index);
        node = parent;
    }
    path.reverse();
    Some(path)
}

/// Puts the focus on the element at `path` inside `viewer`, where the served page had it.
fn restore_focus(viewer: &web_sys::Element, path: &[u32]) {
    let mut node = viewer.clone();
    for &i in path {
        match node.children().item(i) {
            Some(child) => node = child,
            None => return,
        }
    }
    if let Some(el) = node.dyn_ref::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
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
#[derive(Clone)]
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
    /// Called with the article's title each time an article is shown (the site moves the focus).
    pub on_shown: Option<Callback<String>>,
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
            on_shown: None,
        }
    }
}

/// What one viewer shows.
#[derive(Clone)]
enum Shown {
    /// The article is on its way.
    Pending,
    /// The article.
    Ready(Arc<Loaded>),
    /// It could not be shown; the panel offers Retry.
    Failed(LoadError),
}

/// The theme a viewer shows: the print view is always light; "system" follows the host's default.
pub(crate) fn theme_of(p: &Prefs, print: bool, host_theme: Option<&str>) -> &'static str {
    let theme = if print {
        Theme::Light
    } else {
        match p.theme {
            Theme::Auto => host_theme.map(Theme::parse).unwrap_or_default(),
            chosen => chosen,
        }
    };
    theme.key()
}

/// One viewer. `src` is the article's address (the viewer loads it again when it changes) and
/// `reload` fetches it again when notified.
#[component]
pub fn Viewer(
    /// How the viewer is set up.
    options: ViewerOptions,
    /// The article's address.
    src: ArcRwSignal<String>,
    /// Fetches the article again when notified.
    reload: ArcTrigger,
) -> impl IntoView {
    let settings = use_settings();
    provide_context::<Settings>(settings.clone());
    let print = options.mode == ViewMode::Print;
    let large_print = options.large_print;
    // The print view prints the reader's settings only in large type, and never follows the
    // stored ones (those of the frame's origin, maybe not the reader's page).
    let prefs = Memo::new(move |_| {
        if print {
            large_print.unwrap_or_default()
        } else {
            settings.get()
        }
    });
    let host_theme = options.host_theme.clone();
    let lang = options.lang;
    let id_prefix = next_id_prefix();
    let root = NodeRef::<leptos::html::Div>::new();
    let shown = RwSignal::new(Shown::Pending);
    let requests = AbortSlot::new();
    let generation = StoredValue::new(0u32);
    let opts = StoredValue::new_local(options);

    // Tell the host when the reader changes the text size (not for the initial value).
    Effect::new(move |last: Option<u16>| {
        let percent = prefs.get().size.percent();
        if last.is_some_and(|old| old != percent) {
            opts.with_value(|o| {
                emit(
                    o.host.as_ref(),
                    host_events::TEXT_SIZE_CHANGE,
                    &[("percent", JsValue::from(percent))],
                )
            });
        }
        percent
    });

    // Fetches the article (aborting the request before it) and shows the answer.
    let fetch = move |src: String| {
        let gen = generation.get_value().wrapping_add(1);
        generation.set_value(gen);
        let Some(controller) = requests.next() else {
            shown.set(Shown::Failed(LoadError::Network));
            return;
        };
        if !matches!(shown.get_untracked(), Shown::Pending) {
            shown.set(Shown::Pending);
        }
        let (read, timeout) = opts.with_value(|o| {
            (
                o.read.clone(),
                Duration::from_millis(u64::from(o.timeout_ms)),
            )
        });
        leptos::task::spawn_local(async move {
            let result = load(&src, timeout, &controller, &read).await;
            let current = || generation.try_get_value() == Some(gen);
            let next = match result {
                Ok(loaded) => {
                    // With the loader's pre-paint just added, let it show for a frame before the
                    // work of building the whole article (it marks the frame that paints it).
                    let unpainted = root
                        .get_untracked()
                        .and_then(|r| find_prepaint(&r))
                        .is_some_and(|p| !p.has_attribute("data-shown"));
                    if unpainted {
                        next_frame().await;
                    }
                    Shown::Ready(Arc::new(loaded))
                }
                Err(LoadError::Aborted) => return,
                Err(e) => Shown::Failed(e),
            };
            if !current() {
                return;
            }
            shown.set(next.clone());
            // Once the article or the error is in the page.
            leptos::task::tick().await;
            if !current() {
                return;
            }
            opts.with_value(|o| announce(o, &next));
        });
    };
    let (src_now, retry) = (src.clone(), reload.clone());
    Effect::new(move |_| {
        let src = src_now.get();
        retry.track();
        untrack(|| fetch(src));
    });

    let content = move || {
        let shown = shown.get();
        if !matches!(shown, Shown::Pending) {
            // The loader's pre-paint (title, time, author, lead; see scripts/loader-common.js), a
            // served page's whole article, or the slot showing a portal's own markup, goes in the
            // task that shows the article or the error: never both, never neither. Where the
            // reader had the focus in a served article, it goes to the same place in the new one
            // (the layout is the same). A portal's markup is the article: it stays rather than
            // give way to an error (the viewer's box stays hidden, the host hears
            // `article-error`); see `in_place`.
            let (mut focus, mut markup_after) = (None, None);
            let prepaint = root.get_untracked().and_then(|r| find_prepaint(&r));
            let failed = matches!(shown, Shown::Failed(_));
            if let Some(prepaint) = prepaint.filter(|p| !(failed && p.tag_name() == "SLOT")) {
                if prepaint.tag_name() == "SLOT" {
                    markup_after = in_place::leave(&prepaint);
                }
                focus = prepaint
                    .first_element_child()
                    .filter(|_| prepaint.has_attribute("data-ssr"))
                    .and_then(|viewer| focus_path(&viewer));
                prepaint.remove();
            }
            if focus.is_some() || markup_after.is_some() {
                // Once the new article is in the page (after this render).
                leptos::task::spawn_local(async move {
                    leptos::task::tick().await;
                    if let Some(r) = root.try_get_untracked().flatten() {
                        if let Some(path) = focus {
                            restore_focus(&r, &path);
                        }
                        if let Some(after) = &markup_after {
                            in_place::settle(after);
                        }
                    }
                });
            }
        }
        match shown {
            // A served page's article is on screen already: no loading line below it.
            Shown::Pending if served_article().is_some() => ().into_any(),
            Shown::Pending => view! {
                <p class="av-loading" role="status" data-testid="av-loading">
                    {lang.words().loading}
                </p>
            }
            .into_any(),
            Shown::Ready(loaded) => {
                let options = opts.with_value(|o| ArticleOptions {
                    mode: o.mode,
                    page_url: o.page_url.clone(),
                    id_prefix: id_prefix.clone(),
                    comments: o.comments,
                    host: o.host.clone(),
                });
                view! { <ArticleView loaded options /> }.into_any()
            }
            Shown::Failed(error) => {
                let reload = reload.clone();
                let on_retry = Callback::new(move |()| reload.notify());
                view! { <ErrorPanel error lang on_retry /> }.into_any()
            }
        }
    };
    let property = move |i: usize| move || prefs.get().properties()[i].1;
    view! {
        <div
            class="av-viewer"
            data-view=if print { "print" } else { "read" }
            data-testid="av-viewer"
            part="viewer"
            data-print=(print && large_print.is_some()).then_some("large")
            data-theme=move || theme_of(&prefs.get(), print, host_theme.as_deref())
            style=("--av-font-scale", move || prefs.get().size.scale())
            style=(Prefs::default().properties()[0].0, property(0))
            style=(Prefs::default().properties()[1].0, property(1))
            style=(Prefs::default().properties()[2].0, property(2))
            style=(Prefs::default().properties()[3].0, property(3))
            style=(Prefs::default().properties()[4].0, property(4))
            style=(Prefs::default().properties()[5].0, property(5))
            node_ref=root
        >
            {content}
        </div>
    }
}

/// Tells the host (and, on the standalone page, the tab) what the viewer now shows.
fn announce(o: &ViewerOptions, shown: &Shown) {
    match shown {
        Shown::Pending => {}
        Shown::Ready(loaded) => {
            let a = &loaded.article;
            emit(
                o.host.as_ref(),
                host_events::LOADED,
                &[
                    ("id", JsValue::from_str(&a.id)),
                    ("title", JsValue::from_str(&a.title)),
                ],
            );
            // The standalone page's tab title and description follow the article; an embed
            // never touches its host page's.
            if o.host.is_none() {
                let site = page_meta::site_name(a.source.as_ref().map(|s| s.name.as_str()), &a.url);
                page_meta::apply(
                    &page_meta::page_title(&a.title, site.as_deref()),
                    page_meta::description(a.lead.as_deref()).as_deref(),
                );
            }
            if let Some(shown) = &o.on_shown {
                shown.run(a.title.clone());
            }
            if o.autoprint && o.mode == ViewMode::Print {
                crate::share::print_when_ready(3000);
            }
        }
        Shown::Failed(error) => {
            let lang = o.lang;
            emit(
                o.host.as_ref(),
                host_events::ERROR,
                &[
                    ("kind", JsValue::from_str(error.kind())),
                    ("message", JsValue::from_str(error.message(lang))),
                ],
            );
        }
    }
}

/// One mounted viewer; dropping it removes it, aborts its requests and removes its listeners.
pub struct ViewerHandle {
    src: ArcRwSignal<String>,
    reload: ArcTrigger,
    _mounted: Box<dyn Any>,
}

impl ViewerHandle {
    /// Creates a viewer at the end of `parent` and starts loading its article.
    pub fn mount(parent: web_sys::HtmlElement, options: ViewerOptions) -> ViewerHandle {
        let src = ArcRwSignal::new(options.src.clone());
        let reload = ArcTrigger::new();
        let (s, r) = (src.clone(), reload.clone());
        let options = send_wrapper::SendWrapper::new(options);
        let mounted = leptos::mount::mount_to(parent, move || {
            let options = options.take();
            view! { <Viewer options src=s reload=r /> }
        });
        ViewerHandle {
            src,
            reload,
            _mounted: Box::new(mounted),
        }
    }

    /// Loads another article in this viewer.
    pub fn set_src(&self, src: String) {
        self.src.set(src);
    }

    /// Fetches the article again.
    pub fn reload(&self) {
        self.reload.notify();
    }
}
