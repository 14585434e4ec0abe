//! The API the embed loader (`embed.js`) uses: mount a viewer into a shadow root, change its
//! article, reload it, unmount it; read and set the page-wide text size (the other reading
//! settings go through the preferences' window event, see `scripts/embed-loader.js`).

use crate::host_events::Host;
use crate::i18n::UiLang;
use crate::load::ReadOptions;
use crate::reader::store::Settings;
use crate::reader::text_size::TextSize;
use crate::view::viewer::{ViewerHandle, ViewerOptions};
use wasm_bindgen::prelude::*;

/// Options of one embedded viewer, read from the element's attributes.
#[wasm_bindgen]
#[derive(Clone, Debug, Default)]
pub struct EmbedOptions {
    src: String,
    lang: Option<String>,
    comments: bool,
    theme: Option<String>,
    page_url: Option<String>,
    format: Option<String>,
    embed_hosts: Vec<String>,
}

#[wasm_bindgen]
impl EmbedOptions {
    /// Options for the article at `src` (relative to the host page).
    #[wasm_bindgen(constructor)]
    pub fn new(src: String) -> EmbedOptions {
        EmbedOptions {
            src,
            comments: true,
            ..EmbedOptions::default()
        }
    }

    /// Interface language until the article gives its own (`lang` attribute).
    #[wasm_bindgen(setter)]
    pub fn set_lang(&mut self, lang: Option<String>) {
        self.lang = lang.filter(|l| !l.trim().is_empty());
    }

    /// Whether to show comments (`comments="off"` turns them off).
    #[wasm_bindgen(setter)]
    pub fn set_comments(&mut self, on: bool) {
        self.comments = on;
    }

    /// The host's default theme (`theme` attribute), used while the reader keeps "system".
    #[wasm_bindgen(setter)]
    pub fn set_theme(&mut self, theme: Option<String>) {
        self.theme = theme;
    }

    /// A forced input format (`format` attribute: `article`, `wordpress`, `jsonfeed`, `html`).
    #[wasm_bindgen(setter)]
    pub fn set_format(&mut self, format: Option<String>) {
        self.format = format.filter(|f| !f.trim().is_empty());
    }

    /// Hosts whose players become click-to-load cards (`embed-hosts` attribute).
    #[wasm_bindgen(setter = embedHosts)]
    pub fn set_embed_hosts(&mut self, hosts: Option<String>) {
        self.embed_hosts = hosts
            .as_deref()
            .map(crate::config::host_list)
            .unwrap_or_default();
    }

    /// The standalone page next to the loader, for the print view.
    #[wasm_bindgen(setter = pageUrl)]
    pub fn set_page_url(&mut self, url: Option<String>) {
        self.page_url = url;
    }
}

/// One mounted viewer; dropping or `unmount()` removes it and aborts its requests.
#[wasm_bindgen]
pub struct EmbeddedViewer(Option<ViewerHandle>);

#[wasm_bindgen]
impl EmbeddedViewer {
    /// Loads another article in this viewer.
    #[wasm_bindgen(js_name = setSrc)]
    pub fn set_src(&self, src: String) {
        if let Some(v) = &self.0 {
            v.set_src(src);
        }
    }

    /// Fetches the article again.
    pub fn reload(&self) {
        if let Some(v) = &self.0 {
            v.reload();
        }
    }

    /// Removes the viewer: its requests are aborted and its listeners removed.
    pub fn unmount(&mut self) {
        self.0.take();
    }
}

/// Mounts a viewer into `container` (inside the host's shadow root); events go to `host`.
#[wasm_bindgen(js_name = mountViewer)]
pub fn mount_viewer(
    container: web_sys::HtmlElement,
    host: web_sys::HtmlElement,
    options: &EmbedOptions,
) -> EmbeddedViewer {
    let o = options.clone();
    EmbeddedViewer(Some(ViewerHandle::mount(
        container,
        ViewerOptions {
            lang: o.lang.as_deref().map(UiLang::from_tag).unwrap_or_default(),
            comments: o.comments,
            host_theme: o.theme,
            page_url: o.page_url,
            read: ReadOptions {
                format: o.format,
                embed_hosts: o.embed_hosts,
                lang: o.lang,
            },
            src: o.src,
            host: Some(Host(host)),
            ..ViewerOptions::default()
        },
    )))
}

/// The reader's text size in percent, shared by every viewer on the page.
#[wasm_bindgen(js_name = fontScale)]
pub fn font_scale() -> u16 {
    Settings::page().get_untracked().size.percent()
}

/// Sets the text size of every viewer on the page to the step nearest `percent`.
#[wasm_bindgen(js_name = setFontScale)]
pub fn set_font_scale(percent: u32) {
    if let Some(size) = TextSize::nearest(percent) {
        Settings::page().update(|p| p.size = size);
    }
}
