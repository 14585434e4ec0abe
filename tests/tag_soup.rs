//! Property test in the browser: for random tag soup (see `support/soup.rs`), every word the
//! browser itself shows — its own parser (`DOMParser`, text/html), the body's text without
//! `script`, `style`, `template`, `noscript`, `iframe`, `title` and SVG/MathML descriptions —
//! is shown by the viewer (sanitiser + renderer, mounted for real), in the same order.
//! 10,000 cases by default; `TAG_SOUP_CASES=100000` at build time runs more.
#![cfg(target_arch = "wasm32")]

#[path = "support/soup.rs"]
mod soup;

use article_viewer::content::render::{nodes_view, BodyOptions};
use article_viewer::content::sanitize::sanitize;
use article_viewer::i18n::UiLang;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{DomParser, Element, HtmlElement, SupportedType};

wasm_bindgen_test_configure!(run_in_browser);

/// Cases mounted at once.
const BATCH: u64 = 250;

/// Text under `node`, text nodes joined by spaces, skipping elements named in `hidden`.
fn collect(node: &web_sys::Node, hidden: &[&str], out: &mut String) {
    let children = node.child_nodes();
    for i in 0..children.length() {
        let Some(child) = children.item(i) else {
            continue;
        };
        match child.node_type() {
            web_sys::Node::TEXT_NODE => {
                out.push_str(&child.node_value().unwrap_or_default());
                out.push(' ');
            }
            web_sys::Node::ELEMENT_NODE => {
                let el: &Element = child.unchecked_ref();
                if !hidden.contains(&el.local_name().as_str()) {
                    collect(&child, hidden, out);
                }
            }
            _ => {}
        }
    }
}

fn browser_words(parser: &DomParser, html: &str) -> Vec<String> {
    // Parsed as a body's content, as the article's body is: at the very start of a document a
    // `<noscript>` would otherwise be read in "in head" mode, which DOMParser (scripting off)
    // ends at the first text, unlike a page with scripts.
    let doc = parser
        .parse_from_string(&format!("<body>{html}"), SupportedType::TextHtml)
        .expect("DOMParser");
    let mut text = String::new();
    if let Some(body) = doc.body() {
        collect(&body, soup::HIDDEN_ELEMENTS, &mut text);
    }
    soup::words_of(&text)
}

#[wasm_bindgen_test]
async fn every_word_the_browser_shows_is_shown_in_order() {
    let parser = DomParser::new().expect("DOMParser");
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let total = soup::case_count();
    let mut failures = Vec::new();
    let mut checked_words = 0usize;
    let mut start = 0;
    while start < total {
        let end = (start + BATCH).min(total);
        let cases: Vec<(u64, String)> = (start..end).map(|c| (c, soup::soup(c))).collect();
        let root: HtmlElement = doc.create_element("div").expect("div").unchecked_into();
        doc.body()
            .expect("body")
            .append_child(&root)
            .expect("append");
        let trees: Vec<_> = cases
            .iter()
            .map(|(_, html)| sanitize(html, Some("https://portal.example/a/b.html")))
            .collect();
        let mut mounted: Vec<Box<dyn std::any::Any>> = Vec::new();
        let options = BodyOptions {
            lang: UiLang::Vi,
            lazy_images: false,
        };
        for t in &trees {
            let case = doc.create_element("div").expect("div");
            case.set_class_name("case");
            root.append_child(&case).expect("append");
            let t = t.clone();
            mounted.push(Box::new(leptos::mount::mount_to(
                case.unchecked_into(),
                move || nodes_view(&t, options),
            )));
        }
        let rendered = root.children();
        assert_eq!(rendered.length() as usize, cases.len());
        for (i, (case, html)) in cases.iter().enumerate() {
            let want = browser_words(&parser, html);
            let mut text = String::new();
            if let Some(el) = rendered.item(i as u32) {
                collect(&el, &[], &mut text);
            }
            let got = soup::words_of(&text);
            checked_words += want.len();
            if let Err(missing) = soup::in_order(&want, &got) {
                if failures.len() < 5 {
                    failures.push(format!(
                        "case {case}: `{missing}` missing or out of order\n  html: {html}\n  browser: {want:?}\n  ours: {got:?}"
                    ));
                } else {
                    failures.push(format!("case {case}"));
                }
            }
        }
        drop(mounted);
        root.remove();
        start = end;
    }
    assert!(
        checked_words > total as usize,
        "the cases carried almost no words"
    );
    assert!(
        failures.is_empty(),
        "{} of {total} cases lost text:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
