//! The article as the viewer shows it: the article format (v1) read and validated.
//!
//! See `docs/article-format.md` and `docs/article.schema.json`.

use crate::date::Timestamp;

/// Largest article body accepted, in bytes of `content_html` (larger bodies are refused).
pub const MAX_CONTENT_BYTES: usize = 8 * 1024 * 1024;

pub use article_viewer_wire::article::{Author, CommentsLink as Comments, Image, Source};
use article_viewer_wire::Lenient;

/// An article as the viewer shows it: the wire format (`article_viewer_wire::article::Article`)
/// read and validated.
#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    /// Stable identifier of the article (used for comments and storage keys).
    pub id: String,
    /// Canonical address of the article on its portal; relative links in the body resolve against it.
    pub url: String,
    /// Language of the article as a BCP 47 tag (`vi`, `en`, …).
    pub lang: String,
    /// The headline.
    pub title: String,
    /// Publication time, RFC 3339 (`2022-04-18T17:09:00+07:00`; see `date::Timestamp`); `None`
    /// when absent or unreadable (left out with a warning: a date never hides an article).
    pub published: Option<String>,
    /// Time of the last update, RFC 3339 with an offset.
    pub updated: Option<String>,
    /// Section or category name shown above the title.
    pub category: Option<String>,
    /// The lead (sapo): a short summary shown in bold before the body.
    pub lead: Option<String>,
    /// Who wrote the article.
    pub authors: Vec<Author>,
    /// Where the article comes from.
    pub source: Option<Source>,
    /// The hero image shown under the lead.
    pub image: Option<Image>,
    /// The body as HTML from the portal's CMS; untrusted, sanitised before rendering.
    pub content_html: String,
    /// Keywords.
    pub tags: Vec<String>,
    /// Where readers' comments live, if anywhere.
    pub comments: Option<Comments>,
    /// Optional fields that were dropped because of their type or value, as sentences for the
    /// console (a portal's data varies; only required fields fail an article).
    pub warnings: Vec<String>,
}

/// Why a body could not be read as an article; the message names the field for the publisher.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// The body is not JSON at all.
    #[error("the response is not JSON: {0}")]
    NotJson(String),
    /// A field is missing, of the wrong type or has a wrong value.
    #[error("field `{field}`: {problem}")]
    Field {
        /// The path of the field, such as `title` or `authors[0].name`.
        field: String,
        /// What is wrong with it.
        problem: String,
    },
}

impl FormatError {
    fn field(field: &str, problem: &str) -> Self {
        FormatError::Field {
            field: field.to_string(),
            problem: problem.to_string(),
        }
    }
}

/// Parses and validates an article from its JSON text.
pub fn parse(json: &str) -> Result<Article, FormatError> {
    let value = crate::json::parse(json).map_err(FormatError::NotJson)?;
    from_document(&value)
}

/// The members that tell the project's own format apart.
#[derive(serde::Deserialize)]
struct FormatProbe {
    #[serde(default)]
    content_html: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    published: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    lang: Option<serde::de::IgnoredAny>,
}

/// Whether a parsed document is in this project's own format (rather than one the formats part
/// converts: a WordPress post, a JSON Feed): an object with `content_html` and `published` or
/// `lang` (a JSON Feed item has `language`).
pub fn is_own_format(doc: &crate::json::Document) -> bool {
    crate::json::read::<FormatProbe>(doc)
        .is_ok_and(|p| p.content_html.is_some() && (p.published.is_some() || p.lang.is_some()))
}

/// A required text field: its value, or an error naming it.
fn required(field: &str, value: Lenient<String>) -> Result<String, FormatError> {
    match value {
        Lenient::Valid(v) => Ok(v),
        Lenient::Absent => Err(FormatError::field(field, "is required but missing")),
        Lenient::Invalid => Err(FormatError::field(field, "must be text")),
    }
}

/// Validates an article from its parsed JSON. Required fields fail it, naming the field; an
/// optional field of the wrong type is dropped with a warning (`source` given as a plain string is
/// taken as the source's name).
pub fn from_document(value: &crate::json::Document) -> Result<Article, FormatError> {
    let wire: article_viewer_wire::article::Article =
        crate::json::read(value).map_err(|_| FormatError::field("(root)", "must be an object"))?;
    let mut w: Vec<String> = wire
        .invalid_fields()
        .into_iter()
        .map(|f| format!("field `{f}` has the wrong type or shape; it is left out"))
        .collect();
    let authors = wire.valid_authors().cloned().collect();
    let tags = wire.valid_tags().cloned().collect();
    let mut article = Article {
        id: required("id", wire.id)?,
        url: required("url", wire.url)?,
        lang: required("lang", wire.lang)?,
        title: required("title", wire.title)?,
        published: wire.published.into_valid(),
        updated: wire.updated.into_valid(),
        category: wire.category.into_valid(),
        lead: wire.lead.into_valid(),
        authors,
        source: wire
            .source
            .into_valid()
            .filter(|s| !s.name.trim().is_empty()),
        image: wire.image.into_valid(),
        content_html: required("content_html", wire.content_html)?,
        tags,
        comments: wire.comments.into_valid(),
        warnings: Vec::new(),
    };
    article.validate()?;
    for (field, value) in [
        ("published", &mut article.published),
        ("updated", &mut article.updated),
    ] {
        if let Some(Err(e)) = value.as_deref().map(Timestamp::parse) {
            w.push(format!("field `{field}` {e}; it is left out"));
            *value = None;
        }
    }
    article.warnings = w;
    Ok(article)
}

