//! The moderation API: one list call and one call per decision, with the bearer token, a timeout,
//! and errors typed by what the moderator should do about them.

use crate::audit::AuditRow;
use crate::i18n::Words;
use crate::model::{Decision, Page};
use crate::published::Filter;
use article_viewer_wire::moderation::TextBody;
use gloo_net::http::{Request, Response};
use std::time::Duration;

/// How long a call may take before it counts as a network failure.
const TIMEOUT: Duration = Duration::from_secs(15);

/// Why a call failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// 401: the token is wrong.
    #[error("the moderation token was refused")]
    Unauthorized,
    /// 404 on the list: the server has no moderation token configured.
    #[error("the moderation API is disabled")]
    Disabled,
    /// 404 on a comment: it no longer exists.
    #[error("no such comment")]
    Gone,
    /// Any other status.
    #[error("the server answered {0}")]
    Server(u16),
    /// No answer (offline, refused, timeout).
    #[error("the server cannot be reached")]
    Network,
    /// A 200 whose body is not the expected JSON.
    #[error("the answer is not the expected JSON")]
    Answer,
    /// 429: too many wrong tokens from this address; wait.
    #[error("too many failed sign-ins")]
    Backoff,
    /// 400: the server refused what was sent (a reply's text).
    #[error("the server refused the request")]
    Refused,
}

impl ApiError {
    /// The sentence the moderator reads.
    pub fn sentence(self, w: &Words) -> String {
        match self {
            ApiError::Unauthorized => w.err_token.to_string(),
            ApiError::Disabled => w.err_disabled.to_string(),
            ApiError::Gone => w.err_gone.to_string(),
            ApiError::Server(status) => w.err_server.replace("{status}", &status.to_string()),
            ApiError::Network => w.err_network.to_string(),
            ApiError::Answer => w.err_answer.to_string(),
            ApiError::Backoff => w.err_backoff.to_string(),
            ApiError::Refused => w.err_refused.to_string(),
        }
    }

    /// The error for a non-2xx status (`on_404` says what a 404 means for this call).
    pub fn from_status(status: u16, on_404: ApiError) -> ApiError {
        match status {
            401 | 403 => ApiError::Unauthorized,
            404 => on_404,
            400 => ApiError::Refused,
            429 => ApiError::Backoff,
            s => ApiError::Server(s),
        }
    }
}

/// The API's base address (`…/api/moderation/comments`), next to the page's own folder.
pub fn base_url() -> String {
    let page = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    web_sys::Url::new_with_base("../api/moderation/comments", &page)
        .map(|u| u.href())
        .unwrap_or_else(|_| "/api/moderation/comments".to_string())
}

/// The moderation API's root (`…/api/moderation`): the comments base without `/comments`.
pub fn api_root(base: &str) -> &str {
    base.strip_suffix("/comments").unwrap_or(base)
}

/// Reads a 2xx answer's JSON text with `read`; other statuses become errors (`on_404` for 404).
async fn json_answer<T>(
    res: Response,
    on_404: ApiError,
    read: impl FnOnce(&str) -> Result<T, crate::wire::WireError>,
) -> Result<T, ApiError> {
    if !res.ok() {
        return Err(ApiError::from_status(res.status(), on_404));
    }
    let body = res.text().await.map_err(|_| ApiError::Network)?;
    read(&body).map_err(|e| {
        leptos::logging::warn!("[moderation] unexpected answer: {e}");
        ApiError::Answer
    })
}

/// `GET …/me`: the name the server knows this token by, and whether it is the shared token.
pub async fn me(base: &str, token: &str) -> Result<(String, bool), ApiError> {
    let url = format!("{}/me", api_root(base));
    let res = send(Request::get(&url), token).await?;
    json_answer(res, ApiError::Disabled, crate::wire::me).await
}

/// `GET …/audit?per_page=50`: the newest entries of the moderation log.
pub async fn audit(base: &str, token: &str) -> Result<Vec<AuditRow>, ApiError> {
    let url = format!("{}/audit?per_page=50", api_root(base));
    let res = send(Request::get(&url), token).await?;
    json_answer(res, ApiError::Disabled, crate::wire::audit).await
}

/// `POST …/{id}/reply` with `approve: true`: approves the comment and publishes `text` under it
/// as the editorial office; `key` makes a retry publish it once.
pub async fn reply(
    base: &str,
    token: &str,
    id: i64,
    text: &str,
    key: &str,
) -> Result<(), ApiError> {
    let json = crate::wire::to_string(&TextBody {
        text: Some(text.to_owned()),
        idempotency_key: Some(key.to_owned()),
        approve: true,
    });
    let builder =
        Request::post(&format!("{base}/{id}/reply")).header("Content-Type", "application/json");
    let res = send_body(builder, token, json).await?;
    if res.ok() {
        Ok(())
    } else {
        Err(ApiError::from_status(res.status(), ApiError::Gone))
    }
}

