//! Webhook notifications: one signed JSON POST per new pending comment, delivered in the
//! background with retries, never delaying or failing the reader's post.
//!
//! The handler only puts the event into a bounded queue ([`QUEUE_CAPACITY`]; when it is full the
//! event is dropped with a warning). A background task takes events from the queue and delivers
//! at most [`CONCURRENT_DELIVERIES`] at a time; each delivery is tried up to [`MAX_ATTEMPTS`]
//! times with exponential back-off starting at [`FIRST_RETRY`]. Any answer 2xx counts as
//! delivered. Events still queued when the process exits are lost (notifications are a
//! convenience; the moderation queue in the database is the record).
//!
//! Signature (like GitHub's and Stripe's): `X-AV-Timestamp: <unix seconds>` and
//! `X-AV-Signature: sha256=<hex of HMAC-SHA256(secret, "<timestamp>.<body>")>`.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;
use tokio::sync::{mpsc, Semaphore};

use crate::config::NotifyConfig;
use crate::model::StoredComment;

/// Events waiting for delivery before new ones are dropped.
pub const QUEUE_CAPACITY: usize = 1000;
/// Deliveries in flight at once.
pub const CONCURRENT_DELIVERIES: usize = 4;
/// Attempts per event (the first try included).
pub const MAX_ATTEMPTS: u32 = 8;
/// Wait before the first retry; doubled after each failure (1 s, 2 s, 4 s … 64 s).
pub const FIRST_RETRY: Duration = Duration::from_secs(1);
/// Longest wait for one attempt (connect, send, answer).
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);
/// Header with the signing time in Unix seconds.
pub const TIMESTAMP_HEADER: &str = "X-AV-Timestamp";
/// Header with `sha256=<hex>`.
pub const SIGNATURE_HEADER: &str = "X-AV-Signature";
/// Header with the event name.
pub const EVENT_HEADER: &str = "X-AV-Event";
/// The event sent for a new comment waiting for moderation.
pub const EVENT_COMMENT_PENDING: &str = "comment.pending";

/// Why the notifier could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    /// The URL is not `http://…` (this build has no TLS client).
    #[error("--notify-url must be an http:// URL (this build has no TLS client; put an HTTPS relay such as your reverse proxy in front), got {0:?}")]
    Url(String),
    /// The secret is empty.
    #[error("--notify-secret is required with --notify-url and must not be empty")]
    NoSecret,
    /// The HTTP client could not be built.
    #[error("cannot build the webhook HTTP client: {0}")]
    Client(#[from] reqwest::Error),
}

/// The JSON body of a webhook call.
#[derive(Debug, Clone, Serialize)]
pub struct Payload {
    /// Always `comment.pending` for now.
    pub event: &'static str,
    /// Comment id.
    pub id: i64,
    /// Article id.
    pub article_id: String,
    /// Parent comment id or `null`.
    pub parent_id: Option<i64>,
    /// Display name (the e-mail address is not sent).
    pub author_name: String,
    /// Comment text.
    pub text: String,
    /// Creation time (RFC 3339, UTC).
    pub created: String,
    /// Where a moderator handles it: `<public url>/moderation/#comment-<id>`.
    pub moderation_url: String,
}

/// Hands new pending comments to the background delivery task.
#[derive(Clone)]
pub struct Notifier {
    queue: mpsc::Sender<Payload>,
    public_url: String,
}

