//! Browser glue: the token in `sessionStorage`, preferences in `localStorage`, the browser's
//! language, page visibility, focus and dates. Every call tolerates a missing API.

use crate::i18n::Lang;
use wasm_bindgen::JsCast;

/// `sessionStorage` key of the moderation token (never `localStorage`).
const TOKEN_KEY: &str = "article-viewer:moderation:token";
/// `localStorage` key of the chosen language.
const LANG_KEY: &str = "article-viewer:moderation:lang";
/// `localStorage` key of the single-key shortcuts switch.
const KEYS_KEY: &str = "article-viewer:moderation:single-keys";

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The token kept for this tab, if any.
pub fn stored_token() -> Option<String> {
    session()?
        .get_item(TOKEN_KEY)
        .ok()
        .flatten()
        .filter(|t| !t.is_empty())
}

/// Keeps the token for this tab (`None` forgets it).
pub fn store_token(token: Option<&str>) {
    if let Some(s) = session() {
        let _ = match token {
            Some(t) => s.set_item(TOKEN_KEY, t),
            None => s.remove_item(TOKEN_KEY),
        };
    }
}

/// The language chosen earlier, else the portal's (`<html lang>` as served), else the browser's.
pub fn initial_lang() -> Lang {
    let chosen = local().and_then(|s| s.get_item(LANG_KEY).ok().flatten());
    let page = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"));
    let browser = web_sys::window().and_then(|w| w.navigator().language());
    Lang::pick(chosen.as_deref(), page.as_deref(), browser.as_deref())
}

/// Remembers the chosen language.
pub fn store_lang(lang: Lang) {
    if let Some(s) = local() {
        let _ = s.set_item(LANG_KEY, lang.tag());
    }
}

/// Whether single-key shortcuts are on (the default).
pub fn single_keys() -> bool {
    local()
        .and_then(|s| s.get_item(KEYS_KEY).ok().flatten())
        .is_none_or(|v| v != "off")
}

/// Remembers the single-key shortcuts switch.
pub fn store_single_keys(on: bool) {
    if let Some(s) = local() {
        let _ = s.set_item(KEYS_KEY, if on { "on" } else { "off" });
    }
}

/// Sets `<html lang>` and the document title.
pub fn set_document_lang(lang: Lang, title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Some(html) = doc.document_element() {
            let _ = html.set_attribute("lang", lang.tag());
        }
        doc.set_title(title);
    }
}

/// True unless the page is hidden (another tab, minimised).
pub fn page_visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_none_or(|d| d.visibility_state() != web_sys::VisibilityState::Hidden)
}

/// Moves focus to the element with this id, if it exists.
pub fn focus_id(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// True if focus is on nothing in particular or inside the element with this id.
pub fn focus_within_or_lost(id: &str) -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    match doc.active_element() {
        None => true,
        Some(active) => {
            doc.body().is_some_and(|b| b.is_same_node(Some(&active)))
                || doc
                    .get_element_by_id(id)
                    .is_some_and(|el| el.contains(Some(&active)))
        }
    }
}

/// `2026-11-28T10:00:00Z` in the moderator's time zone and language.
pub fn local_time(created: &str, lang: Lang) -> String {
    let date = js_sys::Date::new(&created.into());
    if date.get_time().is_nan() {
        return created.to_string();
    }
    String::from(date.to_locale_string(lang.locale(), &wasm_bindgen::JsValue::UNDEFINED))
}

/// True if `target` is a text area or a text input (where letters are typing, not shortcuts).
pub fn is_text_field(target: Option<web_sys::EventTarget>) -> bool {
    use wasm_bindgen::JsCast;
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return false;
    };
    match el.tag_name().to_ascii_lowercase().as_str() {
        "textarea" => true,
        "input" => !matches!(
            el.get_attribute("type").unwrap_or_default().as_str(),
            "checkbox" | "radio" | "button" | "submit"
        ),
        _ => false,
    }
}
