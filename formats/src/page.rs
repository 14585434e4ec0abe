//! An HTML article page: metadata from schema.org JSON-LD (`NewsArticle`, `Article`, …), then
//! Open Graph and `<meta>` fallbacks; the body from [`crate::extract`].

use crate::article::{
    normalize_lang, read_date, text_to_paragraphs, Article, Author, Image, Lenient, Source,
};
use crate::dom::{html_to_text, squash, Dom, Kind};
use crate::error::ConvertError;
use crate::extract::extract_with_base;
use crate::lenient::{kind, Warnings};
use crate::Options;
use serde_json::Value;

/// schema.org types read as the article.
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "ScholarlyArticle",
    "TechArticle",
    "Report",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "Blog",
    "WebPage",
];

/// The metadata of a page, gathered before the article is built.
struct Meta<'d> {
    dom: &'d Dom,
    /// `<meta>` values by lower-case `property`, `name` or `itemprop`, in order.
    meta: Vec<(String, String)>,
}

impl Meta<'_> {
    fn get(&self, key: &str) -> Option<String> {
        self.meta
            .iter()
            .find(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_string())
    }

    fn all(&self, key: &str) -> Vec<String> {
        self.meta
            .iter()
            .filter(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_string())
            .collect()
    }

    fn first_of(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| self.get(k))
    }

    fn link(&self, rel: &str) -> Option<String> {
        self.dom
            .elements_named("link")
            .find(|&l| {
                self.dom
                    .attr(l, "rel")
                    .is_some_and(|r| r.split_whitespace().any(|t| t.eq_ignore_ascii_case(rel)))
            })
            .and_then(|l| self.dom.attr(l, "href"))
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty())
    }
}

fn has_type(v: &Value, types: &[&str]) -> bool {
    let matches = |t: &Value| {
        t.as_str()
            .map(|s| s.rsplit('/').next().unwrap_or(s))
            .is_some_and(|s| types.contains(&s))
    };
    match v.get("@type") {
        Some(Value::Array(list)) => list.iter().any(matches),
        Some(t) => matches(t),
        None => false,
    }
}

