//! The JavaScript-facing API of the lazily loaded formats module.

use crate::{Converted, Options};
use wasm_bindgen::prelude::*;

/// Converts a fetched document into the viewer's article JSON.
///
/// Returns `{ format: "wordpress" | "jsonfeed" | "html" | "article", article: string, warnings: string[] }`
/// (`article` is JSON text for the viewer's own parser); throws an `Error` whose message names the
/// field when a required one is missing or wrong. `format` forces a format, `item` picks a feed
/// item, `lang` is the language assumed when the input names none.
#[wasm_bindgen]
pub fn convert(
    text: &str,
    content_type: &str,
    url: &str,
    format: Option<String>,
    item: Option<String>,
    lang: Option<String>,
) -> Result<JsValue, JsError> {
    let opts = Options {
        url,
        content_type,
        format: format.as_deref(),
        item: item.as_deref(),
        lang: lang.as_deref(),
    };
    let Converted {
        format,
        article_json,
        warnings,
    } = crate::convert(text, &opts).map_err(|e| JsError::new(&e.to_string()))?;
    let out = js_sys::Object::new();
    let list = js_sys::Array::new();
    for w in warnings {
        list.push(&JsValue::from_str(&w));
    }
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&out, &JsValue::from_str(k), v);
    set("format", &JsValue::from_str(format.name()))
        .and_then(|_| set("article", &JsValue::from_str(&article_json)))
        .and_then(|_| set("warnings", &list))
        .map_err(|_| JsError::new("could not build the result object"))?;
    Ok(out.into())
}

/// Names the format of a document: `"article"`, `"wordpress"`, `"jsonfeed"` or `"html"`.
#[wasm_bindgen]
pub fn detect(text: &str, content_type: &str) -> String {
    crate::detect(text, content_type).name().to_string()
}
