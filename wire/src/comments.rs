//! The comments contract (`docs/comments-api.md`): what the reference server answers and what
//! the viewer's comments widget posts.
//!
//! Fields an older or another server may leave out or get wrong (the author's role, reply counts,
//! cursors) are [`Lenient`]: a wrong one costs its feature (the badge, "more replies"), not the list.

use crate::Lenient;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// Moderation state of a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

/// A spelling that names no status or role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue(pub String);

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown value {:?}", self.0)
    }
}

impl std::error::Error for UnknownValue {}

impl FromStr for Status {
    type Err = UnknownValue;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "pending" => Ok(Status::Pending),
            "published" => Ok(Status::Published),
            "rejected" => Ok(Status::Rejected),
            other => Err(UnknownValue(other.to_owned())),
        }
    }
}

/// Who wrote a comment: a reader through the public form, or the editorial office from the
/// moderation page. Any other spelling (a newer server) reads as a reader.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The editorial office ("Ban biên tập"), through the moderation page.
    Editor,
    /// A reader, through the public form.
    #[default]
    #[serde(other)]
    Reader,
}

impl Role {
    /// The spelling stored in the database and used in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Reader => "reader",
            Role::Editor => "editor",
        }
    }

    /// True for [`Role::Reader`] (left out where it is the default).
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

/// The author of a public comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentAuthor {
    /// Display name.
    pub name: String,
    /// `reader` or `editor` (the editorial office: the widget shows a badge).
    #[serde(default)]
    pub role: Role,
}

/// A comment as the public sees it: in a list, a replies page, or the answer to a post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    /// Row id.
    pub id: i64,
    /// The top-level comment this one answers, or `null`.
    #[serde(default)]
    pub parent_id: Option<i64>,
    /// Display name (also in `author.name`; kept for older clients).
    pub author_name: String,
    /// Name and role of the author (none from an older server: a reader).
    #[serde(default, skip_serializing_if = "Lenient::is_unset")]
    pub author: Lenient<CommentAuthor>,
    /// Creation time, RFC 3339 UTC.
    pub created: String,
    /// The text, plain (never HTML).
    pub text: String,
    /// Top-level comments of a list only: the number of published replies.
    #[serde(default, skip_serializing_if = "Lenient::is_unset")]
    pub reply_count: Lenient<u64>,
    /// Top-level comments of a list only: the cursor of the replies not in the list;
    /// `Valid(None)` is written as `null` (every reply is in the list).
    #[serde(default, skip_serializing_if = "Lenient::is_unset")]
    pub replies_next: Lenient<Option<String>>,
    /// The answer to a post only: `pending` (waiting for a moderator) or `published`.
    #[serde(default, skip_serializing_if = "Lenient::is_unset")]
    pub status: Lenient<Status>,
}

impl Comment {
    /// Whether the editorial office wrote it.
    pub fn is_editor(&self) -> bool {
        self.author.valid().is_some_and(|a| a.role == Role::Editor)
    }

    /// The number of published replies, where the server gave a readable one.
    pub fn reply_count(&self) -> Option<u32> {
        self.reply_count
            .valid()
            .and_then(|&n| u32::try_from(n).ok())
    }

    /// The cursor of the replies not yet shown, if any.
    pub fn replies_next(&self) -> Option<&str> {
        self.replies_next
            .valid()
            .and_then(Option::as_deref)
            .filter(|c| !c.is_empty())
    }
}

/// One page of the public list: top-level comments, each followed by its first replies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentsPage {
    /// Published comments in all (top-level and replies).
    pub total: u64,
    /// Published top-level comments (decides whether there is another page; counted from the
    /// page where an older server leaves it out).
    #[serde(default, skip_serializing_if = "Lenient::is_unset")]
    pub top_level_total: Lenient<u64>,
    /// The page number, from 1.
    pub page: u32,
    /// Top-level comments per page.
    pub per_page: u32,
    /// Most replies given under each top-level comment (the rest through `replies_next`).
    #[serde(default, skip_serializing_if = "Lenient::is_unset")]
    pub replies_per_comment: Lenient<u32>,
    /// The comments of this page.
    pub items: Vec<Comment>,
}

