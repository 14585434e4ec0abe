//! Static file serving (the built viewer and the content directory) with caching headers.

use std::path::Path;

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use tower_http::services::ServeDir;

/// `Cache-Control` for files whose name carries a content hash (never change).
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` for everything else: always revalidate (cheap thanks to `Last-Modified`).
pub const REVALIDATE: &str = "no-cache";
/// `Cache-Control` for API answers.
pub const NO_STORE: &str = "no-store";
/// The strict Content-Security-Policy every HTML page is served with (the viewer runs under it).
pub const STRICT_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; font-src 'self'; require-trusted-types-for 'script'; trusted-types 'none'; object-src 'none'; base-uri 'none'";

/// A `ServeDir` for `dir` that serves `index.html` for directories and precompressed twins.
pub fn serve_dir(dir: &Path) -> ServeDir {
    ServeDir::new(dir)
        .append_index_html_on_directories(true)
        .precompressed_br()
        .precompressed_gzip()
}

/// True if the last path segment has a run of 10+ hex digits (a build fingerprint) containing a digit.
pub fn is_fingerprinted(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.split(['-', '.', '_']).any(|seg| {
        seg.len() >= 10
            && seg.bytes().all(|b| b.is_ascii_hexdigit())
            && seg.bytes().any(|b| b.is_ascii_digit())
    })
}

/// The `Link` header of an article file of the content directory (`/content/{id}.json`): its page
/// on this server is the article's canonical address (issue 19), which the viewer's copy link and
/// e-mail share use. Relative to the file, so it holds behind a proxy that adds a path prefix.
pub fn canonical_link(path: &str) -> Option<String> {
    let id = path.strip_prefix("/content/")?.strip_suffix(".json")?;
    crate::articles::is_valid_article_id(id)
        .then(|| format!("<../articles/{id}>; rel=\"canonical\""))
}

/// Middleware: adds `Cache-Control` to responses that do not have one yet, the strict CSP to
/// HTML pages, `nosniff`, and `Access-Control-Allow-Origin: *` to everything but the API.
pub async fn cache_headers(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    if res.status().is_success() {
        if let Some(v) = canonical_link(&path).and_then(|l| HeaderValue::from_str(&l).ok()) {
            res.headers_mut().insert(header::LINK, v);
            // A viewer on a portal's origin reads it too.
            res.headers_mut().insert(
                header::ACCESS_CONTROL_EXPOSE_HEADERS,
                HeaderValue::from_static("link"),
            );
        }
    }
    if !res.headers().contains_key(header::CACHE_CONTROL) {
        let value = if path.starts_with("/api/") {
            NO_STORE
        } else if res.status().is_success() && is_fingerprinted(&path) {
            IMMUTABLE
        } else {
            REVALIDATE
        };
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html && !res.headers().contains_key(header::CONTENT_SECURITY_POLICY) {
        res.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(STRICT_CSP),
        );
    }
    res.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // The viewer, its loader and the articles are public: any portal may embed them (the
    // loader imports the wasm and fetches the stylesheet and articles across origins).
    // The comments API keeps its own allow-list (`--cors-origins`).
    if !path.starts_with("/api/") {
        res.headers_mut().insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
        // The same address gives the brotli twin, the gzip twin or the file itself: caches
        // must key on Accept-Encoding (`ServeDir` does not say so itself).
        if !res.headers().contains_key(header::VARY) {
            res.headers_mut()
                .insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints() {
        assert!(is_fingerprinted("/article-viewer-3f2a1b4c5d6e7f80_bg.wasm"));
        assert!(is_fingerprinted("/style-0123456789abcdef.css"));
        assert!(!is_fingerprinted("/index.html"));
        assert!(!is_fingerprinted("/content/thi-tran-tin-tuc.json"));
        assert!(!is_fingerprinted("/deadbeefcafe.js"));
    }

    #[test]
    fn an_article_file_names_its_page() {
        assert_eq!(
            canonical_link("/content/ky-anh-2022-04-15.json").as_deref(),
            Some("<../articles/ky-anh-2022-04-15>; rel=\"canonical\"")
        );
        for path in [
            "/content/images/a.json",
            "/content/.hidden.json",
            "/content/a.svg",
            "/samples/a.json",
            "/content/.json",
            "/content/a%3E.json",
        ] {
            assert_eq!(canonical_link(path), None, "{path}");
        }
    }
}
