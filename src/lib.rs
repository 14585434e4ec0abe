//! Article viewer: fetches an article as JSON and renders it safely in the browser.
#![deny(unsafe_code)] // allowed only where wasm-split links the lazy chunks (`lazy`)
#![recursion_limit = "256"] // Leptos' server rendering of the article view nests its types deeply

pub mod article;
pub mod canonical;
#[cfg(feature = "app")]
pub mod comments;
pub mod config;
pub mod content;
pub mod date;
#[cfg(feature = "app")]
pub mod display;
#[cfg(feature = "exports")]
pub mod embed;
pub mod host_events;
pub mod http;
pub mod i18n;
#[cfg(feature = "app")]
pub mod in_place;
pub mod json;
#[cfg(feature = "app")]
pub mod lazy;
#[cfg(feature = "app")]
pub mod listen;
#[cfg(feature = "app")]
pub mod load;
pub mod observe;
pub mod page_meta;
pub mod reader;
pub mod share;
#[cfg(feature = "app")]
pub mod site;
#[cfg(all(feature = "app", not(target_arch = "wasm32")))]
pub mod ssr;
/// Which addresses an article may use (its own crate, shared with the formats converter).
pub use article_viewer_urls as url_policy;
#[cfg(feature = "app")]
pub mod view;

/// Runs when the wasm starts: installs the panic hook (a panic logs its message before the app stops).
#[cfg(feature = "exports")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Mounts the standalone viewer into the page body (called by the standalone page's `boot.js`).
#[cfg(feature = "exports")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = mountStandalone)]
pub fn mount_standalone() {
    if let Err(e) = standalone::mount() {
        web_sys::console::error_2(&"[article-viewer] could not start:".into(), &e);
    }
}

#[cfg(feature = "exports")]
pub(crate) mod standalone {
    //! The standalone page: reads the query string and shows one viewer for the page's lifetime.

    use crate::config::Config;
    use crate::i18n::UiLang;
    use crate::load::ReadOptions;
    use crate::view::viewer::{Viewer, ViewerOptions};
    use leptos::prelude::*;

    /// Mounts `<main class="av-main">` with the viewer at the end of the page body (before a
    /// served article, which it replaces); on the server's list page, the site (`crate::site`).
    pub fn mount() -> Result<(), wasm_bindgen::JsValue> {
        let config = Config::from_location();
        let body = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
            .ok_or(wasm_bindgen::JsValue::NULL)?;
        let options = options(&config);
        #[cfg(target_arch = "wasm32")]
        if site::is_list_page() {
            site::mount_site(body, options);
            return Ok(());
        }
        let src = ArcRwSignal::new(config.src);
        let reload = ArcTrigger::new();
        let options = send_wrapper::SendWrapper::new(options);
        // For the page's lifetime.
        leptos::mount::mount_to(body.clone(), move || {
            let options = options.take();
            view! {
                <main class="av-main">
                    <Viewer options src reload />
                </main>
            }
        })
        .forget();
        before_served(&body)
    }

    /// The viewer's set-up from the page's address.
    fn options(config: &Config) -> ViewerOptions {
        ViewerOptions {
            lang: config
                .lang
                .as_deref()
                .map(UiLang::from_tag)
                .unwrap_or_default(),
            timeout_ms: config.timeout_ms,
            mode: config.view,
            autoprint: config.autoprint,
            large_print: config.large_print,
            read: ReadOptions {
                format: config.format.clone(),
                embed_hosts: config.embed_hosts.clone(),
                lang: config.lang.clone(),
            },
            src: config.src.clone(),
            ..ViewerOptions::default()
        }
    }

    /// On a served page the viewer starts where the served article (or list) is (empty until it
    /// replaces it), so nothing moves when it does.
    pub(crate) fn before_served(body: &web_sys::HtmlElement) -> Result<(), wasm_bindgen::JsValue> {
        let served = crate::view::viewer::served_article();
        if let (Some(served), Some(main)) = (served, body.last_element_child()) {
            body.insert_before(&main, Some(&served))?;
        }
        Ok(())
    }

    /// The site on a served list page (browser only: the router is a browser part).
    #[cfg(target_arch = "wasm32")]
    mod site {
        use crate::view::viewer::ViewerOptions;
        use article_viewer_wire::index::INDEX_BLOCK_ID;

        /// Whether this is a served list page (it carries the list as a data block).
        pub fn is_list_page() -> bool {
            web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(INDEX_BLOCK_ID))
                .is_some()
        }

        /// Loads the site's chunk and mounts the site; the served list stays if it cannot.
        pub fn mount_site(body: web_sys::HtmlElement, options: ViewerOptions) {
            // Leptos' executor starts with the first mount: before it, the browser's own.
            wasm_bindgen_futures::spawn_local(async move {
                // The served list reads and its links work without the site.
                if let Err(e) = crate::lazy::mount_site(body, options).await {
                    web_sys::console::warn_1(&e.to_string().into());
                }
            });
        }
    }
}
