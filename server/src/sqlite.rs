//! SQLite storage: opening, migrations and the [`StoreTx`] operations in SQLite's SQL.
//!
//! One writer connection and a few reader connections, each behind a `Mutex`. Everything here
//! blocks; the store runs it on `spawn_blocking`. The database runs in WAL mode with
//! `synchronous=FULL`, so a commit has been fsynced to the WAL file when `COMMIT` returns: every
//! comment answered with 201 survives a process kill and a power loss.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::types::Value as SqlValue;
use rusqlite::{
    params, params_from_iter, Connection, OptionalExtension, Row, Transaction, TransactionBehavior,
};

use crate::config::RateLimit;
use crate::model::{
    audit_snapshot, AuditEntry, Moderator, NewAudit, Role, Sort, Status, StatusCounts,
    StoredComment,
};
use crate::ratelimit;
use crate::schema::{self, Dialect, SCHEMA_VERSION};
use crate::store::DbError;
use crate::tx::{NewComment, Parents, QueueFilter, StoreTx};

/// How long a connection waits for a lock held by another connection or process.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Columns of a comment, in the order [`row_to_comment`] reads them.
pub const COLUMNS: &str = "id, article_id, parent_id, author_name, author_email, text, status, \
                           created, moderated, idempotency_key, author_role";

/// The moderation list's filter (`?2` article id, `?3` search text; `NULL` keeps every comment).
const FILTERED: &str = "(?2 IS NULL OR article_id = ?2) \
                        AND (?3 IS NULL OR instr(lower(text), lower(?3)) > 0 \
                             OR instr(lower(author_name), lower(?3)) > 0)";

/// Columns of an audit entry, in the order [`row_to_audit`] reads them.
const AUDIT_COLUMNS: &str = "id, at, moderator, action, comment_id, before, after";

/// Columns of a moderator, in the order [`row_to_moderator`] reads them.
const MODERATOR_COLUMNS: &str = "id, name, token_hash, created, revoked";

/// The comments database in one SQLite file.
pub struct Db {
    writer: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
}

impl Db {
    /// Opens (creating if needed) the database at `path`, migrating it, with `readers` extra read connections.
    pub fn open(path: &Path, readers: usize) -> Result<Db, DbError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| DbError::Io {
                path: dir.to_owned(),
                source,
            })?;
        }
        let mut writer = Connection::open(path)?;
        configure(&writer)?;
        migrate(&mut writer)?;
        let readers = (0..readers)
            .map(|_| {
                let conn = Connection::open(path)?;
                configure(&conn)?;
                conn.pragma_update(None, "query_only", true)?;
                Ok(Mutex::new(conn))
            })
            .collect::<Result<Vec<_>, DbError>>()?;
        Ok(Db {
            writer: Mutex::new(writer),
            readers,
            next_reader: AtomicUsize::new(0),
        })
    }

    /// Deletes the database file and its WAL/shared-memory companions, if present.
    pub fn delete_files(path: &Path) -> Result<(), DbError> {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            let p = PathBuf::from(p);
            match std::fs::remove_file(&p) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(DbError::Io { path: p, source }),
            }
        }
        Ok(())
    }

    /// Runs `f` in an immediate (write-locking) transaction and commits if it returns `Ok`.
    pub fn write<T, E>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<DbError>,
    {
        let mut conn = self.writer.lock().map_err(|_| DbError::Poisoned)?;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(DbError::from)?;
        let value = f(&tx)?;
        tx.commit().map_err(DbError::from)?;
        Ok(value)
    }

    /// Runs `f` in a read transaction on one of the reader connections.
    pub fn read<T, E>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<DbError>,
    {
        let mut conn = self.reader()?;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Deferred)
            .map_err(DbError::from)?;
        let value = f(&tx)?;
        tx.finish().map_err(DbError::from)?;
        Ok(value)
    }

    /// Picks a reader connection round-robin, or the writer if there are none.
    fn reader(&self) -> Result<MutexGuard<'_, Connection>, DbError> {
        if self.readers.is_empty() {
            return self.writer.lock().map_err(|_| DbError::Poisoned);
        }
        let i = self.next_reader.fetch_add(1, Ordering::Relaxed) % self.readers.len();
        self.readers[i].lock().map_err(|_| DbError::Poisoned)
    }
}

