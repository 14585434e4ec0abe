//! Browser tests (wasm-bindgen-test in headless Chromium): the HTML-to-tree conversion, the URL
//! policy checked against the browser's own URL parser, and the components mounted for real.
#![cfg(target_arch = "wasm32")]

use article_viewer::config::ViewMode;
use article_viewer::content::render::{nodes_view, BodyOptions};
use article_viewer::content::sanitize::sanitize;
use article_viewer::i18n::UiLang;
use article_viewer::load::{prepare, LoadError};
use article_viewer::url_policy::{allow, resolve, UrlUse};
use article_viewer::view::article::{ArticleOptions, ArticleView};
use article_viewer::view::error_panel::ErrorPanel;
use leptos::prelude::*;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const SEED: &str = include_str!("../samples/ky-anh-2022-04-15.json");
const HOSTILE: &str = include_str!("../samples/hostile.json");

fn window() -> web_sys::Window {
    web_sys::window().unwrap()
}

/// A fresh container in the page body.
fn container() -> HtmlElement {
    let doc = window().document().unwrap();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

fn query(root: &Element, testid: &str) -> Element {
    root.query_selector(&format!("[data-testid=\"{testid}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid {testid}"))
}

/// Every element and attribute name under `root`, for policy checks.
fn all_names(root: &Element) -> (Vec<String>, Vec<String>) {
    let list = root.query_selector_all("*").unwrap();
    let mut elements = Vec::new();
    let mut attrs = Vec::new();
    for i in 0..list.length() {
        let el: Element = list.item(i).unwrap().unchecked_into();
        elements.push(el.local_name());
        let names = el.get_attribute_names();
        for j in 0..names.length() {
            let name = names.get(j).as_string().unwrap();
            let value = el.get_attribute(&name).unwrap_or_default();
            attrs.push(format!("{name}={value}"));
        }
    }
    (elements, attrs)
}

#[wasm_bindgen_test]
async fn hostile_body_renders_only_allowed_nodes() {
    let loaded = prepare(HOSTILE, "http://localhost/samples/hostile.json").unwrap();
    let root = container();
    let options = BodyOptions {
        lang: UiLang::Vi,
        lazy_images: true,
    };
    let _mounted = leptos::mount::mount_to(root.clone(), move || nodes_view(&loaded.body, options));
    let (elements, attrs) = all_names(&root);
    let allowed = [
        "div",
        "p",
        "a",
        "img",
        "blockquote",
        "table",
        "tbody",
        "tr",
        "td",
        "strong",
        "b",
        "br",
    ];
    for el in &elements {
        assert!(allowed.contains(&el.as_str()), "unexpected element <{el}>");
    }
    for attr in &attrs {
        let (name, value) = attr.split_once('=').unwrap();
        assert!(!name.starts_with("on"), "event handler {attr}");
        assert!(
            !["style", "srcdoc", "target", "ping", "background"].contains(&name),
            "{attr}"
        );
        let lower = value.trim().to_ascii_lowercase();
        assert!(
            !lower.starts_with("javascript:")
                && !lower.starts_with("data:")
                && !lower.starts_with("vbscript:"),
            "dangerous URL {attr}"
        );
    }
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("Đoạn an toàn thứ nhất."));
    assert!(text.contains("Đoạn an toàn cuối cùng"));
    assert!(
        !text.contains("__pwned='script'"),
        "script content leaked as text"
    );
    let pwned = js_sys::Reflect::get(&window(), &"__pwned".into()).unwrap();
    assert!(pwned.is_undefined());
}

#[wasm_bindgen_test]
fn sanitizer_matches_the_browser_on_entities() {
    // The tokenizer's character references decode as the browser's own parser decodes them.
    let samples = [
        "&agrave;&ecirc;&#7843;&#x1EA1;",
        "&lt;b&gt; &amp;amp;",
        "&#150;&#8220;x&#8221;",
        "a &copy2 b",
    ];
    for html in samples {
        let ours = sanitize(html, None)
            .iter()
            .map(|n| n.text_content())
            .collect::<String>();
        // The browser's parser in an inert document (this is a test, not the viewer).
        let parser = web_sys::DomParser::new().unwrap();
        let doc = parser
            .parse_from_string(&format!("<p>{html}</p>"), web_sys::SupportedType::TextHtml)
            .unwrap();
        let browser = doc.body().unwrap().text_content().unwrap_or_default();
        assert_eq!(ours, browser, "{html}");
    }
}

#[wasm_bindgen_test]
fn url_resolution_matches_the_browser() {
    let base = "https://portal.example/tin-tuc/2022/bai.html?x=1#top";
    let references = [
        "a.jpg",
        "./a.jpg",
        "../a.jpg",
        "../../../../a.jpg",
        "/a.jpg",
        "//cdn.example/a.jpg",
        "?page=2",
        "#section",
        "a/b/../c.jpg",
        "a/./b.jpg",
        "",
        "g;x?y#s",
        "/\\evil.example/x",
    ];
    for r in references {
        let browser = web_sys::Url::new_with_base(r, base).unwrap().href();
        let ours = resolve(base, r);
        let ours = web_sys::Url::new(&ours).unwrap().href(); // normalise the same way
        assert_eq!(ours, browser, "reference {r:?}");
    }
}

