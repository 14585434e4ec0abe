//! Moderation API behind a bearer token (a named moderator's or the shared one): list, approve,
//! reject, requeue, edit, delete, reply as the editorial office, and read the audit log.

use std::collections::HashMap;
use std::path::Path as FsPath;

use std::net::SocketAddr;

/// The API's shapes, defined once in the wire crate (the moderation page reads the same types).
pub use article_viewer_wire::moderation::{
    AuditItem, AuditList, Me, ModerationItem, ModerationList, ParentSummary, TextBody,
};
use article_viewer_wire::Lenient;
use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

use crate::actions::EditorReply;
use crate::api::{parse_paging, query_or_400, read_body};
use crate::articles::is_valid_article_id;
use crate::auth::Actor;
use crate::error::ApiError;
use crate::listing::OwnedFilter;
use crate::model::{AuditEntry, ModerationComment, Status};
use crate::ratelimit::{client_ip, client_key};
use crate::state::SharedState;
use crate::validate::{normalize, FieldErrors};

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

/// Checks `Authorization: Bearer <token>` (scheme case-insensitive, token trimmed) for the client
/// at `peer`: the moderator it names, 401 when wrong, 429 after too many failures from the
/// client, 404 when there is no shared token and no moderator.
pub async fn authorize(
    state: &SharedState,
    headers: &HeaderMap,
    peer: SocketAddr,
) -> Result<Actor, ApiError> {
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token);
    let client = client_key(client_ip(headers, peer, state.config.trust_proxy));
    let result = state.auth.check(&state.db, presented, &client).await;
    if let Err(e) = &result {
        tracing::info!(%client, error = %e, "moderation sign-in refused");
    }
    Ok(result?)
}

