//! One viewer: loads an article, shows progress, the article, or an error with Retry; applies the
//! reader's text size, spacing, width, font and theme to its root as CSS custom properties.

use crate::components::article_view::ArticleView;
use crate::components::error_panel::ErrorPanel;
use crate::config::ViewMode;
use crate::host_events::{self, emit, use_host};
use crate::http::AbortSlot;
use crate::i18n::UiLang;
use crate::load::{load, LoadError, Loaded, ReadOptions};
use crate::reader::appearance::{apply_to, Theme};
use crate::reader::prefs::Prefs;
use crate::reader::store::use_prefs;
use leptos::html::Div;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
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

/// Removes the loader's pre-paint.
fn remove_prepaint(el: &web_sys::Element) {
    if let Some(prepaint) = find_prepaint(el) {
        prepaint.remove();
    }
}

/// Resolves after the next frame (or 100 ms, in a tab that paints no frames).
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.request_animation_frame(&resolve);
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 100);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Where one viewer's article stands.
#[derive(Clone)]
enum Loading {
    /// On its way.
    Pending,
    /// Shown.
    Ready(Rc<Loaded>),
    /// Could not be shown; the panel offers Retry.
    Failed(LoadError),
}

/// Loads the article at `src` and renders it; aborts the request when the view goes away.
#[component]
pub fn Viewer(
    /// Address of the article JSON.
    #[prop(into)]
    src: Signal<String>,
    /// Interface language until the article gives its own.
    #[prop(optional)]
    lang: UiLang,
    /// Time allowed for the fetch, in milliseconds.
    #[prop(default = crate::config::DEFAULT_TIMEOUT_MS)]
    timeout_ms: u32,
    /// Reading or print layout.
    #[prop(optional)]
    mode: ViewMode,
    /// In the print layout: open the print dialog once the article is ready.
    #[prop(optional)]
    autoprint: bool,
    /// Address of the standalone page, for the print view (the current page by default).
    #[prop(default = None)]
    page_url: Option<String>,
    /// Bumped to fetch the article again (the embed API's `reload()`).
    #[prop(optional, into)]
    reload: Option<Signal<u32>>,
    /// Whether to show the comments section.
    #[prop(default = true)]
    comments: bool,
    /// The host's default theme, used while the reader keeps "system".
    #[prop(default = None)]
    host_theme: Option<String>,
    /// How to read the answer: forced input format, embed hosts.
    #[prop(optional)]
    read: ReadOptions,
    /// In the print layout: print in large type with these settings (else the base size).
    #[prop(default = None)]
    large_print: Option<Prefs>,
) -> impl IntoView {
    let read = StoredValue::new(read);
    let id_prefix = next_id_prefix();
    let requests = AbortSlot::new();

    // Where the article stands: a plain signal, set by one load task at a time (a newer `src` or
    // a Retry aborts the request before it).
    let state = RwSignal::new_local(Loading::Pending);
    let root = NodeRef::<Div>::new();
    let fetch = move || {
        let src = src.get_untracked();
        let read_options = read.get_value();
        let Some(controller) = requests.next() else {
            state.set(Loading::Failed(LoadError::Network));
            return;
        };
        state.set(Loading::Pending);
        leptos::task::spawn_local(async move {
            let timeout = Duration::from_millis(u64::from(timeout_ms));
            match load(&src, timeout, &controller, &read_options).await {
                Ok(loaded) => {
                    // With the loader's pre-paint on screen, let it show for a frame before the
                    // work of building the whole article.
                    if let Some(el) = root.get_untracked() {
                        if find_prepaint(&el).is_some() {
                            next_frame().await;
                        }
                    }
                    let _ = state.try_set(Loading::Ready(Rc::new(loaded)));
                }
                Err(LoadError::Aborted) => {}
                Err(e) => {
                    let _ = state.try_set(Loading::Failed(e));
                }
            }
        });
    };
    Effect::new(move |_| {
        // Read, not only tracked: either may be derived.
        let _ = src.get();
        if let Some(reload) = reload {
            let _ = reload.get();
        }
        fetch();
    });
    let retry = Callback::new(move |()| fetch());

    // The reader's choices live on the root as custom properties: a change restyles, it never
    // re-renders an article node, so its cost does not grow with the article.
    // The loader's pre-paint (title, time, author, lead; see scripts/loader-common.js) goes in the
    // same frame in which the article or the error is shown: never both, never neither.
    Effect::new(move |_| {
        let shown = state.with(|s| !matches!(s, Loading::Pending));
        if let (true, Some(el)) = (shown, root.get()) {
            remove_prepaint(&el);
        }
    });
    let prefs = use_prefs();
    let print = mode == ViewMode::Print;
    {
        let prefs = prefs.clone();
        Effect::new(move |_| {
            // The print view prints the reader's settings only in large type, and never follows
            // the stored ones (those of the frame's origin, maybe not the reader's page).
            let p = if print {
                large_print.unwrap_or_default()
            } else {
                prefs.get()
            };
            if let Some(el) = root.get() {
                apply_to(&el, &p);
                if print && large_print.is_some() {
                    // The print stylesheet's large type (style/viewer.css, `@media print`).
                    let _ = el.set_attribute("data-print", "large");
                }
            }
        });
    }
    {
        // Tell the host when the reader changes the text size (not for the initial value).
        let prefs = prefs.clone();
        let host = use_host();
        Effect::new(move |previous: Option<u16>| {
            let percent = prefs.get().size.percent();
            if previous.is_some_and(|p| p != percent) {
                emit(
                    host.as_ref(),
                    host_events::TEXT_SIZE_CHANGE,
                    &[("percent", JsValue::from(percent))],
                );
            }
            percent
        });
    }
    let host_theme = host_theme.as_deref().map(Theme::parse).unwrap_or_default();
    let theme = move || {
        if print {
            return Theme::Light.key();
        }
        match prefs.get().theme {
            Theme::Auto => host_theme.key(),
            chosen => chosen.key(),
        }
    };

    let loading = move || {
        view! {
            <p class="av-loading" role="status" data-testid="av-loading">
                {lang.words().loading}
            </p>
        }
    };

    view! {
        <div
            class="av-viewer"
            node_ref=root
            data-theme=theme
            data-view=if print { "print" } else { "read" }
            data-testid="av-viewer"
            part="viewer"
        >
            {
                let host = use_host();
                move || match state.get() {
                    Loading::Pending => loading().into_any(),
                    Loading::Ready(loaded) => {
                        emit(host.as_ref(), host_events::LOADED, &[
                            ("id", JsValue::from_str(&loaded.article.id)),
                            ("title", JsValue::from_str(&loaded.article.title)),
                        ]);
                        if autoprint && print {
                            Effect::new(|_| crate::share::print_when_ready(3000));
                        }
                        let (page_url, id_prefix) = (page_url.clone(), id_prefix.clone());
                        view! { <ArticleView loaded mode page_url id_prefix=Some(id_prefix) comments /> }.into_any()
                    }
                    Loading::Failed(error) => {
                        emit(host.as_ref(), host_events::ERROR, &[
                            ("kind", JsValue::from_str(error.kind())),
                            ("message", JsValue::from_str(error.message(lang))),
                        ]);
                        view! { <ErrorPanel error lang on_retry=retry /> }.into_any()
                    }
                }
            }
        </div>
    }
}
