//! `export` / `import`: SQLite → PostgreSQL → SQLite keeps every comment byte for byte (ids,
//! parent links, statuses, times, keys), a second import adds nothing, and ids go on after the
//! imported ones.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use article_viewer_server::DbTarget;
use common::{comment, db_arg, reply, Backend, TestServer, BIN};
use serde_json::{json, Value};

/// Runs the binary with `args` and `--db`.
fn run(db: &DbTarget, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .arg("--db")
        .arg(db_arg(db))
        .env_remove("AV_DB")
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

/// Runs and asserts success; returns stdout.
fn run_ok(db: &DbTarget, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Fills a database through the API: every status, a reply, tricky text; returns the ids.
async fn seed(s: &TestServer) -> Vec<i64> {
    let a = s
        .post_ok(
            "thi-tran-1",
            &comment("seed-key-a1", "Đã duyệt 😀\n\"ngoặc\" <b>"),
        )
        .await;
    let b = s
        .post_ok("thi-tran-1", &comment("seed-key-b1", "Bị từ chối"))
        .await;
    let c = s
        .post_ok("thi-tran-2", &comment("seed-key-c1", "Đang chờ"))
        .await;
    let id = |v: &Value| v["id"].as_i64().unwrap();
    let r = s
        .post_ok("thi-tran-1", &reply("seed-key-r1", "Trả lời", id(&a)))
        .await;
    let mut spam = comment("seed-key-s1", "spam");
    spam["website"] = json!("x");
    s.post_ok("thi-tran-1", &spam).await;
    assert_eq!(s.moderate(id(&a), "approve").await.status(), 200);
    assert_eq!(s.moderate(id(&r), "approve").await.status(), 200);
    assert_eq!(s.moderate(id(&b), "reject").await.status(), 200);
    vec![id(&a), id(&b), id(&c), id(&r)]
}

/// Writes `data` to `path`.
fn write(path: &Path, data: &str) {
    std::fs::write(path, data).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_and_import_round_trip_between_sqlite_and_postgres() {
    if common::skip_postgres() {
        return;
    }
    let s = TestServer::start(Backend::Sqlite).await;
    let ids = seed(&s).await;
    let sqlite = s.db.clone();
    let _kept = s.stop().await;
    let dir = tempfile::tempdir().unwrap();

    // SQLite → file.
    let file1 = dir.path().join("from-sqlite.jsonl");
    run_ok(&sqlite, &["export", "--output", file1.to_str().unwrap()]);
    let exported = std::fs::read_to_string(&file1).unwrap();
    let records: Vec<Value> = exported
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        records
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect::<Vec<_>>(),
        ids
    );
    let statuses: Vec<&str> = records
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["published", "rejected", "pending", "published"]);
    assert_eq!(records[3]["parent_id"], ids[0]);
    assert_eq!(records[0]["idempotency_key"], "seed-key-a1");
    assert_eq!(records[0]["author_email"], "an.nguyen@example.vn");
    assert!(records[0]["moderated"].is_string());
    assert!(records[2]["moderated"].is_null());

    // File → PostgreSQL, twice: the second time adds nothing.
    let pg = DbTarget::Postgres(common::fresh_postgres_db().await);
    let out = run_ok(&pg, &["import", file1.to_str().unwrap()]);
    assert_eq!(out.trim(), "imported 4 of 4 comment(s) (0 already present)");
    let out = run_ok(&pg, &["import", file1.to_str().unwrap()]);
    assert_eq!(out.trim(), "imported 0 of 4 comment(s) (4 already present)");

    // PostgreSQL → stdout: the same bytes.
    let from_pg = run_ok(&pg, &["export"]);
    assert_eq!(from_pg, exported);

    // PostgreSQL export → a new SQLite file (from standard input) → the same bytes again.
    let sqlite2 = DbTarget::Sqlite(dir.path().join("back.sqlite3"));
    let mut child = Command::new(BIN)
        .args(["import", "-", "--db"])
        .arg(db_arg(&sqlite2))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(from_pg.as_bytes())
            .unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(run_ok(&sqlite2, &["export"]), exported);

    // The imported database serves as before, and new ids follow the imported ones.
    for db in [pg, sqlite2] {
        let s = TestServer::start_with(Backend::Sqlite, |c| c.db = db.clone()).await;
        let page = s.list("thi-tran-1", "").await;
        assert_eq!(page["total"], 2);
        assert_eq!(page["items"][1]["parent_id"], ids[0]);
        let new = s
            .post_ok("thi-tran-1", &comment("after-import-1", "Mới"))
            .await;
        assert!(new["id"].as_i64().unwrap() > ids[3], "{db:?}: {new}");
        // A key that came with the import is a replay, not a second comment.
        let replay = s
            .post_ok("thi-tran-2", &comment("seed-key-c1", "lại"))
            .await;
        assert_eq!(replay["id"], ids[2]);
        s.stop().await;
    }
}

#[test]
fn import_refuses_malformed_or_unordered_lines() {
    let dir = tempfile::tempdir().unwrap();
    let db = DbTarget::Sqlite(dir.path().join("c.sqlite3"));
    let good = json!({"id": 5, "article_id": "a", "parent_id": null, "author_name": "n",
        "author_email": "e@x.vn", "text": "t", "status": "pending", "created": "2026-11-28T10:00:00Z",
        "moderated": null, "idempotency_key": "k-000001"});
    let mut earlier = good.clone();
    earlier["id"] = json!(3);
    earlier["idempotency_key"] = json!("k-000002");
    let file = dir.path().join("bad.jsonl");
    write(&file, &format!("{good}\n{earlier}\n"));
    let out = run(&db, &["import", file.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2"));
    let mut bad_status = good.clone();
    bad_status["status"] = json!("spam");
    write(&file, &format!("{bad_status}\n"));
    let out = run(&db, &["import", file.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 1"));
    assert_eq!(run_ok(&db, &["export"]), "", "nothing was imported");
}
