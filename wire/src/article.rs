//! The article format (v1, `docs/article-format.md`): what a portal sends the viewer, what the
//! formats converter writes and what the server's content directory holds.
//!
//! Every field is [`Lenient`]: a document with a wrong field still reads, and the viewer decides
//! (a wrong required field fails the article naming the field; a wrong optional one is left out
//! with a warning, so a date or an author that looks odd never hides an article).

use crate::Lenient;
use serde::{Deserialize, Serialize};

/// An article as a portal sends it. Unknown fields are ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identifier of the article (comments and storage keys). Required.
    #[serde(default, skip_serializing_if = "Lenient::is_unset")]
    pub id: Lenient<String>,
    /// Canonical absolute http(s) address of the article on its portal. Required.
    #[serde(default, skip_serializing_if = "Lenient::is_unset")]
    pub url: Lenient<String>,
    /// BCP 47 language tag (`vi`, `en`). Required.
    #[serde(default, skip_serializing_if = "Lenient::is_unset")]
    pub lang: Lenient<String>,
    /// The headline, plain text. Required.
    #[serde(default, skip_serializing_if = "Lenient::is_unset")]
    pub title: Lenient<String>,
    /// Publication time, RFC 3339 (`2022-04-18T17:09:00+07:00`).
    #[serde(default, skip_serializing_if = "Lenient::is_unset")]
    pub published: Lenient<String>,
    /// Time of the last update, RFC 3339.
    #[serde(default, skip_serializing_if = "Lenient::is_unset")]
    pub updated: Lenient<String>,
    /// Section or category shown above the title.
    #[serde(default, skip_serializing_if = "Lenient::is_unset")]
    pub category: Lenient<String>,
    /// The lead (sapo), plain text.
    #[serde(default, skip_serializing_if = "Lenient::is_unset")]
    pub lead: Lenient<String>,
    /// Who wrote it; an author of the wrong shape is left out alone.
    #[serde(default, skip_serializing_if = "Lenient::is_unset")]
    pub authors: Lenient<Vec<Lenient<Author>>>,
    /// Where it comes from: an object, or a plain string naming the source.
    #[serde(default, skip_serializing_if = "Lenient::is_unset")]
    pub source: Lenient<Source>,
    /// The hero image.
    #[serde(default, skip_serializing_if = "Lenient::is_unset")]
    pub image: Lenient<Image>,
    /// The body as HTML from the portal's CMS: untrusted, sanitised before it is shown. Required.
    #[serde(default, skip_serializing_if = "Lenient::is_unset")]
    pub content_html: Lenient<String>,
    /// Keywords; a keyword that is not text is left out alone.
    #[serde(default, skip_serializing_if = "Lenient::is_unset")]
    pub tags: Lenient<Vec<Lenient<String>>>,
    /// Where the article's comments live.
    #[serde(default, skip_serializing_if = "Lenient::is_unset")]
    pub comments: Lenient<CommentsLink>,
}

/// One author of an article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    /// The author's name.
    pub name: String,
    /// The author's organisation or office.
    #[serde(default, skip_serializing_if = "Lenient::is_unset")]
    pub org: Lenient<String>,
}

/// Where an article comes from (a newspaper, an office, a portal).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "SourceForm")]
pub struct Source {
    /// The source's name.
    pub name: String,
    /// The source's address.
    #[serde(default, skip_serializing_if = "Lenient::is_unset")]
    pub url: Lenient<String>,
}

/// The two ways a source is written: `"Báo Hà Tĩnh"` or `{"name": …, "url": …}`.
#[derive(Deserialize)]
#[serde(untagged)]
enum SourceForm {
    Name(String),
    Full {
        name: String,
        #[serde(default)]
        url: Lenient<String>,
    },
}

impl From<SourceForm> for Source {
    fn from(form: SourceForm) -> Self {
        match form {
            SourceForm::Name(name) => Source {
                name,
                url: Lenient::Absent,
            },
            SourceForm::Full { name, url } => Source { name, url },
        }
    }
}

/// The hero image of an article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    /// Address of the image, relative to the address the article was fetched from.
    pub src: String,
    /// Text alternative for readers who cannot see it.
    #[serde(default, skip_serializing_if = "Lenient::is_unset")]
    pub alt: Lenient<String>,
    /// Caption shown under it.
    #[serde(default, skip_serializing_if = "Lenient::is_unset")]
    pub caption: Lenient<String>,
}

