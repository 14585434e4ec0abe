//! SQLite storage: opening, schema migrations and every query (PostgreSQL is in `pg.rs`).
//!
//! One writer connection and a few reader connections, each behind a `Mutex`.
//! All functions here block; async callers run them on `spawn_blocking`.
//! The database runs in WAL mode with `synchronous=FULL`, so a commit has been
//! fsynced to the WAL file when `COMMIT` returns: every comment answered with
//! 201 survives a process kill and a power loss.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction, TransactionBehavior};

use crate::config::RateLimit;
use crate::model::{ExportRecord, PublicComment, PublicPage, Sort, Status, StoredComment};
use crate::ratelimit;

/// Schema version this build writes (SQLite: `PRAGMA user_version`; PostgreSQL: table `av_schema_version`).
pub const SCHEMA_VERSION: u32 = 2;

/// How long a connection waits for a lock held by another connection or process.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Migration steps; entry `n` upgrades `user_version` `n` to `n + 1`.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE comments (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id      TEXT    NOT NULL,
    parent_id       INTEGER REFERENCES comments(id),
    author_name     TEXT    NOT NULL,
    author_email    TEXT    NOT NULL,
    text            TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'published', 'rejected')),
    created         TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    moderated       TEXT,
    idempotency_key TEXT    NOT NULL,
    UNIQUE (article_id, idempotency_key)
);
CREATE INDEX comments_by_article ON comments (article_id, status, parent_id, id);
CREATE INDEX comments_by_parent ON comments (parent_id, status, id);
CREATE INDEX comments_by_status ON comments (status, id);
"#,
    r#"
CREATE TABLE rate_events (
    client TEXT    NOT NULL,
    at_ms  INTEGER NOT NULL
);
CREATE INDEX rate_events_by_client ON rate_events (client, at_ms);
"#,
];

/// Columns of an export record, in the order `row_to_record` reads them.
const RECORD_COLUMNS: &str = "id, article_id, parent_id, author_name, author_email, text, status, \
                              created, moderated, idempotency_key";

/// Columns selected by every comment query, in the order `row_to_comment` reads them.
const COLUMNS: &str = "id, article_id, parent_id, author_name, author_email, text, status, created";

