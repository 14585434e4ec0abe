//! The moderation queue as plain Rust: the pending comments oldest first, the current one, the
//! selection, what is in flight, the undo stack, the counts per status and the "N new" waiting
//! list. No browser types here; every rule has a native unit test below.

use article_viewer_wire::moderation::{
    ModerationItem, ModerationList, ParentSummary, StatusCounts,
};
use std::collections::BTreeSet;

pub use article_viewer_wire::comments::Status;

/// What a moderator decides about comments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Publish.
    Approve,
    /// Refuse.
    Reject,
}

impl Decision {
    /// The status a comment gets.
    pub fn status(self) -> Status {
        match self {
            Decision::Approve => Status::Published,
            Decision::Reject => Status::Rejected,
        }
    }

    /// The last segment of the API path (`/api/moderation/comments/{id}/approve`).
    pub fn path(self) -> &'static str {
        match self {
            Decision::Approve => "approve",
            Decision::Reject => "reject",
        }
    }
}

/// The comment a reply answers (the API's shape).
pub type Parent = ParentSummary;

/// One comment in the queue, as `GET /api/moderation/comments` gives it (the API's shape: the
/// comment, its article's title and address, the comment it answers).
pub type Item = ModerationItem;

/// Number of comments in each status (the API's shape).
pub type Counts = StatusCounts;

/// A page of the list as the server sent it (the API's shape).
pub type Page = ModerationList;

/// The article's address of `item` if it is http(s); anything else is not made a link.
pub fn article_link(item: &Item) -> Option<&str> {
    item.article_url.as_deref().map(str::trim).filter(|u| {
        let lower = u.to_ascii_lowercase();
        (lower.starts_with("https://") || lower.starts_with("http://")) && u.len() > 8
    })
}

/// The article's title of `item`, or its id when the title is unknown or blank.
pub fn article_label(item: &Item) -> &str {
    item.article_title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or(&item.comment.article_id)
}

/// A finished action that can be undone: the decision and the comments it moved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Done {
    /// What was decided.
    pub decision: Decision,
    /// The comments, as they were in the queue.
    pub items: Vec<Item>,
}

/// The moderation queue.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Queue {
    items: Vec<Item>,
    current: Option<i64>,
    selected: BTreeSet<i64>,
    busy: BTreeSet<i64>,
    undo: Vec<Done>,
    counts: Counts,
    total: u64,
    incoming: Vec<Item>,
    seen_max: i64,
}

impl Queue {
    /// A queue showing `page`.
    pub fn from_page(page: Page) -> Queue {
        let mut q = Queue::default();
        q.load(page);
        q
    }

    /// Shows `page` in full (first load or an explicit refresh): keeps the current comment and the
    /// selection where they still exist, drops the "new" notice.
    pub fn load(&mut self, page: Page) {
        self.counts = page.counts();
        let mut items = page.items;
        items.sort_by_key(|i| i.comment.id);
        self.seen_max = self
            .seen_max
            .max(items.iter().map(|i| i.comment.id).max().unwrap_or(0));
        self.items = items;
        self.total = page.total;
        self.incoming.clear();
        let ids: BTreeSet<i64> = self.items.iter().map(|i| i.comment.id).collect();
        self.selected.retain(|id| ids.contains(id));
        if !self.current.is_some_and(|c| ids.contains(&c)) {
            self.current = self.items.first().map(|i| i.comment.id);
        }
    }

    /// Takes a polled page without moving anything on screen: counts are updated, comments newer
    /// than any seen wait in [`Queue::incoming`] until [`Queue::show_incoming`].
    pub fn refresh(&mut self, page: Page) {
        self.counts = page.counts();
        self.total = page.total;
        let shown: BTreeSet<i64> = self
            .items
            .iter()
            .chain(&self.incoming)
            .map(|i| i.comment.id)
            .collect();
        let mut fresh: Vec<Item> = page
            .items
            .into_iter()
            .filter(|i| i.comment.id > self.seen_max && !shown.contains(&i.comment.id))
            .collect();
        self.incoming.append(&mut fresh);
        self.incoming.sort_by_key(|i| i.comment.id);
    }

