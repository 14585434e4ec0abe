//! The comments widget as one plain value: the threads shown, paging, sort order, what the reader
//! typed and where a post stands. Every rule of the widget is a method here, with unit tests; the
//! controller only adds requests and timers, the views only render.

use crate::comments::api::CommentsError;
use crate::comments::contract::{CommentsPage, NewComment, PostStatus, Posted, RepliesPage};
use crate::comments::draft::{Draft, Field, Problem};
use crate::comments::pending::Pending;
use crate::comments::thread::{add_posted, merge_page, merge_replies, MoreReplies, Thread};

/// Default number of top-level comments per page.
pub const DEFAULT_PER_PAGE: u32 = 20;

/// Sort order of the list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Newest first (the default, as on the seed portal).
    #[default]
    Newest,
    /// Oldest first.
    Oldest,
}

impl Sort {
    /// Whether the newest comments come first.
    pub fn newest_first(self) -> bool {
        self == Sort::Newest
    }
}

/// Where the list stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum ListState {
    /// Nothing asked yet.
    #[default]
    Waiting,
    /// A page is on its way.
    Loading,
    /// The pages asked for are shown.
    Ready,
    /// The last page could not be loaded.
    Failed(CommentsError),
}

/// Where the reader's post stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum PostState {
    /// Nothing sent (or the reader typed again since).
    #[default]
    Idle,
    /// On its way.
    Sending,
    /// Accepted by the server.
    Sent(PostStatus),
    /// Refused or failed; the form keeps what was typed.
    Failed(CommentsError),
}

/// A page request the controller should make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageRequest {
    /// Page number, from 1.
    pub page: u32,
    /// Top-level comments per page.
    pub per_page: u32,
    /// Sort order.
    pub sort: Sort,
}

/// Replies asked per "more replies" page.
pub const REPLIES_PER_PAGE: u32 = 50;

/// A "more replies" request the controller should make.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RepliesRequest {
    /// The top-level comment whose replies are asked.
    pub parent: i64,
    /// The cursor the server gave.
    pub after: String,
    /// The sort order the list was in (an answer for another order is dropped).
    pub sort: Sort,
}

/// Where keyboard focus goes once a thread shows more replies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FocusAfterMore {
    /// The thread.
    pub parent: i64,
    /// The first reply added, when the button went away (else focus stays on the button).
    pub reply: Option<i64>,
}

/// The whole widget's state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommentsModel {
    /// Top-level comments with their replies, in the order shown.
    pub threads: Vec<Thread>,
    /// Bumped whenever `threads` changes, so the list re-renders only then.
    pub threads_version: u32,
    /// Published comments in all, once known.
    pub total: Option<u32>,
    /// The last page shown (0 before the first).
    pub page: u32,
    /// The last page asked for.
    pub requested: u32,
    /// Top-level comments per page.
    pub per_page: u32,
    /// Whether a later page exists.
    pub has_more: bool,
    /// Sort order.
    pub sort: Sort,
    /// Where the list stands.
    pub list: ListState,
    /// What the reader typed.
    pub draft: Draft,
    /// The hidden anti-spam field (people never fill it in).
    pub honeypot: String,
    /// Fields that are not ready to send, and why.
    pub problems: Vec<(Field, Problem)>,
    /// Where the post stands.
    pub post: PostState,
    /// Seconds left before a rate-limited post may be retried.
    pub wait_secs: u64,
    /// The reader's own comments waiting for moderation (kept in this browser only).
    pub pending: Pending,
    /// How many replies the last "more replies" added (said in the widget's live region).
    pub replies_added: Option<usize>,
    /// Where focus goes after a "more replies" page (taken by the thread once drawn).
    pub focus_after_more: Option<FocusAfterMore>,
}

impl CommentsModel {
    /// A model with `per_page` top-level comments per page and the reader's kept draft.
    pub fn new(per_page: u32, draft: Draft) -> CommentsModel {
        CommentsModel {
            per_page: per_page.max(1),
            draft,
            ..CommentsModel::default()
        }
    }

    /// The same model with the reader's waiting comments kept in this browser.
    pub fn with_pending(self, pending: Pending) -> CommentsModel {
        CommentsModel { pending, ..self }
    }