/// Errors from the storage layer.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// SQLite reported an error.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// Creating the parent directory or deleting an old file failed.
    #[error("cannot prepare database file {path}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file was written by a newer version of this server.
    #[error(
        "database schema version {found} is newer than this server supports ({SCHEMA_VERSION})"
    )]
    SchemaTooNew {
        /// The version found in the file.
        found: u32,
    },
    /// A thread panicked while holding a connection.
    #[error("a database connection was poisoned by a panic")]
    Poisoned,
    /// A status column held an unknown value.
    #[error("unknown status {0:?} in database")]
    BadStatus(String),
    /// PostgreSQL reported an error.
    #[error("database error: {0}")]
    Postgres(#[from] tokio_postgres::Error),
    /// No PostgreSQL connection could be had from the pool.
    #[error("database connection pool: {0}")]
    Pool(#[from] deadpool_postgres::PoolError),
    /// The PostgreSQL connection pool could not be set up (e.g. a malformed URL).
    #[error("cannot set up the PostgreSQL connection pool: {0}")]
    CreatePool(#[from] deadpool_postgres::CreatePoolError),
    /// `--fresh-db` was given with a PostgreSQL database.
    #[error("--fresh-db only deletes SQLite files; drop a PostgreSQL database with dropdb")]
    FreshPostgres,
    /// A blocking database task panicked or was cancelled.
    #[error("database task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// The comments database.
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
    pub fn read<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, DbError>,
    ) -> Result<T, DbError> {
        let mut conn = self.reader()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
        let value = f(&tx)?;
        tx.finish()?;
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

    /// One page of an article's published comments (see [`PublicPage`]).
    pub fn public_page(
        &self,
        article_id: &str,
        page: u32,
        per_page: u32,
        sort: Sort,
    ) -> Result<PublicPage, DbError> {
        self.read(|tx| public_page(tx, article_id, page, per_page, sort))
    }

    /// Comments with the given status across all articles, oldest first, with the total count.
    pub fn list_by_status(
        &self,
        status: Status,
        page: u32,
        per_page: u32,
    ) -> Result<(u64, Vec<StoredComment>), DbError> {
        self.read(|tx| {
            let total: i64 = tx.query_row(
                "SELECT COUNT(*) FROM comments WHERE status = ?1",
                [status.as_str()],
                |r| r.get(0),
            )?;
            let offset = i64::from(page.saturating_sub(1)) * i64::from(per_page);
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM comments WHERE status = ?1 ORDER BY id LIMIT ?2 OFFSET ?3"
            ))?;
            let rows = stmt
                .query_map(params![status.as_str(), per_page, offset], row_to_comment)?
                .collect::<Result<Result<Vec<_>, _>, _>>()??;
            Ok((u64::try_from(total).unwrap_or(0), rows))
        })
    }

    /// Sets the status of comment `id`; returns the updated comment, or `None` if there is none.
    pub fn set_status(&self, id: i64, status: Status) -> Result<Option<StoredComment>, DbError> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE comments SET status = ?1, \
                 moderated = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?2",
                params![status.as_str(), id],
            )?;
            if changed == 0 {
                return Ok(None);
            }
            find_by_id(tx, id)
        })
    }

    /// Reads comment `id`, whatever its status.
    pub fn get(&self, id: i64) -> Result<Option<StoredComment>, DbError> {
        self.read(|tx| find_by_id(tx, id))
    }

    /// Up to `limit` complete records with ids above `after_id`, in id order (for `export`).
    pub fn export_page(&self, after_id: i64, limit: u32) -> Result<Vec<ExportRecord>, DbError> {
        self.read(|tx| {
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT {RECORD_COLUMNS} FROM comments WHERE id > ?1 ORDER BY id LIMIT ?2"
            ))?;
            let rows = stmt
                .query_map(params![after_id, limit], row_to_record)?
                .collect::<Result<Result<Vec<_>, _>, _>>()??;
            Ok(rows)
        })
    }

    /// Inserts records with their own ids in one transaction; rows whose id or
    /// (article, key) already exists are skipped. Returns how many were inserted.
    pub fn import(&self, records: &[ExportRecord]) -> Result<u64, DbError> {
        self.write(|tx| {
            let mut stmt = tx.prepare_cached(&format!(
                "INSERT INTO comments ({RECORD_COLUMNS}) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT DO NOTHING"
            ))?;
            let mut inserted = 0;
            for r in records {
                inserted += stmt.execute(params![
                    r.id,
                    r.article_id,
                    r.parent_id,
                    r.author_name,
                    r.author_email,
                    r.text,
                    r.status.as_str(),
                    r.created,
                    r.moderated,
                    r.idempotency_key
                ])? as u64;
            }
            Ok(inserted)
        })
    }
}

/// Checks and records one post by `client` against `limit` at `now_ms` (inside the write
/// transaction); `Ok(Err(retry_after))` when over the limit. With `sweep`, expired events of
/// every client are deleted too.
pub fn rate_limit(
    conn: &Connection,
    client: &str,
    limit: RateLimit,
    now_ms: i64,
    sweep: bool,
) -> Result<Result<(), u64>, DbError> {
    if limit.is_disabled() {
        return Ok(Ok(()));
    }
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

/// Maps a row selected with [`RECORD_COLUMNS`] to an export record.
fn row_to_record(r: &Row<'_>) -> rusqlite::Result<Result<ExportRecord, DbError>> {
    let status: String = r.get(6)?;
    let Ok(status) = status.parse::<Status>() else {
        return Ok(Err(DbError::BadStatus(status)));
    };
    Ok(Ok(ExportRecord {
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
    }))
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
        let Some(step) = MIGRATIONS.get(version as usize) else {
            return Ok(());
        };
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
        tracing::info!(version = version + 1, "migrated database schema");
    }
}

