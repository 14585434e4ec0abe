//! Browser tests (wasm-bindgen-test in headless Chromium) of the list of articles as the browser
//! renders it (`src/site/list.rs`): the same markup the server sends, its heading ready to take the
//! focus, each entry a link with its time, lead and picture, and the links between pages.
#![cfg(target_arch = "wasm32")]

use article_viewer::i18n::UiLang;
use article_viewer::site::list::{list_title, ArticleList, LIST_HEADING_ID};
use article_viewer_wire::index::{ArticleIndex, ArticleSummary};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

fn index(n: usize, page: u32, pages: u32) -> ArticleIndex {
    ArticleIndex {
        items: (0..n)
            .map(|i| ArticleSummary {
                id: format!("a{i}"),
                href: format!("https://x.vn/articles/a{i}"),
                src: format!("https://x.vn/content/a{i}.json"),
                title: format!("Bài {i} <b>không đậm</b>"),
                published: Some("2022-04-18T17:09:00+07:00".into()),
                lead: (i % 2 == 0).then(|| format!("Mở đầu {i}")),
                image: (i == 0).then(|| "https://x.vn/a.png".into()),
                lang: Some("vi".into()),
            })
            .collect(),
        page,
        pages,
        total: 25,
        href: "https://x.vn/articles/page/2".into(),
        prev: (page > 1).then(|| "https://x.vn/articles/".into()),
        next: (page < pages).then(|| "https://x.vn/articles/page/3".into()),
    }
}

#[wasm_bindgen_test]
fn the_list_renders_each_article_as_text_with_its_link_and_time() {
    let c = container();
    let data = Arc::new(index(3, 2, 3));
    let _handle = leptos::mount::mount_to(c.clone(), move || {
        view! { <ArticleList index=data lang=UiLang::Vi /> }
    });
    let heading = c
        .query_selector(&format!("#{LIST_HEADING_ID}"))
        .unwrap()
        .unwrap();
    assert_eq!(heading.get_attribute("tabindex").as_deref(), Some("-1"));
    assert_eq!(heading.text_content().unwrap(), "Bài viết");
    let links = c.query_selector_all(".av-card__link").unwrap();
    assert_eq!(links.length(), 3);
    let first: HtmlElement = links.get(0).unwrap().unchecked_into();
    // Titles are text: the markup in them is shown, never parsed.
    assert_eq!(first.text_content().unwrap(), "Bài 0 <b>không đậm</b>");
    assert!(c.query_selector(".av-card b").unwrap().is_none());
    assert_eq!(
        first.get_attribute("href").as_deref(),
        Some("https://x.vn/articles/a0")
    );
    let time = c.query_selector(".av-card time").unwrap().unwrap();
    assert_eq!(time.text_content().unwrap(), "17:09 18/04/2022");
    assert_eq!(c.query_selector_all(".av-card__lead").unwrap().length(), 2);
    let img = c.query_selector(".av-card__image").unwrap().unwrap();
    assert_eq!(img.get_attribute("alt").as_deref(), Some(""));
    assert_eq!(
        c.query_selector(".av-list__count")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "25 bài viết · trang 2/3"
    );
    let rels: Vec<String> = (0..c.query_selector_all(".av-list__page").unwrap().length())
        .filter_map(|i| c.query_selector_all(".av-list__page").unwrap().get(i))
        .filter_map(|n| n.unchecked_into::<web_sys::Element>().get_attribute("rel"))
        .collect();
    assert_eq!(rels, ["prev", "next"]);
    assert_eq!(
        list_title(&index(1, 2, 3), UiLang::Vi),
        "Bài viết · trang 2/3"
    );
    assert_eq!(list_title(&index(1, 1, 3), UiLang::En), "Articles");
    c.remove();
}

#[wasm_bindgen_test]
fn an_empty_list_says_so_in_english_too() {
    let c = container();
    let mut empty = index(0, 1, 1);
    empty.total = 0;
    let data = Arc::new(empty);
    let _handle = leptos::mount::mount_to(c.clone(), move || {
        view! { <ArticleList index=data lang=UiLang::En /> }
    });
    assert_eq!(
        c.query_selector(".av-list__empty")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "There are no articles yet."
    );
    assert!(c.query_selector(".av-list__pages").unwrap().is_none());
    assert_eq!(
        c.query_selector(".av-list__count")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "0 articles"
    );
    c.remove();
}
