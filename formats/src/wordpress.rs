//! A WordPress REST API post (`/wp-json/wp/v2/posts/ID?_embed`, or the list form, first item).

use crate::article::{normalize_lang, Article, Author, Image, Lenient};
use crate::date::{self, SiteDate};
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
    let site = site_offset(post);
    let published = wp_date(post, p, "date_gmt", "date", site, w);
    if published.is_none() {
        w.note(
            &join(p, "date"),
            "missing or unreadable; the post is shown without a date",
        );
    }
    let updated = wp_date(post, p, "modified_gmt", "modified", site, w);
    let lead = match w.opt_obj(post, p, "excerpt") {
        Some(ex) => w
            .opt_str(ex, &join(p, "excerpt"), "rendered")
            .map(|h| excerpt_lead(&html_to_text(&h)))
            .filter(|t| !t.is_empty()),
        None => None,
    };
    // The embedding element's or page's `lang` first (the portal knows its readers), then the
    // site's (Yoast's `og_locale`, or a `lang`/`language` the document carries), then the text's.
    let source_lang = post
        .get("yoast_head_json")
        .and_then(|y| y.get("og_locale"))
        .or_else(|| post.get("lang"))
        .or_else(|| post.get("language"))
        .and_then(Value::as_str)
        .and_then(normalize_lang);
    let lang = opts
        .lang
        .and_then(normalize_lang)
        .or(source_lang)
        .or_else(|| {
            crate::lang::detect(&format!("{title} {}", html_to_text(&content_html)))
                .map(str::to_string)
        })
        .unwrap_or_else(|| "und".to_string());

    let mut article = Article {
        id: id.into(),
        url: url.into(),
        lang: lang.into(),
        title: title.into(),
        published: Lenient::from_option(published),
        updated: Lenient::from_option(updated),
        lead: Lenient::from_option(lead),
        content_html: content_html.into(),
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

/// An excerpt as a lead: without the "read more" mark WordPress ends it with (`[…]`, `…`,
/// `[...]`, `...`): the lead is shown whole, above the body that goes on.
pub fn excerpt_lead(text: &str) -> String {
    let mut t = text.trim();
    loop {
        let before = t.len();
        for mark in ["[…]", "[&hellip;]", "[...]", "…", "...", "&hellip;"] {
            t = t.strip_suffix(mark).unwrap_or(t).trim_end();
        }
        if t.len() == before {
            return t.to_string();
        }
    }
}

fn p_or_doc(p: &str) -> &str {
    if p.is_empty() {
        "(document)"
    } else {
        p
    }
}

/// Zones without daylight saving time that WordPress sites name in `timezone_string`.
const FIXED_ZONES: &[(&str, i32)] = &[
    ("Asia/Ho_Chi_Minh", 420),
    ("Asia/Saigon", 420),
    ("Asia/Bangkok", 420),
    ("Asia/Phnom_Penh", 420),
    ("Asia/Vientiane", 420),
    ("Asia/Jakarta", 420),
    ("Asia/Singapore", 480),
    ("Asia/Kuala_Lumpur", 480),
    ("Asia/Manila", 480),
    ("Asia/Shanghai", 480),
    ("Asia/Hong_Kong", 480),
    ("Asia/Taipei", 480),
    ("Asia/Tokyo", 540),
    ("Asia/Seoul", 540),
    ("Asia/Kolkata", 330),
    ("UTC", 0),
];

/// The site's offset from UTC in minutes, when the document carries the site's settings as
/// `/wp-json/` gives them: `timezone_string` (`Asia/Ho_Chi_Minh`, `UTC+7`) or `gmt_offset` (hours,
/// `7` or `"5.5"`). A zone with daylight saving time is not read from its name (no zone database
/// here): `gmt_offset` is used for it.
pub fn site_offset(doc: &Value) -> Option<i32> {
    let named = doc
        .get("timezone_string")
        .and_then(Value::as_str)
        .and_then(|tz| {
            FIXED_ZONES
                .iter()
                .find(|(name, _)| *name == tz)
                .map(|(_, m)| *m)
                .or_else(|| tz.strip_prefix("UTC").and_then(date::parse_offset))
        });
    let minutes = match doc.get("gmt_offset") {
        Some(Value::Number(n)) => n.as_f64().map(|h| (h * 60.0).round() as i32),
        Some(Value::String(s)) => hours_to_minutes(s.trim()),
        _ => None,
    };
    named.or_else(|| minutes.filter(|m| m.abs() <= 14 * 60))
}

/// `7`, `-3.5`, `5.75` hours as minutes (read by hand: a float parser costs the wasm 6 KB).
fn hours_to_minutes(s: &str) -> Option<i32> {
    let (sign, s) = match s.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, s.strip_prefix('+').unwrap_or(s)),
    };
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    let h: i32 = whole.parse().ok()?;
    let m = match frac.trim_end_matches('0') {
        "" => 0,
        "25" => 15,
        "5" => 30,
        "75" => 45,
        _ => return None,
    };
    Some(sign * (h * 60 + m))
}

