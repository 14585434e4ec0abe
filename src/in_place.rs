//! A portal's own markup of the article upgraded in place: the light-DOM children of
//! `<article-viewer>` show through the loader's `<slot class="av-prepaint">`, styled by the page,
//! until the viewer's article replaces them in one task (see README, "Embedding in a portal").
//! At that swap the viewer's stylesheet is adopted (never before: its `:host` reset would take the
//! page's inherited styles away from the markup), the reader stays at the same place in the
//! article, and a focus inside the markup moves to the article's title.

use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};

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
    /// Whether the focus was inside the markup.
    focus: bool,
}

fn place(el: &web_sys::Element) -> Place {
    let r = el.get_bounding_client_rect();
    Place {
        top: r.top(),
        height: r.height(),
    }
}

/// Notes where the reader is before the markup's `slot` goes (the caller removes it in the same
/// task), adopts the viewer's stylesheet (the loader's, kept in the page's registry as `css`) as
/// the first of the shadow root, and shows the viewer's box (`slot`'s next sibling, hidden by the
/// loader until now: no loading line nor error under the portal's article).
pub fn leave(slot: &web_sys::Element) -> Option<Before> {
    let root = slot
        .get_root_node()
        .dyn_into::<web_sys::ShadowRoot>()
        .ok()?;
    let host = root.host();
    if let Some(others) = slot.next_element_sibling() {
        let _ = others.remove_attribute("hidden");
    }
    let focus = host
        .owner_document()
        .and_then(|d| d.active_element())
        .is_some_and(|a| a != host && host.contains(Some(&a)));
    let shared = Reflect::get(&js_sys::global(), &js_sys::Symbol::for_("article-viewer"));
    let sheet = shared.and_then(|s| Reflect::get(&s, &JsValue::from_str("css")));
    if let Some(sheet) = sheet.ok().filter(JsValue::is_object) {
        let key = JsValue::from_str("adoptedStyleSheets");
        let _ = Reflect::set(&root, &key, &Array::of1(&sheet));
    }
    Some(Before {
        place: place(&host),
        host,
        focus,
    })
}

/// Once the viewer's article is in the page (`root` is the viewer's root): scrolls back to the
/// reader's place, and moves a focus the markup had to the article's title (the markup's elements
/// are no longer rendered).
pub fn settle(before: &Before, root: &web_sys::Element) {
    // The focus first: focusing may scroll, and the scroll below puts the reader back in place.
    if before.focus {
        let title = root.query_selector(".av-article__title").ok().flatten();
        if let Some(el) = title.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.set_attribute("tabindex", "-1");
            let _ = el.focus();
        }
    }
    let delta = scroll_delta(before.place, place(&before.host));
    if delta.abs() >= 1.0 {
        if let Some(w) = web_sys::window() {
            w.scroll_by_with_x_and_y(0.0, delta);
        }
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
