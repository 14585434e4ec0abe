//! Events an embedded viewer sends to its host page: `CustomEvent`s that bubble out of the
//! `<article-viewer>` element (see README, "Host events").

use wasm_bindgen::JsValue;

/// The element that hosts a viewer (absent on the standalone page).
#[derive(Clone)]
pub struct Host(pub web_sys::HtmlElement);

/// The article loaded: `detail = { id, title }`.
pub const LOADED: &str = "article-loaded";
/// The article could not be shown: `detail = { kind, message }`.
pub const ERROR: &str = "article-error";
/// A comment was accepted by the server: `detail = { id, status, parentId }`.
pub const COMMENT_SUBMITTED: &str = "comment-submitted";
/// The reader changed the text size: `detail = { percent }`.
pub const TEXT_SIZE_CHANGE: &str = "text-size-change";

/// Dispatches `name` with `detail` on the host element, if this viewer has one.
pub fn emit(host: Option<&Host>, name: &str, detail: &[(&str, JsValue)]) {
    let Some(Host(host)) = host else { return };
    let object = js_sys::Object::new();
    for (k, v) in detail {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(k), v);
    }
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&object);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}
