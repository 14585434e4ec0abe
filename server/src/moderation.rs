//! Moderation API behind a bearer token: list, approve, reject and requeue comments.

use std::collections::HashMap;
use std::path::Path as FsPath;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap};
use axum::Json;
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

use crate::api::{parse_paging, query_or_400};
use crate::articles::is_valid_article_id;
use crate::db::DbError;
use crate::error::ApiError;
use crate::model::{ModerationComment, Status, StoredComment};
use crate::state::SharedState;
use crate::store::Store;
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
    /// Number of comments in each status (for the moderation page's counters).
    pub counts: StatusCounts,
    /// The comments of this page, oldest first, with e-mail, article and parent.
    pub items: Vec<ModerationItem>,
}

/// Number of comments in each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StatusCounts {
    /// Waiting for a moderator.
    pub pending: u64,
    /// Shown publicly.
    pub published: u64,
    /// Refused.
    pub rejected: u64,
}

/// A comment in the moderation list: the moderation shape plus what a moderator needs to judge it.
#[derive(Debug, Clone, Serialize)]
pub struct ModerationItem {
    /// The comment itself.
    #[serde(flatten)]
    pub comment: ModerationComment,
    /// The article's `title`, or `null` if its file is gone or has none.
    pub article_title: Option<String>,
    /// The article's public address (`url`), or `null`.
    pub article_url: Option<String>,
    /// The comment answered, for replies (whatever its status), else `null`.
    pub parent: Option<ParentSummary>,
}

/// The comment a reply answers, as shown beside the reply.
#[derive(Debug, Clone, Serialize)]
pub struct ParentSummary {
    /// Row id.
    pub id: i64,
    /// Display name.
    pub author_name: String,
    /// Comment text.
    pub text: String,
    /// Moderation state.
    pub status: Status,
}

/// Title and address of an article, read from its file in the content directory.
#[derive(Debug, Clone, Default, Deserialize)]
struct ArticleInfo {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

/// Reads `{dir}/{id}.json` for its title and address; nothing if it is missing or unreadable.
async fn article_info(dir: &FsPath, id: &str) -> ArticleInfo {
    if !is_valid_article_id(id) {
        return ArticleInfo::default();
    }
    match tokio::fs::read(dir.join(format!("{id}.json"))).await {
        Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_default(),
        Err(_) => ArticleInfo::default(),
    }
}

/// The counts per status and the parents of `rows`, composed from the database's own queries.
async fn counts_and_parents(
    db: &Store,
    rows: &[StoredComment],
) -> Result<(StatusCounts, HashMap<i64, ParentSummary>), DbError> {
    let count = |s| async move { db.list_by_status(s, 1, 1).await.map(|(n, _)| n) };
    let counts = StatusCounts {
        pending: count(Status::Pending).await?,
        published: count(Status::Published).await?,
        rejected: count(Status::Rejected).await?,
    };
    let mut parents = HashMap::new();
    for id in rows.iter().filter_map(|r| r.parent_id) {
        if parents.contains_key(&id) {
            continue;
        }
        if let Some(p) = db.get(id).await? {
            parents.insert(
                id,
                ParentSummary {
                    id,
                    author_name: p.author_name,
                    text: p.text,
                    status: p.status,
                },
            );
        }
    }
    Ok((counts, parents))
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
    let (counts, parents) = counts_and_parents(&state.db, &rows).await?;
    let mut articles: HashMap<String, ArticleInfo> = HashMap::new();
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        if !articles.contains_key(&row.article_id) {
            let info = article_info(&state.config.content_dir, &row.article_id).await;
            articles.insert(row.article_id.clone(), info);
        }
        let info = articles.get(&row.article_id).cloned().unwrap_or_default();
        let parent = row.parent_id.and_then(|id| parents.get(&id).cloned());
        items.push(ModerationItem {
            comment: row.into(),
            article_title: info.title,
            article_url: info.url,
            parent,
        });
    }
    Ok(Json(ModerationList {
        total,
        page: paging.page,
        per_page: paging.per_page,
        counts,
        items,
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

/// `POST /api/moderation/comments/{id}/requeue`: back to the pending queue (the moderation page's undo).
pub async fn requeue(
    State(state): State<SharedState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<ModerationComment>, ApiError> {
    set_status(state, headers, id, Status::Pending).await
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

    #[tokio::test]
    async fn article_titles_and_addresses() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("a.json"),
            r#"{"id":"a","title":"Tết","url":"https://portal.example/a.html","content_html":""}"#,
        )
        .unwrap();
        std::fs::write(dir.path().join("b.json"), "not json").unwrap();
        let a = article_info(dir.path(), "a").await;
        assert_eq!(a.title.as_deref(), Some("Tết"));
        assert_eq!(a.url.as_deref(), Some("https://portal.example/a.html"));
        assert!(article_info(dir.path(), "b").await.title.is_none());
        assert!(article_info(dir.path(), "missing").await.title.is_none());
        assert!(article_info(dir.path(), "../a").await.title.is_none());
    }
}
