//! Tests of the moderation subcommands, running the real binary on a temporary database.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use article_viewer_server::model::{Role, Status};
use article_viewer_server::sqlite::{Db, SqliteTx};
use article_viewer_server::store::{run_ready, DbError};
use article_viewer_server::tx::{NewComment, StoreTx};
use serde_json::Value;

/// Path of the server binary built by cargo for these tests.
const BIN: &str = env!("CARGO_BIN_EXE_article-viewer-server");

/// Runs the binary with `args` and the database given by `--db`.
fn run(db_path: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .arg("--db")
        .arg(db_path)
        .env_remove("AV_DB")
        .output()
        .unwrap()
}

/// Stdout as text.
fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Creates a database with three pending comments; returns their ids.
fn seed(path: &Path) -> Vec<i64> {
    let db = Db::open(path, 0).unwrap();
    ["Một", "Hai", "Ba"]
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let key = format!("cli-key-{i:03}");
            let email = format!("reader{i}@example.vn");
            db.write(|tx| {
                run_ready(SqliteTx::new(tx).insert(&NewComment {
                    article_id: "thi-tran-1",
                    parent_id: None,
                    author_name: "Bạn đọc",
                    author_email: &email,
                    text,
                    status: Status::Pending,
                    idempotency_key: &key,
                    author_role: Role::Reader,
                }))
            })
            .map_err(|e: DbError| e)
            .unwrap()
            .unwrap()
            .id
        })
        .collect()
}

#[test]
fn list_approve_reject() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("comments.sqlite3");
    let ids = seed(&path);

    let out = run(&path, &["list", "--pending"]);
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    assert!(text.starts_with("3 pending comment(s)"), "{text}");
    for (i, id) in ids.iter().enumerate() {
        assert!(
            text.contains(&format!("#{id} [pending] article=thi-tran-1")),
            "{text}"
        );
        assert!(text.contains(&format!("reader{i}@example.vn")), "{text}");
    }
    assert!(text.contains("    Hai"));

    let out = run(&path, &["approve", &ids[0].to_string()]);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout(&out).contains("is now published"));
    let out = run(&path, &["reject", &ids[1].to_string()]);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout(&out).contains("is now rejected"));

    let out = run(&path, &["list"]);
    let text = stdout(&out);
    assert!(text.starts_with("1 pending comment(s)"), "{text}");
    assert!(text.contains(&format!("#{} ", ids[2])));

    let out = run(&path, &["list", "--status", "published", "--json"]);
    assert!(out.status.success(), "{out:?}");
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["id"], ids[0]);
    assert_eq!(rows[0]["status"], "published");
    assert_eq!(rows[0]["text"], "Một");

    let out = run(&path, &["list", "--status", "rejected"]);
    assert!(stdout(&out).contains(&format!("#{} [rejected]", ids[1])));

    // The database agrees.
    let db = Db::open(&path, 0).unwrap();
    let status = |id: i64| {
        db.read(|tx| run_ready(SqliteTx::new(tx).comment(id)))
            .unwrap()
            .unwrap()
            .status
    };
    assert_eq!(status(ids[0]), Status::Published);
    assert_eq!(status(ids[1]), Status::Rejected);
    assert_eq!(status(ids[2]), Status::Pending);
    // Both decisions are in the audit log, as the command line's.
    let out = run(&path, &["export"]);
    let audit: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|v: &Value| v["type"] == "audit")
        .collect();
    assert_eq!(audit.len(), 2, "{audit:?}");
    assert_eq!(audit[0]["moderator"], "command line");
    assert_eq!(audit[0]["action"], "approve");
    assert_eq!(audit[1]["action"], "reject");
}

#[test]
fn unknown_id_and_bad_arguments_fail() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("comments.sqlite3");
    seed(&path);
    let out = run(&path, &["approve", "424242"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no comment with id 424242"));
    let out = run(&path, &["reject", "not-a-number"]);
    assert!(!out.status.success());
    let out = run(&path, &["list", "--status", "spam"]);
    assert!(!out.status.success());
    let out = run(&path, &["list", "--pending", "--status", "published"]);
    assert!(!out.status.success());
}

#[test]
fn db_path_from_environment_and_created_on_demand() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new/sub/dir/comments.sqlite3");
    let out = Command::new(BIN)
        .args(["list", "--pending"])
        .env("AV_DB", &path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(stdout(&out).starts_with("0 pending comment(s)"));
    assert!(path.exists());
}

#[test]
fn help_lists_subcommands_and_env_vars() {
    let out = Command::new(BIN).arg("--help").output().unwrap();
    assert!(out.status.success());
    let text = stdout(&out);
    for word in [
        "serve",
        "list",
        "approve",
        "reject",
        "AV_ADDR",
        "AV_DB",
        "AV_RATE_LIMIT",
        "export",
        "import",
    ] {
        assert!(text.contains(word), "{word} missing from:\n{text}");
    }
}

#[test]
fn serve_help_lists_the_new_flags() {
    let out = Command::new(BIN)
        .args(["serve", "--help"])
        .output()
        .unwrap();
    let text = stdout(&out);
    for word in [
        "AV_NOTIFY_URL",
        "AV_NOTIFY_SECRET",
        "AV_PUBLIC_URL",
        "AV_DB_POOL_SIZE",
        "postgres://",
    ] {
        assert!(text.contains(word), "{word} missing from:\n{text}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moderation_commands_work_on_postgres() {
    if common::skip_postgres() {
        return;
    }
    let s = common::TestServer::start(common::Backend::Postgres).await;
    let mut ids = Vec::new();
    for (i, text) in ["Một", "Hai"].iter().enumerate() {
        let v = s
            .post_ok(
                "thi-tran-1",
                &common::comment(&format!("pg-cli-key-{i}"), text),
            )
            .await;
        ids.push(v["id"].as_i64().unwrap());
    }
    let url = match &s.db {
        article_viewer_server::DbTarget::Postgres(url) => url.clone(),
        other => panic!("expected PostgreSQL, got {other:?}"),
    };
    let pg = |args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .env("AV_DB", &url)
            .output()
            .unwrap()
    };
    let out = pg(&["list", "--pending"]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        stdout(&out).starts_with("2 pending comment(s)"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&pg(&["approve", &ids[0].to_string()])).contains("is now published"));
    assert!(stdout(&pg(&["reject", &ids[1].to_string()])).contains("is now rejected"));
    let out = pg(&["approve", "424242"]);
    assert!(!out.status.success());
    let rows: Value =
        serde_json::from_slice(&pg(&["list", "--status", "published", "--json"]).stdout).unwrap();
    assert_eq!(rows[0]["id"], ids[0]);
    // The running server sees the decisions.
    let page = s.list("thi-tran-1", "").await;
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["text"], "Một");
    s.stop().await;
}

#[test]
fn misconfigurations_stop_the_server_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let serve = |args: &[&str]| {
        Command::new(BIN)
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(args)
            .env_remove("AV_DB")
            .output()
            .unwrap()
    };
    let db = dir.path().join("c.sqlite3");
    let db = db.to_str().unwrap();
    let out = serve(&[
        "--db",
        db,
        "--notify-url",
        "https://hooks.example/x",
        "--notify-secret",
        "s",
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("http://"));
    let out = serve(&["--db", db, "--notify-url", "http://127.0.0.1:9/x"]);
    assert!(
        !out.status.success(),
        "a webhook without a secret is refused"
    );
    // Refused before any connection attempt: nothing listens on port 9.
    let out = serve(&["--db", "postgres://av@127.0.0.1:9/av", "--fresh-db"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--fresh-db"));
}
