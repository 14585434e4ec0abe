//! The moderation API's shapes (`docs/comments-openapi.yaml`, tag `moderation`): what the server
//! answers under `/api/moderation/` and what the moderation page posts.
//!
//! The server always writes every key. The page needs only some of them to show a comment: the
//! others (the article's title and address, the e-mail, the parent's status, the counts, `shared`)
//! are [`Lenient`], so a wrong one costs its line on the page, not the whole list; fields the page
//! never shows read with a default when absent. A missing or mistyped field the page needs (an
//! id, a name, a text, the list itself) makes the answer unreadable.

use crate::comments::{Role, Status};
use crate::Lenient;
use serde::{Deserialize, Serialize};

/// A comment as moderators see it, with its article, e-mail and status: the answer of approve,
/// reject, requeue, edit, delete and reply, and the audit log's snapshots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationComment {
    /// Row id.
    pub id: i64,
    /// Article the comment belongs to.
    pub article_id: String,
    /// Parent comment id or `null`.
    #[serde(default)]
    pub parent_id: Option<i64>,
    /// Display name.
    pub author_name: String,
    /// E-mail address (empty for answers of the editorial office).
    #[serde(default)]
    pub author_email: Lenient<String>,
    /// Creation time (RFC 3339, UTC).
    pub created: String,
    /// Comment text (plain, never HTML).
    pub text: String,
    /// Moderation state.
    pub status: Status,
    /// `reader` or `editor`.
    #[serde(default)]
    pub author_role: Role,
    /// Time of the last moderation decision, or `null`.
    #[serde(default)]
    pub moderated: Option<String>,
}

impl Default for ModerationComment {
    /// An empty pending comment of a reader (a start for builders and tests).
    fn default() -> Self {
        ModerationComment {
            id: 0,
            article_id: String::new(),
            parent_id: None,
            author_name: String::new(),
            author_email: Lenient::Absent,
            created: String::new(),
            text: String::new(),
            status: Status::Pending,
            author_role: Role::Reader,
            moderated: None,
        }
    }
}

/// The comment a reply answers, as shown beside the reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParentSummary {
    /// Row id.
    pub id: i64,
    /// Display name.
    pub author_name: String,
    /// Comment text.
    pub text: String,
    /// Moderation state (unreadable: shown as not published).
    #[serde(default)]
    pub status: Lenient<Status>,
}

impl ParentSummary {
    /// Whether the parent is shown publicly (an unreadable status counts as not).
    pub fn is_published(&self) -> bool {
        self.status.valid() == Some(&Status::Published)
    }
}

/// A comment in the moderation list: the moderation shape plus what a moderator needs to judge it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationItem {
    /// The comment itself (its keys at the item's top level).
    #[serde(flatten)]
    pub comment: ModerationComment,
    /// The article's `title`, or `null` if its file is gone or has none.
    #[serde(default)]
    pub article_title: Lenient<String>,
    /// The article's public address (`url`), or `null`.
    #[serde(default)]
    pub article_url: Lenient<String>,
    /// The comment answered, for replies (whatever its status), else `null`.
    #[serde(default)]
    pub parent: Option<ParentSummary>,
}

impl ModerationItem {
    /// The names of the lenient fields that held a value of the wrong type (left out).
    pub fn invalid_fields(&self) -> Vec<&'static str> {
        let mut bad = Vec::new();
        if self.comment.author_email.is_invalid() {
            bad.push("author_email");
        }
        if self.article_title.is_invalid() {
            bad.push("article_title");
        }
        if self.article_url.is_invalid() {
            bad.push("article_url");
        }
        if self.parent.as_ref().is_some_and(|p| p.status.is_invalid()) {
            bad.push("parent.status");
        }
        bad
    }
}

/// Number of comments in each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCounts {
    /// Waiting for a moderator.
    pub pending: u64,
    /// Shown publicly.
    pub published: u64,
    /// Refused.
    pub rejected: u64,
}

impl StatusCounts {
    /// The count of one status.
    pub fn get(&self, status: Status) -> u64 {
        match status {
            Status::Pending => self.pending,
            Status::Published => self.published,
            Status::Rejected => self.rejected,
        }
    }

