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

async fn published_comments_are_found_by_article_and_text_and_taken_down(backend: Backend) {
    let s = TestServer::start(backend).await;
    let old = s
        .publish("thi-tran-1", &comment("key-pub-0001", "Bài viết HAY quá"))
        .await;
    let other = s
        .publish("thi-tran-2", &comment("key-pub-0002", "Bài khác, hay"))
        .await;
    let new = s
        .publish("thi-tran-1", &comment("key-pub-0003", "Không liên quan"))
        .await;
    s.post_ok(
        "thi-tran-1",
        &comment("key-pub-0004", "Hay nhưng chưa duyệt"),
    )
    .await;

    let all = queue(&s, "status=published&sort=newest").await;
    assert_eq!(all["total"], 3);
    let ids: Vec<i64> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [new, other, old], "newest first");

    let one = queue(&s, "status=published&article=thi-tran-1").await;
    assert_eq!(one["total"], 2, "the filtered count, not the status count");
    assert_eq!(one["counts"]["published"], 3);
    assert_eq!(one["items"][0]["id"], old, "oldest first by default");

    // Case is ignored for A–Z; the pending comment that matches is not listed.
    let found = queue(&s, "status=published&q=%20hay%20").await;
    assert_eq!(found["total"], 2);
    let both = queue(&s, "status=published&article=thi-tran-1&q=hay").await;
    assert_eq!(both["total"], 1);
    assert_eq!(both["items"][0]["id"], old);
    let by_name = queue(&s, "status=published&q=nguy%E1%BB%85n").await;
    assert_eq!(by_name["total"], 3, "the author's name is searched too");
    assert_eq!(
        queue(&s, "status=published&q=").await["total"],
        3,
        "blank: all"
    );

    for bad in [
        "article=..%2Fetc",
        "sort=sideways",
        &format!("q={}", "x".repeat(201)),
    ] {
        let res = s
            .client
            .get(s.url(&format!("/api/moderation/comments?status=published&{bad}")))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 400, "{bad}");
    }

    // Taking one down hides it from readers and is in the audit log; approving undoes it.
    assert_eq!(s.moderate(old, "reject").await.status(), 200);
    assert_eq!(s.list("thi-tran-1", "").await["total"], 1);
    assert_eq!(queue(&s, "status=published&q=hay").await["total"], 1);
    let (_, log) = s
        .get_as(TOKEN, &format!("/api/moderation/audit?comment={old}"))
        .await;
    assert_eq!(log["items"][0]["action"], "reject");
    assert_eq!(log["items"][0]["before"]["status"], "published");
    assert_eq!(log["items"][0]["after"]["status"], "rejected");
    assert_eq!(s.moderate(old, "approve").await.status(), 200);
    assert_eq!(s.list("thi-tran-1", "").await["total"], 2, "undone");
    s.stop().await;
}

on_both_backends!(
    the_queue_names_the_article_and_the_parent_and_counts_each_status,
    requeue_undoes_an_approval_and_needs_the_token,
    published_comments_are_found_by_article_and_text_and_taken_down,
);
