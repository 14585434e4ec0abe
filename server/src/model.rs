//! Comment records and the JSON shapes the API sends.

use std::str::FromStr;

use article_viewer_wire::Lenient;
use serde::{Deserialize, Serialize};

pub use article_viewer_wire::comments::{
    Comment, CommentAuthor, CommentsPage, RepliesPage, Role, Status, UnknownValue,
};

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

/// A comment as shown to moderators, with article id and e-mail.
#[derive(Debug, Clone, Serialize)]
pub struct ModerationComment {
    /// Row id.
    pub id: i64,
    /// Article the comment belongs to.
    pub article_id: String,
    /// Parent comment id or `null`.
    pub parent_id: Option<i64>,
    /// Display name.
    pub author_name: String,
    /// E-mail address.
    pub author_email: String,
    /// Creation time (RFC 3339, UTC).
    pub created: String,
    /// Comment text.
    pub text: String,
    /// Moderation state.
    pub status: Status,
    /// `reader` or `editor`.
    pub author_role: Role,
    /// Time of the last moderation decision, or `null`.
    pub moderated: Option<String>,
}

impl From<StoredComment> for ModerationComment {
    fn from(c: StoredComment) -> Self {
        ModerationComment {
            id: c.id,
            article_id: c.article_id,
            parent_id: c.parent_id,
            author_name: c.author_name,
            author_email: c.author_email,
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

/// What a moderator did, as written in the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuditAction {
    /// Published a comment.
    Approve,
    /// Rejected a comment.
    Reject,
    /// Put a comment back to pending (the moderation page's undo).
    Requeue,
    /// Deleted a comment for good.
    Delete,
    /// Changed a comment's text.
    Edit,
    /// Replied as the editorial office.
    Reply,
}

impl AuditAction {
    /// The spelling stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Approve => "approve",
            AuditAction::Reject => "reject",
            AuditAction::Requeue => "requeue",
            AuditAction::Delete => "delete",
            AuditAction::Edit => "edit",
            AuditAction::Reply => "reply",
        }
    }

    /// The action that sets `status`.
    pub fn for_status(status: Status) -> AuditAction {
        match status {
            Status::Published => AuditAction::Approve,
            Status::Rejected => AuditAction::Reject,
            Status::Pending => AuditAction::Requeue,
        }
    }
}

impl FromStr for AuditAction {
    type Err = UnknownValue;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "approve" => Ok(AuditAction::Approve),
            "reject" => Ok(AuditAction::Reject),
            "requeue" => Ok(AuditAction::Requeue),
            "delete" => Ok(AuditAction::Delete),
            "edit" => Ok(AuditAction::Edit),
            "reply" => Ok(AuditAction::Reply),
            other => Err(UnknownValue(other.to_owned())),
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

impl StatusCounts {
    /// Counts from `(status, count)` rows (unknown statuses are ignored).
    pub fn from_rows(rows: impl IntoIterator<Item = (String, u64)>) -> StatusCounts {
        let mut c = StatusCounts::default();
        for (status, n) in rows {
            match status.parse::<Status>() {
                Ok(Status::Pending) => c.pending = n,
                Ok(Status::Published) => c.published = n,
                Ok(Status::Rejected) => c.rejected = n,
                Err(_) => {}
            }
        }
        c
    }
}
