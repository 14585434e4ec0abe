//! Integration tests of the HTTP contract over real HTTP.

#[macro_use]
mod common;

use std::collections::HashSet;

use article_viewer_server::ModerationMode;
use common::{comment, reply, Backend, TestServer, TOKEN, WASM_BYTES};
use serde_json::{json, Value};

/// The keys of a JSON object, sorted.
fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

/// The `errors` object of a 400 answer.
async fn errors_of(res: reqwest::Response) -> Value {
    assert_eq!(res.status(), 400);
    let v: Value = res.json().await.unwrap();
    v["errors"].clone()
}

async fn post_and_list_shapes(b: Backend) {
    let s = TestServer::start_with(b, |c| c.moderation = ModerationMode::Post).await;
    let created = s
        .post_ok("thi-tran-1", &comment("key-0001", "Bài viết hay"))
        .await;
    assert_eq!(
        keys(&created),
        [
            "author",
            "author_name",
            "created",
            "id",
            "parent_id",
            "status",
            "text"
        ]
    );
    assert_eq!(
        created["author"],
        json!({"name": "Nguyễn Văn An", "role": "reader"})
    );
    assert_eq!(created["status"], "published");
    assert_eq!(created["parent_id"], Value::Null);
    assert_eq!(created["author_name"], "Nguyễn Văn An");
    let created_at = created["created"].as_str().unwrap();
    assert_eq!(created_at.len(), 20, "{created_at}");
    assert!(created_at.ends_with('Z') && created_at.as_bytes()[10] == b'T');

    let page = s.list("thi-tran-1", "page=1&per_page=20&sort=newest").await;
    assert_eq!(
        keys(&page),
        [
            "items",
            "page",
            "per_page",
            "replies_per_comment",
            "top_level_total",
            "total"
        ]
    );
    assert_eq!(page["replies_per_comment"], 10);
    assert_eq!(page["total"], 1);
    assert_eq!(page["top_level_total"], 1);
    assert_eq!(page["page"], 1);
    assert_eq!(page["per_page"], 20);
    let item = &page["items"][0];
    assert_eq!(
        keys(item),
        [
            "author",
            "author_name",
            "created",
            "id",
            "parent_id",
            "replies_next",
            "reply_count",
            "text"
        ]
    );
    assert_eq!(item["author"]["role"], "reader");
    assert_eq!(item["reply_count"], 0);
    assert_eq!(item["replies_next"], Value::Null);
    assert_eq!(item["id"], created["id"]);
    assert_eq!(item["text"], "Bài viết hay");

    // Defaults without a query string.
    let page = s.list("thi-tran-1", "").await;
    assert_eq!(page["per_page"], 20);
    assert_eq!(page["page"], 1);
    s.stop().await;
}