    fn slot(&mut self, status: Status) -> &mut u64 {
        match status {
            Status::Pending => &mut self.pending,
            Status::Published => &mut self.published,
            Status::Rejected => &mut self.rejected,
        }
    }

    /// Sets the count of one status.
    pub fn set(&mut self, status: Status, n: u64) {
        *self.slot(status) = n;
    }

    /// Moves `n` comments from one status to another (never below zero).
    pub fn moved(&mut self, from: Status, to: Status, n: u64) {
        let f = self.slot(from);
        *f = f.saturating_sub(n);
        *self.slot(to) += n;
    }
}

/// Answer of `GET /api/moderation/comments`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationList {
    /// Number of comments with the requested status that pass the filter.
    pub total: u64,
    /// Page number (1-based).
    #[serde(default)]
    pub page: u32,
    /// Items per page.
    #[serde(default)]
    pub per_page: u32,
    /// Number of comments in each status (the page's counters; unreadable: zeros).
    #[serde(default)]
    pub counts: Lenient<StatusCounts>,
    /// The comments of this page, with e-mail, article and parent.
    pub items: Vec<ModerationItem>,
}

impl ModerationList {
    /// The counts per status (zeros where the answer had none readable).
    pub fn counts(&self) -> StatusCounts {
        self.counts.valid().copied().unwrap_or_default()
    }

    /// The lenient fields of the answer that held a value of the wrong type, named
    /// (`counts`, `items[3].article_url`…).
    pub fn invalid_fields(&self) -> Vec<String> {
        let mut bad = Vec::new();
        if self.counts.is_invalid() {
            bad.push("counts".to_owned());
        }
        for (i, item) in self.items.iter().enumerate() {
            bad.extend(
                item.invalid_fields()
                    .into_iter()
                    .map(|f| format!("items[{i}].{f}")),
            );
        }
        bad
    }
}

/// Answer of `GET /api/moderation/me`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    /// The name the audit log records for this token.
    pub name: String,
    /// True for the shared `--moderation-token` (no name of its own).
    #[serde(default)]
    pub shared: Lenient<bool>,
    /// The editorial office's name on replies.
    #[serde(default)]
    pub editor_name: String,
}

impl Me {
    /// Whether this is the shared token (false where the answer had no readable `shared`).
    pub fn is_shared(&self) -> bool {
        self.shared.valid().copied().unwrap_or(false)
    }
}

/// The body of `POST /api/moderation/comments/{id}/edit` (`text` only) and `…/reply`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextBody {
    /// The new text, or the reply's text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// A reply only: makes a retry publish the reply once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idempotency_key: Option<String>,
    /// A reply only: approve the comment answered in the same transaction.
    #[serde(default)]
    pub approve: bool,
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
    /// The spelling stored in the database and used in the API.
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

impl std::str::FromStr for AuditAction {
    type Err = crate::comments::UnknownValue;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "approve" => Ok(AuditAction::Approve),
            "reject" => Ok(AuditAction::Reject),
            "requeue" => Ok(AuditAction::Requeue),
            "delete" => Ok(AuditAction::Delete),
            "edit" => Ok(AuditAction::Edit),
            "reply" => Ok(AuditAction::Reply),
            other => Err(crate::comments::UnknownValue(other.to_owned())),
        }
    }
}

/// What the moderation page reads of an audit snapshot (a [`ModerationComment`] as it was
/// written at the time, perhaps by an older version): every field lenient.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditSnapshot {
    /// The comment's author.
    #[serde(default)]
    pub author_name: Lenient<String>,
    /// Its moderation state then.
    #[serde(default)]
    pub status: Lenient<Status>,
    /// The comment it answers, if any.
    #[serde(default)]
    pub parent_id: Lenient<i64>,
}

/// One audit entry as the API sends it, the snapshots as objects: `C` is how they are held (the
/// server passes the stored JSON through; the page reads an [`AuditSnapshot`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditItem<C = AuditSnapshot> {
    /// Row id (increasing).
    pub id: i64,
    /// When (RFC 3339 UTC, second precision).
    pub at: String,
    /// The moderator's name at the time (`admin` for the shared token, `command line` for the CLI).
    pub moderator: String,
    /// What was done.
    pub action: AuditAction,
    /// The comment acted on (for a reply: the reply itself; kept after a delete).
    pub comment_id: i64,
    /// The comment before, or `null` for a reply.
    pub before: Option<C>,
    /// The comment after, or `null` for a delete.
    pub after: Option<C>,
}

