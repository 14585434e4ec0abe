//! Fetching an article: timeout, abort, and one typed error per way it can fail.

use crate::article::{self, Article, FormatError};
use crate::content::sanitize::{sanitize_with, Policy};
use crate::content::tree::Node;
use crate::http::{get_text, with_timeout, Fetched, HttpError};
use crate::i18n::UiLang;
use js_sys::{Promise, Reflect};
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

/// An article ready to render: the validated data and its sanitised body.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// The article's fields.
    pub article: Article,
    /// The sanitised body.
    pub body: Vec<Node>,
    /// The absolute address the JSON came from; `image.src` and `comments.url` resolve against it.
    pub json_url: String,
    /// The article's own page on the reference server (`…/articles/{id}`), where its JSON's answer
    /// named one (`Link: <…>; rel="canonical"`) or the page holds the article: copy link and the
    /// e-mail share use it before the article's `url`.
    pub page_url: Option<String>,
}

/// Why an article could not be shown. Each kind has its own sentence for the reader.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// The request never got an answer (offline, DNS, CORS, connection refused).
    #[error("Could not reach the server.")]
    Network,
    /// No complete answer within the timeout.
    #[error("The server took too long to answer.")]
    Timeout,
    /// 404 or 410: the article does not exist.
    #[error("The article was not found (HTTP {0}).")]
    NotFound(u16),
    /// Another 4xx status.
    #[error("The server refused the request (HTTP {0}).")]
    Client(u16),
    /// A 5xx status.
    #[error("The server had a problem (HTTP {0}).")]
    Server(u16),
    /// The body was not JSON.
    #[error("The answer was not JSON.")]
    NotJson,
    /// The JSON was not a valid article; the detail names the field.
    #[error("The article data is not valid: {0}")]
    Invalid(String),
    /// The view went away and the request was cancelled; never shown.
    #[error("The request was cancelled.")]
    Aborted,
}

impl LoadError {
    /// The error for an HTTP status, or `None` for a success status.
    pub fn from_status(status: u16) -> Option<LoadError> {
        match status {
            200..=299 => None,
            404 | 410 => Some(LoadError::NotFound(status)),
            400..=499 => Some(LoadError::Client(status)),
            _ => Some(LoadError::Server(status)),
        }
    }

    /// A short stable name of the kind, for tests and host events.
    pub fn kind(&self) -> &'static str {
        match self {
            LoadError::Network => "network",
            LoadError::Timeout => "timeout",
            LoadError::NotFound(_) => "not-found",
            LoadError::Client(_) => "http-client",
            LoadError::Server(_) => "http-server",
            LoadError::NotJson => "not-json",
            LoadError::Invalid(_) => "invalid",
            LoadError::Aborted => "aborted",
        }
    }

    /// The sentence a reader sees, in the interface language.
    pub fn message(&self, lang: UiLang) -> &'static str {
        let w = lang.words();
        match self {
            LoadError::Network | LoadError::Aborted => w.err_network,
            LoadError::Timeout => w.err_timeout,
            LoadError::NotFound(_) => w.err_not_found,
            LoadError::Client(_) => w.err_client,
            LoadError::Server(_) => w.err_server,
            LoadError::NotJson => w.err_not_json,
            LoadError::Invalid(_) => w.err_invalid,
        }
    }

    /// Technical detail shown under the sentence for whoever publishes the article, if any.
    pub fn detail(&self, lang: UiLang) -> Option<String> {
        match self {
            LoadError::NotFound(s) | LoadError::Client(s) | LoadError::Server(s) => {
                Some(format!("HTTP {} {s}", lang.words().status_label))
            }
            LoadError::Invalid(d) => Some(d.clone()),
            _ => None,
        }
    }
}

impl From<FormatError> for LoadError {
    fn from(e: FormatError) -> Self {
        match e {
            FormatError::NotJson(_) => LoadError::NotJson,
            other => LoadError::Invalid(other.to_string()),
        }
    }
}

