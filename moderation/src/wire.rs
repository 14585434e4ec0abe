//! Reads the moderation list from the JSON the server sends. The browser parses it
//! (`JSON.parse`); this module only picks the fields, so the wasm carries no JSON parser.
//! A missing required field makes the whole answer unreadable ([`WireError`]).

use crate::audit::AuditRow;
use crate::model::{Counts, Item, Page, Parent, Status};
use js_sys::{Array, Reflect};
use wasm_bindgen::JsValue;

/// The answer is not the expected JSON (names the first field that is missing or mistyped).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("field `{0}` is missing or has the wrong type")]
pub struct WireError(pub &'static str);

fn get(obj: &JsValue, name: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn text(obj: &JsValue, name: &'static str) -> Result<String, WireError> {
    get(obj, name).as_string().ok_or(WireError(name))
}

fn optional_text(obj: &JsValue, name: &str) -> Option<String> {
    get(obj, name).as_string()
}

fn number(obj: &JsValue, name: &'static str) -> Result<f64, WireError> {
    get(obj, name)
        .as_f64()
        .filter(|n| n.is_finite() && n.fract() == 0.0 && *n >= 0.0)
        .ok_or(WireError(name))
}

fn id(obj: &JsValue, name: &'static str) -> Result<i64, WireError> {
    number(obj, name).map(|n| n as i64)
}

fn count(obj: &JsValue, name: &'static str) -> Result<u64, WireError> {
    number(obj, name).map(|n| n as u64)
}

fn parent(obj: &JsValue) -> Result<Option<Parent>, WireError> {
    let p = get(obj, "parent");
    if p.is_null() || p.is_undefined() {
        return Ok(None);
    }
    Ok(Some(Parent {
        id: id(&p, "id")?,
        author_name: text(&p, "author_name")?,
        text: text(&p, "text")?,
        status: optional_text(&p, "status")
            .and_then(|s| Status::parse(&s))
            .unwrap_or_default(),
    }))
}

fn item(obj: &JsValue) -> Result<Item, WireError> {
    Ok(Item {
        id: id(obj, "id")?,
        article_id: text(obj, "article_id")?,
        article_title: optional_text(obj, "article_title"),
        article_url: optional_text(obj, "article_url"),
        parent: parent(obj)?,
        author_name: text(obj, "author_name")?,
        author_email: optional_text(obj, "author_email").unwrap_or_default(),
        created: text(obj, "created")?,
        text: text(obj, "text")?,
    })
}

/// The page of `GET /api/moderation/comments`, from the parsed JSON.
pub fn page(json: &JsValue) -> Result<Page, WireError> {
    let counts = get(json, "counts");
    let counts = if counts.is_object() {
        Counts {
            pending: count(&counts, "pending")?,
            published: count(&counts, "published")?,
            rejected: count(&counts, "rejected")?,
        }
    } else {
        Counts::default()
    };
    let items = get(json, "items");
    if !Array::is_array(&items) {
        return Err(WireError("items"));
    }
    let items = Array::from(&items)
        .iter()
        .map(|v| item(&v))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page {
        total: count(json, "total")?,
        counts,
        items,
    })
}

/// Who signed in, from `GET /api/moderation/me`: (name, shared token?).
pub fn me(json: &JsValue) -> Result<(String, bool), WireError> {
    Ok((
        text(json, "name")?,
        get(json, "shared").as_bool().unwrap_or(false),
    ))
}

fn audit_row(obj: &JsValue) -> Result<AuditRow, WireError> {
    let before = get(obj, "before");
    let after = get(obj, "after");
    let snap = |name: &str| optional_text(&before, name).or_else(|| optional_text(&after, name));
    Ok(AuditRow {
        id: id(obj, "id")?,
        at: text(obj, "at")?,
        moderator: text(obj, "moderator")?,
        action: text(obj, "action")?,
        comment_id: id(obj, "comment_id")?,
        before_status: optional_text(&before, "status"),
        after_status: optional_text(&after, "status"),
        author_name: snap("author_name"),
        parent_id: get(&after, "parent_id")
            .as_f64()
            .filter(|n| n.is_finite() && n.fract() == 0.0)
            .map(|n| n as i64),
    })
}

/// The entries of `GET /api/moderation/audit`, newest first.
pub fn audit(json: &JsValue) -> Result<Vec<AuditRow>, WireError> {
    let items = get(json, "items");
    if !Array::is_array(&items) {
        return Err(WireError("items"));
    }
    Array::from(&items).iter().map(|v| audit_row(&v)).collect()
}
