//! One pending comment: author, e-mail, time, article, the comment answered, the text, its select
//! box and buttons, and the editorial office's reply form. All text is rendered as text nodes.

use crate::browser;
use crate::i18n::Lang;
use crate::model::{article_label, article_link, Decision, Item};
use crate::session::card_id;
use leptos::prelude::*;

/// What a comment's controls report to the queue.
#[derive(Clone, Copy)]
pub struct ItemActions {
    /// Approve or reject this comment.
    pub decide: Callback<(i64, Decision)>,
    /// Select or unselect this comment.
    pub select: Callback<(i64, bool)>,
    /// Approve this comment and publish a reply of the editorial office under it; the inner
    /// callback hears whether it worked.
    pub reply: Callback<(i64, String, Callback<bool>)>,
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
pub fn article_title(item: &Item) -> AnyView {
    let label = article_label(item).to_string();
    match article_link(item) {
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
    let id = item.comment.id;
    let head_id = format!("av-mod-item-{id}-author");
    let labelled_by = head_id.clone();
    let name = item.comment.author_name.clone();
    let named = move |template: fn(Lang) -> &'static str| {
        let name = name.clone();
        move || template(lang.get()).replace("{name}", &name)
    };
    let created = item.comment.created.clone();
    let time = move || browser::local_time(&created, lang.get());
    let parent = item.parent.clone().map(|p| {
        let pname = p.author_name.clone();
        let hidden = !p.is_published();
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

    // The reply form: open or not, what is typed (kept if sending fails), why it cannot go.
    let reply_open = RwSignal::new(false);
    let draft = RwSignal::new(String::new());
    let reply_error = RwSignal::new(None::<&'static str>);
    let sending = RwSignal::new(false);
    let form_id = format!("av-mod-reply-{id}");
    let field_id = format!("av-mod-reply-{id}-text");
    let hint_id = format!("av-mod-reply-{id}-hint");
    let error_id = format!("av-mod-reply-{id}-error");
    let toggle = {
        let field_id = field_id.clone();
        move |_| {
            let open = !reply_open.get_untracked();
            reply_open.set(open);
            if open {
                let field_id = field_id.clone();
                request_animation_frame(move || browser::focus_id(&field_id));
            }
        }
    };
    let submit = {
        let field_id = field_id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if sending.get_untracked() {
                return;
            }
            let text = draft.get_untracked();
            if text.trim().is_empty() {
                reply_error.set(Some(lang.get_untracked().words().reply_empty));
                browser::focus_id(&field_id);
                return;
            }
            reply_error.set(None);
            sending.set(true);
            let done = Callback::new(move |ok: bool| {
                sending.try_set(false);
                if ok {
                    draft.try_set(String::new());
                    reply_open.try_set(false);
                }
            });
            actions.reply.run((id, text, done));
        }
    };
    let reply_form = {
        let (form_id, field_id, hint_id, error_id) = (
            form_id.clone(),
            field_id.clone(),
            hint_id.clone(),
            error_id.clone(),
        );
        move || {
            reply_open.get().then(|| {
                let described = format!("{hint_id} {error_id}");
                view! {
                    <form
                        id=form_id.clone()
                        class="av-mod-reply"
                        novalidate=true
                        data-testid="avm-reply-form"
                        on:submit=submit.clone()
                    >
                        <label class="av-mod-signin__label" for=field_id.clone()>{move || w().reply_label}</label>
                        <p id=hint_id.clone() class="av-mod-hint">{move || w().reply_hint}</p>
                        <textarea
                            id=field_id.clone()
                            class="av-mod-input av-mod-reply__text"
                            rows="4"
                            aria-describedby=described
                            aria-invalid=move || if reply_error.with(Option::is_some) { "true" } else { "false" }
                            data-testid="avm-reply-text"
                            prop:value=move || draft.get()
                            on:input=move |ev| draft.set(event_target_value(&ev))
                        ></textarea>
                        <p id=error_id.clone() class="av-mod-error" role="alert">{move || reply_error.get()}</p>
                        <div class="av-mod-item__actions">
                            <button
                                type="submit"
                                class="av-mod-button av-mod-button--primary"
                                data-testid="avm-reply-send"
                                aria-disabled=move || if sending.get() { "true" } else { "false" }
                            >
                                {move || w().reply_send}
                            </button>
                            <button
                                type="button"
                                class="av-mod-button"
                                data-testid="avm-reply-cancel"
                                on:click=move |_| reply_open.set(false)
                            >
                                {move || w().reply_cancel}
                            </button>
                        </div>
                    </form>
                }
            })
        }
    };

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
                <h3 id=head_id class="av-mod-item__author" data-testid="avm-author">{item.comment.author_name.clone()}</h3>
                <p class="av-mod-item__meta">
                    <span class="av-mod-item__email">{item.comment.author_email.as_deref().unwrap_or_default().to_owned()}</span>
                    " · "
                    <time datetime=item.comment.created.clone()>{time}</time>
                </p>
                <p class="av-mod-item__article">{move || w().article} " " {article_title(&item)}</p>
                {parent}
                <p class="av-mod-item__text" data-testid="avm-text">{item.comment.text.clone()}</p>
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
                    <button
                        type="button"
                        class="av-mod-button"
                        data-testid="avm-reply"
                        aria-label=named(|l| l.words().reply_one)
                        aria-expanded=move || if reply_open.get() { "true" } else { "false" }
                        aria-controls=form_id.clone()
                        on:click=toggle
                    >
                        {move || w().reply}
                    </button>
                </div>
                {reply_form}
            </article>
        </li>
    }
}
