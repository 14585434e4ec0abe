//! The signed-in page: counts, toolbar, the live region and "N new" notice, and the queue with its
//! keyboard shortcuts. Requests and rules live in [`Session`] and [`crate::model::Queue`].

use crate::browser;
use crate::components::audit::AuditLog;
use crate::components::counts::StatusCounts;
use crate::components::item::{ItemActions, ItemState, QueueItem};
use crate::components::published::PublishedList;
use crate::components::toolbar::Toolbar;
use crate::i18n::Lang;
use crate::keys::{self, Command, Press};
use crate::model::{Decision, Queue, Status};
use crate::session::{card_id, Fetch, Session, LIST_ID, QUEUE_TITLE_ID};
use leptos::prelude::*;
use std::time::Duration;

/// How often the queue is polled while the page is visible.
const POLL_EVERY: Duration = Duration::from_secs(15);

/// Polls every [`POLL_EVERY`] while the page is visible, and at once when it becomes visible
/// again; both stop with the view.
fn poll_while_visible(session: Session) {
    let interval = set_interval_with_handle(
        move || {
            if browser::page_visible() {
                session.fetch(Fetch::Poll);
            }
        },
        POLL_EVERY,
    )
    .ok();
    let visibility = window_event_listener_untyped("visibilitychange", move |_| {
        if browser::page_visible() {
            session.fetch(Fetch::Poll);
        }
    });
    on_cleanup(move || {
        if let Some(i) = interval {
            i.clear();
        }
        visibility.remove();
    });
}

/// Runs a shortcut's command on the session.
fn run(session: Session, cmd: Command) {
    let queue = session.queue;
    let current = queue.with_untracked(Queue::current);
    match cmd {
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
                session.decide(d, vec![id]);
            }
        }
        Command::Select => {
            if let Some(id) = current {
                queue.update(|q| q.toggle_selected(id));
            }
        }
        Command::Undo => session.undo(),
    }
}

/// The signed-in page.
#[component]
pub fn Moderation(
    /// Interface language.
    lang: RwSignal<Lang>,
    /// The accepted moderation token.
    token: String,
    /// Called when the server stops accepting the token.
    on_unauthorized: Callback<()>,
) -> impl IntoView {
    let session = Session::new(lang, token, on_unauthorized);
    let queue = session.queue;
    let w = move || lang.get().words();
    let single_keys = RwSignal::new(browser::single_keys());
    // The first load puts keyboard focus on the oldest comment.
    session.fetch(Fetch::Full);
    poll_while_visible(session);

    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        // Typing a reply is typing, not shortcuts.
        if browser::is_text_field(ev.target()) {
            return;
        }
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
        // A held key moves, but never approves, rejects or undoes more than once.
        if !(ev.repeat() && matches!(cmd, Command::Approve | Command::Reject | Command::Undo)) {
            run(session, cmd);
        }
    };

    let actions = ItemActions {
        decide: Callback::new(move |(id, d): (i64, Decision)| session.decide(d, vec![id])),
        select: Callback::new(move |(id, on): (i64, bool)| {
            queue.update(|q| q.set_selected(id, on));
        }),
        reply: Callback::new(move |(id, text, done): (i64, String, Callback<bool>)| {
            session.reply(id, text, done);
        }),
        focused: Callback::new(move |id: i64| {
            if queue.with_untracked(Queue::current) != Some(id) {
                queue.update(|q| q.set_current(id));
            }
        }),
    };
    let incoming = move || queue.with(Queue::incoming);
    // Above the list only while it is empty (so it never pushes comments down).
    let status_line = move || {
        if !session.loaded.get() {
            Some(w().loading)
        } else {
            queue.with(|q| q.items().is_empty()).then(|| w().empty)
        }
    };
    // Below the list: how many more are waiting beyond the first page.
    let partial = move || {
        let (shown, rest) = queue.with(|q| (q.items().len(), q.not_shown()));
        (shown > 0 && rest > 0).then(|| {
            w().partial
                .replace("{shown}", &shown.to_string())
                .replace("{total}", &(shown as u64 + rest).to_string())
        })
    };

    // The queue, or the published comments (loaded afresh each time they are opened).
    let showing = RwSignal::new(Status::Pending);
    let view_button = move |target: Status, testid: &'static str| {
        view! {
            <button
                type="button"
                class="av-mod-button"
                data-testid=testid
                aria-pressed=move || if showing.get() == target { "true" } else { "false" }
                on:click=move |_| showing.set(target)
            >
                {move || if target == Status::Pending { w().pending } else { w().published }}
            </button>
        }
    };

    view! {
        <StatusCounts lang queue />
        <div class="av-mod-lang av-mod-views" role="group" aria-label=move || w().views>
            {view_button(Status::Pending, "avm-view-pending")}
            {view_button(Status::Published, "avm-view-published")}
        </div>
        {move || (showing.get() == Status::Published).then(|| view! { <PublishedList session /> })}
        <section
            class="av-mod-queue"
            aria-labelledby=QUEUE_TITLE_ID
            hidden=move || showing.get() != Status::Pending
        >
            <h2 id=QUEUE_TITLE_ID class="av-mod-queue__title" tabindex="-1">{move || w().queue_title}</h2>
            <Toolbar session single_keys />
            <p id="av-mod-help" class="av-mod-hint">{move || w().shortcuts_help}</p>
            <div class="av-mod-notices">
                <p class="av-mod-live" role="status" data-testid="avm-live">{move || session.live.get()}</p>
                <div class="av-mod-new" role="status" data-testid="avm-new">
                    {move || {
                        (incoming() > 0)
                            .then(|| {
                                view! {
                                    <span class="av-mod-new__text">{move || w().new_comments(incoming())}</span>
                                    " "
                                    <button
                                        type="button"
                                        class="av-mod-button av-mod-button--small"
                                        data-testid="avm-show-new"
                                        on:click=move |_| session.show_incoming()
                                    >
                                        {move || w().show_new}
                                    </button>
                                }
                            })
                    }}
                </div>
            </div>
            <p class="av-mod-error" role="alert" data-testid="avm-load-error">
                {move || session.load_error.get().map(|e| e.sentence(w()))}
            </p>
            <p class="av-mod-status" data-testid="avm-status">{status_line}</p>
            <ol
                id=LIST_ID
                class="av-mod-list"
                aria-labelledby=QUEUE_TITLE_ID
                aria-describedby="av-mod-help"
                data-testid="avm-list"
                on:keydown=on_key
            >
                <For each=move || queue.with(|q| q.items().to_vec()) key=|item| item.comment.id let:item>
                    {
                        let id = item.comment.id;
                        let state = ItemState {
                            current: Signal::derive(move || queue.with(|q| q.current() == Some(id))),
                            selected: Signal::derive(move || queue.with(|q| q.is_selected(id))),
                            busy: Signal::derive(move || queue.with(|q| q.is_busy(id))),
                        };
                        view! { <QueueItem item lang state actions /> }
                    }
                </For>
            </ol>
            <p class="av-mod-hint" data-testid="avm-partial">{partial}</p>
        </section>
        <AuditLog session />
    }
}
