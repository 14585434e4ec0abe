//! The comment form's content: what the reader typed, its checks, and how it is kept.

use article_viewer::json::{self, object, Field as JsonField, Obj};

/// Longest comment, in characters (Unicode scalar values), as the server counts them.
pub const MAX_TEXT_CHARS: usize = 2000;
/// Longest name, in characters.
pub const MAX_NAME_CHARS: usize = 80;
/// Longest e-mail address, in characters.
pub const MAX_EMAIL_CHARS: usize = 254;

/// What the reader typed, kept per article while typing and after a failed post.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
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

/// Characters in `s` as the server counts them.
pub fn char_count(s: &str) -> usize {
    s.trim().chars().count()
}

/// A plausible e-mail address: one `@`, something before it, a dotted domain after it, no spaces.
pub fn plausible_email(s: &str) -> bool {
    let s = s.trim();
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.len() <= 64
        && !domain.contains('@')
        && !s.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|label| !label.is_empty())
}

impl Draft {
    /// Checks the fields the way the server will; empty when the draft can be sent.
    pub fn check(&self) -> Vec<(Field, Problem)> {
        let mut out = Vec::new();
        let name = char_count(&self.name);
        if name == 0 {
            out.push((Field::Name, Problem::Missing));
        } else if name > MAX_NAME_CHARS {
            out.push((Field::Name, Problem::TooLong));
        }
        if self.email.trim().is_empty() {
            out.push((Field::Email, Problem::Missing));
        } else if char_count(&self.email) > MAX_EMAIL_CHARS || !plausible_email(&self.email) {
            out.push((Field::Email, Problem::BadEmail));
        }
        let text = char_count(&self.text);
        if text == 0 {
            out.push((Field::Text, Problem::Missing));
        } else if text > MAX_TEXT_CHARS {
            out.push((Field::Text, Problem::TooLong));
        }
        out
    }

    /// Characters left for the text (negative when over).
    pub fn chars_left(&self) -> i64 {
        MAX_TEXT_CHARS as i64 - self.text.chars().count() as i64
    }

    /// Whether nothing worth keeping was typed.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.parent_id.is_none()
    }

    /// The stored form (JSON).
    pub fn encode(&self) -> String {
        fn opt(s: &Option<String>) -> JsonField<'_> {
            s.as_deref().map_or(JsonField::Null, JsonField::Str)
        }
        object(&[
            ("name", JsonField::Str(&self.name)),
            ("email", JsonField::Str(&self.email)),
            ("text", JsonField::Str(&self.text)),
            (
                "parent_id",
                self.parent_id.map_or(JsonField::Null, JsonField::Int),
            ),
            ("parent_name", opt(&self.parent_name)),
            ("key", opt(&self.key)),
        ])
    }

    /// Reads a stored draft; garbage gives an empty draft.
    pub fn decode(s: &str) -> Draft {
        let read = || -> Option<Draft> {
            let v = json::parse(s).ok()?;
            let o = Obj::new(json::root(&v), "").ok()?;
            Some(Draft {
                name: o.opt_str("name").ok()?.unwrap_or_default(),
                email: o.opt_str("email").ok()?.unwrap_or_default(),
                text: o.opt_str("text").ok()?.unwrap_or_default(),
                parent_id: o.opt_i64("parent_id").ok()?,
                parent_name: o.opt_str("parent_name").ok()?,
                key: o.opt_str("key").ok()?,
            })
        };
        read().unwrap_or_default()
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
    fn checks_email_shape() {
        for bad in [
            "an", "an@", "@x.vn", "an@x", "a n@x.vn", "a@b@c.vn", "an@x..vn",
        ] {
            assert!(!plausible_email(bad), "{bad}");
        }
        for good in ["an@example.vn", "a.b+c@sub.example.com", " an@x.vn "] {
            assert!(plausible_email(good), "{good}");
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
