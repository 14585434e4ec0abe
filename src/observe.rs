//! Browser observers whose callbacks belong to the current owner: the owner's cleanup disconnects
//! them, and nothing is leaked per mount (the callback is handed to JS, which frees it with the
//! observer, as leptos-use's hooks do).

use leptos::prelude::on_cleanup;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Calls `on_near` once, when `target` comes within `margin_px` of the viewport (at once where
/// IntersectionObserver is missing). Disconnects when called or when the current owner is cleaned up.
pub fn when_near(target: &web_sys::Element, margin_px: u32, on_near: impl Fn() + 'static) {
    let on_near = Rc::new(on_near);
    let near_cb = Rc::clone(&on_near);
    let callback = Closure::<dyn Fn(js_sys::Array, web_sys::IntersectionObserver)>::new(
        move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
            let near = entries.iter().any(|e| {
                e.dyn_into::<web_sys::IntersectionObserverEntry>()
                    .is_ok_and(|e| e.is_intersecting())
            });
            if near {
                observer.disconnect();
                near_cb();
            }
        },
    )
    .into_js_value();
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin(&format!("{margin_px}px 0px"));
    match web_sys::IntersectionObserver::new_with_options(callback.unchecked_ref(), &options) {
        Ok(observer) => {
            observer.observe(target);
            on_cleanup(move || observer.disconnect());
        }
        // No IntersectionObserver: behave as if the target were already near.
        Err(_) => on_near(),
    }
}
