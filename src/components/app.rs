//! The standalone page: reads the query string and shows one viewer.

use crate::components::viewer::Viewer;
use crate::config::Config;
use crate::i18n::UiLang;
use crate::load::ReadOptions;
use leptos::prelude::*;

/// The standalone single-page app.
#[component]
pub fn App() -> impl IntoView {
    let config = Config::from_location();
    let lang = config
        .lang
        .as_deref()
        .map(UiLang::from_tag)
        .unwrap_or_default();
    view! {
        <main class="av-main">
            <Viewer
                src=config.src
                lang
                timeout_ms=config.timeout_ms
                mode=config.view
                autoprint=config.autoprint
                large_print=config.large_print
                read=ReadOptions {
                    format: config.format.clone(),
                    embed_hosts: config.embed_hosts.clone(),
                    lang: config.lang.clone(),
                }
            />
        </main>
    }
}
