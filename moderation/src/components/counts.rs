//! The number of comments in each status.

use crate::i18n::Lang;
use crate::model::{Counts, Queue};
use leptos::prelude::*;

/// One count: a label and a number.
fn count(
    lang: RwSignal<Lang>,
    queue: RwSignal<Queue>,
    key: &'static str,
    label: fn(Lang) -> &'static str,
    value: fn(&Counts) -> u64,
) -> impl IntoView {
    view! {
        <li
            class=format!("av-mod-counts__item av-mod-counts__item--{key}")
            data-testid=format!("avm-count-{key}")
        >
            <span class="av-mod-counts__label">{move || label(lang.get())}</span>
            <strong class="av-mod-counts__value">{move || queue.with(|q| value(&q.counts()))}</strong>
        </li>
    }
}

/// Pending, published and rejected counts, as the server last reported them.
#[component]
pub fn StatusCounts(
    /// Interface language.
    lang: RwSignal<Lang>,
    /// The queue holding the counts.
    queue: RwSignal<Queue>,
) -> impl IntoView {
    view! {
        <section class="av-mod-counts" aria-labelledby="av-mod-counts-title">
            <h2 id="av-mod-counts-title" class="av-mod-visually-hidden">
                {move || lang.get().words().counts_title}
            </h2>
            <ul class="av-mod-counts__list">
                {count(lang, queue, "pending", |l| l.words().pending, |c| c.pending)}
                {count(lang, queue, "published", |l| l.words().published, |c| c.published)}
                {count(lang, queue, "rejected", |l| l.words().rejected, |c| c.rejected)}
            </ul>
        </section>
    }
}