/// Answer of `GET /api/moderation/audit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditList<C = AuditSnapshot> {
    /// Number of entries (about the comment asked for, if any).
    pub total: u64,
    /// Page number (1-based).
    #[serde(default)]
    pub page: u32,
    /// Entries per page.
    #[serde(default)]
    pub per_page: u32,
    /// The entries, newest first.
    pub items: Vec<AuditItem<C>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// The keys of an object, sorted.
    fn keys(v: &Value) -> Vec<&str> {
        let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        k.sort_unstable();
        k
    }

    fn comment() -> ModerationComment {
        ModerationComment {
            id: 13,
            article_id: "a".into(),
            parent_id: Some(12),
            author_name: "Bình".into(),
            author_email: "b@example.vn".to_string().into(),
            created: "2026-11-28T10:01:00Z".into(),
            text: "<b>x</b>".into(),
            status: Status::Pending,
            author_role: Role::Reader,
            moderated: None,
        }
    }

    fn item() -> ModerationItem {
        ModerationItem {
            comment: comment(),
            article_title: Lenient::Absent,
            article_url: "https://portal.example/a.html".to_string().into(),
            parent: Some(ParentSummary {
                id: 12,
                author_name: "An".into(),
                text: "gốc".into(),
                status: Status::Published.into(),
            }),
        }
    }

    #[test]
    fn a_list_the_server_writes_reads_back_as_the_page_reads_it() {
        let list = ModerationList {
            total: 1,
            page: 1,
            per_page: 100,
            counts: StatusCounts {
                pending: 1,
                published: 7,
                rejected: 2,
            }
            .into(),
            items: vec![item()],
        };
        let v = serde_json::to_value(&list).unwrap();
        assert_eq!(
            keys(&v),
            ["counts", "items", "page", "per_page", "total"],
            "{v}"
        );
        assert_eq!(keys(&v["counts"]), ["pending", "published", "rejected"]);
        assert_eq!(
            keys(&v["items"][0]),
            [
                "article_id",
                "article_title",
                "article_url",
                "author_email",
                "author_name",
                "author_role",
                "created",
                "id",
                "moderated",
                "parent",
                "parent_id",
                "status",
                "text"
            ]
        );
        assert!(v["items"][0]["article_title"].is_null());
        assert!(v["items"][0]["moderated"].is_null());
        assert_eq!(
            keys(&v["items"][0]["parent"]),
            ["author_name", "id", "status", "text"]
        );
        let back: ModerationList = serde_json::from_value(v).unwrap();
        assert_eq!(back, list);
        assert!(back.invalid_fields().is_empty());
        assert_eq!(back.counts().get(Status::Published), 7);
    }

    #[test]
    fn a_wrong_optional_field_costs_only_that_field() {
        let mut v = serde_json::to_value(ModerationList {
            total: 1,
            items: vec![item()],
            ..ModerationList::default()
        })
        .unwrap();
        v["counts"] = json!("many");
        v["items"][0]["article_title"] = json!(5);
        v["items"][0]["author_email"] = json!(false);
        v["items"][0]["parent"]["status"] = json!("spam");
        v["items"][0]["extra"] = json!(true);
        let list: ModerationList = serde_json::from_value(v).unwrap();
        assert_eq!(list.counts(), StatusCounts::default());
        assert!(!list.items[0].parent.as_ref().unwrap().is_published());
        assert_eq!(list.items[0].comment.text, "<b>x</b>");
        assert_eq!(
            list.invalid_fields(),
            [
                "counts",
                "items[0].author_email",
                "items[0].article_title",
                "items[0].parent.status"
            ]
        );
    }

    #[test]
    fn a_missing_or_wrong_required_field_makes_the_answer_unreadable() {
        let good = serde_json::to_value(ModerationList {
            total: 1,
            items: vec![item()],
            ..ModerationList::default()
        })
        .unwrap();
        for (path, value) in [
            ("total", Value::Null),
            ("items", json!({})),
            ("id", json!("13")),
            ("text", json!(null)),
            ("author_name", json!(1)),
            ("status", json!("spam")),
        ] {
            let mut v = good.clone();
            let obj = if ["total", "items"].contains(&path) {
                v.as_object_mut().unwrap()
            } else {
                v["items"][0].as_object_mut().unwrap()
            };
            if value.is_null() {
                obj.remove(path);
            } else {
                obj.insert(path.into(), value);
            }
            let err = serde_json::from_value::<ModerationList>(v).unwrap_err();
            if ["total", "text"].contains(&path) {
                assert!(err.to_string().contains(path), "{path}: {err}");
            }
        }
    }

    #[test]
    fn me_and_the_reply_body() {
        let me = Me {
            name: "Lan".into(),
            shared: false.into(),
            editor_name: "Ban biên tập".into(),
        };
        let v = serde_json::to_value(&me).unwrap();
        assert_eq!(keys(&v), ["editor_name", "name", "shared"]);
        assert_eq!(serde_json::from_value::<Me>(v).unwrap(), me);
        let m: Me = serde_json::from_str(r#"{"name":"admin","shared":"yes"}"#).unwrap();
        assert!(!m.is_shared() && m.shared.is_invalid());
        assert!(serde_json::from_str::<Me>(r#"{"shared":true}"#).is_err());

        let body = TextBody {
            text: Some("Cảm ơn".into()),
            idempotency_key: Some("editor-0123456789".into()),
            approve: true,
        };
        let text = serde_json::to_string(&body).unwrap();
        assert_eq!(
            text,
            r#"{"text":"Cảm ơn","idempotency_key":"editor-0123456789","approve":true}"#
        );
        assert_eq!(serde_json::from_str::<TextBody>(&text).unwrap(), body);
        let edit: TextBody = serde_json::from_str(r#"{"text":"x"}"#).unwrap();
        assert!(!edit.approve && edit.idempotency_key.is_none());
        assert!(serde_json::from_str::<TextBody>(r#"{"text":3}"#).is_err());
    }

    #[test]
    fn the_audit_log_reads_old_and_new_snapshots() {
        let server: AuditList<Value> = AuditList {
            total: 2,
            page: 1,
            per_page: 50,
            items: vec![
                AuditItem {
                    id: 2,
                    at: "2026-11-28T10:05:00Z".into(),
                    moderator: "Lê Minh".into(),
                    action: AuditAction::Reply,
                    comment_id: 9,
                    before: None,
                    after: Some(serde_json::to_value(comment()).unwrap()),
                },
                AuditItem {
                    id: 1,
                    at: "2026-11-28T10:00:00Z".into(),
                    moderator: "Lan".into(),
                    action: AuditAction::Approve,
                    comment_id: 4,
                    before: Some(json!({"status": "pending", "author_name": "An"})),
                    after: Some(json!({"status": 3, "author_name": "An", "old": 1})),
                },
            ],
        };
        let v = serde_json::to_value(&server).unwrap();
        assert_eq!(
            keys(&v["items"][0]),
            [
                "action",
                "after",
                "at",
                "before",
                "comment_id",
                "id",
                "moderator"
            ]
        );
        assert!(v["items"][0]["before"].is_null());
        let page: AuditList = serde_json::from_value(v).unwrap();
        assert_eq!(page.items[0].action, AuditAction::Reply);
        assert_eq!(page.items[0].before, None);
        let after = page.items[0].after.as_ref().unwrap();
        assert_eq!(after.parent_id, Lenient::Valid(12));
        assert_eq!(after.status, Lenient::Valid(Status::Pending));
        assert!(page.items[1].after.as_ref().unwrap().status.is_invalid());
        for a in ["approve", "reject", "requeue", "delete", "edit", "reply"] {
            let action: AuditAction = a.parse().unwrap();
            assert_eq!(action.as_str(), a);
            assert_eq!(serde_json::to_value(action).unwrap(), json!(a));
        }
    }

    #[test]
    fn counts_move_and_never_go_below_zero() {
        let mut c = StatusCounts::default();
        c.set(Status::Rejected, 2);
        c.moved(Status::Pending, Status::Published, 3);
        assert_eq!((c.pending, c.published, c.rejected), (0, 3, 2));
        assert_eq!(c.get(Status::Published), 3);
    }
}
