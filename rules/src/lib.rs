//! The comment limits and checks shared by the viewer's comment form and the reference server.
//!
//! One set of rules, compiled into both, so a reader is never told "fine" by the form and then
//! refused by the server. The crate has no dependencies and **no Unicode normalisation tables**
//! (they would grow the viewer's wasm): callers normalise to NFC themselves — the viewer with the
//! browser's `String.prototype.normalize("NFC")`, the server with `unicode-normalization` — and
//! pass NFC text to the checks.
//!
//! The pipeline for every field is:
//!
//! 1. [`clean`]: `\r\n` and lone `\r` become `\n`; control characters (Unicode category Cc,
//!    which includes tab and the C1 controls) and bidirectional formatting characters (the
//!    embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069, and the marks U+200E,
//!    U+200F, U+061C) are removed, except `\n` where newlines are kept (the comment text);
//!    surrounding whitespace is trimmed. So a name that starts with U+202E (right-to-left override)
//!    can no longer turn the text after it around.
//! 2. Normalise the result to NFC (outside this crate).
//! 3. [`check_name`], [`check_email`] or [`check_text`] on the NFC text. Lengths count Unicode
//!    scalar values (Rust `char`s; in JavaScript, code points, not UTF-16 units) **after** NFC,
//!    so Vietnamese typed in decomposed form ("ệ" as e + U+0323 + U+0302) counts the same as
//!    precomposed text. A field whose characters are all whitespace or invisible (zero-width
//!    spaces and joiners, word joiner, soft hyphen, variation selectors, Hangul fillers, tags…,
//!    see [`is_invisible`]) counts as empty.
//!
//! The test vectors in `vectors.json` (next to this crate's `Cargo.toml`) pin these rules down
//! for every implementation that uses them.

#![warn(missing_docs)]

use std::fmt;

/// Longest display name, in characters (after NFC).
pub const MAX_NAME_CHARS: usize = 80;
/// Longest e-mail address, in characters (after NFC).
pub const MAX_EMAIL_CHARS: usize = 254;
/// Longest local part (before the `@`) of an e-mail address, in characters.
pub const MAX_EMAIL_LOCAL_CHARS: usize = 64;
/// Longest label (between dots) of an e-mail domain, in characters.
pub const MAX_DOMAIN_LABEL_CHARS: usize = 63;
/// Longest comment text, in characters (after NFC).
pub const MAX_TEXT_CHARS: usize = 2000;
/// Shortest idempotency key, in bytes (ASCII).
pub const MIN_KEY_LEN: usize = 8;
/// Longest idempotency key, in bytes (ASCII).
pub const MAX_KEY_LEN: usize = 64;

/// Why a field was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleError {
    /// Nothing left after cleaning.
    Empty,
    /// Longer than the limit.
    TooLong {
        /// The limit in characters.
        max: usize,
        /// The length found, in characters.
        actual: usize,
    },
    /// Not of the required form (e-mail syntax, idempotency key alphabet).
    Invalid,
}

impl RuleError {
    /// A short stable code for the outcome, as used in `vectors.json`: `empty`, `too_long`, `invalid`.
    pub fn code(&self) -> &'static str {
        match self {
            RuleError::Empty => "empty",
            RuleError::TooLong { .. } => "too_long",
            RuleError::Invalid => "invalid",
        }
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleError::Empty => f.write_str("the field is empty"),
            RuleError::TooLong { max, actual } => {
                write!(f, "at most {max} characters are allowed (found {actual})")
            }
            RuleError::Invalid => f.write_str("the value is not of the required form"),
        }
    }
}

impl std::error::Error for RuleError {}

/// Step 1 of the pipeline: unifies line breaks, removes control characters and trims.
///
/// With `keep_newlines` (the comment text) `\n` survives; otherwise line breaks are removed too.
/// Normalise the result to NFC before calling a `check_*` function.
pub fn clean(input: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        let c = if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            '\n'
        } else {
            c
        };
        if (!c.is_control() && !is_bidi_control(c)) || (keep_newlines && c == '\n') {
            out.push(c);
        }
    }
    out.trim().to_owned()
}