/// The first schema.org article object in the page's JSON-LD blocks (`@graph` and lists flattened).
fn json_ld(dom: &Dom, w: &mut Warnings) -> Option<Value> {
    let mut found: Vec<Value> = Vec::new();
    for s in dom.elements_named("script") {
        let ty = dom.attr(s, "type").unwrap_or("").to_ascii_lowercase();
        if !ty.contains("ld+json") {
            continue;
        }
        let text: String = dom
            .children(s)
            .iter()
            .filter_map(|&c| match &dom.nodes[c].kind {
                Kind::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        let cleaned = text
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->")
            .trim();
        match serde_json::from_str::<Value>(cleaned) {
            Ok(v) => found.push(v),
            Err(e) => w.note(
                "ld+json",
                &format!("a JSON-LD block is not JSON ({e}); ignored"),
            ),
        }
    }
    let mut queue: Vec<Value> = found;
    let mut flat = Vec::new();
    while let Some(v) = queue.pop() {
        match v {
            Value::Array(items) => queue.extend(items.into_iter().rev()),
            Value::Object(mut o) => {
                if let Some(g) = o.remove("@graph") {
                    queue.push(g);
                }
                flat.push(Value::Object(o));
            }
            _ => {}
        }
    }
    // Prefer real article types to a generic WebPage.
    let specific = &ARTICLE_TYPES[..ARTICLE_TYPES.len() - 1];
    flat.iter()
        .find(|v| has_type(v, specific))
        .or_else(|| {
            flat.iter()
                .find(|v| has_type(v, &["WebPage"]) && v.get("headline").is_some())
        })
        .cloned()
}

/// Text of a JSON-LD value that may be a string, an object with `name`, or a list of either.
fn ld_names(v: &Value, field: &str, w: &mut Warnings) -> Vec<String> {
    match v {
        Value::String(s) => vec![html_to_text(s)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect(),
        Value::Object(o) => match o.get("name") {
            Some(Value::String(s)) => vec![html_to_text(s)]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect(),
            Some(Value::Array(_)) | Some(Value::Object(_)) => ld_names(&o["name"], field, w),
            _ => Vec::new(),
        },
        Value::Array(items) => items.iter().flat_map(|i| ld_names(i, field, w)).collect(),
        Value::Null => Vec::new(),
        other => {
            w.wrong_type(field, "text or an object with a name", other);
            Vec::new()
        }
    }
}

fn ld_str(ld: Option<&Value>, key: &str, w: &mut Warnings) -> Option<String> {
    let ld = ld?;
    match ld.get(key)? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Array(items) => items
            .iter()
            .find_map(Value::as_str)
            .map(|s| s.trim().to_string()),
        Value::Null => None,
        other => {
            w.wrong_type(&format!("ld+json.{key}"), "text", other);
            None
        }
    }
}

fn ld_image(v: &Value, w: &mut Warnings) -> Option<Image> {
    match v {
        Value::String(s) => Some(Image::new(s.trim().to_string(), None, None)),
        Value::Object(o) => {
            let src = o
                .get("url")
                .or_else(|| o.get("contentUrl"))
                .and_then(Value::as_str)?;
            let caption = o
                .get("caption")
                .and_then(Value::as_str)
                .map(html_to_text)
                .filter(|c| !c.is_empty());
            let alt = o
                .get("description")
                .and_then(Value::as_str)
                .map(html_to_text)
                .filter(|c| !c.is_empty());
            Some(Image::new(src.trim().to_string(), alt, caption))
        }
        Value::Array(items) => items.iter().find_map(|i| ld_image(i, w)),
        Value::Null => None,
        other => {
            w.wrong_type("ld+json.image", "an address or an ImageObject", other);
            None
        }
    }
}

/// Cleans a `<title>`: "Headline | Site" → "Headline".
fn clean_title(t: &str) -> String {
    let t = squash(t);
    for sep in [" | ", " – ", " — ", " - ", " » ", " :: ", " / "] {
        if let Some(i) = t.rfind(sep) {
            let head = t[..i].trim();
            if head.split_whitespace().count() >= 3 {
                return head.to_string();
            }
            if let Some(j) = t.find(sep) {
                let tail = t[j + sep.len()..].trim();
                if tail.split_whitespace().count() >= 3 {
                    return tail.to_string();
                }
            }
        }
    }
    t
}

use crate::urls::absolute;

/// The `datetime` of the page's publication `<time>`: one marked as such (`itemprop=datePublished`,
/// `pubdate`), else the first inside an `<article>`, else the first in the body.
fn time_in_article(dom: &Dom) -> Option<String> {
    let body = dom.first("body")?;
    let times: Vec<usize> = dom
        .descendants(body)
        .into_iter()
        .filter(|&t| dom.name(t) == "time" && dom.attr(t, "datetime").is_some())
        .collect();
    let in_article = |t: usize| {
        let mut n = dom.nodes[t].parent;
        while let Some(p) = n {
            if dom.name(p) == "article" {
                return true;
            }
            n = dom.nodes[p].parent;
        }
        false
    };
    let marked = |t: &usize| {
        dom.attr(*t, "pubdate").is_some()
            || dom
                .attr(*t, "itemprop")
                .is_some_and(|i| i.eq_ignore_ascii_case("datePublished"))
    };
    let pick = times
        .iter()
        .find(|t| marked(t))
        .or_else(|| times.iter().find(|&&t| in_article(t)))
        .or_else(|| times.first())?;
    dom.attr(*pick, "datetime")
        .map(|d| d.trim().to_string())
        .filter(|d| !d.is_empty())
}

/// Least body text, in characters, of a page with no sign of being an article nor a picture.
const MIN_UNMARKED_TEXT: usize = 25;

/// The page itself, or, when the address's fragment names an embed element (`<article-viewer>` or
/// `<div data-article-viewer>` around a portal's own markup of an article, README "Embedding in a
/// portal"), that element alone: the article the address means, on a page that may hold several.
fn embedded(dom: Dom, url: &str) -> Dom {
    let target = url
        .split_once('#')
        .map(|(_, f)| f)
        .filter(|f| !f.is_empty())
        .and_then(|f| dom.by_id(f))
        .filter(|&e| {
            dom.name(e) == "article-viewer" || dom.attr(e, "data-article-viewer").is_some()
        });
    match target {
        Some(e) => dom.only(e),
        None => dom,
    }
}

/// Converts an HTML article page.
pub fn convert(text: &str, opts: &Options<'_>, w: &mut Warnings) -> Result<Article, ConvertError> {
    let dom = embedded(Dom::parse(text), opts.url);
    let meta = Meta {
        dom: &dom,
        meta: dom
            .elements_named("meta")
            .filter_map(|m| {
                let key = dom
                    .attr(m, "property")
                    .or_else(|| dom.attr(m, "name"))
                    .or_else(|| dom.attr(m, "itemprop"))?;
                Some((
                    key.trim().to_ascii_lowercase(),
                    dom.attr(m, "content")?.to_string(),
                ))
            })
            .collect(),
    };
    let ld = json_ld(&dom, w);
    let ld = ld.as_ref();
    let fetched = absolute(None, opts.url);
    let base = dom
        .first("base")
        .and_then(|b| dom.attr(b, "href"))
        .and_then(|h| absolute(fetched.as_deref(), h))
        .or(fetched.clone());

    let title = ld_str(ld, "headline", w)
        .or_else(|| ld_str(ld, "name", w))
        .map(|t| html_to_text(&t))
        .or_else(|| meta.first_of(&["og:title", "twitter:title", "title"]))
        .or_else(|| {
            dom.first("title")
                .map(|t| clean_title(&dom.text(t)))
                .filter(|t| !t.is_empty())
        })
        .or_else(|| {
            dom.first("h1")
                .map(|h| squash(&dom.text(h)))
                .filter(|t| !t.is_empty())
        });

    let url = meta
        .link("canonical")
        .or_else(|| meta.get("og:url"))
        .or_else(|| ld_str(ld, "url", w))
        .and_then(|u| absolute(base.as_deref(), &u))
        .or_else(|| fetched.clone())
        .ok_or_else(|| {
            ConvertError::field(
                "url",
                "the page has no canonical address and was not fetched from an http(s) one",
            )
        })?;

    let lang = ld
        .and_then(|l| l.get("inLanguage"))
        .and_then(|v| match v {
            Value::String(s) => Some(s.clone()),
            Value::Object(o) => o
                .get("alternateName")
                .or_else(|| o.get("name"))
                .and_then(Value::as_str)
                .map(str::to_string),
            _ => None,
        })
        .or_else(|| {
            dom.first("html")
                .and_then(|h| dom.attr(h, "lang"))
                .map(str::to_string)
        })
        .or_else(|| meta.first_of(&["og:locale", "content-language", "language", "dc.language"]))
        .and_then(|l| normalize_lang(&l))
        .or_else(|| opts.lang.and_then(normalize_lang));

    // Publication date, in this order: JSON-LD `datePublished`/`dateCreated`,
    // `article:published_time`, `og:published_time` (and other `<meta>` names for it), a
    // `<time datetime>` in the article, then `dateModified`. An unreadable value is skipped with a
    // warning and the next one tried; none at all leaves the date out.
    let modified = ld_str(ld, "dateModified", w).or_else(|| {
        meta.first_of(&[
            "article:modified_time",
            "og:updated_time",
            "datemodified",
            "dcterms.modified",
        ])
    });
    let candidates: Vec<(&str, Option<String>)> = vec![
        ("ld+json.datePublished", ld_str(ld, "datePublished", w)),
        ("ld+json.dateCreated", ld_str(ld, "dateCreated", w)),
        ("article:published_time", meta.get("article:published_time")),
        ("og:published_time", meta.get("og:published_time")),
        (
            "meta date",
            meta.first_of(&[
                "datepublished",
                "date",
                "pubdate",
                "publishdate",
                "dc.date",
                "dc.date.issued",
                "dcterms.created",
                "parsely-pub-date",
                "sailthru.date",
            ]),
        ),
        ("<time datetime>", time_in_article(&dom)),
        ("ld+json.dateModified", modified.clone()),
    ];
    let published = candidates
        .into_iter()
        .filter_map(|(field, raw)| raw.map(|r| (field, r)))
        .find_map(|(field, raw)| read_date(&raw, field, w));
    if published.is_none() {
        w.note(
            "datePublished",
            "no readable publication date in the page; the article is shown without one",
        );
    }
    let updated = modified.and_then(|d| crate::date::normalize(&d));

    let category = ld_str(ld, "articleSection", w).or_else(|| meta.get("article:section"));
    let lead = ld_str(ld, "description", w)
        .or_else(|| meta.first_of(&["og:description", "description", "twitter:description"]))
        .map(|d| html_to_text(&d))
        .filter(|d| !d.is_empty());

    let mut authors: Vec<String> = match ld.and_then(|l| l.get("author")) {
        Some(a) => ld_names(a, "ld+json.author", w),
        None => Vec::new(),
    };
    if authors.is_empty() {
        authors = meta
            .all("author")
            .into_iter()
            .chain(meta.all("article:author"))
            .chain(meta.all("parsely-author"))
            .filter(|a| !a.starts_with("http://") && !a.starts_with("https://"))
            .collect();
    }
    authors.dedup();

    let source = ld
        .and_then(|l| l.get("publisher"))
        .map(|p| ld_names(p, "ld+json.publisher", w))
        .and_then(|n| n.into_iter().next())
        .or_else(|| meta.get("og:site_name"))
        .map(|name| Source::new(name, None));

    let mut image = match ld.and_then(|l| l.get("image")) {
        Some(v) => ld_image(v, w),
        None => None,
    };
    if image.is_none() {
        image = meta
            .first_of(&[
                "og:image",
                "og:image:url",
                "og:image:secure_url",
                "twitter:image",
            ])
            .map(|src| {
                Image::new(
                    src,
                    meta.first_of(&["og:image:alt", "twitter:image:alt"]),
                    None,
                )
            });
    }
    if let Some(img) = image.as_mut() {
        match absolute(base.as_deref(), &img.src) {
            Some(abs) => img.src = abs,
            None => {
                w.note(
                    "image",
                    &format!("`{}` is not an http(s) address; ignored", img.src),
                );
                image = None;
            }
        }
    }

    let mut tags: Vec<String> = match ld.and_then(|l| l.get("keywords")) {
        Some(Value::String(s)) => s
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(other) => {
            w.wrong_type("ld+json.keywords", "text or a list of text", other);
            Vec::new()
        }
    };
    if tags.is_empty() {
        tags = meta.all("article:tag");
    }
    if tags.is_empty() {
        if let Some(k) = meta.get("keywords") {
            tags = k
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
        }
    }

    // A page that says nothing of being an article (no JSON-LD article, no `og:type` article, no
    // date) needs one paragraph's worth of text (Readability's least scoring paragraph) or a
    // picture to be shown as one: a login or error page ("Please log in") is "no article here".
    let says_article = ld.is_some()
        || published.is_some()
        || meta
            .get("og:type")
            .is_some_and(|t| t.to_ascii_lowercase().contains("article"));
    let enough = |found: &crate::extract::Extracted| {
        found.text_len > 0
            && (says_article
                || found.text_len >= MIN_UNMARKED_TEXT
                || ["<img", "<picture", "<video", "<iframe", "<audio"]
                    .iter()
                    .any(|m| found.html.contains(m)))
    };
    let content_html = match extract_with_base(&dom, title.as_deref(), base.as_deref()) {
        Some(found) if enough(&found) => found.html,
        _ => match ld.and_then(|l| l.get("articleBody")) {
            Some(Value::String(body)) if !body.trim().is_empty() => {
                w.note(
                    "body",
                    "no article text found in the page; JSON-LD `articleBody` is used",
                );
                text_to_paragraphs(body)
            }
            Some(other) if !other.is_null() => {
                w.wrong_type("ld+json.articleBody", "text", other);
                return Err(ConvertError::NoContent);
            }
            _ => return Err(ConvertError::NoContent),
        },
    };
    // No title anywhere: a page with a body still shows, under its first heading or the start
    // of its text.
    let title = match title {
        Some(t) => t,
        None => {
            let text = squash(&html_to_text(&content_html));
            if text.is_empty() {
                return Err(ConvertError::NoContent);
            }
            w.note(
                "headline",
                "no title in JSON-LD `headline`, `og:title`, `<title>` or `<h1>`; the start of the text is used",
            );
            let short: String = text.chars().take(80).collect();
            if text.chars().count() > 80 {
                format!("{}…", short.trim_end())
            } else {
                short
            }
        }
    };
    let lang = lang
        .or_else(|| {
            crate::lang::detect(&format!("{title} {}", html_to_text(&content_html)))
                .map(str::to_string)
        })
        .unwrap_or_else(|| "und".to_string());
    if let Some(v) = ld {
        if !v.is_object() {
            w.note("ld+json", &format!("is {}, not an object", kind(v)));
        }
    }
    Ok(Article {
        id: url.clone().into(),
        url: url.into(),
        lang: lang.into(),
        title: title.into(),
        published: Lenient::from_option(published),
        updated: Lenient::from_option(updated),
        category: Lenient::from_option(category),
        lead: Lenient::from_option(lead),
        authors: Lenient::list(
            authors
                .into_iter()
                .map(|name| Author::new(name, None))
                .collect(),
        ),
        source: Lenient::from_option(source),
        image: Lenient::from_option(image),
        content_html: content_html.into(),
        tags: Lenient::list(tags),
        comments: Lenient::Absent,
    })
}
