//! Browser tests of the comments widget (wasm-bindgen-test in headless Chromium): comment text
//! stays text, and the keyed list keeps the nodes of what did not change.
#![cfg(target_arch = "wasm32")]

use article_viewer::comments::contract::{Comment, CommentsPage};
use article_viewer::comments::controller::CommentsController;
use article_viewer::comments::model::PageRequest;
use article_viewer::comments::thread::Thread;
use article_viewer::comments::view::list::CommentList;
use article_viewer::comments::view::thread::CommentThread;
use article_viewer::i18n::UiLang;
use article_viewer_wire::Lenient;
use leptos::prelude::*;
use leptos::task::tick;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh container in the page body.
fn container() -> HtmlElement {
    let doc = document();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

fn query(root: &Element, testid: &str) -> Element {
    root.query_selector(&format!("[data-testid=\"{testid}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid {testid}"))
}

fn comment(id: i64, text: &str) -> Comment {
    Comment {
        id,
        parent_id: None,
        author_name: format!("Bạn đọc {id}"),
        created: "2026-11-28T10:00:00Z".into(),
        text: text.into(),
        author: Lenient::Absent,
        reply_count: Lenient::Absent,
        replies_next: Lenient::Absent,
        status: Lenient::Absent,
    }
}

/// Mounts `view` with a controller in context (no request is made); returns the controller.
fn mount_with_controller<V: IntoView + 'static>(
    root: &HtmlElement,
    view: impl Fn() -> V + 'static,
) -> CommentsController {
    let slot: Rc<RefCell<Option<CommentsController>>> = Rc::default();
    let keep = Rc::clone(&slot);
    mount_to(root.clone(), move || {
        let ctl = CommentsController::new(
            "https://comments.example/api".into(),
            "test-article",
            UiLang::Vi,
            2,
            None,
        );
        provide_context(ctl);
        *keep.borrow_mut() = Some(ctl);
        view()
    })
    .forget();
    let ctl = slot.borrow().expect("mounted");
    ctl
}

#[wasm_bindgen_test]
async fn comment_links_are_nofollow_and_markup_stays_text() {
    let thread = Thread::new(Comment {
        author_name: "<b>An</b>".into(),
        ..comment(
            1,
            "xem https://a.example/x <img src=x onerror=alert(1)>\nhết",
        )
    });
    let root = container();
    mount_with_controller(
        &root,
        move || view! { <CommentThread thread=thread.clone() /> },
    );
    tick().await;
    let root: Element = root.unchecked_into();
    let text = query(&root, "av-comment-text");
    assert_eq!(text.query_selector_all("img").unwrap().length(), 0);
    let link = text.query_selector("a").unwrap().unwrap();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://a.example/x")
    );
    assert_eq!(
        link.get_attribute("rel").as_deref(),
        Some("nofollow ugc noopener")
    );
    assert!(text
        .text_content()
        .unwrap()
        .contains("<img src=x onerror=alert(1)>\nhết"));
    assert_eq!(
        query(&root, "av-comment-author").text_content().as_deref(),
        Some("<b>An</b>")
    );
}

#[wasm_bindgen_test]
async fn load_more_adds_nodes_and_keeps_the_ones_shown() {
    let root = container();
    let ctl = mount_with_controller(&root, || view! { <CommentList /> });
    let page = |n: u32, ids: &[i64]| CommentsPage {
        total: 3,
        top_level_total: 3.into(),
        replies_per_comment: Lenient::Absent,
        page: n,
        per_page: 2,
        items: ids.iter().map(|id| comment(*id, "Ý kiến")).collect(),
    };
    let first: PageRequest = ctl.model.write().first_page();
    ctl.model
        .update(|m| m.page_loaded(first, &page(1, &[3, 2])));
    tick().await;
    let root: Element = root.unchecked_into();
    let items = || root.query_selector_all("[data-testid=av-comment]").unwrap();
    assert_eq!(items().length(), 2);
    let before = items().get(0).unwrap();
    let next = ctl.model.write().next_page();
    ctl.model.update(|m| m.page_loaded(next, &page(2, &[1])));
    tick().await;
    assert_eq!(items().length(), 3);
    assert!(
        before.is_same_node(items().get(0).as_ref()),
        "the first comment keeps its node"
    );
    assert!(
        root.query_selector("[data-testid=av-load-more]")
            .unwrap()
            .is_none(),
        "no more pages"
    );
}

