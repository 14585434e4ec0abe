//! The reader's choices, shared by every viewer on the page and kept in `localStorage`.
//!
//! Read synchronously at start-up, so the first paint of an article already has the right size.
//! Blocked or full storage falls back to memory without an error; changes made in another tab
//! arrive through the `storage` event.

use super::prefs::{Prefs, LEGACY_STORAGE_KEY, STORAGE_KEY};
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

/// The window event by which the viewer's wasm modules on one page (the viewer and its lazy parts,
/// each with its own copy of this store) tell each other of a change: `detail` is the stored form.
pub const SYNC_EVENT: &str = "article-viewer-prefs";

thread_local! {
    static STORE: RefCell<Option<ArcRwSignal<Prefs>>> = const { RefCell::new(None) };
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

/// The page-wide preferences signal (created on first use, shared by every viewer).
pub fn use_prefs() -> ArcRwSignal<Prefs> {
    STORE.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| {
                let signal = ArcRwSignal::new(load());
                let from_other_tab = signal.clone();
                let handle = window_event_listener(leptos::ev::storage, move |ev| {
                    if ev.key().as_deref() == Some(STORAGE_KEY) {
                        let prefs = ev
                            .new_value()
                            .map(|v| Prefs::decode(&v))
                            .unwrap_or_default();
                        from_other_tab.set(prefs);
                    }
                });
                // The listener lives as long as the page, like the store itself.
                std::mem::forget(handle);
                let from_other_module = signal.clone();
                let handle = window_event_listener_untyped(SYNC_EVENT, move |ev| {
                    let Some(stored) = ev
                        .dyn_ref::<web_sys::CustomEvent>()
                        .and_then(|e| e.detail().as_string())
                    else {
                        return;
                    };
                    let prefs = Prefs::decode(&stored);
                    if prefs != from_other_module.get_untracked() {
                        from_other_module.set(prefs);
                    }
                });
                std::mem::forget(handle);
                signal
            })
            .clone()
    })
}

/// Changes the preferences for every viewer on the page and stores them.
pub fn update_prefs(f: impl FnOnce(&mut Prefs)) {
    let mut prefs = use_prefs().get_untracked();
    f(&mut prefs);
    set_prefs(prefs);
}

/// Makes `prefs` the page's preferences (not generic: compiled once, whoever changes them).
fn set_prefs(prefs: Prefs) {
    let signal = use_prefs();
    if prefs != signal.get_untracked() {
        save(&prefs);
        signal.set(prefs);
        // The other wasm modules on the page (lazy parts) follow.
        let init = web_sys::CustomEventInit::new();
        init.set_detail(&JsValue::from_str(&prefs.encode()));
        if let (Some(w), Ok(ev)) = (
            web_sys::window(),
            web_sys::CustomEvent::new_with_event_init_dict(SYNC_EVENT, &init),
        ) {
            let _ = w.dispatch_event(&ev);
        }
    }
}
