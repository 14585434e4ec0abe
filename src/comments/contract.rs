//! The comments contract's JSON shapes (see `docs/comments-api.md`).

use crate::json::{self, object, Field, FieldError, Json, Obj};
use std::collections::BTreeMap;

/// One published comment as the server lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// Server id.
    pub id: i64,
    /// The top-level comment this one answers, if it is a reply.
    pub parent_id: Option<i64>,
    /// The name the reader gave.
    pub author_name: String,
    /// When it was posted, RFC 3339.
    pub created: String,
    /// The text, plain (never HTML).
    pub text: String,
    /// An answer of the portal's editorial office (`author.role` is `editor`; any other role, or
    /// none from an older server, is a reader).
    pub editor: bool,
    /// Top-level comments only: its published replies in all (`reply_count`; none from an older
    /// server).
    pub reply_count: Option<u32>,
    /// Top-level comments only: the cursor of the replies not in the list (`replies_next`;
    /// `None` when every reply was given).
    pub replies_next: Option<String>,
}

/// A page of "more replies": `GET {url}/{parent}/replies?after=…`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RepliesPage {
    /// Published replies of the comment in all.
    pub reply_count: u32,
    /// The replies after the cursor, oldest first.
    pub items: Vec<Comment>,
    /// The cursor of the next page; `None` after the last reply.
    pub next: Option<String>,
}

/// One page of comments: top-level comments, each followed by its replies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentsPage {
    /// Published comments in all (top-level and replies).
    pub total: u32,
    /// Published top-level comments (decides whether there is another page).
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PostStatus {
    /// Waits for a moderator.
    Pending,
    /// Shown at once.
    Published,
}

/// The server's answer to a successful post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Posted {
    /// The comment as stored.
    pub comment: Comment,
    /// Whether it is shown yet.
    pub status: PostStatus,
}

/// What the widget posts.
#[derive(Clone, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldErrors {
    /// Field name to message.
    pub errors: BTreeMap<String, String>,
}

fn parse(text: &str) -> Result<json::Document, FieldError> {
    json::parse(text).map_err(|e| FieldError {
        field: "(root)".into(),
        problem: format!("is not JSON: {e}"),
    })
}

impl Comment {
    /// Reads a comment object.
    pub fn read<V: Json>(o: &Obj<V>) -> Result<Comment, FieldError> {
        Ok(Comment {
            id: o.i64("id")?,
            parent_id: o.opt_i64("parent_id")?,
            author_name: o.str("author_name")?,
            created: o.str("created")?,
            text: o.str("text")?,
            editor: o
                .opt_obj("author")
                .ok()
                .flatten()
                .and_then(|a| a.opt_str("role").ok().flatten())
                .is_some_and(|role| role == "editor"),
            // Lenient: a bad count or cursor costs the "more replies" button, not the list.
            reply_count: o
                .opt_i64("reply_count")
                .ok()
                .flatten()
                .and_then(|n| u32::try_from(n).ok()),
            replies_next: o
                .opt_str("replies_next")
                .ok()
                .flatten()
                .filter(|c| !c.is_empty()),
        })
    }
}

impl RepliesPage {
    /// Reads a "more replies" answer.
    pub fn from_json(text: &str) -> Result<RepliesPage, FieldError> {
        let v = parse(text)?;
        let o = Obj::new(json::root(&v), "")?;
        Ok(RepliesPage {
            reply_count: o.u32("reply_count")?,
            items: o.list("items", |v, path| Comment::read(&Obj::new(v, &path)?))?,
            next: o.opt_str("next")?.filter(|c| !c.is_empty()),
        })
    }
}

impl CommentsPage {
    /// Reads a list answer.
    pub fn from_json(text: &str) -> Result<CommentsPage, FieldError> {
        let v = parse(text)?;
        let o = Obj::new(json::root(&v), "")?;
        Ok(CommentsPage {
            total: o.u32("total")?,
            top_level_total: match o.opt_i64("top_level_total")? {
                Some(n) => Some(
                    u32::try_from(n).map_err(|_| o.error("top_level_total", "must be from 0"))?,
                ),
                None => None,
            },
            page: o.u32("page")?,
            per_page: o.u32("per_page")?,
            items: o.list("items", |v, path| Comment::read(&Obj::new(v, &path)?))?,
        })
    }
}

