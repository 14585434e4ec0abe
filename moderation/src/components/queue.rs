//! The signed-in page: counts per status, the bulk toolbar, the "N new" notice, the queue with its
//! keyboard shortcuts, and a live region announcing every action. All rules live in [`Queue`].

use crate::api::{self, ApiError};
use crate::browser;
use crate::components::item::{card_id, ItemActions, ItemState, QueueItem};
use crate::i18n::Lang;
use crate::keys::{self, Command, Press};
use crate::model::{Decision, Page, Queue};
use leptos::prelude::*;
use std::time::Duration;

/// DOM id of the queue list (the keyboard shortcuts live on it).
const LIST_ID: &str = "av-mod-list";
/// DOM id of the queue heading (focus goes there when the queue empties).
const QUEUE_TITLE_ID: &str = "av-mod-queue-title";
/// How often the queue is polled while the page is visible.
const POLL_EVERY: Duration = Duration::from_secs(15);

/// A full reload of the list, or a poll that only updates counts and the "N new" notice.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fetch {
    Full,
    Poll,
}

/// Focuses the current comment once the DOM shows it, else the queue heading.
fn focus_current(queue: RwSignal<Queue>) {
    request_animation_frame(
        move || match queue.try_with_untracked(Queue::current).flatten() {
            Some(id) => browser::focus_id(&card_id(id)),
            None => browser::focus_id(QUEUE_TITLE_ID),
        },
    );
}

