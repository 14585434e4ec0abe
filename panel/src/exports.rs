//! What the viewer calls when it loads this part: mount the panel's content, and unmount it
//! (dropping the handle removes its listeners).

use crate::display::DisplaySettings;
use article_viewer::i18n::UiLang;
use js_sys::Reflect;
use std::any::Any;
use wasm_bindgen::prelude::*;

/// Runs when this module starts: a panic logs its message before the module stops.
#[wasm_bindgen(start)]
pub fn start_panel() {
    console_error_panic_hook::set_once();
}

/// A mounted panel; `free()` unmounts it.
#[wasm_bindgen]
pub struct PanelHandle {
    _mounted: Box<dyn Any>,
}

fn text(options: &JsValue, key: &str) -> String {
    Reflect::get(options, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Mounts the panel's content into `container`; `options` is `{ lang, idPrefix, printUrl }`.
#[wasm_bindgen(js_name = mountPanel)]
pub fn mount_panel(container: web_sys::HtmlElement, options: JsValue) -> PanelHandle {
    let lang = UiLang::from_tag(&text(&options, "lang"));
    let id_prefix = text(&options, "idPrefix");
    let print_url = text(&options, "printUrl");
    crate::style::adopt(&container);
    let mounted = leptos::mount::mount_to(container, move || {
        leptos::view! { <DisplaySettings lang id_prefix print_url /> }
    });
    PanelHandle {
        _mounted: Box::new(mounted),
    }
}
