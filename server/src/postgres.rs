//! PostgreSQL storage, for several server instances sharing one database: the pool, migrations
//! and the [`StoreTx`] operations in PostgreSQL's SQL.
//!
//! A `deadpool-postgres` pool of `tokio-postgres` connections (no TLS: run the database on the
//! same host or a private network). What must hold across instances is in the database:
//!
//! * **Idempotency**: `UNIQUE (article_id, idempotency_key)` plus a transaction-scoped advisory
//!   lock on the (article, key) pair ([`StoreTx::lock_key`]), so the same key posted to two
//!   instances at once makes one comment and both answers name it.
//! * **Rate limit**: table `rate_events`, checked and written under a transaction-scoped advisory
//!   lock on the client, in the transaction that stores the comment.
//!
//! Commits are durable with PostgreSQL's defaults (`fsync = on`, `synchronous_commit = on`):
//! the 201 is sent after `COMMIT` returns.

use std::time::Duration;

use deadpool_postgres::{
    Config, ManagerConfig, Object, Pool, PoolConfig, RecyclingMethod, Runtime, Timeouts,
    Transaction,
};
use tokio_postgres::types::ToSql;
use tokio_postgres::{NoTls, Row};

use crate::config::RateLimit;
use crate::model::{
    audit_snapshot, AuditEntry, Moderator, NewAudit, Sort, Status, StatusCounts, StoredComment,
};
use crate::ratelimit;
use crate::schema::{self, Dialect, SCHEMA_VERSION};
use crate::sqlite::COLUMNS;

/// The moderation list's filter (`$2` article id, `$3` search text; `NULL` keeps every comment).
const FILTERED: &str = "($2::text IS NULL OR article_id = $2) \
                        AND ($3::text IS NULL OR strpos(lower(text), lower($3)) > 0 \
                             OR strpos(lower(author_name), lower($3)) > 0)";
use crate::store::DbError;
use crate::tx::{NewComment, Parents, QueueFilter, StoreTx};

/// Longest wait for a pooled connection (a free slot, a new connection, a recycle check).
const POOL_TIMEOUT: Duration = Duration::from_secs(5);

/// Advisory-lock class of schema migrations (first key of `pg_advisory_lock(int, int)`).
const LOCK_MIGRATE: i32 = 0x4156_0001;
/// Advisory-lock class of idempotency keys.
const LOCK_KEY: i32 = 0x4156_0002;
/// Advisory-lock class of rate-limited clients.
const LOCK_CLIENT: i32 = 0x4156_0003;

/// Columns of an audit entry, in the order [`row_to_audit`] reads them.
const AUDIT_COLUMNS: &str = "id, at, moderator, action, comment_id, before, after";
/// Columns of a moderator.
const MODERATOR_COLUMNS: &str = "id, name, token_hash, created, revoked";

/// The comments database on PostgreSQL: a connection pool.
#[derive(Clone)]
pub struct PgDb {
    pool: Pool,
}

impl PgDb {
    /// Connects to `url` with at most `pool_size` connections and migrates the schema.
    pub async fn open(url: &str, pool_size: usize) -> Result<PgDb, DbError> {
        let mut config = Config::new();
        config.url = Some(url.to_owned());
        config.manager = Some(ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        });
        // Fail a request after a while rather than queue it forever when the database is
        // unreachable or every connection is busy.
        let mut pool_config = PoolConfig::new(pool_size.max(1));
        pool_config.timeouts = Timeouts {
            wait: Some(POOL_TIMEOUT),
            create: Some(POOL_TIMEOUT),
            recycle: Some(POOL_TIMEOUT),
        };
        config.pool = Some(pool_config);
        let pool = config.create_pool(Some(Runtime::Tokio1), NoTls)?;
        let db = PgDb { pool };
        db.migrate().await?;
        Ok(db)
    }

    /// A pooled connection.
    pub async fn conn(&self) -> Result<Object, DbError> {
        Ok(self.pool.get().await?)
    }

    /// Brings the schema up to [`SCHEMA_VERSION`]; a session advisory lock keeps two
    /// instances starting at once from migrating twice.
    async fn migrate(&self) -> Result<(), DbError> {
        let mut conn = self.pool.get().await?;
        conn.execute("SELECT pg_advisory_lock($1, 0)", &[&LOCK_MIGRATE])
            .await?;
        let result = async {
            conn.batch_execute(&format!(
                "CREATE TABLE IF NOT EXISTS av_schema_version (\
                   version INTEGER PRIMARY KEY, applied TEXT NOT NULL DEFAULT {})",
                Dialect::Postgres.now()
            ))
            .await?;
            loop {
                let version: i32 = conn
                    .query_one(
                        "SELECT COALESCE(MAX(version), 0) FROM av_schema_version",
                        &[],
                    )
                    .await?
                    .get(0);
                let version = u32::try_from(version).unwrap_or(0);
                if version > SCHEMA_VERSION {
                    return Err(DbError::SchemaTooNew { found: version });
                }
                let Some(step) = schema::MIGRATIONS.get(version as usize) else {
                    return Ok(());
                };
                let tx = conn.transaction().await?;
                tx.batch_execute(&schema::render(step, Dialect::Postgres))
                    .await?;
                let next = i32::try_from(version + 1).unwrap_or(i32::MAX);
                tx.execute(
                    "INSERT INTO av_schema_version (version) VALUES ($1)",
                    &[&next],
                )
                .await?;
                tx.commit().await?;
                tracing::info!(version = version + 1, "migrated PostgreSQL schema");
            }
        }
        .await;
        conn.execute("SELECT pg_advisory_unlock($1, 0)", &[&LOCK_MIGRATE])
            .await?;
        result
    }
}

