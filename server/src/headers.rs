//! Security headers on every answer, and redirects that stay on this host.
//!
//! * `Referrer-Policy` everywhere: `no-referrer` for the moderation page and the API,
//!   `strict-origin-when-cross-origin` for the viewer and the articles.
//! * The moderation page and the API cannot be framed: `X-Frame-Options: DENY` and
//!   `frame-ancestors 'none'` in their Content-Security-Policy (the viewer stays embeddable).
//! * A `Location` starting with `//` or `/\` (a directory redirect for a request like
//!   `//evil.example/`) would send the browser to another host; it is rewritten to one `/`.

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// The CSP of the moderation page: the viewer's strict one (`static_files::STRICT_CSP`), no
/// framing, no form posts.
pub const MODERATION_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; font-src 'self'; require-trusted-types-for 'script'; trusted-types 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
/// The CSP of API answers (JSON: nothing to load, nothing may frame it).
pub const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

/// True for paths of the moderation page or the API (never framed, never a referrer).
pub fn is_private_path(path: &str) -> bool {
    let p = path.trim_start_matches('/');
    p == "moderation" || p.starts_with("moderation/") || p == "api" || p.starts_with("api/")
}

/// A `Location` that stays on this host: leading slashes and backslashes become one `/`.
pub fn same_host_location(location: &str) -> Option<String> {
    let rest = location.trim_start_matches(['/', '\\']);
    (location.len() - rest.len() > 1).then(|| format!("/{rest}"))
}

/// Middleware: the headers above.
pub async fn security_headers(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if let Some(fixed) = h
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(same_host_location)
    {
        if let Ok(v) = HeaderValue::from_str(&fixed) {
            h.insert(header::LOCATION, v);
        }
    }
    if is_private_path(&path) {
        h.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        );
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        let csp = if path.trim_start_matches('/').starts_with("api") {
            API_CSP
        } else {
            MODERATION_CSP
        };
        let is_html = h
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_none_or(|v| v.starts_with("text/html"));
        if is_html || csp == API_CSP {
            h.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(csp),
            );
        }
    } else {
        h.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        );
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_stay_on_the_host() {
        assert_eq!(
            same_host_location("//evil.example/").as_deref(),
            Some("/evil.example/")
        );
        assert_eq!(
            same_host_location("/\\evil.example").as_deref(),
            Some("/evil.example")
        );
        assert_eq!(same_host_location("///x/").as_deref(), Some("/x/"));
        assert_eq!(same_host_location("/moderation/"), None);
        assert_eq!(same_host_location("moderation/"), None);
    }

    #[test]
    fn private_paths() {
        assert!(is_private_path("/moderation/"));
        assert!(is_private_path("/moderation"));
        assert!(is_private_path("//api/health"));
        assert!(!is_private_path("/moderation-guide.html"));
        assert!(!is_private_path("/index.html"));
    }
}
