//! The toolbar's Display button: a disclosure for the display panel (spacing, width, font,
//! colours, large-type printing). The panel's content is a lazy chunk (`crate::display`), loaded the
//! first time the reader opens it, with a loading line meanwhile and Retry if it cannot be loaded.

use crate::i18n::UiLang;
use crate::lazy::display_panel;
use crate::view::disclosure::Disclosure;
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
    let display = Disclosure::default();
    let part = Part::default();
    let root = NodeRef::<leptos::html::Div>::new();
    let content = part.view(move || {
        let at = root.get_untracked().map(Into::into);
        display_panel(at, lang, id_prefix.clone(), print_url.clone())
    });
    // Escape, on the button or anywhere in the open panel, closes it.
    let on_keydown = display.on_escape(|| true);
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
                aria-expanded=display.expanded()
                aria-controls=panel_id.clone()
                node_ref=display.button
                on:click=move |_| {
                    if display.toggle() {
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
                hidden=move || !display.open.get()
                aria-busy=move || (part.state.get() == PartState::Loading).to_string()
            >
                <div class="av-display__content">{content}</div>
                <PartStatus part words />
            </div>
        </div>
    }
}
