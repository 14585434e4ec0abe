//! The article JSON format (v1): serde types, parsing and validation.
//!
//! See `docs/article-format.md` and `docs/article.schema.json`.

use crate::date::Timestamp;
use serde::Deserialize;

/// Largest article body accepted, in bytes of `content_html` (larger bodies are refused).
pub const MAX_CONTENT_BYTES: usize = 8 * 1024 * 1024;

/// An article as the viewer receives it. Unknown fields are ignored.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Article {
    /// Stable identifier of the article (used for comments and storage keys).
    pub id: String,
    /// Canonical address of the article on its portal; relative links in the body resolve against it.
    pub url: String,
    /// Language of the article as a BCP 47 tag (`vi`, `en`, …).
    pub lang: String,
    /// The headline.
    pub title: String,
    /// Publication time, RFC 3339 with an offset (`2022-04-18T17:09:00+07:00`).
    pub published: String,
    /// Time of the last update, RFC 3339 with an offset.
    #[serde(default)]
    pub updated: Option<String>,
    /// Section or category name shown above the title.
    #[serde(default)]
    pub category: Option<String>,
    /// The lead (sapo): a short summary shown in bold before the body.
    #[serde(default)]
    pub lead: Option<String>,
    /// Who wrote the article.
    #[serde(default, deserialize_with = "null_as_default")]
    pub authors: Vec<Author>,
    /// Where the article comes from.
    #[serde(default)]
    pub source: Option<Source>,
    /// The hero image shown under the lead.
    #[serde(default)]
    pub image: Option<Image>,
    /// The body as HTML from the portal's CMS; untrusted, sanitised before rendering.
    pub content_html: String,
    /// Keywords.
    #[serde(default, deserialize_with = "null_as_default")]
    pub tags: Vec<String>,
    /// Where readers' comments live, if anywhere.
    #[serde(default)]
    pub comments: Option<Comments>,
}

/// One author of an article.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Author {
    /// The author's name.
    pub name: String,
    /// The author's organisation or office.
    #[serde(default)]
    pub org: Option<String>,
}

/// Where an article comes from (a newspaper, an office, a portal).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Source {
    /// The source's name.
    pub name: String,
    /// The source's address.
    #[serde(default)]
    pub url: Option<String>,
}

/// The hero image of an article.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Image {
    /// Address of the image, relative to the address the article JSON was fetched from.
    pub src: String,
    /// Text alternative for readers who cannot see the image.
    #[serde(default)]
    pub alt: Option<String>,
    /// Caption shown under the image.
    #[serde(default)]
    pub caption: Option<String>,
}

/// Where the comments of an article are read and posted.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Comments {
    /// Whether comments are shown at all.
    #[serde(default)]
    pub enabled: bool,
    /// The comments endpoint, relative to the address the article JSON was fetched from.
    #[serde(default)]
    pub url: Option<String>,
}

fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
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
    let mut de = serde_json::Deserializer::from_str(json);
    let article: Article = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if !matches!(inner.classify(), serde_json::error::Category::Data) {
            return FormatError::NotJson(inner.to_string());
        }
        // serde's message ends with " at line L column C", which means nothing to a publisher.
        let message = inner.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m)
            .to_string();
        let parent = if path == "." {
            String::new()
        } else {
            format!("{path}.")
        };
        match message
            .strip_prefix("missing field `")
            .and_then(|r| r.split('`').next())
        {
            Some(name) => FormatError::field(&format!("{parent}{name}"), "is required but missing"),
            None if path == "." => FormatError::field("(root)", &message),
            None => FormatError::field(&path, &message),
        }
    })?;
    de.end().map_err(|e| FormatError::NotJson(e.to_string()))?;
    article.validate()?;
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
        Timestamp::parse(&self.published)
            .map_err(|e| FormatError::field("published", &e.to_string()))?;
        if let Some(updated) = &self.updated {
            Timestamp::parse(updated).map_err(|e| FormatError::field("updated", &e.to_string()))?;
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
        for field in ["id", "url", "lang", "title", "published", "content_html"] {
            let mut v = minimal();
            v.as_object_mut().unwrap().remove(field);
            assert_eq!(field_of(parse(&v.to_string()).unwrap_err()), field);
        }
    }

    #[test]
    fn names_a_mistyped_field_with_its_path() {
        let mut v = minimal();
        v["title"] = serde_json::json!(42);
        assert_eq!(field_of(parse(&v.to_string()).unwrap_err()), "title");
        let mut v = minimal();
        v["authors"] = serde_json::json!([{ "name": "A" }, { "name": 3 }]);
        assert_eq!(
            field_of(parse(&v.to_string()).unwrap_err()),
            "authors[1].name"
        );
    }

    #[test]
    fn refuses_bad_dates_urls_and_empty_titles() {
        let mut v = minimal();
        v["published"] = serde_json::json!("18/04/2022 17:09");
        assert_eq!(field_of(parse(&v.to_string()).unwrap_err()), "published");
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
