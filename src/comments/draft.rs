//! The comment form's content: what the reader typed, its checks, and how it is kept.

use crate::json;

use article_viewer_rules::RuleError;
pub use article_viewer_rules::{MAX_EMAIL_CHARS, MAX_NAME_CHARS, MAX_TEXT_CHARS};

/// `s` in Unicode normalisation form C: in the browser through `String.prototype.normalize` (no
/// tables in the wasm), natively through `unicode-normalization` (for the tests).
pub fn nfc(s: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(s).normalize("NFC"))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use unicode_normalization::UnicodeNormalization;
        s.nfc().collect()
    }
}

/// A field as the server will see it: cleaned (controls removed, newlines kept in the text) and in
/// NFC, so "ệ" typed as e + U+0323 + U+0302 counts as one character, as the server counts it.
pub fn as_sent(field: Field, value: &str) -> String {
    nfc(&article_viewer_rules::clean(value, field == Field::Text))
}

/// What the reader typed, kept per article while typing and after a failed post (stored as
/// `{"name", "email", "text", "parent_id", "parent_name", "key"}`; a missing field is empty).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Draft {
    /// Name.
    pub name: String,
    /// E-mail address.
    pub email: String,
    /// Comment text.
    pub text: String,
    /// The comment being answered.
    pub parent_id: Option<i64>,
    /// The name of the comment's author being answered (shown in the form).
    pub parent_name: Option<String>,
    /// Idempotency key of the last attempt to post this very text (kept across retries).
    pub key: Option<String>,
}

/// A form field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// The name input.
    Name,
    /// The e-mail input.
    Email,
    /// The comment textarea.
    Text,
    /// The reply target.
    Parent,
}

impl Field {
    /// The server's name for the field.
    pub fn from_server(key: &str) -> Option<Field> {
        match key {
            "author_name" => Some(Field::Name),
            "author_email" => Some(Field::Email),
            "text" => Some(Field::Text),
            "parent_id" => Some(Field::Parent),
            _ => None,
        }
    }
}

/// Why a field is not ready to send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Empty.
    Missing,
    /// Longer than allowed.
    TooLong,
    /// Not an e-mail address.
    BadEmail,
    /// Refused by the server for another reason.
    Refused,
}

impl Problem {
    fn from_rule(e: RuleError) -> Problem {
        match e {
            RuleError::Empty => Problem::Missing,
            RuleError::TooLong { .. } => Problem::TooLong,
            RuleError::Invalid => Problem::BadEmail,
        }
    }
}

impl Draft {
    /// Checks the fields with the server's own rules (`rules/`) on what will be sent; empty when
    /// the draft can be sent.
    pub fn check(&self) -> Vec<(Field, Problem)> {
        use article_viewer_rules::{check_email, check_name, check_text};
        [
            (Field::Name, check_name(&as_sent(Field::Name, &self.name))),
            (
                Field::Email,
                check_email(&as_sent(Field::Email, &self.email)),
            ),
            (Field::Text, check_text(&as_sent(Field::Text, &self.text))),
        ]
        .into_iter()
        .filter_map(|(f, r)| r.err().map(|e| (f, Problem::from_rule(e))))
        .collect()
    }

    /// Characters left for the text (negative when over), counted as the server counts them.
    pub fn chars_left(&self) -> i64 {
        let used = as_sent(Field::Text, &self.text).chars().count();
        MAX_TEXT_CHARS as i64 - used as i64
    }

    /// Whether nothing worth keeping was typed.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.parent_id.is_none()
    }

    /// The stored form (JSON).
    pub fn encode(&self) -> String {
        json::to_string(self)
    }

    /// Reads a stored draft; garbage gives an empty draft.
    pub fn decode(s: &str) -> Draft {
        json::from_str(s).unwrap_or_default()
    }

    /// The draft after a successful post: the name and e-mail stay for the next comment.
    pub fn after_post(&self) -> Draft {
        Draft {
            name: self.name.clone(),
            email: self.email.clone(),
            ..Draft::default()
        }
    }
}

