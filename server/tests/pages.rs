//! The article pages over real HTTP (`/articles/{id}`), and `render`'s files against them.

#[macro_use]
#[allow(unused_macros)]
mod common;

use article_viewer_server::pages::render::{run, RenderArgs};
use common::{Backend, TestServer};
use std::path::PathBuf;

/// The viewer's `index.html` as the build writes it (hashed files, integrity, the first-frame script).
const INDEX: &str = r#"<!doctype html>
<html lang="vi">
  <head>
    <meta charset="utf-8" />
    <title>Trình đọc bài viết · Article viewer</title>
    <link rel="stylesheet" href="./viewer-0123456789abcdef.css" integrity="sha384-x"/>
    <meta name="article-viewer:served-page" content="./served-page-0123456789abcdef.js">
    <script type="module" async fetchpriority="high" src="./boot.js"></script>
  </head>
  <body class="av-page">
    <noscript><p class="av-noscript">needs JavaScript</p></noscript>
  </body>
</html>
"#;

/// The server's frame as the build writes it (`article-page.html`): the stylesheet inline (with
/// the rules of the reader's settings), no preloads, boot.js deferred.
const FRAME: &str = r#"<!doctype html>
<html lang="vi">
  <head>
    <meta charset="utf-8" />
    <title>Trình đọc bài viết · Article viewer</title>
    <style>.av-viewer{color:red}.av-viewer[data-av-size="200"]{--av-font-scale:2}</style>
    <meta name="article-viewer:served-page" content="./served-page-0123456789abcdef.js">
    <script type="module" src="./boot.js"></script>
  </head>
  <body class="av-page">
    <noscript><p class="av-noscript">needs JavaScript</p></noscript>
  </body>
</html>
"#;

fn samples() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../samples"))
}

async fn start() -> TestServer {
    TestServer::start_with(Backend::Sqlite, |c| {
        std::fs::write(c.static_dir.join("index.html"), INDEX).unwrap();
        std::fs::write(c.static_dir.join("article-page.html"), FRAME).unwrap();
        c.content_dir = samples();
    })
    .await
}