    /// Number of new comments waiting to be shown.
    pub fn incoming(&self) -> usize {
        self.incoming.len()
    }

    /// Adds the waiting new comments at the end of the queue (they are the newest).
    pub fn show_incoming(&mut self) {
        let fresh = std::mem::take(&mut self.incoming);
        self.seen_max = self
            .seen_max
            .max(fresh.iter().map(|i| i.comment.id).max().unwrap_or(0));
        self.items.extend(fresh);
        self.items.sort_by_key(|i| i.comment.id);
        self.items.dedup_by_key(|i| i.comment.id);
        if self.current.is_none() {
            self.current = self.items.first().map(|i| i.comment.id);
        }
    }

    /// The comments shown, oldest first.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// The comment with this id, if shown.
    pub fn item(&self, id: i64) -> Option<&Item> {
        self.items.iter().find(|i| i.comment.id == id)
    }

    /// Counts per status.
    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// One comment changed status outside the queue (a published comment taken down, or put back).
    pub fn count_moved(&mut self, from: Status, to: Status) {
        self.counts.moved(from, to, 1);
    }

    /// Pending comments on the server that are neither shown nor announced as new (beyond the
    /// first page).
    pub fn not_shown(&self) -> u64 {
        self.counts
            .pending
            .saturating_sub((self.items.len() + self.incoming.len()) as u64)
    }

    /// The comment the keyboard acts on.
    pub fn current(&self) -> Option<i64> {
        self.current
    }

    /// Makes `id` the current comment (if it is shown).
    pub fn set_current(&mut self, id: i64) {
        if self.item(id).is_some() {
            self.current = Some(id);
        }
    }

    fn index_of(&self, id: i64) -> Option<usize> {
        self.items.iter().position(|i| i.comment.id == id)
    }

    /// Moves to the next comment (stays on the last); returns the new current one.
    pub fn move_next(&mut self) -> Option<i64> {
        self.step(1)
    }

    /// Moves to the previous comment (stays on the first); returns the new current one.
    pub fn move_prev(&mut self) -> Option<i64> {
        self.step(-1)
    }

    fn step(&mut self, by: isize) -> Option<i64> {
        if self.items.is_empty() {
            self.current = None;
            return None;
        }
        let at = self.current.and_then(|c| self.index_of(c));
        let next = match at {
            None => 0,
            Some(i) => i
                .saturating_add_signed(by)
                .min(self.items.len().saturating_sub(1)),
        };
        self.current = self.items.get(next).map(|i| i.comment.id);
        self.current
    }

    /// True if `id` is selected.
    pub fn is_selected(&self, id: i64) -> bool {
        self.selected.contains(&id)
    }

    /// Selects or unselects `id`.
    pub fn set_selected(&mut self, id: i64, on: bool) {
        if on && self.item(id).is_some() {
            self.selected.insert(id);
        } else {
            self.selected.remove(&id);
        }
    }

    /// Flips the selection of `id`.
    pub fn toggle_selected(&mut self, id: i64) {
        let on = !self.is_selected(id);
        self.set_selected(id, on);
    }

    /// Selects every shown comment, or none.
    pub fn select_all(&mut self, on: bool) {
        self.selected = if on {
            self.items.iter().map(|i| i.comment.id).collect()
        } else {
            BTreeSet::new()
        };
    }

    /// True if there are comments and all of them are selected.
    pub fn all_selected(&self) -> bool {
        !self.items.is_empty()
            && self
                .items
                .iter()
                .all(|i| self.selected.contains(&i.comment.id))
    }

    /// The selected comments that are not in flight, in queue order.
    pub fn selected_ids(&self) -> Vec<i64> {
        self.items
            .iter()
            .map(|i| i.comment.id)
            .filter(|id| self.selected.contains(id) && !self.busy.contains(id))
            .collect()
    }

    /// True while a request about `id` is in flight.
    pub fn is_busy(&self, id: i64) -> bool {
        self.busy.contains(&id)
    }

