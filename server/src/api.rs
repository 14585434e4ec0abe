//! Public comments API: `GET` and `POST /api/articles/{id}/comments`.

use std::collections::HashMap;
use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::error::ApiError;
use crate::listing::{
    parse_cursor, PageQuery, DEFAULT_REPLIES_PER_COMMENT, DEFAULT_REPLIES_PER_PAGE,
    MAX_REPLIES_PER_COMMENT,
};
use crate::model::{Comment, CommentAuthor, CommentsPage, RepliesPage, Role, Sort, Status};
use crate::ratelimit::client_ip;
use crate::state::SharedState;
use crate::submit::{Outcome, SubmitError, SubmitPolicy};
use crate::validate::{self, RawSubmission};
use article_viewer_wire::Lenient;

/// Default number of top-level comments per page.
pub const DEFAULT_PER_PAGE: u32 = 20;
/// Largest accepted `per_page`.
pub const MAX_PER_PAGE: u32 = 100;
/// Largest accepted `page` (keeps offsets far from overflow).
pub const MAX_PAGE: u32 = 1_000_000;

/// Reads a whole number from 0 to `max` (`default` when absent), or records an error.
fn bounded(
    q: &HashMap<String, String>,
    name: &'static str,
    default: u32,
    min: u32,
    max: u32,
    errors: &mut validate::FieldErrors,
) -> u32 {
    match q.get(name).map(|s| s.trim().parse::<u32>()) {
        None => default,
        Some(Ok(n)) if (min..=max).contains(&n) => n,
        Some(_) => {
            errors.insert(
                name,
                format!("{name} must be a whole number from {min} to {max}."),
            );
            default
        }
    }
}

/// Paging parameters shared by the public and the moderation listing.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    /// 1-based page number.
    pub page: u32,
    /// Items per page.
    pub per_page: u32,
}

/// Parses `page` and `per_page`, collecting errors into `errors`.
pub fn parse_paging(q: &HashMap<String, String>, errors: &mut validate::FieldErrors) -> Paging {
    let page = match q.get("page").map(|s| s.trim().parse::<u32>()) {
        None => 1,
        Some(Ok(p)) if (1..=MAX_PAGE).contains(&p) => p,
        Some(_) => {
            errors.insert(
                "page",
                format!("page must be a whole number from 1 to {MAX_PAGE}."),
            );
            1
        }
    };
    let per_page = match q.get("per_page").map(|s| s.trim().parse::<u32>()) {
        None => DEFAULT_PER_PAGE,
        Some(Ok(p)) if (1..=MAX_PER_PAGE).contains(&p) => p,
        Some(_) => {
            errors.insert(
                "per_page",
                format!("per_page must be a whole number from 1 to {MAX_PER_PAGE}."),
            );
            DEFAULT_PER_PAGE
        }
    };
    Paging { page, per_page }
}

