//! The "Aa" group: A−, A (reset) and A+, with the current size announced to screen readers.

use crate::i18n::UiLang;
use crate::reader::store::{update_prefs, use_prefs};
use crate::reader::text_size::TextSize;
use leptos::prelude::*;

/// A−/A/A+ buttons acting on the page-wide text size.
#[component]
pub fn TextSizeControl(
    /// Interface language.
    lang: UiLang,
) -> impl IntoView {
    let w = lang.words();
    let prefs = use_prefs();
    let size = Signal::derive(move || prefs.get().size);
    let change = move |f: fn(TextSize) -> TextSize| update_prefs(|p| p.size = f(p.size));
    // aria-disabled (not `disabled`) keeps keyboard focus on the button at the ends. The names start
    // with the visible text ("A+ Tăng cỡ chữ"), so voice control users can say what they see.
    view! {
        <div class="av-toolbar__group av-size" role="group" aria-label=w.text_size data-testid="av-size">
            <button
                type="button"
                class="av-button av-size__button"
                data-testid="av-size-down"
                aria-disabled=move || (!size.get().can_decrease()).to_string()
                on:click=move |_| change(TextSize::decrease)
            >
                "A−"
                <span class="av-visually-hidden">" " {w.smaller}</span>
            </button>
            <button
                type="button"
                class="av-button av-size__button"
                data-testid="av-size-reset"
                on:click=move |_| change(|_| TextSize::default())
            >
                "A"
                <span class="av-visually-hidden">" " {w.reset_size}</span>
            </button>
            <button
                type="button"
                class="av-button av-size__button av-size__button--larger"
                data-testid="av-size-up"
                aria-disabled=move || (!size.get().can_increase()).to_string()
                on:click=move |_| change(TextSize::increase)
            >
                "A+"
                <span class="av-visually-hidden">" " {w.larger}</span>
            </button>
            <output class="av-size__value" aria-live="polite" data-testid="av-size-value">
                <span class="av-visually-hidden">{w.text_size} " "</span>
                {move || format!("{} %", size.get().percent())}
            </output>
        </div>
    }
}
