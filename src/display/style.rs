//! The panel's own stylesheet (`style/panel.css`), adopted by the document or shadow root the
//! panel is mounted in: it loads with this part, so the viewer's critical stylesheet stays small.

use js_sys::{Array, Reflect};
use std::cell::OnceCell;
use wasm_bindgen::JsValue;

/// The panel's styles, compiled into this part.
const CSS: &str = include_str!("../../style/panel.css");

thread_local! {
    /// One constructable stylesheet for the page, shared by every root that shows a panel.
    static SHEET: OnceCell<Option<web_sys::CssStyleSheet>> = const { OnceCell::new() };
}

/// Adds the panel's stylesheet to the root (document or shadow root) holding `container`, once
/// per root; without constructable stylesheets the panel keeps the viewer's styles alone.
pub fn adopt(container: &web_sys::Node) {
    let Some(sheet) = SHEET.with(|cell| {
        cell.get_or_init(|| {
            let sheet = web_sys::CssStyleSheet::new().ok()?;
            sheet.replace_sync(CSS).ok()?;
            Some(sheet)
        })
        .clone()
    }) else {
        return;
    };
    let root: JsValue = container.get_root_node().into();
    let key = JsValue::from_str("adoptedStyleSheets");
    let Ok(current) = Reflect::get(&root, &key) else {
        return;
    };
    if current.is_undefined() {
        return;
    }
    let sheets = Array::from(&current);
    if !sheets.includes(&sheet, 0) {
        sheets.push(&sheet);
        let _ = Reflect::set(&root, &key, &sheets);
    }
}
