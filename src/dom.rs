//! Plain DOM building for the viewer's own wasm: elements, text and attributes through web-sys
//! (no HTML strings, no HTML sinks), and a [`Scope`] that owns what a piece of the view set up
//! (event listeners, subscriptions, lazy parts, observers) and removes it when it is dropped.

use std::any::Any;
use std::cell::RefCell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Event, EventTarget, Node};

/// A DOM call's result: web-sys reports failures (a detached node, a refused name) as `JsValue`s.
pub type Dom<T> = Result<T, JsValue>;

/// The MathML namespace, for the body's formulas.
pub const MATHML_NS: &str = "http://www.w3.org/1998/Math/MathML";

/// The page's document.
pub fn document() -> Dom<Document> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or(JsValue::NULL)
}

/// A new `<tag>` with `attrs` (name, value) set in order.
pub fn el(tag: &str, attrs: &[(&str, &str)]) -> Dom<Element> {
    let e = document()?.create_element(tag)?;
    set_attrs(&e, attrs)?;
    Ok(e)
}

/// Sets `attrs` (name, value) on `e`.
pub fn set_attrs(e: &Element, attrs: &[(&str, &str)]) -> Dom<()> {
    for (k, v) in attrs {
        e.set_attribute(k, v)?;
    }
    Ok(())
}

/// Appends a new `<tag>` with `attrs` to `parent` and returns it.
pub fn child(parent: &Node, tag: &str, attrs: &[(&str, &str)]) -> Dom<Element> {
    let e = el(tag, attrs)?;
    parent.append_child(&e)?;
    Ok(e)
}

/// Appends a text node (plain text, never parsed as markup) to `parent`.
pub fn text(parent: &Node, s: &str) -> Dom<()> {
    let t = document()?.create_text_node(s);
    parent.append_child(&t)?;
    Ok(())
}

/// Appends a new `<tag>` holding only the text `s` to `parent` and returns it.
pub fn text_child(parent: &Node, tag: &str, attrs: &[(&str, &str)], s: &str) -> Dom<Element> {
    let e = child(parent, tag, attrs)?;
    e.set_text_content(Some(s));
    Ok(e)
}

/// Sets or removes the boolean attribute `name`.
pub fn toggle_attr(e: &Element, name: &str, on: bool) {
    let _ = if on {
        e.set_attribute(name, "")
    } else {
        e.remove_attribute(name)
    };
}

/// `"true"` or `"false"`, for ARIA states.
pub fn bool_str(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// Removes every child of `e`.
pub fn clear(e: &Node) {
    e.set_text_content(None);
}

/// An event listener that is removed from its target when dropped.
struct Listener {
    target: EventTarget,
    name: &'static str,
    callback: Closure<dyn FnMut(Event)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.name, self.callback.as_ref().unchecked_ref());
    }
}

/// Whether `ev` is a press of Escape.
pub fn is_escape(ev: &Event) -> bool {
    ev.dyn_ref::<web_sys::KeyboardEvent>()
        .is_some_and(|k| k.key() == "Escape")
}

/// Moves focus to `e` (an element that can take it).
pub fn focus(e: &Element) {
    if let Some(e) = e.dyn_ref::<web_sys::HtmlElement>() {
        let _ = e.focus();
    }
}

/// What one piece of the view set up; dropping (or [`Scope::clear`]ing) it undoes all of it.
#[derive(Default)]
pub struct Scope(RefCell<Vec<Box<dyn Any>>>);

impl Scope {
    /// An empty scope.
    pub fn new() -> Scope {
        Scope::default()
    }

    /// Keeps `guard` (anything whose `Drop` undoes a set-up) until the scope ends.
    pub fn keep(&self, guard: impl Any) {
        self.0.borrow_mut().push(Box::new(guard));
    }

    /// Listens to `name` on `target` for as long as the scope lives.
    pub fn on(&self, target: &EventTarget, name: &'static str, f: impl FnMut(Event) + 'static) {
        let callback = Closure::<dyn FnMut(Event)>::new(f);
        if target
            .add_event_listener_with_callback(name, callback.as_ref().unchecked_ref())
            .is_ok()
        {
            self.keep(Listener {
                target: target.clone(),
                name,
                callback,
            });
        }
    }

    /// Listens to clicks on `target` for as long as the scope lives.
    pub fn on_click(&self, target: &EventTarget, mut f: impl FnMut() + 'static) {
        self.on(target, "click", move |_| f());
    }

    /// Undoes everything kept so far (the guards are dropped outside the borrow, so one may run
    /// code that touches this scope again).
    pub fn clear(&self) {
        let guards = std::mem::take(&mut *self.0.borrow_mut());
        drop(guards);
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        self.clear();
    }
}

/// Calls `f` once after `ms` milliseconds; the returned guard cancels it when dropped first.
pub fn timeout(ms: i32, f: impl FnOnce() + 'static) -> Option<Timer> {
    let window = web_sys::window()?;
    let callback = Closure::once(f);
    let id = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            callback.as_ref().unchecked_ref(),
            ms,
        )
        .ok()?;
    Some(Timer {
        id,
        _callback: callback,
    })
}

/// A pending timeout; dropping it cancels the call.
pub struct Timer {
    id: i32,
    _callback: Closure<dyn FnMut()>,
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            w.clear_timeout_with_handle(self.id);
        }
    }
}