/// True for the bidirectional formatting characters [`clean`] removes: the embeddings and
/// overrides U+202A–U+202E, the isolates U+2066–U+2069, and the marks LRM, RLM and ALM.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// True for characters that show nothing on their own: format characters such as zero-width
/// space, joiners and word joiner, the soft hyphen, variation selectors, Hangul and Braille
/// blanks, invisible operators, tags, and the bidi controls. They stay in the text (a ZWJ
/// joins emoji, a ZWNJ is needed in some scripts); only a field made of nothing else is empty.
pub fn is_invisible(c: char) -> bool {
    is_bidi_control(c)
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200D}'
                | '\u{2060}'..='\u{2064}'
                | '\u{206A}'..='\u{206F}'
                | '\u{2800}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// True if some character would show: not whitespace, not a control, not [`is_invisible`].
pub fn has_visible(s: &str) -> bool {
    s.chars()
        .any(|c| !c.is_whitespace() && !c.is_control() && !is_invisible(c))
}

/// Length in characters (Unicode scalar values).
pub fn char_count(s: &str) -> usize {
    s.chars().count()
}

/// Checks a length against `1..=max` characters.
fn check_length(s: &str, max: usize) -> Result<(), RuleError> {
    let n = char_count(s);
    if !has_visible(s) {
        Err(RuleError::Empty)
    } else if n > max {
        Err(RuleError::TooLong { max, actual: n })
    } else {
        Ok(())
    }
}

/// Display name: 1 to [`MAX_NAME_CHARS`] characters of cleaned NFC text, at least one visible.
pub fn check_name(nfc: &str) -> Result<(), RuleError> {
    check_length(nfc, MAX_NAME_CHARS)
}

/// Comment text: 1 to [`MAX_TEXT_CHARS`] characters of cleaned NFC text, at least one visible.
pub fn check_text(nfc: &str) -> Result<(), RuleError> {
    check_length(nfc, MAX_TEXT_CHARS)
}

/// E-mail address: at most [`MAX_EMAIL_CHARS`] characters and [`is_valid_email`].
pub fn check_email(nfc: &str) -> Result<(), RuleError> {
    check_length(nfc, MAX_EMAIL_CHARS)?;
    if is_valid_email(nfc) {
        Ok(())
    } else {
        Err(RuleError::Invalid)
    }
}

/// The one e-mail rule: `local@domain.tld`.
///
/// * exactly the last `@` splits local part and domain; the local part is 1–64 characters,
///   neither starts nor ends with `.`, has no `..`, no whitespace and none of `@<>()[]\,;:"`;
/// * the domain has at least two dot-separated labels, each 1–63 letters, digits or hyphens
///   (any script), not starting or ending with `-`;
/// * the last label (the TLD) is at least two letters, or a punycode label `xn--…`.
///
/// So `an@example.c` (one-letter TLD), `an@example` (no dot) and `an@example.c0` are refused.
pub fn is_valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && char_count(local) <= MAX_EMAIL_LOCAL_CHARS
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| !c.is_whitespace() && !is_invisible(c) && !"@<>()[]\\,;:\"".contains(c));
    let mut labels = domain.split('.');
    let label_ok = |l: &str| {
        !l.is_empty()
            && char_count(l) <= MAX_DOMAIN_LABEL_CHARS
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let Some(tld) = domain.rsplit('.').next() else {
        return false;
    };
    let domain_ok = domain.contains('.')
        && labels.all(label_ok)
        && ((char_count(tld) >= 2 && tld.chars().all(char::is_alphabetic))
            || tld.starts_with("xn--"));
    local_ok && domain_ok
}