/// A post time with its offset: WordPress gives the site's wall-clock time in `date` and UTC in
/// `date_gmt`, so the offset is their difference (to the nearest quarter hour). With only one of
/// them, the site's offset ([`site_offset`]) places it; with neither that, `date` is shown as
/// written without a zone and `date_gmt` as UTC. Unreadable values are left out with a warning.
fn wp_date(
    post: &Value,
    p: &str,
    gmt: &str,
    local: &str,
    site: Option<i32>,
    w: &mut Warnings,
) -> Option<String> {
    let mut read = |key: &str| -> Option<SiteDate> {
        let raw = w.opt_str(post, p, key)?;
        // Drafts carry `0000-00-00 00:00:00` in `date_gmt`: no date, not an error.
        if raw.starts_with("0000") {
            return None;
        }
        let d = date::parse(&raw);
        if d.is_none() {
            w.note(&join(p, key), &format!("`{raw}` is not a date; ignored"));
        }
        d
    };
    let (utc, wall) = (read(gmt), read(local));
    let shown = match (utc, wall) {
        (Some(u), Some(l)) => {
            let minutes = l.wall_minutes() - u.wall_minutes();
            let offset = ((minutes as f64 / 15.0).round() * 15.0) as i32;
            if offset.abs() <= 14 * 60 {
                l.with_offset(Some(offset))
            } else {
                w.note(
                    &join(p, local),
                    &format!("is {minutes} minutes from `{gmt}`; `{gmt}` is used"),
                );
                u.with_offset(Some(0))
            }
        }
        (Some(u), None) => match site {
            Some(m) => SiteDate::from_wall_minutes(u.wall_minutes() + i64::from(m), Some(m)),
            None => u.with_offset(Some(0)),
        },
        (None, Some(l)) => {
            if site.is_none() {
                w.note(
                    &join(p, local),
                    &format!("has no time zone and there is no `{gmt}`; shown as written"),
                );
            }
            l.with_offset(site)
        }
        (None, None) => return None,
    };
    Some(shown.to_rfc3339())
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
            a.authors.push(Author::new(html_to_text(&name), None));
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
            a.image = Image::new(src, alt, caption).into();
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
                Some("category") if a.category.is_absent() && name != "Uncategorized" => {
                    a.category = name.into();
                }
                Some("post_tag") => a.tags.push(name),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_loses_its_read_more_mark() {
        for (raw, lead) in [
            ("Sapo của bài [&hellip;]", "Sapo của bài"),
            ("Sapo của bài […]", "Sapo của bài"),
            (
                "A night boat runs at weekends …",
                "A night boat runs at weekends",
            ),
            ("Trailing dots...", "Trailing dots"),
            ("Nothing to cut.", "Nothing to cut."),
            ("[…]", ""),
        ] {
            assert_eq!(excerpt_lead(raw), lead);
        }
    }
}
