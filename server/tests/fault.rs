//! Fault test: SIGKILL the real server binary repeatedly while clients post, then check that
//! every comment answered 201 is in the database exactly once and retries create no duplicates.

mod common;

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Path of the server binary built by cargo for these tests.
const BIN: &str = env!("CARGO_BIN_EXE_article-viewer-server");
/// Concurrent posting clients.
const CLIENTS: usize = 4;
/// Number of SIGKILLs.
const KILLS: usize = 4;

/// A running server child process.
struct Child_ {
    child: Child,
    _stdout: BufReader<ChildStdout>,
}

/// Starts the server binary on `addr` and waits until it listens.
fn start(addr: &str, db: &Path, content: &Path, statics: &Path) -> Child_ {
    let mut child = Command::new(BIN)
        .args([
            "serve",
            "--addr",
            addr,
            "--rate-limit",
            "off",
            "--min-elapsed-ms",
            "0",
        ])
        .args(["--moderation", "post"])
        .arg("--db")
        .arg(db)
        .arg("--content-dir")
        .arg(content)
        .arg("--static-dir")
        .arg(statics)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    assert!(
        line.starts_with("listening on"),
        "unexpected first line {line:?}"
    );
    Child_ {
        child,
        _stdout: stdout,
    }
}

/// A free loopback port.
fn free_addr() -> String {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().to_string()
}

/// What the clients learned.
#[derive(Default)]
struct Record {
    /// Key → id of every 201.
    acked: HashMap<String, i64>,
    /// Keys whose request failed without an answer.
    failed: Vec<String>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigkill_loses_no_acknowledged_comment() {
    let dir = tempfile::tempdir().unwrap();
    let (content, statics) = common::write_fixtures(dir.path());
    let db: PathBuf = dir.path().join("fault.sqlite3");
    let addr = free_addr();
    let url = format!("http://{addr}/api/articles/thi-tran-1/comments");

    let mut server = start(&addr, &db, &content, &statics);
    let record = Arc::new(Mutex::new(Record::default()));
    let stop = Arc::new(AtomicBool::new(false));
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();

    let mut tasks = Vec::new();
    for c in 0..CLIENTS {
        let (client, url, record, stop) =
            (client.clone(), url.clone(), record.clone(), stop.clone());
        tasks.push(tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                let key = format!("fault-{c}-{n:05}");
                n += 1;
                let body = common::comment(&key, &format!("Bình luận {key} 😀"));
                match client.post(&url).json(&body).send().await {
                    Ok(res) if res.status() == 201 => {
                        let v: Value = res.json().await.unwrap_or(Value::Null);
                        match v["id"].as_i64() {
                            Some(id) => {
                                record.lock().unwrap().acked.insert(key, id);
                            }
                            // Killed while the body was on its way: not acknowledged.
                            None => record.lock().unwrap().failed.push(key),
                        }
                    }
                    Ok(res) => panic!("unexpected status {} for {key}", res.status()),
                    Err(_) => {
                        record.lock().unwrap().failed.push(key);
                        tokio::time::sleep(Duration::from_millis(20)).await;
                    }
                }
            }
        }));
    }

    let started = Instant::now();
    for round in 0..KILLS {
        tokio::time::sleep(Duration::from_millis(600 + 150 * round as u64)).await;
        let before = record.lock().unwrap().acked.len();
        server.child.kill().unwrap(); // SIGKILL
        server.child.wait().unwrap();
        tokio::time::sleep(Duration::from_millis(150)).await;
        server = start(&addr, &db, &content, &statics);
        eprintln!("kill {round}: {before} acknowledged so far");
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        t.await.unwrap();
    }

    // Retry every failed post with its key, and replay a few acknowledged ones.
    let (failed, sample): (Vec<String>, Vec<(String, i64)>) = {
        let r = record.lock().unwrap();
        let sample = r
            .acked
            .iter()
            .take(25)
            .map(|(k, v)| (k.clone(), *v))
            .collect();
        (r.failed.clone(), sample)
    };
    // Which interrupted posts had been committed although their answer was lost?
    let committed_before_retry = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let mut stmt = conn
            .prepare("SELECT COUNT(*) FROM comments WHERE idempotency_key = ?1")
            .unwrap();
        failed
            .iter()
            .filter(|k| {
                stmt.query_row([k.as_str()], |r| r.get::<_, i64>(0))
                    .unwrap()
                    > 0
            })
            .count()
    };
    for key in &failed {
        let body = common::comment(key, &format!("Bình luận {key} 😀"));
        let res = client.post(&url).json(&body).send().await.unwrap();
        assert_eq!(res.status(), 201, "retry of {key}");
        let id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        record.lock().unwrap().acked.insert(key.clone(), id);
    }
    for (key, id) in &sample {
        let body = common::comment(key, "different text, same key");
        let res = client.post(&url).json(&body).send().await.unwrap();
        assert_eq!(res.status(), 201);
        assert_eq!(
            res.json::<Value>().await.unwrap()["id"].as_i64().unwrap(),
            *id
        );
    }

    // Graceful stop with SIGTERM.
    let pid = i32::try_from(server.child.id()).unwrap();
    // SAFETY: sending a signal to our own child process.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    let status = server.child.wait().unwrap();
    assert!(status.success(), "server exited with {status}");

    let record = record.lock().unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let rows: Vec<(String, i64)> = conn
        .prepare("SELECT idempotency_key, id FROM comments")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let in_db: HashMap<String, i64> = rows.iter().cloned().collect();
    let distinct: HashSet<&String> = rows.iter().map(|(k, _)| k).collect();
    assert_eq!(
        distinct.len(),
        rows.len(),
        "an idempotency key is stored twice"
    );
    for (key, id) in &record.acked {
        assert_eq!(
            in_db.get(key),
            Some(id),
            "acknowledged comment {key} lost or changed"
        );
    }
    assert_eq!(
        rows.len(),
        record.acked.len(),
        "the database holds comments nobody was told about"
    );
    eprintln!(
        "fault test: {} comments acknowledged, {} requests failed during {} kills and were retried \
         ({} of them had been committed before the kill), {:.1} s",
        record.acked.len(),
        failed.len(),
        KILLS,
        committed_before_retry,
        started.elapsed().as_secs_f64()
    );
    assert!(record.acked.len() > 100, "too few posts to mean anything");
    assert!(
        !failed.is_empty(),
        "no request was interrupted by the kills"
    );
}
