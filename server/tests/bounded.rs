//! Bounded answers, on both engines: a comment with 3,000 published replies gives a small first
//! page (the top-level comment, its first replies, the count and a cursor), and the cursor pages
//! through every reply exactly once.

#[macro_use]
mod common;

use common::{comment, exec_sql, Backend, TestServer};
use serde_json::Value;

/// Replies put under the comment.
const REPLIES: i64 = 3000;

async fn thousands_of_replies_come_in_bounded_pages(b: Backend) {
    let s = TestServer::start(b).await;
    let parent = s
        .publish("thi-tran-1", &comment("bound-key-p", "Chủ đề nóng"))
        .await;
    let other = s
        .publish("thi-tran-1", &comment("bound-key-o", "Ý kiến khác"))
        .await;
    // 3,000 published replies and 5 pending ones, written straight into the table.
    let generate = match b {
        Backend::Sqlite => {
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3005)"
        }
        Backend::Postgres => "WITH n(i) AS (SELECT generate_series(1, 3005))",
    };
    exec_sql(
        &s.db,
        &format!(
            "INSERT INTO comments (article_id, parent_id, author_name, author_email, text, \
             status, idempotency_key) {generate} SELECT 'thi-tran-1', {parent}, 'Bạn đọc', \
             'r@example.vn', 'Trả lời số ' || i, CASE WHEN i > {REPLIES} THEN 'pending' \
             ELSE 'published' END, 'bulk-key-' || i FROM n"
        ),
    )
    .await;

    let res = s
        .client
        .get(format!(
            "{}?per_page=1&sort=oldest",
            s.comments_url("thi-tran-1")
        ))
        .send()
        .await
        .unwrap();
    let bytes = res.bytes().await.unwrap();
    assert!(
        bytes.len() < 8 * 1024,
        "first page is {} bytes",
        bytes.len()
    );
    let page: Value = serde_json::from_slice(&bytes).unwrap();
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 11, "the comment and its first 10 replies");
    assert_eq!(items[0]["id"], parent);
    assert_eq!(items[0]["reply_count"], REPLIES);
    assert_eq!(page["total"], REPLIES + 2);
    assert_eq!(page["replies_per_comment"], 10);
    assert_eq!(items[1]["text"], "Trả lời số 1");
    assert!(
        items[1].get("reply_count").is_none(),
        "replies carry no count"
    );
    let mut cursor = items[0]["replies_next"].as_str().unwrap().to_owned();
    assert_eq!(cursor, items[10]["id"].as_i64().unwrap().to_string());

    // Fewer or no replies when asked; out-of-range values are refused.
    let none = s
        .list("thi-tran-1", "per_page=1&sort=oldest&replies=0")
        .await;
    assert_eq!(none["items"].as_array().unwrap().len(), 1);
    assert!(none["items"][0]["replies_next"].is_string());
    for bad in ["replies=101", "replies=-1", "replies=x"] {
        let res = s
            .client
            .get(format!("{}?{bad}", s.comments_url("thi-tran-1")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 400, "{bad}");
    }

    // Follow the cursor to the end: every published reply once, in order.
    let mut seen: Vec<i64> = items[1..]
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    let url = |c: &str| {
        s.url(&format!(
            "/api/articles/thi-tran-1/comments/{parent}/replies?after={c}&per_page=100"
        ))
    };
    let mut pages = 0;
    loop {
        let p: Value = s
            .client
            .get(url(&cursor))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        pages += 1;
        assert_eq!(p["reply_count"], REPLIES);
        assert!(p["items"].as_array().unwrap().len() <= 100);
        seen.extend(
            p["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["id"].as_i64().unwrap()),
        );
        match p["next"].as_str() {
            Some(next) => cursor = next.to_owned(),
            None => break,
        }
        assert!(pages < 100, "the cursor must reach the end");
    }
    assert_eq!(seen.len() as i64, REPLIES);
    assert!(
        seen.windows(2).all(|w| w[0] < w[1]),
        "oldest first, no repeats"
    );
    assert_eq!(pages, 30);

    // The other comment has no replies and no cursor; replies of unknown, unpublished or
    // other articles' comments are 404; a bad cursor is 400.
    let all = s.list("thi-tran-1", "sort=oldest&replies=0").await;
    let o = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == other)
        .unwrap();
    assert_eq!(o["reply_count"], 0);
    assert!(o["replies_next"].is_null());
    for path in [
        "/api/articles/thi-tran-1/comments/999999/replies".to_owned(),
        format!("/api/articles/thi-tran-2/comments/{parent}/replies"),
        format!("/api/articles/thi-tran-1/comments/{}/replies", seen[0]),
        format!("/api/articles/nope/comments/{parent}/replies"),
    ] {
        let res = s.client.get(s.url(&path)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{path}");
    }
    let res = s.client.get(url("yesterday")).send().await.unwrap();
    assert_eq!(res.status(), 400);
    s.stop().await;
}

on_both_backends!(thousands_of_replies_come_in_bounded_pages);
