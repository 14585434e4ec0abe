//! The standalone page's `index.html` from the build (its hashed stylesheet, `boot.js` and
//! preloads, with their integrity hashes) as the frame of every article page; or the build's
//! `article-page.html` (the same with the stylesheet inline and no preloads), which the server's
//! own pages use: see [`FRAME_FILE`].

use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The frame the server's article pages are made in (`scripts/post-build.mjs` writes it): the
/// stylesheet in the page, so the first frame waits for no other file.
pub const FRAME_FILE: &str = "article-page.html";

/// Reads the server's frame from the viewer's build `static_dir`: [`FRAME_FILE`], or `index.html`
/// from a build older than it. Gives the bytes and the file they came from.
pub async fn read_frame(static_dir: &Path) -> std::io::Result<(Vec<u8>, PathBuf)> {
    let frame = static_dir.join(FRAME_FILE);
    match tokio::fs::read(&frame).await {
        Ok(bytes) => Ok((bytes, frame)),
        Err(_) => {
            let index = static_dir.join("index.html");
            Ok((tokio::fs::read(&index).await?, index))
        }
    }
}

/// Why the build's `index.html` cannot frame an article page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// A part the page needs is not in it (not the viewer's build?).
    #[error("the viewer's index.html has no {0}; build the viewer first (scripts/build.sh)")]
    Missing(&'static str),
}

/// The build's `index.html`, split where an article page adds its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// From `<!doctype html>` to the `lang` value of `<html>`.
    start: String,
    /// From after the `lang` value to where the `<title>` was.
    head: String,
    /// From after the `</title>` to the end of the `<body …>` tag.
    body: String,
    /// The rest, without the `<noscript>` sentence (the article reads without JavaScript here).
    end: String,
    /// The first-frame script of article pages (`scripts/served-page.js`), from the site's root.
    served_page: Option<String>,
    /// The CSP source of the frame's inline stylesheet (`'sha256-…'`), if it has one.
    style_hash: Option<String>,
}

/// The CSP source that allows the first `<style>` element of `html` (`'sha256-…'` of its text).
fn inline_style_hash(html: &str) -> Option<String> {
    let open = html.find("<style>")? + "<style>".len();
    let close = open + html[open..].find("</style>")?;
    let digest = Sha256::digest(&html.as_bytes()[open..close]);
    Some(format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    ))
}

/// The meta tag by which the build names the article pages' first-frame script.
const SERVED_PAGE_META: &str = "<meta name=\"article-viewer:served-page\" content=\"";

/// Takes the build's meta tag naming the first-frame script out of `html`: its file name.
fn take_served_page(html: &mut String) -> Option<String> {
    let at = html.find(SERVED_PAGE_META)?;
    let value_at = at + SERVED_PAGE_META.len();
    let value_end = value_at + html[value_at..].find('"')?;
    let tag_end = value_end + html[value_end..].find('>')? + 1;
    let name = html[value_at..value_end]
        .trim_start_matches("./")
        .to_string();
    // The tag and the white space before it.
    let start = html[..at].trim_end().len();
    html.replace_range(start..tag_end, "");
    (!name.is_empty() && !name.contains(['"', '<', '>', '/'])).then_some(name)
}

/// Rewrites relative `href`/`src` values so they resolve from a page `prefix` below the site's
/// root (`../` for `/articles/{id}`).
fn rebase(html: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(at) = rest.find("=\"") {
        let name_start = rest[..at].rfind([' ', '\n', '\t']).map_or(0, |i| i + 1);
        let name = &rest[name_start..at];
        out.push_str(&rest[..at + 2]);
        rest = &rest[at + 2..];
        if name == "href" || name == "src" {
            let relative = !(rest.starts_with('/')
                || rest.starts_with('#')
                || rest.starts_with("http:")
                || rest.starts_with("https:")
                || rest.starts_with("data:"));
            if relative {
                out.push_str(prefix);
                rest = rest.strip_prefix("./").unwrap_or(rest);
            }
        }
    }
    out.push_str(rest);
    out
}

impl Template {
    /// Reads the build's `index.html`; `prefix` leads from the article pages to the site's root.
    pub fn parse(index_html: &str, prefix: &str) -> Result<Template, TemplateError> {
        let mut html = rebase(index_html, prefix);
        let served_page = take_served_page(&mut html).map(|name| format!("{prefix}{name}"));
        let lang_at = html
            .find("<html lang=\"")
            .ok_or(TemplateError::Missing("<html lang>"))?
            + "<html lang=\"".len();
        let lang_end = lang_at
            + html[lang_at..]
                .find('"')
                .ok_or(TemplateError::Missing("<html lang>"))?;
        let title = html
            .find("<title>")
            .ok_or(TemplateError::Missing("<title>"))?;
        let title_end = html
            .find("</title>")
            .ok_or(TemplateError::Missing("</title>"))?
            + "</title>".len();
        let body_at = html.find("<body").ok_or(TemplateError::Missing("<body>"))?;
        let body_end = body_at
            + html[body_at..]
                .find('>')
                .ok_or(TemplateError::Missing("<body>"))?
            + 1;
        if !(lang_end < title && title_end <= body_at) {
            return Err(TemplateError::Missing("<title> in its <head>"));
        }
        let mut end = html[body_end..].to_string();
        if let (Some(a), Some(b)) = (end.find("<noscript>"), end.find("</noscript>")) {
            if a < b {
                end.replace_range(a..b + "</noscript>".len(), "");
            }
        }
        let style_hash = inline_style_hash(&html[..body_at]);
        Ok(Template {
            style_hash,
            start: html[..lang_at].to_string(),
            head: html[lang_end..title].to_string(),
            body: html[title_end..body_end].to_string(),
            end,
            served_page,
        })
    }

