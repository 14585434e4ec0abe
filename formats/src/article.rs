//! The viewer's own article (docs/article-format.md, the shared wire type) as this crate builds it.

pub use article_viewer_wire::article::{Article, Author, Image, Source};
pub use article_viewer_wire::Lenient;

/// The article as JSON text in the format of docs/article-format.md (absent fields left out).
pub fn to_json(article: &Article) -> String {
    serde_json::to_string(article).unwrap_or_default()
}

/// Reads the date in `raw` (any form [`crate::date`] knows) as RFC 3339 for the article. An
/// unreadable date is left out with a warning naming `field`; a time without a zone is kept as
/// written (shown without a zone), with a note.
pub fn read_date(raw: &str, field: &str, w: &mut crate::lenient::Warnings) -> Option<String> {
    match crate::date::parse(raw) {
        Some(d) => {
            if d.time.is_some() && d.offset_minutes.is_none() {
                w.note(field, "has no time zone; shown as written, without a zone");
            }
            Some(d.to_rfc3339())
        }
        None => {
            w.note(field, &format!("`{raw}` is not a date; it is left out"));
            None
        }
    }
}

/// Normalises a language tag (`vi_VN` → `vi-VN`); `None` when it is not a plausible tag.
pub fn normalize_lang(raw: &str) -> Option<String> {
    let s = raw.trim().replace('_', "-");
    let ok = !s.is_empty()
        && s.len() <= 35
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && s.bytes().next().is_some_and(|b| b.is_ascii_alphabetic());
    ok.then_some(s)
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// Plain text as HTML paragraphs: blank lines separate paragraphs, single line breaks become `<br>`.
pub fn text_to_paragraphs(text: &str) -> String {
    let normalized = text.replace("\r\n", "\n");
    let mut out = String::new();
    for para in normalized
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        out.push_str("<p>");
        for (i, line) in para.lines().enumerate() {
            if i > 0 {
                out.push_str("<br>");
            }
            escape_html(line, &mut out);
        }
        out.push_str("</p>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_becomes_escaped_paragraphs() {
        assert_eq!(
            text_to_paragraphs("a <b>\nc\n\n\nd & e"),
            "<p>a &lt;b&gt;<br>c</p><p>d &amp; e</p>"
        );
    }

    #[test]
    fn language_tags_are_normalised() {
        assert_eq!(normalize_lang("vi_VN").as_deref(), Some("vi-VN"));
        assert_eq!(normalize_lang("en us"), None);
    }
}