/// Maps a row selected with [`COLUMNS`] to a comment.
fn row_to_comment(r: &Row) -> Result<StoredComment, DbError> {
    let status: String = r.try_get(6)?;
    let role: String = r.try_get(10)?;
    let (Ok(status), Ok(author_role)) = (status.parse::<Status>(), role.parse()) else {
        return Err(DbError::BadStatus(format!("{status}/{role}")));
    };
    Ok(StoredComment {
        id: r.try_get(0)?,
        article_id: r.try_get(1)?,
        parent_id: r.try_get(2)?,
        author_name: r.try_get(3)?,
        author_email: r.try_get(4)?,
        text: r.try_get(5)?,
        status,
        created: r.try_get(7)?,
        moderated: r.try_get(8)?,
        idempotency_key: r.try_get(9)?,
        author_role,
    })
}

/// Maps a row selected with [`AUDIT_COLUMNS`] to an audit entry.
fn row_to_audit(r: &Row) -> Result<AuditEntry, DbError> {
    let action: String = r.try_get(3)?;
    let action = action.parse().map_err(|_| DbError::BadStatus(action))?;
    Ok(AuditEntry {
        id: r.try_get(0)?,
        at: r.try_get(1)?,
        moderator: r.try_get(2)?,
        action,
        comment_id: r.try_get(4)?,
        before: r.try_get(5)?,
        after: r.try_get(6)?,
    })
}

/// Maps a row selected with [`MODERATOR_COLUMNS`] to a moderator.
fn row_to_moderator(r: &Row) -> Result<Moderator, DbError> {
    Ok(Moderator {
        id: r.try_get(0)?,
        name: r.try_get(1)?,
        token_hash: r.try_get(2)?,
        created: r.try_get(3)?,
        revoked: r.try_get(4)?,
    })
}

/// The ids of a page's top-level comments, for `parent_id IN (…)` (`$1` article, `$2` limit,
/// `$3` offset).
fn page_set(sort: Sort) -> String {
    format!(
        "SELECT id FROM comments WHERE article_id = $1 AND status = 'published' \
         AND parent_id IS NULL ORDER BY id {} LIMIT $2 OFFSET $3",
        sort.sql()
    )
}

/// A count from SQL as `u64`.
fn to_u64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// An offset as SQL's `i64`.
fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// What a [`PgTx`] runs its statements on.
enum Conn<'a> {
    /// A transaction (writes: everything commits together or not at all).
    Tx(Transaction<'a>),
    /// The connection itself, each statement on its own (reads: independent statements are
    /// pipelined and go out in one round trip, with no BEGIN/COMMIT round trips around them).
    Plain(&'a Object),
}

/// One PostgreSQL transaction (or, for reads, one connection) seen through [`StoreTx`].
pub struct PgTx<'a> {
    conn: Conn<'a>,
}

impl<'a> PgTx<'a> {
    /// Wraps an open transaction.
    pub fn new(tx: Transaction<'a>) -> Self {
        PgTx { conn: Conn::Tx(tx) }
    }