/// "Yes" for ARIA boolean attributes.
fn aria(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// The signed-in page.
#[component]
pub fn Moderation(
    /// Interface language.
    lang: RwSignal<Lang>,
    /// The accepted moderation token.
    token: String,
    /// The first page, if the sign-in form already fetched it.
    first: Option<Page>,
    /// Called when the server stops accepting the token.
    on_unauthorized: Callback<()>,
) -> impl IntoView {
    let w = move || lang.get().words();
    let conn = StoredValue::new((api::base_url(), token));
    let loaded = RwSignal::new(first.is_some());
    let queue = RwSignal::new(first.map(Queue::from_page).unwrap_or_default());
    let load_error = RwSignal::new(None::<ApiError>);
    let fetching = StoredValue::new(false);
    let single_keys = RwSignal::new(browser::single_keys());
    // The live region: the last action's sentence (cleared first, so a repeat is announced again).
    let live = RwSignal::new(String::new());
    let announce = move |text: String| {
        live.try_set(String::new());
        request_animation_frame(move || {
            live.try_set(text);
        });
    };
    let failure = move |e: ApiError| {
        let w = lang.get_untracked().words();
        announce(w.failed.replace("{reason}", &e.sentence(w)));
    };

    let fetch = move |mode: Fetch| {
        if fetching.get_value() {
            return;
        }
        fetching.set_value(true);
        leptos::task::spawn_local(async move {
            let Some((base, token)) = conn.try_get_value() else {
                return;
            };
            let result = api::list(&base, &token).await;
            fetching.try_set_value(false);
            match result {
                Ok(page) => {
                    queue.try_update(|q| match mode {
                        Fetch::Full => q.load(page),
                        Fetch::Poll => q.refresh(page),
                    });
                    let first_load = loaded.try_get_untracked() == Some(false);
                    loaded.try_set(true);
                    load_error.try_set(None);
                    if first_load {
                        focus_current(queue);
                    }
                }
                Err(ApiError::Unauthorized) => on_unauthorized.run(()),
                Err(e) if mode == Fetch::Full => {
                    load_error.try_set(Some(e));
                }
                // A failed poll changes nothing on screen; the next one tries again.
                Err(_) => {}
            }
        });
    };
    if loaded.get_untracked() {
        // Just signed in: the keyboard starts on the oldest comment.
        focus_current(queue);
    } else {
        fetch(Fetch::Full);
    }

    // Poll every 15 s while the page is visible, and at once when it becomes visible again.
    let interval = set_interval_with_handle(
        move || {
            if browser::page_visible() {
                fetch(Fetch::Poll);
            }
        },
        POLL_EVERY,
    )
    .ok();
    let visibility = window_event_listener_untyped("visibilitychange", move |_| {
        if browser::page_visible() {
            fetch(Fetch::Poll);
        }
    });
    on_cleanup(move || {
        if let Some(i) = interval {
            i.clear();
        }
        visibility.remove();
    });

    let decide = move |decision: Decision, ids: Vec<i64>| {
        let ids = queue.try_update(|q| q.begin(&ids)).unwrap_or_default();
        if ids.is_empty() {
            return;
        }
        let name = match ids.as_slice() {
            [one] => queue.with_untracked(|q| q.item(*one).map(|i| i.author_name.clone())),
            _ => None,
        };
        leptos::task::spawn_local(async move {
            let Some((base, token)) = conn.try_get_value() else {
                return;
            };
            let (mut done, mut gone, mut failed, mut error) = (vec![], vec![], vec![], None);
            for id in &ids {
                if error == Some(ApiError::Unauthorized) {
                    failed.push(*id);
                    continue;
                }
                match api::decide(&base, &token, *id, decision).await {
                    Ok(()) => done.push(*id),
                    Err(ApiError::Gone) => gone.push(*id),
                    Err(e) => {
                        failed.push(*id);
                        error.get_or_insert(e);
                    }
                }
            }
            let refocus = browser::focus_within_or_lost(LIST_ID);
            queue.try_update(|q| q.finish(decision, &done, &gone, &failed));
            match error {
                Some(ApiError::Unauthorized) => return on_unauthorized.run(()),
                Some(e) => failure(e),
                None if done.is_empty() => failure(ApiError::Gone),
                None => {
                    let w = lang.get_untracked().words();
                    let name = name.filter(|_| done.len() == 1);
                    announce(w.decided(decision, done.len(), name.as_deref()));
                }
            }
            if refocus {
                focus_current(queue);
            }
        });
    };

    let undo = move || {
        let Some(last) = queue.try_update(Queue::take_undo).flatten() else {
            announce(lang.get_untracked().words().nothing_to_undo.to_string());
            return;
        };
        leptos::task::spawn_local(async move {
            let Some((base, token)) = conn.try_get_value() else {
                return;
            };
            let (mut restored, mut error) = (vec![], None);
            for item in &last.items {
                if error == Some(ApiError::Unauthorized) {
                    break;
                }
                match api::requeue(&base, &token, item.id).await {
                    Ok(()) => restored.push(item.id),
                    Err(e) => {
                        error.get_or_insert(e);
                    }
                }
            }
            let refocus = browser::focus_within_or_lost(LIST_ID);
            let n = restored.len();
            queue.try_update(|q| q.finish_undo(last, &restored));
            match error {
                Some(ApiError::Unauthorized) => return on_unauthorized.run(()),
                Some(e) => failure(e),
                None => announce(lang.get_untracked().words().undone(n)),
            }
            if refocus && n > 0 {
                focus_current(queue);
            }
        });
    };

    let actions = ItemActions {
        decide: Callback::new(move |(id, d): (i64, Decision)| decide(d, vec![id])),
        select: Callback::new(move |(id, on): (i64, bool)| {
            queue.update(|q| q.set_selected(id, on));
        }),
        focused: Callback::new(move |id: i64| {
            if queue.with_untracked(Queue::current) != Some(id) {
                queue.update(|q| q.set_current(id));
            }
        }),
    };

    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        let press = Press {
            key: &key,
            ctrl: ev.ctrl_key(),
            meta: ev.meta_key(),
            alt: ev.alt_key(),
            shift: ev.shift_key(),
        };
        let Some(cmd) = keys::command(press, single_keys.get_untracked()) else {
            return;
        };
        ev.prevent_default();
        let current = queue.with_untracked(Queue::current);
        match cmd {
            // A held key moves, but never approves, rejects or undoes more than once.
            Command::Approve | Command::Reject | Command::Undo if ev.repeat() => {}
            Command::Next | Command::Prev => {
                let moved = queue
                    .try_update(|q| {
                        if cmd == Command::Next {
                            q.move_next()
                        } else {
                            q.move_prev()
                        }
                    })
                    .flatten();
                if let Some(id) = moved {
                    browser::focus_id(&card_id(id));
                }
            }
            Command::Approve | Command::Reject => {
                let d = if cmd == Command::Approve {
                    Decision::Approve
                } else {
                    Decision::Reject
                };
                if let Some(id) = current {
                    decide(d, vec![id]);
                }
            }
            Command::Select => {
                if let Some(id) = current {
                    queue.update(|q| q.toggle_selected(id));
                }
            }
            Command::Undo => undo(),
        }
    };

    let selected_count = move || queue.with(|q| q.selected_ids().len());
    let bulk = move |d: Decision| {
        let ids = queue.with_untracked(Queue::selected_ids);
        decide(d, ids);
    };
    let count =
        move |pick: fn(&crate::model::Counts) -> u64| move || queue.with(|q| pick(&q.counts()));
    let incoming = move || queue.with(Queue::incoming);
    let show_new = move |_| {
        let first_new = queue.try_update(|q| {
            let before = q.items().len();
            q.show_incoming();
            q.items().get(before).map(|i| i.id)
        });
        if let Some(id) = first_new.flatten() {
            queue.update(|q| q.set_current(id));
            focus_current(queue);
        }
    };

    view! {
        <section class="av-mod-counts" aria-labelledby="av-mod-counts-title">
            <h2 id="av-mod-counts-title" class="av-mod-visually-hidden">{move || w().counts_title}</h2>
            <ul class="av-mod-counts__list">
                <li class="av-mod-counts__item av-mod-counts__item--pending" data-testid="avm-count-pending">
                    <span class="av-mod-counts__label">{move || w().pending}</span>
                    <strong class="av-mod-counts__value">{count(|c| c.pending)}</strong>
                </li>
                <li class="av-mod-counts__item av-mod-counts__item--published" data-testid="avm-count-published">
                    <span class="av-mod-counts__label">{move || w().published}</span>
                    <strong class="av-mod-counts__value">{count(|c| c.published)}</strong>
                </li>
                <li class="av-mod-counts__item av-mod-counts__item--rejected" data-testid="avm-count-rejected">
                    <span class="av-mod-counts__label">{move || w().rejected}</span>
                    <strong class="av-mod-counts__value">{count(|c| c.rejected)}</strong>
                </li>
            </ul>
        </section>
        <section class="av-mod-queue" aria-labelledby=QUEUE_TITLE_ID>
            <h2 id=QUEUE_TITLE_ID class="av-mod-queue__title" tabindex="-1">{move || w().queue_title}</h2>
            <div class="av-mod-toolbar" data-testid="avm-toolbar">
                <label class="av-mod-check">
                    <input
                        type="checkbox"
                        class="av-mod-check__box"
                        data-testid="avm-select-all"
                        prop:checked=move || queue.with(Queue::all_selected)
                        on:change=move |ev| queue.update(|q| q.select_all(event_target_checked(&ev)))
                    />
                    <span>{move || w().select_all}</span>
                </label>
                <button
                    type="button"
                    class="av-mod-button av-mod-button--approve"
                    data-testid="avm-approve-selected"
                    aria-disabled=move || aria(selected_count() == 0)
                    on:click=move |_| bulk(Decision::Approve)
                >
                    {move || w().approve_selected.replace("{n}", &selected_count().to_string())}
                </button>
                <button
                    type="button"
                    class="av-mod-button av-mod-button--reject"
                    data-testid="avm-reject-selected"
                    aria-disabled=move || aria(selected_count() == 0)
                    on:click=move |_| bulk(Decision::Reject)
                >
                    {move || w().reject_selected.replace("{n}", &selected_count().to_string())}
                </button>
                <button
                    type="button"
                    class="av-mod-button"
                    data-testid="avm-undo"
                    aria-disabled=move || aria(!queue.with(Queue::can_undo))
                    on:click=move |_| undo()
                >
                    {move || w().undo}
                </button>
                <button
                    type="button"
                    class="av-mod-button"
                    data-testid="avm-refresh"
                    on:click=move |_| fetch(Fetch::Full)
                >
                    {move || w().refresh}
                </button>
                <label class="av-mod-check">
                    <input
                        type="checkbox"
                        class="av-mod-check__box"
                        data-testid="avm-single-keys"
                        prop:checked=move || single_keys.get()
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            single_keys.set(on);
                            browser::store_single_keys(on);
                        }
                    />
                    <span>{move || w().shortcuts_toggle}</span>
                </label>
            </div>
            <p id="av-mod-help" class="av-mod-hint">{move || w().shortcuts_help}</p>
            <div class="av-mod-notices">
                <p class="av-mod-live" role="status" data-testid="avm-live">{move || live.get()}</p>
                <div class="av-mod-new" role="status" data-testid="avm-new">
                    {move || {
                        let n = incoming();
                        (n > 0)
                            .then(|| {
                                view! {
                                    <span class="av-mod-new__text">{move || w().new_comments(incoming())}</span>
                                    " "
                                    <button
                                        type="button"
                                        class="av-mod-button av-mod-button--small"
                                        data-testid="avm-show-new"
                                        on:click=show_new
                                    >
                                        {move || w().show_new}
                                    </button>
                                }
                            })
                    }}
                </div>
            </div>
            <p class="av-mod-error" role="alert" data-testid="avm-load-error">
                {move || load_error.get().map(|e| e.sentence(w()))}
            </p>
            {move || {
                if !loaded.get() {
                    return view! { <p class="av-mod-hint" data-testid="avm-loading">{move || w().loading}</p> }
                        .into_any();
                }
                if queue.with(|q| q.items().is_empty()) {
                    return view! { <p class="av-mod-empty" data-testid="avm-empty">{move || w().empty}</p> }
                        .into_any();
                }
                ().into_any()
            }}
            <ol
                id=LIST_ID
                class="av-mod-list"
                aria-labelledby=QUEUE_TITLE_ID
                aria-describedby="av-mod-help"
                data-testid="avm-list"
                on:keydown=on_key
            >
                <For
                    each=move || queue.with(|q| q.items().to_vec())
                    key=|item| item.id
                    let:item
                >
                    {
                        let id = item.id;
                        let state = ItemState {
                            current: Signal::derive(move || queue.with(|q| q.current() == Some(id))),
                            selected: Signal::derive(move || queue.with(|q| q.is_selected(id))),
                            busy: Signal::derive(move || queue.with(|q| q.is_busy(id))),
                        };
                        view! { <QueueItem item lang state actions /> }
                    }
                </For>
            </ol>
            <p class="av-mod-hint" data-testid="avm-partial">
                {move || {
                    let (shown, rest) = queue.with(|q| (q.items().len(), q.not_shown()));
                    (rest > 0)
                        .then(|| {
                            w()
                                .partial
                                .replace("{shown}", &shown.to_string())
                                .replace("{total}", &(shown as u64 + rest).to_string())
                        })
                }}
            </p>
        </section>
    }
}
