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

    // Takes `item` down (reject) or, for undo, publishes it again (approve): one request, the
    // counts and the log follow, focus goes to the next comment (or the one put back).
    let change = move |item: Item, decision: Decision| {
        let Some((base, token)) = session.conn() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let (id, name) = (item.comment.id, item.comment.author_name.clone());
            let down = decision == Decision::Reject;
            let result = api::decide(&base, &token, id, decision).await;
            let next = if down {
                list.with_untracked(|l| l.neighbour(id))
            } else {
                Some(id)
            };
            list.try_update(|l| {
                if down {
                    l.finish(id, result.is_ok(), result == Err(ApiError::Gone));
                } else {
                    l.finish_undo(item, result.is_ok());
                }
            });
            match result {
                Ok(()) => {
                    let (from, to) = if down {
                        (Status::Published, Status::Rejected)
                    } else {
                        (Status::Rejected, Status::Published)
                    };
                    session.queue.try_update(|q| q.count_moved(from, to));
                    let w = lang.get_untracked().words();
                    let said = if down { w.taken_down } else { w.republished };
                    say(said.replace("{name}", &name));
                    session.fetch_audit();
                    focus_after(next);
                }
                Err(e) => failed(e),
            }
        });
    };
    let take_down = move |item: Item| {
        if list
            .try_update(|l| l.begin(item.comment.id))
            .unwrap_or(false)
        {
            change(item, Decision::Reject);
        }
    };
    let undo = move |_| match list.try_update(Published::take_undo).flatten() {
        Some(item) => change(item, Decision::Approve),
        None => say(lang.get_untracked().words().nothing_to_undo.to_string()),
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
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    filter.update_untracked(|f| if search { f.search = v } else { f.article = v });
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
                <For each=move || list.with(|l| l.items().to_vec()) key=|item| item.comment.id let:item>
                    {
                        let id = item.comment.id;
                        let name = item.comment.author_name.clone();
                        let created = item.comment.created.clone();
                        let keep = item.clone();
                        view! {
                            <li class="av-mod-item" data-testid="avm-published-item" data-comment-id=id>
                                <article class="av-mod-item__card" aria-label=item.comment.author_name.clone()>
                                    <h3 class="av-mod-item__author">{item.comment.author_name.clone()}</h3>
                                    <p class="av-mod-item__meta">
                                        <time datetime=item.comment.created.clone()>{browser::local_time(&created, lang.get_untracked())}</time>
                                    </p>
                                    <p class="av-mod-item__article">{move || w().article} " " {article_title(&item)}</p>
                                    <p class="av-mod-item__text" data-testid="avm-text">{item.comment.text.clone()}</p>
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
