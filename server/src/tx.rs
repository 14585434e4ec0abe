//! The small store trait: the operations of one database transaction, implemented once per
//! engine (`sqlite.rs`, `postgres.rs`). Everything the API does with them — the submission
//! pipeline, the public listing, moderation with its audit log, import — is written once over
//! this trait (`submit.rs`, `listing.rs`, `actions.rs`, `transfer.rs`).
//!
//! Methods take `&self` so that a pipeline may send independent statements at once (PostgreSQL
//! pipelines them on one connection). SQLite's futures never wait: they run the statement and
//! are ready, driven on a blocking thread.
#![allow(async_fn_in_trait)] // used with concrete types only; PostgreSQL's futures are Send.

use crate::config::RateLimit;
use crate::model::{AuditEntry, Moderator, NewAudit, Sort, Status, StatusCounts, StoredComment};
use crate::store::DbError;

/// A comment about to be inserted (the database sets id and time).
#[derive(Debug, Clone)]
pub struct NewComment<'a> {
    /// Article id.
    pub article_id: &'a str,
    /// Top-level comment replied to.
    pub parent_id: Option<i64>,
    /// Display name.
    pub author_name: &'a str,
    /// E-mail address (empty for editor replies).
    pub author_email: &'a str,
    /// Normalised text.
    pub text: &'a str,
    /// Initial moderation state.
    pub status: Status,
    /// Client-chosen idempotency key.
    pub idempotency_key: &'a str,
    /// Reader or editorial office.
    pub author_role: crate::model::Role,
}

/// The top-level comments of one public page: an article, an order, a limit and an offset.
#[derive(Debug, Clone, Copy)]
pub struct PageSpec<'a> {
    /// Article id.
    pub article_id: &'a str,
    /// Order of the top-level comments.
    pub sort: Sort,
    /// Top-level comments per page.
    pub limit: u32,
    /// Top-level comments before the page.
    pub offset: u64,
}

/// Whose replies a query is about: listed comments, or the top-level comments of a page (so the
/// reply queries need not wait for the page's ids, and go out together with it).
#[derive(Debug, Clone, Copy)]
pub enum Parents<'a> {
    /// These comments.
    Ids(&'a [i64]),
    /// The top-level comments of this page.
    Page(PageSpec<'a>),
}

/// Which comments of a status the moderation list shows: one article's, or those whose text or
/// name contains a search text (compared after `lower()`, which folds at least A–Z), newest or
/// oldest first.
#[derive(Debug, Clone, Copy, Default)]
pub struct QueueFilter<'a> {
    /// Only this article's comments.
    pub article: Option<&'a str>,
    /// Only comments whose text or author name contains this.
    pub search: Option<&'a str>,
    /// Newest first (else oldest first).
    pub newest: bool,
}

impl QueueFilter<'_> {
    /// True when the filter keeps every comment of the status.
    pub fn is_all(&self) -> bool {
        self.article.is_none() && self.search.is_none()
    }
}

