//! What the compact bar follows: whether the toolbar has scrolled out of view (above the
//! viewport), and whether the reader is scrolling down. Both stop with the current owner.

use leptos::prelude::*;
use std::cell::Cell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Scrolling this far down in one go hides the bar; this far up shows it (px, so small jitters
/// and the browser's own adjustments change nothing).
const HIDE_AFTER_PX: f64 = 48.0;
const SHOW_AFTER_PX: f64 = 16.0;

/// A signal that is true while `target` is out of view above the viewport.
pub fn scrolled_past(target: &web_sys::Element) -> ReadSignal<bool> {
    let (out, set_out) = signal(false);
    let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Some(entry) = entries
            .iter()
            .filter_map(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
            .next_back()
        {
            let above = entry.bounding_client_rect().bottom() <= 0.0;
            let _ = set_out.try_set(!entry.is_intersecting() && above);
        }
    })
    .into_js_value();
    // The root reaches far below the viewport: a jump from below the target to past it (End, a
    // link) is still a change of intersection.
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin("0px 0px 999999px");
    if let Ok(observer) =
        web_sys::IntersectionObserver::new_with_options(callback.unchecked_ref(), &options)
    {
        observer.observe(target);
        let observer = send_wrapper::SendWrapper::new(observer);
        on_cleanup(move || observer.disconnect());
    }
    out
}

/// A signal that is true while the reader scrolls down (after [`HIDE_AFTER_PX`]), false once
/// they scroll up (after [`SHOW_AFTER_PX`]).
pub fn scrolling_down() -> ReadSignal<bool> {
    let (down, set_down) = signal(false);
    let y = || {
        web_sys::window()
            .and_then(|w| w.scroll_y().ok())
            .unwrap_or(0.0)
    };
    // The turning point: where the current direction started.
    let mark = Cell::new(y());
    let last = Cell::new(mark.get());
    let handle = window_event_listener(leptos::ev::scroll, move |_| {
        let now = y();
        let (was, from) = (last.get(), mark.get());
        // A change of direction moves the turning point.
        if now != was && (now > was) != (was > from) {
            mark.set(was);
        }
        last.set(now);
        let from = mark.get();
        if now - from > HIDE_AFTER_PX {
            let _ = set_down.try_set(true);
        } else if from - now > SHOW_AFTER_PX {
            let _ = set_down.try_set(false);
        }
    });
    on_cleanup(move || handle.remove());
    down
}
