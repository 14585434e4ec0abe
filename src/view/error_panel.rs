//! The panel shown when an article cannot be loaded: a plain sentence and a Retry button.

use crate::i18n::UiLang;
use crate::load::LoadError;
use leptos::prelude::*;

/// The panel for `error` in the interface language, with a button that calls `on_retry`.
#[component]
pub fn ErrorPanel(
    /// What went wrong.
    error: LoadError,
    /// Interface language.
    lang: UiLang,
    /// Called when the reader presses Retry.
    on_retry: Callback<()>,
) -> impl IntoView {
    let w = lang.words();
    let detail = error.detail(lang).map(|d| {
        view! { <p class="av-error__detail">{w.details} ": " {d}</p> }
    });
    view! {
        <section
            class="av-error"
            role="alert"
            data-testid="av-error"
            data-error-kind=error.kind()
            aria-labelledby="av-error-title"
        >
            <h2 class="av-error__title" id="av-error-title">{w.error_title}</h2>
            <p class="av-error__message" data-testid="av-error-message">{error.message(lang)}</p>
            {detail}
            <button
                type="button"
                class="av-button av-error__retry"
                data-testid="av-retry"
                on:click=move |_| on_retry.run(())
            >
                {w.retry}
            </button>
        </section>
    }
}
