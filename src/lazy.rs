//! The parts of the viewer that load when they are needed.
//!
//! The display panel, Listen with the compact bar, and the comments widget are chunks of this one
//! app: `scripts/build-app.sh` builds with the `split` feature, and wasm-split moves each entry
//! below (and the code only it reaches) into a chunk of its own, fetched the first time the entry
//! is called. The chunks share the app's memory and its one Leptos runtime. Without the `split`
//! feature (the browser tests) the entries are called directly.
//!
//! The formats converter (`formats/`: WordPress posts, JSON Feed items, HTML article pages) is a
//! chunk too, loaded the first time an answer is not in the project's own format.
#![allow(unsafe_code)] // the code `wasm_split` generates to import and export each chunk's entry

use crate::comments::mount::CommentsOptions;
use crate::i18n::UiLang;
use crate::listen::mount::ListenViews;
use crate::view::disclosure::Disclosure;
use leptos::prelude::AnyView;
use wasm_bindgen::JsValue;

/// Why a lazy part could not be started.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PartError {
    /// The page has no loader that knows the part (a build without it, or a test page).
    #[error("This part of the viewer is not available on this page.")]
    Missing,
    /// The part's files could not be fetched or compiled (offline, server error).
    #[error("This part of the viewer could not be loaded.")]
    Failed,
}

impl PartError {
    /// A short stable name of the kind, for tests.
    pub fn kind(&self) -> &'static str {
        match self {
            PartError::Missing => "missing",
            PartError::Failed => "failed",
        }
    }
}

impl From<leptos::wasm_split::SplitLoaderError> for PartError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        web_sys::console::warn_1(&JsValue::from_str(
            "[article-viewer] a lazy chunk could not be loaded",
        ));
        PartError::Failed
    }
}

// The entries. Each is a function the chunk exports; its arguments are moved across as they are
// (one binary, one compiler: the layout is the same on both sides).

/// Defines a chunk's entry: with the `split` feature a `wasm_split` function whose code (and what
/// only it reaches) goes to the chunk `$chunk`, loaded on the first call (a failed load is a
/// [`PartError`], and the next call tries again); without it, the same body called directly.
macro_rules! entry {
    ($chunk:ident, fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $out:ty $body:block) => {
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $name($($arg: $ty),*) -> Result<$out, PartError> $body

        #[cfg(not(feature = "split"))]
        async fn $name($($arg: $ty),*) -> Result<$out, PartError> $body
    };
}

entry!(
    display,
    fn display_entry(
        at: Option<web_sys::Element>,
        lang: UiLang,
        id_prefix: String,
        print_url: String,
    ) -> AnyView {
        Ok(crate::display::mount::panel_view(
            at, lang, id_prefix, print_url,
        ))
    }
);

entry!(
    comments,
    fn comments_entry(opts: CommentsOptions) -> AnyView {
        Ok(crate::comments::mount::widget_view(opts))
    }
);

entry!(
    listen,
    fn listen_entry(
        toolbar: web_sys::Element,
        article: web_sys::Element,
        speak: bool,
        panel: Disclosure,
        panel_id: String,
    ) -> ListenViews {
        Ok(crate::listen::mount::listen_views(
            toolbar, article, speak, panel, panel_id,
        ))
    }
);

entry!(
    formats,
    fn formats_entry(
        text: String,
        content_type: String,
        url: String,
        format: Option<String>,
        lang: Option<String>,
    ) -> Result<(String, Vec<String>), String> {
        let options = article_viewer_formats::Options {
            url: &url,
            content_type: &content_type,
            format: format.as_deref(),
            item: None,
            lang: lang.as_deref(),
        };
        Ok(article_viewer_formats::convert(&text, &options)
            .map(|c| (c.article_json, c.warnings))
            .map_err(|e| e.to_string()))
    }
);

#[cfg(all(feature = "exports", target_arch = "wasm32"))]
entry!(
    site,
    fn site_entry(body: web_sys::HtmlElement, options: crate::view::viewer::ViewerOptions) -> () {
        crate::site::app::mount(body, options);
        Ok(())
    }
);

/// Loads the site's chunk (the router, the list) and mounts the site at the end of `body`: on the
/// server's list page, the list and the articles reached from it.
#[cfg(all(feature = "exports", target_arch = "wasm32"))]
pub async fn mount_site(
    body: web_sys::HtmlElement,
    options: crate::view::viewer::ViewerOptions,
) -> Result<(), PartError> {
    site_entry(body, options).await
}

/// Loads the converter's chunk and converts another input format into the project's article JSON
/// (with the converter's warnings), or says why it cannot (`Err` inside: the converter's sentence).
pub async fn convert_format(
    text: String,
    content_type: String,
    url: String,
    format: Option<String>,
    lang: Option<String>,
) -> Result<Result<(String, Vec<String>), String>, PartError> {
    formats_entry(text, content_type, url, format, lang).await
}

/// Loads the display panel's chunk and makes the panel's content, its stylesheet adopted by the
/// root (document or shadow root) holding `at`; `print_url` is the print view's address, for
/// "Print in large type".
pub async fn display_panel(
    at: Option<web_sys::Element>,
    lang: UiLang,
    id_prefix: String,
    print_url: String,
) -> Result<AnyView, PartError> {
    display_entry(at, lang, id_prefix, print_url).await
}

/// Loads the comments widget's chunk and makes the widget.
pub async fn comments_widget(opts: CommentsOptions) -> Result<AnyView, PartError> {
    comments_entry(opts).await
}

/// Loads Listen's chunk and makes the views of Listen and the compact bar for the article
/// `article` under the toolbar `toolbar`, under the current owner; a player only where `speak`,
/// its panel (id `panel_id`) shown and hidden by the Listen button's disclosure `panel`.
pub async fn listen_views(
    toolbar: web_sys::Element,
    article: web_sys::Element,
    speak: bool,
    panel: Disclosure,
    panel_id: String,
) -> Result<ListenViews, PartError> {
    listen_entry(toolbar, article, speak, panel, panel_id).await
}
