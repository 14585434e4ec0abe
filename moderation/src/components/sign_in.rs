//! The sign-in form: the moderator's token is checked against the API (which says whose it is)
//! before it is kept.

use crate::api::{self, ApiError};
use crate::i18n::{Lang, Words};
use leptos::prelude::*;

/// Why the form refuses to go on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Problem {
    /// Nothing typed.
    Empty,
    /// The API refused at sign-in.
    Api(ApiError),
    /// The token stopped working after sign-in.
    Expired,
}

fn sentence(p: Problem, w: &Words) -> String {
    match p {
        Problem::Empty => w.err_empty.to_string(),
        Problem::Api(e) => e.sentence(w),
        Problem::Expired => w.err_token_later.to_string(),
    }
}

/// The sign-in form.
#[component]
pub fn SignIn(
    /// Interface language.
    lang: RwSignal<Lang>,
    /// Why the moderator was signed out, if the server refused the token later.
    reason: RwSignal<Option<ApiError>>,
    /// Called with the accepted token, the name the server knows it by, and whether it is the
    /// shared token.
    on_signed_in: Callback<(String, String, bool)>,
) -> impl IntoView {
    let w = move || lang.get().words();
    let input = NodeRef::<leptos::html::Input>::new();
    let problem = RwSignal::new(reason.get_untracked().map(|e| match e {
        ApiError::Unauthorized => Problem::Expired,
        other => Problem::Api(other),
    }));
    let checking = RwSignal::new(false);
    let refocus = move || {
        if let Some(el) = input.get_untracked() {
            let _ = el.focus();
            el.select();
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if checking.get_untracked() {
            return;
        }
        let token = input
            .get_untracked()
            .map(|el| el.value().trim().to_string())
            .unwrap_or_default();
        if token.is_empty() {
            problem.set(Some(Problem::Empty));
            refocus();
            return;
        }
        checking.set(true);
        leptos::task::spawn_local(async move {
            let result = api::me(&api::base_url(), &token).await;
            checking.try_set(false);
            match result {
                Ok((name, shared)) => on_signed_in.run((token, name, shared)),
                Err(e) => {
                    problem.try_set(Some(Problem::Api(e)));
                    refocus();
                }
            }
        });
    };
    let invalid = move || {
        if problem.with(Option::is_some) {
            "true"
        } else {
            "false"
        }
    };

    view! {
        <section class="av-mod-card av-mod-signin" aria-labelledby="av-mod-signin-title">
            <h2 id="av-mod-signin-title" class="av-mod-card__title">{move || w().sign_in_title}</h2>
            <form class="av-mod-signin__form" novalidate=true on:submit=submit data-testid="avm-sign-in-form">
                <label class="av-mod-signin__label" for="av-mod-token">{move || w().token_label}</label>
                <p id="av-mod-token-hint" class="av-mod-hint">{move || w().token_hint}</p>
                <input
                    id="av-mod-token"
                    class="av-mod-input"
                    type="password"
                    name="token"
                    autocomplete="off"
                    spellcheck="false"
                    autocapitalize="off"
                    aria-describedby="av-mod-token-hint av-mod-token-error"
                    aria-invalid=invalid
                    data-testid="avm-token"
                    node_ref=input
                />
                <p id="av-mod-token-error" class="av-mod-error" role="alert" data-testid="avm-sign-in-error">
                    {move || problem.get().map(|p| sentence(p, w()))}
                </p>
                <button
                    type="submit"
                    class="av-mod-button av-mod-button--primary"
                    data-testid="avm-sign-in"
                    aria-disabled=move || if checking.get() { "true" } else { "false" }
                >
                    {move || if checking.get() { w().checking } else { w().sign_in }}
                </button>
            </form>
        </section>
    }
}