/// `GET /api/moderation/me`: who this token is (the moderation page's sign-in check).
pub async fn me(
    State(state): State<SharedState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Json<Me>, ApiError> {
    let actor = authorize(&state, &headers, peer).await?;
    Ok(Json(Me {
        name: actor.name,
        shared: actor.shared.into(),
        editor_name: state.config.editor_name.clone(),
    }))
}

/// The longest search text of the moderation list, in characters.
pub const MAX_SEARCH: usize = 200;

/// Reads the list's filter: `article` (an article id), `q` (text searched in the comment's text
/// and name, NFC, at most [`MAX_SEARCH`] characters) and `sort=newest|oldest` (default oldest);
/// blank values filter nothing.
fn parse_filter(q: &HashMap<String, String>, errors: &mut FieldErrors) -> OwnedFilter {
    let given = |name: &str| {
        q.get(name)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let article = given("article");
    if article.as_deref().is_some_and(|a| !is_valid_article_id(a)) {
        errors.insert("article", "article must be an article id.".into());
    }
    let search = given("q").map(|s| normalize(&s, false));
    if search
        .as_deref()
        .is_some_and(|s| s.chars().count() > MAX_SEARCH)
    {
        errors.insert("q", format!("q must be at most {MAX_SEARCH} characters."));
    }
    let newest = match q.get("sort").map(|s| s.trim()) {
        None | Some("") | Some("oldest") => false,
        Some("newest") => true,
        Some(_) => {
            errors.insert("sort", "sort must be \"newest\" or \"oldest\".".into());
            false
        }
    };
    OwnedFilter {
        article,
        search,
        newest,
    }
}

/// `GET /api/moderation/comments?status=pending|published|rejected&page=&per_page=&article=&q=&sort=`.
pub async fn list(
    State(state): State<SharedState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<ModerationList>, ApiError> {
    authorize(&state, &headers, peer).await?;
    let q = query_or_400(query)?;
    let mut errors = FieldErrors::new();
    let paging = parse_paging(&q, &mut errors);
    let filter = parse_filter(&q, &mut errors);
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
    let offset = u64::from(paging.page.saturating_sub(1)) * u64::from(paging.per_page);
    let page = state
        .db
        .queue_page(status, filter, paging.per_page, offset)
        .await?;
    let total = page.matching.unwrap_or(match status {
        Status::Pending => page.counts.pending,
        Status::Published => page.counts.published,
        Status::Rejected => page.counts.rejected,
    });
    let mut articles: HashMap<String, ArticleInfo> = HashMap::new();
    let mut items = Vec::with_capacity(page.items.len());
    for row in page.items {
        if !articles.contains_key(&row.article_id) {
            let info = article_info(&state.config.content_dir, &row.article_id).await;
            articles.insert(row.article_id.clone(), info);
        }
        let info = articles.get(&row.article_id).cloned().unwrap_or_default();
        let parent = row
            .parent_id
            .and_then(|id| page.parents.get(&id))
            .map(|p| ParentSummary {
                id: p.id,
                author_name: p.author_name.clone(),
                text: p.text.clone(),
                status: p.status.into(),
            });
        items.push(ModerationItem {
            comment: row.into(),
            article_title: Lenient::from_option(info.title),
            article_url: Lenient::from_option(info.url),
            parent,
        });
    }
    Ok(Json(ModerationList {
        total,
        page: paging.page,
        per_page: paging.per_page,
        counts: page.counts.into(),
        items,
    }))
}

/// The comment id of a path, or 404.
fn comment_id(id: &str) -> Result<i64, ApiError> {
    id.parse::<i64>()
        .map_err(|_| ApiError::NotFound("There is no comment with this id."))
}

/// Sets the status of the comment named in the path; 404 if there is none.
async fn set_status(
    state: SharedState,
    peer: SocketAddr,
    headers: HeaderMap,
    id: String,
    status: Status,
) -> Result<Json<ModerationComment>, ApiError> {
    let actor = authorize(&state, &headers, peer).await?;
    let id = comment_id(&id)?;
    let c = state.db.moderate(&actor.name, id, status).await?;
    tracing::info!(id, %status, moderator = %actor.name, "moderated comment");
    Ok(Json(c.into()))
}

/// `POST /api/moderation/comments/{id}/approve`: publish the comment.
pub async fn approve(
    State(state): State<SharedState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<ModerationComment>, ApiError> {
    set_status(state, peer, headers, id, Status::Published).await
}

/// `POST /api/moderation/comments/{id}/reject`: hide the comment for good.
pub async fn reject(
    State(state): State<SharedState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<ModerationComment>, ApiError> {
    set_status(state, peer, headers, id, Status::Rejected).await
}

/// `POST /api/moderation/comments/{id}/requeue`: back to the pending queue (the moderation page's undo).
pub async fn requeue(
    State(state): State<SharedState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<ModerationComment>, ApiError> {
    set_status(state, peer, headers, id, Status::Pending).await
}

/// Reads and checks a `{ "text": … }` body: the text normalised and checked like a reader's.
async fn text_body(
    state: &SharedState,
    headers: &HeaderMap,
    body: Body,
) -> Result<(String, Option<String>, bool), ApiError> {
    let bytes = read_body(
        headers,
        body,
        state.config.max_body_bytes,
        state.config.limits.body_timeout,
    )
    .await?;
    let parsed: TextBody = serde_json::from_slice(&bytes)
        .map_err(|_| ApiError::field("body", "Send a JSON object with a \"text\" field."))?;
    let text = normalize(parsed.text.as_deref().unwrap_or(""), true);
    if let Err(e) = article_viewer_rules::check_text(&text) {
        return Err(ApiError::field(
            "text",
            match e {
                article_viewer_rules::RuleError::TooLong { max, actual } => {
                    format!("The text can be at most {max} characters long (it has {actual}).")
                }
                _ => "Please write the text.".to_owned(),
            },
        ));
    }
    let key = parsed.idempotency_key.filter(|k| !k.is_empty());
    if let Some(k) = &key {
        if article_viewer_rules::check_idempotency_key(k).is_err() {
            return Err(ApiError::field(
                "idempotency_key",
                "idempotency_key must be 8 to 64 letters, digits, '-' or '_'.",
            ));
        }
    }
    Ok((text, key, parsed.approve))
}

/// `POST /api/moderation/comments/{id}/edit` with `{ "text": … }`: replaces the text (logged
/// with the text before and after).
pub async fn edit(
    State(state): State<SharedState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> Result<Json<ModerationComment>, ApiError> {
    let actor = authorize(&state, &headers, peer).await?;
    let id = comment_id(&id)?;
    let (text, _, _) = text_body(&state, &headers, body).await?;
    let c = state.db.edit(&actor.name, id, &text).await?;
    tracing::info!(id, moderator = %actor.name, "edited comment");
    Ok(Json(c.into()))
}

/// `DELETE /api/moderation/comments/{id}`: deletes the comment and its replies for good (the
/// audit log keeps what they were).
pub async fn delete(
    State(state): State<SharedState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<ModerationComment>, ApiError> {
    let actor = authorize(&state, &headers, peer).await?;
    let id = comment_id(&id)?;
    let c = state.db.delete(&actor.name, id).await?;
    tracing::info!(id, moderator = %actor.name, "deleted comment");
    Ok(Json(c.into()))
}

/// `POST /api/moderation/comments/{id}/reply` with `{ "text": …, "idempotency_key": …,
/// "approve": false }`: publishes an answer of the editorial office at once (`author_role:
/// "editor"`, named `--editor-name`) under the comment (under its top-level comment for a
/// reply), with `approve` approving the comment answered in the same transaction; 201.
pub async fn reply(
    State(state): State<SharedState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> Result<Response, ApiError> {
    let actor = authorize(&state, &headers, peer).await?;
    let id = comment_id(&id)?;
    let (text, key, approve) = text_body(&state, &headers, body).await?;
    let key = key.unwrap_or_else(random_key);
    let c = state
        .db
        .editor_reply(
            &actor.name,
            EditorReply {
                to: id,
                text,
                editor_name: state.config.editor_name.clone(),
                idempotency_key: key,
                approve,
            },
        )
        .await?;
    tracing::info!(id = c.id, parent = id, moderator = %actor.name, "editor reply published");
    Ok((StatusCode::CREATED, Json(ModerationComment::from(c))).into_response())
}

/// A fresh idempotency key for a reply sent without one.
fn random_key() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    let mut b = [0_u8; 16];
    OsRng.fill_bytes(&mut b);
    format!(
        "editor-{}",
        b.iter().map(|x| format!("{x:02x}")).collect::<String>()
    )
}

/// One audit entry as the API sends it: the stored snapshots (JSON text) as objects, passed
/// through as they were written (older versions wrote fewer keys).
fn audit_item(e: AuditEntry) -> AuditItem<serde_json::Value> {
    let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
    AuditItem {
        id: e.id,
        at: e.at,
        moderator: e.moderator,
        action: e.action,
        comment_id: e.comment_id,
        before: parse(e.before),
        after: parse(e.after),
    }
}

/// `GET /api/moderation/audit?page=&per_page=&comment=`: the audit log, newest first.
pub async fn audit(
    State(state): State<SharedState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<AuditList<serde_json::Value>>, ApiError> {
    authorize(&state, &headers, peer).await?;
    let q = query_or_400(query)?;
    let mut errors = FieldErrors::new();
    let paging = parse_paging(&q, &mut errors);
    let comment = match q.get("comment").map(|s| s.trim().parse::<i64>()) {
        None => None,
        Some(Ok(id)) if id > 0 => Some(id),
        Some(_) => {
            errors.insert("comment", "comment must be a comment id.".into());
            None
        }
    };
    if !errors.is_empty() {
        return Err(ApiError::Invalid(errors));
    }
    let offset = u64::from(paging.page.saturating_sub(1)) * u64::from(paging.per_page);
    let (total, entries) = state.db.audit(comment, paging.per_page, offset).await?;
    Ok(Json(AuditList {
        total,
        page: paging.page,
        per_page: paging.per_page,
        items: entries.into_iter().map(audit_item).collect(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

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
