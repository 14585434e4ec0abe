//! The submission pipeline, written once for both engines: idempotency, parent check, rate
//! limit, spam rules, insert — in one transaction, so that concurrent posts (also from other
//! processes and other server instances) see a consistent parent, idempotency and rate-limit
//! state.

use std::net::IpAddr;

use crate::config::{ModerationMode, RateLimit};
use crate::model::{Role, Status, StoredComment};
use crate::ratelimit::client_key;
use crate::store::{in_tx, DbError, Store};
use crate::tx::{NewComment, StoreTx};
use crate::validate::Submission;

/// What happened to a submission that is answered with 201.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// A new comment was stored.
    Created(StoredComment),
    /// The idempotency key was already used for this article; this is the comment stored then.
    Replayed(StoredComment),
    /// Spam rules matched: nothing was stored; the client is told a plausible id and time.
    Discarded {
        /// The id a real comment would probably have got.
        id: i64,
        /// The current time as the database formats it.
        created: String,
        /// Which rule matched (for the log only).
        reason: &'static str,
    },
}

/// Why a well-formed submission was refused.
#[derive(Debug, thiserror::Error)]
pub enum SubmitError {
    /// `parent_id` names no usable comment; the message is for the reader.
    #[error("{0}")]
    Parent(&'static str),
    /// The client posted too often; retry after this many seconds.
    #[error("rate limited for {0} s")]
    RateLimited(u64),
    /// Storage failed.
    #[error(transparent)]
    Db(#[from] DbError),
}

/// Settings the pipeline needs besides the submission itself.
#[derive(Debug, Clone, Copy)]
pub struct SubmitPolicy {
    /// Initial status of accepted comments.
    pub moderation: ModerationMode,
    /// Forms filled in faster than this are spam.
    pub min_elapsed_ms: u64,
    /// Per-client limit on posts, shared through the database.
    pub rate_limit: RateLimit,
}

impl SubmitPolicy {
    /// The status a new (non-spam) comment is stored with.
    pub fn initial_status(&self) -> Status {
        match self.moderation {
            ModerationMode::Pre => Status::Pending,
            ModerationMode::Post => Status::Published,
        }
    }

    /// Which spam rule a submission matches, if any.
    pub fn spam_reason(&self, sub: &Submission) -> Option<&'static str> {
        if sub.honeypot_filled {
            Some("honeypot filled")
        } else if sub.elapsed_ms < self.min_elapsed_ms {
            Some("form filled too fast")
        } else {
            None
        }
    }
}

/// Checks that `parent` (the row `parent_id` names, if found) can be replied to from `article_id`.
pub fn check_parent(parent: Option<&StoredComment>, article_id: &str) -> Result<(), SubmitError> {
    match parent {
        Some(p) if p.article_id == article_id && p.status != Status::Rejected => {
            if p.parent_id.is_some() {
                Err(SubmitError::Parent(PARENT_IS_REPLY))
            } else {
                Ok(())
            }
        }
        _ => Err(SubmitError::Parent(PARENT_MISSING)),
    }
}

/// Message for a parent that does not exist, is in another article or was rejected.
pub const PARENT_MISSING: &str = "The comment you are replying to does not exist.";
/// Message for a parent that is itself a reply.
pub const PARENT_IS_REPLY: &str = "You can only reply to a top-level comment, not to a reply.";

/// The pipeline for one reader's submission to `article_id` from `client`, in transaction `tx`.
///
/// With `sweep`, expired rate-limit events of every client are deleted as well.
pub async fn submit<T: StoreTx>(
    tx: &T,
    policy: SubmitPolicy,
    article_id: &str,
    client: &str,
    sub: &Submission,
    sweep: bool,
) -> Result<Outcome, SubmitError> {
    // Serialise posts with the same key (on any instance); the lookup after the lock sees a
    // comment committed by whoever held it. Both go out at once (pipelined on PostgreSQL).
    let (_, existing) = tokio::try_join!(
        tx.lock_key(article_id, &sub.idempotency_key),
        tx.comment_by_key(article_id, &sub.idempotency_key),
    )?;
    if let Some(existing) = existing {
        return Ok(Outcome::Replayed(existing));
    }
    if let Some(parent_id) = sub.parent_id {
        check_parent(tx.comment(parent_id).await?.as_ref(), article_id)?;
    }
    let now = crate::ratelimit::now_ms();
    tx.rate_check(client, policy.rate_limit, now, sweep)
        .await?
        .map_err(SubmitError::RateLimited)?;
    if let Some(reason) = policy.spam_reason(sub) {
        let (id, created) = tx.next_id_and_now().await?;
        return Ok(Outcome::Discarded {
            id,
            created,
            reason,
        });
    }
    let new = NewComment {
        article_id,
        parent_id: sub.parent_id,
        author_name: &sub.author_name,
        author_email: &sub.author_email,
        text: &sub.text,
        status: policy.initial_status(),
        idempotency_key: &sub.idempotency_key,
        author_role: Role::Reader,
    };
    match tx.insert(&new).await? {
        Some(c) => Ok(Outcome::Created(c)),
        // Unreachable while the key lock (or SQLite's write lock) is held, but the UNIQUE
        // constraint is the real guarantee: report the comment that won.
        None => tx
            .comment_by_key(article_id, &sub.idempotency_key)
            .await?
            .map(Outcome::Replayed)
            .ok_or(SubmitError::Db(DbError::NoRow)),
    }
}

impl Store {
    /// Runs the submission pipeline for one well-formed submission.
    pub async fn submit(
        &self,
        policy: SubmitPolicy,
        article_id: &str,
        client: IpAddr,
        sub: &Submission,
    ) -> Result<Outcome, SubmitError> {
        let sweep = self.sweep_now();
        let (article_id, sub, client) = (article_id.to_owned(), sub.clone(), client_key(client));
        in_tx!(self, write, |tx| submit(
            tx,
            policy,
            &article_id,
            &client,
            &sub,
            sweep
        )
        .await)
    }
}