/// How to read what an article's address answers, besides the address itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// A forced input format (`?format=`, the `format` attribute): `article`, `wordpress`,
    /// `jsonfeed` or `html`; detected from the document when absent.
    pub format: Option<String>,
    /// Hosts whose players become click-to-load cards (`embed-hosts`); empty: the default list.
    pub embed_hosts: Vec<String>,
    /// Language assumed when a converted input names none.
    pub lang: Option<String>,
}

impl ReadOptions {
    fn policy(&self) -> Policy {
        if self.embed_hosts.is_empty() {
            Policy::default()
        } else {
            Policy {
                embed_hosts: self.embed_hosts.clone(),
            }
        }
    }
}

/// Parses a fetched body in this project's format into a [`Loaded`] article (pure; used after the
/// network part).
pub fn prepare(json: &str, json_url: &str) -> Result<Loaded, LoadError> {
    prepare_with(json, json_url, &ReadOptions::default())
}

/// [`prepare`] with reading options (the embed hosts of the sanitiser).
pub fn prepare_with(
    json: &str,
    json_url: &str,
    options: &ReadOptions,
) -> Result<Loaded, LoadError> {
    let doc = crate::json::parse(json).map_err(FormatError::NotJson)?;
    finish(&doc, json_url, options)
}

fn finish(
    doc: &crate::json::Document,
    json_url: &str,
    options: &ReadOptions,
) -> Result<Loaded, LoadError> {
    let article = article::from_document(doc)?;
    #[cfg(target_arch = "wasm32")]
    for warning in &article.warnings {
        web_sys::console::warn_2(
            &wasm_bindgen::JsValue::from_str("[article-viewer]"),
            &wasm_bindgen::JsValue::from_str(warning),
        );
    }
    let body = sanitize_with(&article.content_html, Some(&article.url), &options.policy());
    Ok(Loaded {
        article,
        body,
        json_url: json_url.to_string(),
        page_url: None,
    })
}

/// Reads a fetched body: this project's format directly; anything else (a WordPress post, a JSON
/// Feed, an HTML article page) through the formats part, loaded only then.
pub async fn read(
    text: &str,
    content_type: &str,
    url: &str,
    options: &ReadOptions,
) -> Result<Loaded, LoadError> {
    let forced = options
        .format
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty());
    if forced.is_none() || forced == Some("article") {
        match crate::json::parse(text) {
            Ok(doc) if forced.is_some() || article::is_own_format(&doc) => {
                return finish(&doc, url, options)
            }
            // Not JSON and not a page either: say so, as before.
            Err(e) if !looks_like_html(text, content_type) => {
                return Err(FormatError::NotJson(e).into())
            }
            _ => {}
        }
    }
    let converted = convert(text, content_type, url, forced, options.lang.as_deref()).await?;
    prepare_with(&converted, url, options)
}

/// Whether a body that is not JSON may be an HTML page.
fn looks_like_html(text: &str, content_type: &str) -> bool {
    content_type.contains("html")
        || text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('<')
}

/// Converts another input format through the converter's chunk; its warnings go to the console.
async fn convert(
    text: &str,
    content_type: &str,
    url: &str,
    format: Option<&str>,
    lang: Option<&str>,
) -> Result<String, LoadError> {
    let own = |v: Option<&str>| v.map(str::to_string);
    let converted = crate::lazy::convert_format(
        text.to_string(),
        content_type.to_string(),
        url.to_string(),
        own(format),
        own(lang),
    )
    .await
    .map_err(|_| LoadError::Network)?;
    let (article, warnings) = converted.map_err(LoadError::Invalid)?;
    for w in warnings {
        web_sys::console::warn_2(
            &JsValue::from_str("[article-viewer]"),
            &JsValue::from_str(&w),
        );
    }
    Ok(article)
}

/// Resolves `src` against the page's address, as `fetch` would.
pub fn absolute_url(src: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten());
    match base {
        Some(base) => web_sys::Url::new_with_base(src, &base)
            .map(|u| u.href())
            .unwrap_or_else(|_| src.to_string()),
        None => src.to_string(),
    }
}

