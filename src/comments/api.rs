//! The comments client: list a page, post a comment; one typed error per way it can fail.

use super::contract::{CommentsPage, FieldErrors, NewComment, Posted, RepliesPage};
use super::retry_after;
use crate::http::{with_timeout, HttpError};
use crate::i18n::UiLang;
use std::time::Duration;
use web_sys::AbortController;

/// Time allowed for a comments request.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Why a comments request failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CommentsError {
    /// No answer (offline, server down).
    #[error("Could not reach the comments server.")]
    Network,
    /// No answer in time.
    #[error("The comments server took too long to answer.")]
    Timeout,
    /// Too many posts: wait this many seconds.
    #[error("Too many comments in a short time; wait {0} s.")]
    RateLimited(u64),
    /// A 5xx answer or a body that is not the contract's.
    #[error("The comments server had a problem (HTTP {0}).")]
    Server(u16),
    /// Comments are closed (403).
    #[error("Comments are closed for this article.")]
    Closed,
    /// The server refused some fields.
    #[error("Some fields were refused.")]
    Invalid(FieldErrors),
    /// Cancelled because the widget went away; never shown.
    #[error("The request was cancelled.")]
    Aborted,
}

impl From<HttpError> for CommentsError {
    fn from(e: HttpError) -> Self {
        match e {
            HttpError::Network => CommentsError::Network,
            HttpError::Timeout => CommentsError::Timeout,
            HttpError::Aborted => CommentsError::Aborted,
        }
    }
}

impl CommentsError {
    /// The sentence the reader sees.
    pub fn message(&self, lang: UiLang) -> String {
        let w = crate::comments::words::words(lang);
        match self {
            CommentsError::Network | CommentsError::Aborted => w.err_network.to_string(),
            CommentsError::Timeout => w.err_timeout.to_string(),
            CommentsError::RateLimited(secs) => w.err_rate.replace("{n}", &secs.to_string()),
            CommentsError::Server(_) => w.err_server.to_string(),
            CommentsError::Closed => w.closed.to_string(),
            CommentsError::Invalid(_) => w.err_fields.to_string(),
        }
    }

    /// The sentence the reader sees when the list could not be loaded (nothing was sent).
    pub fn load_message(&self, lang: UiLang) -> String {
        self.load_words(lang).to_string()
    }

    /// [`CommentsError::load_message`] as the fixed sentence it is.
    pub fn load_words(&self, lang: UiLang) -> &'static str {
        let w = crate::comments::words::words(lang);
        match self {
            CommentsError::Timeout => w.load_timeout,
            CommentsError::Server(_) => w.load_server,
            CommentsError::Closed => w.closed,
            _ => w.load_network,
        }
    }

    /// A short stable name of the kind, for tests and host events.
    pub fn kind(&self) -> &'static str {
        match self {
            CommentsError::Network => "network",
            CommentsError::Timeout => "timeout",
            CommentsError::RateLimited(_) => "rate-limited",
            CommentsError::Server(_) => "server",
            CommentsError::Closed => "closed",
            CommentsError::Invalid(_) => "invalid",
            CommentsError::Aborted => "aborted",
        }
    }

    /// Whether trying the same request again may work.
    pub fn retryable(&self) -> bool {
        !matches!(self, CommentsError::Closed | CommentsError::Invalid(_))
    }
}

/// The list address for a page: `url` with `page`, `per_page` and `sort` added.
pub fn page_url(url: &str, page: u32, per_page: u32, newest_first: bool) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    let sort = if newest_first { "newest" } else { "oldest" };
    format!("{url}{sep}page={page}&per_page={per_page}&sort={sort}")
}

/// The "more replies" address: `{url}/{parent}/replies?after=…&per_page=…`, keeping a query
/// `url` may carry (its path gets the segments, its query the parameters).
pub fn replies_url(url: &str, parent: i64, after: &str, per_page: u32) -> String {
    let (path, query) = match url.split_once('?') {
        Some((path, query)) => (path, format!("{query}&")),
        None => (url, String::new()),
    };
    let after: String = encode_query_value(after);
    format!(
        "{}/{parent}/replies?{query}after={after}&per_page={per_page}",
        path.trim_end_matches('/')
    )
}

