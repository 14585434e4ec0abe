//! What the moderation page needs from the API: titles, parents and counts in the queue, and
//! an undo that puts a moderated comment back in the queue.

#[macro_use]
mod common;

use common::{comment, reply, Backend, TestServer, TOKEN};
use serde_json::Value;

/// GETs the moderation list with a query string, with the right token.
async fn queue(s: &TestServer, query: &str) -> Value {
    let res = s
        .client
        .get(s.url(&format!("/api/moderation/comments?{query}")))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

async fn the_queue_names_the_article_and_the_parent_and_counts_each_status(backend: Backend) {
    let s = TestServer::start(backend).await;
    let parent = s
        .publish("thi-tran-1", &comment("key-page-001", "Bài gốc"))
        .await;
    let rejected = s
        .post_ok("thi-tran-2", &comment("key-page-002", "Sẽ bị từ chối"))
        .await;
    assert_eq!(
        s.moderate(rejected["id"].as_i64().unwrap(), "reject")
            .await
            .status(),
        200
    );
    let answer = s
        .post_ok(
            "thi-tran-1",
            &reply("key-page-003", "Trả lời bài gốc", parent),
        )
        .await;
    s.post_ok("thi-tran-2", &comment("key-page-004", "Ý kiến mới"))
        .await;

    let q = queue(&s, "status=pending").await;
    assert_eq!(q["total"], 2);
    assert_eq!(q["counts"]["pending"], 2);
    assert_eq!(q["counts"]["published"], 1);
    assert_eq!(q["counts"]["rejected"], 1);
    let first = &q["items"][0];
    assert_eq!(first["id"], answer["id"], "oldest first");
    assert_eq!(first["article_id"], "thi-tran-1");
    assert_eq!(first["article_title"], "Thị trấn chuẩn bị đón Tết");
    assert_eq!(first["article_url"], Value::Null, "the fixture has no url");
    assert_eq!(first["parent"]["id"], parent);
    assert_eq!(first["parent"]["author_name"], "Nguyễn Văn An");
    assert_eq!(first["parent"]["text"], "Bài gốc");
    assert_eq!(first["parent"]["status"], "published");
    assert_eq!(first["author_email"], "an.nguyen@example.vn");
    assert_eq!(q["items"][1]["parent"], Value::Null);
    s.stop().await;
}

async fn requeue_undoes_an_approval_and_needs_the_token(backend: Backend) {
    let s = TestServer::start(backend).await;
    let id = s
        .publish("thi-tran-1", &comment("key-undo-001", "Duyệt nhầm"))
        .await;
    assert_eq!(s.list("thi-tran-1", "").await["total"], 1);

    let res = s
        .client
        .post(s.url(&format!("/api/moderation/comments/{id}/requeue")))
        .bearer_auth("wrong-token")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);

    let res = s.moderate(id, "requeue").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["status"], "pending");
    assert_eq!(s.list("thi-tran-1", "").await["total"], 0, "hidden again");
    let q = queue(&s, "status=pending").await;
    assert_eq!(q["items"][0]["id"], id);
    assert_eq!(q["counts"]["published"], 0);

    assert_eq!(s.moderate(999_999, "requeue").await.status(), 404);
    s.stop().await;
}

on_both_backends!(
    the_queue_names_the_article_and_the_parent_and_counts_each_status,
    requeue_undoes_an_approval_and_needs_the_token,
);
