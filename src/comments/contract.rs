//! The comments contract's JSON shapes (see `docs/comments-api.md`): the shared serde types of
//! `article_viewer_wire::comments`, and what the widget makes of a post's answer.

use crate::json;
pub use article_viewer_wire::comments::{
    Comment, CommentAuthor, CommentsPage, FieldErrors, NewComment, RepliesPage, Role, Status,
};

/// Moderation state the server gives a new comment, as the widget tells the reader.
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

/// Reads a list answer.
pub fn read_page(text: &str) -> Result<CommentsPage, String> {
    json::from_str(text)
}

/// Reads a "more replies" answer.
pub fn read_replies(text: &str) -> Result<RepliesPage, String> {
    json::from_str(text)
}

/// Reads a 400 answer.
pub fn read_field_errors(text: &str) -> Result<FieldErrors, String> {
    json::from_str(text)
}

/// Reads a 201 answer: anything but `published` waits for a moderator.
pub fn read_posted(text: &str) -> Result<Posted, String> {
    let comment: Comment = json::from_str(text)?;
    let status = match comment.status.valid() {
        Some(Status::Published) => PostStatus::Published,
        _ => PostStatus::Pending,
    };
    Ok(Posted { comment, status })
}

/// The request body of a post.
pub fn write_new(comment: &NewComment) -> String {
    json::to_string(comment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_page() {
        let p = read_page(
            r#"{"total":3,"top_level_total":2,"page":1,"per_page":1,"items":[
                {"id":5,"parent_id":null,"author_name":"A","created":"2026-11-28T10:00:00Z","text":"x"},
                {"id":6,"parent_id":5,"author_name":"B","created":"2026-11-28T10:01:00Z","text":"y","extra":1,"author":{"name":"B","role":"editor"}}]}"#,
        )
        .unwrap();
        assert_eq!(p.items.len(), 2);
        assert_eq!(p.items[1].parent_id, Some(5));
        assert!(p.items[1].is_editor() && !p.items[0].is_editor());
        assert!(p.has_more());
        assert!(read_page(r#"{"total":"3"}"#).is_err());
        assert!(read_page("<html>").is_err());
    }

    #[test]
    fn reads_reply_counts_and_more_replies() {
        let p = read_page(
            r#"{"total":13,"top_level_total":1,"page":1,"per_page":20,"items":[
                {"id":5,"parent_id":null,"author_name":"A","created":"c","text":"x","reply_count":12,"replies_next":"16"},
                {"id":6,"parent_id":5,"author_name":"B","created":"c","text":"y"}]}"#,
        )
        .unwrap();
        assert_eq!(p.items[0].reply_count(), Some(12));
        assert_eq!(p.items[0].replies_next(), Some("16"));
        assert_eq!(
            (p.items[1].reply_count(), p.items[1].replies_next()),
            (None, None)
        );
        let r = read_replies(
            r#"{"parent_id":5,"reply_count":12,"items":[{"id":17,"parent_id":5,"author_name":"C","created":"c","text":"z"}],"next":null}"#,
        )
        .unwrap();
        assert_eq!((r.reply_count, r.items.len(), r.next()), (12, 1, None));
        assert!(read_replies(r#"{"items":[]}"#).is_err());
    }

    #[test]
    fn reads_posted_and_field_errors() {
        let p = read_posted(r#"{"id":9,"parent_id":null,"author_name":"A","created":"c","text":"t","status":"published"}"#).unwrap();
        assert_eq!(p.status, PostStatus::Published);
        let p = read_posted(r#"{"id":9,"parent_id":null,"author_name":"A","created":"c","text":"t","status":"later"}"#).unwrap();
        assert_eq!(p.status, PostStatus::Pending);
        let e = read_field_errors(r#"{"errors":{"author_email":"bad","text":"long"}}"#).unwrap();
        assert_eq!(e.errors.len(), 2);
    }

    #[test]
    fn writes_the_request_body() {
        let body = write_new(&NewComment {
            author_name: "Nguyễn \"An\"".to_string().into(),
            author_email: "an@example.vn".to_string().into(),
            text: "<script>x</script>\n😀".to_string().into(),
            parent_id: 4.into(),
            idempotency_key: "k".repeat(32).into(),
            website: String::new().into(),
            elapsed_ms: 5000.0.into(),
        });
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["author_name"], "Nguyễn \"An\"");
        assert_eq!(v["text"], "<script>x</script>\n😀");
        assert_eq!(v["parent_id"], 4);
        assert_eq!(v["elapsed_ms"], 5000.0);
    }
}