/// Percent-encodes a cursor for a query value (it is opaque: a server may put anything in it).
fn encode_query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Lists the next page of replies of a top-level comment ("more replies").
pub async fn fetch_replies(
    url: &str,
    parent: i64,
    after: &str,
    per_page: u32,
    controller: &AbortController,
) -> Result<RepliesPage, CommentsError> {
    let (status, text) = get_json(&replies_url(url, parent, after, per_page), controller).await?;
    match status {
        200 => super::contract::read_replies(&text).map_err(|_| CommentsError::Server(status)),
        _ => Err(CommentsError::Server(status)),
    }
}

fn now_unix() -> u64 {
    (js_sys::Date::now() / 1000.0) as u64
}

/// GETs `address` as JSON: the status and the body.
async fn get_json(
    address: &str,
    controller: &AbortController,
) -> Result<(u16, String), CommentsError> {
    let signal = controller.signal();
    Ok(with_timeout(TIMEOUT, controller, async {
        let r = gloo_net::http::Request::get(address)
            .header("Accept", "application/json")
            .abort_signal(Some(&signal))
            .send()
            .await?;
        let status = r.status();
        Ok::<_, gloo_net::Error>((status, r.text().await?))
    })
    .await?)
}

/// Lists one page of published comments.
pub async fn fetch_page(
    url: &str,
    page: u32,
    per_page: u32,
    newest_first: bool,
    controller: &AbortController,
) -> Result<CommentsPage, CommentsError> {
    let (status, text) = get_json(&page_url(url, page, per_page, newest_first), controller).await?;
    match status {
        200 => super::contract::read_page(&text).map_err(|_| CommentsError::Server(status)),
        403 => Err(CommentsError::Closed),
        _ => Err(CommentsError::Server(status)),
    }
}

/// Posts a comment. Sending the same idempotency key again never makes a second comment.
pub async fn post(
    url: &str,
    comment: &NewComment,
    controller: &AbortController,
) -> Result<Posted, CommentsError> {
    let body = super::contract::write_new(comment);
    let signal = controller.signal();
    let (status, retry_after, text) = with_timeout(TIMEOUT, controller, async {
        let r = gloo_net::http::Request::post(url)
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .abort_signal(Some(&signal))
            .body(body)?
            .send()
            .await?;
        let status = r.status();
        let retry_after = r.headers().get("retry-after");
        Ok::<_, gloo_net::Error>((status, retry_after, r.text().await?))
    })
    .await?;
    match status {
        200 | 201 => super::contract::read_posted(&text).map_err(|_| CommentsError::Server(status)),
        400 => Err(super::contract::read_field_errors(&text)
            .map(CommentsError::Invalid)
            .unwrap_or(CommentsError::Server(status))),
        403 => Err(CommentsError::Closed),
        429 => {
            let wait = retry_after
                .as_deref()
                .and_then(|v| retry_after::parse(v, now_unix()))
                .unwrap_or(30);
            Err(CommentsError::RateLimited(wait))
        }
        _ => Err(CommentsError::Server(status)),
    }
}

/// A fresh idempotency key: 128 random bits as 32 hex digits.
pub fn new_key() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_page_urls() {
        assert_eq!(
            page_url("/api/a/comments", 2, 10, true),
            "/api/a/comments?page=2&per_page=10&sort=newest"
        );
        assert_eq!(
            page_url("/c?site=x", 1, 20, false),
            "/c?site=x&page=1&per_page=20&sort=oldest"
        );
    }

    #[test]
    fn builds_replies_urls_with_the_cursor_encoded() {
        assert_eq!(
            replies_url("/api/articles/a/comments", 12, "88", 50),
            "/api/articles/a/comments/12/replies?after=88&per_page=50"
        );
        assert_eq!(
            replies_url("https://c.example/c/?site=x", 3, "a b&c", 10),
            "https://c.example/c/3/replies?site=x&after=a%20b%26c&per_page=10"
        );
    }

    #[test]
    fn only_some_errors_are_worth_retrying() {
        assert!(CommentsError::Network.retryable());
        assert!(CommentsError::RateLimited(5).retryable());
        assert!(!CommentsError::Closed.retryable());
    }

    #[test]
    fn rate_limit_message_names_the_wait() {
        assert!(CommentsError::RateLimited(42)
            .message(UiLang::En)
            .contains("42"));
        assert!(CommentsError::RateLimited(42)
            .message(UiLang::Vi)
            .contains("42"));
    }
}