/// Applies the per-connection settings: WAL, full sync, foreign keys, busy timeout.
fn configure(conn: &Connection) -> Result<(), DbError> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // `journal_mode` returns a row; `pragma_update_and_check` reads it.
    let _mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok(())
}

/// Brings the schema up to [`SCHEMA_VERSION`], one transaction per step.
fn migrate(conn: &mut Connection) -> Result<(), DbError> {
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: u32 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(DbError::SchemaTooNew { found: version });
        }
        let Some(step) = schema::MIGRATIONS.get(version as usize) else {
            return Ok(());
        };
        tx.execute_batch(&schema::render(step, Dialect::Sqlite))?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
        tracing::info!(version = version + 1, "migrated database schema");
    }
}

/// Maps a row selected with [`COLUMNS`] to a comment.
fn row_to_comment(r: &Row<'_>) -> rusqlite::Result<Result<StoredComment, DbError>> {
    let status: String = r.get(6)?;
    let role: String = r.get(10)?;
    let (Ok(status), Ok(author_role)) = (status.parse::<Status>(), role.parse::<Role>()) else {
        return Ok(Err(DbError::BadStatus(format!("{status}/{role}"))));
    };
    Ok(Ok(StoredComment {
        id: r.get(0)?,
        article_id: r.get(1)?,
        parent_id: r.get(2)?,
        author_name: r.get(3)?,
        author_email: r.get(4)?,
        text: r.get(5)?,
        status,
        created: r.get(7)?,
        moderated: r.get(8)?,
        idempotency_key: r.get(9)?,
        author_role,
    }))
}

/// Maps a row selected with [`AUDIT_COLUMNS`] to an audit entry.
fn row_to_audit(r: &Row<'_>) -> rusqlite::Result<Result<AuditEntry, DbError>> {
    let action: String = r.get(3)?;
    let Ok(action) = action.parse() else {
        return Ok(Err(DbError::BadStatus(action)));
    };
    Ok(Ok(AuditEntry {
        id: r.get(0)?,
        at: r.get(1)?,
        moderator: r.get(2)?,
        action,
        comment_id: r.get(4)?,
        before: r.get(5)?,
        after: r.get(6)?,
    }))
}

/// Maps a row selected with [`MODERATOR_COLUMNS`] to a moderator.
fn row_to_moderator(r: &Row<'_>) -> rusqlite::Result<Moderator> {
    Ok(Moderator {
        id: r.get(0)?,
        name: r.get(1)?,
        token_hash: r.get(2)?,
        created: r.get(3)?,
        revoked: r.get(4)?,
    })
}

/// Collects the rows of `sql` with `params` mapped by `f`.
fn collect<T, P: rusqlite::Params>(
    conn: &Connection,
    sql: &str,
    params: P,
    f: fn(&Row<'_>) -> rusqlite::Result<Result<T, DbError>>,
) -> Result<Vec<T>, DbError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt
        .query_map(params, f)?
        .collect::<Result<Result<Vec<_>, _>, _>>()??;
    Ok(rows)
}

/// `?, ?, …` with `n` placeholders (at least one, so `IN ()` never happens).
fn placeholders(n: usize) -> String {
    vec!["?"; n.max(1)].join(", ")
}

/// The comment with `id`, read with `conn`.
fn find(conn: &Connection, id: i64) -> Result<Option<StoredComment>, DbError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM comments WHERE id = ?1"))?;
    stmt.query_row([id], row_to_comment).optional()?.transpose()
}

/// One SQLite transaction (read or write) seen through [`StoreTx`].
pub struct SqliteTx<'a> {
    conn: &'a Connection,
}

impl<'a> SqliteTx<'a> {
    /// Wraps an open transaction.
    pub fn new(conn: &'a Connection) -> Self {
        SqliteTx { conn }
    }
}

