//! The published comments: a search by article and text, the comments found (newest first), a
//! "Take down" button on each (the comment is rejected and leaves the readers' list, written to
//! the moderation log) and Undo (published again). Rules in [`Published`], HTTP in [`api`].

use crate::api::{self, ApiError};
use crate::browser;
use crate::components::item::article_title;
use crate::model::{Decision, Item, Status};
use crate::published::{Filter, Published};
use crate::session::Session;
use leptos::prelude::*;

/// DOM id of the heading (focus goes there when the list empties).
const TITLE_ID: &str = "av-mod-published-title";

/// The DOM id of a published comment's take-down button.
fn button_id(id: i64) -> String {
    format!("av-mod-pub-{id}")
}

/// Focuses `id`'s take-down button once drawn, else the heading.
fn focus_after(id: Option<i64>) {
    request_animation_frame(move || match id {
        Some(id) => browser::focus_id(&button_id(id)),
        None => browser::focus_id(TITLE_ID),
    });
}

/// The published comments of the signed-in session.
#[component]
pub fn PublishedList(
    /// The signed-in session.
    session: Session,
) -> impl IntoView {
    let lang = session.lang;
    let w = move || lang.get().words();
    let list = RwSignal::new(Published::default());
    let filter = RwSignal::new(Filter::default());
    let loaded = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let live = RwSignal::new(String::new());
    let say = move |text: String| {
        live.try_set(String::new());
        request_animation_frame(move || {
            live.try_set(text);
        });
    };
    let failed = move |e: ApiError| {
        if e == ApiError::Unauthorized {
            return session.signed_out();
        }
        let w = lang.get_untracked().words();
        say(w.failed.replace("{reason}", &e.sentence(w)));
    };
    let load = move || {
        let Some((base, token)) = session.conn() else {
            return;
        };
        let f = filter.get_untracked();
        leptos::task::spawn_local(async move {
            match api::published(&base, &token, &f).await {
                Ok(page) => {
                    let n = page.total;
                    list.try_update(|l| l.load(page));
                    error.try_set(None);
                    if loaded.try_get_untracked() == Some(true) {
                        let w = lang.get_untracked().words();
                        say(w.found.replace("{n}", &n.to_string()));
                    }
                    loaded.try_set(true);
                }
                Err(ApiError::Unauthorized) => session.signed_out(),
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    load();

    let take_down = move |item: Item| {
        let id = item.id;
        if !list.try_update(|l| l.begin(id)).unwrap_or(false) {
            return;
        }
        let Some((base, token)) = session.conn() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let result = api::decide(&base, &token, id, Decision::Reject).await;
            let next = list.with_untracked(|l| l.neighbour(id));
            let (ok, gone) = (result.is_ok(), result == Err(ApiError::Gone));
            let name = list.try_update(|l| l.finish(id, ok, gone)).flatten();
            match result {
                Ok(()) => {
                    session
                        .queue
                        .try_update(|q| q.count_moved(Status::Published, Status::Rejected));
                    let w = lang.get_untracked().words();
                    say(w.taken_down.replace("{name}", &name.unwrap_or_default()));
                    session.fetch_audit();
                    focus_after(next);
                }
                Err(e) => failed(e),
            }
        });
    };
    let undo = move |_| {
        let Some(item) = list.try_update(Published::take_undo).flatten() else {
            let w = lang.get_untracked().words();
            return say(w.nothing_to_undo.to_string());
        };
        let Some((base, token)) = session.conn() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let (id, name) = (item.id, item.author_name.clone());
            let result = api::decide(&base, &token, id, Decision::Approve).await;
            list.try_update(|l| l.finish_undo(item, result.is_ok()));
            match result {
                Ok(()) => {
                    session
                        .queue
                        .try_update(|q| q.count_moved(Status::Rejected, Status::Published));
                    let w = lang.get_untracked().words();
                    say(w.republished.replace("{name}", &name));
                    session.fetch_audit();
                    focus_after(Some(id));
                }
                Err(e) => failed(e),
            }
        });
    };
    let field = move |id: &'static str,
                      label: fn(&crate::i18n::Words) -> &'static str,
                      search: bool| {
        view! {
            <label class="av-mod-signin__label" for=id>{move || label(w())}</label>
            <input
                id=id
                class="av-mod-input"
                type=if search { "search" } else { "text" }
                data-testid=id
                prop:value=move || filter.with(|f| if search { f.search.clone() } else { f.article.clone() })
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    filter.update(|f| if search { f.search = v } else { f.article = v });
                }
            />
        }
    };
    let status = move || {
        if !loaded.get() {
            return w().loading.to_string();
        }
        match list.with(Published::total) {
            0 => w().none_found.to_string(),
            n => w().found.replace("{n}", &n.to_string()),
        }
    };

    view! {
        <section class="av-mod-queue" aria-labelledby=TITLE_ID data-testid="avm-published">
            <h2 id=TITLE_ID class="av-mod-queue__title" tabindex="-1">{move || w().published_title}</h2>
            <form
                role="search"
                class="av-mod-toolbar"
                on:submit=move |ev| {
                    ev.prevent_default();
                    load();
                }
            >
                {field("avm-filter-article", |w| w.filter_article, false)}
                {field("avm-filter-search", |w| w.filter_search, true)}
                <button type="submit" class="av-mod-button av-mod-button--primary" data-testid="avm-search">
                    {move || w().search}
                </button>
                <button
                    type="button"
                    class="av-mod-button"
                    data-testid="avm-published-undo"
                    aria-disabled=move || if list.with(Published::can_undo) { "false" } else { "true" }
                    on:click=undo
                >
                    {move || w().undo}
                </button>
            </form>
            <p class="av-mod-live" role="status" data-testid="avm-published-live">{move || live.get()}</p>
            <p class="av-mod-error" role="alert">{move || error.get().map(|e| e.sentence(w()))}</p>
            <p class="av-mod-status" data-testid="avm-published-status">{status}</p>
            <ol class="av-mod-list" aria-labelledby=TITLE_ID data-testid="avm-published-list">
                <For each=move || list.with(|l| l.items().to_vec()) key=|item| item.id let:item>
                    {
                        let id = item.id;
                        let name = item.author_name.clone();
                        let created = item.created.clone();
                        let keep = item.clone();
                        view! {
                            <li class="av-mod-item" data-testid="avm-published-item" data-comment-id=id>
                                <article class="av-mod-item__card" aria-label=item.author_name.clone()>
                                    <h3 class="av-mod-item__author">{item.author_name.clone()}</h3>
                                    <p class="av-mod-item__meta">
                                        <time datetime=item.created.clone()>{move || browser::local_time(&created, lang.get())}</time>
                                    </p>
                                    <p class="av-mod-item__article">{move || w().article} " " {article_title(&item)}</p>
                                    <p class="av-mod-item__text" data-testid="avm-text">{item.text.clone()}</p>
                                    <div class="av-mod-item__actions">
                                        <button
                                            type="button"
                                            id=button_id(id)
                                            class="av-mod-button av-mod-button--reject"
                                            data-testid="avm-take-down"
                                            aria-label=move || w().take_down_one.replace("{name}", &name)
                                            aria-disabled=move || if list.with(|l| l.is_busy(id)) { "true" } else { "false" }
                                            on:click=move |_| take_down(keep.clone())
                                        >
                                            {move || w().take_down}
                                        </button>
                                    </div>
                                </article>
                            </li>
                        }
                    }
                </For>
            </ol>
        </section>
    }
}