/// One transaction on the comments database.
pub trait StoreTx {
    /// Comment `id`, whatever its status.
    async fn comment(&self, id: i64) -> Result<Option<StoredComment>, DbError>;
    /// The comment an article has under an idempotency key.
    async fn comment_by_key(
        &self,
        article_id: &str,
        key: &str,
    ) -> Result<Option<StoredComment>, DbError>;
    /// Serialises transactions posting the same (article, key) across processes until commit
    /// (PostgreSQL: an advisory lock; SQLite: its single writer already does).
    async fn lock_key(&self, article_id: &str, key: &str) -> Result<(), DbError>;
    /// Checks and records one post by `client` (see `ratelimit.rs`); `Ok(Err(retry_after))` when
    /// over the limit. With `sweep`, expired events of every client are deleted too.
    async fn rate_check(
        &self,
        client: &str,
        limit: RateLimit,
        now_ms: i64,
        sweep: bool,
    ) -> Result<Result<(), u64>, DbError>;
    /// The id the next comment would probably get, and the current time as stored.
    async fn next_id_and_now(&self) -> Result<(i64, String), DbError>;
    /// Inserts a comment; `None` if the article already has a comment with this key.
    async fn insert(&self, c: &NewComment<'_>) -> Result<Option<StoredComment>, DbError>;
    /// Sets a comment's status (and `moderated`); `None` if there is no such comment.
    async fn set_status(&self, id: i64, status: Status) -> Result<Option<StoredComment>, DbError>;
    /// Replaces a comment's text; `None` if there is no such comment.
    async fn set_text(&self, id: i64, text: &str) -> Result<Option<StoredComment>, DbError>;
    /// Deletes a comment and its replies; returns how many rows went.
    async fn delete(&self, id: i64) -> Result<u64, DbError>;
    /// The replies of comment `id`, whatever their status (to log a delete).
    async fn replies_of(&self, id: i64) -> Result<Vec<StoredComment>, DbError>;

    /// Visible published comments of an article: (all, top-level).
    async fn visible_counts(&self, article_id: &str) -> Result<(u64, u64), DbError>;
    /// Published top-level comments of an article.
    async fn top_level(
        &self,
        article_id: &str,
        sort: Sort,
        limit: u32,
        offset: u64,
    ) -> Result<Vec<StoredComment>, DbError>;
    /// Number of published replies of each of `parents` (parents without any are left out).
    async fn reply_counts(&self, parents: Parents<'_>) -> Result<Vec<(i64, u64)>, DbError>;
    /// The first `cap` (at least one) published replies of each of `parents`, oldest first, each
    /// with the number of published replies of its parent (one statement gives both).
    async fn first_replies(
        &self,
        parents: Parents<'_>,
        cap: u32,
    ) -> Result<Vec<(StoredComment, u64)>, DbError>;
    /// Published replies of `parent` with ids above `after`, oldest first.
    async fn replies_after(
        &self,
        parent: i64,
        after: i64,
        limit: u32,
    ) -> Result<Vec<StoredComment>, DbError>;

    /// Comments with a status that pass `filter`, in its order.
    async fn by_status(
        &self,
        status: Status,
        filter: QueueFilter<'_>,
        limit: u32,
        offset: u64,
    ) -> Result<Vec<StoredComment>, DbError>;
    /// Number of comments with a status that pass `filter`.
    async fn count_filtered(&self, status: Status, filter: QueueFilter<'_>)
        -> Result<u64, DbError>;
    /// Number of comments in each status.
    async fn status_counts(&self) -> Result<StatusCounts, DbError>;

    /// Appends an entry to the audit log.
    async fn insert_audit(&self, e: &NewAudit<'_>) -> Result<AuditEntry, DbError>;
    /// Audit entries, newest first, optionally about one comment only.
    async fn audit_page(
        &self,
        comment: Option<i64>,
        limit: u32,
        offset: u64,
    ) -> Result<Vec<AuditEntry>, DbError>;
    /// Number of audit entries, optionally about one comment only.
    async fn audit_count(&self, comment: Option<i64>) -> Result<u64, DbError>;

    /// Complete comments with ids above `after`, in id order (export).
    async fn comments_after(&self, after: i64, limit: u32) -> Result<Vec<StoredComment>, DbError>;
    /// Audit entries with ids above `after`, in id order (export).
    async fn audit_after(&self, after: i64, limit: u32) -> Result<Vec<AuditEntry>, DbError>;
    /// Inserts a comment with its own id; false if its id or (article, key) exists.
    async fn import_comment(&self, c: &StoredComment) -> Result<bool, DbError>;
    /// Inserts an audit entry with its own id; false if its id exists.
    async fn import_audit(&self, e: &AuditEntry) -> Result<bool, DbError>;
    /// After an import: moves id sequences past the imported ids (PostgreSQL).
    async fn finish_import(&self) -> Result<(), DbError>;

    /// Adds a moderator with a token hash; `None` if the name is taken.
    async fn add_moderator(&self, name: &str, token_hash: &str) -> Result<Option<i64>, DbError>;
    /// Every moderator, revoked ones too, by id.
    async fn moderators(&self) -> Result<Vec<Moderator>, DbError>;
    /// Moderator `id`.
    async fn moderator(&self, id: i64) -> Result<Option<Moderator>, DbError>;
    /// Revokes a moderator's token; false if there is no such (unrevoked) moderator.
    async fn revoke_moderator(&self, name: &str) -> Result<bool, DbError>;
}
