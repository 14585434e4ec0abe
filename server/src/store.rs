//! The storage the handlers see: SQLite or PostgreSQL behind one async interface.

use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::config::DbTarget;
use crate::db::{Db, DbError};
use crate::model::{ExportRecord, PublicPage, Sort, Status, StoredComment};
use crate::pg::PgDb;
use crate::ratelimit::SWEEP_EVERY;
use crate::submit::{self, Outcome, SubmitError, SubmitPolicy};
use crate::validate::Submission;

/// The comments database, whichever engine holds it.
pub struct Store {
    backend: Backend,
    /// Posts handled by this process, to sweep expired rate-limit events now and then.
    posts: AtomicU64,
}

/// The engine behind a [`Store`].
enum Backend {
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

    /// One page of an article's published comments.
    pub async fn public_page(
        &self,
        article_id: &str,
        page: u32,
        per_page: u32,
        sort: Sort,
    ) -> Result<PublicPage, DbError> {
        match &self.backend {
            Backend::Sqlite(db) => {
                let (db, article_id) = (db.clone(), article_id.to_owned());
                tokio::task::spawn_blocking(move || {
                    db.public_page(&article_id, page, per_page, sort)
                })
                .await?
            }
            Backend::Postgres(pg) => pg.public_page(article_id, page, per_page, sort).await,
        }
    }

    /// Comments with the given status, oldest first, with the total count.
    pub async fn list_by_status(
        &self,
        status: Status,
        page: u32,
        per_page: u32,
    ) -> Result<(u64, Vec<StoredComment>), DbError> {
        match &self.backend {
            Backend::Sqlite(db) => {
                let db = db.clone();
                tokio::task::spawn_blocking(move || db.list_by_status(status, page, per_page))
                    .await?
            }
            Backend::Postgres(pg) => pg.list_by_status(status, page, per_page).await,
        }
    }

    /// Comment `id`, or `None` if there is none.
    pub async fn get(&self, id: i64) -> Result<Option<StoredComment>, DbError> {
        match &self.backend {
            Backend::Sqlite(db) => {
                let db = db.clone();
                tokio::task::spawn_blocking(move || db.get(id)).await?
            }
            Backend::Postgres(pg) => pg.get(id).await,
        }
    }

    /// Sets a comment's status; `None` if there is no such comment.
    pub async fn set_status(
        &self,
        id: i64,
        status: Status,
    ) -> Result<Option<StoredComment>, DbError> {
        match &self.backend {
            Backend::Sqlite(db) => {
                let db = db.clone();
                tokio::task::spawn_blocking(move || db.set_status(id, status)).await?
            }
            Backend::Postgres(pg) => pg.set_status(id, status).await,
        }
    }

    /// Runs the submission pipeline for one well-formed submission.
    pub async fn submit(
        &self,
        policy: SubmitPolicy,
        article_id: &str,
        client: IpAddr,
        sub: &Submission,
    ) -> Result<Outcome, SubmitError> {
        let n = self.posts.fetch_add(1, Ordering::Relaxed) + 1;
        let sweep = n.is_multiple_of(SWEEP_EVERY);
        match &self.backend {
            Backend::Sqlite(db) => {
                let (db, article_id, sub) = (db.clone(), article_id.to_owned(), sub.clone());
                tokio::task::spawn_blocking(move || {
                    submit::submit(&db, policy, &article_id, client, &sub, sweep)
                })
                .await
                .map_err(DbError::from)?
            }
            Backend::Postgres(pg) => pg.submit(policy, article_id, client, sub, sweep).await,
        }
    }

    /// Up to `limit` complete records with ids above `after_id`, in id order.
    pub async fn export_page(
        &self,
        after_id: i64,
        limit: u32,
    ) -> Result<Vec<ExportRecord>, DbError> {
        match &self.backend {
            Backend::Sqlite(db) => {
                let db = db.clone();
                tokio::task::spawn_blocking(move || db.export_page(after_id, limit)).await?
            }
            Backend::Postgres(pg) => pg.export_page(after_id, limit).await,
        }
    }

    /// Inserts records with their ids in one transaction, skipping existing ones; returns how many were inserted.
    pub async fn import(&self, records: Vec<ExportRecord>) -> Result<u64, DbError> {
        match &self.backend {
            Backend::Sqlite(db) => {
                let db = db.clone();
                tokio::task::spawn_blocking(move || db.import(&records)).await?
            }
            Backend::Postgres(pg) => pg.import(&records).await,
        }
    }
}
