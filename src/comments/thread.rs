//! Comments grouped into threads (one level of replies), merged across "load more" pages.

use super::contract::Comment;

/// A top-level comment with its replies, oldest reply first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Thread {
    /// The top-level comment.
    pub comment: Comment,
    /// Its replies.
    pub replies: Vec<Comment>,
}

/// Appends the comments of a page (top-level comments each followed by their replies) to
/// `threads`, skipping comments already shown (pages can shift while new comments arrive).
pub fn merge_page(threads: &mut Vec<Thread>, items: &[Comment]) {
    for c in items {
        let known = threads
            .iter()
            .any(|t| t.comment.id == c.id || t.replies.iter().any(|r| r.id == c.id));
        if known {
            continue;
        }
        match c.parent_id {
            None => threads.push(Thread {
                comment: c.clone(),
                replies: Vec::new(),
            }),
            Some(parent) => {
                if let Some(t) = threads.iter_mut().find(|t| t.comment.id == parent) {
                    t.replies.push(c.clone());
                    t.replies.sort_by_key(|r| r.id);
                }
                // A reply whose parent is not shown is dropped: one level only, no orphans.
            }
        }
    }
}

/// Adds a comment the reader just posted and the server published at once.
pub fn add_posted(threads: &mut Vec<Thread>, comment: Comment, newest_first: bool) {
    match comment.parent_id {
        Some(_) => merge_page(threads, &[comment]),
        None if newest_first => threads.insert(
            0,
            Thread {
                comment,
                replies: Vec::new(),
            },
        ),
        None => merge_page(threads, &[comment]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: i64, parent: Option<i64>) -> Comment {
        Comment {
            id,
            parent_id: parent,
            author_name: format!("n{id}"),
            created: "2026-11-28T10:00:00Z".into(),
            text: format!("t{id}"),
            editor: false,
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
    fn posted_comments_go_first_when_newest_first() {
        let mut threads = Vec::new();
        merge_page(&mut threads, &[c(5, None)]);
        add_posted(&mut threads, c(10, None), true);
        add_posted(&mut threads, c(11, Some(5)), true);
        assert_eq!(threads[0].comment.id, 10);
        assert_eq!(threads[1].replies[0].id, 11);
        add_posted(&mut threads, c(12, None), false);
        assert_eq!(threads.last().unwrap().comment.id, 12);
    }
}
