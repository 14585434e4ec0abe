//! Webhook notifications: one correctly signed call per new pending comment, retries after
//! failures, and a dead webhook never slows or fails posting.

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use article_viewer_server::{ModerationMode, NotifyConfig};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use common::{comment, Backend, TestServer};
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

/// The webhook secret of these tests.
const SECRET: &str = "webhook-secret-for-tests";

/// One call the receiver got.
#[derive(Debug, Clone)]
struct Call {
    headers: HeaderMap,
    body: Vec<u8>,
}

/// What the receiver has seen, and how many calls it still fails with 500.
#[derive(Default)]
struct Receiver {
    calls: Vec<Call>,
    fail_first: usize,
}

/// Starts a webhook receiver on a free port; returns its URL and its record.
async fn receiver(fail_first: usize) -> (String, Arc<Mutex<Receiver>>) {
    let state = Arc::new(Mutex::new(Receiver {
        calls: Vec::new(),
        fail_first,
    }));
    let app = Router::new()
        .route(
            "/hook",
            post(
                |State(st): State<Arc<Mutex<Receiver>>>,
                 headers: HeaderMap,
                 body: axum::body::Bytes| async move {
                    let mut st = st.lock().unwrap();
                    st.calls.push(Call {
                        headers,
                        body: body.to_vec(),
                    });
                    if st.fail_first > 0 {
                        st.fail_first -= 1;
                        StatusCode::INTERNAL_SERVER_ERROR
                    } else {
                        StatusCode::NO_CONTENT
                    }
                },
            ),
        )
        .with_state(state.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}/hook"), state)
}

/// Waits until the receiver has `n` calls (panics after 10 s).
async fn wait_for_calls(st: &Mutex<Receiver>, n: usize) -> Vec<Call> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let calls = st.lock().unwrap().calls.clone();
        if calls.len() >= n {
            return calls;
        }
        assert!(
            Instant::now() < deadline,
            "only {} of {n} webhook calls arrived",
            calls.len()
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Checks a call's signature as a receiver would (independently of the server's code).
fn verify(call: &Call) -> Value {
    let ts = call.headers["x-av-timestamp"].to_str().unwrap();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    assert!(
        now.abs_diff(ts.parse::<u64>().unwrap()) < 300,
        "stale timestamp"
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(ts.as_bytes());
    mac.update(b".");
    mac.update(&call.body);
    let expected: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        call.headers["x-av-signature"].to_str().unwrap(),
        format!("sha256={expected}")
    );
    assert_eq!(call.headers["x-av-event"], "comment.pending");
    assert_eq!(call.headers["content-type"], "application/json");
    serde_json::from_slice(&call.body).unwrap()
}

/// A server on SQLite that notifies `url`.
async fn server_notifying(url: &str, moderation: ModerationMode) -> TestServer {
    let url = url.to_owned();
    TestServer::start_with(Backend::Sqlite, move |c| {
        c.moderation = moderation;
        c.notify = Some(NotifyConfig {
            url,
            secret: SECRET.into(),
            public_url: Some("https://portal.example/".into()),
        });
    })
    .await
}

