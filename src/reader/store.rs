//! The reader's choices, shared by every viewer on the page and kept in `localStorage`.
//!
//! Read synchronously at start-up, so the first paint of an article already has the right size.
//! Blocked or full storage falls back to memory without an error; changes made in another tab
//! arrive through the `storage` event. A plain store: views [`subscribe`] to it (the lazy parts,
//! built with Leptos, read it as a signal through `use_prefs()`).

use super::prefs::{Prefs, LEGACY_STORAGE_KEY, STORAGE_KEY};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The window event by which the viewer's wasm modules on one page (the viewer and its lazy parts,
/// each with its own copy of this store) tell each other of a change: `detail` is the stored form.
pub const SYNC_EVENT: &str = "article-viewer-prefs";

/// A function told of every change.
type Listener = Rc<dyn Fn(&Prefs)>;

/// The page-wide store: the current choices and who wants to hear of a change.
struct Store {
    prefs: Prefs,
    listeners: Vec<(u32, Listener)>,
    next_id: u32,
}

thread_local! {
    static STORE: RefCell<Option<Store>> = const { RefCell::new(None) };
}

/// The page's `localStorage`, or `None` when it is missing or blocked (then callers keep state in memory).
pub fn storage() -> Option<web_sys::Storage> {
    // `localStorage` throws (SecurityError) when blocked; both failures mean "memory only".
    web_sys::window()?.local_storage().ok().flatten()
}

fn load() -> Prefs {
    let Some(s) = storage() else {
        return Prefs::default();
    };
    let read = |key| s.get_item(key).ok().flatten();
    // A reader's first-version settings carry over until the first change saves the current one.
    Prefs::from_stored(
        read(STORAGE_KEY).as_deref(),
        read(LEGACY_STORAGE_KEY).as_deref(),
    )
}

fn save(prefs: &Prefs) {
    if let Some(s) = storage() {
        // QuotaExceededError and the like: the choice still holds in memory for this page.
        let _ = s.set_item(STORAGE_KEY, &prefs.encode());
    }
}

/// Listens on the window for as long as the page lives (once per page, like the store itself).
fn listen_on_window(name: &str, f: impl Fn(web_sys::Event) + 'static) {
    if let Some(w) = web_sys::window() {
        let callback = Closure::<dyn Fn(web_sys::Event)>::new(f).into_js_value();
        let _ = w.add_event_listener_with_callback(name, callback.unchecked_ref());
    }
}

/// Runs `f` on the store, creating it (and its window listeners) on first use.
fn with_store<R>(f: impl FnOnce(&mut Store) -> R) -> R {
    let created = STORE.with(|cell| {
        let mut cell = cell.borrow_mut();
        let created = cell.is_none();
        let store = cell.get_or_insert_with(|| Store {
            prefs: load(),
            listeners: Vec::new(),
            next_id: 0,
        });
        (f(store), created)
    });
    if created.1 {
        listen_on_window("storage", |ev| {
            let Some(ev) = ev.dyn_ref::<web_sys::StorageEvent>() else {
                return;
            };
            if ev.key().as_deref() == Some(STORAGE_KEY) {
                let prefs = ev
                    .new_value()
                    .map(|v| Prefs::decode(&v))
                    .unwrap_or_default();
                set(prefs);
            }
        });
        listen_on_window(SYNC_EVENT, |ev| {
            if let Some(stored) = ev
                .dyn_ref::<web_sys::CustomEvent>()
                .and_then(|e| e.detail().as_string())
            {
                set(Prefs::decode(&stored));
            }
        });
    }
    created.0
}

/// Sets the choices without storing or broadcasting them; tells the listeners if they changed.
fn set(prefs: Prefs) -> bool {
    let listeners = with_store(|s| {
        if s.prefs == prefs {
            return None;
        }
        s.prefs = prefs;
        Some(
            s.listeners
                .iter()
                .map(|(_, l)| Rc::clone(l))
                .collect::<Vec<_>>(),
        )
    });
    let Some(listeners) = listeners else {
        return false;
    };
    // Called outside the store's borrow: a listener may read the store or subscribe.
    for l in listeners {
        l(&prefs);
    }
    true
}

/// The current choices.
pub fn prefs() -> Prefs {
    with_store(|s| s.prefs)
}

/// A subscription to the store; dropping it stops the calls.
pub struct Subscription(u32);

impl Drop for Subscription {
    fn drop(&mut self) {
        let id = self.0;
        STORE.with(|cell| {
            if let Ok(mut cell) = cell.try_borrow_mut() {
                if let Some(s) = cell.as_mut() {
                    s.listeners.retain(|(i, _)| *i != id);
                }
            }
        });
    }
}

/// Calls `f` with the choices now and after every change, until the subscription is dropped.
pub fn subscribe(f: impl Fn(&Prefs) + 'static) -> Subscription {
    let f: Listener = Rc::new(f);
    let (id, now) = with_store(|s| {
        let id = s.next_id;
        s.next_id += 1;
        s.listeners.push((id, Rc::clone(&f)));
        (id, s.prefs)
    });
    f(&now);
    Subscription(id)
}

/// Changes the preferences for every viewer on the page and stores them.
pub fn update_prefs(f: impl FnOnce(&mut Prefs)) {
    let mut next = prefs();
    f(&mut next);
    if set(next) {
        save(&next);
        // The other wasm modules on the page (lazy parts) follow.
        let init = web_sys::CustomEventInit::new();
        init.set_detail(&JsValue::from_str(&next.encode()));
        if let (Some(w), Ok(ev)) = (
            web_sys::window(),
            web_sys::CustomEvent::new_with_event_init_dict(SYNC_EVENT, &init),
        ) {
            let _ = w.dispatch_event(&ev);
        }
    }
}

#[cfg(feature = "app")]
thread_local! {
    static SIGNAL: RefCell<Option<(leptos::prelude::ArcRwSignal<Prefs>, Subscription)>> =
        const { RefCell::new(None) };
}

#[cfg(feature = "app")]
/// The page-wide preferences as a Leptos signal (for the lazy parts; created on first use).
pub fn use_prefs() -> leptos::prelude::ArcRwSignal<Prefs> {
    use leptos::prelude::{ArcRwSignal, Set};
    if let Some(signal) = SIGNAL.with(|c| c.borrow().as_ref().map(|(s, _)| s.clone())) {
        return signal;
    }
    let signal = ArcRwSignal::new(prefs());
    let follow = signal.clone();
    let subscription = subscribe(move |p| follow.set(*p));
    SIGNAL.with(|c| *c.borrow_mut() = Some((signal.clone(), subscription)));
    signal
}
