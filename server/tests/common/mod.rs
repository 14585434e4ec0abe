//! Shared helpers for the integration tests: an in-process server on a temporary database.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use article_viewer_server::{DbTarget, RateLimit, Server, ServerConfig};
use serde_json::{json, Value};
use tempfile::TempDir;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Runs each named test function (`async fn name(b: Backend)`, in the calling file) against SQLite
/// (module `sqlite`) and PostgreSQL (module `postgres`; skipped where `AV_TEST_SKIP_POSTGRES=1`).
#[allow(unused_macros)] // not every test file runs on both backends
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name(super::Backend::Sqlite).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    if super::common::skip_postgres() {
                        return;
                    }
                    super::$name(super::Backend::Postgres).await;
                }
            )*
        }
    };
}

/// Moderation token used by the test servers.
pub const TOKEN: &str = "test-moderation-token-0123456789";

/// Bytes of the `app.js.br` twin in the static directory (not real brotli: a marker).
pub const BR_TWIN: &[u8] = b"BROTLI-TWIN-OF-APP-JS";

/// Bytes of the fake wasm file in the static directory.
pub const WASM_BYTES: &[u8] = b"\0asm\x01\0\0\0";

/// Environment variable with the admin URL of a PostgreSQL server for the tests
/// (`scripts/with-postgres.sh` sets it).
pub const POSTGRES_ENV: &str = "AV_TEST_POSTGRES";
/// Set to `1` to skip the PostgreSQL variants of the tests instead of failing them.
pub const SKIP_POSTGRES_ENV: &str = "AV_TEST_SKIP_POSTGRES";

/// The storage engine a test runs against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file in the test's temporary directory.
    Sqlite,
    /// A fresh database on the PostgreSQL server named by `AV_TEST_POSTGRES`.
    Postgres,
}

/// True when PostgreSQL tests are to be skipped (`AV_TEST_SKIP_POSTGRES=1`); panics when
/// `AV_TEST_POSTGRES` is unset without that explicit permission, so CI cannot skip silently.
pub fn skip_postgres() -> bool {
    if std::env::var(POSTGRES_ENV).is_ok_and(|v| !v.is_empty()) {
        return false;
    }
    if std::env::var(SKIP_POSTGRES_ENV).is_ok_and(|v| v == "1") {
        eprintln!("skipping a PostgreSQL test: {SKIP_POSTGRES_ENV}=1");
        return true;
    }
    panic!(
        "{POSTGRES_ENV} is not set: run the tests under scripts/with-postgres.sh \
         (or set {SKIP_POSTGRES_ENV}=1 to skip the PostgreSQL variants)"
    );
}

/// Creates an empty database on the test PostgreSQL server; returns its URL.
pub async fn fresh_postgres_db() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let admin = std::env::var(POSTGRES_ENV).expect("AV_TEST_POSTGRES");
    let name = format!(
        "av_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    );
    let (client, conn) = tokio_postgres::connect(&admin, tokio_postgres::NoTls)
        .await
        .unwrap();
    let task = tokio::spawn(conn);
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    drop(client);
    let _ = task.await;
    let base = admin.rsplit_once('/').unwrap().0;
    format!("{base}/{name}")
}

/// The database target of a new test: a file in `dir` or a fresh PostgreSQL database.
pub async fn db_target(backend: Backend, dir: &std::path::Path) -> DbTarget {
    match backend {
        Backend::Sqlite => DbTarget::Sqlite(dir.join("db/comments.sqlite3")),
        Backend::Postgres => DbTarget::Postgres(fresh_postgres_db().await),
    }
}

/// Counts rows of `comments` matching a SQL condition, on either engine.
pub async fn count_rows_in(db: &DbTarget, condition: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM comments WHERE {condition}");
    match db {
        DbTarget::Sqlite(path) => {
            let conn = rusqlite::Connection::open(path).unwrap();
            conn.query_row(&sql, [], |r| r.get(0)).unwrap()
        }
        DbTarget::Postgres(url) => {
            let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls)
                .await
                .unwrap();
            let task = tokio::spawn(conn);
            let n: i64 = client.query_one(&sql, &[]).await.unwrap().get(0);
            drop(client);
            let _ = task.await;
            n
        }
    }
}

/// Runs SQL statements on either engine (test set-up that would take too long through the API).
pub async fn exec_sql(db: &DbTarget, sql: &str) {
    match db {
        DbTarget::Sqlite(path) => {
            let conn = rusqlite::Connection::open(path).unwrap();
            conn.execute_batch(sql).unwrap();
        }
        DbTarget::Postgres(url) => {
            let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls)
                .await
                .unwrap();
            let task = tokio::spawn(conn);
            client.batch_execute(sql).await.unwrap();
            drop(client);
            let _ = task.await;
        }
    }
}

