//! Converts what portals already publish — WordPress REST posts, JSON Feed documents and items,
//! HTML article pages (schema.org JSON-LD, Open Graph, and a Readability-style body extraction) —
//! into the article viewer's own JSON (`docs/article-format.md`). Pure Rust. The viewer links it as a
//! lazy chunk of its app (`src/lazy.rs`); with the `exports` feature (the default) a wasm build of
//! this crate alone exports `convert` and `detect` to JavaScript. See `docs/input-formats.md`.
#![forbid(unsafe_code)]

pub mod article;
pub mod date;
pub mod dom;
pub mod error;
pub mod extract;
pub mod hero;
pub mod jsonfeed;
pub mod lang;
pub mod lenient;
pub mod page;
pub mod urls;
#[cfg(all(target_arch = "wasm32", feature = "exports"))]
pub mod wasm;
pub mod wordpress;

pub use article::Article;
pub use error::ConvertError;

use lenient::{parse_json, Warnings};

/// An input format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The viewer's own article JSON (passed through unchanged).
    Article,
    /// A WordPress REST API post or list of posts.
    WordPress,
    /// A JSON Feed document or item.
    JsonFeed,
    /// An HTML page.
    Html,
}

impl Format {
    /// The name used by `?format=`, the `format` attribute and [`Converted::format`].
    pub fn name(self) -> &'static str {
        match self {
            Format::Article => "article",
            Format::WordPress => "wordpress",
            Format::JsonFeed => "jsonfeed",
            Format::Html => "html",
        }
    }

    /// Reads a format name (case-insensitive; `wp`, `json-feed`, `feed` and `native` are accepted too).
    pub fn from_name(name: &str) -> Result<Format, ConvertError> {
        match name.trim().to_ascii_lowercase().as_str() {
            "article" | "native" | "viewer" => Ok(Format::Article),
            "wordpress" | "wp" => Ok(Format::WordPress),
            "jsonfeed" | "json-feed" | "feed" => Ok(Format::JsonFeed),
            "html" => Ok(Format::Html),
            other => Err(ConvertError::UnknownFormat(other.to_string())),
        }
    }
}

/// Detects the format from the document itself; `content_type` only breaks ties (an HTTP
/// `Content-Type` such as `application/feed+json`, or `""`).
pub fn detect(text: &str, content_type: &str) -> Format {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('{') || t.starts_with('[') {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(t) {
            return detect_json(&v, content_type);
        }
    }
    if t.starts_with('<') || content_type.contains("html") {
        return Format::Html;
    }
    if content_type.contains("feed+json") {
        return Format::JsonFeed;
    }
    // Not JSON and not markup: let the viewer's own parser report it.
    Format::Article
}

fn detect_json(v: &serde_json::Value, content_type: &str) -> Format {
    if jsonfeed::is_feed(v) || content_type.contains("feed+json") {
        Format::JsonFeed
    } else if wordpress::looks_like(v) {
        Format::WordPress
    } else if jsonfeed::is_item(v) {
        Format::JsonFeed
    } else {
        Format::Article
    }
}

/// What a conversion needs besides the text.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options<'a> {
    /// Absolute address the text was fetched from (base for relative addresses, fallback `url`).
    pub url: &'a str,
    /// `Content-Type` of the response, or `""`.
    pub content_type: &'a str,
    /// A forced format name (`?format=`), else detection decides.
    pub format: Option<&'a str>,
    /// The feed item to show (`#id` / `?item=`); else the address's own fragment or `item`, else the first.
    pub item: Option<&'a str>,
    /// Language to assume when the input names none (the viewer's `lang` setting).
    pub lang: Option<&'a str>,
}

/// A converted article with the format it was read as and what was dropped or assumed.
#[derive(Clone, Debug, PartialEq)]
pub struct Converted {
    /// The format the input was read as.
    pub format: Format,
    /// The article as JSON text in the viewer's format.
    pub article_json: String,
    /// One sentence per field that was dropped or assumed (for the console).
    pub warnings: Vec<String>,
}

/// Converts `text` into the viewer's article JSON.
pub fn convert(text: &str, opts: &Options<'_>) -> Result<Converted, ConvertError> {
    let format = match opts.format.filter(|f| !f.trim().is_empty()) {
        Some(name) => Format::from_name(name)?,
        None => detect(text, opts.content_type),
    };
    let mut w = Warnings::default();
    let article = match format {
        Format::Article => {
            return Ok(Converted {
                format,
                article_json: text.to_string(),
                warnings: Vec::new(),
            })
        }
        Format::WordPress => wordpress::convert(&parse_json(text)?, opts, &mut w)?,
        Format::JsonFeed => jsonfeed::convert(&parse_json(text)?, opts, &mut w)?,
        Format::Html => page::convert(text, opts, &mut w)?,
    };
    let mut article = article;
    if matches!(format, Format::WordPress | Format::JsonFeed) {
        hero::drop_repeated(&mut article, &mut w);
    }
    Ok(Converted {
        format,
        article_json: article::to_json(&article),
        warnings: w.0,
    })
}