async fn unknown_article_is_404(b: Backend) {
    let s = TestServer::start(b).await;
    for article in ["nope", "..%2Fetc", "a%20b"] {
        let res = s.client.get(s.comments_url(article)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{article}");
        let v: Value = res.json().await.unwrap();
        assert!(v["error"].is_string());
        let res = s.post(article, &comment("key-0001", "x")).await;
        assert_eq!(res.status(), 404);
    }
    let res = s.client.get(s.url("/api/nothing")).send().await.unwrap();
    assert_eq!(res.status(), 404);
    s.stop().await;
}

async fn closed_article_refuses_posts(b: Backend) {
    let s = TestServer::start(b).await;
    let res = s.post("closed", &comment("key-0001", "x")).await;
    assert_eq!(res.status(), 403);
    assert!(res.json::<Value>().await.unwrap()["error"].is_string());
    assert_eq!(s.list("closed", "").await["total"], 0);
    s.stop().await;
}

async fn invalid_listing_parameters(b: Backend) {
    let s = TestServer::start(b).await;
    for (query, field) in [
        ("page=0", "page"),
        ("page=abc", "page"),
        ("page=-1", "page"),
        ("per_page=0", "per_page"),
        ("per_page=101", "per_page"),
        ("sort=best", "sort"),
    ] {
        let res = s
            .client
            .get(format!("{}?{query}", s.comments_url("thi-tran-1")))
            .send()
            .await
            .unwrap();
        let errors = errors_of(res).await;
        assert!(errors[field].is_string(), "{query}: {errors}");
    }
    assert_eq!(s.list("thi-tran-1", "per_page=100").await["per_page"], 100);
    s.stop().await;
}

async fn name_validation(b: Backend) {
    let s = TestServer::start(b).await;
    let mut b = comment("key-0001", "x");
    b["author_name"] = json!("   ");
    assert!(errors_of(s.post("thi-tran-1", &b).await).await["author_name"].is_string());
    b["author_name"] = json!("a".repeat(81));
    let e = errors_of(s.post("thi-tran-1", &b).await).await;
    assert!(e["author_name"].is_string());
    assert_eq!(keys(&e), ["author_name"], "only failing fields");
    b["author_name"] = json!("ầ".repeat(80));
    s.post_ok("thi-tran-1", &b).await;
    let mut b = comment("key-0002", "x");
    b.as_object_mut().unwrap().remove("author_name");
    assert!(errors_of(s.post("thi-tran-1", &b).await).await["author_name"].is_string());
    let mut b = comment("key-0003", "x");
    b["author_name"] = json!(42);
    assert!(errors_of(s.post("thi-tran-1", &b).await).await["author_name"].is_string());
    s.stop().await;
}

async fn email_validation(b: Backend) {
    let s = TestServer::start(b).await;
    for bad in [
        "",
        "an",
        "an@example",
        "an@@example.vn",
        "an @example.vn",
        "@example.vn",
        "an@.vn",
    ] {
        let mut b = comment("key-0001", "x");
        b["author_email"] = json!(bad);
        let e = errors_of(s.post("thi-tran-1", &b).await).await;
        assert!(e["author_email"].is_string(), "{bad:?}");
    }
    let mut b = comment("key-0001", "x");
    b["author_email"] = json!(format!("{}@{}.vn", "a".repeat(60), "b".repeat(200)));
    assert!(errors_of(s.post("thi-tran-1", &b).await).await["author_email"].is_string());
    b.as_object_mut().unwrap().remove("author_email");
    assert!(errors_of(s.post("thi-tran-1", &b).await).await["author_email"].is_string());
    b["author_email"] = json!("  an.nguyen+tin@sub.example.vn ");
    s.post_ok("thi-tran-1", &b).await;
    s.stop().await;
}

async fn text_length_counts_characters(b: Backend) {
    let s = TestServer::start(b).await;
    let ok = s
        .post_ok("thi-tran-1", &comment("key-0001", &"😀".repeat(2000)))
        .await;
    assert_eq!(ok["text"].as_str().unwrap().chars().count(), 2000);
    let e = errors_of(
        s.post("thi-tran-1", &comment("key-0002", &"😀".repeat(2001)))
            .await,
    )
    .await;
    assert!(e["text"].as_str().unwrap().contains("2000"));
    // Surrounding whitespace does not count.
    let padded = format!("  \n{}\n  ", "a".repeat(2000));
    s.post_ok("thi-tran-1", &comment("key-0003", &padded)).await;
    for empty in ["", "   ", "\n\n", "\u{7}\u{0}"] {
        let e = errors_of(s.post("thi-tran-1", &comment("key-0004", empty)).await).await;
        assert!(e["text"].is_string(), "{empty:?}");
    }
    let mut b = comment("key-0005", "x");
    b.as_object_mut().unwrap().remove("text");
    assert!(errors_of(s.post("thi-tran-1", &b).await).await["text"].is_string());
    s.stop().await;
}

async fn decomposed_vietnamese_at_the_limit_is_accepted(b: Backend) {
    let s = TestServer::start(b).await;
    // "Người dân thị trấn chuẩn bị đón Tết vui." typed decomposed (as Unikey's "Unicode tổ hợp"
    // may send it): 40 characters after NFC, more before.
    let unit: String = "Ngu\u{31b}o\u{31b}\u{300}i da\u{302}n thi\u{323} tra\u{302}\u{301}n \
                        chua\u{302}\u{309}n bi\u{323} \u{111}o\u{301}n Te\u{302}\u{301}t vui."
        .into();
    let text = unit.repeat(50);
    assert!(text.chars().count() > 2000);
    let v = s
        .post_ok("thi-tran-1", &comment("key-nfc-2000", &text))
        .await;
    assert_eq!(v["text"].as_str().unwrap().chars().count(), 2000);
    assert!(v["text"]
        .as_str()
        .unwrap()
        .starts_with("Người dân thị trấn"));
    let e = errors_of(
        s.post("thi-tran-1", &comment("key-nfc-2001", &format!("{text}!")))
            .await,
    )
    .await;
    assert!(e["text"].as_str().unwrap().contains("2001"), "{e}");
    s.stop().await;
}

async fn control_characters_and_nfc(b: Backend) {
    let s = TestServer::start_with(b, |c| c.moderation = ModerationMode::Post).await;
    let mut b = comment(
        "key-0001",
        "Dòng 1\r\nDòng\u{0} 2\rDòng\u{1b}[31m 3\t!\u{7f}",
    );
    b["author_name"] = json!("Ngu\u{0}yễn\nAn\u{85}");
    b["author_email"] = json!("an\u{0}@example.vn");
    let v = s.post_ok("thi-tran-1", &b).await;
    assert_eq!(v["text"], "Dòng 1\nDòng 2\nDòng[31m 3!");
    assert_eq!(v["author_name"], "NguyễnAn");
    // Decomposed input (e + combining marks) is stored precomposed (NFC).
    let decomposed = "Tie\u{302}\u{301}ng Vie\u{323}\u{302}t";
    let mut b = comment("key-0002", decomposed);
    b["author_name"] = json!("Pha\u{323}m");
    let v = s.post_ok("thi-tran-1", &b).await;
    assert_eq!(v["text"], "Tiếng Việt");
    assert_eq!(v["text"].as_str().unwrap().chars().count(), 10);
    assert_eq!(v["author_name"], "Phạm");
    let listed = s.list("thi-tran-1", "sort=oldest").await;
    assert_eq!(listed["items"][0]["text"], "Dòng 1\nDòng 2\nDòng[31m 3!");
    assert_eq!(listed["items"][1]["text"], "Tiếng Việt");
    s.stop().await;
}

async fn tricky_text_round_trips_exactly(b: Backend) {
    let s = TestServer::start_with(b, |c| c.moderation = ModerationMode::Post).await;
    let texts = [
        "<script>alert('xss')</script>",
        "'; DROP TABLE comments; --",
        "Robert'); DELETE FROM comments WHERE ('1'='1",
        "👨‍👩‍👧‍👦 🇻🇳 ❤️ 😀",
        "<img src=x onerror=alert(1)> &amp; &lt;b&gt;",
        "line one\n\nline three",
        "%s %n {{7*7}} ${jndi:ldap://x}",
    ];
    for (i, t) in texts.iter().enumerate() {
        let mut b = comment(&format!("key-rt-{i:03}"), t);
        b["author_name"] = json!(format!("<b>{t}</b>").chars().take(80).collect::<String>());
        let v = s.post_ok("thi-tran-1", &b).await;
        assert_eq!(v["text"], *t);
    }
    let listed = s.list("thi-tran-1", "sort=oldest&per_page=100").await;
    let got: Vec<&str> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert_eq!(got, texts);
    assert_eq!(s.count_rows("1=1").await, texts.len() as i64);
    s.stop().await;
}

async fn email_never_public(b: Backend) {
    let s = TestServer::start_with(b, |c| c.moderation = ModerationMode::Post).await;
    let created = s
        .post("thi-tran-1", &comment("key-0001", "x"))
        .await
        .text()
        .await
        .unwrap();
    let parent = serde_json::from_str::<Value>(&created).unwrap()["id"]
        .as_i64()
        .unwrap();
    let r = s
        .post("thi-tran-1", &reply("key-0002", "y", parent))
        .await
        .text()
        .await
        .unwrap();
    let listed = s
        .client
        .get(s.comments_url("thi-tran-1"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for body in [created, r, listed] {
        assert!(!body.contains("example.vn"), "{body}");
        assert!(!body.contains("email"), "{body}");
    }
    s.stop().await;
}

async fn idempotency_key_creates_one_row(b: Backend) {
    let s = TestServer::start(b).await;
    let body = comment("retry-key-0001", "Gửi hai lần");
    let first = s.post_ok("thi-tran-1", &body).await;
    let second = s.post_ok("thi-tran-1", &body).await;
    assert_eq!(first, second);
    // Even with a different text the key names the same comment.
    let third = s
        .post_ok("thi-tran-1", &comment("retry-key-0001", "khác"))
        .await;
    assert_eq!(third["id"], first["id"]);
    assert_eq!(s.count_rows("idempotency_key = 'retry-key-0001'").await, 1);
    // Concurrent duplicates.
    let futs: Vec<_> = (0..10)
        .map(|_| {
            let client = s.client.clone();
            let url = s.comments_url("thi-tran-1");
            async move {
                client
                    .post(url)
                    .json(&comment("race-key-0001", "cùng lúc"))
                    .send()
                    .await
                    .unwrap()
            }
        })
        .collect();
    let mut ids = HashSet::new();
    for res in futures_join_all(futs).await {
        assert_eq!(res.status(), 201);
        ids.insert(res.json::<Value>().await.unwrap()["id"].as_i64().unwrap());
    }
    assert_eq!(ids.len(), 1);
    assert_eq!(s.count_rows("idempotency_key = 'race-key-0001'").await, 1);
    // The same key on another article is another comment.
    let other = s.post_ok("thi-tran-2", &body).await;
    assert_ne!(other["id"], first["id"]);
    // Malformed keys.
    for bad in [
        json!("short"),
        json!("x".repeat(65)),
        json!("has space!"),
        json!(null),
        json!(12345678),
    ] {
        let mut b = comment("placeholder", "x");
        b["idempotency_key"] = bad.clone();
        let e = errors_of(s.post("thi-tran-1", &b).await).await;
        assert!(e["idempotency_key"].is_string(), "{bad}");
    }
    s.stop().await;
}

/// Awaits all futures concurrently (a tiny stand-in for `futures::join_all`).
async fn futures_join_all<F: std::future::Future + Send + 'static>(futs: Vec<F>) -> Vec<F::Output>
where
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futs.into_iter().map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

async fn honeypot_and_too_fast_store_nothing(b: Backend) {
    let s = TestServer::start_with(b, |c| c.moderation = ModerationMode::Post).await;
    let mut bot = comment("bot-key-0001", "Mua hàng giá rẻ");
    bot["website"] = json!("http://spam.example");
    let v = s.post_ok("thi-tran-1", &bot).await;
    assert_eq!(v["status"], "pending");
    assert!(v["id"].as_i64().unwrap() > 0);
    assert_eq!(v["text"], "Mua hàng giá rẻ");

    let mut fast = comment("bot-key-0002", "Nhanh quá");
    fast["elapsed_ms"] = json!(2999);
    let v = s.post_ok("thi-tran-1", &fast).await;
    assert_eq!(v["status"], "pending");

    assert_eq!(s.count_rows("1=1").await, 0);
    assert_eq!(s.list("thi-tran-1", "").await["total"], 0);
    let pending: Value = s
        .client
        .get(s.url("/api/moderation/comments?status=pending"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(pending["total"], 0);

    // Exactly the minimum is fine.
    let mut ok = comment("human-key-01", "Tôi là người");
    ok["elapsed_ms"] = json!(3000);
    assert_eq!(s.post_ok("thi-tran-1", &ok).await["status"], "published");
    assert_eq!(s.count_rows("1=1").await, 1);
    s.stop().await;
}

async fn pre_moderation_flow(b: Backend) {
    let s = TestServer::start(b).await;
    let a = s
        .post_ok("thi-tran-1", &comment("key-pre-001", "Chờ duyệt"))
        .await;
    assert_eq!(a["status"], "pending");
    let b = s
        .post_ok("thi-tran-1", &comment("key-pre-002", "Sẽ bị từ chối"))
        .await;
    assert_eq!(s.list("thi-tran-1", "").await["total"], 0);

    let res = s
        .client
        .get(s.url("/api/moderation/comments?status=pending"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let queue: Value = res.json().await.unwrap();
    assert_eq!(queue["total"], 2);
    let first = &queue["items"][0];
    assert_eq!(first["id"], a["id"]);
    assert_eq!(first["author_email"], "an.nguyen@example.vn");
    assert_eq!(first["article_id"], "thi-tran-1");
    assert_eq!(first["status"], "pending");

    let approved = s.moderate(a["id"].as_i64().unwrap(), "approve").await;
    assert_eq!(approved.status(), 200);
    assert_eq!(
        approved.json::<Value>().await.unwrap()["status"],
        "published"
    );
    let rejected = s.moderate(b["id"].as_i64().unwrap(), "reject").await;
    assert_eq!(rejected.status(), 200);
    assert_eq!(
        rejected.json::<Value>().await.unwrap()["status"],
        "rejected"
    );

    let page = s.list("thi-tran-1", "").await;
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["id"], a["id"]);
    // Replays report the current state, but a rejection is not announced.
    let replay = s
        .post_ok("thi-tran-1", &comment("key-pre-001", "Chờ duyệt"))
        .await;
    assert_eq!(
        (replay["id"].clone(), replay["status"].clone()),
        (a["id"].clone(), json!("published"))
    );
    let replay = s
        .post_ok("thi-tran-1", &comment("key-pre-002", "Sẽ bị từ chối"))
        .await;
    assert_eq!(
        (replay["id"].clone(), replay["status"].clone()),
        (b["id"].clone(), json!("pending"))
    );
    assert_eq!(s.count_rows("1=1").await, 2);
    assert_eq!(s.moderate(999_999, "approve").await.status(), 404);
    assert_eq!(s.moderate(0, "reject").await.status(), 404);

    let rejected_list: Value = s
        .client
        .get(s.url("/api/moderation/comments?status=rejected"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(rejected_list["items"][0]["id"], b["id"]);
    let bad = s
        .client
        .get(s.url("/api/moderation/comments?status=spam"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert!(errors_of(bad).await["status"].is_string());
    s.stop().await;
}

async fn post_moderation_publishes_at_once(b: Backend) {
    let s = TestServer::start_with(b, |c| c.moderation = ModerationMode::Post).await;
    let a = s
        .post_ok("thi-tran-1", &comment("key-post-01", "Hiện ngay"))
        .await;
    assert_eq!(a["status"], "published");
    assert_eq!(s.list("thi-tran-1", "").await["total"], 1);
    s.moderate(a["id"].as_i64().unwrap(), "reject").await;
    assert_eq!(s.list("thi-tran-1", "").await["total"], 0);
    s.stop().await;
}

async fn moderation_requires_bearer_token(b: Backend) {
    // Each wrong token from its own address: the back-off after failures has its own test.
    let s = TestServer::start_with(b, |c| c.trust_proxy = true).await;
    let mut client_no = 0;
    let mut next_client = move || {
        client_no += 1;
        format!("198.51.100.{client_no}")
    };
    let id = s.post_ok("thi-tran-1", &comment("key-tok-001", "x")).await["id"]
        .as_i64()
        .unwrap();
    let list = s.url("/api/moderation/comments?status=pending");
    let approve = s.url(&format!("/api/moderation/comments/{id}/approve"));
    let res = s.client.get(&list).send().await.unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(res.headers()["www-authenticate"], "Bearer");
    for auth in [
        "Bearer wrong",
        "Basic dGVzdA==",
        "Bearer",
        &format!("Bearer {TOKEN}x"),
    ] {
        let res = s
            .client
            .get(&list)
            .header("authorization", auth)
            .header("x-forwarded-for", next_client())
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401, "{auth}");
        let res = s
            .client
            .post(&approve)
            .header("authorization", auth)
            .header("x-forwarded-for", next_client())
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401, "{auth}");
    }
    let res = s
        .client
        .get(&list)
        .header("authorization", format!("bearer {TOKEN}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(s.count_rows("status = 'pending'").await, 1);
    s.stop().await;

    // No token configured: the moderation API does not exist.
    let s = TestServer::start_with(b, |c| c.moderation_token = None).await;
    let res = s
        .client
        .get(s.url("/api/moderation/comments"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    s.stop().await;
}

async fn rate_limit_answers_429_with_retry_after(b: Backend) {
    let s = TestServer::start_with(b, |c| c.rate_limit = "3/60".parse().unwrap()).await;
    for i in 0..3 {
        s.post_ok("thi-tran-1", &comment(&format!("key-rl-{i:03}"), "x"))
            .await;
    }
    // Validation failures are not counted, and replays of a stored key are not refused.
    let e = errors_of(s.post("thi-tran-1", &comment("key-rl-bad", "")).await).await;
    assert!(e["text"].is_string());
    s.post_ok("thi-tran-1", &comment("key-rl-000", "x")).await;
    let res = s.post("thi-tran-1", &comment("key-rl-003", "x")).await;
    assert_eq!(res.status(), 429);
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert!(res.json::<Value>().await.unwrap()["error"].is_string());
    assert_eq!(s.count_rows("1=1").await, 3);
    // Reads are never limited.
    s.list("thi-tran-1", "").await;
    s.stop().await;
}

async fn trusted_proxy_header_separates_clients(b: Backend) {
    let s = TestServer::start_with(b, |c| {
        c.rate_limit = "1/60".parse().unwrap();
        c.trust_proxy = true;
    })
    .await;
    for (i, ip) in ["203.0.113.1", "203.0.113.2"].iter().enumerate() {
        let res = s
            .client
            .post(s.comments_url("thi-tran-1"))
            .header("x-forwarded-for", format!("10.9.9.9, {ip}"))
            .json(&comment(&format!("key-xff-{i:03}"), "x"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
    }
    let res = s
        .client
        .post(s.comments_url("thi-tran-1"))
        .header("x-forwarded-for", "203.0.113.1")
        .json(&comment("key-xff-009", "x"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    s.stop().await;

    // Without --trust-proxy the header is ignored: both posts come from 127.0.0.1.
    let s = TestServer::start_with(b, |c| c.rate_limit = "1/60".parse().unwrap()).await;
    let mut statuses = Vec::new();
    for (i, ip) in ["203.0.113.1", "203.0.113.2"].iter().enumerate() {
        let res = s
            .client
            .post(s.comments_url("thi-tran-1"))
            .header("x-forwarded-for", *ip)
            .json(&comment(&format!("key-xff-{i:03}"), "x"))
            .send()
            .await
            .unwrap();
        statuses.push(res.status().as_u16());
    }
    assert_eq!(statuses, [201, 429]);
    s.stop().await;
}

async fn cors_allow_list(b: Backend) {
    let s = TestServer::start_with(b, |c| {
        c.cors_origins = vec!["https://a.example".into(), "https://b.example".into()];
    })
    .await;
    let url = s.comments_url("thi-tran-1");
    // Preflight from an allowed origin.
    let res = s
        .client
        .request(reqwest::Method::OPTIONS, &url)
        .header("origin", "https://b.example")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
    let h = res.headers();
    assert_eq!(h["access-control-allow-origin"], "https://b.example");
    assert!(h["access-control-allow-methods"]
        .to_str()
        .unwrap()
        .contains("POST"));
    assert!(h["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase()
        .contains("content-type"));
    // Actual request from an allowed origin.
    let res = s
        .client
        .post(&url)
        .header("origin", "https://a.example")
        .json(&comment("key-cors-01", "x"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    assert_eq!(
        res.headers()["access-control-allow-origin"],
        "https://a.example"
    );
    assert!(res.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase()
        .contains("retry-after"));
    // A foreign origin gets no CORS headers, neither on preflight nor on GET.
    let res = s
        .client
        .request(reqwest::Method::OPTIONS, &url)
        .header("origin", "https://evil.example")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap();
    assert!(
        res.headers()
            .keys()
            .all(|k| !k.as_str().starts_with("access-control-")),
        "{:?}",
        res.headers()
    );
    let res = s
        .client
        .get(&url)
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res
        .headers()
        .keys()
        .all(|k| !k.as_str().starts_with("access-control-")));
    s.stop().await;

    // Empty allow-list (the default): no CORS headers at all.
    let s = TestServer::start(b).await;
    let res = s
        .client
        .get(s.comments_url("thi-tran-1"))
        .header("origin", "https://a.example")
        .send()
        .await
        .unwrap();
    assert!(res
        .headers()
        .keys()
        .all(|k| !k.as_str().starts_with("access-control-")));
    s.stop().await;
}

async fn oversize_and_malformed_bodies(b: Backend) {
    let s = TestServer::start(b).await;
    let url = s.comments_url("thi-tran-1");
    let big = comment("key-big-001", &"a".repeat(17 * 1024));
    let res = s.post("thi-tran-1", &big).await;
    assert_eq!(res.status(), 413);
    assert!(res.json::<Value>().await.unwrap()["error"].is_string());
    // A chunked body without Content-Length is limited too.
    assert_eq!(
        raw_chunked_post(s.addr, "/api/articles/thi-tran-1/comments", 20).await,
        413
    );

    let res = s
        .client
        .post(&url)
        .header("content-type", "text/plain")
        .body(comment("key-ct-0001", "x").to_string())
        .send()
        .await
        .unwrap();
    assert!(errors_of(res).await["body"].is_string());
    for bad in ["{not json", "[1,2]", "\"text\"", ""] {
        let res = s
            .client
            .post(&url)
            .header("content-type", "application/json")
            .body(bad)
            .send()
            .await
            .unwrap();
        assert!(errors_of(res).await["body"].is_string(), "{bad}");
    }
    let res = s
        .client
        .post(&url)
        .header("content-type", "application/json; charset=utf-8")
        .body(comment("key-ct-0002", "x").to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    assert_eq!(s.count_rows("1=1").await, 1);
    s.stop().await;
}

/// Sends a chunked POST of `kib` KiB by hand and returns the status code.
async fn raw_chunked_post(addr: std::net::SocketAddr, path: &str, kib: usize) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let chunk = format!("400\r\n{}\r\n", " ".repeat(1024));
    for _ in 0..kib {
        // The server may answer and close before everything is sent.
        if stream.write_all(chunk.as_bytes()).await.is_err() {
            break;
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n").await;
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response).await;
    let text = String::from_utf8_lossy(&response);
    text.split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

async fn paging_and_sorting(b: Backend) {
    let s = TestServer::start_with(b, |c| c.moderation = ModerationMode::Post).await;
    let mut ids = Vec::new();
    for i in 0..5 {
        let v = s
            .post_ok(
                "thi-tran-1",
                &comment(&format!("key-pg-{i:03}"), &format!("c{i}")),
            )
            .await;
        ids.push(v["id"].as_i64().unwrap());
    }
    let texts = |v: &Value| -> Vec<String> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["text"].as_str().unwrap().to_owned())
            .collect()
    };
    let p1 = s.list("thi-tran-1", "per_page=2&page=1&sort=newest").await;
    assert_eq!(texts(&p1), ["c4", "c3"]);
    assert_eq!(p1["total"], 5);
    assert_eq!(p1["top_level_total"], 5);
    let p3 = s.list("thi-tran-1", "per_page=2&page=3").await;
    assert_eq!(texts(&p3), ["c0"]);
    let p4 = s.list("thi-tran-1", "per_page=2&page=4").await;
    assert!(p4["items"].as_array().unwrap().is_empty());
    let o1 = s.list("thi-tran-1", "per_page=2&page=1&sort=oldest").await;
    assert_eq!(texts(&o1), ["c0", "c1"]);
    let o2 = s.list("thi-tran-1", "per_page=2&page=2&sort=oldest").await;
    assert_eq!(texts(&o2), ["c2", "c3"]);
    // Comments of another article are not mixed in.
    assert_eq!(s.list("thi-tran-2", "").await["total"], 0);
    s.stop().await;
}

async fn replies_grouped_under_parents(b: Backend) {
    let s = TestServer::start(b).await;
    let a = s.publish("thi-tran-1", &comment("key-tree-a", "A")).await;
    let b = s.publish("thi-tran-1", &comment("key-tree-b", "B")).await;
    let a1 = s
        .publish("thi-tran-1", &reply("key-tree-a1", "A1", a))
        .await;
    let b1 = s
        .publish("thi-tran-1", &reply("key-tree-b1", "B1", b))
        .await;
    let a2 = s
        .publish("thi-tran-1", &reply("key-tree-a2", "A2", a))
        .await;
    // A pending reply is not shown.
    s.post_ok("thi-tran-1", &reply("key-tree-a3", "A3", a))
        .await;

    let page = s.list("thi-tran-1", "sort=newest").await;
    let got: Vec<(i64, Option<i64>)> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_i64().unwrap(), c["parent_id"].as_i64()))
        .collect();
    assert_eq!(
        got,
        [
            (b, None),
            (b1, Some(b)),
            (a, None),
            (a1, Some(a)),
            (a2, Some(a))
        ]
    );
    assert_eq!(page["total"], 5);
    assert_eq!(page["top_level_total"], 2);
    // Paging counts top-level comments only; replies travel with their parent.
    let p2 = s.list("thi-tran-1", "per_page=1&page=2").await;
    let ids: Vec<i64> = p2["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [a, a1, a2]);
    let oldest = s.list("thi-tran-1", "sort=oldest").await;
    let ids: Vec<i64> = oldest["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [a, a1, a2, b, b1]);
    s.stop().await;
}

async fn parent_rules(b: Backend) {
    let s = TestServer::start(b).await;
    let top = s
        .post_ok("thi-tran-1", &comment("key-par-top", "top"))
        .await["id"]
        .as_i64()
        .unwrap();
    // Replying to a pending top-level comment is allowed.
    let r = s
        .post_ok("thi-tran-1", &reply("key-par-r1", "reply", top))
        .await;
    assert_eq!(r["parent_id"], top);
    let r_id = r["id"].as_i64().unwrap();
    // Reply to a reply.
    let e = errors_of(
        s.post("thi-tran-1", &reply("key-par-r2", "nested", r_id))
            .await,
    )
    .await;
    assert!(e["parent_id"].as_str().unwrap().contains("top-level"));
    // Parent in another article.
    let e = errors_of(
        s.post("thi-tran-2", &reply("key-par-r3", "elsewhere", top))
            .await,
    )
    .await;
    assert!(e["parent_id"].is_string());
    // Unknown, zero, negative, wrong type.
    for bad in [json!(987654), json!(0), json!(-3), json!("1"), json!(1.5)] {
        let mut b = comment("key-par-r4", "x");
        b["parent_id"] = bad.clone();
        let e = errors_of(s.post("thi-tran-1", &b).await).await;
        assert!(e["parent_id"].is_string(), "{bad}");
    }
    // Rejected parent.
    let doomed = s
        .post_ok("thi-tran-1", &comment("key-par-dm", "doomed"))
        .await["id"]
        .as_i64()
        .unwrap();
    s.moderate(doomed, "reject").await;
    let e = errors_of(
        s.post("thi-tran-1", &reply("key-par-r5", "late", doomed))
            .await,
    )
    .await;
    assert!(e["parent_id"].is_string());
    assert_eq!(s.count_rows("parent_id IS NOT NULL").await, 1);
    s.stop().await;
}

async fn static_and_content_serving(b: Backend) {
    let s = TestServer::start(b).await;
    let res = s.client.get(s.url("/")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert_eq!(res.headers()["cache-control"], "no-cache");
    assert!(res.text().await.unwrap().contains("viewer"));

    let res = s
        .client
        .get(s.url("/app-0123456789abcdef_bg.wasm"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/wasm");
    assert!(res.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
    assert_eq!(res.bytes().await.unwrap().as_ref(), WASM_BYTES);

    for (path, mime) in [
        ("/app.js", "text/javascript"),
        ("/style.css", "text/css"),
        ("/logo.svg", "image/svg+xml"),
        ("/content/thi-tran-1.json", "application/json"),
    ] {
        let res = s.client.get(s.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        let ct = res.headers()["content-type"].to_str().unwrap().to_owned();
        assert!(ct.starts_with(mime), "{path}: {ct}");
        assert!(res.headers().contains_key("last-modified"));
    }
    let article: Value = s
        .client
        .get(s.url("/content/thi-tran-1.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        article["comments"]["url"],
        "/api/articles/thi-tran-1/comments"
    );
    for missing in [
        "/nope.js",
        "/content/nope.json",
        "/content/../content/x.json",
    ] {
        let res = s.client.get(s.url(missing)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{missing}");
    }
    let res = s.client.get(s.url("/api/health")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    s.stop().await;
}

async fn graceful_shutdown_finishes_in_flight_requests(b: Backend) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let s = TestServer::start_with(b, |c| c.moderation = ModerationMode::Post).await;
    let addr = s.addr;
    let body = comment("key-graceful", "Gửi trong lúc tắt máy").to_string();
    let (first, rest) = body.as_bytes().split_at(body.len() / 2);
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /api/articles/thi-tran-1/comments HTTP/1.1\r\nHost: {addr}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(first).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;

    // Shut down while the request body is still arriving.
    let stopping = tokio::spawn(s.stop());
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert!(
        !stopping.is_finished(),
        "shutdown did not wait for the request"
    );
    stream.write_all(rest).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    let response = String::from_utf8_lossy(&response);
    assert!(response.starts_with("HTTP/1.1 201"), "{response}");
    stopping.await.unwrap();
    // New connections are refused once the server has stopped.
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
}

on_both_backends!(
    decomposed_vietnamese_at_the_limit_is_accepted,
    post_and_list_shapes,
    unknown_article_is_404,
    closed_article_refuses_posts,
    invalid_listing_parameters,
    name_validation,
    email_validation,
    text_length_counts_characters,
    control_characters_and_nfc,
    tricky_text_round_trips_exactly,
    email_never_public,
    idempotency_key_creates_one_row,
    honeypot_and_too_fast_store_nothing,
    pre_moderation_flow,
    post_moderation_publishes_at_once,
    moderation_requires_bearer_token,
    rate_limit_answers_429_with_retry_after,
    trusted_proxy_header_separates_clients,
    cors_allow_list,
    oversize_and_malformed_bodies,
    paging_and_sorting,
    replies_grouped_under_parents,
    parent_rules,
    static_and_content_serving,
    graceful_shutdown_finishes_in_flight_requests,
);