/// Every (idempotency key, id) stored, on either engine.
pub async fn keys_and_ids(db: &DbTarget) -> Vec<(String, i64)> {
    let sql = "SELECT idempotency_key, id FROM comments";
    match db {
        DbTarget::Sqlite(path) => {
            let conn = rusqlite::Connection::open(path).unwrap();
            let mut stmt = conn.prepare(sql).unwrap();
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        }
        DbTarget::Postgres(url) => {
            let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls)
                .await
                .unwrap();
            let task = tokio::spawn(conn);
            let rows = client
                .query(sql, &[])
                .await
                .unwrap()
                .iter()
                .map(|r| (r.get(0), r.get(1)))
                .collect();
            drop(client);
            let _ = task.await;
            rows
        }
    }
}

/// A running in-process server and the temporary files behind it.
pub struct TestServer {
    /// Bound address.
    pub addr: SocketAddr,
    /// `http://addr`.
    pub base: String,
    /// HTTP client.
    pub client: reqwest::Client,
    /// The database (file or PostgreSQL URL).
    pub db: DbTarget,
    /// Keeps the temporary directory alive.
    pub dir: TempDir,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

/// Writes the article files and the static site into `dir`.
pub fn write_fixtures(dir: &std::path::Path) -> (PathBuf, PathBuf) {
    let content = dir.join("content");
    let statics = dir.join("static");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::create_dir_all(&statics).unwrap();
    for id in ["thi-tran-1", "thi-tran-2"] {
        std::fs::write(
            content.join(format!("{id}.json")),
            json!({
                "id": id,
                "title": "Thị trấn chuẩn bị đón Tết",
                "comments": { "enabled": true, "url": format!("/api/articles/{id}/comments") }
            })
            .to_string(),
        )
        .unwrap();
    }
    std::fs::write(
        content.join("closed.json"),
        json!({ "id": "closed", "comments": { "enabled": false, "url": "/api/articles/closed/comments" } })
            .to_string(),
    )
    .unwrap();
    std::fs::write(
        statics.join("index.html"),
        "<!doctype html><title>viewer</title>",
    )
    .unwrap();
    std::fs::write(statics.join("app-0123456789abcdef_bg.wasm"), WASM_BYTES).unwrap();
    std::fs::write(statics.join("app.js"), "export default 1;").unwrap();
    std::fs::write(statics.join("style.css"), "body{}").unwrap();
    // A precompressed twin, as scripts/compress.mjs writes them (marked so tests can tell).
    std::fs::write(statics.join("app.js.br"), BR_TWIN).unwrap();
    std::fs::create_dir_all(statics.join("moderation")).unwrap();
    std::fs::write(
        statics.join("moderation/index.html"),
        "<!doctype html><title>moderation</title>",
    )
    .unwrap();
    std::fs::write(
        statics.join("logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    (content, statics)
}

/// The configuration most tests use: pre-moderation, no rate limit, moderation token set.
pub fn base_config(dir: &std::path::Path) -> ServerConfig {
    let (content, statics) = write_fixtures(dir);
    let mut config = ServerConfig::with_paths(dir.join("db/comments.sqlite3"), content, statics);
    config.moderation_token = Some(TOKEN.to_owned());
    config.rate_limit = RateLimit::DISABLED;
    config
}

impl TestServer {
    /// Starts a server on `backend` with the base configuration changed by `tweak`.
    pub async fn start_with(backend: Backend, tweak: impl FnOnce(&mut ServerConfig)) -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        let mut config = base_config(dir.path());
        config.db = db_target(backend, dir.path()).await;
        tweak(&mut config);
        let db = config.db.clone();
        let server = Server::bind(config).await.unwrap();
        let addr = server.local_addr();
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            server
                .run(async move {
                    let _ = rx.await;
                })
                .await
                .unwrap();
        });
        TestServer {
            addr,
            base: format!("http://{addr}"),
            client: reqwest::Client::new(),
            db,
            dir,
            shutdown: Some(tx),
            task: Some(task),
        }
    }

    /// Starts a server on `backend` with the base configuration.
    pub async fn start(backend: Backend) -> TestServer {
        Self::start_with(backend, |_| {}).await
    }

    /// Absolute URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Comments URL of an article.
    pub fn comments_url(&self, article: &str) -> String {
        self.url(&format!("/api/articles/{article}/comments"))
    }

