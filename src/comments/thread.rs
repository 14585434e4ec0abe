//! Comments grouped into threads (one level of replies), merged across "load more" pages and
//! "more replies" pages.

use super::api::CommentsError;
use super::contract::Comment;

/// Where a thread's "more replies" stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum MoreReplies {
    /// Nothing asked (the button shows while a cursor is left).
    #[default]
    Idle,
    /// A page of replies is on its way.
    Loading,
    /// The last page could not be loaded (a sentence with Retry).
    Failed(CommentsError),
}

/// A top-level comment with its replies, oldest reply first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Thread {
    /// The top-level comment.
    pub comment: Comment,
    /// Its replies shown.
    pub replies: Vec<Comment>,
    /// Its published replies in all, as the server last said.
    pub reply_count: u32,
    /// The cursor of the replies not shown yet (`None`: every reply is shown).
    pub next: Option<String>,
    /// Where "more replies" stands.
    pub more: MoreReplies,
}

impl Thread {
    /// A thread for a top-level comment, with the reply count and cursor the list gave it.
    pub fn new(comment: Comment) -> Thread {
        Thread {
            reply_count: comment.reply_count().unwrap_or(0),
            next: comment.replies_next().map(str::to_string),
            comment,
            replies: Vec::new(),
            more: MoreReplies::Idle,
        }
    }

    /// How many replies the "more replies" button offers (0: no button).
    pub fn hidden_replies(&self) -> u32 {
        match self.next {
            Some(_) => self
                .reply_count
                .saturating_sub(self.replies.len() as u32)
                .max(1),
            None => 0,
        }
    }

    /// Whether `id` is this comment or one of its replies shown.
    fn holds(&self, id: i64) -> bool {
        self.comment.id == id || self.replies.iter().any(|r| r.id == id)
    }

    /// Adds a reply unless it is shown already; whether it was added.
    fn add_reply(&mut self, c: &Comment) -> bool {
        if self.holds(c.id) {
            return false;
        }
        self.replies.push(c.clone());
        self.replies.sort_by_key(|r| r.id);
        true
    }
}

/// Appends the comments of a page (top-level comments each followed by their replies) to
/// `threads`, skipping comments already shown (pages can shift while new comments arrive).
pub fn merge_page(threads: &mut Vec<Thread>, items: &[Comment]) {
    for c in items {
        if threads.iter().any(|t| t.holds(c.id)) {
            continue;
        }
        match c.parent_id {
            None => threads.push(Thread::new(c.clone())),
            Some(parent) => {
                if let Some(t) = threads.iter_mut().find(|t| t.comment.id == parent) {
                    t.add_reply(c);
                }
                // A reply whose parent is not shown is dropped: one level only, no orphans.
            }
        }
    }
}

/// Appends a "more replies" page to the thread of `parent`: new replies (never one shown
/// twice, never one of another thread), the new count and cursor. Returns the ids added, oldest
/// first; nothing when the thread is gone (the list was reloaded meanwhile).
pub fn merge_replies(
    threads: &mut [Thread],
    parent: i64,
    items: &[Comment],
    reply_count: u32,
    next: Option<String>,
) -> Vec<i64> {
    let Some(t) = threads.iter_mut().find(|t| t.comment.id == parent) else {
        return Vec::new();
    };
    let mut added: Vec<i64> = items
        .iter()
        .filter(|c| c.parent_id == Some(parent) && t.add_reply(c))
        .map(|c| c.id)
        .collect();
    added.sort_unstable();
    t.reply_count = reply_count.max(t.replies.len() as u32);
    t.next = next;
    t.more = MoreReplies::Idle;
    added
}

