//! The standalone app on a site's list page (`/articles/`): a `leptos_router` router over the
//! list and the articles, so that moving between them never reloads the page. Back and forward
//! work, every page has its own address (a deep link is the server's page), the tab title follows,
//! the scroll position comes back with Back, and after each move the focus goes to the new page's
//! heading and the change is announced. Lives in the `site` chunk (`crate::lazy`).

use super::list::{list_title, ArticleList, LIST_HEADING_ID};
use super::words::site_words;
use crate::http::{get_text, with_timeout, AbortSlot, Fetched};
use crate::i18n::UiLang;
use crate::reader::prefs::Prefs;
use crate::reader::store::use_settings;
use crate::view::viewer::{served_article, theme_of, Viewer, ViewerOptions};
use article_viewer_wire::index::{data_block, ArticleIndex, INDEX_BLOCK_ID};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::{use_location, use_params_map};
use leptos_router::path;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// What the site starts with.
struct SiteStart {
    /// The path of the list below the site's root (`/articles`, or `/news/articles`).
    base: String,
    /// The first page's list (the served page's data block).
    index: ArticleIndex,
    /// How the articles' viewer is set up (language, time allowed, formats).
    options: ViewerOptions,
}

/// What the site's pages share.
#[derive(Clone, Copy)]
struct Site {
    /// The lists already read, by their path.
    lists: StoredValue<HashMap<String, Arc<ArticleIndex>>>,
    /// The articles' JSON addresses, by their pages' paths.
    srcs: StoredValue<HashMap<String, String>>,
    /// The scroll position each page was left at, by path.
    scrolls: StoredValue<HashMap<String, f64>>,
    /// Whether the page being shown came from Back or Forward.
    popped: StoredValue<bool>,
    /// Whether a page has been shown yet (the first is the served one: its focus stays).
    started: StoredValue<bool>,
    /// The live region's sentence.
    said: RwSignal<String>,
    /// The viewer's set-up.
    options: StoredValue<ViewerOptions, LocalStorage>,
    /// The interface language.
    lang: UiLang,
}

impl Site {
    /// Remembers a list and the addresses of its articles.
    fn keep(&self, path: String, index: Arc<ArticleIndex>) {
        self.srcs.update_value(|m| {
            for item in &index.items {
                if let Some(p) = path_of(&item.href) {
                    m.insert(p, item.src.clone());
                }
            }
        });
        self.lists.update_value(|m| {
            m.insert(path, index);
        });
    }

    /// After a page is on screen: the focus to its heading and the change said (not for the
    /// served first page), the scroll position back where Back or Forward left it.
    fn arrived(&self, heading: Option<web_sys::HtmlElement>, title: &str, path: &str) {
        let first = !self.started.get_value();
        self.started.set_value(true);
        if first {
            return;
        }
        if let Some(h) = heading {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = h.focus_with_options(&options);
        }
        self.said.set((site_words(self.lang).opened)(title));
        if self.popped.get_value() {
            self.popped.set_value(false);
            let y = self
                .scrolls
                .with_value(|m| m.get(path).copied())
                .unwrap_or(0.0);
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, y);
            }
        }
    }
}

/// The path of an absolute or root-relative address (`https://x/articles/a` → `/articles/a`).
fn path_of(href: &str) -> Option<String> {
    let url = web_sys::Url::new(href).ok()?;
    Some(url.pathname())
}

/// The current page's path.
fn current_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default()
}

/// The list a served list page carries.
fn served_list() -> Option<ArticleIndex> {
    let block = web_sys::window()?
        .document()?
        .get_element_by_id(INDEX_BLOCK_ID)?;
    crate::json::from_str(&block.text_content()?).ok()
}

/// The list's path (`/articles`) below which the site's pages are: the current path up to its
/// `/articles/` segment.
fn site_base() -> String {
    let path = current_path();
    match path.find("/articles/") {
        Some(at) => path[..at + "/articles".len()].to_string(),
        None => "/articles".to_string(),
    }
}

