//! The bulk toolbar: select all, approve/reject selected, undo, reload, and the switch for
//! single-key shortcuts.

use crate::browser;
use crate::model::{Decision, Queue};
use crate::session::{Fetch, Session};
use leptos::prelude::*;

/// "true"/"false" for ARIA boolean attributes.
pub fn aria(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// The toolbar above the queue.
#[component]
pub fn Toolbar(
    /// The signed-in session.
    session: Session,
    /// Whether single-key shortcuts are on (read by the list's key handler).
    single_keys: RwSignal<bool>,
) -> impl IntoView {
    let (lang, queue) = (session.lang, session.queue);
    let w = move || lang.get().words();
    let selected = move || queue.with(|q| q.selected_ids().len());
    let bulk_label = move |template: fn(&crate::i18n::Words) -> &'static str| {
        move || template(w()).replace("{n}", &selected().to_string())
    };
    view! {
        <div class="av-mod-toolbar" data-testid="avm-toolbar">
            <label class="av-mod-check">
                <input
                    type="checkbox"
                    class="av-mod-check__box"
                    data-testid="avm-select-all"
                    prop:checked=move || queue.with(Queue::all_selected)
                    on:change=move |ev| queue.update(|q| q.select_all(event_target_checked(&ev)))
                />
                <span>{move || w().select_all}</span>
            </label>
            <button
                type="button"
                class="av-mod-button av-mod-button--approve"
                data-testid="avm-approve-selected"
                aria-disabled=move || aria(selected() == 0)
                on:click=move |_| session.decide_selected(Decision::Approve)
            >
                {bulk_label(|w| w.approve_selected)}
            </button>
            <button
                type="button"
                class="av-mod-button av-mod-button--reject"
                data-testid="avm-reject-selected"
                aria-disabled=move || aria(selected() == 0)
                on:click=move |_| session.decide_selected(Decision::Reject)
            >
                {bulk_label(|w| w.reject_selected)}
            </button>
            <button
                type="button"
                class="av-mod-button"
                data-testid="avm-undo"
                aria-disabled=move || aria(!queue.with(Queue::can_undo))
                on:click=move |_| session.undo()
            >
                {move || w().undo}
            </button>
            <button
                type="button"
                class="av-mod-button"
                data-testid="avm-refresh"
                on:click=move |_| session.fetch(Fetch::Full)
            >
                {move || w().refresh}
            </button>
            <label class="av-mod-check">
                <input
                    type="checkbox"
                    class="av-mod-check__box"
                    data-testid="avm-single-keys"
                    prop:checked=move || single_keys.get()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        single_keys.set(on);
                        browser::store_single_keys(on);
                    }
                />
                <span>{move || w().shortcuts_toggle}</span>
            </label>
        </div>
    }
}
