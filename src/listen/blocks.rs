//! The article's blocks as the page shows them, in reading order: the title, the lead, the hero
//! figure and every block of the body (inside and across its `content-visibility` chunks), each
//! with its kind and text for the queue and its element for the highlight.

use crate::listen::queue::{Kind, Source};
use wasm_bindgen::JsCast;
use web_sys::Element;

/// Tags whose children are blocks of their own (read one by one), when they have any.
const CONTAINERS: [&str; 12] = [
    "div",
    "section",
    "article",
    "aside",
    "main",
    "header",
    "footer",
    "ul",
    "ol",
    "dl",
    "blockquote",
    "details",
];

/// Tags that start a block of their own.
const BLOCKS: [&str; 22] = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "dt",
    "dd",
    "ul",
    "ol",
    "dl",
    "div",
    "blockquote",
    "figure",
    "table",
    "pre",
    "section",
    "details",
    "summary",
    "hr",
];

fn tag(el: &Element) -> String {
    el.tag_name().to_ascii_lowercase()
}

fn has_class(el: &Element, class: &str) -> bool {
    el.class_list().contains(class)
}

fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default()
}

fn children(el: &Element) -> Vec<Element> {
    let list = el.children();
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// A figure's words: its caption, else its images' alternative text.
fn figure_text(figure: &Element) -> String {
    if let Ok(Some(caption)) = figure.query_selector("figcaption") {
        let t = text(&caption);
        if !t.trim().is_empty() {
            return t;
        }
    }
    figure
        .query_selector("img")
        .ok()
        .flatten()
        .and_then(|img| img.get_attribute("alt"))
        .unwrap_or_default()
}

fn push(out: &mut Vec<(Source, Element)>, kind: Kind, words: String, el: &Element) {
    out.push((Source::new(kind, words), el.clone()));
}

/// Adds the blocks inside `parent` to `out`.
fn walk(parent: &Element, out: &mut Vec<(Source, Element)>) {
    for el in children(parent) {
        let name = tag(&el);
        if has_class(&el, "av-chunk") {
            walk(&el, out);
        } else if has_class(&el, "av-embed") {
            let title = el
                .query_selector(".av-embed__title")
                .ok()
                .flatten()
                .map(|t| text(&t))
                .unwrap_or_default();
            push(out, Kind::Media, title, &el);
        } else if has_class(&el, "av-table-scroll") || name == "table" {
            push(out, Kind::Table, String::new(), &el);
        } else if name == "figure" {
            push(out, Kind::Figure, figure_text(&el), &el);
        } else if name == "img" {
            let alt = el.get_attribute("alt").unwrap_or_default();
            push(out, Kind::Figure, alt, &el);
        } else if name == "pre" || name == "code" {
            push(out, Kind::Code, String::new(), &el);
        } else if name == "math" {
            push(out, Kind::Formula, String::new(), &el);
        } else if name == "video" || name == "audio" || name == "iframe" {
            push(
                out,
                Kind::Media,
                el.get_attribute("title").unwrap_or_default(),
                &el,
            );
        } else if name == "hr" || name == "br" || name == "script" || name == "style" {
            continue;
        } else if CONTAINERS.contains(&name.as_str())
            && children(&el)
                .iter()
                .any(|c| BLOCKS.contains(&tag(c).as_str()) || has_class(c, "av-embed"))
        {
            walk(&el, out);
        } else {
            push(out, Kind::Text, text(&el), &el);
        }
    }
}

/// The blocks of the article `article` (the `.av-article` element), in reading order.
pub fn collect(article: &Element) -> Vec<(Source, Element)> {
    let mut out = Vec::new();
    let find = |selector: &str| article.query_selector(selector).ok().flatten();
    if let Some(title) = find(".av-article__title") {
        push(&mut out, Kind::Title, text(&title), &title);
    }
    if let Some(lead) = find(".av-article__lead") {
        push(&mut out, Kind::Lead, text(&lead), &lead);
    }
    if let Some(hero) = find(".av-article__hero") {
        push(&mut out, Kind::Figure, figure_text(&hero), &hero);
    }
    if let Some(body) = find(".av-article__body") {
        walk(&body, &mut out);
    }
    out
}

/// Index of the first block whose bottom is below `top` px of the viewport (binary search: the
/// blocks are in document order, so their positions grow), or `None` when the title is in view.
pub fn first_in_view(blocks: &[Element], top: f64) -> Option<usize> {
    let bottom = |i: usize| blocks[i].get_bounding_client_rect().bottom();
    if blocks.is_empty() || bottom(0) > top {
        return None;
    }
    let (mut lo, mut hi) = (0, blocks.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        if bottom(mid) > top {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    (lo < blocks.len()).then_some(lo)
}

/// `el` as an `HtmlElement`, if it is one.
pub fn html(el: &Element) -> Option<web_sys::HtmlElement> {
    el.clone().dyn_into().ok()
}
