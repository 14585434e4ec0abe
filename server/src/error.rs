//! The API's error type and its JSON responses.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::actions::ActionError;
use crate::articles::ArticleError;
use crate::auth::AuthError;
use crate::listing::RepliesError;
use crate::store::DbError;
use crate::validate::FieldErrors;

/// Everything an API handler can fail with; each maps to one status code and JSON body.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400 `{ "errors": { field: message } }`.
    #[error("invalid request")]
    Invalid(FieldErrors),
    /// 404 `{ "error": message }`.
    #[error("not found: {0}")]
    NotFound(&'static str),
    /// 401 with `WWW-Authenticate: Bearer`.
    #[error("missing or wrong bearer token")]
    Unauthorized,
    /// 403 `{ "error": message }`.
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    /// 413 `{ "error": message }`.
    #[error("request body too large")]
    TooLarge {
        /// The configured limit in bytes.
        limit: usize,
    },
    /// 429 with `Retry-After`.
    #[error("rate limited; retry after {retry_after} s")]
    RateLimited {
        /// Seconds until a post will be accepted again.
        retry_after: u64,
    },
    /// 429 with `Retry-After`: too many failed sign-ins from this client.
    #[error("too many failed sign-ins; retry after {retry_after} s")]
    Backoff {
        /// Seconds until the client may try again.
        retry_after: u64,
    },
    /// 408: the request body did not arrive in time.
    #[error("the request body took too long")]
    BodyTimeout,
    /// 500: storage failed.
    #[error(transparent)]
    Db(#[from] DbError),
    /// 500: an article file is broken.
    #[error(transparent)]
    Article(#[from] ArticleError),
    /// 500: a blocking task panicked or was cancelled.
    #[error("background task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

impl ApiError {
    /// A 400 error about a single field.
    pub fn field(name: &'static str, message: impl Into<String>) -> Self {
        let mut errors = FieldErrors::new();
        errors.insert(name, message.into());
        ApiError::Invalid(errors)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Invalid(errors) => {
                (StatusCode::BAD_REQUEST, Json(json!({ "errors": errors }))).into_response()
            }
            ApiError::NotFound(what) => {
                (StatusCode::NOT_FOUND, Json(json!({ "error": what }))).into_response()
            }
            ApiError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"))],
                Json(json!({ "error": "A valid moderation token is required." })),
            )
                .into_response(),
            ApiError::Forbidden(why) => {
                (StatusCode::FORBIDDEN, Json(json!({ "error": why }))).into_response()
            }
            ApiError::TooLarge { limit } => (
                StatusCode::PAYLOAD_TOO_LARGE,
                Json(json!({ "error": format!("The request is too large (at most {limit} bytes).") })),
            )
                .into_response(),
            ApiError::RateLimited { retry_after } => (
                StatusCode::TOO_MANY_REQUESTS,
                [(header::RETRY_AFTER, HeaderValue::from(retry_after))],
                Json(json!({
                    "error": format!(
                        "You are posting too often. Please wait {retry_after} seconds and try again."
                    )
                })),
            )
                .into_response(),
            ApiError::Backoff { retry_after } => (
                StatusCode::TOO_MANY_REQUESTS,
                [(header::RETRY_AFTER, HeaderValue::from(retry_after))],
                Json(json!({
                    "error": format!(
                        "Too many wrong moderation tokens from your address. Please wait {retry_after} seconds and try again."
                    )
                })),
            )
                .into_response(),
            ApiError::BodyTimeout => (
                StatusCode::REQUEST_TIMEOUT,
                [(header::CONNECTION, HeaderValue::from_static("close"))],
                Json(json!({ "error": "The request took too long to arrive. Please try again." })),
            )
                .into_response(),
            ApiError::Db(_) | ApiError::Article(_) | ApiError::Task(_) => {
                tracing::error!(error = %self, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    Json(json!({ "error": "Something went wrong on the server. Please try again later." })),
                )
                    .into_response()
            }
        }
    }
}

impl From<AuthError> for ApiError {
    fn from(e: AuthError) -> Self {
        match e {
            AuthError::Wrong => ApiError::Unauthorized,
            AuthError::Backoff(retry_after) => ApiError::Backoff { retry_after },
            AuthError::Disabled => ApiError::NotFound(
                "The moderation API is disabled (no moderation token and no moderators are configured).",
            ),
            AuthError::Db(e) => ApiError::Db(e),
        }
    }
}

impl From<ActionError> for ApiError {
    fn from(e: ActionError) -> Self {
        match e {
            ActionError::NoSuchComment => ApiError::NotFound("There is no comment with this id."),
            ActionError::Parent(m) => ApiError::field("parent_id", m),
            ActionError::Db(e) => ApiError::Db(e),
        }
    }
}

impl From<RepliesError> for ApiError {
    fn from(e: RepliesError) -> Self {
        match e {
            RepliesError::NoParent => {
                ApiError::NotFound("There is no published comment with this id in this article.")
            }
            RepliesError::Db(e) => ApiError::Db(e),
        }
    }
}