#[wasm_bindgen_test]
fn url_policy_refuses_what_the_browser_would_run() {
    for raw in [
        "javascript:alert(1)",
        "\u{0}javascript:alert(1)",
        " jav\tascript:alert(1)",
        "data:text/html,x",
    ] {
        assert!(
            allow(raw, Some("https://a.example/"), UrlUse::Link).is_err(),
            "{raw:?}"
        );
        // The browser agrees these are not http(s).
        if let Ok(u) = web_sys::Url::new_with_base(raw, "https://a.example/") {
            assert!(!u.protocol().starts_with("http"), "{raw:?}");
        }
    }
}

#[wasm_bindgen_test]
async fn article_view_shows_the_seed_in_portal_style() {
    let loaded = prepare(SEED, "http://localhost/samples/ky-anh.json").unwrap();
    let root = container();
    let options = ArticleOptions {
        mode: ViewMode::Read,
        page_url: None,
        id_prefix: "t".to_string(),
        comments: false,
        host: None,
    };
    let loaded = Arc::new(loaded);
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <ArticleView loaded options /> }
    });
    let root: Element = root.unchecked_into();
    assert_eq!(
        query(&root, "av-published").text_content().unwrap(),
        "17:09 18/04/2022"
    );
    assert_eq!(
        query(&root, "av-caption").text_content().unwrap(),
        "Các đại biểu dự làm việc"
    );
    assert!(query(&root, "av-byline")
        .text_content()
        .unwrap()
        .contains("Đậu Thị Anh"));
    let article = query(&root, "av-article");
    assert_eq!(article.get_attribute("lang").as_deref(), Some("vi"));
    assert_eq!(article.query_selector_all("h1").unwrap().length(), 1);
}

#[wasm_bindgen_test]
async fn error_panel_retry_calls_back() {
    let root = container();
    let clicks = Arc::new(AtomicU32::new(0));
    let counted = Arc::clone(&clicks);
    let mounted = leptos::mount::mount_to(root.clone(), move || {
        let on_retry = Callback::new(move |()| {
            counted.fetch_add(1, Ordering::Relaxed);
        });
        view! { <ErrorPanel error=LoadError::Timeout lang=UiLang::En on_retry /> }
    });
    let root: Element = root.unchecked_into();
    assert_eq!(
        query(&root, "av-error")
            .get_attribute("data-error-kind")
            .as_deref(),
        Some("timeout")
    );
    assert!(query(&root, "av-error-message")
        .text_content()
        .unwrap()
        .contains("took too long"));
    let button: HtmlElement = query(&root, "av-retry").unchecked_into();
    button.click();
    button.click();
    assert_eq!(clicks.load(Ordering::Relaxed), 2);
    // Once the panel is unmounted, its button is gone and no longer calls back.
    drop(mounted);
    assert!(!button.is_connected());
    button.click();
    assert_eq!(clicks.load(Ordering::Relaxed), 2);
}

#[wasm_bindgen_test]
async fn text_size_buttons_change_the_shared_size_and_stop_at_the_ends() {
    use article_viewer::reader::store::Settings;
    use article_viewer::view::text_size_control::TextSizeControl;
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <TextSizeControl lang=UiLang::Vi /> }
    });
    let root: Element = root.unchecked_into();
    let up: HtmlElement = query(&root, "av-size-up").unchecked_into();
    let reset: HtmlElement = query(&root, "av-size-reset").unchecked_into();
    reset.click();
    for _ in 0..12 {
        up.click();
    }
    assert_eq!(Settings::page().get_untracked().size.percent(), 300);
    leptos::task::tick().await;
    assert_eq!(up.get_attribute("aria-disabled").as_deref(), Some("true"));
    assert!(query(&root, "av-size-value")
        .text_content()
        .unwrap()
        .contains("300"));
    reset.click();
    assert_eq!(Settings::page().get_untracked().size.percent(), 100);
}

/// Resolves after `ms` milliseconds (for polling a condition, never as a fixed wait).
async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Waits (up to 5 s) until `root` holds an element with `data-testid=testid`.
async fn wait_for(root: &Element, testid: &str) -> Element {
    for _ in 0..250 {
        if let Ok(Some(el)) = root.query_selector(&format!("[data-testid=\"{testid}\"]")) {
            return el;
        }
        pause(20).await;
    }
    panic!("no element with data-testid {testid} within 5 s");
}

