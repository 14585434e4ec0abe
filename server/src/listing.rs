//! Reading comments, written once for both engines: the public page (top-level comments with a
//! bounded number of replies each), the rest of a comment's replies by cursor, and the
//! moderation queue.

use std::collections::HashMap;

use crate::model::{Comment, CommentsPage, RepliesPage, Sort, Status, StatusCounts, StoredComment};
use crate::store::{in_tx, DbError, Store};
use crate::tx::{PageSpec, Parents, QueueFilter, StoreTx};

/// Replies given under each top-level comment of the public page unless `replies=` says otherwise.
pub const DEFAULT_REPLIES_PER_COMMENT: u32 = 10;
/// Most replies per top-level comment a client may ask for on the public page.
pub const MAX_REPLIES_PER_COMMENT: u32 = 100;
/// Replies per page of `…/comments/{id}/replies` unless `per_page=` says otherwise.
pub const DEFAULT_REPLIES_PER_PAGE: u32 = 50;

/// What the public page asks for.
#[derive(Debug, Clone, Copy)]
pub struct PageQuery {
    /// 1-based page of top-level comments.
    pub page: u32,
    /// Top-level comments per page.
    pub per_page: u32,
    /// Order of top-level comments.
    pub sort: Sort,
    /// Most replies under each top-level comment.
    pub replies: u32,
}

/// The cursor after reply `id` (opaque to clients: today the id in decimal).
pub fn cursor_after(id: i64) -> String {
    id.to_string()
}

/// Reads a cursor written by [`cursor_after`]; `None` if it is not one.
pub fn parse_cursor(s: &str) -> Option<i64> {
    s.trim().parse::<i64>().ok().filter(|&n| n >= 0)
}

/// One public page of an article, in transaction `tx`.
pub async fn public_page<T: StoreTx>(
    tx: &T,
    article_id: &str,
    q: PageQuery,
) -> Result<CommentsPage, DbError> {
    let page = PageSpec {
        article_id,
        sort: q.sort,
        limit: q.per_page,
        offset: u64::from(q.page.saturating_sub(1)) * u64::from(q.per_page),
    };
    // Three independent statements, sent together (pipelined on PostgreSQL).
    let (counts, top, first) = tokio::try_join!(
        tx.visible_counts(article_id),
        tx.top_level(article_id, q.sort, page.limit, page.offset),
        tx.first_replies(Parents::Page(page), q.replies),
    )?;
    let mut reply_counts: HashMap<i64, u64> = HashMap::new();
    let mut shown: HashMap<i64, u32> = HashMap::new();
    let mut replies = Vec::with_capacity(first.len());
    for (reply, count) in first {
        let Some(parent) = reply.parent_id else {
            continue;
        };
        reply_counts.insert(parent, count);
        // At least one reply per parent comes back (for its count), even with `replies=0`.
        let n = shown.entry(parent).or_default();
        if *n < q.replies {
            *n += 1;
            replies.push(reply);
        }
    }
    Ok(CommentsPage {
        total: counts.0,
        top_level_total: counts.1.into(),
        page: q.page,
        per_page: q.per_page,
        replies_per_comment: q.replies.into(),
        items: assemble(top, replies, &reply_counts),
    })
}

/// Puts each top-level comment before its replies, with its reply count and cursor.
pub fn assemble(
    top: Vec<StoredComment>,
    replies: Vec<StoredComment>,
    counts: &HashMap<i64, u64>,
) -> Vec<Comment> {
    let mut by_parent: HashMap<i64, Vec<StoredComment>> = HashMap::new();
    for r in replies {
        if let Some(p) = r.parent_id {
            by_parent.entry(p).or_default().push(r);
        }
    }
    let mut items = Vec::with_capacity(top.len());
    for parent in top {
        let id = parent.id;
        let shown = by_parent.remove(&id).unwrap_or_default();
        let reply_count = counts.get(&id).copied().unwrap_or(0);
        let replies_next = if (shown.len() as u64) < reply_count {
            Some(cursor_after(shown.last().map_or(0, |r| r.id)))
        } else {
            None
        };
        let mut item = Comment::from(parent);
        item.reply_count = reply_count.into();
        item.replies_next = replies_next.into();
        items.push(item);
        items.extend(shown.into_iter().map(Comment::from));
    }
    items
}