/// Adds a comment the reader just posted and the server published at once.
pub fn add_posted(threads: &mut Vec<Thread>, comment: Comment, newest_first: bool) {
    match comment.parent_id {
        Some(parent) => {
            if let Some(t) = threads.iter_mut().find(|t| t.comment.id == parent) {
                if t.add_reply(&comment) {
                    t.reply_count += 1;
                }
            }
        }
        None if newest_first => threads.insert(0, Thread::new(comment)),
        None => merge_page(threads, &[comment]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use article_viewer_wire::Lenient;

    fn c(id: i64, parent: Option<i64>) -> Comment {
        Comment {
            id,
            parent_id: parent,
            author_name: format!("n{id}"),
            created: "2026-11-28T10:00:00Z".into(),
            text: format!("t{id}"),
            author: Lenient::Absent,
            reply_count: Lenient::Absent,
            replies_next: Lenient::Absent,
            status: Lenient::Absent,
        }
    }

    fn top(id: i64, count: u32, next: Option<&str>) -> Comment {
        Comment {
            reply_count: u64::from(count).into(),
            replies_next: Lenient::Valid(next.map(str::to_string)),
            ..c(id, None)
        }
    }

    #[test]
    fn groups_replies_under_parents() {
        let mut threads = Vec::new();
        merge_page(
            &mut threads,
            &[c(5, None), c(7, Some(5)), c(6, Some(5)), c(3, None)],
        );
        assert_eq!(threads.len(), 2);
        assert_eq!(
            threads[0].replies.iter().map(|r| r.id).collect::<Vec<_>>(),
            vec![6, 7]
        );
        assert!(threads[1].replies.is_empty());
    }

    #[test]
    fn load_more_skips_duplicates_and_orphans() {
        let mut threads = Vec::new();
        merge_page(&mut threads, &[c(5, None), c(4, None)]);
        merge_page(
            &mut threads,
            &[c(4, None), c(9, Some(4)), c(2, None), c(8, Some(99))],
        );
        let ids: Vec<i64> = threads.iter().map(|t| t.comment.id).collect();
        assert_eq!(ids, vec![5, 4, 2]);
        assert_eq!(threads[1].replies.len(), 1);
    }

    #[test]
    fn more_replies_append_once_and_follow_the_cursor() {
        let mut threads = Vec::new();
        merge_page(
            &mut threads,
            &[
                top(1, 5, Some("3")),
                c(2, Some(1)),
                c(3, Some(1)),
                top(9, 0, None),
            ],
        );
        assert_eq!(threads[0].hidden_replies(), 3);
        assert_eq!(threads[1].hidden_replies(), 0, "no cursor, no button");
        // The page repeats a reply shown, and carries one of another thread: neither is added.
        let added = merge_replies(
            &mut threads,
            1,
            &[c(3, Some(1)), c(5, Some(1)), c(4, Some(1)), c(10, Some(9))],
            5,
            Some("5".into()),
        );
        assert_eq!(added, [4, 5]);
        assert_eq!(
            threads[0].replies.iter().map(|r| r.id).collect::<Vec<_>>(),
            [2, 3, 4, 5]
        );
        assert!(threads[1].replies.is_empty());
        assert_eq!(threads[0].hidden_replies(), 1);
        let added = merge_replies(&mut threads, 1, &[c(6, Some(1))], 5, None);
        assert_eq!(added, [6]);
        assert_eq!(
            (threads[0].hidden_replies(), threads[0].next.clone()),
            (0, None)
        );
        assert!(merge_replies(&mut threads, 42, &[c(7, Some(42))], 1, None).is_empty());
    }

    #[test]
    fn a_cursor_with_a_stale_count_still_offers_the_button() {
        let mut threads = Vec::new();
        merge_page(&mut threads, &[top(1, 1, Some("2")), c(2, Some(1))]);
        assert_eq!(
            threads[0].hidden_replies(),
            1,
            "at least one while a cursor is left"
        );
    }

    #[test]
    fn posted_comments_go_first_when_newest_first() {
        let mut threads = Vec::new();
        merge_page(&mut threads, &[c(5, None)]);
        add_posted(&mut threads, c(10, None), true);
        add_posted(&mut threads, c(11, Some(5)), true);
        assert_eq!(threads[0].comment.id, 10);
        assert_eq!(threads[1].replies[0].id, 11);
        assert_eq!(
            threads[1].reply_count, 1,
            "the count follows the reader's reply"
        );
        add_posted(&mut threads, c(12, None), false);
        assert_eq!(threads.last().unwrap().comment.id, 12);
    }
}