#[tokio::test]
async fn one_signed_call_per_new_pending_comment() {
    let (url, st) = receiver(0).await;
    let s = server_notifying(&url, ModerationMode::Pre).await;
    let first = s
        .post_ok("thi-tran-1", &comment("hook-key-001", "Chờ duyệt"))
        .await;
    let parent = first["id"].as_i64().unwrap();
    let reply = s
        .post_ok(
            "thi-tran-1",
            &common::reply("hook-key-002", "Trả lời", parent),
        )
        .await;
    // Neither a replay nor discarded spam is announced.
    s.post_ok("thi-tran-1", &comment("hook-key-001", "again"))
        .await;
    let mut spam = comment("hook-key-003", "Mua ngay");
    spam["website"] = json!("http://spam.example");
    s.post_ok("thi-tran-1", &spam).await;
    // The sentinel: once its call is in, every earlier one must be too.
    let last = s
        .post_ok("thi-tran-2", &comment("hook-key-004", "Cuối"))
        .await;

    let calls = wait_for_calls(&st, 3).await;
    let payloads: Vec<Value> = calls.iter().map(verify).collect();
    let mut ids: Vec<i64> = payloads.iter().map(|p| p["id"].as_i64().unwrap()).collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        [
            parent,
            reply["id"].as_i64().unwrap(),
            last["id"].as_i64().unwrap()
        ]
    );
    let p = payloads.iter().find(|p| p["id"] == reply["id"]).unwrap();
    assert_eq!(
        *p,
        json!({
            "event": "comment.pending",
            "id": reply["id"],
            "article_id": "thi-tran-1",
            "parent_id": parent,
            "author_name": "Nguyễn Văn An",
            "text": "Trả lời",
            "created": reply["created"],
            "moderation_url": format!("https://portal.example/moderation/#comment-{}", reply["id"]),
        })
    );
    assert!(
        !String::from_utf8_lossy(&calls[0].body).contains("example.vn"),
        "no e-mail"
    );
    // A fourth post is announced once, and nothing else arrives before it.
    let fourth = s
        .post_ok("thi-tran-1", &comment("hook-key-005", "Thêm"))
        .await;
    let calls = wait_for_calls(&st, 4).await;
    assert_eq!(calls.len(), 4);
    assert_eq!(verify(&calls[3])["id"], fourth["id"]);
    s.stop().await;
}

#[tokio::test]
async fn a_refused_call_is_retried_with_the_same_body() {
    let (url, st) = receiver(1).await;
    let s = server_notifying(&url, ModerationMode::Pre).await;
    let c = s
        .post_ok("thi-tran-1", &comment("hook-key-201", "Thử lại"))
        .await;
    let calls = wait_for_calls(&st, 2).await;
    assert_eq!(calls[0].body, calls[1].body);
    assert_eq!(verify(&calls[1])["id"], c["id"]);
    s.stop().await;
}

/// Posts 20 comments and returns the slowest answer time; every post must be a 201.
async fn slowest_of_twenty_posts(s: &TestServer) -> Duration {
    let mut slowest = Duration::ZERO;
    for i in 0..20 {
        let started = Instant::now();
        s.post_ok(
            "thi-tran-1",
            &comment(&format!("dead-key-{i:03}"), "Vẫn đăng được"),
        )
        .await;
        slowest = slowest.max(started.elapsed());
    }
    slowest
}

#[tokio::test]
async fn a_dead_webhook_neither_slows_nor_fails_posting() {
    // Connection refused: a port nobody listens on.
    let refused = format!("http://{}/hook", common::free_addr());
    let s = server_notifying(&refused, ModerationMode::Pre).await;
    let slowest = slowest_of_twenty_posts(&s).await;
    assert!(slowest < Duration::from_secs(1), "a post took {slowest:?}");
    assert_eq!(s.count_rows("1=1").await, 20);
    s.stop().await;

    // Hanging: accepts connections and never answers.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hanging = format!("http://{}/hook", listener.local_addr().unwrap());
    let accepted = Arc::new(Mutex::new(Vec::new()));
    let held = accepted.clone();
    tokio::spawn(async move {
        while let Ok((sock, _)) = listener.accept().await {
            held.lock().unwrap().push(sock);
        }
    });
    let s = server_notifying(&hanging, ModerationMode::Pre).await;
    let slowest = slowest_of_twenty_posts(&s).await;
    assert!(slowest < Duration::from_secs(1), "a post took {slowest:?}");
    assert_eq!(s.count_rows("1=1").await, 20);
    let deadline = Instant::now() + Duration::from_secs(5);
    while accepted.lock().unwrap().is_empty() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(
        !accepted.lock().unwrap().is_empty(),
        "the webhook was never called"
    );
    s.stop().await;
}
