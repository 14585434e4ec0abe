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
    /// Publication time, RFC 3339 with an offset.
    pub published: String,
    /// Update time, RFC 3339 with an offset.
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
        o.insert("published".into(), json!(self.published));
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

/// Normalises a date to RFC 3339 with an offset, as the viewer requires. A time without an offset
/// is taken as `assume` (`Z` for WordPress's `*_gmt` fields); a date alone becomes midnight UTC.
/// Returns the text and whether something had to be assumed.
pub fn normalize_date(raw: &str, assume: &str) -> Option<(String, bool)> {
    let s = raw.trim();
    let b = s.as_bytes();
    let is_digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    if b.len() < 10
        || !is_digits(0..4)
        || b[4] != b'-'
        || !is_digits(5..7)
        || b[7] != b'-'
        || !is_digits(8..10)
    {
        return None;
    }
    if b.len() == 10 {
        return Some((format!("{s}T00:00:00Z"), true));
    }
    if !matches!(b[10], b'T' | b't' | b' ')
        || b.len() < 16
        || !is_digits(11..13)
        || b[13] != b':'
        || !is_digits(14..16)
    {
        return None;
    }
    let date = &s[..10];
    // Time part: HH:MM[:SS[.fff]]
    let mut i = 16;
    let mut time = s[11..16].to_string();
    if b.get(16) == Some(&b':') && is_digits(17..19) {
        time.push_str(&s[16..19]);
        i = 19;
        if b.get(19) == Some(&b'.') {
            let start = 20;
            let mut j = start;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            if j > start {
                time.push_str(&s[19..j]);
            }
            i = j;
        }
    } else {
        time.push_str(":00");
    }
    let rest = s[i..].trim();
    let rb = rest.as_bytes();
    let offset = match rb {
        [] => return Some((format!("{date}T{time}{assume}"), true)),
        [b'Z' | b'z'] => "Z".to_string(),
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2]
            if [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit()) =>
        {
            format!(
                "{}{}{}:{}{}",
                *sign as char, *h1 as char, *h2 as char, *m1 as char, *m2 as char
            )
        }
        [sign @ (b'+' | b'-'), h1, h2, m1, m2]
            if [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit()) =>
        {
            format!(
                "{}{}{}:{}{}",
                *sign as char, *h1 as char, *h2 as char, *m1 as char, *m2 as char
            )
        }
        [sign @ (b'+' | b'-'), h1, h2] if h1.is_ascii_digit() && h2.is_ascii_digit() => {
            format!("{}{}{}:00", *sign as char, *h1 as char, *h2 as char)
        }
        _ => return None,
    };
    Some((format!("{date}T{time}{offset}"), false))
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
    fn dates_get_an_offset() {
        assert_eq!(
            normalize_date("2024-03-02T09:30:00", "Z"),
            Some(("2024-03-02T09:30:00Z".into(), true))
        );
        assert_eq!(
            normalize_date("2024-03-02", "Z"),
            Some(("2024-03-02T00:00:00Z".into(), true))
        );
        assert_eq!(
            normalize_date("2024-03-02T09:30:00+0700", "Z"),
            Some(("2024-03-02T09:30:00+07:00".into(), false))
        );
        assert_eq!(
            normalize_date("2024-03-02 09:30+07:00", "Z"),
            Some(("2024-03-02T09:30:00+07:00".into(), false))
        );
        assert_eq!(
            normalize_date("2024-03-02T09:30:00.123-05:00", "Z"),
            Some(("2024-03-02T09:30:00.123-05:00".into(), false))
        );
        assert_eq!(normalize_date("March 2, 2024", "Z"), None);
        assert_eq!(normalize_date("2024-03-02Tjunk", "Z"), None);
    }

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
