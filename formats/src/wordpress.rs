//! A WordPress REST API post (`/wp-json/wp/v2/posts/ID?_embed`, or the list form, first item).

use crate::article::{normalize_date, normalize_lang, Article, Author, Image};
use crate::dom::html_to_text;
use crate::error::ConvertError;
use crate::lenient::{join, kind, req_obj, req_str, Warnings};
use crate::Options;
use serde_json::Value;

/// Whether a JSON value looks like a WordPress post (`title.rendered` or `content.rendered`).
pub fn looks_like(v: &Value) -> bool {
    let post = match v {
        Value::Array(items) => match items.first() {
            Some(first) => first,
            None => return false,
        },
        other => other,
    };
    ["title", "content"]
        .iter()
        .any(|k| post.get(k).and_then(|f| f.get("rendered")).is_some())
}

/// Converts a post (or the first post of a list).
pub fn convert(v: &Value, opts: &Options<'_>, w: &mut Warnings) -> Result<Article, ConvertError> {
    let (post, path) = match v {
        Value::Array(items) => {
            let first = items
                .first()
                .ok_or_else(|| ConvertError::Empty("[]".into()))?;
            if items.len() > 1 {
                w.note(
                    "[0]",
                    &format!("the list has {} posts; the first is shown", items.len()),
                );
            }
            (first, "[0]".to_string())
        }
        Value::Object(_) => (v, String::new()),
        other => {
            return Err(ConvertError::field(
                "(document)",
                format!(
                    "must be a post object or a list of posts, not {}",
                    kind(other)
                ),
            ))
        }
    };
    let p = path.as_str();
    let rendered = |key: &str| -> Result<String, ConvertError> {
        req_str(req_obj(post, p, key)?, &join(p, key), "rendered")
    };
    let id = match post.get("id") {
        Some(Value::Number(n)) => format!("wp-{n}"),
        Some(Value::String(s)) if !s.trim().is_empty() => format!("wp-{}", s.trim()),
        None | Some(Value::Null) => {
            return Err(ConvertError::field(
                join(p, "id"),
                "is required but missing",
            ))
        }
        Some(other) => {
            return Err(ConvertError::field(
                join(p, "id"),
                format!("must be a number, not {}", kind(other)),
            ))
        }
    };
    let title = html_to_text(&rendered("title")?);
    if title.is_empty() {
        return Err(ConvertError::field(
            join(p, "title.rendered"),
            "is required but empty",
        ));
    }
    let content_html = rendered("content")?;
    if post.get("content").and_then(|c| c.get("protected")) == Some(&Value::Bool(true)) {
        w.note(
            &join(p, "content.protected"),
            "the post is password-protected; its body may be empty",
        );
    }
    let url = match w.opt_str(post, p, "link") {
        Some(link) => link,
        None => {
            w.note(
                &join(p, "link"),
                "missing; the address the post was fetched from is used",
            );
            opts.url.to_string()
        }
    };
    let published = wp_date(post, p, "date_gmt", "date", w)?
        .ok_or_else(|| ConvertError::field(join(p, "date_gmt"), "is required but missing"))?;
    let updated = wp_date(post, p, "modified_gmt", "modified", w).unwrap_or(None);
    let lead = match w.opt_obj(post, p, "excerpt") {
        Some(ex) => w
            .opt_str(ex, &join(p, "excerpt"), "rendered")
            .map(|h| html_to_text(&h))
            .map(|t| {
                t.trim_end_matches("[…]")
                    .trim_end_matches("[&hellip;]")
                    .trim()
                    .to_string()
            })
            .filter(|t| !t.is_empty()),
        None => None,
    };
    let yoast_lang = post
        .get("yoast_head_json")
        .and_then(|y| y.get("og_locale"))
        .and_then(Value::as_str)
        .and_then(normalize_lang);
    let lang = yoast_lang
        .or_else(|| opts.lang.and_then(normalize_lang))
        .unwrap_or_else(|| "und".to_string());

    let mut article = Article {
        id,
        url,
        lang,
        title,
        published,
        updated,
        lead,
        content_html,
        ..Article::default()
    };
    if let Some(embedded) = w.opt_obj(post, p, "_embedded") {
        embedded_fields(embedded, &join(p, "_embedded"), &mut article, w);
    } else if post.get("author").is_some() || post.get("featured_media").is_some() {
        w.note(
            p_or_doc(p),
            "has no `_embedded` (fetch it with `?_embed`): no author, image or terms",
        );
    }
    Ok(article)
}

fn p_or_doc(p: &str) -> &str {
    if p.is_empty() {
        "(document)"
    } else {
        p
    }
}

/// `date_gmt` (UTC without an offset), else the site-local `date` (offset unknown: taken as UTC).
fn wp_date(
    post: &Value,
    p: &str,
    gmt: &str,
    local: &str,
    w: &mut Warnings,
) -> Result<Option<String>, ConvertError> {
    if let Some(raw) = w.opt_str(post, p, gmt) {
        return match normalize_date(&raw, "Z") {
            Some((d, _)) => Ok(Some(d)),
            None => Err(ConvertError::field(
                join(p, gmt),
                format!("`{raw}` is not a date"),
            )),
        };
    }
    if let Some(raw) = w.opt_str(post, p, local) {
        if let Some((d, assumed)) = normalize_date(&raw, "Z") {
            if assumed {
                w.note(
                    &join(p, local),
                    "has no time zone and there is no `*_gmt` field; taken as UTC",
                );
            }
            return Ok(Some(d));
        }
    }
    Ok(None)
}

fn embedded_fields(e: &Value, path: &str, a: &mut Article, w: &mut Warnings) {
    for (i, au) in w.opt_list(e, path, "author").iter().enumerate() {
        let ap = format!("{path}.author[{i}]");
        if au.get("code").is_some() {
            w.note(
                &ap,
                "is an error object (the author is not public); skipped",
            );
            continue;
        }
        if let Some(name) = w.opt_str(au, &ap, "name") {
            a.authors.push(Author {
                name: html_to_text(&name),
                org: None,
            });
        }
    }
    if let Some(media) = w.opt_list(e, path, "wp:featuredmedia").first() {
        let mp = format!("{path}.wp:featuredmedia[0]");
        if media.get("code").is_some() {
            w.note(&mp, "is an error object (the image is not public); skipped");
        } else if let Some(src) = w.opt_str(media, &mp, "source_url") {
            let alt = w.opt_str(media, &mp, "alt_text");
            let caption = w
                .opt_obj(media, &mp, "caption")
                .and_then(|c| w.opt_str(c, &join(&mp, "caption"), "rendered"))
                .map(|h| html_to_text(&h))
                .filter(|t| !t.is_empty());
            a.image = Some(Image { src, alt, caption });
        }
    }
    // `wp:term` is a list of lists of terms, one list per taxonomy.
    for (i, group) in w.opt_list(e, path, "wp:term").iter().enumerate() {
        let Value::Array(terms) = group else {
            w.wrong_type(&format!("{path}.wp:term[{i}]"), "a list", group);
            continue;
        };
        for (j, term) in terms.iter().enumerate() {
            let tp = format!("{path}.wp:term[{i}][{j}]");
            let Some(name) = w.opt_str(term, &tp, "name").map(|n| html_to_text(&n)) else {
                continue;
            };
            match term.get("taxonomy").and_then(Value::as_str) {
                Some("category") if a.category.is_none() && name != "Uncategorized" => {
                    a.category = Some(name);
                }
                Some("post_tag") => a.tags.push(name),
                _ => {}
            }
        }
    }
}
