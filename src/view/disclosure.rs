//! A disclosure: a button that shows and hides a region (`aria-expanded`), and Escape inside it
//! that closes it and puts focus back on the button, going no further (a host's dialog around the
//! viewer stays open). The Display button and the narrow toolbar's "Aa" are disclosures.

use leptos::prelude::*;

/// One disclosure's state and its button.
#[derive(Clone, Copy)]
pub struct Disclosure {
    /// Whether the region is shown.
    pub open: RwSignal<bool>,
    /// The button that shows and hides it.
    pub button: NodeRef<leptos::html::Button>,
}

impl Default for Disclosure {
    fn default() -> Self {
        Disclosure {
            open: RwSignal::new(false),
            button: NodeRef::new(),
        }
    }
}

impl Disclosure {
    /// Shows or hides the region; returns whether it is now shown.
    pub fn toggle(self) -> bool {
        self.open.update(|o| *o = !*o);
        self.open.get_untracked()
    }

    /// The button's `aria-expanded`.
    pub fn expanded(self) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        move || self.open.get().to_string()
    }

    /// The keydown handler for the button and the region: Escape (not already taken by a
    /// disclosure inside) closes the region and focuses the button, while `active` holds.
    pub fn on_escape(
        self,
        active: impl Fn() -> bool + 'static,
    ) -> impl Fn(leptos::ev::KeyboardEvent) + 'static {
        move |ev| {
            if self.open.get_untracked()
                && ev.key() == "Escape"
                && !ev.default_prevented()
                && active()
            {
                ev.prevent_default();
                ev.stop_propagation();
                self.open.set(false);
                if let Some(b) = self.button.get_untracked() {
                    let _ = b.focus();
                }
            }
        }
    }
}
