//! The `<head>` of an article page: title, description, canonical address, Open Graph and Twitter
//! card tags, and JSON-LD `NewsArticle`, every value escaped.

use super::escape;
use article_viewer::article::Article;
use article_viewer::page_meta;
use article_viewer::url_policy::{allow, UrlUse};

/// The addresses a page's metadata needs.
pub struct HeadUrls<'a> {
    /// Where the article's JSON is (its image resolves against it).
    pub json_url: &'a str,
    /// The page's own address.
    pub page_url: &'a str,
}

/// The article's hero image as an absolute address, if it has an allowed one.
pub fn image_url(article: &Article, json_url: &str) -> Option<String> {
    let img = article.image.as_ref()?;
    allow(&img.src, Some(json_url), UrlUse::Resource).ok()
}

/// The tags that go in the page's `<head>` for `article`, starting with its `<title>`.
pub fn head(article: &Article, urls: &HeadUrls<'_>) -> String {
    let site = page_meta::site_name(
        article.source.as_ref().map(|s| s.name.as_str()),
        &article.url,
    );
    let title = page_meta::page_title(&article.title, site.as_deref());
    let description = page_meta::description(article.lead.as_deref());
    let image = image_url(article, urls.json_url);
    let image_alt = article
        .image
        .as_ref()
        .and_then(|i| i.alt.as_deref())
        .filter(|a| !a.trim().is_empty());
    let mut out = format!("<title>{}</title>\n", escape::text(&title));
    let mut meta = |attr: &str, key: &str, value: &str| {
        out.push_str(&format!(
            "    <meta {attr}=\"{}\" content=\"{}\" />\n",
            escape::attr(key),
            escape::attr(value)
        ));
    };
    if let Some(d) = &description {
        meta("name", "description", d);
    }
    meta("property", "og:type", "article");
    meta("property", "og:title", &article.title);
    if let Some(d) = &description {
        meta("property", "og:description", d);
    }
    meta("property", "og:url", &article.url);
    if let Some(site) = &site {
        meta("property", "og:site_name", site);
    }
    meta("property", "og:locale", &article.lang.replace('-', "_"));
    if let Some(src) = &image {
        meta("property", "og:image", src);
        if let Some(alt) = image_alt {
            meta("property", "og:image:alt", alt);
        }
    }
    if let Some(p) = &article.published {
        meta("property", "article:published_time", p);
    }
    if let Some(u) = &article.updated {
        meta("property", "article:modified_time", u);
    }
    for a in &article.authors {
        meta("property", "article:author", &a.name);
    }
    if let Some(c) = &article.category {
        meta("property", "article:section", c);
    }
    for t in &article.tags {
        meta("property", "article:tag", t);
    }
    let card = if image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    meta("name", "twitter:card", card);
    meta("name", "twitter:title", &article.title);
    if let Some(d) = &description {
        meta("name", "twitter:description", d);
    }
    if let Some(src) = &image {
        meta("name", "twitter:image", src);
    }
    out.push_str(&format!(
        "    <link rel=\"canonical\" href=\"{}\" />\n",
        escape::attr(&article.url)
    ));
    out.push_str(&format!(
        "    <link rel=\"alternate\" type=\"application/json\" href=\"{}\" data-article-viewer />\n",
        escape::attr(urls.json_url)
    ));
    out.push_str(&format!(
        "    <script type=\"application/ld+json\">{}</script>\n",
        escape::json_in_script(&json_ld(article, urls, image.as_deref(), site.as_deref()))
    ));
    out
}

/// The article as schema.org `NewsArticle` (JSON-LD).
fn json_ld(
    article: &Article,
    urls: &HeadUrls<'_>,
    image: Option<&str>,
    site: Option<&str>,
) -> String {
    let mut ld = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "inLanguage": article.lang,
        "url": urls.page_url,
        "mainEntityOfPage": article.url,
    });
    let o = ld.as_object_mut().expect("an object");
    if let Some(d) = page_meta::description(article.lead.as_deref()) {
        o.insert("description".into(), d.into());
    }
    if let Some(src) = image {
        o.insert("image".into(), serde_json::json!([src]));
    }
    if let Some(p) = &article.published {
        o.insert("datePublished".into(), p.as_str().into());
    }
    if let Some(u) = article.updated.as_ref().or(article.published.as_ref()) {
        o.insert("dateModified".into(), u.as_str().into());
    }
    if !article.authors.is_empty() {
        let authors: Vec<_> = article
            .authors
            .iter()
            .map(|a| {
                let mut p = serde_json::json!({ "@type": "Person", "name": a.name });
                if let Some(org) = a.org.as_deref() {
                    p["affiliation"] = serde_json::json!({ "@type": "Organization", "name": org });
                }
                p
            })
            .collect();
        o.insert("author".into(), authors.into());
    }
    if let Some(site) = site {
        o.insert(
            "publisher".into(),
            serde_json::json!({ "@type": "Organization", "name": site }),
        );
    }
    if let Some(c) = &article.category {
        o.insert("articleSection".into(), c.as_str().into());
    }
    if !article.tags.is_empty() {
        o.insert("keywords".into(), article.tags.join(", ").into());
    }
    ld.to_string()
}
