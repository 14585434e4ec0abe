//! The comment form: name, e-mail, text with a live counter, reply target, honeypot. What the
//! reader types is kept per article; failures keep the form filled and offer Retry; the same
//! idempotency key goes with every retry, so nothing is posted twice.

use crate::comments::api::{self, CommentsError};
use crate::comments::draft::{Draft, Field, Problem};
use crate::comments::model::{NewComment, PostStatus, Posted};
use crate::http::AbortSlot;
use crate::i18n::{UiLang, Words};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Where a post stands.
#[derive(Clone, Debug, PartialEq)]
enum PostState {
    Idle,
    Sending,
    Sent(PostStatus),
    Failed(CommentsError),
}

fn problem_text(w: &'static Words, field: Field, problem: Problem) -> &'static str {
    match (field, problem) {
        (Field::Name, Problem::Missing) => w.c_name_missing,
        (Field::Name, Problem::TooLong) => w.c_name_long,
        (Field::Email, Problem::Missing) => w.c_email_missing,
        (Field::Email, _) => w.c_email_bad,
        (Field::Text, Problem::Missing) => w.c_text_missing,
        (Field::Text, Problem::TooLong) => w.c_text_long,
        (Field::Parent, _) => w.c_parent_bad,
        _ => w.c_field_refused,
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

/// The form for one article's comments.
#[component]
pub fn CommentForm(
    /// The comments endpoint (absolute).
    url: String,
    /// The reader's draft, shared with the list (which sets the reply target).
    draft: RwSignal<Draft>,
    /// Interface language.
    lang: UiLang,
    /// A prefix making ids unique per viewer.
    id_prefix: String,
    /// Called after the server accepted a comment.
    on_posted: Callback<Posted>,
    /// The text area, for the list's Reply buttons to move focus to.
    text_input: NodeRef<leptos::html::Textarea>,
) -> impl IntoView {
    let name_input = NodeRef::<leptos::html::Input>::new();
    let email_input = NodeRef::<leptos::html::Input>::new();
    let status_box = NodeRef::<leptos::html::Div>::new();
    let w = lang.words();
    let state = RwSignal::new(PostState::Idle);
    let problems = RwSignal::new(Vec::<(Field, Problem)>::new());
    let wait = RwSignal::new(0u64);
    let honeypot = RwSignal::new(String::new());
    let opened_at = js_sys::Date::now();
    let requests = AbortSlot::new();

    let id = move |field: &str| format!("{id_prefix}-c-{field}");
    let (name_id, email_id, text_id) = (id("name"), id("email"), id("text"));
    let (name_err, email_err, text_err, counter_id, hint_id) = (
        id("name-error"),
        id("email-error"),
        id("text-error"),
        id("counter"),
        id("email-hint"),
    );
    let error_of = move |field: Field| {
        problems.with(|p| {
            p.iter()
                .find(|(f, _)| *f == field)
                .map(|(f, pr)| problem_text(w, *f, *pr))
        })
    };

    let countdown = move |secs: u64| {
        wait.set(secs);
        fn tick(wait: RwSignal<u64>) {
            leptos::prelude::set_timeout(
                move || {
                    let left = wait.try_get_untracked().unwrap_or(0).saturating_sub(1);
                    if wait.try_set(left).is_none() && left > 0 {
                        tick(wait);
                    }
                },
                std::time::Duration::from_secs(1),
            );
        }
        if secs > 0 {
            tick(wait);
        }
    };

    let submit = {
        let url = url.clone();
        move || {
            if state.get_untracked() == PostState::Sending || wait.get_untracked() > 0 {
                return; // a double click or an early retry sends nothing more
            }
            let found = draft.with_untracked(Draft::check);
            if let Some((first, _)) = found.first() {
                match first {
                    Field::Name => focus(name_input),
                    Field::Email => focus(email_input),
                    _ => focus(text_input),
                }
                problems.set(found);
                state.set(PostState::Idle);
                return;
            }
            problems.set(Vec::new());
            // The key stays with this text across retries, so a retry never makes a second comment.
            draft.update(|d| {
                if d.key.is_none() {
                    d.key = Some(api::new_key());
                }
            });
            let d = draft.get_untracked();
            let body = NewComment {
                author_name: d.name.trim().to_string(),
                author_email: d.email.trim().to_string(),
                text: d.text.trim().to_string(),
                parent_id: d.parent_id,
                idempotency_key: d.key.clone().unwrap_or_default(),
                website: honeypot.get_untracked(),
                elapsed_ms: (js_sys::Date::now() - opened_at).max(0.0) as u64,
            };
            let Some(c) = requests.next() else { return };
            state.set(PostState::Sending);
            let url = url.clone();
            leptos::task::spawn_local(async move {
                let result = api::post(&url, &body, &c).await;
                match result {
                    Ok(posted) => {
                        let _ = draft.try_update(|d| *d = d.after_post());
                        let _ = state.try_set(PostState::Sent(posted.status));
                        on_posted.run(posted);
                        focus(status_box);
                    }
                    Err(CommentsError::Aborted) => {}
                    Err(err) => {
                        if let CommentsError::Invalid(fields) = &err {
                            let mapped = fields
                                .errors
                                .keys()
                                .map(|k| {
                                    (
                                        Field::from_server(k).unwrap_or(Field::Text),
                                        Problem::Refused,
                                    )
                                })
                                .collect();
                            let _ = problems.try_set(mapped);
                        }
                        if let CommentsError::RateLimited(secs) = err {
                            countdown(secs);
                        }
                        let _ = state.try_set(PostState::Failed(err));
                    }
                }
            });
        }
    };
    let submit_retry = submit.clone();

    let set_field = move |field: Field, value: String| {
        draft.update(|d| {
            match field {
                Field::Name => d.name = value,
                Field::Email => d.email = value,
                _ => {
                    if d.text != value {
                        d.key = None; // new text, new comment
                    }
                    d.text = value;
                }
            }
        });
        if matches!(state.get_untracked(), PostState::Sent(_)) {
            state.set(PostState::Idle);
        }
        problems.update(|p| p.retain(|(f, _)| *f != field));
    };

    let counter = move || {
        let left = draft.with(Draft::chars_left);
        if left >= 0 {
            w.c_counter.replace("{n}", &left.to_string())
        } else {
            w.c_counter_over.replace("{n}", &(-left).to_string())
        }
    };
    let described = |hint: &str, err: &str| format!("{hint} {err}").trim().to_string();

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
            <h3 class="av-comment-form__title">{w.c_form_title}</h3>
            {move || {
                draft
                    .with(|d| d.parent_name.clone())
                    .map(|name| {
                        view! {
                            <p class="av-comment-form__replying" data-testid="av-replying">
                                {w.c_replying_to.replace("{name}", &name)} " "
                                <button
                                    type="button"
                                    class="av-link-button"
                                    data-testid="av-cancel-reply"
                                    on:click=move |_| draft.update(|d| {
                                        d.parent_id = None;
                                        d.parent_name = None;
                                    })
                                >
                                    {w.c_cancel_reply}
                                </button>
                            </p>
                        }
                    })
            }}
            <div class="av-field">
                <label for=name_id.clone()>{w.c_name} " " <span class="av-field__req">{w.c_required}</span></label>
                <input
                    node_ref=name_input
                    id=name_id
                    type="text"
                    name="author_name"
                    autocomplete="name"
                    required=true
                    data-testid="av-c-name"
                    aria-invalid=move || error_of(Field::Name).is_some().to_string()
                    aria-describedby=name_err.clone()
                    prop:value=move || draft.with(|d| d.name.clone())
                    on:input=move |ev| set_field(Field::Name, event_target_value(&ev))
                />
                <p class="av-field__error" id=name_err data-testid="av-c-name-error">{move || error_of(Field::Name)}</p>
            </div>
            <div class="av-field">
                <label for=email_id.clone()>{w.c_email} " " <span class="av-field__req">{w.c_required}</span></label>
                <input
                    node_ref=email_input
                    id=email_id
                    type="email"
                    name="author_email"
                    autocomplete="email"
                    required=true
                    data-testid="av-c-email"
                    aria-invalid=move || error_of(Field::Email).is_some().to_string()
                    aria-describedby=described(&hint_id, &email_err)
                    prop:value=move || draft.with(|d| d.email.clone())
                    on:input=move |ev| set_field(Field::Email, event_target_value(&ev))
                />
                <p class="av-field__hint" id=hint_id.clone()>{w.c_email_hint}</p>
                <p class="av-field__error" id=email_err data-testid="av-c-email-error">{move || error_of(Field::Email)}</p>
            </div>
            <div class="av-field">
                <label for=text_id.clone()>{w.c_text} " " <span class="av-field__req">{w.c_required}</span></label>
                <textarea
                    node_ref=text_input
                    id=text_id
                    name="text"
                    rows="6"
                    required=true
                    data-testid="av-c-text"
                    aria-invalid=move || error_of(Field::Text).is_some().to_string()
                    aria-describedby=described(&counter_id, &text_err)
                    prop:value=move || draft.with(|d| d.text.clone())
                    on:input=move |ev| set_field(Field::Text, event_target_value(&ev))
                ></textarea>
                <p
                    class="av-field__counter"
                    id=counter_id.clone()
                    data-testid="av-c-counter"
                    class:av-field__counter--over=move || draft.with(Draft::chars_left) < 0
                    aria-live=move || if draft.with(Draft::chars_left) < 100 { "polite" } else { "off" }
                >
                    {counter}
                </p>
                <p class="av-field__error" id=text_err data-testid="av-c-text-error">{move || error_of(Field::Text)}</p>
            </div>
            // Honeypot: people never see or reach it; bots fill it in (see the server's spam rules).
            <div class="av-hp" aria-hidden="true">
                <label>
                    {w.c_honeypot}
                    <input
                        type="text"
                        name="website"
                        tabindex="-1"
                        autocomplete="off"
                        prop:value=move || honeypot.get()
                        on:input=move |ev| honeypot.set(event_target_value(&ev))
                    />
                </label>
            </div>
            <div class="av-comment-form__actions">
                <button
                    type="submit"
                    class="av-button av-button--primary"
                    data-testid="av-c-submit"
                    aria-disabled=move || (state.get() == PostState::Sending).to_string()
                >
                    {move || if state.get() == PostState::Sending { w.c_sending } else { w.c_submit }}
                </button>
            </div>
            <div class="av-comment-form__status" node_ref=status_box tabindex="-1" data-testid="av-c-status">
                {move || match state.get() {
                    PostState::Idle | PostState::Sending => ().into_any(),
                    PostState::Sent(PostStatus::Pending) => view! {
                        <p class="av-notice av-notice--ok" role="status" data-testid="av-c-pending">{w.c_pending}</p>
                    }.into_any(),
                    PostState::Sent(PostStatus::Published) => view! {
                        <p class="av-notice av-notice--ok" role="status" data-testid="av-c-published">{w.c_published}</p>
                    }.into_any(),
                    PostState::Failed(err) => {
                        let retry = submit_retry.clone();
                        let retryable = err.retryable();
                        view! {
                            <div class="av-notice av-notice--error" role="alert" data-testid="av-c-error" data-error-kind=err.kind()>
                                <p class="av-notice__text">{err.message(lang)}</p>
                                {retryable.then(|| view! {
                                    <button
                                        type="button"
                                        class="av-button"
                                        data-testid="av-c-retry"
                                        aria-disabled=move || (wait.get() > 0).to_string()
                                        on:click=move |_| retry()
                                    >
                                        {move || {
                                            let secs = wait.get();
                                            if secs > 0 { w.c_retry_in.replace("{n}", &secs.to_string()) } else { w.retry.to_string() }
                                        }}
                                    </button>
                                })}
                            </div>
                        }.into_any()
                    }
                }}
            </div>
        </form>
    }
}
