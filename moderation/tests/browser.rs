//! Browser tests (wasm-bindgen-test in headless Chromium): the answers read through the browser's
//! own JSON parser and serde-wasm-bindgen, and one comment mounted for real (text stays text,
//! names and parent shown).
#![cfg(target_arch = "wasm32")]

use article_viewer_moderation::components::item::{ItemActions, ItemState, QueueItem};
use article_viewer_moderation::i18n::Lang;
use article_viewer_moderation::model::{Decision, Item, Parent, Status};
use article_viewer_moderation::wire::{audit, me, page};
use article_viewer_wire::moderation::ModerationComment;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_servers_answer_is_read_with_titles_parents_and_counts() {
    let p = page(
        r#"{"total":2,"page":1,"per_page":100,"counts":{"pending":2,"published":7,"rejected":1},
        "items":[
          {"id":12,"article_id":"a","parent_id":null,"author_name":"An","author_email":"an@example.vn",
           "created":"2026-11-28T10:00:00Z","text":"<b>x</b>","status":"pending",
           "article_title":"Tết","article_url":"https://portal.example/a.html","parent":null},
          {"id":13,"article_id":"a","parent_id":12,"author_name":"Bình","author_email":"b@example.vn",
           "created":"2026-11-28T10:01:00Z","text":"reply","status":"pending",
           "article_title":null,"article_url":null,
           "parent":{"id":12,"author_name":"An","text":"gốc","status":"published"},"extra":true}]}"#,
    )
    .expect("a valid answer");
    assert_eq!(p.total, 2);
    assert_eq!(p.counts().published, 7);
    assert_eq!(p.items[0].article_title.as_deref(), Some("Tết"));
    assert_eq!(p.items[0].comment.text, "<b>x</b>");
    assert_eq!(p.items[0].comment.id, 12);
    assert_eq!(p.items[1].comment.parent_id, Some(12));
    assert_eq!(p.items[1].article_title.as_deref(), None);
    let parent = p.items[1].parent.as_ref().expect("a parent");
    assert_eq!(
        (parent.id, parent.status.valid().copied()),
        (12, Some(Status::Published))
    );
}