/// Storage key of the draft for an article.
pub fn storage_key(article_id: &str) -> String {
    format!("article-viewer:draft:{article_id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok() -> Draft {
        Draft {
            name: "Nguyễn Văn An".into(),
            email: "an@example.vn".into(),
            text: "Bài viết hay.".into(),
            ..Draft::default()
        }
    }

    #[test]
    fn a_complete_draft_passes() {
        assert!(ok().check().is_empty());
    }

    #[test]
    fn reports_each_missing_field() {
        let d = Draft::default();
        assert_eq!(
            d.check(),
            vec![
                (Field::Name, Problem::Missing),
                (Field::Email, Problem::Missing),
                (Field::Text, Problem::Missing)
            ]
        );
    }

    #[test]
    fn counts_characters_not_bytes() {
        let mut d = ok();
        d.text = "😀".repeat(MAX_TEXT_CHARS);
        assert!(d.check().is_empty());
        assert_eq!(d.chars_left(), 0);
        d.text.push('ạ');
        assert_eq!(d.check(), vec![(Field::Text, Problem::TooLong)]);
        assert_eq!(d.chars_left(), -1);
    }

    #[test]
    fn checks_email_shape_as_the_server_does() {
        let email = |e: &str| Draft {
            email: e.into(),
            ..ok()
        };
        for bad in [
            "an",
            "an@",
            "@x.vn",
            "an@x",
            "a n@x.vn",
            "a@b@c.vn",
            "an@x..vn",
            "an@example.c",
        ] {
            assert_eq!(
                email(bad).check(),
                vec![(Field::Email, Problem::BadEmail)],
                "{bad}"
            );
        }
        for good in ["an@example.vn", "a.b+c@sub.example.com", " an@x.vn "] {
            assert!(email(good).check().is_empty(), "{good}");
        }
    }

    #[test]
    fn decomposed_vietnamese_counts_as_composed() {
        let mut d = ok();
        // "ệ" typed as e + U+0323 + U+0302 (Unikey's "Unicode tổ hợp"): 3 code points, 1 after NFC.
        d.text = "e\u{323}\u{302}".repeat(MAX_TEXT_CHARS);
        assert!(d.check().is_empty());
        assert_eq!(d.chars_left(), 0);
        d.text.push('x');
        assert_eq!(d.check(), vec![(Field::Text, Problem::TooLong)]);
    }

    /// The shared vectors (`rules/vectors.json`), with NFC as the viewer does it.
    #[test]
    fn the_shared_rule_vectors_hold() {
        let doc: serde_json::Value =
            serde_json::from_str(include_str!("../../rules/vectors.json")).unwrap();
        let vectors = doc["vectors"].as_array().unwrap();
        assert!(vectors.len() > 30);
        for v in vectors {
            let input = v["input"]
                .as_str()
                .unwrap()
                .repeat(v["repeat"].as_u64().unwrap_or(1) as usize);
            let field = match v["field"].as_str().unwrap() {
                "name" => Field::Name,
                "email" => Field::Email,
                "text" => Field::Text,
                _ => continue,
            };
            let mut d = ok();
            match field {
                Field::Name => d.name = input,
                Field::Email => d.email = input,
                _ => d.text = input,
            }
            let got = match d.check().iter().find(|(f, _)| *f == field) {
                None => "ok",
                Some((_, Problem::Missing)) => "empty",
                Some((_, Problem::TooLong)) => "too_long",
                Some((_, _)) => "invalid",
            };
            assert_eq!(got, v["expect_nfc"].as_str().unwrap(), "{}", v["name"]);
        }
    }

    #[test]
    fn round_trips_and_survives_garbage() {
        let mut d = ok();
        d.parent_id = Some(12);
        d.key = Some("k123456789".into());
        assert_eq!(Draft::decode(&d.encode()), d);
        assert_eq!(Draft::decode("{not json"), Draft::default());
        assert_eq!(Draft::decode(r#"{"text": 5}"#), Draft::default());
        assert_eq!(Draft::decode(r#"{"text": "x"}"#).text, "x");
    }

    #[test]
    fn keeps_name_and_email_after_posting() {
        let next = ok().after_post();
        assert_eq!(next.name, "Nguyễn Văn An");
        assert!(next.text.is_empty() && next.key.is_none());
    }

    #[test]
    fn maps_server_fields() {
        assert_eq!(Field::from_server("author_email"), Some(Field::Email));
        assert_eq!(Field::from_server("website"), None);
    }
}