/// The page from its `<title>` on without the frame's own lines (stylesheet, start script): the
/// article's metadata, the article and its data block.
fn from_title(page: &str) -> String {
    page[page.find("<title>").unwrap()..]
        .lines()
        .filter(|l| {
            !(l.contains("rel=\"stylesheet\"") || l.contains("<style>") || l.contains("boot.js"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn pre_rendered_files_equal_what_the_server_answers() {
    let s = start().await;
    let out = s.dir.path().join("articles");
    let args = RenderArgs {
        content_dir: samples(),
        static_dir: s.dir.path().join("static"),
        out: out.clone(),
        public_url: s.base.clone(),
        content_url: None,
    };
    let mut log = Vec::new();
    let written = run(&args, &mut log).unwrap();
    assert!(written >= 5, "{}", String::from_utf8_lossy(&log));
    for id in [
        "ky-anh-2022-04-15",
        "hostile",
        "wordpress-post-vi",
        "jsonfeed",
    ] {
        let res = s
            .client
            .get(s.url(&format!("/articles/{id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{id}");
        let csp = res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        let served = res.text().await.unwrap();
        let file = std::fs::read_to_string(out.join(format!("{id}.html"))).unwrap();
        // The same article, metadata and data block; only the frame differs: the server's has
        // its stylesheet inline and no first-frame script (it reads the reader's cookie), the
        // file keeps the external stylesheet (any strict static host serves it as it is) and the
        // script that applies the reader's settings.
        assert!(
            from_title(&served) == from_title(&file),
            "{id}: the file differs from the served page"
        );
        assert!(file.contains("<script src=\"../served-page-0123456789abcdef.js\"></script>"));
        assert!(file.contains("href=\"../viewer-0123456789abcdef.css\" integrity=\"sha384-x\""));
        assert!(!served.contains("served-page") && !served.contains("viewer-0123456789abcdef.css"));
        assert!(served.contains("<style>.av-viewer{color:red}"));
        assert!(
            csp.ends_with(
                "; style-src 'self' 'sha256-Mv6JAHdygMetT9s3TUrT26pnLBmo0p9ufKBGpLYO1As='"
            ),
            "{csp}"
        );
        for page in [&served, &file] {
            assert!(
                !page.contains("<noscript>"),
                "{id}: the page reads without JavaScript"
            );
        }
    }
    // The list of articles too: `/articles/` is `index.html`.
    let res = s.client.get(s.url("/articles/")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let served = res.text().await.unwrap();
    let file = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        from_title(&served) == from_title(&file),
        "the list file differs from the served list"
    );
    assert!(served.contains("id=\"av-index\""));
    assert!(file.contains("href=\"../viewer-0123456789abcdef.css\""));
    assert!(!out.join("page").exists(), "one page of samples");
}

#[tokio::test]
async fn the_list_pages_and_their_addresses() {
    let s = start().await;
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let moved = no_redirects.get(s.url("/articles")).send().await.unwrap();
    assert_eq!(moved.status(), 308);
    assert_eq!(moved.headers()["location"], "/articles/");
    let first = no_redirects
        .get(s.url("/articles/page/1"))
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), 308);
    for bad in ["/articles/page/0", "/articles/page/2", "/articles/page/x"] {
        let res = s.client.get(s.url(bad)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{bad}");
    }
    let list = s.client.get(s.url("/articles/")).send().await.unwrap();
    assert_eq!(list.headers()["cache-control"], "no-cache");
    let html = list.text().await.unwrap();
    // Newest first: the 2024 harbour article before the 2022 seed; the hostile sample's title is
    // text, not markup.
    let harbour = html.find("harbour-library-2024-03-02\"").unwrap();
    let seed = html.find("ky-anh-2022-04-15\"").unwrap();
    assert!(harbour < seed);
    assert_eq!(
        html.matches("<script").count(),
        3,
        "boot, JSON-LD and the data block: the settings come from the cookie"
    );
}

#[tokio::test]
async fn the_page_is_in_the_readers_settings_from_their_cookie() {
    let s = start().await;
    let url = s.url("/articles/ky-anh-2022-04-15");
    let get = |cookie: &'static str| {
        let req = s.client.get(&url);
        async move {
            let res = if cookie.is_empty() {
                req
            } else {
                req.header("cookie", cookie)
            }
            .send()
            .await
            .unwrap();
            let etag = res.headers()["etag"].to_str().unwrap().to_owned();
            assert!(res.headers()["vary"].to_str().unwrap().contains("cookie"));
            (etag, res.text().await.unwrap())
        }
    };
    let (plain_tag, plain) = get("").await;
    assert!(plain.contains(r#"<div data-view="read" data-theme="auto" class="av-viewer">"#));
    let (tag, page) = get("other=1; av-prefs=size=200&theme=dark&line=relaxed").await;
    assert!(
        page.contains(r#"<div data-view="read" data-theme="dark" data-av-size="200" data-av-line="relaxed" class="av-viewer">"#),
        "{page}"
    );
    assert_ne!(tag, plain_tag, "a page in other settings is another page");
    // A forged cookie gives known values only, or the defaults.
    let (_, odd) = get("av-prefs=theme=evil&size=300&font=comic").await;
    assert!(
        odd.contains(r#"data-view="read" data-theme="auto" data-av-size="300" class="av-viewer">"#),
        "{odd}"
    );
    let (forged_tag, forged) = get("av-prefs=theme=x\"><b>&size=300").await;
    assert!(
        forged.contains(r#"data-view="read" data-theme="auto" class="av-viewer">"#),
        "{forged}"
    );
    assert!(!forged.contains("<b>"));
    assert_eq!(forged_tag, plain_tag);
}

#[tokio::test]
async fn unknown_and_unsafe_ids_are_not_found_and_bad_files_are_named() {
    let s = start().await;
    for path in [
        "/articles/nope",
        "/articles/..%2FCargo.toml",
        "/articles/.hidden",
    ] {
        let res = s.client.get(s.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{path}");
        assert!(res.text().await.unwrap().contains("No such article"));
    }
}

#[tokio::test]
async fn a_returning_reader_gets_304_until_the_article_changes() {
    let s = TestServer::start_with(Backend::Sqlite, |c| {
        std::fs::write(c.static_dir.join("index.html"), INDEX).unwrap();
        std::fs::copy(
            samples().join("ky-anh-2022-04-15.json"),
            c.content_dir.join("ky-anh.json"),
        )
        .unwrap();
    })
    .await;
    let url = s.url("/articles/ky-anh");
    let first = s.client.get(&url).send().await.unwrap();
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    assert_eq!(first.headers()["cache-control"], "no-cache");
    assert!(first.headers().contains_key("last-modified"));
    let again = s
        .client
        .get(&url)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    // A corrected article is a new page.
    let path = s.dir.path().join("content/ky-anh.json");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Kỳ Anh", "Kỳ Anh (sửa)");
    std::fs::write(&path, text).unwrap();
    let changed = s
        .client
        .get(&url)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 200);
    assert!(changed.text().await.unwrap().contains("Kỳ Anh (sửa)"));
    // An article file the viewer cannot show is named, not shown.
    std::fs::write(&path, r#"{"id":"ky-anh","title":"T"}"#).unwrap();
    let broken = s.client.get(&url).send().await.unwrap();
    assert_eq!(broken.status(), 500);
    assert!(broken.text().await.unwrap().contains("field `url`"));
}
