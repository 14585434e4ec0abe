//! Named moderators, the audit log and editor replies, on both engines: each moderator signs in
//! with their own token (made by `moderators add`, stored only as a hash), every decision is
//! logged with their name and the comment before and after, failed sign-ins back off per
//! client, and the editorial office's replies are published at once with the editor role.

#[macro_use]
mod common;

use std::process::Command;

use article_viewer_server::DbTarget;
use common::{comment, db_arg, reply, Backend, TestServer, BIN, TOKEN};
use serde_json::{json, Value};

/// Runs `moderators …` on the database; returns stdout (asserting success).
fn moderators(db: &DbTarget, args: &[&str]) -> String {
    let out = Command::new(BIN)
        .arg("moderators")
        .args(args)
        .arg("--db")
        .arg(db_arg(db))
        .env_remove("AV_DB")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Adds a moderator through the command line; returns the token it printed.
fn add(db: &DbTarget, name: &str) -> String {
    let out = moderators(db, &["add", name]);
    let token = out.lines().nth(1).unwrap().trim().to_owned();
    assert!(token.starts_with("avm_"), "{out}");
    token
}

async fn two_moderators_are_named_in_the_audit_log(b: Backend) {
    let s = TestServer::start(b).await;
    let lan = add(&s.db, "Trần Thị Lan");
    let minh = add(&s.db, "Lê Minh");
    assert_ne!(lan, minh);
    let list = moderators(&s.db, &["list"]);
    assert!(list.starts_with("2 moderator(s)"), "{list}");
    assert!(list.contains("Trần Thị Lan") && list.contains("Lê Minh"));
    assert!(!list.contains(&lan[10..]), "tokens are never listed");

    assert_eq!(
        s.get_as(&lan, "/api/moderation/me").await.1["name"],
        "Trần Thị Lan"
    );
    let (_, me) = s.get_as(&minh, "/api/moderation/me").await;
    assert_eq!(
        me,
        json!({"name": "Lê Minh", "shared": false, "editor_name": "Ban biên tập"})
    );
    assert_eq!(
        s.get_as(TOKEN, "/api/moderation/me").await.1["name"],
        "admin"
    );

    let a = s.post_ok("thi-tran-1", &comment("mod-key-a1", "Một")).await["id"]
        .as_i64()
        .unwrap();
    let b2 = s.post_ok("thi-tran-1", &comment("mod-key-b1", "Hai")).await["id"]
        .as_i64()
        .unwrap();
    let path = |id: i64, action: &str| format!("/api/moderation/comments/{id}/{action}");
    assert_eq!(s.post_as(&lan, &path(a, "approve"), None).await.0, 200);
    assert_eq!(s.post_as(&minh, &path(b2, "reject"), None).await.0, 200);
    // Approving what is already published changes nothing and logs nothing.
    assert_eq!(s.post_as(&minh, &path(a, "approve"), None).await.0, 200);

    let (status, log) = s.get_as(&lan, "/api/moderation/audit").await;
    assert_eq!(status, 200);
    assert_eq!(log["total"], 2);
    let items = log["items"].as_array().unwrap();
    assert_eq!(items[0]["moderator"], "Lê Minh");
    assert_eq!(items[0]["action"], "reject");
    assert_eq!(items[0]["comment_id"], b2);
    assert_eq!(items[0]["before"]["status"], "pending");
    assert_eq!(items[0]["after"]["status"], "rejected");
    assert_eq!(items[1]["moderator"], "Trần Thị Lan");
    assert_eq!(items[1]["action"], "approve");
    let at = items[1]["at"].as_str().unwrap();
    assert!(at.len() == 20 && at.ends_with('Z'), "{at}");
    let (_, one) = s
        .get_as(&lan, &format!("/api/moderation/audit?comment={a}"))
        .await;
    assert_eq!(one["total"], 1);

    // A revoked token stops working at once; the other one goes on.
    moderators(&s.db, &["revoke", "Lê Minh"]);
    assert_eq!(s.get_as(&minh, "/api/moderation/me").await.0, 401);
    assert_eq!(s.get_as(&lan, "/api/moderation/me").await.0, 200);
    assert!(moderators(&s.db, &["list"]).contains("revoked"));
    // A forged token with a real moderator id and the wrong secret is refused.
    let forged = format!("{}{}", &lan[..lan.len() - 4], "0000");
    assert_eq!(s.get_as(&forged, "/api/moderation/me").await.0, 401);
    s.stop().await;
}

async fn named_moderators_work_without_a_shared_token(b: Backend) {
    let s = TestServer::start_with(b, |c| c.moderation_token = None).await;
    assert_eq!(s.get_as("anything", "/api/moderation/me").await.0, 404);
    let lan = add(&s.db, "Lan");
    assert_eq!(s.get_as(&lan, "/api/moderation/comments").await.0, 200);
    assert_eq!(s.get_as(TOKEN, "/api/moderation/me").await.0, 401);
    s.stop().await;
}

async fn failed_sign_ins_back_off_per_client(b: Backend) {
    let s = TestServer::start_with(b, |c| c.trust_proxy = true).await;
    let me = s.url("/api/moderation/me");
    let attempt = |token: String, client: &'static str| {
        let req = s
            .client
            .get(&me)
            .bearer_auth(token)
            .header("x-forwarded-for", client);
        async move {
            let res = req.send().await.unwrap();
            (
                res.status().as_u16(),
                res.headers()
                    .get("retry-after")
                    .map(|v| v.to_str().unwrap().to_owned()),
            )
        }
    };
    for i in 0..5 {
        assert_eq!(attempt(format!("guess-{i}"), "203.0.113.9").await.0, 401);
    }
    let (status, retry) = attempt("guess-5".into(), "203.0.113.9").await;
    assert_eq!(status, 429);
    assert!(retry.unwrap().parse::<u64>().unwrap() >= 1);
    // While backed off even the right token is refused: guessing learns nothing.
    assert_eq!(attempt(TOKEN.into(), "203.0.113.9").await.0, 429);
    // Another client is not affected.
    assert_eq!(attempt(TOKEN.into(), "203.0.113.10").await.0, 200);
    // A burst of wrong tokens is answered at once and all refused.
    let started = std::time::Instant::now();
    let mut refused = 0;
    for i in 0..300 {
        if attempt(format!("burst-{i}"), "203.0.113.9").await.0 == 429 {
            refused += 1;
        }
    }
    assert_eq!(refused, 300);
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    // An IPv6 client is one /64: another address in it is backed off too.
    for i in 0..6 {
        attempt(format!("v6-{i}"), "2001:db8:7:7::1").await;
    }
    assert_eq!(attempt(TOKEN.into(), "2001:db8:7:7::beef").await.0, 429);
    assert_eq!(attempt(TOKEN.into(), "2001:db8:7:8::1").await.0, 200);
    s.stop().await;
}