    /// Starts loading `page`; the list shows its loading state.
    pub fn begin_load(&mut self, page: u32) -> PageRequest {
        self.list = ListState::Loading;
        self.requested = page.max(1);
        PageRequest {
            page: self.requested,
            per_page: self.per_page,
            sort: self.sort,
        }
    }

    /// The request for the first page (when the widget appears).
    pub fn first_page(&mut self) -> PageRequest {
        self.begin_load(1)
    }

    /// The request for the next page ("load more").
    pub fn next_page(&mut self) -> PageRequest {
        let next = self.page + 1;
        self.begin_load(next)
    }

    /// The request that tries the last asked page again.
    pub fn retry_page(&mut self) -> PageRequest {
        self.begin_load(self.requested)
    }

    /// Changes the sort order; the request for the first page in the new order, if it changed.
    pub fn set_sort(&mut self, sort: Sort) -> Option<PageRequest> {
        if self.sort == sort {
            return None;
        }
        self.sort = sort;
        Some(self.begin_load(1))
    }

    /// A page arrived for `request`: page 1 replaces the list, later pages are appended.
    pub fn page_loaded(&mut self, request: PageRequest, page: &CommentsPage) {
        if request.sort != self.sort {
            return; // an answer for the order the reader left
        }
        if request.page == 1 {
            self.threads.clear();
        }
        merge_page(&mut self.threads, &page.items);
        // The reader's waiting comments that are now published show as the others do.
        self.pending.published(&page.items);
        self.threads_version = self.threads_version.wrapping_add(1);
        self.total = Some(u32::try_from(page.total).unwrap_or(u32::MAX));
        self.page = request.page;
        self.has_more = page.has_more();
        self.list = ListState::Ready;
    }

    /// The page could not be loaded.
    pub fn load_failed(&mut self, error: CommentsError) {
        if error != CommentsError::Aborted {
            self.list = ListState::Failed(error);
        }
    }

    /// Starts "more replies" under the thread of `parent`; nothing while one is on its way or
    /// when every reply is shown.
    pub fn begin_replies(&mut self, parent: i64) -> Option<RepliesRequest> {
        let t = self.threads.iter_mut().find(|t| t.comment.id == parent)?;
        if t.more == MoreReplies::Loading {
            return None;
        }
        let after = t.next.clone()?;
        t.more = MoreReplies::Loading;
        self.threads_version = self.threads_version.wrapping_add(1);
        Some(RepliesRequest {
            parent,
            after,
            sort: self.sort,
        })
    }

    /// A "more replies" page arrived: the replies are appended (once each), the cursor and count
    /// follow, the number added is announced and focus is placed.
    pub fn replies_loaded(&mut self, request: &RepliesRequest, page: &RepliesPage) {
        if request.sort != self.sort {
            return; // the list was reloaded in another order meanwhile
        }
        let added = merge_replies(
            &mut self.threads,
            request.parent,
            &page.items,
            u32::try_from(page.reply_count).unwrap_or(u32::MAX),
            page.next().map(str::to_string),
        );
        let button_left = self
            .threads
            .iter()
            .any(|t| t.comment.id == request.parent && t.next.is_some());
        self.threads_version = self.threads_version.wrapping_add(1);
        self.replies_added = Some(added.len());
        self.focus_after_more = Some(FocusAfterMore {
            parent: request.parent,
            reply: if button_left {
                None
            } else {
                added.first().copied()
            },
        });
    }

    /// A "more replies" page could not be loaded: the thread says so, with Retry.
    pub fn replies_failed(&mut self, request: &RepliesRequest, error: CommentsError) {
        if let Some(t) = self
            .threads
            .iter_mut()
            .find(|t| t.comment.id == request.parent)
        {
            t.more = match error {
                CommentsError::Aborted => MoreReplies::Idle,
                e => MoreReplies::Failed(e),
            };
            self.threads_version = self.threads_version.wrapping_add(1);
        }
    }

    /// Whether the "load more" button is offered.
    pub fn can_load_more(&self) -> bool {
        self.has_more && self.list == ListState::Ready
    }

