//! What moderators do, written once for both engines, each action in one transaction with its
//! audit-log entry (who, what, when, the comment before and after): approve, reject, requeue,
//! edit, delete, and reply as the editorial office.

use crate::model::{AuditAction, AuditEntry, NewAudit, Role, Status, StoredComment};
use crate::store::{in_tx, DbError, Store};
use crate::submit::{check_parent, SubmitError};
use crate::tx::{NewComment, StoreTx};

/// Why a moderation action was refused.
#[derive(Debug, thiserror::Error)]
pub enum ActionError {
    /// There is no comment with this id.
    #[error("there is no comment with this id")]
    NoSuchComment,
    /// The comment replied to cannot be replied to (another article, rejected).
    #[error("{0}")]
    Parent(&'static str),
    /// Storage failed.
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<SubmitError> for ActionError {
    fn from(e: SubmitError) -> Self {
        match e {
            SubmitError::Parent(m) => ActionError::Parent(m),
            SubmitError::Db(e) => ActionError::Db(e),
            SubmitError::RateLimited(_) => ActionError::Parent("rate limited"),
        }
    }
}

/// Sets a comment's status and logs it (only when it changes); the comment as it is now.
pub async fn set_status<T: StoreTx>(
    tx: &T,
    who: &str,
    id: i64,
    status: Status,
) -> Result<StoredComment, ActionError> {
    let before = tx.comment(id).await?.ok_or(ActionError::NoSuchComment)?;
    let after = tx
        .set_status(id, status)
        .await?
        .ok_or(ActionError::NoSuchComment)?;
    if before.status != status {
        tx.insert_audit(&NewAudit {
            moderator: who,
            action: AuditAction::for_status(status),
            comment_id: id,
            before: Some(&before),
            after: Some(&after),
        })
        .await?;
    }
    Ok(after)
}

/// Replaces a comment's text (already normalised and checked) and logs it.
pub async fn edit<T: StoreTx>(
    tx: &T,
    who: &str,
    id: i64,
    text: &str,
) -> Result<StoredComment, ActionError> {
    let before = tx.comment(id).await?.ok_or(ActionError::NoSuchComment)?;
    let after = tx
        .set_text(id, text)
        .await?
        .ok_or(ActionError::NoSuchComment)?;
    if before.text != after.text {
        tx.insert_audit(&NewAudit {
            moderator: who,
            action: AuditAction::Edit,
            comment_id: id,
            before: Some(&before),
            after: Some(&after),
        })
        .await?;
    }
    Ok(after)
}

/// Deletes a comment and its replies, logging each; returns the comment deleted.
pub async fn delete<T: StoreTx>(tx: &T, who: &str, id: i64) -> Result<StoredComment, ActionError> {
    let before = tx.comment(id).await?.ok_or(ActionError::NoSuchComment)?;
    let replies = tx.replies_of(id).await?;
    tx.delete(id).await?;
    for c in replies.iter().chain(std::iter::once(&before)) {
        tx.insert_audit(&NewAudit {
            moderator: who,
            action: AuditAction::Delete,
            comment_id: c.id,
            before: Some(c),
            after: None,
        })
        .await?;
    }
    Ok(before)
}

/// An answer of the editorial office, as the moderation page sends it.
#[derive(Debug, Clone)]
pub struct EditorReply {
    /// The comment answered; a reply to a reply answers its top-level comment.
    pub to: i64,
    /// The answer (already normalised and checked).
    pub text: String,
    /// The portal's name for its editorial office (`--editor-name`).
    pub editor_name: String,
    /// Makes a retried reply create one comment.
    pub idempotency_key: String,
    /// Also approve the comment answered (the moderation page answers from the pending queue).
    pub approve: bool,
}

/// Publishes an answer of the editorial office under comment `r.to` (approving that comment
/// first when `r.approve`) and logs it; a retry with the same key returns the comment made the
/// first time.
pub async fn reply<T: StoreTx>(
    tx: &T,
    who: &str,
    r: &EditorReply,
) -> Result<StoredComment, ActionError> {
    let target = tx.comment(r.to).await?.ok_or(ActionError::NoSuchComment)?;
    if r.approve {
        set_status(tx, who, r.to, Status::Published).await?;
    }
    let top = match target.parent_id {
        Some(p) => tx.comment(p).await?.ok_or(ActionError::NoSuchComment)?,
        None => target,
    };
    check_parent(Some(&top), &top.article_id)?;
    let (_, existing) = tokio::try_join!(
        tx.lock_key(&top.article_id, &r.idempotency_key),
        tx.comment_by_key(&top.article_id, &r.idempotency_key)
    )?;
    if let Some(existing) = existing {
        return Ok(existing);
    }
    let new = NewComment {
        article_id: &top.article_id,
        parent_id: Some(top.id),
        author_name: &r.editor_name,
        author_email: "",
        text: &r.text,
        status: Status::Published,
        idempotency_key: &r.idempotency_key,
        author_role: Role::Editor,
    };
    let created = tx.insert(&new).await?.ok_or(DbError::NoRow)?;
    tx.insert_audit(&NewAudit {
        moderator: who,
        action: AuditAction::Reply,
        comment_id: created.id,
        before: None,
        after: Some(&created),
    })
    .await?;
    Ok(created)
}

/// A page of the audit log, newest first, with the number of entries.
pub async fn audit_page<T: StoreTx>(
    tx: &T,
    comment: Option<i64>,
    limit: u32,
    offset: u64,
) -> Result<(u64, Vec<AuditEntry>), DbError> {
    tokio::try_join!(
        tx.audit_count(comment),
        tx.audit_page(comment, limit, offset)
    )
}

impl Store {
    /// Sets a comment's status on behalf of `who`, with its audit entry.
    pub async fn moderate(
        &self,
        who: &str,
        id: i64,
        status: Status,
    ) -> Result<StoredComment, ActionError> {
        let who = who.to_owned();
        in_tx!(self, write, |tx| set_status(tx, &who, id, status).await)
    }

    /// Replaces a comment's text on behalf of `who`, with its audit entry.
    pub async fn edit(&self, who: &str, id: i64, text: &str) -> Result<StoredComment, ActionError> {
        let (who, text) = (who.to_owned(), text.to_owned());
        in_tx!(self, write, |tx| edit(tx, &who, id, &text).await)
    }

    /// Deletes a comment and its replies on behalf of `who`, with audit entries.
    pub async fn delete(&self, who: &str, id: i64) -> Result<StoredComment, ActionError> {
        let who = who.to_owned();
        in_tx!(self, write, |tx| delete(tx, &who, id).await)
    }

    /// Publishes an editor reply on behalf of `who`, with its audit entry.
    pub async fn editor_reply(
        &self,
        who: &str,
        r: EditorReply,
    ) -> Result<StoredComment, ActionError> {
        let who = who.to_owned();
        in_tx!(self, write, |tx| reply(tx, &who, &r).await)
    }

    /// A page of the audit log, newest first, optionally about one comment.
    pub async fn audit(
        &self,
        comment: Option<i64>,
        limit: u32,
        offset: u64,
    ) -> Result<(u64, Vec<AuditEntry>), DbError> {
        in_tx!(self, read, |tx| audit_page(tx, comment, limit, offset)
            .await)
    }
}
