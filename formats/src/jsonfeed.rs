//! A JSON Feed 1.1 (or 1.0) document or a single item; `#id`/`?item=` picks the item.

use crate::article::{
    normalize_lang, read_date, text_to_paragraphs, Article, Author, Image, Lenient, Source,
};
use crate::dom::squash;
use crate::error::ConvertError;
use crate::lenient::{join, kind, Warnings};
use crate::Options;
use serde_json::Value;

/// Whether a JSON value is a feed document (its `version` names jsonfeed.org, or it has `items`).
pub fn is_feed(v: &Value) -> bool {
    v.get("version")
        .and_then(Value::as_str)
        .is_some_and(|s| s.contains("jsonfeed.org"))
        || v.get("items").is_some_and(Value::is_array)
}

/// Whether a JSON value looks like a lone feed item (the viewer's own article has `published` or
/// `lang`; a feed item has `language`).
pub fn is_item(v: &Value) -> bool {
    v.is_object()
        && v.get("id").is_some()
        && (v.get("content_html").is_some() || v.get("content_text").is_some())
        && v.get("published").is_none()
        && v.get("lang").is_none()
}

fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Converts a feed (picking `opts.item`, else the first item) or a single item.
pub fn convert(v: &Value, opts: &Options<'_>, w: &mut Warnings) -> Result<Article, ConvertError> {
    if !v.is_object() {
        return Err(ConvertError::field(
            "(document)",
            format!("must be an object, not {}", kind(v)),
        ));
    }
    if !is_feed(v) {
        return item(v, "", None, opts, w);
    }
    let items = match v.get("items") {
        Some(Value::Array(items)) => items,
        None | Some(Value::Null) => {
            return Err(ConvertError::field("items", "is required but missing"))
        }
        Some(other) => {
            return Err(ConvertError::field(
                "items",
                format!("must be a list, not {}", kind(other)),
            ))
        }
    };
    let wanted = opts
        .item
        .map(str::to_string)
        .or_else(|| item_from_url(opts.url));
    let index = match &wanted {
        Some(id) => items
            .iter()
            .position(|it| it.get("id").and_then(id_text).as_deref() == Some(id.as_str()))
            .ok_or_else(|| ConvertError::ItemNotFound(id.clone()))?,
        None if items.is_empty() => return Err(ConvertError::Empty("items".into())),
        None => 0,
    };
    item(&items[index], &format!("items[{index}]"), Some(v), opts, w)
}

/// The item asked for in the feed's own address: `#id` or `?item=id`.
pub fn item_from_url(url: &str) -> Option<String> {
    if let Some(f) = crate::urls::fragment(url).filter(|f| !f.is_empty()) {
        return Some(crate::urls::percent_decode(f, false));
    }
    crate::urls::query_param(url, "item").filter(|v| !v.is_empty())
}