/// Mounts the site at the end of `body`, just before the served list (which it replaces); the
/// served list stays if its data cannot be read.
pub fn mount(body: web_sys::HtmlElement, options: ViewerOptions) {
    let Some(index) = served_list() else {
        web_sys::console::warn_1(&"[article-viewer] the list's data cannot be read".into());
        return;
    };
    let start = send_wrapper::SendWrapper::new(SiteStart {
        base: site_base(),
        index,
        options,
    });
    // For the page's lifetime.
    leptos::mount::mount_to(body.clone(), move || site_view(start.take())).forget();
    if let Err(e) = crate::standalone::before_served(&body) {
        web_sys::console::error_1(&e);
    }
}

/// The site: the router, the live region and the page being shown.
fn site_view(start: SiteStart) -> AnyView {
    let lang = start.options.lang;
    let site = Site {
        lists: StoredValue::new(HashMap::new()),
        srcs: StoredValue::new(HashMap::new()),
        scrolls: StoredValue::new(HashMap::new()),
        popped: StoredValue::new(false),
        started: StoredValue::new(false),
        said: RwSignal::new(String::new()),
        options: StoredValue::new_local(start.options),
        lang,
    };
    site.keep(first_path().to_string(), Arc::new(start.index));
    provide_context(site);
    remember_scroll(site);
    let base = start.base;
    view! {
        <Router base>
            <main class="av-main" data-testid="av-site">
                <p class="av-visually-hidden" role="status" data-testid="av-site-status">
                    {move || site.said.get()}
                </p>
                <Routes fallback=Elsewhere>
                    <Route path=path!("/") view=ListPage />
                    <Route path=path!("/page/:n") view=ListPage />
                    <Route path=path!("/:id") view=ArticlePage />
                </Routes>
            </main>
        </Router>
    }
    .into_any()
}

/// Keeps each page's scroll position, and notes Back and Forward (the browser does not restore
/// a position in a page that is drawn after the move).
fn remember_scroll(site: Site) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(history) = window.history() {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    let on_scroll = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        if let Some(w) = web_sys::window() {
            let y = w.scroll_y().unwrap_or(0.0);
            let path = current_path();
            let _ = site.scrolls.try_update_value(|m| {
                m.insert(path, y);
            });
        }
    });
    let on_pop = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        let _ = site.popped.try_set_value(true);
    });
    let passive = web_sys::AddEventListenerOptions::new();
    passive.set_passive(true);
    let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
        "scroll",
        on_scroll.as_ref().unchecked_ref(),
        &passive,
    );
    let _ = window.add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
    // For the page's lifetime (the site is never unmounted).
    on_scroll.forget();
    on_pop.forget();
}

/// The address the page was loaded with (its path).
fn first_path() -> &'static str {
    static FIRST: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    FIRST.get_or_init(current_path)
}

/// Lets the browser load the current address (the site has moved to an address it does not
/// show) — never the address the page was loaded with, which would load again and again.
fn leave() {
    if current_path() != first_path() {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    }
}

/// An address below the list that is not a page of the site: the browser loads it.
#[component]
fn Elsewhere() -> impl IntoView {
    leave();
}

/// What a page of the list shows.
#[derive(Clone)]
enum ListShown {
    /// It is on its way.
    Pending,
    /// The list.
    Ready(Arc<ArticleIndex>),
    /// It could not be read.
    Failed,
}

