//! Comment records as stored, the audit log's rows, and the JSON shapes the API sends (defined in
//! the shared `article-viewer-wire` crate and re-exported here).

use article_viewer_wire::Lenient;
use serde::{Deserialize, Serialize};

pub use article_viewer_wire::comments::{
    Comment, CommentAuthor, CommentsPage, RepliesPage, Role, Status, UnknownValue,
};
pub use article_viewer_wire::moderation::{AuditAction, ModerationComment, StatusCounts};

/// A comment row as stored, including the private e-mail address.
///
/// It is also the line `export` writes and `import` reads (one JSON object per line); the
/// `author_role` key is left out for readers, so files of older versions read the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredComment {
    /// Row id, unique across all articles (kept on import).
    pub id: i64,
    /// Id of the article the comment belongs to.
    pub article_id: String,
    /// Id of the top-level comment this one replies to.
    pub parent_id: Option<i64>,
    /// Display name given by the reader (or the editorial office's configured name).
    pub author_name: String,
    /// E-mail address given by the reader (never public; empty for editor replies).
    pub author_email: String,
    /// Comment text after normalisation.
    pub text: String,
    /// Moderation state.
    pub status: Status,
    /// Creation time, RFC 3339 UTC with second precision (`2026-11-28T10:00:00Z`).
    pub created: String,
    /// Time of the last moderation decision, or `null`.
    pub moderated: Option<String>,
    /// The idempotency key the comment was posted with.
    pub idempotency_key: String,
    /// Reader or editorial office.
    #[serde(default, skip_serializing_if = "Role::is_reader")]
    pub author_role: Role,
}

/// One comment as `export` writes it and `import` reads it.
pub type ExportRecord = StoredComment;

impl From<StoredComment> for Comment {
    /// The public view of a stored comment: no e-mail, no status (the answer to a post adds it).
    fn from(c: StoredComment) -> Self {
        Comment {
            id: c.id,
            parent_id: c.parent_id,
            author: CommentAuthor {
                name: c.author_name.clone(),
                role: c.author_role,
            }
            .into(),
            author_name: c.author_name,
            created: c.created,
            text: c.text,
            reply_count: Lenient::Absent,
            replies_next: Lenient::Absent,
            status: Lenient::Absent,
        }
    }
}

impl From<StoredComment> for ModerationComment {
    /// The moderation view of a stored comment (everything but the idempotency key).
    fn from(c: StoredComment) -> Self {
        ModerationComment {
            id: c.id,
            article_id: c.article_id,
            parent_id: c.parent_id,
            author_name: c.author_name,
            author_email: c.author_email.into(),
            created: c.created,
            text: c.text,
            status: c.status,
            author_role: c.author_role,
            moderated: c.moderated,
        }
    }
}

/// Order of top-level comments in the public listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Most recent first (the default).
    Newest,
    /// Oldest first.
    Oldest,
}

impl Sort {
    /// The SQL direction of `ORDER BY id`.
    pub fn sql(self) -> &'static str {
        match self {
            Sort::Newest => "DESC",
            Sort::Oldest => "ASC",
        }
    }
}

/// One line of the audit log: who did what to which comment, when, with the comment before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditEntry {
    /// Row id (increasing).
    pub id: i64,
    /// When (RFC 3339 UTC, second precision).
    pub at: String,
    /// The moderator's name at the time (`admin` for the shared token, `command line` for the CLI).
    pub moderator: String,
    /// What was done.
    pub action: AuditAction,
    /// The comment acted on (kept after a delete).
    pub comment_id: i64,
    /// The comment before (moderation shape, as JSON text), or `null` for a reply.
    pub before: Option<String>,
    /// The comment after, or `null` for a delete.
    pub after: Option<String>,
}

/// An audit entry about to be written (the database sets id and time).
#[derive(Debug, Clone)]
pub struct NewAudit<'a> {
    /// Who.
    pub moderator: &'a str,
    /// What.
    pub action: AuditAction,
    /// Which comment.
    pub comment_id: i64,
    /// The comment before, if any.
    pub before: Option<&'a StoredComment>,
    /// The comment after, if any.
    pub after: Option<&'a StoredComment>,
}

/// The audit log's snapshot of a comment: its moderation shape as JSON text.
pub fn audit_snapshot(c: &StoredComment) -> String {
    serde_json::to_string(&ModerationComment::from(c.clone())).unwrap_or_default()
}

/// A named moderator (the token itself is never stored, only its hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moderator {
    /// Row id (part of the token).
    pub id: i64,
    /// The name shown in the audit log.
    pub name: String,
    /// PHC string of the token's Argon2id hash.
    pub token_hash: String,
    /// When the moderator was added.
    pub created: String,
    /// When the token was revoked, or `None` while it works.
    pub revoked: Option<String>,
}

/// Counts per status from `(status, count)` rows (unknown statuses are ignored).
pub fn status_counts(rows: impl IntoIterator<Item = (String, u64)>) -> StatusCounts {
    let mut c = StatusCounts::default();
    for (status, n) in rows {
        if let Ok(s) = status.parse::<Status>() {
            c.set(s, n);
        }
    }
    c
}
