//! What the viewer calls when it loads this part: mount the widget into the comments section,
//! and unmount it (dropping the handle aborts its requests and removes its listeners).

use crate::view::section::CommentsWidget;
use article_viewer::i18n::UiLang;
use js_sys::Reflect;
use std::any::Any;
use wasm_bindgen::prelude::*;

/// Runs when this module starts: a panic logs its message before the module stops.
#[wasm_bindgen(start)]
pub fn start_comments() {
    console_error_panic_hook::set_once();
}

/// A mounted comments widget; `free()` unmounts it.
#[wasm_bindgen]
pub struct CommentsHandle {
    _mounted: Box<dyn Any>,
}

fn text(options: &JsValue, key: &str) -> String {
    Reflect::get(options, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Mounts the widget into `container`; `options` is `{ url, articleId, lang, idPrefix }`;
/// `comment-submitted` events go to `host` (the embedding element) when there is one.
#[wasm_bindgen(js_name = mountComments)]
pub fn mount_comments(
    container: web_sys::HtmlElement,
    host: Option<web_sys::HtmlElement>,
    options: JsValue,
) -> CommentsHandle {
    let url = text(&options, "url");
    let article_id = text(&options, "articleId");
    let lang = UiLang::from_tag(&text(&options, "lang"));
    let id_prefix = text(&options, "idPrefix");
    let mounted = leptos::mount::mount_to(container, move || {
        leptos::view! { <CommentsWidget url article_id lang id_prefix host /> }
    });
    CommentsHandle {
        _mounted: Box::new(mounted),
    }
}