#[wasm_bindgen_test]
fn a_wrong_optional_field_costs_only_that_field() {
    let p = page(
        r#"{"total":1,"counts":[1],"items":[{"id":4,"article_id":"a","author_name":"A","author_email":{},
           "created":"t","text":"x","status":"pending","article_title":7,
           "parent":{"id":3,"author_name":"B","text":"y","status":"spam"}}]}"#,
    )
    .expect("readable");
    assert_eq!(p.counts().pending, 0);
    assert_eq!(p.items[0].comment.id, 4);
    assert_eq!(p.items[0].article_title.as_deref(), None);
    assert_eq!(p.items[0].comment.author_email.as_deref(), None);
    assert!(!p.items[0].parent.as_ref().expect("parent").is_published());
    assert_eq!(
        p.invalid_fields(),
        [
            "counts",
            "items[0].author_email",
            "items[0].article_title",
            "items[0].parent.status"
        ]
    );
    assert_eq!(
        me(r#"{"name":"Lan","shared":true}"#),
        Ok(("Lan".into(), true))
    );
    assert_eq!(
        me(r#"{"name":"Lan","shared":"no"}"#),
        Ok(("Lan".into(), false))
    );
}

#[wasm_bindgen_test]
fn a_wrong_answer_is_unreadable_and_names_a_missing_field() {
    let e = page(r#"{"total":0}"#).expect_err("no items");
    assert!(e.0.contains("items"), "{e}");
    assert!(page(r#"{"total":1,"items":[{"id":"1"}]}"#).is_err());
    let e = page(
        r#"{"total":1,"items":[{"id":1,"article_id":"a","author_name":"A","created":"t","status":"pending"}]}"#,
    )
    .expect_err("no text");
    assert!(e.0.contains("text"), "{e}");
    assert!(page(r#"{"total":-1,"items":[]}"#).is_err());
    assert!(page(r#"{"total":1.5,"items":[]}"#).is_err());
    assert!(page("<html>").is_err());
    assert!(me(r#"{"shared":true}"#).is_err());
}

#[wasm_bindgen_test]
async fn a_mounted_comment_shows_its_text_as_text_and_names_its_buttons() {
    let host: HtmlElement = document()
        .create_element("div")
        .expect("div")
        .unchecked_into();
    document()
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    let decided = RwSignal::new(None::<(i64, Decision)>);
    let replied = RwSignal::new(None::<(i64, String)>);
    let item = Item {
        comment: ModerationComment {
            id: 5,
            article_id: "a".into(),
            author_name: "An".into(),
            author_email: "an@example.vn".to_string().into(),
            created: "2026-11-28T10:00:00Z".into(),
            text: "<img src=x onerror=alert(1)>".into(),
            ..ModerationComment::default()
        },
        article_title: "Tết".to_string().into(),
        article_url: "javascript:alert(1)".to_string().into(),
        parent: Some(Parent {
            id: 4,
            author_name: "Bình".into(),
            text: "Bài gốc".into(),
            status: Status::Pending.into(),
        }),
    };
    let handle = leptos::mount::mount_to(host.clone(), move || {
        let state = ItemState {
            current: Signal::derive(|| true),
            selected: Signal::derive(|| false),
            busy: Signal::derive(|| false),
        };
        let actions = ItemActions {
            decide: Callback::new(move |d| decided.set(Some(d))),
            select: Callback::new(|_| {}),
            reply: Callback::new(move |(id, text, done): (i64, String, Callback<bool>)| {
                replied.set(Some((id, text)));
                done.run(true);
            }),
            focused: Callback::new(|_| {}),
        };
        view! { <QueueItem item=item.clone() lang=RwSignal::new(Lang::En) state actions /> }
    });
    leptos::task::tick().await;
    let q = |sel: &str| host.query_selector(sel).expect("selector");
    let text = q("[data-testid=avm-text]").expect("text");
    assert_eq!(
        text.text_content().as_deref(),
        Some("<img src=x onerror=alert(1)>")
    );
    assert!(q("img").is_none(), "no element from the comment text");
    assert!(q("a").is_none(), "a javascript: address is not a link");
    assert_eq!(
        q("[data-testid=avm-article]")
            .and_then(|e| e.text_content())
            .as_deref(),
        Some("Tết")
    );
    let parent = q("[data-testid=avm-parent]")
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    assert!(
        parent.contains("In reply to Bình:") && parent.contains("not published"),
        "{parent}"
    );
    let approve: HtmlElement = q("[data-testid=avm-approve]")
        .expect("approve")
        .unchecked_into();
    assert_eq!(
        approve.get_attribute("aria-label").as_deref(),
        Some("Approve the comment by An")
    );
    assert_eq!(
        q("article")
            .and_then(|a| a.get_attribute("tabindex"))
            .as_deref(),
        Some("0")
    );
    approve.click();
    assert_eq!(decided.get_untracked(), Some((5, Decision::Approve)));

    // The reply form: opens from its button, refuses an empty reply, sends what was typed.
    let reply: HtmlElement = q("[data-testid=avm-reply]")
        .expect("reply")
        .unchecked_into();
    assert_eq!(
        reply.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    reply.click();
    leptos::task::tick().await;
    assert_eq!(
        reply.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    let send: HtmlElement = q("[data-testid=avm-reply-send]")
        .expect("send")
        .unchecked_into();
    send.click();
    leptos::task::tick().await;
    assert_eq!(replied.get_untracked(), None, "an empty reply is not sent");
    let field: web_sys::HtmlTextAreaElement = q("[data-testid=avm-reply-text]")
        .expect("field")
        .unchecked_into();
    assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
    field.set_value("Cảm ơn bạn đọc.");
    field
        .dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    send.click();
    leptos::task::tick().await;
    assert_eq!(
        replied.get_untracked(),
        Some((5, "Cảm ơn bạn đọc.".to_string()))
    );
    assert!(
        q("[data-testid=avm-reply-form]").is_none(),
        "closed once sent"
    );
    drop(handle);
}

#[wasm_bindgen_test]
fn the_moderation_log_is_read_with_names_and_statuses() {
    let rows = audit(
            r#"{"total":2,"page":1,"per_page":50,"items":[
              {"id":2,"at":"2026-11-28T10:05:00Z","moderator":"Lê Minh","action":"reply","comment_id":9,
               "before":null,"after":{"id":9,"parent_id":4,"author_name":"Ban biên tập","status":"published"}},
              {"id":1,"at":"2026-11-28T10:00:00Z","moderator":"Lan","action":"approve","comment_id":4,
               "before":{"status":"pending","author_name":"An"},"after":{"status":"published","author_name":"An"}}]}"#,
    )
    .expect("a valid log");
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0]
            .after
            .as_ref()
            .and_then(|a| a.parent_id.valid().copied()),
        Some(4)
    );
    assert_eq!(
        article_viewer_moderation::audit::sentence(&rows[1], &article_viewer_moderation::i18n::EN),
        "Lan approved comment #4 by An (pending → published)."
    );
}
