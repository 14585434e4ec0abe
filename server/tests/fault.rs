//! Fault tests: SIGKILL the real server binary repeatedly while clients post (and, on
//! PostgreSQL, crash-restart the database itself under load), then check that every comment
//! answered 201 is in the database exactly once and retries create no duplicates.

mod common;

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use article_viewer_server::DbTarget;
use common::{Backend, ServerProcess};
use serde_json::Value;

/// Concurrent posting clients.
const CLIENTS: usize = 4;
/// Number of SIGKILLs of the server.
const KILLS: usize = 4;

/// What the clients learned.
#[derive(Default)]
struct Record {
    /// Key → id of every 201.
    acked: HashMap<String, i64>,
    /// Keys whose request failed without a 201.
    failed: Vec<String>,
}

/// Server flags of the fault tests: publish at once, no limits.
const ARGS: &[&str] = &[
    "--rate-limit",
    "off",
    "--min-elapsed-ms",
    "0",
    "--moderation",
    "post",
];

/// Waits until `n` more comments than `before` have been acknowledged, or 10 s passed.
async fn wait_for_progress(record: &Mutex<Record>, before: usize, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while record.lock().unwrap().acked.len() < before + n && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Runs the script that crash-restarts the test PostgreSQL server; returns how long it took.
fn restart_postgres(script: &str) -> Duration {
    let started = Instant::now();
    let status = std::process::Command::new(script).status().unwrap();
    assert!(status.success(), "restarting PostgreSQL failed");
    started.elapsed()
}

/// The fault test on `backend`; with `restart_db` the PostgreSQL server is crash-restarted too.
async fn kills_lose_no_acknowledged_comment(backend: Backend, restart_db: bool) {
    let dir = tempfile::tempdir().unwrap();
    common::write_fixtures(dir.path());
    let db: DbTarget = common::db_target(backend, dir.path()).await;
    let addr = common::free_addr();
    let url = format!("http://{addr}/api/articles/thi-tran-1/comments");
    let restart_script = restart_db.then(|| {
        std::env::var("AV_TEST_POSTGRES_RESTART")
            .expect("AV_TEST_POSTGRES_RESTART (set by scripts/with-postgres.sh)")
    });

    let mut server = ServerProcess::start(&addr, &db, dir.path(), ARGS);
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
                    // While the database restarts, the server answers 500: not acknowledged.
                    Ok(res) if restart_db && res.status() == 500 => {
                        record.lock().unwrap().failed.push(key);
                        tokio::time::sleep(Duration::from_millis(100)).await;
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
    let mut db_restarts = 0;
    for round in 0..KILLS {
        let before = record.lock().unwrap().acked.len();
        wait_for_progress(&record, before, 200 + 50 * round).await;
        let before = record.lock().unwrap().acked.len();
        server.child.kill().unwrap(); // SIGKILL
        server.child.wait().unwrap();
        if let Some(script) = &restart_script {
            // The database crashes and recovers while the clients keep posting.
            let took = restart_postgres(script);
            eprintln!("database restart with the server down: {took:.1?}");
            db_restarts += 1;
        }
        server = ServerProcess::start(&addr, &db, dir.path(), ARGS);
        eprintln!(
            "kill {round}: {before} acknowledged so far ({:.1} s)",
            started.elapsed().as_secs_f64()
        );
        if let Some(script) = &restart_script {
            // And once more with the server up: its pooled connections all break.
            let before = record.lock().unwrap().acked.len();
            wait_for_progress(&record, before, 100).await;
            let took = restart_postgres(script);
            eprintln!("database restart with the server up: {took:.1?}");
            db_restarts += 1;
        }
    }
    let before = record.lock().unwrap().acked.len();
    wait_for_progress(&record, before, 200).await;
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
    let stored: HashSet<String> = common::keys_and_ids(&db)
        .await
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    let committed_before_retry = failed.iter().filter(|k| stored.contains(*k)).count();
    // Retried by as many clients as posted, each key by one of them.
    let mut retries = Vec::new();
    for chunk in failed.chunks(failed.len().div_ceil(CLIENTS).max(1)) {
        let (client, url, record, keys) =
            (client.clone(), url.clone(), record.clone(), chunk.to_vec());
        retries.push(tokio::spawn(async move {
            for key in keys {
                let body = common::comment(&key, &format!("Bình luận {key} 😀"));
                let res = client.post(&url).json(&body).send().await.unwrap();
                assert_eq!(res.status(), 201, "retry of {key}");
                let id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
                record.lock().unwrap().acked.insert(key, id);
            }
        }));
    }
    for r in retries {
        r.await.unwrap();
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

    server.terminate();

    let rows = common::keys_and_ids(&db).await;
    let record = record.lock().unwrap();
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
        "fault test ({backend:?}): {} comments acknowledged, {} requests failed during {} kills \
         and {db_restarts} database restarts and were retried ({} of them had been committed \
         before the failure), {:.1} s",
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

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigkill_loses_no_acknowledged_comment_on_sqlite() {
    kills_lose_no_acknowledged_comment(Backend::Sqlite, false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigkill_and_database_restarts_lose_no_acknowledged_comment_on_postgres() {
    if common::skip_postgres() {
        return;
    }
    kills_lose_no_acknowledged_comment(Backend::Postgres, true).await;
}
