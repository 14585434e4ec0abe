//! A portal's own markup of the article upgraded in place: the light-DOM children of
//! `<article-viewer>` show through the loader's `<slot class="av-prepaint">`, styled by the page,
//! until the viewer's article replaces them in one task (see README, "Embedding in a portal").
//! At that swap the viewer's stylesheet is adopted (never before: its `:host` reset would take the
//! page's inherited styles away from the markup), the reader stays at the same place in the
//! article, and a focus inside the markup moves to the same link, else the title, in the new one.

use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// How the viewer shows a portal's own markup of its article until it replaces it.
#[derive(Clone, Debug, Default)]
pub struct Markup {
    /// The viewer's stylesheet, adopted by the shadow root at the swap.
    pub sheet: Option<web_sys::CssStyleSheet>,
}

/// Where the host's box was on screen: its top relative to the viewport, and its height (px).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Place {
    /// Distance from the viewport's top to the box's top (negative once scrolled past it).
    pub top: f64,
    /// The box's height.
    pub height: f64,
}

/// How far to scroll (px, positive is down) after the swap so that the reader stays at the same
/// place: a host whose top was on screen keeps its top where it was, one scrolled past entirely
/// keeps its bottom, and a reader inside the article keeps the same share of it above the
/// viewport's top.
pub fn scroll_delta(before: Place, after: Place) -> f64 {
    if before.top >= 0.0 || before.height <= 0.0 {
        return after.top - before.top;
    }
    if before.top + before.height <= 0.0 {
        return (after.top + after.height) - (before.top + before.height);
    }
    after.top + (-before.top / before.height) * after.height
}

/// What [`leave`] saw before the markup went, for [`settle`].
pub struct Before {
    host: web_sys::Element,
    place: Place,
    /// Whether the focus was inside the markup, and the address of the link that had it.
    focus: Option<Option<String>>,
}

fn place(el: &web_sys::Element) -> Place {
    let r = el.get_bounding_client_rect();
    Place {
        top: r.top(),
        height: r.height(),
    }
}

/// Removes the markup's slot and adopts the viewer's stylesheet, noting first where the reader was.
pub fn leave(slot: &web_sys::Element, host: &web_sys::Element, markup: &Markup) -> Before {
    let active = host
        .owner_document()
        .and_then(|d| d.active_element())
        .filter(|a| a != host && host.contains(Some(a)));
    let before = Before {
        host: host.clone(),
        place: place(host),
        focus: active.map(|a| a.get_attribute("href").map(|_| link_href(&a))),
    };
    let root: JsValue = slot.get_root_node().into();
    slot.remove();
    if let Some(sheet) = &markup.sheet {
        let key = JsValue::from_str("adoptedStyleSheets");
        if let Ok(current) = Reflect::get(&root, &key) {
            if !current.is_undefined() {
                let sheets = Array::from(&current);
                if !sheets.includes(sheet, 0) {
                    sheets.unshift(sheet);
                    let _ = Reflect::set(&root, &key, &sheets);
                }
            }
        }
    }
    before
}

/// The resolved address of a link (its `href` property), or its attribute as written.
fn link_href(a: &web_sys::Element) -> String {
    Reflect::get(a, &JsValue::from_str("href"))
        .ok()
        .and_then(|v| v.as_string())
        .or_else(|| a.get_attribute("href"))
        .unwrap_or_default()
}

/// Once the viewer's article is in the page: scrolls back to the reader's place and moves a focus
/// the markup had into the article (`root` is the viewer's root).
pub fn settle(before: &Before, root: &web_sys::Element) {
    let delta = scroll_delta(before.place, place(&before.host));
    if delta.abs() >= 1.0 {
        if let Some(w) = web_sys::window() {
            w.scroll_by_with_x_and_y(0.0, delta);
        }
    }
    let Some(link) = &before.focus else { return };
    let same_link = link.as_ref().and_then(|href| {
        let links = root.query_selector_all("a[href]").ok()?;
        (0..links.length())
            .filter_map(|i| links.item(i)?.dyn_into::<web_sys::Element>().ok())
            .find(|a| link_href(a) == *href)
    });
    let target = same_link.or_else(|| root.query_selector(".av-article__title").ok().flatten());
    if let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        if el.tab_index() < 0 && !el.has_attribute("tabindex") {
            let _ = el.set_attribute("tabindex", "-1");
        }
        // Where the reader is reading, not where the focused element is.
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = el.focus_with_options(&options);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn at(top: f64, height: f64) -> Place {
        Place { top, height }
    }

    #[test]
    fn a_host_whose_top_is_on_screen_keeps_its_top() {
        assert_eq!(scroll_delta(at(120.0, 900.0), at(120.0, 1400.0)), 0.0);
        // Something above the host changed size too: follow the host.
        assert_eq!(scroll_delta(at(120.0, 900.0), at(150.0, 1400.0)), 30.0);
    }

    #[test]
    fn a_reader_inside_the_article_keeps_the_same_share_of_it_above() {
        // A third of the markup above the viewport; the article is twice as tall.
        let delta = scroll_delta(at(-300.0, 900.0), at(-300.0, 1800.0));
        assert_eq!(delta, 300.0);
        // After scrolling by delta, the new top is -600: a third of 1800.
        assert_eq!(-300.0 - delta, -600.0);
    }

    #[test]
    fn a_reader_past_the_article_keeps_its_end_and_an_empty_box_keeps_its_top() {
        // The host's bottom was 1100 px above the viewport; it stays there.
        assert_eq!(scroll_delta(at(-2000.0, 900.0), at(-2000.0, 1200.0)), 300.0);
        assert_eq!(scroll_delta(at(-10.0, 0.0), at(-10.0, 500.0)), 0.0);
    }
}
