//! This part's stylesheet (`style.css`), adopted by the document or shadow root that holds the
//! viewer as a constructable stylesheet: no `<style>` element, so `style-src 'self'` is enough,
//! and nothing of it reaches a host page around a shadow root.

use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};

const CSS: &str = include_str!("style.css");

thread_local! {
    static SHEET: Option<web_sys::CssStyleSheet> = {
        let sheet = web_sys::CssStyleSheet::new().ok();
        if let Some(s) = &sheet {
            let _ = s.replace_sync(CSS);
        }
        sheet
    };
}

/// Adds the stylesheet to the root (document or shadow root) holding `el`, once per root.
pub fn adopt(el: &web_sys::Element) {
    let root: JsValue = el.get_root_node().into();
    let key = JsValue::from_str("adoptedStyleSheets");
    SHEET.with(|sheet| {
        let Some(sheet) = sheet else { return };
        let Some(list) = Reflect::get(&root, &key)
            .ok()
            .and_then(|l| l.dyn_into::<Array>().ok())
        else {
            return;
        };
        if list.includes(sheet, 0) {
            return;
        }
        // A new array: some browsers do not let the adopted list be changed in place.
        let list = Array::from(&list);
        list.push(sheet);
        let _ = Reflect::set(&root, &key, &list);
    });
}
