//! One viewer: loads an article, shows progress, the article, or an error with Retry; applies the
//! reader's text size, line spacing and theme to its root as CSS custom properties.

use crate::components::article_view::ArticleView;
use crate::components::error_panel::ErrorPanel;
use crate::config::ViewMode;
use crate::host_events::{self, emit, use_host};
use crate::http::AbortSlot;
use crate::i18n::UiLang;
use crate::load::{load, LoadError, Loaded};
use crate::reader::appearance::Theme;
use crate::reader::store::use_prefs;
use leptos::html::Div;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsValue;

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
) -> impl IntoView {
    let id_prefix = next_id_prefix();
    let requests = AbortSlot::new();

    let resource = LocalResource::new(move || {
        let src = src.get();
        if let Some(reload) = reload {
            reload.track();
        }
        let controller = requests.next();
        async move {
            let Some(controller) = controller else {
                return Err(LoadError::Network);
            };
            load(
                &src,
                Duration::from_millis(u64::from(timeout_ms)),
                &controller,
            )
            .await
            .map(Rc::new)
        }
    });
    let retry = Callback::new(move |()| resource.refetch());

    // The reader's choices live on the root as custom properties: a change restyles, it never
    // re-renders an article node, so its cost does not grow with the article.
    let root = NodeRef::<Div>::new();
    let prefs = use_prefs();
    let print = mode == ViewMode::Print;
    {
        let prefs = prefs.clone();
        Effect::new(move |_| {
            let p = prefs.get();
            if let Some(el) = root.get() {
                let style = web_sys::HtmlElement::style(&el);
                let _ = style.set_property("--av-font-scale", &p.size.scale());
                let _ = style.set_property("--av-line-height", p.spacing.css());
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
            <Suspense fallback=loading>
                {
                    let id_prefix = id_prefix.clone();
                    let page_url = page_url.clone();
                    let host = use_host();
                    move || {
                        let id_prefix = id_prefix.clone();
                        let page_url = page_url.clone();
                        let host = host.clone();
                        Suspend::new(async move {
                            let result: Result<Rc<Loaded>, LoadError> = resource.await;
                            match result {
                                Ok(loaded) => {
                                    emit(host.as_ref(), host_events::LOADED, &[
                                        ("id", JsValue::from_str(&loaded.article.id)),
                                        ("title", JsValue::from_str(&loaded.article.title)),
                                    ]);
                                    if autoprint && print {
                                        Effect::new(|_| crate::share::print_when_ready(3000));
                                    }
                                    view! { <ArticleView loaded mode page_url id_prefix=Some(id_prefix) comments /> }.into_any()
                                }
                                Err(LoadError::Aborted) => ().into_any(),
                                Err(error) => {
                                    emit(host.as_ref(), host_events::ERROR, &[
                                        ("kind", JsValue::from_str(error.kind())),
                                        ("message", JsValue::from_str(error.message(lang))),
                                    ]);
                                    view! { <ErrorPanel error lang on_retry=retry /> }.into_any()
                                }
                            }
                        })
                    }
                }
            </Suspense>
        </div>
    }
}
