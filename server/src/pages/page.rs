//! One article page: the build's frame, the article's metadata, its JSON as a data block (the
//! viewer takes it instead of asking again) and the article rendered by the viewer's components.

use super::escape;
use super::head::{head, HeadUrls};
use super::template::Template;
use article_viewer::reader::prefs::Prefs;

/// The addresses of one article page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageUrls {
    /// Where the article's JSON is served (`…/content/{id}.json`).
    pub json_url: String,
    /// The page's own address (`…/articles/{id}`).
    pub page_url: String,
}

/// Why an article file cannot be a page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PageError {
    /// The file is not an article the viewer can show (named as the viewer would).
    #[error("{0}")]
    Article(String),
}

/// The HTML page of the article whose JSON text is `json`: in the project's format, or a WordPress
/// post or JSON Feed the formats converter reads (the page then carries the converted article).
pub fn article_page(template: &Template, json: &str, urls: &PageUrls) -> Result<String, PageError> {
    article_page_with(template, json, urls, &Prefs::default())
}

/// [`article_page`] in the reader's settings `prefs` (the server's pages, from their cookie).
pub fn article_page_with(
    template: &Template,
    json: &str,
    urls: &PageUrls,
    prefs: &Prefs,
) -> Result<String, PageError> {
    let options = article_viewer_formats::Options {
        url: &urls.json_url,
        content_type: "application/json",
        format: None,
        item: None,
        lang: None,
    };
    let converted = article_viewer_formats::convert(json, &options)
        .map_err(|e| PageError::Article(e.to_string()))?;
    let json = converted.article_json.as_str();
    let loaded = article_viewer::load::prepare(json, &urls.json_url).map_err(|e| {
        PageError::Article(match e.detail(article_viewer::i18n::UiLang::En) {
            Some(detail) => format!("{} {detail}", e.message(article_viewer::i18n::UiLang::En)),
            None => e.message(article_viewer::i18n::UiLang::En).to_string(),
        })
    })?;
    // Compact, and valid JSON whatever the file's layout (it parsed above).
    let compact = serde_json::from_str::<serde_json::Value>(json)
        .map(|v| v.to_string())
        .map_err(|e| PageError::Article(e.to_string()))?;
    let lang = loaded.article.lang.clone();
    let head = head(
        &loaded.article,
        &HeadUrls {
            json_url: &urls.json_url,
            page_url: &urls.page_url,
        },
    );
    // After the article: its bytes come first on the wire (the data block, about as long, is
    // read by the viewer once the page is parsed).
    let data = format!(
        "\n    <script type=\"application/json\" id=\"av-article\" data-src=\"{}\" data-page=\"{}\">{}</script>",
        escape::attr(&urls.json_url),
        escape::attr(&urls.page_url),
        escape::json_in_script(&compact)
    );
    let main = article_viewer::ssr::article_main_with(loaded, &urls.page_url, prefs);
    Ok(template.fill(&lang, &head, &(main + &data)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template() -> Template {
        Template::parse(
            "<!doctype html><html lang=\"vi\"><head><title>x</title>\
             <script type=\"module\" src=\"./boot.js\"></script></head>\
             <body class=\"av-page\"><noscript>js</noscript></body></html>",
            "../",
        )
        .unwrap()
    }

    fn urls() -> PageUrls {
        PageUrls {
            json_url: "https://news.example/content/a1.json".into(),
            page_url: "https://news.example/articles/a1".into(),
        }
    }

    fn hostile_fields() -> String {
        serde_json::json!({
            "id": "a1",
            "url": "https://portal.example/a?x=1&y=\"2\"",
            "lang": "vi",
            "title": "Tiêu đề <b>\"đậm\"</b> </script><script>alert(1)</script>",
            "lead": "Mở đầu </title><script>alert(2)</script> & ' \"",
            "published": "2022-04-18T17:09:00+07:00",
            "authors": [{ "name": "</script><img src=x onerror=alert(3)>" }],
            "source": { "name": "Báo <i>\"A\"</i>" },
            "image": { "src": "images/a.jpg\" onerror=\"alert(4)", "alt": "\"><script>alert(5)</script>" },
            "tags": ["</script>", "<!--"],
            "content_html": "<p>Đoạn cuối.</p>"
        })
        .to_string()
    }

    #[test]
    fn every_field_is_escaped_where_it_is_written() {
        let page = article_page(&template(), &hostile_fields(), &urls()).unwrap();
        // One script element per data block and the boot script: nothing a field could open.
        assert_eq!(page.matches("<script").count(), 3, "{page}");
        assert_eq!(page.matches("</script>").count(), 3, "{page}");
        assert!(!page.contains("<b>") && !page.contains("<i>") && !page.contains("<img src=x"));
        assert!(page.contains("<title>Tiêu đề &lt;b&gt;\"đậm\"&lt;/b&gt; &lt;/script&gt;"));
        assert!(page.contains(
            "<meta property=\"og:title\" content=\"Tiêu đề &lt;b&gt;&quot;đậm&quot;&lt;/b&gt;"
        ));
        assert!(page.contains(
            "<link rel=\"canonical\" href=\"https://portal.example/a?x=1&amp;y=&quot;2&quot;\" />"
        ));
        // The data blocks read back as the same values.
        for (open, value) in [
            ("<script type=\"application/ld+json\">", "headline"),
            (
                "<script type=\"application/json\" id=\"av-article\"",
                "title",
            ),
        ] {
            let at = page.find(open).unwrap();
            let start = at + page[at..].find('>').unwrap() + 1;
            let end = start + page[start..].find("</script>").unwrap();
            let v: serde_json::Value = serde_json::from_str(&page[start..end]).unwrap();
            assert_eq!(
                v[value],
                "Tiêu đề <b>\"đậm\"</b> </script><script>alert(1)</script>"
            );
        }
    }

    #[test]
    fn other_formats_are_converted_first() {
        let wp = include_str!("../../../samples/wordpress-post-vi.json");
        let page = article_page(&template(), wp, &urls()).unwrap();
        assert!(page.contains("<h1 "), "{page}");
        assert!(page.contains("application/ld+json"));
    }

    #[test]
    fn a_broken_article_is_named_not_shown() {
        let err = article_page(&template(), "{\"id\":\"a1\"}", &urls()).unwrap_err();
        assert!(err.to_string().contains("url"), "{err}");
        assert!(article_page(&template(), "<html>", &urls()).is_err());
    }
}
