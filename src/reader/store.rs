//! The reader's settings as one model: a page-wide signal, kept in `localStorage`.
//!
//! Read synchronously at start-up, so the first paint of an article already has the right size.
//! Blocked or full storage falls back to memory without an error. Every viewer on the page shares
//! the model (the viewer provides it by context, [`use_settings`] reads it); a change made in
//! another tab arrives through the `storage` event, one made by a host page through the embed
//! loader's `readingSettings` through [`SYNC_EVENT`], which the model also sends on every change.

use super::prefs::{Prefs, LEGACY_STORAGE_KEY, STORAGE_KEY};

/// The window event by which the model and the page's loaders (`scripts/embed-loader.js`,
/// `scripts/loader-common.js`) tell each other of a change: `detail` is the stored form.
pub const SYNC_EVENT: &str = "article-viewer-prefs";

/// The page's `localStorage`, or `None` when it is missing or blocked (then callers keep state in memory).
pub fn storage() -> Option<web_sys::Storage> {
    // `localStorage` throws (SecurityError) when blocked; both failures mean "memory only".
    // Rendered on the server there is no browser: the defaults.
    if cfg!(not(target_arch = "wasm32")) {
        return None;
    }
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored choices (the defaults when there are none or storage is blocked).
pub fn load() -> Prefs {
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

#[cfg(feature = "app")]
pub use model::{use_settings, Settings};

#[cfg(feature = "app")]
mod model {
    use super::{load, storage, SYNC_EVENT};
    use crate::reader::prefs::{Prefs, STORAGE_KEY};
    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, JsValue};

    /// The reader's settings, shared by every viewer on the page: read them as a signal, change
    /// them with [`Settings::update`] (stored and announced to the page's loaders).
    #[derive(Clone)]
    pub struct Settings(ArcRwSignal<Prefs>);

    thread_local! {
        static PAGE: std::cell::OnceCell<Settings> = const { std::cell::OnceCell::new() };
    }

    impl Settings {
        /// The page's model, created (from storage, with its window listeners) on first use.
        pub fn page() -> Settings {
            PAGE.with(|cell| {
                cell.get_or_init(|| {
                    let signal = ArcRwSignal::new(load());
                    follow_outside_changes(&signal);
                    Settings(signal)
                })
                .clone()
            })
        }

        /// The current choices (tracked: a view or effect reading it follows changes).
        pub fn get(&self) -> Prefs {
            self.0.get()
        }

        /// The current choices, without tracking.
        pub fn get_untracked(&self) -> Prefs {
            self.0.get_untracked()
        }

        /// Changes the choices for every viewer on the page, stores them and tells the loaders.
        pub fn update(&self, f: impl FnOnce(&mut Prefs)) {
            let mut next = self.0.get_untracked();
            f(&mut next);
            if next == self.0.get_untracked() {
                return;
            }
            self.0.set(next);
            if let Some(s) = storage() {
                // QuotaExceededError and the like: the choice still holds in memory for this page.
                let _ = s.set_item(STORAGE_KEY, &next.encode());
            }
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

    /// Follows changes made in another tab (`storage`) and by a host page through the embed
    /// loader ([`SYNC_EVENT`]; the model's own event finds the value already set).
    fn follow_outside_changes(signal: &ArcRwSignal<Prefs>) {
        if cfg!(not(target_arch = "wasm32")) {
            return; // rendered on the server: no other tab, no loader
        }
        let set = {
            let signal = signal.clone();
            move |prefs: Prefs| {
                if signal.get_untracked() != prefs {
                    signal.set(prefs);
                }
            }
        };
        let from_tab = set.clone();
        // For the page's lifetime, like the model itself: the handles are never removed.
        let _ = window_event_listener(leptos::ev::storage, move |ev| {
            if ev.key().as_deref() == Some(STORAGE_KEY) {
                from_tab(
                    ev.new_value()
                        .map(|v| Prefs::decode(&v))
                        .unwrap_or_default(),
                );
            }
        });
        let _ = window_event_listener_untyped(SYNC_EVENT, move |ev| {
            if let Some(stored) = ev
                .dyn_ref::<web_sys::CustomEvent>()
                .and_then(|e| e.detail().as_string())
            {
                set(Prefs::decode(&stored));
            }
        });
    }

    /// The reader's settings where a view is (the viewer provides them; the page's model else).
    pub fn use_settings() -> Settings {
        use_context::<Settings>().unwrap_or_else(Settings::page)
    }
}
