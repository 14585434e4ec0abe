//! Browser observers owned by a guard: dropping the guard disconnects them, and nothing is leaked
//! per mount (the callback is handed to JS, which frees it with the observer).

use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// An observer that disconnects when dropped.
pub struct Observer(web_sys::IntersectionObserver);

impl Drop for Observer {
    fn drop(&mut self) {
        self.0.disconnect();
    }
}

/// Calls `on_near` once, when `target` comes within `margin_px` of the viewport (at once where
/// IntersectionObserver is missing). Disconnects when called or when the guard is dropped.
pub fn when_near(
    target: &web_sys::Element,
    margin_px: u32,
    on_near: impl Fn() + 'static,
) -> Option<Observer> {
    watch(target, &format!("{margin_px}px 0px"), true, on_near)
}

/// Calls `on_past` once, when `target` has left the viewport upwards (scrolled past, or jumped
/// past with End or a link: the root reaches far below the viewport, so out of it is above it).
/// Never where IntersectionObserver is missing. Disconnects when called or when dropped.
pub fn when_scrolled_past(
    target: &web_sys::Element,
    on_past: impl Fn() + 'static,
) -> Option<Observer> {
    watch(target, "0px 0px 999999px", false, on_past)
}

/// Calls `f` once, the first time `target` is (`intersecting`) or is not in the viewport grown by
/// `root_margin`; where IntersectionObserver is missing, at once if `intersecting`.
fn watch(
    target: &web_sys::Element,
    root_margin: &str,
    intersecting: bool,
    f: impl Fn() + 'static,
) -> Option<Observer> {
    let f = Rc::new(f);
    let cb = Rc::clone(&f);
    let callback = Closure::<dyn Fn(js_sys::Array, web_sys::IntersectionObserver)>::new(
        move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
            let hit = entries.iter().any(|e| {
                e.dyn_into::<web_sys::IntersectionObserverEntry>()
                    .is_ok_and(|e| e.is_intersecting() == intersecting)
            });
            if hit {
                observer.disconnect();
                cb();
            }
        },
    )
    .into_js_value();
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin(root_margin);
    match web_sys::IntersectionObserver::new_with_options(callback.unchecked_ref(), &options) {
        Ok(observer) => {
            observer.observe(target);
            Some(Observer(observer))
        }
        // No IntersectionObserver: behave as if the target were already near.
        Err(_) => {
            if intersecting {
                f();
            }
            None
        }
    }
}