/// Hex of HMAC-SHA256(`secret`, `"<timestamp>.<body>"`): the value after `sha256=`.
pub fn sign(secret: &[u8], timestamp: u64, body: &[u8]) -> String {
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail.
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret) {
        Ok(mac) => mac,
        Err(_) => return String::new(),
    };
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Notifier {
    /// Checks the configuration and starts the delivery task on the current Tokio runtime.
    pub fn start(config: &NotifyConfig) -> Result<Notifier, NotifyError> {
        if !config.url.to_ascii_lowercase().starts_with("http://") {
            return Err(NotifyError::Url(config.url.clone()));
        }
        if config.secret.is_empty() {
            return Err(NotifyError::NoSecret);
        }
        let client = reqwest::Client::builder()
            .timeout(ATTEMPT_TIMEOUT)
            .connect_timeout(ATTEMPT_TIMEOUT)
            .build()?;
        let (tx, rx) = mpsc::channel(QUEUE_CAPACITY);
        let target = Arc::new(Target {
            client,
            url: config.url.clone(),
            secret: config.secret.clone().into_bytes(),
        });
        tokio::spawn(run(rx, target));
        Ok(Notifier {
            queue: tx,
            public_url: config
                .public_url
                .as_deref()
                .unwrap_or("")
                .trim_end_matches('/')
                .to_owned(),
        })
    }

    /// Queues the notification for a new pending comment; never waits.
    pub fn comment_pending(&self, c: &StoredComment) {
        let payload = Payload {
            event: EVENT_COMMENT_PENDING,
            id: c.id,
            article_id: c.article_id.clone(),
            parent_id: c.parent_id,
            author_name: c.author_name.clone(),
            text: c.text.clone(),
            created: c.created.clone(),
            moderation_url: format!("{}/moderation/#comment-{}", self.public_url, c.id),
        };
        if let Err(e) = self.queue.try_send(payload) {
            tracing::warn!(id = c.id, error = %e, "webhook queue full or closed: notification dropped");
        }
    }
}

/// Where and how deliveries go.
struct Target {
    client: reqwest::Client,
    url: String,
    secret: Vec<u8>,
}

/// The delivery task: takes events from the queue, at most [`CONCURRENT_DELIVERIES`] in flight.
async fn run(mut rx: mpsc::Receiver<Payload>, target: Arc<Target>) {
    let slots = Arc::new(Semaphore::new(CONCURRENT_DELIVERIES));
    while let Some(payload) = rx.recv().await {
        let Ok(permit) = slots.clone().acquire_owned().await else {
            return;
        };
        let target = target.clone();
        tokio::spawn(async move {
            deliver(&target, &payload).await;
            drop(permit);
        });
    }
}

/// Delivers one event, retrying with exponential back-off.
async fn deliver(target: &Target, payload: &Payload) {
    let body = match serde_json::to_vec(payload) {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "cannot encode webhook payload");
            return;
        }
    };
    let mut wait = FIRST_RETRY;
    for attempt in 1..=MAX_ATTEMPTS {
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let signature = sign(&target.secret, timestamp, &body);
        let result = target
            .client
            .post(&target.url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(EVENT_HEADER, payload.event)
            .header(TIMESTAMP_HEADER, timestamp.to_string())
            .header(SIGNATURE_HEADER, format!("sha256={signature}"))
            .body(body.clone())
            .send()
            .await;
        match result {
            Ok(res) if res.status().is_success() => {
                tracing::debug!(id = payload.id, attempt, "webhook delivered");
                return;
            }
            Ok(res) => {
                tracing::warn!(id = payload.id, attempt, status = %res.status(), "webhook refused")
            }
            Err(e) => tracing::warn!(id = payload.id, attempt, error = %e, "webhook failed"),
        }
        if attempt < MAX_ATTEMPTS {
            tokio::time::sleep(wait).await;
            wait = wait.saturating_mul(2);
        }
    }
    tracing::error!(id = payload.id, attempts = MAX_ATTEMPTS, "webhook given up");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_is_hmac_sha256_of_timestamp_dot_body() {
        // Computed independently with Python's hmac module.
        assert_eq!(
            sign(b"s3cret", 1_700_000_000, b"{\"id\":1}"),
            "ee0658aa4e37018df69c24227df01e0f680eb3b87c7f1f9bd936e283cfe01d9b"
        );
        assert_ne!(
            sign(b"s3cret", 1_700_000_001, b"{\"id\":1}"),
            sign(b"s3cret", 1_700_000_000, b"{\"id\":1}")
        );
    }
}