#[wasm_bindgen_test]
async fn the_settings_model_is_stored_announced_and_follows_the_loaders() {
    use article_viewer::reader::prefs::{Prefs, STORAGE_KEY};
    use article_viewer::reader::store::{Settings, SYNC_EVENT};
    use article_viewer::reader::text_size::TextSize;
    let settings = Settings::page();
    settings.update(|p| p.size = TextSize::default());
    let heard = Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = Arc::clone(&heard);
    let handle = window_event_listener_untyped(SYNC_EVENT, move |ev| {
        let detail = ev
            .dyn_ref::<web_sys::CustomEvent>()
            .and_then(|e| e.detail().as_string())
            .unwrap_or_default();
        log.lock().unwrap().push(detail);
    });
    settings.update(|p| p.size = p.size.increase());
    // No change: nothing stored or announced.
    settings.update(|p| p.size = TextSize::nearest(113).unwrap_or_default());
    assert_eq!(settings.get_untracked().size.percent(), 113);
    let stored = window()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item(STORAGE_KEY)
        .unwrap()
        .unwrap_or_default();
    assert_eq!(Prefs::decode(&stored).size.percent(), 113);
    assert_eq!(heard.lock().unwrap().len(), 1, "one change, one event");
    handle.remove();
    // A host's change through the embed loader (the same event) reaches the model.
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&"size=150".into());
    let ev = web_sys::CustomEvent::new_with_event_init_dict(SYNC_EVENT, &init).unwrap();
    window().dispatch_event(&ev).unwrap();
    assert_eq!(settings.get_untracked().size.percent(), 150);
    settings.update(|p| p.size = TextSize::default());
}

#[wasm_bindgen_test]
async fn a_viewer_shows_an_error_with_retry_and_is_gone_once_dropped() {
    use article_viewer::view::viewer::{ViewerHandle, ViewerOptions};
    let container = container();
    let viewer = ViewerHandle::mount(
        container.clone(),
        ViewerOptions {
            src: "/no-such-article.json".to_string(),
            lang: UiLang::En,
            comments: false,
            ..ViewerOptions::default()
        },
    );
    let root: Element = container.clone().unchecked_into();
    assert!(
        query(&root, "av-viewer")
            .get_attribute("data-theme")
            .is_some(),
        "the reader's theme is on the root"
    );
    let error = wait_for(&root, "av-error").await;
    assert_eq!(
        error.get_attribute("data-error-kind").as_deref(),
        Some("not-found")
    );
    // Retry asks again: the loading line, then the same error.
    let retry: HtmlElement = query(&root, "av-retry").unchecked_into();
    retry.click();
    // The loading line comes within the same task's microtasks (before any answer can arrive).
    let loading = || {
        root.query_selector("[data-testid=av-loading]")
            .unwrap()
            .is_some()
    };
    for _ in 0..20 {
        if loading() {
            break;
        }
        leptos::task::tick().await;
    }
    assert!(loading(), "Retry shows the loading line");
    wait_for(&root, "av-error").await;
    drop(viewer);
    assert_eq!(root.child_element_count(), 0, "the viewer's nodes are gone");
}

#[wasm_bindgen_test]
async fn the_viewer_root_carries_every_setting_and_a_default_removes_its_property() {
    use article_viewer::reader::prefs::Prefs;
    use article_viewer::reader::store::Settings;
    use article_viewer::view::viewer::{ViewerHandle, ViewerOptions};
    let container = container();
    let _viewer = ViewerHandle::mount(
        container.clone(),
        ViewerOptions {
            src: "/no-such-article.json".to_string(),
            comments: false,
            ..ViewerOptions::default()
        },
    );
    let root = query(&container.clone().unchecked_into(), "av-viewer");
    let style = root.unchecked_ref::<HtmlElement>().style();
    let strongest = Prefs::decode(
        "size=250;line=relaxed;letter=wider;word=wider;para=double;width=narrow;font=reading",
    );
    Settings::page().update(|p| *p = strongest);
    leptos::task::tick().await;
    let read = |name: &str| style.get_property_value(name).unwrap_or_default();
    assert_eq!(read("--av-font-scale"), "2.5");
    assert_eq!(read("--av-line-height"), "2");
    assert_eq!(read("--av-letter-spacing"), "0.12em");
    assert_eq!(read("--av-word-spacing"), "0.32em");
    assert_eq!(read("--av-paragraph-spacing"), "2em");
    assert_eq!(read("--av-content-width"), "50ch");
    assert_eq!(read("--av-reader-font"), "var(--av-font-reading)");
    Settings::page().update(|p| *p = Prefs::default());
    leptos::task::tick().await;
    assert_eq!(read("--av-font-scale"), "1");
    for name in [
        "--av-letter-spacing",
        "--av-word-spacing",
        "--av-paragraph-spacing",
        "--av-content-width",
        "--av-reader-font",
    ] {
        assert_eq!(read(name), "", "{name} is left to the stylesheet");
    }
}
