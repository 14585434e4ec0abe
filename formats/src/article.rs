//! The viewer's own article (docs/article-format.md) as this crate builds it.

use serde_json::{json, Map, Value};

/// An author of the converted article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Author {
    /// Name shown in the footer.
    pub name: String,
    /// Organisation, if known.
    pub org: Option<String>,
}

/// Where the article comes from (a site or a feed).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Source {
    /// Name of the source.
    pub name: String,
    /// Its address.
    pub url: Option<String>,
}

/// The hero image.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Image {
    /// Address (absolute, or relative to the input's address).
    pub src: String,
    /// Text alternative.
    pub alt: Option<String>,
    /// Caption.
    pub caption: Option<String>,
}

/// An article in the viewer's format, before it is written as JSON.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Article {
    /// Stable identifier.
    pub id: String,
    /// Canonical address (absolute http(s)).
    pub url: String,
    /// BCP 47 language tag.
    pub lang: String,
    /// Headline, plain text.
    pub title: String,
    /// Publication time, RFC 3339 (with an offset when the input gives one; see [`crate::date`]);
    /// `None` when the input has no readable date (the article still shows).
    pub published: Option<String>,
    /// Update time, RFC 3339 as `published`.
    pub updated: Option<String>,
    /// Section or category.
    pub category: Option<String>,
    /// Lead paragraph, plain text.
    pub lead: Option<String>,
    /// Authors.
    pub authors: Vec<Author>,
    /// Where it comes from.
    pub source: Option<Source>,
    /// Hero image.
    pub image: Option<Image>,
    /// The body as HTML (sanitised later by the viewer).
    pub content_html: String,
    /// Keywords.
    pub tags: Vec<String>,
}

impl Article {
    /// The article as a JSON value in the format of docs/article-format.md (absent fields left out).
    pub fn to_json(&self) -> Value {
        let mut o = Map::new();
        o.insert("id".into(), json!(self.id));
        o.insert("url".into(), json!(self.url));
        o.insert("lang".into(), json!(self.lang));
        o.insert("title".into(), json!(self.title));
        if let Some(v) = &self.published {
            o.insert("published".into(), json!(v));
        }
        if let Some(v) = &self.updated {
            o.insert("updated".into(), json!(v));
        }
        if let Some(v) = &self.category {
            o.insert("category".into(), json!(v));
        }
        if let Some(v) = &self.lead {
            o.insert("lead".into(), json!(v));
        }
        if !self.authors.is_empty() {
            let list: Vec<Value> = self
                .authors
                .iter()
                .map(|a| match &a.org {
                    Some(org) => json!({ "name": a.name, "org": org }),
                    None => json!({ "name": a.name }),
                })
                .collect();
            o.insert("authors".into(), Value::Array(list));
        }
        if let Some(s) = &self.source {
            o.insert("source".into(), json!({ "name": s.name, "url": s.url }));
        }
        if let Some(i) = &self.image {
            o.insert(
                "image".into(),
                json!({ "src": i.src, "alt": i.alt, "caption": i.caption }),
            );
        }
        o.insert("content_html".into(), json!(self.content_html));
        if !self.tags.is_empty() {
            o.insert("tags".into(), json!(self.tags));
        }
        Value::Object(o)
    }
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