/// Why a replies page cannot be given.
#[derive(Debug, thiserror::Error)]
pub enum RepliesError {
    /// No published top-level comment of this article has this id.
    #[error("there is no such comment")]
    NoParent,
    /// Storage failed.
    #[error(transparent)]
    Db(#[from] DbError),
}

/// Published replies of `parent` (a published top-level comment of `article_id`) after `after`.
pub async fn replies_page<T: StoreTx>(
    tx: &T,
    article_id: &str,
    parent: i64,
    after: i64,
    limit: u32,
) -> Result<RepliesPage, RepliesError> {
    let parents = [parent];
    let (p, counts, mut items) = tokio::try_join!(
        tx.comment(parent),
        tx.reply_counts(Parents::Ids(&parents)),
        // One more than asked: tells whether there is a next page.
        tx.replies_after(parent, after, limit.saturating_add(1)),
    )?;
    match p {
        Some(p)
            if p.article_id == article_id
                && p.status == Status::Published
                && p.parent_id.is_none() => {}
        _ => return Err(RepliesError::NoParent),
    }
    let more = items.len() > limit as usize;
    items.truncate(limit as usize);
    let next = if more {
        items.last().map(|r| cursor_after(r.id))
    } else {
        None
    };
    Ok(RepliesPage {
        parent_id: parent,
        reply_count: counts.first().map_or(0, |c| c.1),
        items: items.into_iter().map(Comment::from).collect(),
        next,
    })
}

/// One page of the moderation queue: comments with a status (oldest first), the count of that
/// status, the counts of all, and the comments the page's replies answer.
pub struct QueuePage {
    /// The comments.
    pub items: Vec<StoredComment>,
    /// Number of comments in each status.
    pub counts: StatusCounts,
    /// Parents of the replies among `items`, by id.
    pub parents: HashMap<i64, StoredComment>,
    /// Comments of the status that pass the filter (`None` without a filter: the status count).
    pub matching: Option<u64>,
}

/// Reads a page of the moderation queue in transaction `tx`.
pub async fn queue_page<T: StoreTx>(
    tx: &T,
    status: Status,
    filter: QueueFilter<'_>,
    limit: u32,
    offset: u64,
) -> Result<QueuePage, DbError> {
    let (items, counts, matching) = tokio::try_join!(
        tx.by_status(status, filter, limit, offset),
        tx.status_counts(),
        async {
            if filter.is_all() {
                Ok(None)
            } else {
                tx.count_filtered(status, filter).await.map(Some)
            }
        }
    )?;
    let mut parents = HashMap::new();
    for id in items.iter().filter_map(|c| c.parent_id) {
        if let std::collections::hash_map::Entry::Vacant(slot) = parents.entry(id) {
            if let Some(p) = tx.comment(id).await? {
                slot.insert(p);
            }
        }
    }
    Ok(QueuePage {
        items,
        counts,
        parents,
        matching,
    })
}

/// A [`QueueFilter`] that owns its texts (a SQLite transaction runs on another thread).
#[derive(Debug, Clone, Default)]
pub struct OwnedFilter {
    /// Only this article's comments.
    pub article: Option<String>,
    /// Only comments whose text or author name contains this.
    pub search: Option<String>,
    /// Newest first.
    pub newest: bool,
}

impl OwnedFilter {
    /// The filter as the store trait takes it.
    pub fn borrow(&self) -> QueueFilter<'_> {
        QueueFilter {
            article: self.article.as_deref(),
            search: self.search.as_deref(),
            newest: self.newest,
        }
    }
}

impl Store {
    /// One page of an article's published comments.
    pub async fn public_page(
        &self,
        article_id: &str,
        q: PageQuery,
    ) -> Result<CommentsPage, DbError> {
        let article_id = article_id.to_owned();
        in_tx!(self, read, |tx| public_page(tx, &article_id, q).await)
    }

    /// Published replies of a top-level comment after a cursor.
    pub async fn replies_page(
        &self,
        article_id: &str,
        parent: i64,
        after: i64,
        limit: u32,
    ) -> Result<RepliesPage, RepliesError> {
        let article_id = article_id.to_owned();
        in_tx!(self, read, |tx| replies_page(
            tx,
            &article_id,
            parent,
            after,
            limit
        )
        .await)
    }

    /// A page of comments with a status that pass `filter`, with the counts and parents.
    pub async fn queue_page(
        &self,
        status: Status,
        filter: OwnedFilter,
        limit: u32,
        offset: u64,
    ) -> Result<QueuePage, DbError> {
        in_tx!(self, read, |tx| queue_page(
            tx,
            status,
            filter.borrow(),
            limit,
            offset
        )
        .await)
    }

    /// Comment `id`, or `None` if there is none.
    pub async fn get(&self, id: i64) -> Result<Option<StoredComment>, DbError> {
        in_tx!(self, read, |tx| tx.comment(id).await)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role;
    use article_viewer_wire::Lenient;

    fn c(id: i64, parent: Option<i64>) -> StoredComment {
        StoredComment {
            id,
            article_id: "a".into(),
            parent_id: parent,
            author_name: "n".into(),
            author_email: "e@x.vn".into(),
            text: "t".into(),
            status: Status::Published,
            created: "2026-01-01T00:00:00Z".into(),
            moderated: None,
            idempotency_key: format!("key-{id:05}"),
            author_role: Role::Reader,
        }
    }

    #[test]
    fn replies_follow_their_parent_with_count_and_cursor() {
        let counts = HashMap::from([(1, 3), (2, 1)]);
        let items = assemble(
            vec![c(2, None), c(1, None)],
            vec![c(3, Some(1)), c(4, Some(1)), c(5, Some(2))],
            &counts,
        );
        let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
        assert_eq!(ids, [2, 5, 1, 3, 4]);
        assert_eq!(items[2].reply_count(), Some(3));
        assert_eq!(items[2].replies_next(), Some("4"));
        assert_eq!(
            items[0].replies_next,
            Lenient::Valid(None),
            "written as null"
        );
        assert!(items[1].reply_count.is_absent() && items[1].replies_next.is_absent());
    }

    #[test]
    fn cursors_round_trip() {
        assert_eq!(parse_cursor(&cursor_after(57)), Some(57));
        assert_eq!(parse_cursor("x"), None);
        assert_eq!(parse_cursor("-3"), None);
    }
}