/// A page of the list: from memory, else read from the server's list page (its data block).
#[component]
fn ListPage() -> impl IntoView {
    let site = expect_context::<Site>();
    let location = use_location();
    let shown = RwSignal::new(ListShown::Pending);
    let retry = ArcTrigger::new();
    let slot = AbortSlot::new();
    let retry_now = retry.clone();
    Effect::new(move |_| {
        let path = location.pathname.get();
        retry_now.track();
        if let Some(index) = site.lists.with_value(|m| m.get(&path).cloned()) {
            shown.set(ListShown::Ready(index));
            return;
        }
        shown.set(ListShown::Pending);
        let Some(controller) = slot.next() else {
            shown.set(ListShown::Failed);
            return;
        };
        leptos::task::spawn_local(async move {
            let read = with_timeout(Duration::from_secs(20), &controller, async {
                get_text(&path, &controller.signal()).await
            })
            .await;
            let index = match read {
                Ok(Fetched {
                    status: 200, text, ..
                }) => data_block(&text, INDEX_BLOCK_ID)
                    .and_then(|json| crate::json::from_str::<ArticleIndex>(json).ok()),
                _ => None,
            };
            match index {
                Some(index) => {
                    let index = Arc::new(index);
                    site.keep(path, Arc::clone(&index));
                    let _ = shown.try_set(ListShown::Ready(index));
                }
                None => {
                    let _ = shown.try_set(ListShown::Failed);
                }
            }
        });
    });
    // Once the list is on screen: the served list goes (the same markup; nothing moves), the
    // title follows, the focus goes to the heading.
    Effect::new(move |_| {
        if let ListShown::Ready(index) = shown.get() {
            if let Some(served) = served_article() {
                served.remove();
            }
            let title = list_title(&index, site.lang);
            crate::page_meta::apply(&title, None);
            let path = location.pathname.get_untracked();
            // Once the list is in the document (the route's view is placed after this runs).
            leptos::task::spawn_local(async move {
                leptos::task::tick().await;
                let heading = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id(LIST_HEADING_ID))
                    .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok());
                site.arrived(heading, &title, &path);
            });
        }
    });
    let lang = site.lang;
    let settings = use_settings();
    let prefs = Memo::new(move |_| settings.get());
    let property = move |i: usize| move || prefs.get().properties()[i].1;
    let content = move || match shown.get() {
        ListShown::Pending => view! {
            <p class="av-loading" role="status">{lang.words().loading}</p>
        }
        .into_any(),
        ListShown::Ready(index) => view! { <ArticleList index lang /> }.into_any(),
        ListShown::Failed => {
            let retry = retry.clone();
            view! {
                <div class="av-error" role="alert">
                    <p>{site_words(lang).list_failed}</p>
                    <button type="button" class="av-button" on:click=move |_| retry.notify()>
                        {site_words(lang).retry}
                    </button>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <div
            class="av-viewer av-site"
            data-view="read"
            data-theme=move || theme_of(&prefs.get(), false, None)
            style=("--av-font-scale", move || prefs.get().size.scale())
            style=(Prefs::default().properties()[0].0, property(0))
            style=(Prefs::default().properties()[1].0, property(1))
            style=(Prefs::default().properties()[2].0, property(2))
            style=(Prefs::default().properties()[3].0, property(3))
            style=(Prefs::default().properties()[4].0, property(4))
            style=(Prefs::default().properties()[5].0, property(5))
        >
            {content}
        </div>
    }
}

/// An article of the site: the viewer, with the article's JSON address from the list.
#[component]
fn ArticlePage() -> impl IntoView {
    let site = expect_context::<Site>();
    let location = use_location();
    let src_of = move |path: &str| site.srcs.with_value(|m| m.get(path).cloned());
    let path = location.pathname.get_untracked();
    let Some(first) = src_of(&path) else {
        // Not an article the list named (a link from an article's text): the browser loads it.
        return Elsewhere().into_any();
    };
    let src = ArcRwSignal::new(first.clone());
    let src_now = src.clone();
    let params = use_params_map();
    Effect::new(move |_| {
        // Only while this is an article's address (not as the route moves to the list).
        let Some(id) = params.with(|p| p.get("id")) else {
            return;
        };
        let path = location.pathname.get();
        if !path.trim_end_matches('/').ends_with(&id) {
            return;
        }
        match src_of(&path) {
            Some(s) => {
                if src_now.get_untracked() != s {
                    src_now.set(s);
                }
            }
            // Another article than the list's (a link in an article's text): the browser loads it.
            None => leave(),
        }
    });
    let mut options = site.options.get_value();
    options.src = first;
    options.on_shown = Some(Callback::new(move |title: String| {
        // After the article is in the page (this runs as it is shown).
        leptos::task::spawn_local(async move {
            leptos::task::tick().await;
            let heading = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| {
                    d.query_selector(".av-main .av-article__title")
                        .ok()
                        .flatten()
                })
                .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok());
            site.arrived(heading, &title, &current_path());
        });
    }));
    let reload = ArcTrigger::new();
    view! { <Viewer options src reload /> }.into_any()
}
