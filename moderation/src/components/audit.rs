//! The moderation log: the newest decisions and replies, each with its time and who did it.

use crate::browser;
use crate::session::Session;
use leptos::prelude::*;

/// DOM id of the log's heading.
const LOG_TITLE_ID: &str = "av-mod-log-title";

/// The moderation log of the signed-in page (loaded at once, again after every action).
#[component]
pub fn AuditLog(
    /// The signed-in session (its log signals and requests).
    session: Session,
) -> impl IntoView {
    let lang = session.lang;
    let w = move || lang.get().words();
    session.fetch_audit();
    let rows = move || session.audit.get().unwrap_or_default();
    let empty = move || {
        session
            .audit
            .with(|a| a.as_ref().is_some_and(Vec::is_empty))
            .then(|| w().log_empty)
    };
    view! {
        <section class="av-mod-log" aria-labelledby=LOG_TITLE_ID data-testid="avm-log">
            <h2 id=LOG_TITLE_ID class="av-mod-queue__title">{move || w().log_title}</h2>
            <button
                type="button"
                class="av-mod-button av-mod-button--small"
                data-testid="avm-log-reload"
                on:click=move |_| session.fetch_audit()
            >
                {move || w().log_reload}
            </button>
            <p class="av-mod-error" role="alert" data-testid="avm-log-error">
                {move || session.audit_error.get().map(|e| e.sentence(w()))}
            </p>
            <p class="av-mod-hint">{empty}</p>
            <ol class="av-mod-log__list" data-testid="avm-log-list">
                // Rebuilt whole on each load (50 short lines): no keyed list needed.
                {move || {
                    let w = w();
                    let l = lang.get();
                    rows()
                        .into_iter()
                        .map(|row| {
                            view! {
                                <li class="av-mod-log__entry" data-testid="avm-log-entry">
                                    <time class="av-mod-log__time" datetime=row.at.clone()>
                                        {browser::local_time(&row.at, l)}
                                    </time>
                                    " "
                                    <span data-testid="avm-log-text">{crate::audit::sentence(&row, w)}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </section>
    }
}
