//! Browser glue for sharing: clipboard, the system share sheet, and printing through a hidden frame.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Copies `text` to the clipboard; `false` when the browser refuses (no permission, no API).
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let clipboard = window.navigator().clipboard();
    if clipboard.is_undefined() {
        return false;
    }
    JsFuture::from(clipboard.write_text(text)).await.is_ok()
}

fn navigator_share() -> Option<(JsValue, js_sys::Function)> {
    if cfg!(not(target_arch = "wasm32")) {
        return None; // rendered on the server: no browser
    }
    let navigator: JsValue = web_sys::window()?.navigator().into();
    let share = js_sys::Reflect::get(&navigator, &"share".into()).ok()?;
    Some((navigator, share.dyn_into().ok()?))
}

/// Whether the browser has a system share sheet (`navigator.share`).
pub fn can_share() -> bool {
    navigator_share().is_some()
}

/// Opens the system share sheet; a cancel or a refusal is silently ignored.
pub fn system_share(title: &str, text: &str, url: &str) {
    let Some((navigator, share)) = navigator_share() else {
        return;
    };
    let data = js_sys::Object::new();
    for (k, v) in [("title", title), ("text", text), ("url", url)] {
        let _ = js_sys::Reflect::set(&data, &k.into(), &v.into());
    }
    if let Ok(promise) = share.call1(&navigator, &data) {
        if let Ok(promise) = promise.dyn_into::<js_sys::Promise>() {
            // The promise rejects with AbortError when the reader closes the sheet: not an error.
            wasm_bindgen_futures::spawn_local(async move {
                let _ = JsFuture::from(promise).await;
            });
        }
    }
}

/// Class of the hidden print frame (also used to find and replace an earlier one).
pub const PRINT_FRAME_CLASS: &str = "av-print-frame";

/// Prints the article alone: loads its print view in a hidden frame, which prints itself, so a
/// portal around an embedded viewer is never printed.
pub fn print_in_frame(print_url: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(old) = document.query_selector_all(&format!(".{PRINT_FRAME_CLASS}")) {
        for i in 0..old.length() {
            if let Some(node) = old.item(i) {
                if let Some(el) = node.dyn_ref::<web_sys::Element>() {
                    el.remove();
                }
            }
        }
    }
    let Ok(frame) = document.create_element("iframe") else {
        return;
    };
    frame.set_class_name(PRINT_FRAME_CLASS);
    let _ = frame.set_attribute("aria-hidden", "true");
    let _ = frame.set_attribute("tabindex", "-1");
    let _ = frame.set_attribute("title", "print");
    let _ = frame.set_attribute("data-testid", "av-print-frame");
    let _ = frame.set_attribute("src", print_url);
    if let Some(body) = document.body() {
        let _ = body.append_child(&frame);
    }
}

/// In the print view: waits for the article's images and fonts (at most `max_wait_ms`), then prints.
pub fn print_when_ready(max_wait_ms: u32) {
    let start = js_sys::Date::now();
    fn images_ready() -> bool {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return true;
        };
        let Ok(list) = doc.query_selector_all("img") else {
            return true;
        };
        (0..list.length()).all(|i| {
            list.item(i)
                .and_then(|n| n.dyn_into::<web_sys::HtmlImageElement>().ok())
                .is_none_or(|img| img.complete())
        })
    }
    /// Lays the page out (which starts the loads of the fonts it uses), then asks whether a font
    /// is still on its way (`document.fonts.status`), e.g. the reading font of a large-type print.
    fn fonts_ready() -> bool {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return true;
        };
        if let Some(body) = doc.body() {
            let _ = body.offset_height();
        }
        doc.fonts().status() != web_sys::FontFaceSetLoadStatus::Loading
    }
    fn tick(start: f64, max_wait_ms: u32) {
        if (images_ready() && fonts_ready()) || js_sys::Date::now() - start > f64::from(max_wait_ms)
        {
            if let Some(w) = web_sys::window() {
                let _ = w.print();
            }
        } else {
            let callback = wasm_bindgen::closure::Closure::once_into_js(move || {
                tick(start, max_wait_ms);
            });
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                    callback.unchecked_ref(),
                    100,
                );
            }
        }
    }
    tick(start, max_wait_ms);
}