/// Idempotency key: [`MIN_KEY_LEN`] to [`MAX_KEY_LEN`] characters of `A–Z a–z 0–9 _ -`.
pub fn check_idempotency_key(key: &str) -> Result<(), RuleError> {
    if (MIN_KEY_LEN..=MAX_KEY_LEN).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        Ok(())
    } else {
        Err(RuleError::Invalid)
    }
}

/// Which field a test vector or a check is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The display name.
    Name,
    /// The e-mail address.
    Email,
    /// The comment text.
    Text,
}

impl Field {
    /// Parses the field names used in `vectors.json` (`name`, `email`, `text`).
    pub fn from_name(name: &str) -> Option<Field> {
        match name {
            "name" => Some(Field::Name),
            "email" => Some(Field::Email),
            "text" => Some(Field::Text),
            _ => None,
        }
    }

    /// Whether [`clean`] keeps newlines in this field.
    pub fn keeps_newlines(self) -> bool {
        self == Field::Text
    }

    /// Runs this field's check on cleaned NFC text.
    pub fn check(self, nfc: &str) -> Result<(), RuleError> {
        match self {
            Field::Name => check_name(nfc),
            Field::Email => check_email(nfc),
            Field::Text => check_text(nfc),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_unifies_line_breaks_and_drops_controls() {
        assert_eq!(clean("  a\r\nb\rc\u{0}\u{7}\t ", true), "a\nb\nc");
        assert_eq!(clean("a\nb", false), "ab");
        assert_eq!(clean("\u{85}x\u{9f}", false), "x");
        assert_eq!(clean("\r\r\n", true), "");
    }

    #[test]
    fn bidi_controls_go_and_invisible_only_fields_are_empty() {
        assert_eq!(clean("\u{202E}nimda\u{202C}", false), "nimda");
        assert_eq!(clean("a\u{2067}b\u{2069}\u{200F}", false), "ab");
        assert_eq!(
            check_name("\u{200B}\u{200C}\u{FEFF}"),
            Err(RuleError::Empty)
        );
        assert_eq!(
            check_text("\u{3164}\u{2800} \u{00AD}"),
            Err(RuleError::Empty)
        );
        assert_eq!(check_name("An\u{200B}"), Ok(()));
        // A ZWJ family emoji stays whole.
        assert_eq!(
            clean("\u{1F468}\u{200D}\u{1F469}", false),
            "\u{1F468}\u{200D}\u{1F469}"
        );
        assert_eq!(check_name("\u{1F468}\u{200D}\u{1F469}"), Ok(()));
    }

    #[test]
    fn emails() {
        for good in [
            "a@b.co",
            "first.last+tag@sub.example.vn",
            "x@xn--p1ai.xn--p1ai",
            "ü@bücher.de",
        ] {
            assert!(is_valid_email(good), "{good}");
        }
        for bad in [
            "", "a", "a@b", "@b.co", "a@.co", "a@b.c", "a b@c.de", "a@b..de", "a@-b.de", ".a@b.de",
            "a@b.c0", "a@b.co.",
        ] {
            assert!(!is_valid_email(bad), "{bad}");
        }
    }

    #[test]
    fn lengths_count_scalar_values() {
        assert_eq!(check_text(&"😀".repeat(2000)), Ok(()));
        assert_eq!(
            check_text(&"😀".repeat(2001)),
            Err(RuleError::TooLong {
                max: 2000,
                actual: 2001
            })
        );
        assert_eq!(check_name(""), Err(RuleError::Empty));
        assert_eq!(check_name(&"ầ".repeat(80)), Ok(()));
    }

    #[test]
    fn keys() {
        assert!(check_idempotency_key("abcdefgh").is_ok());
        assert!(check_idempotency_key("short").is_err());
        assert!(check_idempotency_key(&"x".repeat(65)).is_err());
        assert!(check_idempotency_key("has space!").is_err());
    }
}