    /// Reads on a connection without a transaction.
    pub fn plain(conn: &'a Object) -> Self {
        PgTx {
            conn: Conn::Plain(conn),
        }
    }

    /// Commits the transaction (nothing to do for plain reads).
    pub async fn commit(self) -> Result<(), DbError> {
        match self.conn {
            Conn::Tx(tx) => Ok(tx.commit().await?),
            Conn::Plain(_) => Ok(()),
        }
    }

    /// Rows of `sql` (a cached prepared statement).
    async fn rows(&self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>, DbError> {
        Ok(match &self.conn {
            Conn::Tx(tx) => tx.query(&tx.prepare_cached(sql).await?, params).await?,
            Conn::Plain(c) => c.query(&c.prepare_cached(sql).await?, params).await?,
        })
    }

    /// At most one row of `sql`.
    async fn row(&self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Option<Row>, DbError> {
        Ok(match &self.conn {
            Conn::Tx(tx) => tx.query_opt(&tx.prepare_cached(sql).await?, params).await?,
            Conn::Plain(c) => c.query_opt(&c.prepare_cached(sql).await?, params).await?,
        })
    }

    /// Comments selected by `sql`.
    async fn comments(
        &self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<StoredComment>, DbError> {
        self.rows(sql, params)
            .await?
            .iter()
            .map(row_to_comment)
            .collect()
    }

    /// At most one comment selected by `sql`.
    async fn one_comment(
        &self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Option<StoredComment>, DbError> {
        self.row(sql, params)
            .await?
            .as_ref()
            .map(row_to_comment)
            .transpose()
    }

    /// Rows changed by `sql`.
    async fn exec(&self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<u64, DbError> {
        Ok(match &self.conn {
            Conn::Tx(tx) => tx.execute(&tx.prepare_cached(sql).await?, params).await?,
            Conn::Plain(c) => c.execute(&c.prepare_cached(sql).await?, params).await?,
        })
    }
}

impl StoreTx for PgTx<'_> {
    async fn comment(&self, id: i64) -> Result<Option<StoredComment>, DbError> {
        self.one_comment(
            &format!("SELECT {COLUMNS} FROM comments WHERE id = $1"),
            &[&id],
        )
        .await
    }

    async fn comment_by_key(
        &self,
        article_id: &str,
        key: &str,
    ) -> Result<Option<StoredComment>, DbError> {
        self.one_comment(
            &format!(
                "SELECT {COLUMNS} FROM comments WHERE article_id = $1 AND idempotency_key = $2"
            ),
            &[&article_id, &key],
        )
        .await
    }

    async fn lock_key(&self, article_id: &str, key: &str) -> Result<(), DbError> {
        let name = format!("{article_id}\n{key}");
        self.exec(
            "SELECT pg_advisory_xact_lock($1, hashtext($2))",
            &[&LOCK_KEY, &name],
        )
        .await?;
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
        let expired = ratelimit::expired_before(limit, now_ms);
        self.exec(
            "SELECT pg_advisory_xact_lock($1, hashtext($2))",
            &[&LOCK_CLIENT, &client],
        )
        .await?;
        // Housekeeping only (the count below ignores expired events): rows another transaction
        // holds are skipped, so no statement here ever waits for a row lock, and two instances
        // sweeping at once cannot deadlock; what is skipped goes next time.
        if sweep {
            self.exec(
                "DELETE FROM rate_events WHERE ctid IN (\
                   SELECT ctid FROM rate_events WHERE at_ms <= $1 FOR UPDATE SKIP LOCKED)",
                &[&expired],
            )
            .await?;
        } else {
            self.exec(
                "DELETE FROM rate_events WHERE ctid IN (\
                   SELECT ctid FROM rate_events WHERE client = $1 AND at_ms <= $2 \
                   FOR UPDATE SKIP LOCKED)",
                &[&client, &expired],
            )
            .await?;
        }
        let row = self
            .row(
                "SELECT COUNT(*), MIN(at_ms) FROM rate_events WHERE client = $1 AND at_ms > $2",
                &[&client, &expired],
            )
            .await?
            .ok_or(DbError::NoRow)?;
        let (count, oldest): (i64, Option<i64>) = (row.try_get(0)?, row.try_get(1)?);
        if let Err(retry_after) = ratelimit::decide(limit, count, oldest, now_ms) {
            return Ok(Err(retry_after));
        }
        self.exec(
            "INSERT INTO rate_events (client, at_ms) VALUES ($1, $2)",
            &[&client, &now_ms],
        )
        .await?;
        Ok(Ok(()))
    }

    async fn next_id_and_now(&self) -> Result<(i64, String), DbError> {
        let row = self
            .row(
                &format!(
                    "SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END, {} \
                     FROM comments_id_seq",
                    Dialect::Postgres.now()
                ),
                &[],
            )
            .await?
            .ok_or(DbError::NoRow)?;
        Ok((row.try_get(0)?, row.try_get(1)?))
    }

    async fn insert(&self, c: &NewComment<'_>) -> Result<Option<StoredComment>, DbError> {
        self.one_comment(
            &format!(
                "INSERT INTO comments (article_id, parent_id, author_name, author_email, text, \
                 status, idempotency_key, author_role) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                 ON CONFLICT (article_id, idempotency_key) DO NOTHING RETURNING {COLUMNS}"
            ),
            &[
                &c.article_id,
                &c.parent_id,
                &c.author_name,
                &c.author_email,
                &c.text,
                &c.status.as_str(),
                &c.idempotency_key,
                &c.author_role.as_str(),
            ],
        )
        .await
    }

    async fn set_status(&self, id: i64, status: Status) -> Result<Option<StoredComment>, DbError> {
        self.one_comment(
            &format!(
                "UPDATE comments SET status = $1, moderated = {} WHERE id = $2 RETURNING {COLUMNS}",
                Dialect::Postgres.now()
            ),
            &[&status.as_str(), &id],
        )
        .await
    }

    async fn set_text(&self, id: i64, text: &str) -> Result<Option<StoredComment>, DbError> {
        self.one_comment(
            &format!(
                "UPDATE comments SET text = $1, moderated = {} WHERE id = $2 RETURNING {COLUMNS}",
                Dialect::Postgres.now()
            ),
            &[&text, &id],
        )
        .await
    }

    async fn delete(&self, id: i64) -> Result<u64, DbError> {
        let replies = self
            .exec("DELETE FROM comments WHERE parent_id = $1", &[&id])
            .await?;
        let own = self
            .exec("DELETE FROM comments WHERE id = $1", &[&id])
            .await?;
        Ok(replies + own)
    }

    async fn replies_of(&self, id: i64) -> Result<Vec<StoredComment>, DbError> {
        self.comments(
            &format!("SELECT {COLUMNS} FROM comments WHERE parent_id = $1 ORDER BY id"),
            &[&id],
        )
        .await
    }

    async fn visible_counts(&self, article_id: &str) -> Result<(u64, u64), DbError> {
        let row = self
            .row(
                "SELECT COUNT(*), COUNT(*) FILTER (WHERE c.parent_id IS NULL) FROM comments c \
                 WHERE c.article_id = $1 AND c.status = 'published' \
                   AND (c.parent_id IS NULL OR EXISTS ( \
                     SELECT 1 FROM comments p WHERE p.id = c.parent_id AND p.status = 'published'))",
                &[&article_id],
            )
            .await?
            .ok_or(DbError::NoRow)?;
        Ok((to_u64(row.try_get(0)?), to_u64(row.try_get(1)?)))
    }

    async fn top_level(
        &self,
        article_id: &str,
        sort: Sort,
        limit: u32,
        offset: u64,
    ) -> Result<Vec<StoredComment>, DbError> {
        self.comments(
            &format!(
                "SELECT {COLUMNS} FROM comments \
                 WHERE article_id = $1 AND status = 'published' AND parent_id IS NULL \
                 ORDER BY id {} LIMIT $2 OFFSET $3",
                sort.sql()
            ),
            &[&article_id, &i64::from(limit), &to_i64(offset)],
        )
        .await
    }

    async fn reply_counts(&self, parents: Parents<'_>) -> Result<Vec<(i64, u64)>, DbError> {
        let sql = |set: &str| {
            format!(
                "SELECT parent_id, COUNT(*) FROM comments \
                 WHERE parent_id IN ({set}) AND status = 'published' GROUP BY parent_id"
            )
        };
        let rows = match parents {
            Parents::Ids(ids) => {
                self.rows(&sql("SELECT unnest($1::bigint[])"), &[&ids])
                    .await?
            }
            Parents::Page(p) => {
                let (limit, offset) = (i64::from(p.limit), to_i64(p.offset));
                self.rows(&sql(&page_set(p.sort)), &[&p.article_id, &limit, &offset])
                    .await?
            }
        };
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, to_u64(r.try_get(1)?))))
            .collect()
    }

    async fn first_replies(
        &self,
        parents: Parents<'_>,
        cap: u32,
    ) -> Result<Vec<(StoredComment, u64)>, DbError> {
        if matches!(parents, Parents::Ids([])) {
            return Ok(Vec::new());
        }
        // The replies of the parents numbered and counted per parent (an indexed range scan of
        // `comments_by_parent` each), the first `cap` (at least one) of each kept.
        let sql = |set: &str, cap_param: &str| {
            format!(
                "SELECT {COLUMNS}, n FROM (SELECT {COLUMNS}, \
                   row_number() OVER w AS rn, COUNT(*) OVER w AS n FROM comments \
                   WHERE parent_id IN ({set}) AND status = 'published' \
                   WINDOW w AS (PARTITION BY parent_id ORDER BY id \
                     ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) t \
                 WHERE rn <= {cap_param} ORDER BY id"
            )
        };
        let cap = i64::from(cap.max(1));
        let rows = match parents {
            Parents::Ids(ids) => {
                self.rows(&sql("SELECT unnest($1::bigint[])", "$2"), &[&ids, &cap])
                    .await?
            }
            Parents::Page(p) => {
                let (limit, offset) = (i64::from(p.limit), to_i64(p.offset));
                self.rows(
                    &sql(&page_set(p.sort), "$4"),
                    &[&p.article_id, &limit, &offset, &cap],
                )
                .await?
            }
        };
        rows.iter()
            .map(|r| Ok((row_to_comment(r)?, to_u64(r.try_get(11)?))))
            .collect()
    }

    async fn replies_after(
        &self,
        parent: i64,
        after: i64,
        limit: u32,
    ) -> Result<Vec<StoredComment>, DbError> {
        self.comments(
            &format!(
                "SELECT {COLUMNS} FROM comments WHERE parent_id = $1 AND status = 'published' \
                 AND id > $2 ORDER BY id LIMIT $3"
            ),
            &[&parent, &after, &i64::from(limit)],
        )
        .await
    }

    async fn by_status(
        &self,
        status: Status,
        filter: QueueFilter<'_>,
        limit: u32,
        offset: u64,
    ) -> Result<Vec<StoredComment>, DbError> {
        let order = if filter.newest { "DESC" } else { "ASC" };
        self.comments(
            &format!(
                "SELECT {COLUMNS} FROM comments WHERE status = $1 AND {FILTERED} \
                 ORDER BY id {order} LIMIT $4 OFFSET $5"
            ),
            &[
                &status.as_str(),
                &filter.article,
                &filter.search,
                &i64::from(limit),
                &to_i64(offset),
            ],
        )
        .await
    }

    async fn count_filtered(
        &self,
        status: Status,
        filter: QueueFilter<'_>,
    ) -> Result<u64, DbError> {
        let row = self
            .row(
                &format!("SELECT COUNT(*) FROM comments WHERE status = $1 AND {FILTERED}"),
                &[&status.as_str(), &filter.article, &filter.search],
            )
            .await?
            .ok_or(DbError::NoRow)?;
        Ok(to_u64(row.try_get(0)?))
    }

    async fn status_counts(&self) -> Result<StatusCounts, DbError> {
        let rows = self
            .rows("SELECT status, COUNT(*) FROM comments GROUP BY status", &[])
            .await?;
        let rows = rows
            .iter()
            .map(|r| Ok((r.try_get(0)?, to_u64(r.try_get(1)?))))
            .collect::<Result<Vec<_>, DbError>>()?;
        Ok(crate::model::status_counts(rows))
    }

    async fn insert_audit(&self, e: &NewAudit<'_>) -> Result<AuditEntry, DbError> {
        let before = e.before.map(audit_snapshot);
        let after = e.after.map(audit_snapshot);
        let row = self
            .row(
                &format!(
                    "INSERT INTO audit_log (moderator, action, comment_id, before, after) \
                     VALUES ($1, $2, $3, $4, $5) RETURNING {AUDIT_COLUMNS}"
                ),
                &[
                    &e.moderator,
                    &e.action.as_str(),
                    &e.comment_id,
                    &before,
                    &after,
                ],
            )
            .await?
            .ok_or(DbError::NoRow)?;
        row_to_audit(&row)
    }

    async fn audit_page(
        &self,
        comment: Option<i64>,
        limit: u32,
        offset: u64,
    ) -> Result<Vec<AuditEntry>, DbError> {
        self.rows(
            &format!(
                "SELECT {AUDIT_COLUMNS} FROM audit_log \
                 WHERE ($1::bigint IS NULL OR comment_id = $1) \
                 ORDER BY id DESC LIMIT $2 OFFSET $3"
            ),
            &[&comment, &i64::from(limit), &to_i64(offset)],
        )
        .await?
        .iter()
        .map(row_to_audit)
        .collect()
    }

    async fn audit_count(&self, comment: Option<i64>) -> Result<u64, DbError> {
        let row = self
            .row(
                "SELECT COUNT(*) FROM audit_log WHERE ($1::bigint IS NULL OR comment_id = $1)",
                &[&comment],
            )
            .await?
            .ok_or(DbError::NoRow)?;
        Ok(to_u64(row.try_get(0)?))
    }

    async fn comments_after(&self, after: i64, limit: u32) -> Result<Vec<StoredComment>, DbError> {
        self.comments(
            &format!("SELECT {COLUMNS} FROM comments WHERE id > $1 ORDER BY id LIMIT $2"),
            &[&after, &i64::from(limit)],
        )
        .await
    }

    async fn audit_after(&self, after: i64, limit: u32) -> Result<Vec<AuditEntry>, DbError> {
        self.rows(
            &format!("SELECT {AUDIT_COLUMNS} FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2"),
            &[&after, &i64::from(limit)],
        )
        .await?
        .iter()
        .map(row_to_audit)
        .collect()
    }

    async fn import_comment(&self, c: &StoredComment) -> Result<bool, DbError> {
        let n = self
            .exec(
                &format!(
                    "INSERT INTO comments ({COLUMNS}) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING"
                ),
                &[
                    &c.id,
                    &c.article_id,
                    &c.parent_id,
                    &c.author_name,
                    &c.author_email,
                    &c.text,
                    &c.status.as_str(),
                    &c.created,
                    &c.moderated,
                    &c.idempotency_key,
                    &c.author_role.as_str(),
                ],
            )
            .await?;
        Ok(n > 0)
    }

    async fn import_audit(&self, e: &AuditEntry) -> Result<bool, DbError> {
        let n = self
            .exec(
                &format!(
                    "INSERT INTO audit_log ({AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                     ON CONFLICT DO NOTHING"
                ),
                &[
                    &e.id,
                    &e.at,
                    &e.moderator,
                    &e.action.as_str(),
                    &e.comment_id,
                    &e.before,
                    &e.after,
                ],
            )
            .await?;
        Ok(n > 0)
    }

    async fn finish_import(&self) -> Result<(), DbError> {
        for table in ["comments", "audit_log"] {
            self.exec(
                &format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), m) \
                     FROM (SELECT MAX(id) AS m FROM {table}) t \
                     WHERE m >= (SELECT last_value FROM {table}_id_seq)"
                ),
                &[],
            )
            .await?;
        }
        Ok(())
    }

    async fn add_moderator(&self, name: &str, token_hash: &str) -> Result<Option<i64>, DbError> {
        Ok(self
            .row(
                "INSERT INTO moderators (name, token_hash) VALUES ($1, $2) \
                 ON CONFLICT (name) DO NOTHING RETURNING id",
                &[&name, &token_hash],
            )
            .await?
            .map(|r| r.try_get(0))
            .transpose()?)
    }

    async fn moderators(&self) -> Result<Vec<Moderator>, DbError> {
        self.rows(
            &format!("SELECT {MODERATOR_COLUMNS} FROM moderators ORDER BY id"),
            &[],
        )
        .await?
        .iter()
        .map(row_to_moderator)
        .collect()
    }

    async fn moderator(&self, id: i64) -> Result<Option<Moderator>, DbError> {
        self.row(
            &format!("SELECT {MODERATOR_COLUMNS} FROM moderators WHERE id = $1"),
            &[&id],
        )
        .await?
        .as_ref()
        .map(row_to_moderator)
        .transpose()
    }

    async fn revoke_moderator(&self, name: &str) -> Result<bool, DbError> {
        let n = self
            .exec(
                &format!(
                    "UPDATE moderators SET revoked = {} WHERE name = $1 AND revoked IS NULL",
                    Dialect::Postgres.now()
                ),
                &[&name],
            )
            .await?;
        Ok(n > 0)
    }
}