/// Turns a malformed query string into the API's 400 shape.
pub fn query_or_400(
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<HashMap<String, String>, ApiError> {
    q.map(|Query(q)| q)
        .map_err(|_| ApiError::field("query", "The query string is malformed."))
}

/// `GET /api/articles/{id}/comments?page=&per_page=&sort=newest|oldest&replies=`.
pub async fn list_comments(
    State(state): State<SharedState>,
    Path(article_id): Path<String>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<CommentsPage>, ApiError> {
    let q = query_or_400(query)?;
    let mut errors = validate::FieldErrors::new();
    let paging = parse_paging(&q, &mut errors);
    let sort = match q.get("sort").map(|s| s.trim()) {
        None | Some("newest") => Sort::Newest,
        Some("oldest") => Sort::Oldest,
        Some(_) => {
            errors.insert("sort", "sort must be \"newest\" or \"oldest\".".into());
            Sort::Newest
        }
    };
    let replies = bounded(
        &q,
        "replies",
        DEFAULT_REPLIES_PER_COMMENT,
        0,
        MAX_REPLIES_PER_COMMENT,
        &mut errors,
    );
    if !errors.is_empty() {
        return Err(ApiError::Invalid(errors));
    }
    if state.articles.lookup(&article_id).await?.is_none() {
        return Err(ApiError::NotFound("There is no article with this id."));
    }
    let query = PageQuery {
        page: paging.page,
        per_page: paging.per_page,
        sort,
        replies,
    };
    Ok(Json(state.db.public_page(&article_id, query).await?))
}

/// `GET /api/articles/{id}/comments/{parent}/replies?after=&per_page=`: the published replies
/// of a top-level comment after a cursor (the `replies_next` of the list, or the `next` of the
/// previous page), oldest first.
pub async fn list_replies(
    State(state): State<SharedState>,
    Path((article_id, parent)): Path<(String, String)>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<RepliesPage>, ApiError> {
    let q = query_or_400(query)?;
    let mut errors = validate::FieldErrors::new();
    let per_page = bounded(
        &q,
        "per_page",
        DEFAULT_REPLIES_PER_PAGE,
        1,
        MAX_PER_PAGE,
        &mut errors,
    );
    let after = match q.get("after") {
        None => 0,
        Some(s) => parse_cursor(s).unwrap_or_else(|| {
            errors.insert(
                "after",
                "after must be a cursor from a previous answer.".into(),
            );
            0
        }),
    };
    if !errors.is_empty() {
        return Err(ApiError::Invalid(errors));
    }
    let no_comment =
        || ApiError::NotFound("There is no published comment with this id in this article.");
    let parent = parent.parse::<i64>().map_err(|_| no_comment())?;
    if state.articles.lookup(&article_id).await?.is_none() {
        return Err(ApiError::NotFound("There is no article with this id."));
    }
    Ok(Json(
        state
            .db
            .replies_page(&article_id, parent, after, per_page)
            .await?,
    ))
}

/// True for `application/json`, with or without parameters such as `charset`.
fn is_json_content_type(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
}

/// Reads the body up to `limit` bytes within `timeout`; 413 beyond the size, 408 beyond the time,
/// 400 if the connection broke.
pub async fn read_body(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
    timeout: std::time::Duration,
) -> Result<Vec<u8>, ApiError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(ApiError::TooLarge { limit });
    }
    let read = tokio::time::timeout(timeout, axum::body::to_bytes(body, limit)).await;
    let Ok(read) = read else {
        return Err(ApiError::BodyTimeout);
    };
    match read {
        Ok(bytes) => Ok(bytes.to_vec()),
        Err(e) => {
            let too_large = std::error::Error::source(&e)
                .is_some_and(|s| s.is::<http_body_util::LengthLimitError>())
                || e.to_string().contains("length limit");
            if too_large {
                Err(ApiError::TooLarge { limit })
            } else {
                Err(ApiError::field(
                    "body",
                    "The request body could not be read.",
                ))
            }
        }
    }
}

/// `POST /api/articles/{id}/comments`: validate, apply spam rules and store (see the README).
pub async fn post_comment(
    State(state): State<SharedState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(article_id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let Some(article) = state.articles.lookup(&article_id).await? else {
        return Err(ApiError::NotFound("There is no article with this id."));
    };
    if !article.comments_enabled {
        return Err(ApiError::Forbidden("Comments are closed for this article."));
    }
    let bytes = read_body(
        &headers,
        body,
        state.config.max_body_bytes,
        state.config.limits.body_timeout,
    )
    .await?;
    if !is_json_content_type(&headers) {
        return Err(ApiError::field(
            "body",
            "Send the comment as JSON with the header Content-Type: application/json.",
        ));
    }
    let not_object = || ApiError::field("body", "The request body is not a valid JSON object.");
    let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|_| not_object())?;
    if !value.is_object() {
        return Err(not_object());
    }
    let raw: RawSubmission = serde_json::from_value(value).map_err(|_| not_object())?;
    let sub = validate::validate(&raw).map_err(ApiError::Invalid)?;
    if validate::is_reserved_name(&sub.author_name, &state.config.editor_name) {
        return Err(ApiError::field(
            "author_name",
            "This name is kept for the editorial office's replies. Please use your own name.",
        ));
    }

    let client = client_ip(&headers, peer, state.config.trust_proxy);
    let policy = SubmitPolicy {
        moderation: state.config.moderation,
        min_elapsed_ms: state.config.min_elapsed_ms,
        rate_limit: state.config.rate_limit,
    };
    let outcome = state.db.submit(policy, &article_id, client, &sub).await;
    // The public comment with its `status`.
    let body: Comment = match outcome {
        Ok(Outcome::Created(c)) => {
            tracing::info!(id = c.id, article = %article_id, status = %c.status, "comment stored");
            if c.status == Status::Pending {
                if let Some(notifier) = &state.notifier {
                    notifier.comment_pending(&c);
                }
            }
            let status = c.status;
            Comment {
                status: status.into(),
                ..c.into()
            }
        }
        Ok(Outcome::Replayed(c)) => {
            tracing::info!(id = c.id, article = %article_id, "idempotent replay");
            // The contract only knows pending and published; a rejection is not
            // announced to the poster (as with discarded spam).
            let status = match c.status {
                Status::Rejected => Status::Pending,
                s => s,
            };
            Comment {
                status: status.into(),
                ..c.into()
            }
        }
        Ok(Outcome::Discarded {
            id,
            created,
            reason,
        }) => {
            tracing::info!(article = %article_id, %client, reason, "discarded spam submission");
            Comment {
                id,
                parent_id: sub.parent_id,
                author: CommentAuthor {
                    name: sub.author_name.clone(),
                    role: Role::Reader,
                }
                .into(),
                author_name: sub.author_name,
                created,
                text: sub.text,
                reply_count: Lenient::Absent,
                replies_next: Lenient::Absent,
                status: Status::Pending.into(),
            }
        }
        Err(SubmitError::Parent(msg)) => return Err(ApiError::field("parent_id", msg)),
        Err(SubmitError::RateLimited(retry_after)) => {
            tracing::info!(%client, retry_after, "rate limited");
            return Err(ApiError::RateLimited { retry_after });
        }
        Err(SubmitError::Db(e)) => return Err(e.into()),
    };
    Ok((StatusCode::CREATED, Json(body)).into_response())
}