    /// Marks the shown comments among `ids` as in flight and returns them (others are skipped).
    pub fn begin(&mut self, ids: &[i64]) -> Vec<i64> {
        let ok: Vec<i64> = ids
            .iter()
            .copied()
            .filter(|id| self.item(*id).is_some() && !self.busy.contains(id))
            .collect();
        self.busy.extend(ok.iter().copied());
        ok
    }

    /// The server accepted `decision` for `done`, refused `gone` (no such comment) and failed
    /// `failed`: the first two leave the queue, the current comment moves to the one after, and
    /// `done` goes on the undo stack.
    pub fn finish(&mut self, decision: Decision, done: &[i64], gone: &[i64], failed: &[i64]) {
        for id in done.iter().chain(gone).chain(failed) {
            self.busy.remove(id);
        }
        let leaving: BTreeSet<i64> = done.iter().chain(gone).copied().collect();
        if leaving.is_empty() {
            return;
        }
        // The new current comment: the first one after the old current that stays, else before.
        if let Some(at) = self.current.and_then(|c| self.index_of(c)) {
            let stays = |i: &&Item| !leaving.contains(&i.comment.id);
            self.current = self.items[at..]
                .iter()
                .find(stays)
                .or_else(|| self.items[..at].iter().rev().find(stays))
                .map(|i| i.comment.id);
        }
        let (moved, kept): (Vec<Item>, Vec<Item>) = std::mem::take(&mut self.items)
            .into_iter()
            .partition(|i| leaving.contains(&i.comment.id));
        self.items = kept;
        self.selected.retain(|id| !leaving.contains(id));
        let moved: Vec<Item> = moved
            .into_iter()
            .filter(|i| done.contains(&i.comment.id))
            .collect();
        if !moved.is_empty() {
            self.counts
                .moved(Status::Pending, decision.status(), moved.len() as u64);
            self.undo.push(Done {
                decision,
                items: moved,
            });
        }
        if self.current.is_none() {
            self.current = self.items.first().map(|i| i.comment.id);
        }
    }

    /// True if there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Takes the last action off the undo stack (to send the comments back to pending).
    pub fn take_undo(&mut self) -> Option<Done> {
        self.undo.pop()
    }

