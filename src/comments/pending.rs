//! The reader's own comments that wait for moderation: shown in place to their author, marked as
//! waiting, and kept in this browser only (`localStorage`, per article) until the server lists
//! them as published. Nobody else sees them, and the server is not asked about them.

use super::contract::Comment;
use crate::json;

/// At most this many waiting comments are kept per article (the oldest go first).
pub const MAX_KEPT: usize = 10;

/// Storage key of the reader's waiting comments for an article.
pub fn storage_key(article_id: &str) -> String {
    format!("article-viewer:pending:{article_id}")
}

/// The reader's waiting comments, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pending(pub Vec<Comment>);

/// The stored form: `{"items": [comment, …]}`, each as the server gave it.
#[derive(serde::Serialize, serde::Deserialize)]
struct Stored {
    items: Vec<Comment>,
}

impl Pending {
    /// Adds a comment the server accepted for moderation (once; the oldest go past [`MAX_KEPT`]).
    pub fn add(&mut self, c: Comment) {
        if self.0.iter().any(|p| p.id == c.id) {
            return;
        }
        self.0.push(c);
        let over = self.0.len().saturating_sub(MAX_KEPT);
        self.0.drain(..over);
    }

    /// Forgets the comments that `listed` shows (they were published); whether any went.
    pub fn published(&mut self, listed: &[Comment]) -> bool {
        let before = self.0.len();
        self.0.retain(|p| !listed.iter().any(|c| c.id == p.id));
        self.0.len() != before
    }

    /// The waiting top-level comments.
    pub fn top_level(&self) -> impl Iterator<Item = &Comment> {
        self.0.iter().filter(|c| c.parent_id.is_none())
    }

    /// The waiting answers to comment `parent`.
    pub fn replies_to(&self, parent: i64) -> impl Iterator<Item = &Comment> {
        self.0.iter().filter(move |c| c.parent_id == Some(parent))
    }

    /// Whether none waits.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The stored form (JSON).
    pub fn encode(&self) -> String {
        json::to_string(&Stored {
            items: self.0.clone(),
        })
    }

    /// Reads the stored form; garbage gives none.
    pub fn decode(s: &str) -> Pending {
        json::from_str::<Stored>(s)
            .map(|stored| Pending(stored.items))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: i64, parent: Option<i64>) -> Comment {
        Comment {
            id,
            parent_id: parent,
            author_name: "Nguyễn \"An\"".into(),
            created: "2026-12-06T10:00:00Z".into(),
            text: format!("Ý kiến {id}\ndòng hai"),
            author: article_viewer_wire::Lenient::Absent,
            reply_count: article_viewer_wire::Lenient::Absent,
            replies_next: article_viewer_wire::Lenient::Absent,
            status: article_viewer_wire::Lenient::Absent,
        }
    }

    #[test]
    fn survives_storage_and_garbage_gives_none() {
        let mut p = Pending::default();
        p.add(c(3, None));
        p.add(c(4, Some(1)));
        p.add(c(3, None));
        assert_eq!(p.0.len(), 2, "added once");
        assert_eq!(Pending::decode(&p.encode()), p);
        assert_eq!(Pending::decode("{not json"), Pending::default());
        assert_eq!(Pending::decode("{\"items\":3}"), Pending::default());
    }

    #[test]
    fn published_comments_are_forgotten() {
        let mut p = Pending::default();
        p.add(c(3, None));
        p.add(c(4, Some(1)));
        assert!(!p.published(&[c(9, None)]));
        assert!(p.published(&[c(9, None), c(4, Some(1))]));
        assert_eq!(p.top_level().map(|c| c.id).collect::<Vec<_>>(), [3]);
        assert_eq!(p.replies_to(1).count(), 0);
    }

    #[test]
    fn keeps_at_most_the_newest_few() {
        let mut p = Pending::default();
        for id in 0..(MAX_KEPT as i64 + 3) {
            p.add(c(id, None));
        }
        assert_eq!(p.0.len(), MAX_KEPT);
        assert_eq!(p.0[0].id, 3);
    }
}