/// The answer the page's loader already asked for at `url` (`shared.take(url, signal)`, see
/// `scripts/loader-common.js`); each prefetch is used once (Retry fetches anew).
fn take_prefetched(
    url: &str,
    signal: &web_sys::AbortSignal,
) -> Option<impl std::future::Future<Output = Result<Fetched, JsValue>>> {
    let shared = js_sys::Reflect::get(&js_sys::global(), &js_sys::Symbol::for_("article-viewer"))
        .ok()
        .filter(|v| v.is_object())?;
    let take = Reflect::get(&shared, &JsValue::from_str("take"))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let promise = take
        .call2(&shared, &JsValue::from_str(url), signal)
        .ok()?
        .dyn_into::<Promise>()
        .ok()?;
    Some(async move {
        let answer = JsFuture::from(promise).await?;
        let status = Reflect::get(&answer, &JsValue::from_str("status"))?
            .as_f64()
            .unwrap_or(0.0) as u16;
        let text = Reflect::get(&answer, &JsValue::from_str("text"))?
            .as_string()
            .unwrap_or_default();
        let content_type = Reflect::get(&answer, &JsValue::from_str("type"))?
            .as_string()
            .unwrap_or_default();
        let link = Reflect::get(&answer, &JsValue::from_str("link"))?.as_string();
        Ok(Fetched {
            status,
            content_type,
            text,
            link,
        })
    })
}

/// Fetches and prepares the article at `src`, giving up after `timeout`; `controller` aborts it.
pub async fn load(
    src: &str,
    timeout: Duration,
    controller: &AbortController,
    options: &ReadOptions,
) -> Result<Loaded, LoadError> {
    let url = absolute_url(src);
    let signal = controller.signal();
    let fetched = with_timeout(timeout, controller, async {
        // The page's loader may have asked for the article already, in parallel with the wasm.
        match take_prefetched(&url, &signal) {
            Some(answer) => answer.await,
            None => get_text(&url, &signal).await,
        }
    })
    .await
    .map_err(|e| match e {
        HttpError::Network => LoadError::Network,
        HttpError::Timeout => LoadError::Timeout,
        HttpError::Aborted => LoadError::Aborted,
    })?;
    if let Some(err) = LoadError::from_status(fetched.status) {
        return Err(err);
    }
    let mut loaded = read(&fetched.text, &fetched.content_type, &url, options).await?;
    loaded.page_url = fetched
        .link
        .as_deref()
        .and_then(|link| crate::canonical::canonical_page(link, &url));
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_statuses() {
        assert_eq!(LoadError::from_status(200), None);
        assert_eq!(LoadError::from_status(204), None);
        assert_eq!(LoadError::from_status(404), Some(LoadError::NotFound(404)));
        assert_eq!(LoadError::from_status(410), Some(LoadError::NotFound(410)));
        assert_eq!(LoadError::from_status(403), Some(LoadError::Client(403)));
        assert_eq!(LoadError::from_status(500), Some(LoadError::Server(500)));
        assert_eq!(LoadError::from_status(503), Some(LoadError::Server(503)));
    }

    #[test]
    fn every_kind_has_a_distinct_sentence() {
        let kinds = [
            LoadError::Network,
            LoadError::Timeout,
            LoadError::NotFound(404),
            LoadError::Client(403),
            LoadError::Server(500),
            LoadError::NotJson,
            LoadError::Invalid("x".into()),
        ];
        for lang in [UiLang::Vi, UiLang::En] {
            let mut seen: Vec<&str> = kinds.iter().map(|k| k.message(lang)).collect();
            seen.sort_unstable();
            seen.dedup();
            assert_eq!(seen.len(), kinds.len());
        }
    }

    #[test]
    fn prepares_and_tells_not_json_from_invalid() {
        assert_eq!(
            prepare("<!doctype html>", "https://a/x").unwrap_err(),
            LoadError::NotJson
        );
        let err = prepare(r#"{"id":"x"}"#, "https://a/x").unwrap_err();
        assert!(
            matches!(&err, LoadError::Invalid(d) if d.contains("url")),
            "{err:?}"
        );
    }
}
