//! The comments contract's JSON shapes (see `docs/comments-api.md`).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One published comment as the server lists it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Comment {
    /// Server id.
    pub id: i64,
    /// The top-level comment this one answers, if it is a reply.
    #[serde(default)]
    pub parent_id: Option<i64>,
    /// The name the reader gave.
    pub author_name: String,
    /// When it was posted, RFC 3339.
    pub created: String,
    /// The text, plain (never HTML).
    pub text: String,
}

/// One page of comments: top-level comments, each followed by its replies.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct CommentsPage {
    /// Published comments in all (top-level and replies).
    pub total: u32,
    /// Published top-level comments (decides whether there is another page).
    #[serde(default)]
    pub top_level_total: Option<u32>,
    /// The page number, from 1.
    pub page: u32,
    /// Top-level comments per page.
    pub per_page: u32,
    /// The comments of this page.
    pub items: Vec<Comment>,
}

impl CommentsPage {
    /// Whether a later page exists.
    pub fn has_more(&self) -> bool {
        let top = self
            .top_level_total
            .unwrap_or_else(|| self.items.iter().filter(|c| c.parent_id.is_none()).count() as u32);
        self.page.saturating_mul(self.per_page) < top
    }
}

/// Moderation state the server gives a new comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PostStatus {
    /// Waits for a moderator.
    Pending,
    /// Shown at once.
    Published,
}

/// The server's answer to a successful post.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Posted {
    /// The comment as stored.
    #[serde(flatten)]
    pub comment: Comment,
    /// Whether it is shown yet.
    pub status: PostStatus,
}

/// What the widget posts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NewComment {
    /// Display name.
    pub author_name: String,
    /// E-mail (never shown publicly).
    pub author_email: String,
    /// The comment text.
    pub text: String,
    /// The comment answered, if any.
    pub parent_id: Option<i64>,
    /// Makes retries and double clicks create one comment at most.
    pub idempotency_key: String,
    /// Honeypot: a field people never see and bots fill in; always empty from the widget.
    pub website: String,
    /// Milliseconds the reader spent on the form.
    pub elapsed_ms: u64,
}

/// A 400 answer: one message per failing field.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct FieldErrors {
    /// Field name to message.
    pub errors: BTreeMap<String, String>,
}
