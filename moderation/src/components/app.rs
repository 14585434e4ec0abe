//! The page frame: heading, language switch, sign-out, and either the sign-in form or the queue.

use crate::api::{self, ApiError};
use crate::browser;
use crate::components::queue::Moderation;
use crate::components::sign_in::SignIn;
use crate::i18n::Lang;
use leptos::prelude::*;

/// One button of the language switch, pressed when it is the current language.
fn lang_button(lang: RwSignal<Lang>, target: Lang, label: &'static str) -> impl IntoView {
    view! {
        <button
            type="button"
            class="av-mod-button av-mod-lang__button"
            lang=target.tag()
            data-testid=format!("avm-lang-{}", target.tag())
            aria-pressed=move || if lang.get() == target { "true" } else { "false" }
            on:click=move |_| {
                lang.set(target);
                browser::store_lang(target);
            }
        >
            {label}
        </button>
    }
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(browser::initial_lang());
    let w = move || lang.get().words();
    Effect::new(move || {
        let l = lang.get();
        browser::set_document_lang(l, l.words().title);
    });
    let token = RwSignal::new(browser::stored_token());
    // Whose token it is (name, shared token?), as the server says; asked again after a reload.
    let who = RwSignal::new(None::<(String, bool)>);
    // Why the moderator was signed out, shown on the sign-in form.
    let reason = RwSignal::new(None::<ApiError>);
    let sign_out = move |why: Option<ApiError>| {
        browser::store_token(None);
        who.set(None);
        reason.set(why);
        token.set(None);
        request_animation_frame(|| browser::focus_id("av-mod-token"));
    };
    let on_signed_in = Callback::new(move |(t, name, shared): (String, String, bool)| {
        browser::store_token(Some(&t));
        who.set(Some((name, shared)));
        reason.set(None);
        token.set(Some(t));
    });
    let on_unauthorized = Callback::new(move |()| sign_out(Some(ApiError::Unauthorized)));
    if let Some(t) = token.get_untracked() {
        leptos::task::spawn_local(async move {
            match api::me(&api::base_url(), &t).await {
                Ok(me) => {
                    who.try_set(Some(me));
                }
                Err(ApiError::Unauthorized) => on_unauthorized.run(()),
                Err(_) => {}
            }
        });
    }
    let who_line = move || {
        who.get().map(|(name, shared)| {
            if shared {
                w().signed_in_shared.to_string()
            } else {
                w().signed_in_as.replace("{name}", &name)
            }
        })
    };

    view! {
        <header class="av-mod-header">
            <h1 class="av-mod-header__title">{move || w().title}</h1>
            <div class="av-mod-header__tools">
                <div class="av-mod-lang" role="group" aria-label=move || w().language>
                    {lang_button(lang, Lang::Vi, "Tiếng Việt")}
                    {lang_button(lang, Lang::En, "English")}
                </div>
                <p class="av-mod-who" data-testid="avm-who">{who_line}</p>
                {move || {
                    token
                        .with(Option::is_some)
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="av-mod-button"
                                    data-testid="avm-sign-out"
                                    on:click=move |_| sign_out(None)
                                >
                                    {move || w().sign_out}
                                </button>
                            }
                        })
                }}
            </div>
        </header>
        <main class="av-mod-main" data-testid="avm-main">
            {move || match token.get() {
                None => view! { <SignIn lang reason on_signed_in /> }.into_any(),
                Some(t) => view! { <Moderation lang token=t on_unauthorized /> }.into_any(),
            }}
        </main>
    }
}