impl Posted {
    /// Reads a 201 answer.
    pub fn from_json(text: &str) -> Result<Posted, FieldError> {
        let v = parse(text)?;
        let o = Obj::new(json::root(&v), "")?;
        let status = match o.str("status")?.as_str() {
            "published" => PostStatus::Published,
            _ => PostStatus::Pending,
        };
        Ok(Posted {
            comment: Comment::read(&o)?,
            status,
        })
    }
}

impl FieldErrors {
    /// Reads a 400 answer.
    pub fn from_json(text: &str) -> Result<FieldErrors, FieldError> {
        let v = parse(text)?;
        let o = Obj::new(json::root(&v), "")?;
        let errors = o
            .opt_obj("errors")?
            .ok_or_else(|| o.error("errors", "is required but missing"))?;
        Ok(FieldErrors {
            errors: errors.string_map().into_iter().collect(),
        })
    }
}

impl NewComment {
    /// The request body.
    pub fn to_json(&self) -> String {
        object(&[
            ("author_name", Field::Str(&self.author_name)),
            ("author_email", Field::Str(&self.author_email)),
            ("text", Field::Str(&self.text)),
            ("parent_id", self.parent_id.map_or(Field::Null, Field::Int)),
            ("idempotency_key", Field::Str(&self.idempotency_key)),
            ("website", Field::Str(&self.website)),
            (
                "elapsed_ms",
                Field::Int(i64::try_from(self.elapsed_ms).unwrap_or(i64::MAX)),
            ),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_page() {
        let p = CommentsPage::from_json(
            r#"{"total":3,"top_level_total":2,"page":1,"per_page":1,"items":[
                {"id":5,"parent_id":null,"author_name":"A","created":"2026-11-28T10:00:00Z","text":"x"},
                {"id":6,"parent_id":5,"author_name":"B","created":"2026-11-28T10:01:00Z","text":"y","extra":1,"author":{"name":"B","role":"editor"}}]}"#,
        )
        .unwrap();
        assert_eq!(p.items.len(), 2);
        assert_eq!(p.items[1].parent_id, Some(5));
        assert!(p.items[1].editor && !p.items[0].editor);
        assert!(p.has_more());
        assert_eq!(
            CommentsPage::from_json(r#"{"total":"3"}"#)
                .unwrap_err()
                .field,
            "total"
        );
        assert!(CommentsPage::from_json("<html>").is_err());
    }

    #[test]
    fn reads_reply_counts_and_more_replies() {
        let p = CommentsPage::from_json(
            r#"{"total":13,"top_level_total":1,"page":1,"per_page":20,"items":[
                {"id":5,"parent_id":null,"author_name":"A","created":"c","text":"x","reply_count":12,"replies_next":"16"},
                {"id":6,"parent_id":5,"author_name":"B","created":"c","text":"y"}]}"#,
        )
        .unwrap();
        assert_eq!(p.items[0].reply_count, Some(12));
        assert_eq!(p.items[0].replies_next.as_deref(), Some("16"));
        assert_eq!(
            (p.items[1].reply_count, p.items[1].replies_next.clone()),
            (None, None)
        );
        let r = RepliesPage::from_json(
            r#"{"parent_id":5,"reply_count":12,"items":[{"id":17,"parent_id":5,"author_name":"C","created":"c","text":"z"}],"next":null}"#,
        )
        .unwrap();
        assert_eq!((r.reply_count, r.items.len(), r.next), (12, 1, None));
        assert!(RepliesPage::from_json(r#"{"items":[]}"#).is_err());
    }

    #[test]
    fn reads_posted_and_field_errors() {
        let p = Posted::from_json(r#"{"id":9,"parent_id":null,"author_name":"A","created":"c","text":"t","status":"published"}"#).unwrap();
        assert_eq!(p.status, PostStatus::Published);
        let e =
            FieldErrors::from_json(r#"{"errors":{"author_email":"bad","text":"long"}}"#).unwrap();
        assert_eq!(e.errors.len(), 2);
    }

    #[test]
    fn writes_the_request_body() {
        let body = NewComment {
            author_name: "Nguyễn \"An\"".into(),
            author_email: "an@example.vn".into(),
            text: "<script>x</script>\n😀".into(),
            parent_id: Some(4),
            idempotency_key: "k".repeat(32),
            website: String::new(),
            elapsed_ms: 5000,
        }
        .to_json();
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["author_name"], "Nguyễn \"An\"");
        assert_eq!(v["text"], "<script>x</script>\n😀");
        assert_eq!(v["parent_id"], 4);
        assert_eq!(v["elapsed_ms"], 5000);
    }
}
