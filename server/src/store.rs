//! The storage the handlers see: SQLite or PostgreSQL behind one async interface.
//!
//! Every operation opens one transaction on the engine — a [`SqliteTx`] on a blocking thread or a
//! [`PgTx`] on a pooled connection — and runs the same engine-independent code over the
//! [`StoreTx`](crate::tx::StoreTx) trait (`submit.rs`, `listing.rs`, `actions.rs`,
//! `transfer.rs`), committing when it succeeds and rolling back when it fails.

use std::future::Future;
use std::path::PathBuf;
use std::pin::pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use crate::config::DbTarget;
use crate::postgres::PgDb;
use crate::ratelimit::SWEEP_EVERY;
use crate::schema::SCHEMA_VERSION;
use crate::sqlite::Db;

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
    /// A status, role or action column held an unknown value.
    #[error("unknown value {0:?} in database")]
    BadStatus(String),
    /// A statement that always returns a row returned none.
    #[error("the database returned no row")]
    NoRow,
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

/// The comments database, whichever engine holds it.
pub struct Store {
    pub(crate) backend: Backend,
    /// Posts handled by this process, to sweep expired rate-limit events now and then.
    posts: AtomicU64,
}

/// The engine behind a [`Store`].
pub(crate) enum Backend {
    /// A SQLite file; its blocking calls run on `spawn_blocking`.
    Sqlite(Arc<Db>),
    /// A PostgreSQL connection pool.
    Postgres(PgDb),
}

/// Number of read-only SQLite connections besides the writer.
pub fn sqlite_reader_count() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(2, 8)
}

/// Drives a future that never waits (SQLite's operations) to its end on the current thread.
///
/// A future that does wait is finished on the tokio runtime of the thread instead.
pub fn run_ready<F: Future>(fut: F) -> F::Output {
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..1024 {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
    tokio::runtime::Handle::current().block_on(fut)
}

/// Runs `$body` (an expression using the transaction `$tx` and `.await`) in one transaction of
/// `$store`: `write` or `read`. Variables the body uses must be owned (`'static`): on SQLite the
/// body runs on a blocking thread. Commits when the body returns `Ok`.
macro_rules! in_tx {
    ($store:expr, $mode:ident, |$tx:ident| $body:expr) => {{
        match &$store.backend {
            $crate::store::Backend::Sqlite(db) => {
                let db = db.clone();
                tokio::task::spawn_blocking(move || {
                    db.$mode(|conn| {
                        let $tx = crate::sqlite::SqliteTx::new(conn);
                        let $tx = &$tx;
                        $crate::store::run_ready(async move { $body })
                    })
                })
                .await
                .map_err($crate::store::DbError::from)?
            }
            $crate::store::Backend::Postgres(pg) => {
                #[allow(unused_mut)] // a write transaction borrows it mutably, a read does not
                let mut conn = pg.conn().await?;
                let pg_tx = in_tx!(@begin conn, $mode);
                let result = {
                    let $tx = &pg_tx;
                    async { $body }.await
                };
                match result {
                    Ok(v) => {
                        pg_tx.commit().await?;
                        Ok(v)
                    }
                    Err(e) => Err(e),
                }
            }
        }
    }};
    (@begin $conn:ident, write) => {
        $crate::postgres::PgTx::new(
            $conn
                .transaction()
                .await
                .map_err($crate::store::DbError::from)?,
        )
    };
    // Reads: statements on the connection itself, pipelined, no BEGIN/COMMIT round trips.
    (@begin $conn:ident, read) => {
        $crate::postgres::PgTx::plain(&$conn)
    };
}
pub(crate) use in_tx;

impl Store {
    /// Opens (creating and migrating if needed) the database `target`.
    ///
    /// `fresh` deletes a SQLite file first (refused for PostgreSQL); `readers` is the number of
    /// SQLite read connections, `pool_size` the most PostgreSQL connections.
    pub async fn open(
        target: &DbTarget,
        fresh: bool,
        readers: usize,
        pool_size: usize,
    ) -> Result<Store, DbError> {
        let backend = match target {
            DbTarget::Sqlite(path) => {
                let path = path.clone();
                let db = tokio::task::spawn_blocking(move || {
                    if fresh {
                        Db::delete_files(&path)?;
                    }
                    Db::open(&path, readers)
                })
                .await??;
                Backend::Sqlite(Arc::new(db))
            }
            DbTarget::Postgres(url) => {
                if fresh {
                    return Err(DbError::FreshPostgres);
                }
                Backend::Postgres(PgDb::open(url, pool_size).await?)
            }
        };
        Ok(Store {
            backend,
            posts: AtomicU64::new(0),
        })
    }

    /// `sqlite` or `postgres`, for logs.
    pub fn engine(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite(_) => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }

    /// True once every [`SWEEP_EVERY`] posts: this post also sweeps expired rate-limit events.
    pub fn sweep_now(&self) -> bool {
        let n = self.posts.fetch_add(1, Ordering::Relaxed) + 1;
        n.is_multiple_of(SWEEP_EVERY)
    }
}