    /// POSTs `body` as JSON to an article's comments.
    pub async fn post(&self, article: &str, body: &Value) -> reqwest::Response {
        self.client
            .post(self.comments_url(article))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// POSTs and expects 201; returns the body.
    pub async fn post_ok(&self, article: &str, body: &Value) -> Value {
        let res = self.post(article, body).await;
        let status = res.status();
        let v: Value = res.json().await.unwrap();
        assert_eq!(status, 201, "unexpected answer {v}");
        v
    }

    /// GETs the public listing with a query string.
    pub async fn list(&self, article: &str, query: &str) -> Value {
        let res = self
            .client
            .get(format!("{}?{query}", self.comments_url(article)))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        res.json().await.unwrap()
    }

    /// A GET with a bearer token; returns status and JSON body.
    pub async fn get_as(&self, token: &str, path: &str) -> (u16, Value) {
        let res = self
            .client
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    /// A POST with a bearer token and an optional JSON body; returns status and JSON body.
    pub async fn post_as(&self, token: &str, path: &str, body: Option<&Value>) -> (u16, Value) {
        let mut req = self.client.post(self.url(path)).bearer_auth(token);
        if let Some(b) = body {
            req = req.json(b);
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    /// Calls a moderation endpoint with the right token.
    pub async fn moderate(&self, id: i64, action: &str) -> reqwest::Response {
        self.client
            .post(self.url(&format!("/api/moderation/comments/{id}/{action}")))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap()
    }

    /// POSTs a comment and approves it; returns its id.
    pub async fn publish(&self, article: &str, body: &Value) -> i64 {
        let id = self.post_ok(article, body).await["id"].as_i64().unwrap();
        assert_eq!(self.moderate(id, "approve").await.status(), 200);
        id
    }

    /// Stops the server gracefully; returns its temporary directory (deleted when dropped).
    pub async fn stop(mut self) -> TempDir {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.unwrap();
        }
        let placeholder = tempfile::tempdir().unwrap();
        std::mem::replace(&mut self.dir, placeholder)
    }

    /// Counts rows in the database, optionally filtered by a SQL condition.
    pub async fn count_rows(&self, condition: &str) -> i64 {
        count_rows_in(&self.db, condition).await
    }
}

/// A valid comment body with the given idempotency key and text.
pub fn comment(key: &str, text: &str) -> Value {
    json!({
        "author_name": "Nguyễn Văn An",
        "author_email": "an.nguyen@example.vn",
        "text": text,
        "parent_id": null,
        "idempotency_key": key,
        "website": "",
        "elapsed_ms": 8000
    })
}

/// A valid reply body.
pub fn reply(key: &str, text: &str, parent: i64) -> Value {
    let mut v = comment(key, text);
    v["parent_id"] = json!(parent);
    v
}

/// Path of the server binary built by cargo for the integration tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_article-viewer-server");

/// A server binary running as a child process.
pub struct ServerProcess {
    /// The child process.
    pub child: std::process::Child,
    /// `http://addr`.
    pub base: String,
    _stdout: std::io::BufReader<std::process::ChildStdout>,
}

/// The `--db` argument for a database target.
pub fn db_arg(db: &DbTarget) -> std::ffi::OsString {
    match db {
        DbTarget::Sqlite(path) => path.clone().into_os_string(),
        DbTarget::Postgres(url) => url.into(),
    }
}

/// A free loopback address.
pub fn free_addr() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().to_string()
}

impl ServerProcess {
    /// Starts the server binary on `addr` with the fixtures in `dir` and `args`; waits until it listens.
    ///
    /// Its log (warnings and errors) is appended to `dir/server.log`.
    pub fn start(addr: &str, db: &DbTarget, dir: &std::path::Path, args: &[&str]) -> ServerProcess {
        Self::start_with(addr, db, dir, args, |_| {})
    }

    /// [`ServerProcess::start`] with the command changed by `tweak` (environment, limits).
    pub fn start_with(
        addr: &str,
        db: &DbTarget,
        dir: &std::path::Path,
        args: &[&str],
        tweak: impl FnOnce(&mut std::process::Command),
    ) -> ServerProcess {
        use std::io::BufRead;
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join("server.log"))
            .unwrap();
        let mut cmd = std::process::Command::new(BIN);
        cmd.args(["serve", "--addr", addr])
            .arg("--db")
            .arg(db_arg(db))
            .arg("--content-dir")
            .arg(dir.join("content"))
            .arg("--static-dir")
            .arg(dir.join("static"))
            .args(args)
            .env("RUST_LOG", "warn")
            .env_remove("AV_DB")
            .stdout(std::process::Stdio::piped())
            .stderr(log);
        tweak(&mut cmd);
        let mut child = cmd.spawn().unwrap();
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        assert!(
            line.starts_with("listening on"),
            "unexpected first line {line:?}"
        );
        ServerProcess {
            child,
            base: format!("http://{addr}"),
            _stdout: stdout,
        }
    }

    /// The server's log so far (warnings and errors).
    pub fn log(dir: &std::path::Path) -> String {
        std::fs::read_to_string(dir.join("server.log")).unwrap_or_default()
    }

    /// Sends SIGTERM and asserts a clean exit.
    pub fn terminate(mut self) {
        let pid = i32::try_from(self.child.id()).unwrap();
        // SAFETY: sending a signal to our own child process.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
        let status = self.child.wait().unwrap();
        assert!(status.success(), "server exited with {status}");
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