    /// This frame without the first-frame script: the server writes the reader's settings
    /// into its pages itself, from their cookie (see `prefs_cookie`).
    pub fn without_first_frame_script(mut self) -> Template {
        self.served_page = None;
        self
    }

    /// The Content-Security-Policy of pages in this frame: the strict one, with the frame's inline
    /// stylesheet allowed by its hash where it has one.
    pub fn csp(&self) -> String {
        let strict = crate::static_files::STRICT_CSP;
        match &self.style_hash {
            Some(hash) => format!("{strict}; style-src 'self' {hash}"),
            None => strict.to_string(),
        }
    }

    /// The page: `lang` on `<html>`, `head` where the title was, `body` first in `<body>`.
    pub fn fill(&self, lang: &str, head: &str, body: &str) -> String {
        let mut out = String::with_capacity(
            self.start.len()
                + self.head.len()
                + self.body.len()
                + self.end.len()
                + head.len()
                + body.len()
                + 16,
        );
        out.push_str(&self.start);
        out.push_str(&super::escape::attr(lang));
        out.push_str(&self.head);
        if let Some(src) = &self.served_page {
            // Before the body and the stylesheet: the reader's settings are on the article from
            // its first frame.
            out.push_str(&format!(
                "<script src=\"{}\"></script>\n    ",
                super::escape::attr(src)
            ));
        }
        out.push_str(head.trim_end());
        out.push_str(&self.body);
        out.push_str("\n    ");
        out.push_str(body);
        out.push_str(&self.end);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX: &str = r#"<!doctype html>
<html lang="vi">
  <head>
    <title>Trình đọc bài viết · Article viewer</title>
    <meta name="article-viewer:served-page" content="./served-page-0a1b.js">
    <link rel="stylesheet" href="./viewer-1.css" integrity="sha384-x"/>
    <link rel="icon" href="favicon.png" type="image/png" />
    <script type="module" async src="./boot.js"></script>
    <link rel="preload" href="https://cdn.example/x.wasm" as="fetch">
  </head>
  <body class="av-page">
    <noscript>
      <p class="av-noscript">needs JavaScript</p>
    </noscript>
  </body>
</html>"#;

    #[test]
    fn frames_a_page_below_the_root() {
        let t = Template::parse(INDEX, "../").unwrap();
        let page = t.fill("en", "<title>T</title>", "<main>M</main>");
        assert!(page.contains(r#"<html lang="en">"#));
        assert!(page.contains(r#"href="../viewer-1.css" integrity="sha384-x""#));
        assert!(page.contains(r#"href="../favicon.png""#));
        assert!(page.contains(r#"src="../boot.js""#));
        assert!(page.contains(r#"href="https://cdn.example/x.wasm""#));
        assert!(
            page.contains("<script src=\"../served-page-0a1b.js\"></script>\n    <title>T</title>")
        );
        assert!(!page.contains("Trình đọc") && !page.contains("article-viewer:served-page"));
        assert!(page.contains("<body class=\"av-page\">\n    <main>M</main>"));
        assert!(!page.contains("noscript"));
        assert_eq!(
            Template::parse("<html><body></body></html>", "../"),
            Err(TemplateError::Missing("<html lang>"))
        );
        assert_eq!(t.csp(), crate::static_files::STRICT_CSP);
        let page = t
            .without_first_frame_script()
            .fill("vi", "<title>T</title>", "");
        assert!(!page.contains("served-page"), "{page}");
    }

    #[test]
    fn an_inline_stylesheet_is_allowed_by_its_hash_alone() {
        let frame = INDEX.replace(
            r#"<link rel="stylesheet" href="./viewer-1.css" integrity="sha384-x"/>"#,
            "<style>.av-viewer{color:red}</style>",
        );
        let t = Template::parse(&frame, "../").unwrap();
        // printf '%s' '.av-viewer{color:red}' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            t.csp(),
            format!(
                "{}; style-src 'self' 'sha256-{}'",
                crate::static_files::STRICT_CSP,
                "ITbPTVDi0jANZk1BuWBfHmy8yilOY5vqVQZ/VnBox5E="
            )
        );
        assert!(t
            .fill("vi", "<title>T</title>", "")
            .contains("<style>.av-viewer{color:red}</style>"));
    }
}
