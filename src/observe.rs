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
            Some(Observer(observer))
        }
        // No IntersectionObserver: behave as if the target were already near.
        Err(_) => {
            on_near();
            None
        }
    }
}
