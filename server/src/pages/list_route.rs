//! `GET /articles/` and `GET /articles/page/{n}`: the pages of the list of articles (and
//! `/articles` sends the reader to `/articles/`).

use super::catalog::{Catalog, Entry};
use super::list::list_page_with;
use super::prefs_cookie;
use super::route::{base_url, problem};
use super::template::read_frame;
use super::Template;
use crate::state::SharedState;
use article_viewer::i18n::UiLang;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use std::sync::LazyLock;

/// The articles read so far, kept while their files are unchanged.
static CATALOG: LazyLock<Catalog> = LazyLock::new(Catalog::default);

/// `/articles` → `/articles/`.
pub async fn to_list() -> Redirect {
    Redirect::permanent("/articles/")
}

/// The first page of the list.
pub async fn first(State(state): State<SharedState>, headers: HeaderMap) -> Response {
    list(state, headers, 1).await
}

/// Page `n` of the list.
pub async fn numbered(
    State(state): State<SharedState>,
    Path(n): Path<String>,
    headers: HeaderMap,
) -> Response {
    match n.parse::<usize>() {
        // Page 1 has one address.
        Ok(1) => Redirect::permanent("/articles/").into_response(),
        Ok(n) if n > 1 => list(state, headers, n).await,
        _ => not_found(),
    }
}

fn not_found() -> Response {
    problem(
        StatusCode::NOT_FOUND,
        "vi",
        "Không có trang này · No such page",
        "Danh sách bài viết không có trang này. · The list of articles has no such page.",
    )
}

async fn list(state: SharedState, headers: HeaderMap, n: usize) -> Response {
    let base = base_url(&state, &headers);
    let dir = state.config.content_dir.clone();
    let Ok((frame, _)) = read_frame(&state.config.static_dir).await else {
        return problem(
            StatusCode::SERVICE_UNAVAILABLE,
            "en",
            "The viewer is not built",
            "This server has no build of the viewer yet.",
        );
    };
    let prefs = prefs_cookie::prefs(&headers);
    // Reading and converting the changed files is CPU and disk work: off the I/O threads.
    let made = tokio::task::spawn_blocking(move || {
        let frame = String::from_utf8_lossy(&frame);
        let content = format!("{base}/content");
        let entries: Vec<Entry> = CATALOG
            .entries(&dir, &content, &base)
            .map_err(|e| e.to_string())?;
        let Some(index) = super::catalog::page(&entries, n, &base) else {
            return Ok(None);
        };
        let prefix = super::list::prefix(n);
        // The reader's settings come from their cookie: no first-frame script.
        let template = Template::parse(&frame, prefix)
            .map_err(|e| e.to_string())?
            .without_first_frame_script();
        let html = list_page_with(&template, index, UiLang::Vi, &prefs);
        Ok::<_, String>(Some((html, template.csp())))
    })
    .await;
    match made {
        Ok(Ok(Some((html, csp)))) => {
            let mut out = HeaderMap::new();
            if let Ok(v) = HeaderValue::from_str(&csp) {
                out.insert(header::CONTENT_SECURITY_POLICY, v);
            }
            // Written in the reader's settings: a cache keeps one copy per cookie.
            out.insert(
                header::VARY,
                HeaderValue::from_static("cookie, accept-encoding"),
            );
            out.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            // The list changes whenever an article is added: always asked again.
            out.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            (StatusCode::OK, out, html).into_response()
        }
        Ok(Ok(None)) => not_found(),
        Ok(Err(reason)) => {
            tracing::error!(%reason, "the list of articles cannot be made");
            problem(
                StatusCode::INTERNAL_SERVER_ERROR,
                "vi",
                "Không hiển thị được danh sách · The list cannot be shown",
                "Không đọc được thư mục bài viết. · The articles' folder could not be read.",
            )
        }
        Err(_) => problem(
            StatusCode::INTERNAL_SERVER_ERROR,
            "en",
            "The list cannot be shown",
            "The page could not be made.",
        ),
    }
}
