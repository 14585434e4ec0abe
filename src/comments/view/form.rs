//! The comment form: name, e-mail, text with a live counter, reply target, honeypot. It renders
//! the model's draft and post state and calls the controller; what the reader typed is kept per
//! article, failures keep the form filled and offer Retry (with the same idempotency key).

use crate::comments::api::CommentsError;
use crate::comments::contract::PostStatus;
use crate::comments::controller::CommentsController;
use crate::comments::draft::{Field, Problem};
use crate::comments::model::PostState;
use crate::comments::words::{words, CommentWords};
use leptos::html::{Div, Input, Textarea};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The form's text area, handed down by context so a Reply button can move focus to it.
#[derive(Clone, Copy)]
pub struct TextArea(pub NodeRef<Textarea>);

impl TextArea {
    /// Moves keyboard focus to the text area.
    pub fn focus(self) {
        focus(self.0);
    }
}

fn problem_text(w: &'static CommentWords, field: Field, problem: Problem) -> &'static str {
    match (field, problem) {
        (Field::Name, Problem::Missing) => w.name_missing,
        (Field::Name, Problem::TooLong) => w.name_long,
        (Field::Email, Problem::Missing) => w.email_missing,
        (Field::Email, _) => w.email_bad,
        (Field::Text, Problem::Missing) => w.text_missing,
        (Field::Text, Problem::TooLong) => w.text_long,
        (Field::Parent, _) => w.parent_bad,
        _ => w.field_refused,
    }
}

/// Moves keyboard focus to a mounted element (works inside shadow roots, unlike ids).
fn focus<E>(node: NodeRef<E>)
where
    E: leptos::html::ElementType,
    E::Output: JsCast + Clone + 'static,
{
    if let Some(el) = node.get_untracked() {
        if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// One labelled input of the form (name or e-mail).
#[component]
fn TextField(
    /// Which field.
    field: Field,
    /// Its id (unique per viewer).
    id: String,
    /// Visible label.
    label: &'static str,
    /// `type` of the input.
    kind: &'static str,
    /// `name` and `autocomplete` of the input.
    name: &'static str,
    /// `autocomplete` token.
    autocomplete: &'static str,
    /// Hint shown under the input, if any.
    #[prop(default = None)]
    hint: Option<&'static str>,
    /// The input element, for focus.
    node: NodeRef<Input>,
) -> impl IntoView {
    let Some(ctl) = use_context::<CommentsController>() else {
        return ().into_any();
    };
    let cw = words(ctl.lang);
    let model = ctl.model;
    let error = Memo::new(move |_| {
        model
            .with(|m| m.problem(field))
            .map(|p| problem_text(cw, field, p))
    });
    let (err_id, hint_id) = (format!("{id}-error"), format!("{id}-hint"));
    let described = match hint {
        Some(_) => format!("{hint_id} {err_id}"),
        None => err_id.clone(),
    };
    let value = move || {
        model.with(|m| match field {
            Field::Name => m.draft.name.clone(),
            _ => m.draft.email.clone(),
        })
    };
    view! {
        <div class="av-field">
            <label for=id.clone()>{label} " " <span class="av-field__req">{cw.required}</span></label>
            <input
                node_ref=node
                id=id
                type=kind
                name=name
                autocomplete=autocomplete
                required=true
                data-testid=if field == Field::Name { "av-c-name" } else { "av-c-email" }
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described
                prop:value=value
                on:input=move |ev| ctl.edit(field, event_target_value(&ev))
            />
            {hint.map(|h| view! { <p class="av-field__hint" id=hint_id>{h}</p> })}
            <p
                class="av-field__error"
                id=err_id
                data-testid=if field == Field::Name { "av-c-name-error" } else { "av-c-email-error" }
            >
                {move || error.get()}
            </p>
        </div>
    }
    .into_any()
}

/// The form for the comments of the controller in context.
#[component]
pub fn CommentForm(
    /// A prefix making ids unique per viewer.
    id_prefix: String,
) -> impl IntoView {
    let Some(ctl) = use_context::<CommentsController>() else {
        return ().into_any();
    };
    let text_input = use_context::<TextArea>().map_or_else(NodeRef::new, |t| t.0);
    let (lang, model) = (ctl.lang, ctl.model);
    let (w, cw) = (lang.words(), words(lang));
    let name_input = NodeRef::<Input>::new();
    let email_input = NodeRef::<Input>::new();
    let status_box = NodeRef::<Div>::new();

    let id = move |field: &str| format!("{id_prefix}-c-{field}");
    let (text_id, text_err, counter_id) = (id("text"), id("text-error"), id("counter"));
    let post = Memo::new(move |_| model.with(|m| m.post.clone()));
    let wait = Memo::new(move |_| model.with(|m| m.wait_secs));
    let left = Memo::new(move |_| model.with(|m| m.draft.chars_left()));
    let replying = Memo::new(move |_| model.with(|m| m.draft.parent_name.clone()));
    let text_error = Memo::new(move |_| {
        model
            .with(|m| m.problem(Field::Text))
            .map(|p| problem_text(cw, Field::Text, p))
    });

    // After the server accepted the post, the confirmation takes the focus (and is read out).
    Effect::new(move |_| {
        if matches!(post.get(), PostState::Sent(_)) {
            focus(status_box);
        }
    });
    let submit = move || match ctl.submit() {
        Ok(()) => {}
        Err(Field::Name) => focus(name_input),
        Err(Field::Email) => focus(email_input),
        Err(_) => focus(text_input),
    };
    let counter = move || {
        let left = left.get();
        if left >= 0 {
            cw.counter.replace("{n}", &left.to_string())
        } else {
            cw.counter_over.replace("{n}", &(-left).to_string())
        }
    };

    view! {
        <form
            class="av-comment-form"
            part="comment-form"
            data-testid="av-comment-form"
            novalidate=true
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
        >
            <h3 class="av-comment-form__title">{cw.form_title}</h3>
            {move || replying.get().map(|name| view! {
                <p class="av-comment-form__replying" data-testid="av-replying">
                    {cw.replying_to.replace("{name}", &name)} " "
                    <button
                        type="button"
                        class="av-link-button"
                        data-testid="av-cancel-reply"
                        on:click=move |_| ctl.cancel_reply()
                    >
                        {cw.cancel_reply}
                    </button>
                </p>
            })}
            <TextField
                field=Field::Name
                id=id("name")
                label=cw.name
                kind="text"
                name="author_name"
                autocomplete="name"
                node=name_input
            />
            <TextField
                field=Field::Email
                id=id("email")
                label=cw.email
                kind="email"
                name="author_email"
                autocomplete="email"
                hint=Some(cw.email_hint)
                node=email_input
            />
            <div class="av-field">
                <label for=text_id.clone()>{cw.text} " " <span class="av-field__req">{cw.required}</span></label>
                <textarea
                    node_ref=text_input
                    id=text_id
                    name="text"
                    rows="6"
                    required=true
                    data-testid="av-c-text"
                    aria-invalid=move || text_error.get().is_some().to_string()
                    aria-describedby=format!("{counter_id} {text_err}")
                    prop:value=move || model.with(|m| m.draft.text.clone())
                    on:input=move |ev| ctl.edit(Field::Text, event_target_value(&ev))
                ></textarea>
                <p
                    class="av-field__counter"
                    id=counter_id.clone()
                    data-testid="av-c-counter"
                    class:av-field__counter--over=move || left.get() < 0
                    aria-live=move || if left.get() < 100 { "polite" } else { "off" }
                >
                    {counter}
                </p>
                <p class="av-field__error" id=text_err data-testid="av-c-text-error">{move || text_error.get()}</p>
            </div>
            // Honeypot: people never see or reach it; bots fill it in (see the server's spam rules).
            <div class="av-hp" aria-hidden="true">
                <label>
                    {cw.honeypot}
                    <input
                        type="text"
                        name="website"
                        tabindex="-1"
                        autocomplete="off"
                        prop:value=move || model.with(|m| m.honeypot.clone())
                        on:input=move |ev| ctl.set_honeypot(event_target_value(&ev))
                    />
                </label>
            </div>
            <div class="av-comment-form__actions">
                <button
                    type="submit"
                    class="av-button av-button--primary"
                    data-testid="av-c-submit"
                    aria-disabled=move || (post.get() == PostState::Sending).to_string()
                >
                    {move || if post.get() == PostState::Sending { cw.sending } else { cw.submit }}
                </button>
            </div>
            <div class="av-comment-form__status" node_ref=status_box tabindex="-1" data-testid="av-c-status">
                {move || match post.get() {
                    PostState::Idle | PostState::Sending => ().into_any(),
                    PostState::Sent(PostStatus::Pending) => view! {
                        <p class="av-notice av-notice--ok" role="status" data-testid="av-c-pending">{cw.pending}</p>
                    }.into_any(),
                    PostState::Sent(PostStatus::Published) => view! {
                        <p class="av-notice av-notice--ok" role="status" data-testid="av-c-published">{cw.published}</p>
                    }.into_any(),
                    PostState::Failed(err) => failure(err, ctl, wait, w.retry, submit).into_any(),
                }}
            </div>
        </form>
    }
    .into_any()
}

/// The notice of a failed post, with Retry when trying again may work (counting down a rate limit).
fn failure(
    err: CommentsError,
    ctl: CommentsController,
    wait: Memo<u64>,
    retry_word: &'static str,
    submit: impl Fn() + Clone + 'static,
) -> impl IntoView {
    let cw = words(ctl.lang);
    let retryable = err.retryable();
    view! {
        <div class="av-notice av-notice--error" role="alert" data-testid="av-c-error" data-error-kind=err.kind()>
            <p class="av-notice__text">{err.message(ctl.lang)}</p>
            {retryable.then(|| view! {
                <button
                    type="button"
                    class="av-button"
                    data-testid="av-c-retry"
                    aria-disabled=move || (wait.get() > 0).to_string()
                    on:click=move |_| submit()
                >
                    {move || {
                        let secs = wait.get();
                        if secs > 0 { cw.retry_in.replace("{n}", &secs.to_string()) } else { retry_word.to_string() }
                    }}
                </button>
            })}
        </div>
    }
}