/// Maps a row selected with [`COLUMNS`] to a comment.
fn row_to_comment(r: &Row<'_>) -> rusqlite::Result<Result<StoredComment, DbError>> {
    let status: String = r.get(6)?;
    let Ok(status) = status.parse::<Status>() else {
        return Ok(Err(DbError::BadStatus(status)));
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
    }))
}

/// Reads comment `id`, whatever its status.
pub fn find_by_id(conn: &Connection, id: i64) -> Result<Option<StoredComment>, DbError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM comments WHERE id = ?1"))?;
    stmt.query_row([id], row_to_comment).optional()?.transpose()
}

/// Finds the comment an article already has under an idempotency key.
pub fn find_by_key(
    conn: &Connection,
    article_id: &str,
    key: &str,
) -> Result<Option<StoredComment>, DbError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM comments WHERE article_id = ?1 AND idempotency_key = ?2"
    ))?;
    stmt.query_row([article_id, key], row_to_comment)
        .optional()?
        .transpose()
}

/// A comment about to be inserted.
#[derive(Debug, Clone)]
pub struct NewComment<'a> {
    /// Article id.
    pub article_id: &'a str,
    /// Top-level comment replied to.
    pub parent_id: Option<i64>,
    /// Display name.
    pub author_name: &'a str,
    /// E-mail address.
    pub author_email: &'a str,
    /// Normalised text.
    pub text: &'a str,
    /// Initial moderation state.
    pub status: Status,
    /// Client-chosen idempotency key.
    pub idempotency_key: &'a str,
}

/// Inserts a comment; returns `None` if the article already has a comment with this key.
pub fn insert(conn: &Connection, c: &NewComment<'_>) -> Result<Option<StoredComment>, DbError> {
    let mut stmt = conn.prepare_cached(&format!(
        "INSERT INTO comments \
         (article_id, parent_id, author_name, author_email, text, status, idempotency_key) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
         ON CONFLICT (article_id, idempotency_key) DO NOTHING \
         RETURNING {COLUMNS}"
    ))?;
    stmt.query_row(
        params![
            c.article_id,
            c.parent_id,
            c.author_name,
            c.author_email,
            c.text,
            c.status.as_str(),
            c.idempotency_key
        ],
        row_to_comment,
    )
    .optional()?
    .transpose()
}