    /// The server put `restored` back to pending: they return to their place in the queue and
    /// the first becomes current. The rest of `undone` goes back on the undo stack.
    pub fn finish_undo(&mut self, undone: Done, restored: &[i64]) {
        let (back, failed): (Vec<Item>, Vec<Item>) = undone
            .items
            .into_iter()
            .partition(|i| restored.contains(&i.comment.id));
        if !back.is_empty() {
            self.counts
                .moved(undone.decision.status(), Status::Pending, back.len() as u64);
            self.current = back.first().map(|i| i.comment.id);
            self.items.extend(back);
            self.items.sort_by_key(|i| i.comment.id);
            self.items.dedup_by_key(|i| i.comment.id);
        }
        if !failed.is_empty() {
            self.undo.push(Done {
                decision: undone.decision,
                items: failed,
            });
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
                article_id: format!("a{id}"),
                author_name: format!("Người {id}"),
                created: "2026-11-28T10:00:00Z".into(),
                text: format!("Ý kiến {id}"),
                ..Default::default()
            },
            ..Item::default()
        }
    }

    fn page(ids: &[i64]) -> Page {
        Page {
            total: ids.len() as u64,
            counts: Counts {
                pending: ids.len() as u64,
                published: 5,
                rejected: 1,
            }
            .into(),
            items: ids.iter().copied().map(item).collect(),
            ..Page::default()
        }
    }

    fn ids(q: &Queue) -> Vec<i64> {
        q.items().iter().map(|i| i.comment.id).collect()
    }

    #[test]
    fn the_queue_is_oldest_first_and_starts_on_the_oldest() {
        let q = Queue::from_page(page(&[7, 3, 5]));
        assert_eq!(ids(&q), [3, 5, 7]);
        assert_eq!(q.current(), Some(3));
    }

    #[test]
    fn j_and_k_move_and_stop_at_the_ends() {
        let mut q = Queue::from_page(page(&[1, 2, 3]));
        assert_eq!(q.move_prev(), Some(1));
        assert_eq!(q.move_next(), Some(2));
        assert_eq!(q.move_next(), Some(3));
        assert_eq!(q.move_next(), Some(3));
        assert_eq!(q.move_prev(), Some(2));
        let mut empty = Queue::default();
        assert_eq!(empty.move_next(), None);
    }

    #[test]
    fn approving_the_current_comment_moves_to_the_next_and_counts_it() {
        let mut q = Queue::from_page(page(&[1, 2, 3]));
        q.set_current(2);
        assert_eq!(q.begin(&[2]), [2]);
        assert!(q.is_busy(2));
        q.finish(Decision::Approve, &[2], &[], &[]);
        assert_eq!(ids(&q), [1, 3]);
        assert_eq!(q.current(), Some(3));
        assert!(!q.is_busy(2));
        assert_eq!(q.counts().pending, 2);
        assert_eq!(q.counts().published, 6);
    }

    #[test]
    fn deciding_the_last_comment_moves_back_to_the_one_before() {
        let mut q = Queue::from_page(page(&[1, 2]));
        q.set_current(2);
        q.begin(&[2]);
        q.finish(Decision::Reject, &[2], &[], &[]);
        assert_eq!(q.current(), Some(1));
        assert_eq!(q.counts().rejected, 2);
        q.begin(&[1]);
        q.finish(Decision::Reject, &[1], &[], &[]);
        assert_eq!(q.current(), None);
        assert!(q.items().is_empty());
    }

    #[test]
    fn a_comment_in_flight_is_not_sent_twice() {
        let mut q = Queue::from_page(page(&[1, 2]));
        assert_eq!(q.begin(&[1]), [1]);
        assert_eq!(q.begin(&[1, 2]), [2]);
        assert_eq!(q.begin(&[9]), Vec::<i64>::new(), "not shown");
    }

    #[test]
    fn a_failed_request_keeps_the_comment_and_adds_nothing_to_undo() {
        let mut q = Queue::from_page(page(&[1, 2]));
        q.begin(&[1]);
        q.finish(Decision::Approve, &[], &[], &[1]);
        assert_eq!(ids(&q), [1, 2]);
        assert!(!q.is_busy(1));
        assert!(!q.can_undo());
        assert_eq!(q.counts().pending, 2);
    }

    #[test]
    fn a_comment_gone_from_the_server_leaves_without_an_undo() {
        let mut q = Queue::from_page(page(&[1, 2]));
        q.begin(&[1]);
        q.finish(Decision::Approve, &[], &[1], &[]);
        assert_eq!(ids(&q), [2]);
        assert!(!q.can_undo());
        assert_eq!(q.counts().published, 5);
    }

    #[test]
    fn bulk_approval_takes_the_selection_in_queue_order_and_undoes_as_one() {
        let mut q = Queue::from_page(page(&[1, 2, 3, 4]));
        q.toggle_selected(3);
        q.set_selected(1, true);
        q.set_selected(9, true);
        assert_eq!(q.selected_ids(), [1, 3]);
        assert!(!q.all_selected());
        let sent = q.begin(&q.selected_ids());
        q.finish(Decision::Approve, &sent, &[], &[]);
        assert_eq!(ids(&q), [2, 4]);
        assert_eq!(
            q.selected_ids(),
            Vec::<i64>::new(),
            "selection of gone items dropped"
        );
        assert_eq!(q.counts().published, 7);

        let undone = q.take_undo().expect("an action to undo");
        assert_eq!(undone.decision, Decision::Approve);
        q.finish_undo(undone, &[1, 3]);
        assert_eq!(ids(&q), [1, 2, 3, 4], "back in their places");
        assert_eq!(q.current(), Some(1));
        assert_eq!(q.counts().published, 5);
        assert_eq!(q.counts().pending, 4);
        assert!(!q.can_undo());
    }

    #[test]
    fn undo_goes_back_one_action_at_a_time() {
        let mut q = Queue::from_page(page(&[1, 2, 3]));
        q.begin(&[1]);
        q.finish(Decision::Approve, &[1], &[], &[]);
        q.begin(&[2]);
        q.finish(Decision::Reject, &[2], &[], &[]);
        let last = q.take_undo().expect("reject");
        assert_eq!(last.decision, Decision::Reject);
        assert_eq!(last.items[0].comment.id, 2);
        q.finish_undo(last, &[2]);
        assert_eq!(q.counts().rejected, 1);
        assert_eq!(q.take_undo().map(|d| d.decision), Some(Decision::Approve));
    }

    #[test]
    fn a_failed_undo_stays_on_the_stack() {
        let mut q = Queue::from_page(page(&[1, 2]));
        let sent = q.begin(&[1, 2]);
        q.finish(Decision::Reject, &sent, &[], &[]);
        let undone = q.take_undo().expect("reject");
        q.finish_undo(undone, &[2]);
        assert_eq!(ids(&q), [2]);
        let again = q.take_undo().expect("the failed half");
        assert_eq!(again.items.len(), 1);
        assert_eq!(again.items[0].comment.id, 1);
    }

    #[test]
    fn polling_keeps_the_list_still_and_announces_new_comments() {
        let mut q = Queue::from_page(page(&[1, 2]));
        q.begin(&[1]);
        q.finish(Decision::Approve, &[1], &[], &[]);
        // A poll answered before the approval reached the server still lists 1: it is not "new".
        q.refresh(page(&[1, 2, 3, 4]));
        assert_eq!(ids(&q), [2]);
        assert_eq!(q.incoming(), 2);
        assert_eq!(q.counts().pending, 4, "counts follow the server");
        q.refresh(page(&[2, 3, 4]));
        assert_eq!(q.incoming(), 2, "not counted twice");
        q.show_incoming();
        assert_eq!(ids(&q), [2, 3, 4]);
        assert_eq!(q.incoming(), 0);
        assert_eq!(q.current(), Some(2), "the current comment stays");
    }

    #[test]
    fn a_full_load_keeps_the_current_comment_and_the_selection_that_still_exist() {
        let mut q = Queue::from_page(page(&[1, 2, 3]));
        q.set_current(3);
        q.set_selected(2, true);
        q.set_selected(3, true);
        q.load(page(&[3, 4]));
        assert_eq!(q.current(), Some(3));
        assert_eq!(q.selected_ids(), [3]);
        q.load(page(&[4]));
        assert_eq!(q.current(), Some(4));
    }

    #[test]
    fn select_all_and_none() {
        let mut q = Queue::from_page(page(&[1, 2]));
        q.select_all(true);
        assert!(q.all_selected());
        q.select_all(false);
        assert!(q.selected_ids().is_empty());
        assert!(!Queue::default().all_selected());
    }

    #[test]
    fn not_shown_counts_the_pending_comments_beyond_the_page() {
        let mut p = page(&[1, 2]);
        p.counts = Counts {
            pending: 150,
            ..p.counts()
        }
        .into();
        let mut q = Queue::from_page(p);
        assert_eq!(q.not_shown(), 148);
        let mut polled = page(&[1, 2, 3]);
        polled.counts = Counts {
            pending: 151,
            ..polled.counts()
        }
        .into();
        q.refresh(polled);
        assert_eq!(q.not_shown(), 148, "the new one is announced, not hidden");
    }

    #[test]
    fn only_http_addresses_become_article_links() {
        let mut i = item(1);
        assert_eq!(article_link(&i), None);
        assert_eq!(article_label(&i), "a1");
        i.article_url = "javascript:alert(1)".to_string().into();
        assert_eq!(article_link(&i), None);
        i.article_url = " https://portal.example/a.html ".to_string().into();
        assert_eq!(article_link(&i), Some("https://portal.example/a.html"));
        i.article_title = "  ".to_string().into();
        assert_eq!(article_label(&i), "a1");
        i.article_title = "Tết".to_string().into();
        assert_eq!(article_label(&i), "Tết");
    }
}