/// Sends `request` with the token, aborting it after [`TIMEOUT`].
async fn send(builder: gloo_net::http::RequestBuilder, token: &str) -> Result<Response, ApiError> {
    send_with(builder, token, None).await
}

/// [`send`] with a JSON body.
async fn send_body(
    builder: gloo_net::http::RequestBuilder,
    token: &str,
    body: String,
) -> Result<Response, ApiError> {
    send_with(builder, token, Some(body)).await
}

async fn send_with(
    builder: gloo_net::http::RequestBuilder,
    token: &str,
    body: Option<String>,
) -> Result<Response, ApiError> {
    let controller = web_sys::AbortController::new().map_err(|_| ApiError::Network)?;
    let builder = builder
        .header("Authorization", &format!("Bearer {token}"))
        .header("Accept", "application/json")
        .abort_signal(Some(&controller.signal()));
    let request = match body {
        Some(b) => builder.body(b),
        None => builder.build(),
    }
    .map_err(|_| ApiError::Network)?;
    let timer = {
        let controller = controller.clone();
        leptos::prelude::set_timeout_with_handle(move || controller.abort(), TIMEOUT).ok()
    };
    let result = request.send().await.map_err(|_| ApiError::Network);
    if let Some(timer) = timer {
        timer.clear();
    }
    result
}

/// `GET …?status=pending&per_page=100`: the oldest pending comments with the counts.
pub async fn list(base: &str, token: &str) -> Result<Page, ApiError> {
    page_at(&format!("{base}?status=pending&per_page=100"), token).await
}

/// `GET …?status=published&sort=newest&per_page=50&article=…&q=…`: the newest published
/// comments that pass `filter`, with the counts.
pub async fn published(base: &str, token: &str, filter: &Filter) -> Result<Page, ApiError> {
    let mut url = format!("{base}?status=published&sort=newest&per_page=50");
    for (name, value) in filter.params() {
        url.push_str(&format!("&{name}={}", js_sys::encode_uri_component(value)));
    }
    page_at(&url, token).await
}

async fn page_at(url: &str, token: &str) -> Result<Page, ApiError> {
    let res = send(Request::get(url), token).await?;
    json_answer(res, ApiError::Disabled, crate::wire::page).await
}

/// `POST …/{id}/approve|reject`.
pub async fn decide(base: &str, token: &str, id: i64, decision: Decision) -> Result<(), ApiError> {
    post(base, token, id, decision.path()).await
}

/// `POST …/{id}/requeue`: back to pending (undo).
pub async fn requeue(base: &str, token: &str, id: i64) -> Result<(), ApiError> {
    post(base, token, id, "requeue").await
}

async fn post(base: &str, token: &str, id: i64, action: &str) -> Result<(), ApiError> {
    let res = send(Request::post(&format!("{base}/{id}/{action}")), token).await?;
    if res.ok() {
        Ok(())
    } else {
        Err(ApiError::from_status(res.status(), ApiError::Gone))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, VI};

    #[test]
    fn the_api_root_is_beside_the_comments() {
        assert_eq!(
            api_root("http://x/api/moderation/comments"),
            "http://x/api/moderation"
        );
        assert_eq!(api_root("/elsewhere"), "/elsewhere");
    }

    #[test]
    fn statuses_become_errors_by_call() {
        assert_eq!(
            ApiError::from_status(401, ApiError::Disabled),
            ApiError::Unauthorized
        );
        assert_eq!(
            ApiError::from_status(404, ApiError::Disabled),
            ApiError::Disabled
        );
        assert_eq!(ApiError::from_status(404, ApiError::Gone), ApiError::Gone);
        assert_eq!(
            ApiError::from_status(503, ApiError::Gone),
            ApiError::Server(503)
        );
    }

    #[test]
    fn every_error_is_a_sentence_in_both_languages() {
        assert_eq!(
            ApiError::Unauthorized.sentence(&EN),
            "That moderation token is not right. Check it and try again."
        );
        assert_eq!(
            ApiError::Server(502).sentence(&VI),
            "Máy chủ gặp lỗi (502). Hãy thử lại sau."
        );
        assert_eq!(
            ApiError::from_status(429, ApiError::Gone),
            ApiError::Backoff
        );
        for e in [
            ApiError::Backoff,
            ApiError::Refused,
            ApiError::Disabled,
            ApiError::Gone,
            ApiError::Network,
            ApiError::Answer,
        ] {
            assert!(e.sentence(&VI).ends_with('.'));
            assert!(e.sentence(&EN).ends_with('.'));
        }
    }
}
