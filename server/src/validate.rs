//! Normalisation and validation of submitted comments.
//!
//! Every text field: `\r\n` and lone `\r` become `\n`, control characters are
//! removed (only `\n` survives, and only in the comment text), the result is
//! normalised to Unicode NFC and trimmed. Lengths count Unicode scalar values
//! after that. Nothing else is changed: markup, SQL-like text and emoji are
//! stored exactly as sent.

use std::collections::BTreeMap;

use article_viewer_rules::{self as rules, RuleError};
use article_viewer_wire::Lenient;
use unicode_normalization::UnicodeNormalization;

pub use rules::{MAX_EMAIL_CHARS, MAX_KEY_LEN, MAX_NAME_CHARS, MAX_TEXT_CHARS, MIN_KEY_LEN};

/// Field name → message a reader understands; serialised as the `errors` object.
pub type FieldErrors = BTreeMap<&'static str, String>;

/// The JSON body of `POST …/comments` (the shared wire type), every field still lenient so each
/// can be reported on.
pub type RawSubmission = article_viewer_wire::comments::NewComment;

/// A submission whose fields are all well-formed (the parent is checked later, against the database).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    /// Normalised display name.
    pub author_name: String,
    /// Normalised e-mail address.
    pub author_email: String,
    /// Normalised comment text.
    pub text: String,
    /// Comment replied to.
    pub parent_id: Option<i64>,
    /// Idempotency key.
    pub idempotency_key: String,
    /// True when the honeypot field was filled in.
    pub honeypot_filled: bool,
    /// Time spent on the form, in milliseconds.
    pub elapsed_ms: u64,
}

/// Normalises one field: line breaks, control characters and trimming (the shared
/// [`rules::clean`]), then NFC.
pub fn normalize(input: &str, keep_newlines: bool) -> String {
    rules::clean(input, keep_newlines).nfc().collect()
}

/// True if a reader's `name` reads as the editorial office's `editor_name` (ignoring case,
/// spacing and invisible characters): readers cannot sign as the editors.
pub fn is_reserved_name(name: &str, editor_name: &str) -> bool {
    let fold = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && !rules::is_invisible(*c))
            .flat_map(char::to_lowercase)
            .collect::<String>()
            .nfc()
            .collect()
    };
    !editor_name.trim().is_empty() && fold(name) == fold(editor_name)
}

/// Checks `local@domain.tld` syntax (the shared rule, [`rules::is_valid_email`]).
pub fn is_plausible_email(email: &str) -> bool {
    rules::is_valid_email(email)
}

/// Reads a JSON string field; `None` if missing or null, `Err` if of another type.
fn string_field(v: &Lenient<String>) -> Result<Option<&str>, ()> {
    match v {
        Lenient::Absent => Ok(None),
        Lenient::Valid(s) => Ok(Some(s)),
        Lenient::Invalid => Err(()),
    }
}

