//! Reads the moderation API's answers into the shared serde types (`article_viewer_wire::moderation`)
//! and writes the request bodies. In the browser the text is parsed by `JSON.parse` and read by
//! `serde-wasm-bindgen`, so the wasm carries no JSON parser; natively (tests) `serde_json` does
//! both. A missing or mistyped field the page needs makes the whole answer unreadable
//! ([`WireError`]); a wrong optional one is left out with a console warning naming it.

use crate::audit::AuditRow;
use article_viewer_wire::moderation::{AuditList, Me, ModerationList};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The answer is not the expected JSON (the parser's or serde's message, naming a missing field).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the answer could not be read: {0}")]
pub struct WireError(pub String);

/// Parses JSON text as a typed value.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, WireError> {
    article_viewer_wire::json::from_str(text).map_err(WireError)
}

/// Writes a value as JSON text (`None` fields as the type's serde attributes say).
pub fn to_string<T: Serialize>(value: &T) -> String {
    article_viewer_wire::json::to_string(value)
}

/// Says in the console which lenient fields were left out.
fn warn_invalid(fields: &[String]) {
    if !fields.is_empty() {
        leptos::logging::warn!("[moderation] left out, wrong type: {}", fields.join(", "));
    }
}

/// The page of `GET /api/moderation/comments`.
pub fn page(text: &str) -> Result<ModerationList, WireError> {
    let list: ModerationList = from_str(text)?;
    warn_invalid(&list.invalid_fields());
    Ok(list)
}

/// Who signed in, from `GET /api/moderation/me`: (name, shared token?).
pub fn me(text: &str) -> Result<(String, bool), WireError> {
    let me: Me = from_str(text)?;
    if me.shared.is_invalid() {
        warn_invalid(&["shared".to_owned()]);
    }
    let shared = me.is_shared();
    Ok((me.name, shared))
}

/// The entries of `GET /api/moderation/audit`, newest first.
pub fn audit(text: &str) -> Result<Vec<AuditRow>, WireError> {
    from_str::<AuditList>(text).map(|list| list.items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use article_viewer_wire::comments::Status;

    #[test]
    fn the_servers_answer_is_read_with_titles_parents_and_counts() {
        let p = page(
            r#"{"total":2,"page":1,"per_page":100,"counts":{"pending":2,"published":7,"rejected":1},
            "items":[
              {"id":12,"article_id":"a","parent_id":null,"author_name":"An","author_email":"an@example.vn",
               "created":"2026-11-28T10:00:00Z","text":"<b>x</b>","status":"pending","author_role":"reader",
               "moderated":null,"article_title":"Tết","article_url":"https://portal.example/a.html","parent":null},
              {"id":13,"article_id":"a","parent_id":12,"author_name":"Bình","author_email":"b@example.vn",
               "created":"2026-11-28T10:01:00Z","text":"reply","status":"pending","author_role":"reader",
               "moderated":null,"article_title":null,"article_url":null,
               "parent":{"id":12,"author_name":"An","text":"gốc","status":"published"},"extra":true}]}"#,
        )
        .expect("a valid answer");
        assert_eq!(p.total, 2);
        assert_eq!(p.counts().published, 7);
        assert_eq!(p.items[0].article_title.as_deref(), Some("Tết"));
        assert_eq!(p.items[0].comment.text, "<b>x</b>");
        assert_eq!(p.items[1].article_title.as_deref(), None);
        let parent = p.items[1].parent.as_ref().expect("a parent");
        assert_eq!(parent.id, 12);
        assert!(parent.is_published());
    }

    #[test]
    fn a_missing_field_the_page_needs_makes_the_answer_unreadable() {
        let e = page(r#"{"total":0}"#).unwrap_err();
        assert!(e.0.contains("items"), "{e}");
        assert!(page(r#"{"total":1,"items":[{"id":"1"}]}"#).is_err());
        let e = page(
            r#"{"total":1,"items":[{"id":1,"article_id":"a","author_name":"A","created":"t","status":"pending"}]}"#,
        )
        .unwrap_err();
        assert!(e.0.contains("text"), "{e}");
        assert!(page(r#"{"total":-1,"items":[]}"#).is_err());
        assert!(page("<html>").is_err());
    }

    #[test]
    fn a_wrong_optional_field_is_left_out() {
        let p = page(
            r#"{"total":1,"counts":"x","items":[{"id":1,"article_id":"a","author_name":"A","author_email":7,
               "created":"t","text":"x","status":"pending","article_url":["no"],
               "parent":{"id":0,"author_name":"B","text":"y","status":9}}]}"#,
        )
        .expect("readable");
        assert_eq!(p.counts().pending, 0);
        assert_eq!(p.items[0].article_url.as_deref(), None);
        assert_eq!(p.items[0].comment.author_email.as_deref(), None);
        assert!(!p.items[0].parent.as_ref().unwrap().is_published());
        assert_eq!(
            p.items[0].parent.as_ref().unwrap().status.valid(),
            None::<&Status>
        );
    }

    #[test]
    fn who_signed_in() {
        assert_eq!(
            me(r#"{"name":"Lan","shared":false,"editor_name":"Ban biên tập"}"#),
            Ok(("Lan".into(), false))
        );
        assert_eq!(
            me(r#"{"name":"admin","shared":true}"#),
            Ok(("admin".into(), true))
        );
        assert_eq!(me(r#"{"name":"x","shared":1}"#), Ok(("x".into(), false)));
        assert!(me(r#"{"shared":true}"#).is_err());
    }
}