/// The id the next inserted comment would probably get, and the current time as stored.
pub fn next_id_and_now(conn: &Connection) -> Result<(i64, String), DbError> {
    Ok(conn.query_row(
        "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'comments'), 0) + 1, \
         strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Builds one public page inside a read transaction.
fn public_page(
    conn: &Connection,
    article_id: &str,
    page: u32,
    per_page: u32,
    sort: Sort,
) -> Result<PublicPage, DbError> {
    let (total, top_level_total): (i64, i64) = conn.query_row(
        "SELECT \
           COUNT(*), \
           COUNT(*) FILTER (WHERE c.parent_id IS NULL) \
         FROM comments c \
         WHERE c.article_id = ?1 AND c.status = 'published' \
           AND (c.parent_id IS NULL OR EXISTS ( \
             SELECT 1 FROM comments p WHERE p.id = c.parent_id AND p.status = 'published'))",
        [article_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let order = match sort {
        Sort::Newest => "DESC",
        Sort::Oldest => "ASC",
    };
    let offset = i64::from(page.saturating_sub(1)) * i64::from(per_page);
    let mut top_stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM comments \
         WHERE article_id = ?1 AND status = 'published' AND parent_id IS NULL \
         ORDER BY id {order} LIMIT ?2 OFFSET ?3"
    ))?;
    let top = top_stmt
        .query_map(params![article_id, per_page, offset], row_to_comment)?
        .collect::<Result<Result<Vec<_>, _>, _>>()??;

    let mut reply_stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM comments \
         WHERE parent_id = ?1 AND status = 'published' ORDER BY id ASC"
    ))?;
    let mut items = Vec::with_capacity(top.len());
    for parent in top {
        let parent_id = parent.id;
        items.push(PublicComment::from(parent));
        let replies = reply_stmt
            .query_map([parent_id], row_to_comment)?
            .collect::<Result<Result<Vec<_>, _>, _>>()??;
        items.extend(replies.into_iter().map(PublicComment::from));
    }
    Ok(PublicPage {
        total: u64::try_from(total).unwrap_or(0),
        top_level_total: u64::try_from(top_level_total).unwrap_or(0),
        page,
        per_page,
        items,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_and_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/dir/c.sqlite3");
        {
            let db = Db::open(&path, 1).unwrap();
            db.write(|tx| {
                insert(
                    tx,
                    &NewComment {
                        article_id: "a",
                        parent_id: None,
                        author_name: "n",
                        author_email: "e@x.io",
                        text: "t",
                        status: Status::Published,
                        idempotency_key: "k1234567",
                    },
                )
            })
            .unwrap()
            .unwrap();
        }
        let db = Db::open(&path, 1).unwrap();
        let page = db.public_page("a", 1, 20, Sort::Newest).unwrap();
        assert_eq!(page.total, 1);
        assert_eq!(page.items[0].text, "t");
        Db::delete_files(&path).unwrap();
        assert!(!path.exists());
    }

    #[test]
    fn duplicate_key_inserts_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("c.sqlite3"), 0).unwrap();
        let c = NewComment {
            article_id: "a",
            parent_id: None,
            author_name: "n",
            author_email: "e@x.io",
            text: "t",
            status: Status::Pending,
            idempotency_key: "samekey1",
        };
        assert!(db.write(|tx| insert(tx, &c)).unwrap().is_some());
        assert!(db.write(|tx| insert(tx, &c)).unwrap().is_none());
        let (n, _) = db.list_by_status(Status::Pending, 1, 10).unwrap();
        assert_eq!(n, 1);
    }

    #[test]
    fn a_version_1_file_is_upgraded_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite3");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(MIGRATIONS[0]).unwrap();
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
            .read(|tx| Ok(tx.query_row("PRAGMA user_version", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        assert_eq!(
            db.public_page("a", 1, 20, Sort::Newest).unwrap().items[0].text,
            "cũ"
        );
        let limit: RateLimit = "1/60".parse().unwrap();
        assert_eq!(
            db.write(|tx| rate_limit(tx, "c", limit, 0, false)).unwrap(),
            Ok(())
        );
        assert!(db
            .write(|tx| rate_limit(tx, "c", limit, 1, false))
            .unwrap()
            .is_err());
    }

    #[test]
    fn rate_window_slides_per_client() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("c.sqlite3"), 0).unwrap();
        let limit: RateLimit = "2/10".parse().unwrap();
        let at = |client: &str, ms: i64| {
            db.write(|tx| rate_limit(tx, client, limit, ms, false))
                .unwrap()
        };
        assert_eq!(at("10.0.0.1", 0), Ok(()));
        assert_eq!(at("10.0.0.1", 4000), Ok(()));
        assert_eq!(at("10.0.0.1", 5500), Err(5));
        assert_eq!(at("10.0.0.2", 5000), Ok(()));
        assert_eq!(at("10.0.0.1", 10_000), Ok(()));
        assert_eq!(at("10.0.0.1", 10_000), Err(4));
        db.write(|tx| rate_limit(tx, "x", limit, 100_000, true))
            .unwrap()
            .unwrap();
        let left: i64 = db
            .read(|tx| Ok(tx.query_row("SELECT COUNT(*) FROM rate_events", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(left, 1, "the sweep leaves only the new event");
    }
}
