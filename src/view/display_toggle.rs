//! The toolbar's Display button: a disclosure for the display panel (spacing, width, font,
//! colours, large-type printing). The panel's content is a lazy chunk (`crate::display`), loaded the
//! first time the reader opens it, with a loading line meanwhile and Retry if it cannot be loaded.

use crate::i18n::UiLang;
use crate::lazy::display_panel;
use crate::view::part::{Part, PartState, PartStatus, PartWords};
use leptos::prelude::*;

/// The Display button and the panel it opens; `print_url` is the print view's address, for the
/// panel's "Print in large type".
#[component]
pub fn DisplayToggle(
    /// Interface language.
    lang: UiLang,
    /// A prefix making ids unique per viewer.
    id_prefix: String,
    /// The print view's address.
    print_url: String,
) -> impl IntoView {
    let w = lang.words();
    let panel_id = format!("{id_prefix}-display");
    let open = RwSignal::new(false);
    let part = Part::default();
    let root = NodeRef::<leptos::html::Div>::new();
    let button = NodeRef::<leptos::html::Button>::new();
    let content = part.view(move || {
        let at = root.get_untracked().map(Into::into);
        display_panel(at, lang, id_prefix.clone(), print_url.clone())
    });
    // Escape, on the button or anywhere in the open panel, closes it and puts focus back on the
    // button; handled here, it goes no further (a host's dialog around the viewer stays open).
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if open.get_untracked() && ev.key() == "Escape" {
            ev.prevent_default();
            ev.stop_propagation();
            open.set(false);
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    let words = PartWords {
        loading: w.display_loading,
        failed: w.display_unavailable,
        retry: w.retry,
        testids: None,
    };
    view! {
        <div class="av-display" node_ref=root on:keydown=on_keydown>
            <button
                type="button"
                class="av-button"
                data-testid="av-display-toggle"
                aria-expanded=move || open.get().to_string()
                aria-controls=panel_id.clone()
                node_ref=button
                on:click=move |_| {
                    open.update(|o| *o = !*o);
                    if open.get_untracked() {
                        part.load();
                    }
                }
            >
                {w.display}
            </button>
            <div
                class="av-display__panel"
                id=panel_id
                data-testid="av-display-panel"
                hidden=move || !open.get()
                aria-busy=move || (part.state.get() == PartState::Loading).to_string()
            >
                <div class="av-display__content">{content}</div>
                <PartStatus part words />
            </div>
        </div>
    }
}