async fn editor_replies_are_published_at_once_as_the_editors(b: Backend) {
    let s = TestServer::start_with(b, |c| c.editor_name = "Ban biên tập Báo Thị trấn".into()).await;
    let lan = add(&s.db, "Lan");
    let parent = s
        .publish("thi-tran-1", &comment("reply-key-p1", "Câu hỏi"))
        .await;
    let reader = s
        .post_ok(
            "thi-tran-1",
            &reply("reply-key-r1", "Bạn đọc trả lời", parent),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let path = |id: i64| format!("/api/moderation/comments/{id}/reply");
    let body = json!({"text": "Xin cảm ơn bạn đọc.", "idempotency_key": "editor-reply-1"});
    let (status, created) = s.post_as(&lan, &path(parent), Some(&body)).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["status"], "published");
    assert_eq!(created["author_role"], "editor");
    assert_eq!(created["parent_id"], parent);
    // A retry with the same key makes nothing new.
    let (_, again) = s.post_as(&lan, &path(parent), Some(&body)).await;
    assert_eq!(again["id"], created["id"]);
    // Answering a reply answers its top-level comment.
    let (status, second) = s
        .post_as(&lan, &path(reader), Some(&json!({"text": "Đã ghi nhận."})))
        .await;
    assert_eq!(status, 201);
    assert_eq!(second["parent_id"], parent);
    // Empty and invisible texts are refused like a reader's.
    let (status, e) = s
        .post_as(&lan, &path(parent), Some(&json!({"text": "\u{200b}"})))
        .await;
    assert_eq!(status, 400, "{e}");

    // From the pending queue: approve the comment and answer it in one go.
    let pending = s
        .post_ok("thi-tran-1", &comment("reply-key-q1", "Chờ duyệt"))
        .await["id"]
        .as_i64()
        .unwrap();
    let (status, third) = s
        .post_as(
            &lan,
            &path(pending),
            Some(&json!({"text": "Trả lời và duyệt.", "approve": true})),
        )
        .await;
    assert_eq!(status, 201, "{third}");
    assert_eq!(
        s.count_rows(&format!("id = {pending} AND status = 'published'"))
            .await,
        1
    );

    let page = s.list("thi-tran-1", "").await;
    assert_eq!(page["items"][0]["id"], pending);
    assert_eq!(page["items"][1]["author"]["role"], "editor");
    let editor = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == created["id"])
        .unwrap()
        .clone();
    assert_eq!(
        editor["author"],
        json!({"name": "Ban biên tập Báo Thị trấn", "role": "editor"})
    );
    assert_eq!(editor["author_name"], "Ban biên tập Báo Thị trấn");
    assert!(editor.get("author_email").is_none());

    // Readers cannot claim the role or the name.
    let mut claim = comment("reply-key-c1", "Tôi là ban biên tập");
    claim["author"] = json!({"role": "editor"});
    claim["author_role"] = json!("editor");
    let c = s.post_ok("thi-tran-1", &claim).await;
    assert_eq!(c["author"]["role"], "reader");
    let mut name = comment("reply-key-c2", "x");
    name["author_name"] = json!("BAN BIÊN TẬP báo thị trấn");
    let res = s.post("thi-tran-1", &name).await;
    assert_eq!(res.status(), 400);
    let v: Value = res.json().await.unwrap();
    assert!(v["errors"]["author_name"]
        .as_str()
        .unwrap()
        .contains("editorial office"));

    let (_, log) = s.get_as(&lan, "/api/moderation/audit").await;
    let replies: Vec<&Value> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["action"] == "reply")
        .collect();
    assert_eq!(replies.len(), 3);
    assert!(replies
        .iter()
        .all(|r| r["moderator"] == "Lan" && r["before"].is_null()));
    s.stop().await;
}

