//! Browser tests (wasm-bindgen-test in headless Chromium) of Listen in the viewer: the Listen
//! button is a disclosure, the chunk's panel goes in the toolbar just before its status line, the
//! compact bar at the top of the article, and all of it goes with the article view.
#![cfg(target_arch = "wasm32")]

use article_viewer::config::ViewMode;
use article_viewer::load::prepare;
use article_viewer::view::article::{ArticleOptions, ArticleView};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const SEED: &str = include_str!("../samples/ky-anh-2022-04-15.json");

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh container in the page body.
fn container() -> HtmlElement {
    let doc = document();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

fn find(root: &Element, testid: &str) -> Option<Element> {
    root.query_selector(&format!("[data-testid=\"{testid}\"]"))
        .unwrap()
}

/// Resolves after `ms` milliseconds (for polling a condition, never as a fixed wait).
async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Waits (up to 5 s) until `holds` is true.
async fn until(what: &str, holds: impl Fn() -> bool) {
    for _ in 0..250 {
        if holds() {
            return;
        }
        pause(20).await;
    }
    panic!("not within 5 s: {what}");
}

/// Presses Escape on `el` (the event bubbles, as a key press does).
fn escape(el: &Element) {
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"key".into(), &"Escape".into()).unwrap();
    js_sys::Reflect::set(&init, &"bubbles".into(), &JsValue::TRUE).unwrap();
    js_sys::Reflect::set(&init, &"cancelable".into(), &JsValue::TRUE).unwrap();
    let class = js_sys::Reflect::get(&js_sys::global(), &"KeyboardEvent".into()).unwrap();
    let args = js_sys::Array::of2(&"keydown".into(), &init);
    let event =
        js_sys::Reflect::construct(class.unchecked_ref::<js_sys::Function>(), &args).unwrap();
    el.dispatch_event(event.unchecked_ref()).unwrap();
}

fn focused() -> Option<Element> {
    document().active_element()
}

#[wasm_bindgen_test]
async fn the_listen_panel_opens_under_the_toolbar_and_escape_closes_it_onto_the_button() {
    let loaded = Arc::new(prepare(SEED, "http://localhost/samples/ky-anh.json").unwrap());
    let root = container();
    let options = ArticleOptions {
        mode: ViewMode::Read,
        page_url: None,
        id_prefix: "t".to_string(),
        comments: false,
        host: None,
    };
    let mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <ArticleView loaded options /> }
    });
    let root: Element = root.unchecked_into();
    let Some(button) = find(&root, "av-listen-toggle") else {
        // A browser that cannot speak has no Listen button (e2e/listen.test.mjs covers the bar).
        assert!(!article_viewer::view::listen_toggle::can_speak());
        return;
    };
    let button: HtmlElement = button.unchecked_into();
    // Before the chunk: a closed disclosure, and nothing of Listen's in the page.
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    let controls = button.get_attribute("aria-controls").unwrap();
    assert!(find(&root, "av-listen").is_none());
    assert!(root.query_selector(".av-bar-slot").unwrap().is_none());

    button.click();
    until("the panel is in", || find(&root, "av-listen").is_some()).await;
    let panel = find(&root, "av-listen").unwrap();
    let id = panel.id();
    assert!(
        id.starts_with("av-listen") && id.ends_with("-panel"),
        "panel id {id}"
    );
    assert_eq!(id, controls);
    assert_eq!(panel.class_name(), "av-listen");
    until("the panel is shown", || !panel.has_attribute("hidden")).await;
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    // In the toolbar, just before its status line.
    let toolbar = find(&root, "av-toolbar").unwrap();
    assert_eq!(panel.parent_element(), Some(toolbar));
    let status = panel.next_element_sibling().unwrap();
    assert_eq!(
        status.get_attribute("data-testid").as_deref(),
        Some("av-copy-status")
    );
    // The compact bar and the live region: first in the article.
    let article = find(&root, "av-article").unwrap();
    let slot = article.first_element_child().unwrap();
    assert_eq!(slot.class_name(), "av-bar-slot");
    assert!(find(&slot, "av-bar").is_some());
    assert!(find(&slot, "av-listen-live").is_some());

    // Escape inside the open panel closes it and puts focus back on Listen.
    let inside = panel.first_element_child().unwrap();
    escape(&inside);
    until("Escape in the panel closes it", || {
        panel.has_attribute("hidden")
    })
    .await;
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_eq!(focused(), Some(button.clone().into()));

    // Listen opens it again (the chunk is not asked for twice); Escape on the button closes it.
    button.click();
    until("Listen opens it again", || !panel.has_attribute("hidden")).await;
    assert_eq!(root.query_selector_all(".av-listen").unwrap().length(), 1);
    escape(&button);
    until("Escape on Listen closes it", || {
        panel.has_attribute("hidden")
    })
    .await;
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );

    // Gone with the article view.
    drop(mounted);
    assert!(!panel.is_connected());
    assert!(!slot.is_connected());
}