impl StoreTx for SqliteTx<'_> {
    async fn comment(&self, id: i64) -> Result<Option<StoredComment>, DbError> {
        find(self.conn, id)
    }

    async fn comment_by_key(
        &self,
        article_id: &str,
        key: &str,
    ) -> Result<Option<StoredComment>, DbError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM comments WHERE article_id = ?1 AND idempotency_key = ?2"
        ))?;
        stmt.query_row([article_id, key], row_to_comment)
            .optional()?
            .transpose()
    }

    async fn lock_key(&self, _article_id: &str, _key: &str) -> Result<(), DbError> {
        // The write transaction is `BEGIN IMMEDIATE`: one writer at a time already.
        Ok(())
    }

    async fn rate_check(
        &self,
        client: &str,
        limit: RateLimit,
        now_ms: i64,
        sweep: bool,
    ) -> Result<Result<(), u64>, DbError> {
        if limit.is_disabled() {
            return Ok(Ok(()));
        }
        let conn = self.conn;
        let expired = ratelimit::expired_before(limit, now_ms);
        if sweep {
            conn.prepare_cached("DELETE FROM rate_events WHERE at_ms <= ?1")?
                .execute([expired])?;
        } else {
            conn.prepare_cached("DELETE FROM rate_events WHERE client = ?1 AND at_ms <= ?2")?
                .execute(params![client, expired])?;
        }
        let (count, oldest): (i64, Option<i64>) = conn
            .prepare_cached(
                "SELECT COUNT(*), MIN(at_ms) FROM rate_events WHERE client = ?1 AND at_ms > ?2",
            )?
            .query_row(params![client, expired], |r| Ok((r.get(0)?, r.get(1)?)))?;
        if let Err(retry_after) = ratelimit::decide(limit, count, oldest, now_ms) {
            return Ok(Err(retry_after));
        }
        conn.prepare_cached("INSERT INTO rate_events (client, at_ms) VALUES (?1, ?2)")?
            .execute(params![client, now_ms])?;
        Ok(Ok(()))
    }

    async fn next_id_and_now(&self) -> Result<(i64, String), DbError> {
        Ok(self.conn.query_row(
            &format!(
                "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'comments'), 0) + 1, {}",
                Dialect::Sqlite.now()
            ),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    async fn insert(&self, c: &NewComment<'_>) -> Result<Option<StoredComment>, DbError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "INSERT INTO comments (article_id, parent_id, author_name, author_email, text, \
             status, idempotency_key, author_role) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
             ON CONFLICT (article_id, idempotency_key) DO NOTHING RETURNING {COLUMNS}"
        ))?;
        stmt.query_row(
            params![
                c.article_id,
                c.parent_id,
                c.author_name,
                c.author_email,
                c.text,
                c.status.as_str(),
                c.idempotency_key,
                c.author_role.as_str()
            ],
            row_to_comment,
        )
        .optional()?
        .transpose()
    }

    async fn set_status(&self, id: i64, status: Status) -> Result<Option<StoredComment>, DbError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "UPDATE comments SET status = ?1, moderated = {} WHERE id = ?2 RETURNING {COLUMNS}",
            Dialect::Sqlite.now()
        ))?;
        stmt.query_row(params![status.as_str(), id], row_to_comment)
            .optional()?
            .transpose()
    }

    async fn set_text(&self, id: i64, text: &str) -> Result<Option<StoredComment>, DbError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "UPDATE comments SET text = ?1, moderated = {} WHERE id = ?2 RETURNING {COLUMNS}",
            Dialect::Sqlite.now()
        ))?;
        stmt.query_row(params![text, id], row_to_comment)
            .optional()?
            .transpose()
    }

    async fn delete(&self, id: i64) -> Result<u64, DbError> {
        let replies = self
            .conn
            .prepare_cached("DELETE FROM comments WHERE parent_id = ?1")?
            .execute([id])?;
        let own = self
            .conn
            .prepare_cached("DELETE FROM comments WHERE id = ?1")?
            .execute([id])?;
        Ok((replies + own) as u64)
    }

    async fn replies_of(&self, id: i64) -> Result<Vec<StoredComment>, DbError> {
        collect(
            self.conn,
            &format!("SELECT {COLUMNS} FROM comments WHERE parent_id = ?1 ORDER BY id"),
            [id],
            row_to_comment,
        )
    }

    async fn visible_counts(&self, article_id: &str) -> Result<(u64, u64), DbError> {
        let (total, top): (i64, i64) = self
            .conn
            .prepare_cached(
                "SELECT COUNT(*), COUNT(*) FILTER (WHERE c.parent_id IS NULL) FROM comments c \
                 WHERE c.article_id = ?1 AND c.status = 'published' \
                   AND (c.parent_id IS NULL OR EXISTS ( \
                     SELECT 1 FROM comments p WHERE p.id = c.parent_id AND p.status = 'published'))",
            )?
            .query_row([article_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok((to_u64(total), to_u64(top)))
    }

    async fn top_level(
        &self,
        article_id: &str,
        sort: Sort,
        limit: u32,
        offset: u64,
    ) -> Result<Vec<StoredComment>, DbError> {
        collect(
            self.conn,
            &format!(
                "SELECT {COLUMNS} FROM comments \
                 WHERE article_id = ?1 AND status = 'published' AND parent_id IS NULL \
                 ORDER BY id {} LIMIT ?2 OFFSET ?3",
                sort.sql()
            ),
            params![article_id, limit, to_i64(offset)],
            row_to_comment,
        )
    }

    async fn reply_counts(&self, parents: Parents<'_>) -> Result<Vec<(i64, u64)>, DbError> {
        let (set, values) = parent_set(parents);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT parent_id, COUNT(*) FROM comments \
             WHERE parent_id IN ({set}) AND status = 'published' GROUP BY parent_id"
        ))?;
        let rows = stmt
            .query_map(params_from_iter(values), |r| {
                Ok((r.get::<_, i64>(0)?, to_u64(r.get(1)?)))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    async fn first_replies(
        &self,
        parents: Parents<'_>,
        cap: u32,
    ) -> Result<Vec<(StoredComment, u64)>, DbError> {
        if matches!(parents, Parents::Ids([])) {
            return Ok(Vec::new());
        }
        // The page's ids first (SQLite runs in-process: a statement costs no round trip, and an
        // `IN` list plans better than an `IN` subquery under a window), then one statement: the
        // replies numbered and counted per parent (an indexed range scan of
        // `comments_by_parent` each), the first `cap` (at least one) kept.
        let ids = match parents {
            Parents::Ids(ids) => ids.to_vec(),
            Parents::Page(p) => {
                let (set, values) = parent_set(Parents::Page(p));
                let mut stmt = self.conn.prepare_cached(&set)?;
                let ids = stmt
                    .query_map(params_from_iter(values), |r| r.get::<_, i64>(0))?
                    .collect::<Result<Vec<_>, _>>()?;
                ids
            }
        };
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let (set, mut values) = parent_set(Parents::Ids(&ids));
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS}, n FROM (SELECT {COLUMNS}, \
               row_number() OVER w AS rn, COUNT(*) OVER w AS n FROM comments \
               WHERE parent_id IN ({set}) AND status = 'published' \
               WINDOW w AS (PARTITION BY parent_id ORDER BY id \
                 ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) \
             WHERE rn <= ? ORDER BY id"
        ))?;
        values.push(SqlValue::Integer(i64::from(cap.max(1))));
        let rows = stmt
            .query_map(params_from_iter(values), |r| {
                let n: i64 = r.get(11)?;
                Ok(row_to_comment(r)?.map(|c| (c, to_u64(n))))
            })?
            .collect::<Result<Result<Vec<_>, _>, _>>()??;
        Ok(rows)
    }

    async fn replies_after(
        &self,
        parent: i64,
        after: i64,
        limit: u32,
    ) -> Result<Vec<StoredComment>, DbError> {
        collect(
            self.conn,
            &format!(
                "SELECT {COLUMNS} FROM comments WHERE parent_id = ?1 AND status = 'published' \
                 AND id > ?2 ORDER BY id LIMIT ?3"
            ),
            params![parent, after, limit],
            row_to_comment,
        )
    }

    async fn by_status(
        &self,
        status: Status,
        filter: QueueFilter<'_>,
        limit: u32,
        offset: u64,
    ) -> Result<Vec<StoredComment>, DbError> {
        let order = if filter.newest { "DESC" } else { "ASC" };
        collect(
            self.conn,
            &format!(
                "SELECT {COLUMNS} FROM comments WHERE status = ?1 AND {FILTERED} \
                 ORDER BY id {order} LIMIT ?4 OFFSET ?5"
            ),
            params![
                status.as_str(),
                filter.article,
                filter.search,
                limit,
                to_i64(offset)
            ],
            row_to_comment,
        )
    }

    async fn count_filtered(
        &self,
        status: Status,
        filter: QueueFilter<'_>,
    ) -> Result<u64, DbError> {
        let n: i64 = self
            .conn
            .prepare_cached(&format!(
                "SELECT COUNT(*) FROM comments WHERE status = ?1 AND {FILTERED}"
            ))?
            .query_row(
                params![status.as_str(), filter.article, filter.search],
                |r| r.get(0),
            )?;
        Ok(to_u64(n))
    }

    async fn status_counts(&self) -> Result<StatusCounts, DbError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT status, COUNT(*) FROM comments GROUP BY status")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, to_u64(r.get(1)?))))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(crate::model::status_counts(rows))
    }

    async fn insert_audit(&self, e: &NewAudit<'_>) -> Result<AuditEntry, DbError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "INSERT INTO audit_log (moderator, action, comment_id, before, after) \
             VALUES (?1, ?2, ?3, ?4, ?5) RETURNING {AUDIT_COLUMNS}"
        ))?;
        stmt.query_row(
            params![
                e.moderator,
                e.action.as_str(),
                e.comment_id,
                e.before.map(audit_snapshot),
                e.after.map(audit_snapshot)
            ],
            row_to_audit,
        )?
    }

    async fn audit_page(
        &self,
        comment: Option<i64>,
        limit: u32,
        offset: u64,
    ) -> Result<Vec<AuditEntry>, DbError> {
        collect(
            self.conn,
            &format!(
                "SELECT {AUDIT_COLUMNS} FROM audit_log WHERE (?1 IS NULL OR comment_id = ?1) \
                 ORDER BY id DESC LIMIT ?2 OFFSET ?3"
            ),
            params![comment, limit, to_i64(offset)],
            row_to_audit,
        )
    }

    async fn audit_count(&self, comment: Option<i64>) -> Result<u64, DbError> {
        let n: i64 = self
            .conn
            .prepare_cached("SELECT COUNT(*) FROM audit_log WHERE (?1 IS NULL OR comment_id = ?1)")?
            .query_row([comment], |r| r.get(0))?;
        Ok(to_u64(n))
    }

    async fn comments_after(&self, after: i64, limit: u32) -> Result<Vec<StoredComment>, DbError> {
        collect(
            self.conn,
            &format!("SELECT {COLUMNS} FROM comments WHERE id > ?1 ORDER BY id LIMIT ?2"),
            params![after, limit],
            row_to_comment,
        )
    }

    async fn audit_after(&self, after: i64, limit: u32) -> Result<Vec<AuditEntry>, DbError> {
        collect(
            self.conn,
            &format!("SELECT {AUDIT_COLUMNS} FROM audit_log WHERE id > ?1 ORDER BY id LIMIT ?2"),
            params![after, limit],
            row_to_audit,
        )
    }

    async fn import_comment(&self, c: &StoredComment) -> Result<bool, DbError> {
        let n = self
            .conn
            .prepare_cached(&format!(
                "INSERT INTO comments ({COLUMNS}) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT DO NOTHING"
            ))?
            .execute(params![
                c.id,
                c.article_id,
                c.parent_id,
                c.author_name,
                c.author_email,
                c.text,
                c.status.as_str(),
                c.created,
                c.moderated,
                c.idempotency_key,
                c.author_role.as_str()
            ])?;
        Ok(n > 0)
    }

    async fn import_audit(&self, e: &AuditEntry) -> Result<bool, DbError> {
        let n = self
            .conn
            .prepare_cached(&format!(
                "INSERT INTO audit_log ({AUDIT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
                 ON CONFLICT DO NOTHING"
            ))?
            .execute(params![
                e.id,
                e.at,
                e.moderator,
                e.action.as_str(),
                e.comment_id,
                e.before,
                e.after
            ])?;
        Ok(n > 0)
    }

    async fn finish_import(&self) -> Result<(), DbError> {
        // AUTOINCREMENT already moves `sqlite_sequence` past explicitly inserted ids.
        Ok(())
    }

    async fn add_moderator(&self, name: &str, token_hash: &str) -> Result<Option<i64>, DbError> {
        Ok(self
            .conn
            .prepare_cached(
                "INSERT INTO moderators (name, token_hash) VALUES (?1, ?2) \
                 ON CONFLICT (name) DO NOTHING RETURNING id",
            )?
            .query_row([name, token_hash], |r| r.get(0))
            .optional()?)
    }

    async fn moderators(&self) -> Result<Vec<Moderator>, DbError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {MODERATOR_COLUMNS} FROM moderators ORDER BY id"
        ))?;
        let rows = stmt
            .query_map([], row_to_moderator)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    async fn moderator(&self, id: i64) -> Result<Option<Moderator>, DbError> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {MODERATOR_COLUMNS} FROM moderators WHERE id = ?1"
            ))?
            .query_row([id], row_to_moderator)
            .optional()?)
    }

    async fn revoke_moderator(&self, name: &str) -> Result<bool, DbError> {
        let n = self
            .conn
            .prepare_cached(&format!(
                "UPDATE moderators SET revoked = {} WHERE name = ?1 AND revoked IS NULL",
                Dialect::Sqlite.now()
            ))?
            .execute([name])?;
        Ok(n > 0)
    }
}