async fn edits_and_deletes_are_logged_with_before_and_after(b: Backend) {
    let s = TestServer::start(b).await;
    let lan = add(&s.db, "Lan");
    let id = s
        .publish("thi-tran-1", &comment("edit-key-a1", "Số điện thoại 0900"))
        .await;
    let r = s
        .publish("thi-tran-1", &reply("edit-key-r1", "Trả lời", id))
        .await;
    let (status, edited) = s
        .post_as(
            &lan,
            &format!("/api/moderation/comments/{id}/edit"),
            Some(&json!({"text": "Số điện thoại [đã xoá]"})),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(edited["text"], "Số điện thoại [đã xoá]");
    assert_eq!(
        s.list("thi-tran-1", "").await["items"][0]["text"],
        "Số điện thoại [đã xoá]"
    );

    let res = s
        .client
        .delete(s.url(&format!("/api/moderation/comments/{id}")))
        .bearer_auth(&lan)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(s.list("thi-tran-1", "").await["total"], 0);
    assert_eq!(s.count_rows("true").await, 0, "the reply went with it");

    let (_, log) = s.get_as(&lan, "/api/moderation/audit").await;
    let actions: Vec<(&str, i64)> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["action"].as_str().unwrap(),
                i["comment_id"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        actions,
        [
            ("delete", id),
            ("delete", r),
            ("edit", id),
            ("approve", r),
            ("approve", id)
        ]
    );
    let edit = &log["items"][2];
    assert_eq!(edit["before"]["text"], "Số điện thoại 0900");
    assert_eq!(edit["after"]["text"], "Số điện thoại [đã xoá]");
    assert_eq!(log["items"][0]["after"], Value::Null);
    assert_eq!(log["items"][0]["before"]["text"], "Số điện thoại [đã xoá]");
    s.stop().await;
}

on_both_backends!(
    two_moderators_are_named_in_the_audit_log,
    named_moderators_work_without_a_shared_token,
    failed_sign_ins_back_off_per_client,
    editor_replies_are_published_at_once_as_the_editors,
    edits_and_deletes_are_logged_with_before_and_after,
);
