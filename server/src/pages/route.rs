//! `GET /articles/{id}`: the article page, with an `ETag` and `Last-Modified` so a returning
//! reader's browser (or a cache) revalidates in one cheap round trip.

use super::template::read_frame;
use super::{article_page_with, prefs_cookie, PageUrls, Template};
use crate::articles::is_valid_article_id;
use crate::state::SharedState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::time::SystemTime;

/// The address article pages are below, relative to the site's root.
pub const PREFIX: &str = "../";

/// A short HTML answer for a page that cannot be shown (the strict CSP applies to it too).
pub fn problem(status: StatusCode, lang: &str, title: &str, sentence: &str) -> Response {
    let body = format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\" />\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\
         <title>{}</title></head><body><main><h1>{}</h1><p>{}</p></main></body></html>\n",
        super::escape::text(title),
        super::escape::text(title),
        super::escape::text(sentence)
    );
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

/// The site's public address: `--public-url`, else the request's own host.
pub fn base_url(state: &SharedState, headers: &HeaderMap) -> String {
    if let Some(url) = &state.config.public_url {
        return url.trim_end_matches('/').to_string();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
        })
        .unwrap_or("localhost");
    let proto = if state.config.trust_proxy {
        headers
            .get("x-forwarded-proto")
            .and_then(|h| h.to_str().ok())
            .filter(|p| *p == "https")
            .unwrap_or("http")
    } else {
        "http"
    };
    format!("{proto}://{host}")
}

/// The page's validator: the article's bytes, the frame's bytes, the reader's settings (the
/// page is written in them) and this server's version.
pub fn etag(json: &[u8], template: &[u8], base: &str, prefs: &str) -> String {
    let mut h = Sha256::new();
    for part in [
        json,
        template,
        base.as_bytes(),
        prefs.as_bytes(),
        env!("CARGO_PKG_VERSION").as_bytes(),
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part);
    }
    let digest = h.finalize();
    let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

async fn modified(path: &std::path::Path) -> Option<SystemTime> {
    tokio::fs::metadata(path).await.ok()?.modified().ok()
}

/// The handler.
pub async fn article(
    State(state): State<SharedState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let not_found = || {
        problem(
            StatusCode::NOT_FOUND,
            "vi",
            "Không có bài viết này · No such article",
            "Địa chỉ này không dẫn tới bài viết nào. · This address leads to no article.",
        )
    };
    if !is_valid_article_id(&id) {
        return not_found();
    }
    let json_path = state.config.content_dir.join(format!("{id}.json"));
    let Ok(json) = tokio::fs::read(&json_path).await else {
        return not_found();
    };
    let Ok((index, index_path)) = read_frame(&state.config.static_dir).await else {
        tracing::error!(dir = %state.config.static_dir.display(), "no index.html: the viewer is not built");
        return problem(
            StatusCode::SERVICE_UNAVAILABLE,
            "en",
            "The viewer is not built",
            "This server has no build of the viewer yet.",
        );
    };
    let base = base_url(&state, &headers);
    let prefs = prefs_cookie::prefs(&headers);
    let tag = etag(&json, &index, &base, &prefs.cookie_value());
    let last_modified = match (modified(&json_path).await, modified(&index_path).await) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    let mut out = HeaderMap::new();
    // Written in the reader's settings: a cache keeps one copy per cookie.
    out.insert(
        header::VARY,
        HeaderValue::from_static("cookie, accept-encoding"),
    );
    if let Ok(v) = HeaderValue::from_str(&tag) {
        out.insert(header::ETAG, v);
    }
    if let Some(t) = last_modified {
        if let Ok(v) = HeaderValue::from_str(&httpdate(t)) {
            out.insert(header::LAST_MODIFIED, v);
        }
    }
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag || t.trim() == "*"));
    if matches {
        return (StatusCode::NOT_MODIFIED, out).into_response();
    }
    let urls = PageUrls {
        json_url: format!("{base}/content/{id}.json"),
        page_url: format!("{base}/articles/{id}"),
    };
    // Parsing, sanitising and rendering are CPU work: off the I/O threads.
    let rendered = tokio::task::spawn_blocking(move || {
        let index = String::from_utf8_lossy(&index);
        // The reader's settings come from their cookie: no first-frame script.
        let template = Template::parse(&index, PREFIX)
            .map_err(|e| e.to_string())?
            .without_first_frame_script();
        let html = article_page_with(&template, &String::from_utf8_lossy(&json), &urls, &prefs)
            .map_err(|e| e.to_string())?;
        Ok::<_, String>((html, template.csp()))
    })
    .await;
    match rendered {
        Ok(Ok((html, csp))) => {
            out.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            if let Ok(v) = HeaderValue::from_str(&csp) {
                out.insert(header::CONTENT_SECURITY_POLICY, v);
            }
            (StatusCode::OK, out, html).into_response()
        }
        Ok(Err(reason)) => {
            tracing::warn!(article = %id, %reason, "article file cannot be shown as a page");
            problem(
                StatusCode::INTERNAL_SERVER_ERROR,
                "vi",
                "Không hiển thị được bài viết · The article cannot be shown",
                &format!("Tệp bài viết có lỗi. · The article's file has a problem: {reason}"),
            )
        }
        Err(_) => problem(
            StatusCode::INTERNAL_SERVER_ERROR,
            "en",
            "The article cannot be shown",
            "The page could not be made.",
        ),
    }
}

/// An HTTP date (`Sun, 06 Dec 2026 19:00:00 GMT`).
pub fn httpdate(t: SystemTime) -> String {
    httpdate::fmt_http_date(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn writes_http_dates() {
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_796_583_600);
        assert_eq!(httpdate(t), "Sun, 06 Dec 2026 19:00:00 GMT");
        assert_eq!(
            httpdate(SystemTime::UNIX_EPOCH),
            "Thu, 01 Jan 1970 00:00:00 GMT"
        );
    }

    #[test]
    fn the_validator_follows_every_input() {
        let a = etag(b"{}", b"<html>", "http://a", "");
        assert_eq!(a, etag(b"{}", b"<html>", "http://a", ""));
        assert_ne!(a, etag(b"{ }", b"<html>", "http://a", ""));
        assert_ne!(a, etag(b"{}", b"<html> ", "http://a", ""));
        assert_ne!(a, etag(b"{}", b"<html>", "http://b", ""));
        assert_ne!(a, etag(b"{}", b"<html>", "http://a", "size=200"));
    }
}
