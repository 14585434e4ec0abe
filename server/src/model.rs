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

/// A comment row as stored, including the private e-mail address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredComment {
    /// Row id, unique across all articles.
    pub id: i64,
    /// Id of the article the comment belongs to.
    pub article_id: String,
    /// Id of the top-level comment this one replies to.
    pub parent_id: Option<i64>,
    /// Display name given by the reader.
    pub author_name: String,
    /// E-mail address given by the reader (never public).
    pub author_email: String,
    /// Comment text after normalisation.
    pub text: String,
    /// Moderation state.
    pub status: Status,
    /// Creation time, RFC 3339 UTC with second precision (`2026-11-28T10:00:00Z`).
    pub created: String,
}

/// A comment as shown to the public: no e-mail, no status.
#[derive(Debug, Clone, Serialize)]
pub struct PublicComment {
    /// Row id.
    pub id: i64,
    /// Parent comment id or `null`.
    pub parent_id: Option<i64>,
    /// Display name.
    pub author_name: String,
    /// Creation time (RFC 3339, UTC).
    pub created: String,
    /// Comment text.
    pub text: String,
}

impl From<StoredComment> for PublicComment {
    fn from(c: StoredComment) -> Self {
        PublicComment {
            id: c.id,
            parent_id: c.parent_id,
            author_name: c.author_name,
            created: c.created,
            text: c.text,
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
    /// Top-level comments of this page, each followed by its published replies, oldest first.
    pub items: Vec<PublicComment>,
}

/// One comment as `export` writes it and `import` reads it: one JSON object per line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportRecord {
    /// Row id, kept on import (replies keep pointing at their parents).
    pub id: i64,
    /// Article the comment belongs to.
    pub article_id: String,
    /// Parent comment id or `null`.
    pub parent_id: Option<i64>,
    /// Display name.
    pub author_name: String,
    /// E-mail address.
    pub author_email: String,
    /// Comment text.
    pub text: String,
    /// Moderation state.
    pub status: Status,
    /// Creation time (RFC 3339, UTC, second precision).
    pub created: String,
    /// Time of the last moderation decision, or `null`.
    pub moderated: Option<String>,
    /// The idempotency key the comment was posted with.
    pub idempotency_key: String,
}