impl CommentsPage {
    /// Whether a later page exists.
    pub fn has_more(&self) -> bool {
        let top =
            self.top_level_total.valid().copied().unwrap_or_else(|| {
                self.items.iter().filter(|c| c.parent_id.is_none()).count() as u64
            });
        u64::from(self.page) * u64::from(self.per_page) < top
    }
}

/// One page of the replies of a top-level comment (`GET …/{id}/replies?after=…`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepliesPage {
    /// The comment answered.
    #[serde(default)]
    pub parent_id: i64,
    /// Its published replies in all.
    pub reply_count: u64,
    /// The replies after the cursor, oldest first.
    pub items: Vec<Comment>,
    /// The cursor of the next page, or `null` after the last reply.
    #[serde(default)]
    pub next: Option<String>,
}

impl RepliesPage {
    /// The cursor of the next page, if any.
    pub fn next(&self) -> Option<&str> {
        self.next.as_deref().filter(|c| !c.is_empty())
    }
}

/// The body of `POST …/comments`. Every field is [`Lenient`], so the server can name each field
/// of the wrong type in its answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewComment {
    /// Display name.
    #[serde(default)]
    pub author_name: Lenient<String>,
    /// E-mail address (never shown publicly).
    #[serde(default)]
    pub author_email: Lenient<String>,
    /// The comment text.
    #[serde(default)]
    pub text: Lenient<String>,
    /// The comment answered, or `null`.
    #[serde(default)]
    pub parent_id: Lenient<i64>,
    /// Makes retries and double clicks create one comment at most.
    #[serde(default)]
    pub idempotency_key: Lenient<String>,
    /// Honeypot: a field people never see and bots fill in; empty from the widget.
    #[serde(default)]
    pub website: Lenient<String>,
    /// Milliseconds the reader spent on the form.
    #[serde(default)]
    pub elapsed_ms: Lenient<f64>,
}

/// A 400 answer: one message a reader understands per failing field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors {
    /// Field name → message.
    pub errors: BTreeMap<String, String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_page_leniently() {
        let p: CommentsPage = serde_json::from_str(
            r#"{"total":3,"top_level_total":2,"page":1,"per_page":1,"items":[
                {"id":5,"parent_id":null,"author_name":"A","created":"c","text":"x","reply_count":"many","replies_next":"16"},
                {"id":6,"parent_id":5,"author_name":"B","created":"c","text":"y","extra":1,"author":{"name":"B","role":"editor"}},
                {"id":7,"parent_id":5,"author_name":"C","created":"c","text":"z","author":{"name":"C","role":"robot"}}]}"#,
        )
        .unwrap();
        assert!(p.has_more());
        assert_eq!(p.items[0].reply_count(), None);
        assert_eq!(p.items[0].replies_next(), Some("16"));
        assert!(p.items[1].is_editor() && !p.items[0].is_editor() && !p.items[2].is_editor());
        assert!(serde_json::from_str::<CommentsPage>(r#"{"total":"3"}"#).is_err());
    }

    #[test]
    fn writes_the_contract_keys() {
        let c = Comment {
            id: 1,
            parent_id: None,
            author_name: "A".into(),
            author: CommentAuthor {
                name: "A".into(),
                role: Role::Reader,
            }
            .into(),
            created: "c".into(),
            text: "t".into(),
            reply_count: 0.into(),
            replies_next: Lenient::Valid(None),
            status: Lenient::Absent,
        };
        let v = serde_json::to_value(&c).unwrap();
        let keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
        assert_eq!(
            keys,
            [
                "author",
                "author_name",
                "created",
                "id",
                "parent_id",
                "replies_next",
                "reply_count",
                "text"
            ]
        );
        assert!(v["replies_next"].is_null());
    }

    #[test]
    fn a_new_comment_names_its_wrong_fields() {
        let n: NewComment = serde_json::from_str(
            r#"{"author_name":3,"text":"t","parent_id":1.5,"website":[],"elapsed_ms":12.5}"#,
        )
        .unwrap();
        assert!(n.author_name.is_invalid() && n.parent_id.is_invalid() && n.website.is_invalid());
        assert_eq!(n.elapsed_ms, Lenient::Valid(12.5));
        assert_eq!(n.author_email, Lenient::Absent);
    }
}
