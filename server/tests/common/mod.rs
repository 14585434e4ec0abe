//! Shared helpers for the integration tests: an in-process server on a temporary database.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::PathBuf;

use article_viewer_server::{RateLimit, Server, ServerConfig};
use serde_json::{json, Value};
use tempfile::TempDir;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Moderation token used by the test servers.
pub const TOKEN: &str = "test-moderation-token-0123456789";

/// Bytes of the fake wasm file in the static directory.
pub const WASM_BYTES: &[u8] = b"\0asm\x01\0\0\0";

/// A running in-process server and the temporary files behind it.
pub struct TestServer {
    /// Bound address.
    pub addr: SocketAddr,
    /// `http://addr`.
    pub base: String,
    /// HTTP client.
    pub client: reqwest::Client,
    /// Database file.
    pub db_path: PathBuf,
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
    /// Starts a server with the base configuration changed by `tweak`.
    pub async fn start_with(tweak: impl FnOnce(&mut ServerConfig)) -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        let mut config = base_config(dir.path());
        tweak(&mut config);
        let db_path = config.db_path.clone();
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
            db_path,
            dir,
            shutdown: Some(tx),
            task: Some(task),
        }
    }

    /// Starts a server with the base configuration.
    pub async fn start() -> TestServer {
        Self::start_with(|_| {}).await
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

    /// Stops the server gracefully.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.unwrap();
        }
    }

    /// Counts rows in the database file, optionally filtered by a SQL condition.
    pub fn count_rows(&self, condition: &str) -> i64 {
        let conn = rusqlite::Connection::open(&self.db_path).unwrap();
        conn.query_row(
            &format!("SELECT COUNT(*) FROM comments WHERE {condition}"),
            [],
            |r| r.get(0),
        )
        .unwrap()
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