fn item(
    it: &Value,
    p: &str,
    feed: Option<&Value>,
    opts: &Options<'_>,
    w: &mut Warnings,
) -> Result<Article, ConvertError> {
    if !it.is_object() {
        return Err(ConvertError::field(
            if p.is_empty() { "(document)" } else { p },
            format!("must be an object, not {}", kind(it)),
        ));
    }
    let id = match it.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::Number(n)) => {
            w.note(
                &join(p, "id"),
                "is a number (JSON Feed asks for text); used as text",
            );
            n.to_string()
        }
        None | Some(Value::Null) => {
            return Err(ConvertError::field(
                join(p, "id"),
                "is required but missing",
            ))
        }
        Some(Value::String(_)) => {
            return Err(ConvertError::field(join(p, "id"), "is required but empty"))
        }
        Some(other) => {
            return Err(ConvertError::field(
                join(p, "id"),
                format!("must be text, not {}", kind(other)),
            ))
        }
    };
    let content_html = match w.opt_str(it, p, "content_html") {
        Some(html) => html,
        None => match w.opt_str(it, p, "content_text") {
            Some(text) => text_to_paragraphs(&text),
            None => {
                return Err(ConvertError::field(
                    join(p, "content_html"),
                    "is required (or `content_text`) but missing",
                ))
            }
        },
    };
    let feed_str = |w: &mut Warnings, key: &str| feed.and_then(|f| w.opt_str(f, "", key));
    let url = w
        .opt_str(it, p, "url")
        .or_else(|| w.opt_str(it, p, "external_url"))
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
        .unwrap_or_else(|| {
            w.note(
                &join(p, "url"),
                "missing or not absolute; the feed's address is used",
            );
            opts.url.to_string()
        });
    let summary = w.opt_str(it, p, "summary");
    let title = match w.opt_str(it, p, "title") {
        Some(t) => t,
        None => {
            // Microblog items have no title: the summary or the start of the text stands in.
            let fallback = summary
                .clone()
                .unwrap_or_else(|| squash(&crate::dom::html_to_text(&content_html)));
            let short: String = fallback.chars().take(80).collect();
            if short.is_empty() {
                return Err(ConvertError::field(
                    join(p, "title"),
                    "is missing and the item has no text to stand in",
                ));
            }
            w.note(&join(p, "title"), "missing; the start of the text is used");
            if fallback.chars().count() > 80 {
                format!("{}…", short.trim_end())
            } else {
                short
            }
        }
    };
    let date = |w: &mut Warnings, key: &str| -> Option<String> {
        let raw = w.opt_str(it, p, key)?;
        read_date(&raw, &join(p, key), w)
    };
    let updated = date(w, "date_modified");
    let published = date(w, "date_published").or_else(|| {
        let field = join(p, "date_published");
        match &updated {
            Some(_) => w.note(&field, "missing or unreadable; `date_modified` is used"),
            None => w.note(
                &field,
                "missing or unreadable; the article is shown without a date",
            ),
        }
        updated.clone()
    });
    let lang = w
        .opt_str(it, p, "language")
        .or_else(|| feed_str(w, "language"))
        .and_then(|l| normalize_lang(&l))
        .or_else(|| opts.lang.and_then(normalize_lang))
        .or_else(|| {
            crate::lang::detect(&format!(
                "{title} {}",
                crate::dom::html_to_text(&content_html)
            ))
            .map(str::to_string)
        })
        .unwrap_or_else(|| "und".to_string());
    let mut authors = authors_of(it, p, w);
    if authors.is_empty() {
        if let Some(f) = feed {
            authors = authors_of(f, "", w);
        }
    }
    let image = w
        .opt_str(it, p, "image")
        .or_else(|| w.opt_str(it, p, "banner_image"))
        .map(|src| Image::new(src, None, None));
    let source = feed_str(w, "title").map(|name| {
        let url = feed
            .and_then(|f| f.get("home_page_url"))
            .and_then(Value::as_str)
            .map(str::to_string);
        Source::new(name, url)
    });
    Ok(Article {
        id: id.into(),
        url: url.into(),
        lang: lang.into(),
        title: title.into(),
        published: Lenient::from_option(published),
        updated: Lenient::from_option(updated),
        lead: Lenient::from_option(summary),
        authors: Lenient::list(authors),
        source: Lenient::from_option(source),
        image: Lenient::from_option(image),
        content_html: content_html.into(),
        tags: Lenient::list(w.str_list(it, p, "tags")),
        ..Article::default()
    })
}

/// `authors` (1.1), else the 1.0 `author` object.
fn authors_of(o: &Value, p: &str, w: &mut Warnings) -> Vec<Author> {
    let mut out = Vec::new();
    for (i, a) in w.opt_list(o, p, "authors").iter().enumerate() {
        if let Some(name) = w.opt_str(a, &format!("{}[{i}]", join(p, "authors")), "name") {
            out.push(Author::new(name, None));
        }
    }
    if out.is_empty() {
        if let Some(a) = w.opt_obj(o, p, "author") {
            if let Some(name) = w.opt_str(a, &join(p, "author"), "name") {
                out.push(Author::new(name, None));
            }
        }
    }
    out
}
