//! The "Aa" group: A−, A (reset) and A+, with the current size announced to screen readers.

use crate::i18n::UiLang;
use crate::reader::store::use_settings;
use crate::reader::text_size::TextSize;
use leptos::prelude::*;

/// One size button: its class, test id, visible text, the rest of its name, what it does to the
/// size, and whether it is at its end (`aria-disabled`) for a size.
struct SizeButton {
    class: &'static str,
    testid: &'static str,
    shown: &'static str,
    name: &'static str,
    change: fn(TextSize) -> TextSize,
    at_end: fn(TextSize) -> Option<bool>,
}

/// The A−/A/A+ buttons acting on the page-wide text size.
#[component]
pub fn TextSizeControl(
    /// Interface language.
    lang: UiLang,
) -> impl IntoView {
    let w = lang.words();
    let settings = use_settings();
    let size = {
        let settings = settings.clone();
        Memo::new(move |_| settings.get().size)
    };
    let buttons = [
        SizeButton {
            class: "av-button av-size__button",
            testid: "av-size-down",
            shown: "A−",
            name: w.smaller,
            change: TextSize::decrease,
            at_end: |s| Some(!s.can_decrease()),
        },
        SizeButton {
            class: "av-button av-size__button",
            testid: "av-size-reset",
            shown: "A",
            name: w.reset_size,
            change: |_| TextSize::default(),
            at_end: |_| None,
        },
        SizeButton {
            class: "av-button av-size__button av-size__button--larger",
            testid: "av-size-up",
            shown: "A+",
            name: w.larger,
            change: TextSize::increase,
            at_end: |s| Some(!s.can_increase()),
        },
    ];
    // aria-disabled (not `disabled`) keeps keyboard focus on the button at the ends. The names start
    // with the visible text ("A+ Tăng cỡ chữ"), so voice control users can say what they see.
    let buttons = buttons
        .into_iter()
        .map(|b| {
            let settings = settings.clone();
            let (change, at_end) = (b.change, b.at_end);
            view! {
                <button
                    type="button"
                    class=b.class
                    data-testid=b.testid
                    aria-disabled=move || at_end(size.get()).map(|e| e.to_string())
                    on:click=move |_| settings.update(|p| p.size = change(p.size))
                >
                    {b.shown}
                    <span class="av-visually-hidden">" " {b.name}</span>
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="av-toolbar__group av-size" role="group" aria-label=w.text_size data-testid="av-size">
            {buttons}
            <output class="av-size__value" aria-live="polite" data-testid="av-size-value">
                <span class="av-visually-hidden">{w.text_size} " "</span>
                {move || format!("{} %", size.get().percent())}
            </output>
        </div>
    }
}