/// The SQL set of `parents` for `parent_id IN (…)` and its parameters.
fn parent_set(parents: Parents<'_>) -> (String, Vec<SqlValue>) {
    match parents {
        Parents::Ids(ids) => (placeholders(ids.len()), ids_or_none(ids)),
        Parents::Page(p) => (
            format!(
                "SELECT id FROM comments WHERE article_id = ? AND status = 'published' \
                 AND parent_id IS NULL ORDER BY id {} LIMIT ? OFFSET ?",
                p.sort.sql()
            ),
            vec![
                SqlValue::Text(p.article_id.to_owned()),
                SqlValue::Integer(i64::from(p.limit)),
                SqlValue::Integer(to_i64(p.offset)),
            ],
        ),
    }
}

/// The ids as SQL values, or one NULL (matches nothing) when there are none.
fn ids_or_none(ids: &[i64]) -> Vec<SqlValue> {
    if ids.is_empty() {
        vec![SqlValue::Null]
    } else {
        ids.iter().map(|&i| SqlValue::Integer(i)).collect()
    }
}

/// A count from SQL as `u64`.
fn to_u64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// An offset as SQL's `i64`.
fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tx_test<T>(db: &Db, f: impl FnOnce(&SqliteTx<'_>) -> T) -> T {
        let conn = db.writer.lock().unwrap();
        f(&SqliteTx::new(&conn))
    }

    fn ready<F: std::future::Future>(f: F) -> F::Output {
        crate::store::run_ready(f)
    }

    #[test]
    fn a_version_1_file_is_upgraded_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite3");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(&schema::render(schema::MIGRATIONS[0], Dialect::Sqlite))
                .unwrap();
            conn.pragma_update(None, "user_version", 1).unwrap();
            conn.execute(
                "INSERT INTO comments (article_id, author_name, author_email, text, status, \
                 idempotency_key) VALUES ('a', 'n', 'e@x.vn', 'cũ', 'published', 'old-key-1')",
                [],
            )
            .unwrap();
        }
        let db = Db::open(&path, 1).unwrap();
        let version: u32 = db
            .read(|tx| {
                tx.query_row("PRAGMA user_version", [], |r| r.get(0))
                    .map_err(DbError::from)
            })
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        tx_test(&db, |tx| {
            let top = ready(tx.top_level("a", Sort::Newest, 20, 0)).unwrap();
            assert_eq!(top[0].text, "cũ");
            assert_eq!(top[0].author_role, Role::Reader);
            let limit: RateLimit = "1/60".parse().unwrap();
            assert_eq!(ready(tx.rate_check("c", limit, 0, false)).unwrap(), Ok(()));
            assert!(ready(tx.rate_check("c", limit, 1, false)).unwrap().is_err());
        });
        Db::delete_files(&path).unwrap();
        assert!(!path.exists());
    }

    #[test]
    fn rate_window_slides_per_client() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("c.sqlite3"), 0).unwrap();
        let limit: RateLimit = "2/10".parse().unwrap();
        tx_test(&db, |tx| {
            let at =
                |client: &str, ms: i64| ready(tx.rate_check(client, limit, ms, false)).unwrap();
            assert_eq!(at("10.0.0.1", 0), Ok(()));
            assert_eq!(at("10.0.0.1", 4000), Ok(()));
            assert_eq!(at("10.0.0.1", 5500), Err(5));
            assert_eq!(at("10.0.0.2", 5000), Ok(()));
            assert_eq!(at("10.0.0.1", 10_000), Ok(()));
            assert_eq!(at("10.0.0.1", 10_000), Err(4));
            ready(tx.rate_check("x", limit, 100_000, true))
                .unwrap()
                .unwrap();
            let left: i64 = tx
                .conn
                .query_row("SELECT COUNT(*) FROM rate_events", [], |r| r.get(0))
                .unwrap();
            assert_eq!(left, 1, "the sweep leaves only the new event");
        });
    }
}
