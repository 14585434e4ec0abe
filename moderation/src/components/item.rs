//! One pending comment: author, e-mail, time, article, the comment answered, the text, and its
//! select box and buttons. All text is rendered as text nodes.

use crate::browser;
use crate::i18n::Lang;
use crate::model::{Decision, Item, Status};
use crate::session::card_id;
use leptos::prelude::*;

/// What a comment's controls report to the queue.
#[derive(Clone, Copy)]
pub struct ItemActions {
    /// Approve or reject this comment.
    pub decide: Callback<(i64, Decision)>,
    /// Select or unselect this comment.
    pub select: Callback<(i64, bool)>,
    /// Focus moved into this comment.
    pub focused: Callback<i64>,
}

/// What a comment shows that changes while it is on screen.
#[derive(Clone, Copy)]
pub struct ItemState {
    /// It is the comment the keyboard acts on.
    pub current: Signal<bool>,
    /// It is selected.
    pub selected: Signal<bool>,
    /// A request about it is in flight.
    pub busy: Signal<bool>,
}

/// The article's title, as a link when its address is http(s).
fn article_title(item: &Item) -> AnyView {
    let label = item.article_label().to_string();
    match item.article_link() {
        Some(href) => {
            let href = href.to_string();
            view! { <a class="av-mod-item__link" href=href rel="noopener" data-testid="avm-article">{label}</a> }
                .into_any()
        }
        None => view! { <cite class="av-mod-item__cite" data-testid="avm-article">{label}</cite> }
            .into_any(),
    }
}

/// One comment of the queue.
#[component]
pub fn QueueItem(
    /// The comment.
    item: Item,
    /// Interface language.
    lang: RwSignal<Lang>,
    /// Current, selected and busy.
    state: ItemState,
    /// Where its controls report.
    actions: ItemActions,
) -> impl IntoView {
    let w = move || lang.get().words();
    let id = item.id;
    let head_id = format!("av-mod-item-{id}-author");
    let labelled_by = head_id.clone();
    let name = item.author_name.clone();
    let named = move |template: fn(Lang) -> &'static str| {
        let name = name.clone();
        move || template(lang.get()).replace("{name}", &name)
    };
    let created = item.created.clone();
    let time = move || browser::local_time(&created, lang.get());
    let parent = item.parent.clone().map(|p| {
        let pname = p.author_name.clone();
        let hidden = p.status != Status::Published;
        view! {
            <blockquote class="av-mod-item__parent" data-testid="avm-parent" data-parent-id=p.id>
                <p class="av-mod-item__parent-head">
                    {move || w().in_reply_to.replace("{name}", &pname)}
                    {move || hidden.then(|| format!(" {}", w().parent_not_public))}
                </p>
                <p class="av-mod-item__text">{p.text}</p>
            </blockquote>
        }
    });
    let busy_attr = move || if state.busy.get() { "true" } else { "false" };

    view! {
        <li
            class="av-mod-item"
            class:av-mod-item--current=move || state.current.get()
            class:av-mod-item--selected=move || state.selected.get()
            data-testid="avm-item"
            data-comment-id=id
            on:focusin=move |_| actions.focused.run(id)
        >
            <article
                id=card_id(id)
                class="av-mod-item__card"
                tabindex=move || if state.current.get() { "0" } else { "-1" }
                aria-labelledby=labelled_by
                aria-busy=busy_attr
            >
                <h3 id=head_id class="av-mod-item__author" data-testid="avm-author">{item.author_name.clone()}</h3>
                <p class="av-mod-item__meta">
                    <span class="av-mod-item__email">{item.author_email.clone()}</span>
                    " · "
                    <time datetime=item.created.clone()>{time}</time>
                </p>
                <p class="av-mod-item__article">{move || w().article} " " {article_title(&item)}</p>
                {parent}
                <p class="av-mod-item__text" data-testid="avm-text">{item.text.clone()}</p>
                <div class="av-mod-item__actions">
                    <label class="av-mod-check">
                        <input
                            type="checkbox"
                            class="av-mod-check__box"
                            data-testid="avm-select"
                            aria-label=named(|l| l.words().select_one)
                            prop:checked=move || state.selected.get()
                            on:change=move |ev| actions.select.run((id, event_target_checked(&ev)))
                        />
                        <span>{move || w().select}</span>
                    </label>
                    <button
                        type="button"
                        class="av-mod-button av-mod-button--approve"
                        data-testid="avm-approve"
                        aria-label=named(|l| l.words().approve_one)
                        aria-disabled=busy_attr
                        on:click=move |_| actions.decide.run((id, Decision::Approve))
                    >
                        {move || w().approve}
                    </button>
                    <button
                        type="button"
                        class="av-mod-button av-mod-button--reject"
                        data-testid="avm-reject"
                        aria-label=named(|l| l.words().reject_one)
                        aria-disabled=busy_attr
                        on:click=move |_| actions.decide.run((id, Decision::Reject))
                    >
                        {move || w().reject}
                    </button>
                </div>
            </article>
        </li>
    }
}
