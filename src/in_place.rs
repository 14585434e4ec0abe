//! A portal's own markup of the article upgraded in place: the light-DOM children of
//! `<article-viewer>` show through the loader's `<slot class="av-prepaint">`, styled by the page,
//! until the viewer's article replaces them in one task (see README, "Embedding in a portal").
//! The loader does the page's part of that swap (`upgrade` in `scripts/embed-loader.js`: the
//! viewer's stylesheet adopted only then, since its `:host` reset would take the page's inherited
//! styles away from the markup; the reader kept at the same place; a focus inside the markup moved
//! to the article's title): its DOM calls cost less there than as imports of the wasm.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Tells the loader that the markup's `slot` goes in this task (the caller removes it): the
/// loader notes where the reader is, shows the viewer's box and adopts its stylesheet. Returns
/// what to call once the article is in the page ([`settle`]).
pub fn leave(slot: &web_sys::Element) -> Option<Function> {
    let shared = Reflect::get(&js_sys::global(), &js_sys::Symbol::for_("article-viewer")).ok()?;
    let upgrade = Reflect::get(&shared, &JsValue::from_str("upgrade"))
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    upgrade
        .call1(&shared, slot)
        .ok()?
        .dyn_into::<Function>()
        .ok()
}

/// Puts the reader back at the same place in the article, and a focus the markup had on its title.
pub fn settle(after: &Function) {
    let _ = after.call0(&JsValue::NULL);
}
