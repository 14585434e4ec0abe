//! Two server processes on one database: what one instance stores, moderates or counts, the
//! other sees (PostgreSQL, and SQLite on a shared file for comparison).

mod common;

use std::collections::HashSet;
use std::time::Duration;

use common::{Backend, ServerProcess, TOKEN};
use serde_json::Value;

/// Flags of both instances: pre-moderation, a rate limit of 3 posts a minute per client
/// (taken from `X-Forwarded-For`), no spam delay.
fn args() -> Vec<&'static str> {
    vec![
        "--rate-limit",
        "3/60",
        "--trust-proxy",
        "--min-elapsed-ms",
        "0",
        "--moderation-token",
        TOKEN,
    ]
}

/// POSTs a comment to `base` as client `ip`.
async fn post(client: &reqwest::Client, base: &str, ip: &str, body: &Value) -> reqwest::Response {
    client
        .post(format!("{base}/api/articles/thi-tran-1/comments"))
        .header("X-Forwarded-For", ip)
        .json(body)
        .send()
        .await
        .unwrap()
}

/// The public listing (oldest first) of `base`.
async fn listing(client: &reqwest::Client, base: &str) -> Value {
    client
        .get(format!(
            "{base}/api/articles/thi-tran-1/comments?sort=oldest&per_page=100"
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn two_instances_share_one_database(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    common::write_fixtures(dir.path());
    let db = common::db_target(backend, dir.path()).await;
    let a = ServerProcess::start(&common::free_addr(), &db, dir.path(), &args());
    let b = ServerProcess::start(&common::free_addr(), &db, dir.path(), &args());
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let instances = [&a.base, &b.base];

    // Alternating posts and reads: each comment is posted to one instance, approved on the
    // other and then listed by the first.
    for i in 0..6 {
        let (one, other) = (instances[i % 2], instances[(i + 1) % 2]);
        let ip = format!("198.51.100.{i}");
        let res = post(
            &http,
            one,
            &ip,
            &common::comment(&format!("alt-key-{i:03}"), &format!("Ý kiến số {i}")),
        )
        .await;
        assert_eq!(res.status(), 201);
        let created: Value = res.json().await.unwrap();
        assert_eq!(created["status"], "pending");
        let id = created["id"].as_i64().unwrap();
        let approved = http
            .post(format!("{other}/api/moderation/comments/{id}/approve"))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(approved.status(), 200);
        let page = listing(&http, one).await;
        assert_eq!(page["total"], i + 1);
        assert_eq!(page["items"][i]["id"], id);
        assert_eq!(page["items"][i]["text"], format!("Ý kiến số {i}"));
    }

    // One rate-limit window for both: 3 posts alternating between the instances pass,
    // the 4th and 5th (on either instance) are refused with Retry-After.
    let ip = "203.0.113.9";
    for i in 0..3 {
        let res = post(
            &http,
            instances[i % 2],
            ip,
            &common::comment(&format!("rate-key-{i:03}"), "x"),
        )
        .await;
        assert_eq!(res.status(), 201, "post {i} within the limit");
    }
    for (i, base) in instances.iter().enumerate() {
        let res = post(
            &http,
            base,
            ip,
            &common::comment(&format!("rate-key-x{i:02}"), "x"),
        )
        .await;
        assert_eq!(res.status(), 429, "over the shared limit on instance {i}");
        let retry: u64 = res.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=60).contains(&retry), "{retry}");
    }

    // Concurrent posts from one client on both instances: exactly the limit gets through.
    let mut handles = Vec::new();
    for i in 0..12 {
        let (http, base) = (http.clone(), instances[i % 2].clone());
        handles.push(tokio::spawn(async move {
            let body = common::comment(&format!("burst-key-{i:03}"), "Cùng lúc");
            post(&http, &base, "203.0.113.77", &body)
                .await
                .status()
                .as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for h in handles {
        statuses.push(h.await.unwrap());
    }
    statuses.sort_unstable();
    assert_eq!(
        statuses,
        [[201; 3].as_slice(), [429; 9].as_slice()].concat()
    );

    // The same idempotency key sent to both instances at once (from different clients, so
    // that no rate limit interferes) makes one comment, and every answer names it.
    let mut handles = Vec::new();
    for i in 0..16 {
        let (http, base) = (http.clone(), instances[i % 2].clone());
        handles.push(tokio::spawn(async move {
            let ip = format!("192.0.2.{i}");
            let res = post(
                &http,
                &base,
                &ip,
                &common::comment("same-key-both-0001", "Gửi cùng lúc"),
            )
            .await;
            assert_eq!(res.status(), 201);
            res.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
        }));
    }
    let mut ids = HashSet::new();
    for h in handles {
        ids.insert(h.await.unwrap());
    }
    assert_eq!(ids.len(), 1, "{ids:?}");
    assert_eq!(
        common::count_rows_in(&db, "idempotency_key = 'same-key-both-0001'").await,
        1
    );
    a.terminate();
    b.terminate();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_share_state_on_postgres() {
    if common::skip_postgres() {
        return;
    }
    two_instances_share_one_database(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_share_state_on_one_sqlite_file() {
    two_instances_share_one_database(Backend::Sqlite).await;
}