    /// Whether the list is known to be empty (the reader's own waiting comments count).
    pub fn is_empty(&self) -> bool {
        self.threads.is_empty() && self.total == Some(0) && self.pending.is_empty()
    }

    /// The reader chose to answer comment `id` by `name`.
    pub fn reply_to(&mut self, id: i64, name: &str) {
        self.draft.parent_id = Some(id);
        self.draft.parent_name = Some(name.to_string());
    }

    /// The reader stopped answering.
    pub fn cancel_reply(&mut self) {
        self.draft.parent_id = None;
        self.draft.parent_name = None;
    }

    /// The reader typed `value` into `field`.
    pub fn edit(&mut self, field: Field, value: String) {
        match field {
            Field::Name => self.draft.name = value,
            Field::Email => self.draft.email = value,
            Field::Text | Field::Parent => {
                if self.draft.text != value {
                    self.draft.key = None; // new text, new comment
                }
                self.draft.text = value;
            }
        }
        if matches!(self.post, PostState::Sent(_)) {
            self.post = PostState::Idle;
        }
        self.problems.retain(|(f, _)| *f != field);
    }

    /// The problem shown under `field`, if any.
    pub fn problem(&self, field: Field) -> Option<Problem> {
        self.problems
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, p)| *p)
    }

    /// Whether a post may start now (not while one is on its way or the server asked to wait).
    pub fn can_send(&self) -> bool {
        self.post != PostState::Sending && self.wait_secs == 0
    }

    /// Starts a post: the comment to send, or the fields to fix (the first is where focus goes).
    /// The idempotency key is made once per text (`new_key`) and kept across retries.
    pub fn begin_post(
        &mut self,
        elapsed_ms: u64,
        new_key: impl FnOnce() -> String,
    ) -> Result<Option<NewComment>, Field> {
        if !self.can_send() {
            return Ok(None); // a double click or an early retry sends nothing more
        }
        let found = self.draft.check();
        if let Some((first, _)) = found.first().copied() {
            self.problems = found;
            self.post = PostState::Idle;
            return Err(match first {
                Field::Parent => Field::Text,
                f => f,
            });
        }
        self.problems.clear();
        if self.draft.key.is_none() {
            self.draft.key = Some(new_key());
        }
        self.post = PostState::Sending;
        let d = &self.draft;
        Ok(Some(NewComment {
            author_name: d.name.trim().to_string().into(),
            author_email: d.email.trim().to_string().into(),
            text: d.text.trim().to_string().into(),
            parent_id: article_viewer_wire::Lenient::from_option(d.parent_id),
            idempotency_key: d.key.clone().unwrap_or_default().into(),
            website: self.honeypot.clone().into(),
            elapsed_ms: (elapsed_ms as f64).into(),
        }))
    }

    /// The server accepted the post: the form empties (name and e-mail stay), a published comment
    /// joins the list, one waiting for moderation shows to its author, marked as waiting.
    pub fn posted(&mut self, posted: &Posted) {
        self.draft = self.draft.after_post();
        self.post = PostState::Sent(posted.status);
        if posted.status == PostStatus::Pending {
            self.pending.add(posted.comment.clone());
        }
        if posted.status == PostStatus::Published {
            add_posted(
                &mut self.threads,
                posted.comment.clone(),
                self.sort.newest_first(),
            );
            self.threads_version = self.threads_version.wrapping_add(1);
            self.total = Some(self.total.unwrap_or(0) + 1);
        }
    }

    /// The post failed: what was typed stays; refused fields are marked; a rate limit starts the wait.
    pub fn post_failed(&mut self, error: CommentsError) {
        if error == CommentsError::Aborted {
            self.post = PostState::Idle;
            return;
        }
        if let CommentsError::Invalid(fields) = &error {
            self.problems = fields
                .errors
                .keys()
                .map(|k| {
                    (
                        Field::from_server(k).unwrap_or(Field::Text),
                        Problem::Refused,
                    )
                })
                .collect();
        }
        if let CommentsError::RateLimited(secs) = error {
            self.wait_secs = secs;
        }
        self.post = PostState::Failed(error);
    }

    /// One second of a rate-limit wait passed; whether more remain.
    pub fn tick(&mut self) -> bool {
        self.wait_secs = self.wait_secs.saturating_sub(1);
        self.wait_secs > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::comments::contract::{Comment, FieldErrors};
    use article_viewer_wire::Lenient;
    use std::collections::BTreeMap;

    fn comment(id: i64, parent: Option<i64>) -> Comment {
        Comment {
            id,
            parent_id: parent,
            author_name: format!("An {id}"),
            created: "2022-04-18T10:00:00Z".into(),
            text: format!("Ý kiến {id}"),
            author: Lenient::Absent,
            reply_count: Lenient::Absent,
            replies_next: Lenient::Absent,
            status: Lenient::Absent,
        }
    }

    fn page(n: u32, ids: &[(i64, Option<i64>)], total: u32, top: u32) -> CommentsPage {
        CommentsPage {
            total: u64::from(total),
            top_level_total: u64::from(top).into(),
            page: n,
            per_page: 2,
            replies_per_comment: Lenient::Absent,
            items: ids.iter().map(|(id, p)| comment(*id, *p)).collect(),
        }
    }

    fn filled() -> CommentsModel {
        let mut m = CommentsModel::new(2, Draft::default());
        m.edit(Field::Name, "Nguyễn Văn An".into());
        m.edit(Field::Email, "an@example.vn".into());
        m.edit(Field::Text, "Bài viết hay.".into());
        m
    }

    #[test]
    fn load_more_appends_and_knows_when_to_stop() {
        let mut m = CommentsModel::new(2, Draft::default());
        let r = m.first_page();
        assert_eq!((r.page, m.list.clone()), (1, ListState::Loading));
        m.page_loaded(r, &page(1, &[(9, None), (10, Some(9)), (8, None)], 4, 3));
        assert_eq!(m.threads.len(), 2);
        assert_eq!(m.threads[0].replies.len(), 1);
        assert!(m.can_load_more());
        let v = m.threads_version;
        let r = m.next_page();
        assert_eq!(r.page, 2);
        assert!(!m.can_load_more(), "no second button while loading");
        m.page_loaded(r, &page(2, &[(7, None)], 4, 3));
        assert_eq!(
            m.threads.iter().map(|t| t.comment.id).collect::<Vec<_>>(),
            [9, 8, 7]
        );
        assert!(!m.can_load_more());
        assert_ne!(m.threads_version, v);
    }

    fn top(id: i64, count: u32, next: Option<&str>) -> Comment {
        Comment {
            reply_count: u64::from(count).into(),
            replies_next: Lenient::Valid(next.map(str::to_string)),
            ..comment(id, None)
        }
    }

    fn replies(ids: &[i64], parent: i64, count: u32, next: Option<&str>) -> RepliesPage {
        RepliesPage {
            parent_id: parent,
            reply_count: u64::from(count),
            items: ids.iter().map(|id| comment(*id, Some(parent))).collect(),
            next: next.map(str::to_string),
        }
    }

    fn with_capped_thread() -> CommentsModel {
        let mut m = CommentsModel::new(2, Draft::default());
        let r = m.first_page();
        let mut p = page(1, &[(2, Some(1))], 5, 1);
        p.items.insert(0, top(1, 4, Some("2")));
        m.page_loaded(r, &p);
        m
    }

    #[test]
    fn more_replies_follow_the_cursor_announce_and_place_focus() {
        let mut m = with_capped_thread();
        assert_eq!(m.threads[0].hidden_replies(), 3);
        let r = m.begin_replies(1).expect("a cursor is left");
        assert_eq!((r.parent, r.after.as_str()), (1, "2"));
        assert_eq!(m.threads[0].more, MoreReplies::Loading);
        assert_eq!(m.begin_replies(1), None, "one request at a time");
        m.replies_loaded(&r, &replies(&[3, 4], 1, 4, Some("4")));
        assert_eq!(m.threads[0].replies.len(), 3);
        assert_eq!(m.replies_added, Some(2));
        assert_eq!(
            m.focus_after_more,
            Some(FocusAfterMore {
                parent: 1,
                reply: None
            }),
            "the button stays: focus stays on it"
        );
        let r = m.begin_replies(1).unwrap();
        assert_eq!(r.after, "4");
        m.replies_loaded(&r, &replies(&[4, 5], 1, 4, None));
        assert_eq!(
            m.replies_added,
            Some(1),
            "a reply shown already is not added twice"
        );
        assert_eq!(
            m.focus_after_more,
            Some(FocusAfterMore {
                parent: 1,
                reply: Some(5)
            }),
            "the button goes: focus on the first new reply"
        );
        assert_eq!(m.threads[0].hidden_replies(), 0);
        assert_eq!(m.begin_replies(1), None, "no cursor left");
    }

    #[test]
    fn a_failed_replies_page_offers_retry_and_late_answers_are_dropped() {
        let mut m = with_capped_thread();
        let r = m.begin_replies(1).unwrap();
        m.replies_failed(&r, CommentsError::Aborted);
        assert_eq!(m.threads[0].more, MoreReplies::Idle);
        let r = m.begin_replies(1).unwrap();
        m.replies_failed(&r, CommentsError::Timeout);
        assert_eq!(
            m.threads[0].more,
            MoreReplies::Failed(CommentsError::Timeout)
        );
        let again = m.begin_replies(1).expect("retry asks the same cursor");
        assert_eq!(again.after, "2");
        m.set_sort(Sort::Oldest);
        m.replies_loaded(&again, &replies(&[3], 1, 4, None));
        assert_eq!(
            m.replies_added, None,
            "an answer for the old order is dropped"
        );
    }

    #[test]
    fn changing_the_sort_reloads_page_one_and_ignores_late_answers() {
        let mut m = CommentsModel::new(2, Draft::default());
        let first = m.first_page();
        let again = m.set_sort(Sort::Oldest).expect("a new order loads again");
        assert_eq!((again.page, again.sort), (1, Sort::Oldest));
        assert_eq!(m.set_sort(Sort::Oldest), None);
        m.page_loaded(first, &page(1, &[(9, None)], 1, 1));
        assert!(
            m.threads.is_empty(),
            "the answer for the old order is dropped"
        );
        m.page_loaded(again, &page(1, &[(1, None)], 1, 1));
        assert_eq!(m.threads[0].comment.id, 1);
    }

    #[test]
    fn a_failed_page_is_retried_and_aborts_are_silent() {
        let mut m = CommentsModel::new(2, Draft::default());
        m.first_page();
        m.load_failed(CommentsError::Aborted);
        assert_eq!(m.list, ListState::Loading);
        m.load_failed(CommentsError::Network);
        assert_eq!(m.list, ListState::Failed(CommentsError::Network));
        assert_eq!(m.retry_page().page, 1);
        let r = m.retry_page();
        m.page_loaded(r, &page(1, &[(9, None)], 3, 3));
        m.next_page();
        m.load_failed(CommentsError::Server(500));
        assert_eq!(m.retry_page().page, 2, "the failed page, not the first");
        assert_eq!(m.list, ListState::Loading);
    }

    #[test]
    fn an_empty_list_is_known_only_after_loading() {
        let mut m = CommentsModel::new(2, Draft::default());
        assert!(!m.is_empty());
        let r = m.first_page();
        m.page_loaded(r, &page(1, &[], 0, 0));
        assert!(m.is_empty());
    }

    #[test]
    fn a_post_needs_every_field_and_focuses_the_first_missing() {
        let mut m = CommentsModel::new(2, Draft::default());
        m.edit(Field::Text, "x".into());
        assert_eq!(m.begin_post(0, || "k".into()), Err(Field::Name));
        assert_eq!(m.problem(Field::Email), Some(Problem::Missing));
        m.edit(Field::Email, "an@example.vn".into());
        assert_eq!(
            m.problem(Field::Email),
            None,
            "typing clears the field's problem"
        );
    }

    #[test]
    fn the_key_stays_across_retries_and_changes_with_the_text() {
        let mut m = filled();
        let first = m.begin_post(5000, || "k1".into()).unwrap().unwrap();
        assert_eq!(first.idempotency_key.as_deref(), Some("k1"));
        assert_eq!(first.elapsed_ms, Lenient::Valid(5000.0));
        assert_eq!(
            m.begin_post(0, || "k2".into()),
            Ok(None),
            "no second send while sending"
        );
        m.post_failed(CommentsError::Network);
        assert_eq!(m.draft.text, "Bài viết hay.", "what was typed is kept");
        let retry = m.begin_post(0, || "k2".into()).unwrap().unwrap();
        assert_eq!(retry.idempotency_key.as_deref(), Some("k1"));
        m.post_failed(CommentsError::Timeout);
        m.edit(Field::Text, "Bài viết rất hay.".into());
        let other = m.begin_post(0, || "k3".into()).unwrap().unwrap();
        assert_eq!(other.idempotency_key.as_deref(), Some("k3"));
    }

    #[test]
    fn a_rate_limit_waits_before_the_next_try() {
        let mut m = filled();
        m.begin_post(0, || "k".into()).unwrap();
        m.post_failed(CommentsError::RateLimited(2));
        assert!(!m.can_send());
        assert_eq!(m.begin_post(0, || "x".into()), Ok(None));
        assert!(m.tick());
        assert!(!m.tick());
        assert!(m.can_send());
    }

    #[test]
    fn refused_fields_are_marked() {
        let mut m = filled();
        m.begin_post(0, || "k".into()).unwrap();
        let mut errors = BTreeMap::new();
        errors.insert("author_email".to_string(), "bad".to_string());
        m.post_failed(CommentsError::Invalid(FieldErrors { errors }));
        assert_eq!(m.problem(Field::Email), Some(Problem::Refused));
    }

    #[test]
    fn a_published_post_joins_the_list_and_a_pending_one_does_not() {
        let mut m = filled();
        let r = m.first_page();
        m.page_loaded(r, &page(1, &[(1, None)], 1, 1));
        m.begin_post(0, || "k".into()).unwrap();
        m.posted(&Posted {
            comment: comment(2, None),
            status: PostStatus::Pending,
        });
        assert_eq!((m.threads.len(), m.total), (1, Some(1)));
        assert_eq!(m.post, PostState::Sent(PostStatus::Pending));
        assert_eq!(
            m.pending.0.iter().map(|c| c.id).collect::<Vec<_>>(),
            [2],
            "the author sees it, marked as waiting"
        );
        assert!(m.draft.text.is_empty() && m.draft.name == "Nguyễn Văn An");
        m.edit(Field::Text, "Nữa".into());
        assert_eq!(m.post, PostState::Idle);
        m.begin_post(0, || "k2".into()).unwrap();
        m.posted(&Posted {
            comment: comment(3, None),
            status: PostStatus::Published,
        });
        assert_eq!(m.threads[0].comment.id, 3, "newest first: at the top");
        assert_eq!(m.total, Some(2));
    }

    #[test]
    fn a_waiting_comment_is_not_an_empty_list_and_goes_once_published() {
        let mut m = filled();
        let r = m.first_page();
        m.page_loaded(r, &page(1, &[], 0, 0));
        assert!(m.is_empty());
        m.begin_post(0, || "k".into()).unwrap();
        m.posted(&Posted {
            comment: comment(5, None),
            status: PostStatus::Pending,
        });
        assert!(!m.is_empty(), "no 'no comments yet' under the reader's own");
        let r = m.first_page();
        m.page_loaded(r, &page(1, &[(5, None)], 1, 1));
        assert!(m.pending.is_empty(), "published: shown as the others");
        assert_eq!(m.threads[0].comment.id, 5);
    }

    #[test]
    fn replying_sets_and_clears_the_target() {
        let mut m = filled();
        m.reply_to(7, "Bình");
        assert_eq!(m.draft.parent_id, Some(7));
        let c = m.begin_post(0, || "k".into()).unwrap().unwrap();
        assert_eq!(c.parent_id, Lenient::Valid(7));
        m.cancel_reply();
        assert_eq!(
            (m.draft.parent_id, m.draft.parent_name.clone()),
            (None, None)
        );
    }
}
