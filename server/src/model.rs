//! Comment records and the JSON shapes the API sends.

use std::fmt;
use std::str::FromStr;

use clap::ValueEnum;
use serde::{Deserialize, Serialize};

/// Moderation state of a stored comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Waiting for a moderator; not shown publicly.
    Pending,
    /// Shown publicly.
    Published,
    /// Refused by a moderator; never shown publicly.
    Rejected,
}

impl Status {
    /// The spelling stored in the database and used in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Published => "published",
            Status::Rejected => "rejected",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown status spelling.
#[derive(Debug, thiserror::Error)]
#[error("unknown status {0:?} (expected pending, published or rejected)")]
pub struct StatusParseError(pub String);

/// A spelling that names no role or audit action.
#[derive(Debug, thiserror::Error)]
#[error("unknown value {0:?}")]
pub struct UnknownValue(pub String);

impl FromStr for Status {
    type Err = StatusParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "pending" => Ok(Status::Pending),
            "published" => Ok(Status::Published),
            "rejected" => Ok(Status::Rejected),
            other => Err(StatusParseError(other.to_owned())),
        }
    }
}

/// Who wrote a comment: a reader through the public form, or the editorial office from the
/// moderation page. Readers cannot claim the editor role (the public form has no such field).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A reader, through the public form.
    #[default]
    Reader,
    /// The editorial office ("Ban biên tập"), through the moderation page.
    Editor,
}

impl Role {
    /// The spelling stored in the database and used in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Reader => "reader",
            Role::Editor => "editor",
        }
    }

    /// True for [`Role::Reader`] (export leaves the default out).
    pub fn is_reader(&self) -> bool {
        *self == Role::Reader
    }
}

impl FromStr for Role {
    type Err = UnknownValue;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "reader" => Ok(Role::Reader),
            "editor" => Ok(Role::Editor),
            other => Err(UnknownValue(other.to_owned())),
        }
    }
}

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

/// The author of a public comment.
#[derive(Debug, Clone, Serialize)]
pub struct PublicAuthor {
    /// Display name.
    pub name: String,
    /// `reader` or `editor` (the editorial office: show a badge).
    pub role: Role,
}

/// How many replies a top-level comment has, and where the ones not shown continue.
#[derive(Debug, Clone, Serialize)]
pub struct ReplyInfo {
    /// Number of visible (published) replies of this comment.
    pub reply_count: u64,
    /// Cursor for `…/comments/{id}/replies?after=`, or `null` when every reply is in the answer.
    pub replies_next: Option<String>,
}

/// A comment as shown to the public: no e-mail, no status.
#[derive(Debug, Clone, Serialize)]
pub struct PublicComment {
    /// Row id.
    pub id: i64,
    /// Parent comment id or `null`.
    pub parent_id: Option<i64>,
    /// Display name (also in `author.name`; kept for older clients).
    pub author_name: String,
    /// Name and role of the author.
    pub author: PublicAuthor,
    /// Creation time (RFC 3339, UTC).
    pub created: String,
    /// Comment text.
    pub text: String,
    /// For top-level comments of the list: the reply count and cursor; absent on replies.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub replies: Option<ReplyInfo>,
}

impl From<StoredComment> for PublicComment {
    fn from(c: StoredComment) -> Self {
        PublicComment {
            id: c.id,
            parent_id: c.parent_id,
            author: PublicAuthor {
                name: c.author_name.clone(),
                role: c.author_role,
            },
            author_name: c.author_name,
            created: c.created,
            text: c.text,
            replies: None,
        }
    }
}

/// The answer to a successful `POST …/comments`: the public view plus the moderation state.
#[derive(Debug, Clone, Serialize)]
pub struct SubmittedComment {
    /// Row id.
    pub id: i64,
    /// Parent comment id or `null`.
    pub parent_id: Option<i64>,
    /// Display name.
    pub author_name: String,
    /// Name and role of the author.
    pub author: PublicAuthor,
    /// Creation time (RFC 3339, UTC).
    pub created: String,
    /// Comment text as stored.
    pub text: String,
    /// `pending` (waiting for a moderator) or `published`.
    pub status: Status,
}

impl From<StoredComment> for SubmittedComment {
    fn from(c: StoredComment) -> Self {
        SubmittedComment {
            id: c.id,
            parent_id: c.parent_id,
            author: PublicAuthor {
                name: c.author_name.clone(),
                role: c.author_role,
            },
            author_name: c.author_name,
            created: c.created,
            text: c.text,
            status: c.status,
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

/// One page of the public listing.
#[derive(Debug, Clone, Serialize)]
pub struct PublicPage {
    /// Number of visible published comments of the article (top-level and replies).
    pub total: u64,
    /// Number of published top-level comments of the article.
    pub top_level_total: u64,
    /// Page number (1-based) of top-level comments.
    pub page: u32,
    /// Top-level comments per page.
    pub per_page: u32,
    /// Most replies given under each top-level comment (the rest through its `replies_next`).
    pub replies_per_comment: u32,
    /// Top-level comments of this page, each followed by its first published replies, oldest first.
    pub items: Vec<PublicComment>,
}

/// One page of the replies of a top-level comment (`GET …/comments/{id}/replies`).
#[derive(Debug, Clone, Serialize)]
pub struct RepliesPage {
    /// The comment answered.
    pub parent_id: i64,
    /// Number of its visible (published) replies.
    pub reply_count: u64,
    /// Replies after the cursor, oldest first.
    pub items: Vec<PublicComment>,
    /// Cursor of the next page, or `null` after the last reply.
    pub next: Option<String>,
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
