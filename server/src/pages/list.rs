//! A page of the list of articles (`/articles/`, `/articles/page/{n}`): the build's frame, the
//! list's metadata, the list as a data block (the standalone app reads it instead of asking again)
//! and the list rendered by the viewer's components.

use super::escape;
use super::template::Template;
use article_viewer::i18n::UiLang;
use article_viewer::reader::prefs::Prefs;
use article_viewer::site::list::list_title;
use article_viewer::site::words::site_words;
use article_viewer_wire::index::{ArticleIndex, INDEX_BLOCK_ID};

/// The meta tag that tells the standalone page's start (`boot.js`) it is on a list page.
pub const LIST_MARKER: &str = "<meta name=\"article-viewer:page\" content=\"list\" />";

/// The way from page `n` of the list back to the site's root (`/articles/` → `../`,
/// `/articles/page/2` → `../../`).
pub fn prefix(n: usize) -> &'static str {
    if n <= 1 {
        "../"
    } else {
        "../../"
    }
}

/// The `<head>` tags of a page of the list.
fn head(index: &ArticleIndex, lang: UiLang) -> String {
    let w = site_words(lang);
    let title = list_title(index, lang);
    let description = match index.items.first() {
        Some(newest) => format!("{} · {}", (w.count)(index.total), newest.title),
        None => w.empty.to_string(),
    };
    let mut out = format!("<title>{}</title>\n", escape::text(&title));
    let mut tag = |s: String| {
        out.push_str("    ");
        out.push_str(&s);
        out.push('\n');
    };
    tag(LIST_MARKER.to_string());
    let meta = |attr: &str, key: &str, value: &str| {
        format!(
            "<meta {attr}=\"{key}\" content=\"{}\" />",
            escape::attr(value)
        )
    };
    tag(meta("name", "description", &description));
    tag(format!(
        "<link rel=\"canonical\" href=\"{}\" />",
        escape::attr(&index.href)
    ));
    if let Some(p) = &index.prev {
        tag(format!(
            "<link rel=\"prev\" href=\"{}\" />",
            escape::attr(p)
        ));
    }
    if let Some(n) = &index.next {
        tag(format!(
            "<link rel=\"next\" href=\"{}\" />",
            escape::attr(n)
        ));
    }
    tag(meta("property", "og:type", "website"));
    tag(meta("property", "og:title", &title));
    tag(meta("property", "og:description", &description));
    tag(meta("property", "og:url", &index.href));
    if let Some(image) = index.items.iter().find_map(|i| i.image.as_deref()) {
        tag(meta("property", "og:image", image));
    }
    tag(meta("name", "twitter:card", "summary"));
    tag(json_ld(index, &title, &description));
    out
}

/// JSON-LD for search engines: a `CollectionPage` whose main entity is the `ItemList` of this
/// page's articles, in order.
fn json_ld(index: &ArticleIndex, title: &str, description: &str) -> String {
    let first = (index.page.max(1) as usize - 1) * super::catalog::PER_PAGE;
    let items: Vec<serde_json::Value> = index
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            serde_json::json!({
                "@type": "ListItem",
                "position": first + i + 1,
                "url": item.href,
                "name": item.title,
            })
        })
        .collect();
    let ld = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": title,
        "description": description,
        "url": index.href,
        "mainEntity": {
            "@type": "ItemList",
            "numberOfItems": index.total,
            "itemListElement": items,
        },
    });
    format!(
        "<script type=\"application/ld+json\">{}</script>",
        escape::json_in_script(&ld.to_string())
    )
}

/// The HTML page of one page of the list.
pub fn list_page(template: &Template, index: ArticleIndex, lang: UiLang) -> String {
    list_page_with(template, index, lang, &Prefs::default())
}

/// [`list_page`] in the reader's choices `prefs` (from their cookie, on the server).
pub fn list_page_with(
    template: &Template,
    index: ArticleIndex,
    lang: UiLang,
    prefs: &Prefs,
) -> String {
    let head = head(&index, lang);
    let json = serde_json::to_string(&index).unwrap_or_else(|_| "{}".into());
    let data = format!(
        "<script type=\"application/json\" id=\"{INDEX_BLOCK_ID}\">{}</script>\n    ",
        escape::json_in_script(&json)
    );
    let tag = if lang == UiLang::En { "en" } else { "vi" };
    let main = article_viewer::ssr::list_main_with(index, lang, prefs);
    template.fill(tag, &head, &(data + &main))
}

#[cfg(test)]
mod tests {
    use super::*;
    use article_viewer_wire::index::{data_block, ArticleSummary};

    #[test]
    fn writes_the_list_its_metadata_and_its_data() {
        let template = Template::parse(
            "<!doctype html><html lang=\"vi\"><head><title>x</title>\
             <script type=\"module\" src=\"./boot.js\"></script></head>\
             <body class=\"av-page\"></body></html>",
            "../",
        )
        .unwrap();
        let index = ArticleIndex {
            items: vec![ArticleSummary {
                id: "a".into(),
                href: "https://x/articles/a".into(),
                src: "https://x/content/a.json".into(),
                title: "</script><b>\"T\"".into(),
                image: Some("https://x/i.jpg".into()),
                ..ArticleSummary::default()
            }],
            page: 1,
            pages: 2,
            total: 21,
            href: "https://x/articles/".into(),
            prev: None,
            next: Some("https://x/articles/page/2".into()),
        };
        let page = list_page(&template, index.clone(), UiLang::Vi);
        assert!(page.contains("<title>Bài viết</title>"));
        assert!(page.contains(LIST_MARKER));
        assert!(page.contains("<link rel=\"canonical\" href=\"https://x/articles/\" />"));
        assert!(page.contains("<link rel=\"next\" href=\"https://x/articles/page/2\" />"));
        assert!(page.contains("content=\"21 bài viết · &lt;/script&gt;&lt;b&gt;&quot;T&quot;\""));
        assert!(page.contains("<meta property=\"og:image\" content=\"https://x/i.jpg\" />"));
        // The boot script, the JSON-LD and the data block: nothing a title could open.
        assert_eq!(page.matches("<script").count(), 3, "{page}");
        let ld_at = page.find("<script type=\"application/ld+json\">").unwrap();
        let ld_start = ld_at + page[ld_at..].find('>').unwrap() + 1;
        let ld_end = ld_start + page[ld_start..].find("</script>").unwrap();
        let ld: serde_json::Value = serde_json::from_str(&page[ld_start..ld_end]).unwrap();
        assert_eq!(
            ld["mainEntity"]["itemListElement"][0]["name"],
            "</script><b>\"T\""
        );
        assert_eq!(ld["mainEntity"]["itemListElement"][0]["position"], 1);
        let block = data_block(&page, INDEX_BLOCK_ID).unwrap();
        assert_eq!(serde_json::from_str::<ArticleIndex>(block).unwrap(), index);
        assert!(page.contains("data-testid=\"av-list\""));
    }
}