/// The shared rule vectors (`rules/vectors.json`) with the browser's own NFC
/// (`String.prototype.normalize`), as the form counts and checks them.
#[wasm_bindgen_test]
fn the_shared_rule_vectors_hold_with_the_browsers_normalisation() {
    use article_viewer::comments::draft::{Draft, Field, Problem};
    let doc: serde_json::Value =
        serde_json::from_str(include_str!("../rules/vectors.json")).unwrap();
    let vectors = doc["vectors"].as_array().unwrap();
    let mut checked = 0;
    for v in vectors {
        let input = v["input"]
            .as_str()
            .unwrap()
            .repeat(v["repeat"].as_u64().unwrap_or(1) as usize);
        let field = match v["field"].as_str().unwrap() {
            "name" => Field::Name,
            "email" => Field::Email,
            "text" => Field::Text,
            _ => continue,
        };
        let mut d = Draft {
            name: "Nguyễn Văn An".into(),
            email: "an@example.vn".into(),
            text: "Bài viết hay.".into(),
            ..Draft::default()
        };
        match field {
            Field::Name => d.name = input,
            Field::Email => d.email = input,
            _ => d.text = input,
        }
        let got = match d.check().iter().find(|(f, _)| *f == field) {
            None => "ok",
            Some((_, Problem::Missing)) => "empty",
            Some((_, Problem::TooLong)) => "too_long",
            Some(_) => "invalid",
        };
        assert_eq!(got, v["expect_nfc"].as_str().unwrap(), "{}", v["name"]);
        checked += 1;
    }
    assert!(checked > 30);
}

/// A top-level comment whose replies the server capped: `count` in all, cursor `next`.
fn capped(id: i64, count: u32, next: &str) -> Comment {
    Comment {
        reply_count: u64::from(count).into(),
        replies_next: Lenient::Valid(Some(next.into())),
        ..comment(id, "Câu hỏi")
    }
}

fn reply_to(id: i64, parent: i64) -> Comment {
    Comment {
        parent_id: Some(parent),
        ..comment(id, &format!("Trả lời {id}"))
    }
}

#[wasm_bindgen_test]
async fn more_replies_append_announce_and_go_when_none_are_left() {
    use article_viewer::comments::api::CommentsError;
    use article_viewer::comments::contract::RepliesPage;
    let root = container();
    let ctl = mount_with_controller(&root, || view! { <CommentList /> });
    let first: PageRequest = ctl.model.write().first_page();
    ctl.model.update(|m| {
        m.page_loaded(
            first,
            &CommentsPage {
                total: 5,
                top_level_total: 1.into(),
                replies_per_comment: Lenient::Absent,
                page: 1,
                per_page: 2,
                items: vec![capped(1, 4, "2"), reply_to(2, 1)],
            },
        )
    });
    tick().await;
    let root: Element = root.unchecked_into();
    let button = || {
        root.query_selector("[data-testid=av-more-replies]")
            .unwrap()
    };
    assert_eq!(
        button().unwrap().text_content().as_deref(),
        Some("Xem thêm 3 trả lời")
    );
    // A failure says so with Retry; nothing is lost.
    let request = ctl.model.write().begin_replies(1).unwrap();
    ctl.model
        .update(|m| m.replies_failed(&request, CommentsError::Timeout));
    tick().await;
    assert!(query(&root, "av-replies-error")
        .text_content()
        .unwrap()
        .contains("Không tải được các trả lời."));
    query(&root, "av-replies-retry");
    // The next page: appended once each, announced, the button counts down and keeps focus.
    let request = ctl.model.write().begin_replies(1).unwrap();
    ctl.model.update(|m| {
        m.replies_loaded(
            &request,
            &RepliesPage {
                parent_id: 1,
                reply_count: 4,
                items: vec![reply_to(2, 1), reply_to(3, 1), reply_to(4, 1)],
                next: Some("4".into()),
            },
        )
    });
    tick().await;
    tick().await;
    let replies = || {
        root.query_selector_all(".av-comment--reply")
            .unwrap()
            .length()
    };
    assert_eq!(replies(), 3);
    assert!(root
        .query_selector("[data-testid=av-replies-error]")
        .unwrap()
        .is_none());
    assert_eq!(
        query(&root, "av-comments-live").text_content().as_deref(),
        Some("Đã hiện thêm 2 trả lời.")
    );
    let more = button().unwrap();
    assert_eq!(more.text_content().as_deref(), Some("Xem thêm 1 trả lời"));
    assert!(
        more.is_same_node(document().active_element().as_deref()),
        "focus stays on the button"
    );
    // The last page: the button goes and focus moves to the first new reply.
    let request = ctl.model.write().begin_replies(1).unwrap();
    ctl.model.update(|m| {
        m.replies_loaded(
            &request,
            &RepliesPage {
                parent_id: 1,
                reply_count: 4,
                items: vec![reply_to(5, 1)],
                next: None,
            },
        )
    });
    tick().await;
    tick().await;
    assert_eq!(replies(), 4);
    assert!(button().is_none());
    assert_eq!(
        document()
            .active_element()
            .and_then(|e| e.get_attribute("data-comment-id"))
            .as_deref(),
        Some("5")
    );
}