/// Validates a raw submission; returns the normalised fields or every failing field.
pub fn validate(raw: &RawSubmission) -> Result<Submission, FieldErrors> {
    let mut errors = FieldErrors::new();

    let author_name = match string_field(&raw.author_name) {
        Err(()) => {
            errors.insert("author_name", "Your name must be text.".into());
            String::new()
        }
        Ok(s) => {
            let name = normalize(s.unwrap_or(""), false);
            match rules::check_name(&name) {
                Ok(()) => {}
                Err(RuleError::TooLong { max, actual }) => {
                    errors.insert(
                        "author_name",
                        format!(
                            "Your name can be at most {max} characters long (it has {actual})."
                        ),
                    );
                }
                Err(_) if !name.is_empty() => {
                    errors.insert(
                        "author_name",
                        "Your name has no visible letters. Please enter your name.".into(),
                    );
                }
                Err(_) => {
                    errors.insert("author_name", "Please enter your name.".into());
                }
            }
            name
        }
    };

    let author_email = match string_field(&raw.author_email) {
        Err(()) => {
            errors.insert("author_email", "Your e-mail address must be text.".into());
            String::new()
        }
        Ok(s) => {
            let email = normalize(s.unwrap_or(""), false);
            match rules::check_email(&email) {
                Ok(()) => {}
                Err(RuleError::Empty) => {
                    errors.insert("author_email", "Please enter your e-mail address.".into());
                }
                Err(RuleError::TooLong { max, .. }) => {
                    errors.insert(
                        "author_email",
                        format!("Your e-mail address can be at most {max} characters long."),
                    );
                }
                Err(RuleError::Invalid) => {
                    errors.insert(
                        "author_email",
                        "Please enter a valid e-mail address, such as name@example.com.".into(),
                    );
                }
            }
            email
        }
    };

    let text = match string_field(&raw.text) {
        Err(()) => {
            errors.insert("text", "Your comment must be text.".into());
            String::new()
        }
        Ok(s) => {
            let text = normalize(s.unwrap_or(""), true);
            match rules::check_text(&text) {
                Ok(()) => {}
                Err(RuleError::TooLong { max, actual }) => {
                    errors.insert(
                        "text",
                        format!(
                            "Your comment can be at most {max} characters long (it has {actual})."
                        ),
                    );
                }
                Err(_) if !text.is_empty() => {
                    errors.insert(
                        "text",
                        "Your comment has no visible letters. Please write a comment.".into(),
                    );
                }
                Err(_) => {
                    errors.insert("text", "Please write a comment.".into());
                }
            }
            text
        }
    };

    let parent_id = match raw.parent_id {
        Lenient::Absent => None,
        Lenient::Valid(id) if id > 0 => Some(id),
        Lenient::Valid(_) => {
            errors.insert(
                "parent_id",
                "The comment you are replying to does not exist.".into(),
            );
            None
        }
        Lenient::Invalid => {
            errors.insert(
                "parent_id",
                "parent_id must be a comment id or null.".into(),
            );
            None
        }
    };

    let idempotency_key = match string_field(&raw.idempotency_key) {
        Ok(Some(k)) if rules::check_idempotency_key(k).is_ok() => k.to_owned(),
        _ => {
            errors.insert(
                "idempotency_key",
                format!(
                    "idempotency_key must be {MIN_KEY_LEN} to {MAX_KEY_LEN} letters, digits, '-' or '_'."
                ),
            );
            String::new()
        }
    };

    let honeypot_filled = match &raw.website {
        Lenient::Absent => false,
        Lenient::Valid(s) => !s.trim().is_empty(),
        Lenient::Invalid => true,
    };

    let elapsed_ms = match raw.elapsed_ms {
        Lenient::Valid(f) if f >= 0.0 && f.is_finite() => f as u64,
        _ => {
            errors.insert(
                "elapsed_ms",
                "elapsed_ms must be a number of 0 or more.".into(),
            );
            0
        }
    };

    if errors.is_empty() {
        Ok(Submission {
            author_name,
            author_email,
            text,
            parent_id,
            idempotency_key,
            honeypot_filled,
            elapsed_ms,
        })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn raw(v: Value) -> RawSubmission {
        serde_json::from_value(v).unwrap()
    }

    fn ok_body() -> Value {
        json!({
            "author_name": "Lan", "author_email": "lan@example.vn", "text": "Hay quá",
            "idempotency_key": "abcdefgh", "website": "", "elapsed_ms": 5000
        })
    }

    #[test]
    fn normalises_fields() {
        assert_eq!(normalize("  a\r\nb\rc\u{0}\u{7}\t ", true), "a\nb\nc");
        assert_eq!(normalize("a\nb", false), "ab");
        // "e" + combining acute accent becomes the single precomposed "é".
        assert_eq!(normalize("Le\u{301}", false), "L\u{e9}");
        assert_eq!(normalize("\u{85}x\u{9f}", false), "x");
    }

    #[test]
    fn emails() {
        for good in [
            "a@b.co",
            "first.last+tag@sub.example.vn",
            "x@xn--p1ai.xn--p1ai",
            "ü@bücher.de",
        ] {
            assert!(is_plausible_email(good), "{good}");
        }
        for bad in [
            "", "a", "a@b", "@b.co", "a@.co", "a@b.c", "a b@c.de", "a@b..de", "a@-b.de", ".a@b.de",
            "a@b.c0",
        ] {
            assert!(!is_plausible_email(bad), "{bad}");
        }
    }

    #[test]
    fn accepts_good_body() {
        let s = validate(&raw(ok_body())).unwrap();
        assert_eq!(s.author_name, "Lan");
        assert!(!s.honeypot_filled);
        assert_eq!(s.elapsed_ms, 5000);
    }

    #[test]
    fn reports_every_failing_field() {
        let e = validate(&raw(
            json!({"author_name": " ", "author_email": "nope", "text": 3,
            "parent_id": "x", "idempotency_key": "short"}),
        ))
        .unwrap_err();
        let keys: Vec<_> = e.keys().copied().collect();
        assert_eq!(
            keys,
            [
                "author_email",
                "author_name",
                "elapsed_ms",
                "idempotency_key",
                "parent_id",
                "text"
            ]
        );
    }

    #[test]
    fn readers_cannot_sign_as_the_editors() {
        for name in [
            "Ban biên tập",
            "BAN BIÊN TẬP",
            "Ban  bie\u{302}n ta\u{323}\u{302}p",
            "Ban\u{200b} biên tập",
        ] {
            assert!(is_reserved_name(name, "Ban biên tập"), "{name}");
        }
        assert!(!is_reserved_name("Ban biên tập viên", "Ban biên tập"));
        assert!(!is_reserved_name("An", ""));
    }

    #[test]
    fn invisible_only_fields_are_refused_with_a_sentence() {
        let mut b = ok_body();
        b["author_name"] = Value::String("\u{200b}\u{200d}".into());
        b["text"] = Value::String("\u{feff}".into());
        let e = validate(&raw(b)).unwrap_err();
        assert!(e["author_name"].contains("no visible"), "{e:?}");
        assert!(e["text"].contains("no visible"), "{e:?}");
    }

    #[test]
    fn counts_scalar_values() {
        let mut b = ok_body();
        b["text"] = Value::String("😀".repeat(2000));
        assert!(validate(&raw(b.clone())).is_ok());
        b["text"] = Value::String("😀".repeat(2001));
        assert!(validate(&raw(b)).unwrap_err().contains_key("text"));
    }

    /// The shared vectors of the rules crate, run through the server's own validation.
    #[test]
    fn shared_rule_vectors() {
        let doc: Value = serde_json::from_str(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../rules/vectors.json"
        )))
        .unwrap();
        let vectors = doc["vectors"].as_array().unwrap();
        assert!(vectors.len() >= 40);
        for v in vectors {
            let input = v["input"]
                .as_str()
                .unwrap()
                .repeat(v["repeat"].as_u64().unwrap_or(1) as usize);
            let field = match v["field"].as_str().unwrap() {
                "name" => "author_name",
                "email" => "author_email",
                _ => "text",
            };
            let mut b = ok_body();
            b[field] = Value::String(input);
            let accepted = match validate(&raw(b)) {
                Ok(_) => true,
                Err(e) => {
                    assert!(e.contains_key(field), "{}: {e:?}", v["name"]);
                    false
                }
            };
            assert_eq!(accepted, v["expect_nfc"] == "ok", "{}", v["name"]);
        }
    }
}
