//! `export` / `import`: SQLite → PostgreSQL → SQLite keeps every comment and audit entry byte
//! for byte (ids, parent links, statuses, roles, times, keys), a second import adds nothing, ids
//! go on after the imported ones; import checks every line like a POST, skips and reports bad
//! lines with their numbers without losing the good ones, and `--dry-run` writes nothing.

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
    let editor = s
        .client
        .post(s.url(&format!("/api/moderation/comments/{}/reply", id(&a))))
        .bearer_auth(common::TOKEN)
        .json(&json!({"text": "Ban biên tập xin trả lời", "idempotency_key": "editor-key-1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(editor.status(), 201);
    let e: Value = editor.json().await.unwrap();
    vec![id(&a), id(&b), id(&c), id(&r), id(&e)]
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
    let (audit, records): (Vec<Value>, Vec<Value>) = exported
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .partition(|v| v["type"] == "audit");
    let actions: Vec<(&str, &str)> = audit
        .iter()
        .map(|a| {
            (
                a["moderator"].as_str().unwrap(),
                a["action"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        actions,
        [
            ("admin", "approve"),
            ("admin", "approve"),
            ("admin", "reject"),
            ("admin", "reply")
        ]
    );
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
    assert_eq!(
        statuses,
        ["published", "rejected", "pending", "published", "published"]
    );
    assert_eq!(records[3]["parent_id"], ids[0]);
    assert_eq!(records[4]["author_role"], "editor");
    assert_eq!(records[4]["author_name"], "Ban biên tập");
    assert!(
        records[3].get("author_role").is_none(),
        "readers' lines as before"
    );
    assert_eq!(records[0]["idempotency_key"], "seed-key-a1");
    assert_eq!(records[0]["author_email"], "an.nguyen@example.vn");
    assert!(records[0]["moderated"].is_string());
    assert!(records[2]["moderated"].is_null());

    // File → PostgreSQL, twice: the second time adds nothing.
    let pg = DbTarget::Postgres(common::fresh_postgres_db().await);
    let out = run_ok(&pg, &["import", file1.to_str().unwrap()]);
    assert_eq!(
        out.trim(),
        "imported 5 of 5 comment(s) (0 already present, 0 skipped) and 4 of 4 audit entr(y/ies)"
    );
    let out = run_ok(&pg, &["import", file1.to_str().unwrap()]);
    assert_eq!(
        out.trim(),
        "imported 0 of 5 comment(s) (5 already present, 0 skipped) and 0 of 4 audit entr(y/ies)"
    );

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
        assert_eq!(page["total"], 3);
        assert_eq!(page["items"][1]["parent_id"], ids[0]);
        assert_eq!(page["items"][2]["author"]["role"], "editor");
        let new = s
            .post_ok("thi-tran-1", &comment("after-import-1", "Mới"))
            .await;
        assert!(new["id"].as_i64().unwrap() > ids[4], "{db:?}: {new}");
        // A key that came with the import is a replay, not a second comment.
        let replay = s
            .post_ok("thi-tran-2", &comment("seed-key-c1", "lại"))
            .await;
        assert_eq!(replay["id"], ids[2]);
        s.stop().await;
    }
}

/// A good comment line with `patch` applied.
fn line(id: i64, patch: Value) -> Value {
    let mut v = json!({"id": id, "article_id": "a", "parent_id": null, "author_name": "Lan",
        "author_email": "lan@example.vn", "text": "Hay", "status": "published",
        "created": "2026-11-28T10:00:00Z", "moderated": null,
        "idempotency_key": format!("key-{id:06}")});
    for (k, val) in patch.as_object().unwrap() {
        v[k] = val.clone();
    }
    v
}

#[test]
fn import_skips_every_bad_line_with_its_number_and_keeps_the_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let db = DbTarget::Sqlite(dir.path().join("c.sqlite3"));
    let lines = [
        line(1, json!({})),                                   // 1 good
        line(2, json!({"article_id": "../../etc/passwd"})),   // 2 bad id
        line(3, json!({"text": "x".repeat(100_000)})),        // 3 too long
        line(4, json!({"text": ""})),                         // 4 empty
        line(5, json!({"created": "garbage"})),               // 5 bad date
        line(6, json!({"parent_id": 1})),                     // 6 good reply
        line(7, json!({"parent_id": 6})),                     // 7 reply to a reply
        line(8, json!({"article_id": "b", "parent_id": 1})),  // 8 parent in another article
        line(9, json!({"parent_id": 999})),                   // 9 missing parent
        line(5, json!({"idempotency_key": "key-again5"})),    // 10 id not increasing
        line(10, json!({"author_name": "\u{200b}\u{200b}"})), // 11 invisible name
        line(11, json!({"status": "spam"})),                  // 12 unknown status
        line(12, json!({})),                                  // 13 good
    ];
    let mut text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    text.push_str("not json\n"); // 14
    let file = dir.path().join("mixed.jsonl");
    write(&file, &text);

    // A dry run reports the same and writes nothing.
    let out = run(&db, &["import", "--dry-run", file.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .starts_with("would import 3 of 14 comment(s) (0 already present, 11 skipped)"),
        "{out:?}"
    );
    assert_eq!(run_ok(&db, &["export"]), "", "a dry run writes nothing");

    let out = run(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8_lossy(&out.stderr);
    for (n, word) in [
        (2, "article_id"),
        (3, "text"),
        (4, "text"),
        (5, "created"),
        (7, "is itself a reply"),
        (8, "another article"),
        (9, "no such comment"),
        (10, "must increase"),
        (11, "author_name"),
        (12, "spam"),
        (14, "not a JSON object"),
    ] {
        let line = report
            .lines()
            .find(|l| l.starts_with(&format!("line {n}: ")))
            .unwrap_or_else(|| panic!("no report for line {n}: {report}"));
        assert!(line.contains(word), "line {n}: {line}");
    }
    assert!(report.contains("11 line(s) were skipped"), "{report}");
    assert!(String::from_utf8_lossy(&out.stdout)
        .starts_with("imported 3 of 14 comment(s) (0 already present, 11 skipped)"));
    let ids: Vec<i64> = run_ok(&db, &["export"])
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_i64()
                .unwrap()
        })
        .collect();
    assert_eq!(
        ids,
        [1, 6, 12],
        "the good lines are in, the bad ones are not"
    );
}

#[tokio::test]
async fn a_reply_in_the_file_may_answer_a_comment_already_in_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = DbTarget::Sqlite(dir.path().join("c.sqlite3"));
    let file = dir.path().join("first.jsonl");
    write(&file, &format!("{}\n", line(1, json!({}))));
    run_ok(&db, &["import", file.to_str().unwrap()]);
    write(
        &file,
        &format!(
            "{}\n{}\n",
            line(2, json!({"parent_id": 1})),
            line(3, json!({"parent_id": 2}))
        ),
    );
    let out = run(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("line 2: skipped: parent_id 2 is itself a reply"));
    assert_eq!(run_ok(&db, &["export"]).lines().count(), 2);
}
