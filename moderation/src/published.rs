//! The published comments as plain Rust: the filter (article, search text), the comments found
//! (newest first), what is in flight and the take-down undo stack. A comment taken down is
//! rejected on the server (written to the audit log); undo approves it again. Native unit tests
//! below.

use crate::model::{Item, Page};
use std::collections::BTreeSet;

/// What the editor looks for: one article's comments, and/or a text in the comment or its name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// An article id (blank: every article).
    pub article: String,
    /// A text to find (blank: every comment).
    pub search: String,
}

impl Filter {
    /// The query parameters the server takes (`article`, `q`), blank ones left out, each value
    /// trimmed and not yet URL-encoded.
    pub fn params(&self) -> Vec<(&'static str, &str)> {
        [("article", self.article.trim()), ("q", self.search.trim())]
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .collect()
    }
}

/// The published comments found for a filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Published {
    items: Vec<Item>,
    total: u64,
    busy: BTreeSet<i64>,
    undo: Vec<Item>,
}

impl Published {
    /// Shows `page` (the comments found, newest first), keeping the undo stack.
    pub fn load(&mut self, page: Page) {
        self.items = page.items;
        self.items.sort_by_key(|i| std::cmp::Reverse(i.comment.id));
        self.total = page.total;
        self.busy.clear();
    }

    /// The comments shown, newest first.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// Comments on the server that pass the filter.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// True while a request about `id` is in flight.
    pub fn is_busy(&self, id: i64) -> bool {
        self.busy.contains(&id)
    }

    /// Marks `id` as in flight; false (send nothing) if it is not shown or already in flight.
    pub fn begin(&mut self, id: i64) -> bool {
        self.items.iter().any(|i| i.comment.id == id) && self.busy.insert(id)
    }

    /// The take-down of `id` ended: when it worked (or the comment is gone) it leaves the list,
    /// and a comment taken down goes on the undo stack; its author's name is returned.
    pub fn finish(&mut self, id: i64, taken_down: bool, gone: bool) -> Option<String> {
        self.busy.remove(&id);
        if !(taken_down || gone) {
            return None;
        }
        let at = self.items.iter().position(|i| i.comment.id == id)?;
        let item = self.items.remove(at);
        self.total = self.total.saturating_sub(1);
        let name = item.comment.author_name.clone();
        if taken_down {
            self.undo.push(item);
        }
        Some(name)
    }

    /// The comment whose take-down focus should go to after `id` leaves: the next one, else the
    /// one before (read before [`Published::finish`]).
    pub fn neighbour(&self, id: i64) -> Option<i64> {
        let at = self.items.iter().position(|i| i.comment.id == id)?;
        self.items
            .get(at + 1)
            .or_else(|| at.checked_sub(1).and_then(|b| self.items.get(b)))
            .map(|i| i.comment.id)
    }

    /// True if a take-down can be undone.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Takes the last take-down off the undo stack (to publish it again).
    pub fn take_undo(&mut self) -> Option<Item> {
        self.undo.pop()
    }

    /// The server published `item` again (`ok`): it returns to its place; else it goes back on
    /// the undo stack.
    pub fn finish_undo(&mut self, item: Item, ok: bool) {
        if !ok {
            self.undo.push(item);
            return;
        }
        if !self.items.iter().any(|i| i.comment.id == item.comment.id) {
            self.items.push(item);
            self.items.sort_by_key(|i| std::cmp::Reverse(i.comment.id));
            self.total += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: i64) -> Item {
        Item {
            comment: article_viewer_wire::moderation::ModerationComment {
                id,
                article_id: "a".into(),
                author_name: format!("Người {id}"),
                text: format!("Ý kiến {id}"),
                ..Default::default()
            },
            ..Item::default()
        }
    }

    fn loaded(ids: &[i64], total: u64) -> Published {
        let mut p = Published::default();
        p.load(Page {
            total,
            items: ids.iter().map(|i| item(*i)).collect(),
            ..Page::default()
        });
        p
    }

    #[test]
    fn blank_filters_are_left_out_and_values_trimmed() {
        assert!(Filter::default().params().is_empty());
        let f = Filter {
            article: " thi-tran-1 ".into(),
            search: "  ".into(),
        };
        assert_eq!(f.params(), [("article", "thi-tran-1")]);
        let f = Filter {
            article: String::new(),
            search: "Bài hay & đúng".into(),
        };
        assert_eq!(f.params(), [("q", "Bài hay & đúng")]);
    }

    #[test]
    fn a_take_down_leaves_the_list_and_can_be_undone() {
        let mut p = loaded(&[3, 9, 5], 4);
        assert_eq!(
            p.items().iter().map(|i| i.comment.id).collect::<Vec<_>>(),
            [9, 5, 3]
        );
        assert!(p.begin(5));
        assert!(!p.begin(5), "no second request while one is in flight");
        assert!(!p.begin(42), "not shown: nothing sent");
        assert_eq!(p.neighbour(5), Some(3));
        assert_eq!(p.finish(5, true, false).as_deref(), Some("Người 5"));
        assert_eq!((p.items().len(), p.total()), (2, 3));
        assert!(p.can_undo() && !p.is_busy(5));
        let back = p.take_undo().unwrap();
        assert!(!p.can_undo());
        p.finish_undo(back, true);
        assert_eq!(
            p.items().iter().map(|i| i.comment.id).collect::<Vec<_>>(),
            [9, 5, 3]
        );
        assert_eq!(p.total(), 4);
    }

    #[test]
    fn failures_keep_the_comment_and_the_undo() {
        let mut p = loaded(&[1, 2], 2);
        p.begin(2);
        assert_eq!(p.finish(2, false, false), None, "a failure keeps it");
        assert_eq!(p.items().len(), 2);
        assert_eq!(p.neighbour(1), Some(2), "the last one: the one before");
        p.begin(1);
        assert!(p.finish(1, false, true).is_some(), "gone: leaves");
        assert!(!p.can_undo(), "nothing to undo for a comment already gone");
        p.begin(2);
        p.finish(2, true, false);
        let back = p.take_undo().unwrap();
        p.finish_undo(back, false);
        assert!(p.can_undo(), "a failed undo can be tried again");
        assert!(p.items().is_empty());
    }
}
