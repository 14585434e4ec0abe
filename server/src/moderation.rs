//! Moderation API behind a bearer token: list, approve and reject comments.

use std::collections::HashMap;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap};
use axum::Json;
use serde::Serialize;
use subtle::ConstantTimeEq;

use crate::api::{parse_paging, query_or_400};
use crate::error::ApiError;
use crate::model::{ModerationComment, Status};
use crate::state::SharedState;
use crate::validate::FieldErrors;

/// Answer of `GET /api/moderation/comments`.
#[derive(Debug, Serialize)]
pub struct ModerationList {
    /// Number of comments with the requested status.
    pub total: u64,
    /// Page number (1-based).
    pub page: u32,
    /// Items per page.
    pub per_page: u32,
    /// The comments of this page, oldest first, with e-mail and article id.
    pub items: Vec<ModerationComment>,
}

/// True if `presented` equals `expected`, comparing in time independent of where they differ.
pub fn token_matches(presented: &str, expected: &str) -> bool {
    // `ct_eq` on slices of different lengths returns false at once; that
    // reveals only the token length, not its content.
    bool::from(presented.as_bytes().ct_eq(expected.as_bytes()))
}

/// Checks `Authorization: Bearer <token>`; 404 when no token is configured, 401 when wrong.
pub fn authorize(state: &SharedState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(expected) = state.config.moderation_token.as_deref() else {
        return Err(ApiError::NotFound(
            "The moderation API is disabled (no moderation token is configured).",
        ));
    };
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim());
    match presented {
        Some(token) if token_matches(token, expected) => Ok(()),
        _ => Err(ApiError::Unauthorized),
    }
}

/// `GET /api/moderation/comments?status=pending|published|rejected&page=&per_page=`.
pub async fn list(
    State(state): State<SharedState>,
    headers: HeaderMap,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<ModerationList>, ApiError> {
    authorize(&state, &headers)?;
    let q = query_or_400(query)?;
    let mut errors = FieldErrors::new();
    let paging = parse_paging(&q, &mut errors);
    let status = match q.get("status").map(|s| s.trim().parse::<Status>()) {
        None => Status::Pending,
        Some(Ok(s)) => s,
        Some(Err(_)) => {
            errors.insert(
                "status",
                "status must be \"pending\", \"published\" or \"rejected\".".into(),
            );
            Status::Pending
        }
    };
    if !errors.is_empty() {
        return Err(ApiError::Invalid(errors));
    }
    let (total, rows) = state
        .db
        .list_by_status(status, paging.page, paging.per_page)
        .await?;
    Ok(Json(ModerationList {
        total,
        page: paging.page,
        per_page: paging.per_page,
        items: rows.into_iter().map(ModerationComment::from).collect(),
    }))
}

/// Sets the status of the comment named in the path; 404 if there is none.
async fn set_status(
    state: SharedState,
    headers: HeaderMap,
    id: String,
    status: Status,
) -> Result<Json<ModerationComment>, ApiError> {
    authorize(&state, &headers)?;
    let Ok(id) = id.parse::<i64>() else {
        return Err(ApiError::NotFound("There is no comment with this id."));
    };
    let updated = state.db.set_status(id, status).await?;
    match updated {
        Some(c) => {
            tracing::info!(id, %status, "moderated comment");
            Ok(Json(c.into()))
        }
        None => Err(ApiError::NotFound("There is no comment with this id.")),
    }
}

/// `POST /api/moderation/comments/{id}/approve`: publish the comment.
pub async fn approve(
    State(state): State<SharedState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<ModerationComment>, ApiError> {
    set_status(state, headers, id, Status::Published).await
}

/// `POST /api/moderation/comments/{id}/reject`: hide the comment for good.
pub async fn reject(
    State(state): State<SharedState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<ModerationComment>, ApiError> {
    set_status(state, headers, id, Status::Rejected).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_comparison() {
        assert!(token_matches("s3cret-token", "s3cret-token"));
        assert!(!token_matches("s3cret-tokem", "s3cret-token"));
        assert!(!token_matches("s3cret", "s3cret-token"));
        assert!(!token_matches("", "s3cret-token"));
    }
}