impl Article {
    fn validate(&self) -> Result<(), FormatError> {
        for (field, value) in [
            ("id", &self.id),
            ("title", &self.title),
            ("lang", &self.lang),
        ] {
            if value.trim().is_empty() {
                return Err(FormatError::field(field, "must not be empty"));
            }
        }
        if !self
            .lang
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return Err(FormatError::field(
                "lang",
                "must be a language tag such as `vi` or `en`",
            ));
        }
        let scheme = crate::url_policy::scheme(&self.url);
        if !matches!(scheme.as_deref(), Some("http") | Some("https")) {
            return Err(FormatError::field(
                "url",
                "must be an absolute http(s) address",
            ));
        }
        if self.content_html.len() > MAX_CONTENT_BYTES {
            return Err(FormatError::field("content_html", "is larger than 8 MiB"));
        }
        Ok(())
    }

    /// The comments endpoint if comments are enabled and have an address.
    pub fn comments_url(&self) -> Option<&str> {
        self.comments
            .as_ref()
            .filter(|c| c.enabled)
            .and_then(|c| c.url.as_deref())
            .filter(|u| !u.trim().is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal() -> serde_json::Value {
        serde_json::json!({
            "id": "a1",
            "url": "https://portal.example/a1.html",
            "lang": "vi",
            "title": "Tiêu đề",
            "published": "2022-04-18T17:09:00+07:00",
            "content_html": "<p>x</p>"
        })
    }

    fn field_of(err: FormatError) -> String {
        match err {
            FormatError::Field { field, .. } => field,
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn parses_the_minimal_article_with_defaults() {
        let a = parse(&minimal().to_string()).unwrap();
        assert_eq!(a.title, "Tiêu đề");
        assert!(a.authors.is_empty());
        assert_eq!(a.comments_url(), None);
    }

    #[test]
    fn parses_the_bundled_samples() {
        for file in [
            "ky-anh-2022-04-15.json",
            "harbour-library-2024-03-02.json",
            "hostile.json",
        ] {
            let path = format!("{}/samples/{file}", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).unwrap();
            parse(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        }
    }

    #[test]
    fn ignores_unknown_fields_and_accepts_nulls() {
        let mut v = minimal();
        v["whatever"] = serde_json::json!({"x": 1});
        v["authors"] = serde_json::Value::Null;
        v["image"] = serde_json::Value::Null;
        v["tags"] = serde_json::Value::Null;
        assert!(parse(&v.to_string()).is_ok());
    }

    #[test]
    fn names_a_missing_required_field() {
        for field in ["id", "url", "lang", "title", "content_html"] {
            let mut v = minimal();
            v.as_object_mut().unwrap().remove(field);
            assert_eq!(field_of(parse(&v.to_string()).unwrap_err()), field);
        }
    }

    #[test]
    fn names_a_mistyped_required_field() {
        let mut v = minimal();
        v["title"] = serde_json::json!(42);
        assert_eq!(field_of(parse(&v.to_string()).unwrap_err()), "title");
    }

    #[test]
    fn drops_mistyped_optional_fields_with_a_warning_naming_them() {
        let mut v = minimal();
        v["authors"] = serde_json::json!([{ "name": "A" }, { "name": 3 }, "B"]);
        v["image"] = serde_json::json!("x.jpg");
        v["tags"] = serde_json::json!(["a", 2, "b"]);
        v["lead"] = serde_json::json!(7);
        v["updated"] = serde_json::json!("yesterday");
        v["comments"] = serde_json::json!(true);
        let a = parse(&v.to_string()).unwrap();
        assert_eq!(a.authors.len(), 1);
        assert_eq!(a.authors[0].name, "A");
        assert_eq!(
            (a.image, a.lead, a.updated, a.comments),
            (None, None, None, None)
        );
        assert_eq!(a.tags, ["a", "b"]);
        let all = a.warnings.join("\n");
        for field in [
            "authors[1]",
            "authors[2]",
            "image",
            "lead",
            "updated",
            "comments",
        ] {
            assert!(all.contains(&format!("`{field}`")), "{field} in {all}");
        }
    }

    #[test]
    fn takes_a_plain_string_source_as_its_name() {
        let mut v = minimal();
        v["source"] = serde_json::json!("Báo Hà Tĩnh");
        let a = parse(&v.to_string()).unwrap();
        assert_eq!(a.source.map(|s| s.name).as_deref(), Some("Báo Hà Tĩnh"));
        assert!(a.warnings.is_empty());
    }

    #[test]
    fn an_article_with_no_date_author_or_image_is_shown() {
        let mut v = minimal();
        v.as_object_mut().unwrap().remove("published");
        let a = parse(&v.to_string()).unwrap();
        assert_eq!((a.published, a.authors.len(), a.image), (None, 0, None));
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
        v["published"] = serde_json::json!("18/04/2022 17:09");
        let a = parse(&v.to_string()).unwrap();
        assert_eq!(a.published, None);
        assert!(a.warnings[0].contains("`published`"), "{:?}", a.warnings);
    }

    #[test]
    fn refuses_bad_urls_and_empty_titles() {
        let mut v = minimal();
        v["url"] = serde_json::json!("javascript:alert(1)");
        assert_eq!(field_of(parse(&v.to_string()).unwrap_err()), "url");
        let mut v = minimal();
        v["title"] = serde_json::json!("  ");
        assert_eq!(field_of(parse(&v.to_string()).unwrap_err()), "title");
    }

    #[test]
    fn tells_non_json_apart() {
        assert!(matches!(parse("<html>"), Err(FormatError::NotJson(_))));
        assert!(matches!(parse("[1,2]"), Err(FormatError::Field { .. })));
    }
}