/// Where the comments of an article are read and posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentsLink {
    /// Whether comments are shown at all.
    #[serde(default)]
    pub enabled: bool,
    /// The comments endpoint, relative to the address the article was fetched from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Author {
    /// An author with a name and, where known, an organisation.
    pub fn new(name: String, org: Option<String>) -> Author {
        Author {
            name,
            org: Lenient::from_option(org),
        }
    }
}

impl Source {
    /// A source with a name and, where known, an address.
    pub fn new(name: String, url: Option<String>) -> Source {
        Source {
            name,
            url: Lenient::from_option(url),
        }
    }
}

impl Image {
    /// An image at `src` with, where known, a text alternative and a caption.
    pub fn new(src: String, alt: Option<String>, caption: Option<String>) -> Image {
        Image {
            src,
            alt: Lenient::from_option(alt),
            caption: Lenient::from_option(caption),
        }
    }
}

impl Article {
    /// The optional fields given with a value of the wrong type, by path (`image`,
    /// `authors[1]`), in document order: what a reader of the article leaves out.
    pub fn invalid_fields(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut check = |name: &str, invalid: bool| {
            if invalid {
                out.push(name.to_string());
            }
        };
        check("published", self.published.is_invalid());
        check("updated", self.updated.is_invalid());
        check("category", self.category.is_invalid());
        check("lead", self.lead.is_invalid());
        check("authors", self.authors.is_invalid());
        if let Lenient::Valid(authors) = &self.authors {
            for (i, a) in authors.iter().enumerate() {
                check(&format!("authors[{i}]"), a.is_invalid());
            }
        }
        check("source", self.source.is_invalid());
        check("image", self.image.is_invalid());
        check("tags", self.tags.is_invalid());
        if let Lenient::Valid(tags) = &self.tags {
            for (i, t) in tags.iter().enumerate() {
                check(&format!("tags[{i}]"), t.is_invalid());
            }
        }
        check("comments", self.comments.is_invalid());
        out
    }

    /// The authors that read well.
    pub fn valid_authors(&self) -> impl Iterator<Item = &Author> {
        self.authors
            .valid()
            .into_iter()
            .flatten()
            .filter_map(Lenient::valid)
    }

    /// The keywords that read well.
    pub fn valid_tags(&self) -> impl Iterator<Item = &String> {
        self.tags
            .valid()
            .into_iter()
            .flatten()
            .filter_map(Lenient::valid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = r#"{"id":"a1","url":"https://example.vn/a","lang":"vi","title":"T",
        "published":"2022-04-18T17:09:00+07:00","lead":"L","authors":[{"name":"A","org":"O"}],
        "source":"Báo Hà Tĩnh","image":{"src":"x.jpg","alt":"x"},"content_html":"<p>b</p>",
        "tags":["a","b"],"comments":{"enabled":true,"url":"/c"},"whatever":{"x":1}}"#;

    #[test]
    fn reads_an_article_and_ignores_unknown_fields() {
        let a: Article = serde_json::from_str(SEED).unwrap();
        assert_eq!(a.title.valid().map(String::as_str), Some("T"));
        assert_eq!(a.source.valid().unwrap().name, "Báo Hà Tĩnh");
        assert_eq!(a.valid_authors().count(), 1);
        assert_eq!(a.comments.valid().unwrap().url.as_deref(), Some("/c"));
        assert!(a.invalid_fields().is_empty());
    }

    #[test]
    fn names_each_field_of_the_wrong_type() {
        let a: Article = serde_json::from_str(
            r#"{"title":42,"authors":[{"name":"A"},{"name":3},"B"],"image":"x.jpg",
                "tags":["a",2,"b"],"lead":7,"comments":true,"source":{"url":"x"}}"#,
        )
        .unwrap();
        assert!(a.title.is_invalid());
        assert_eq!(
            a.invalid_fields(),
            [
                "lead",
                "authors[1]",
                "authors[2]",
                "source",
                "image",
                "tags[1]",
                "comments"
            ]
        );
        assert_eq!(a.valid_tags().collect::<Vec<_>>(), ["a", "b"]);
    }

    #[test]
    fn writes_what_it_reads() {
        let a: Article = serde_json::from_str(SEED).unwrap();
        let again: Article = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        assert_eq!(a, again);
        let empty = serde_json::to_string(&Article::default()).unwrap();
        assert_eq!(empty, "{}");
    }
}
