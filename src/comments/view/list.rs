//! The list of threads: a keyed `<For>`, so "load more" and a new post add nodes for what is new
//! and leave the rest alone; its loading, empty and error states; the load-more button.

use super::thread::{waiting_comment, CommentThread};
use crate::comments::controller::CommentsController;
use crate::comments::model::ListState;
use crate::comments::words::words;
use leptos::prelude::*;

/// The threads of the controller in context.
#[component]
pub fn CommentList() -> impl IntoView {
    let Some(ctl) = use_context::<CommentsController>() else {
        return ().into_any();
    };
    let model = ctl.model;
    let (w, cw) = (ctl.lang.words(), words(ctl.lang));
    let version = Memo::new(move |_| model.with(|m| m.threads_version));
    let list = Memo::new(move |_| model.with(|m| m.list.clone()));
    let empty = Memo::new(move |_| model.with(|m| m.is_empty()));
    let more = Memo::new(move |_| model.with(|m| m.can_load_more()));
    // The reader's own top-level comments waiting for moderation, where a new comment goes: first
    // when the newest come first, else last.
    let waiting = move |first: bool| {
        move || {
            model.with(|m| {
                (m.sort.newest_first() == first).then(|| {
                    let mut list: Vec<_> = m.pending.top_level().cloned().collect();
                    if first {
                        list.reverse();
                    }
                    list.iter()
                        .map(|c| waiting_comment(c, ctl.lang))
                        .collect_view()
                })
            })
        }
    };
    view! {
        <ul class="av-comments__list" data-testid="av-comments-list">
            {waiting(true)}
            <For
                each=move || {
                    // Read (not only tracked): a memo recomputes when it is read.
                    let _ = version.get();
                    model.with_untracked(|m| m.threads.clone())
                }
                // A thread re-renders when its replies change; the others keep their nodes.
                key=|t| (t.comment.id, t.replies.len())
                let(thread)
            >
                <CommentThread thread />
            </For>
            {waiting(false)}
        </ul>
        {move || match list.get() {
            ListState::Loading => view! {
                <p class="av-loading" role="status" data-testid="av-comments-loading">{w.comments_loading}</p>
            }.into_any(),
            ListState::Failed(e) => view! {
                <div class="av-notice av-notice--error" role="alert" data-testid="av-comments-error">
                    <p class="av-notice__text">{cw.list_error} " " {e.load_message(ctl.lang)}</p>
                    <button type="button" class="av-button" data-testid="av-comments-retry" on:click=move |_| ctl.retry_list()>
                        {w.retry}
                    </button>
                </div>
            }.into_any(),
            _ if empty.get() => view! {
                <p class="av-comments__empty" data-testid="av-comments-empty">{cw.empty}</p>
            }.into_any(),
            _ => ().into_any(),
        }}
        // Polite: how many replies "more replies" added.
        <p class="av-visually-hidden" role="status" data-testid="av-comments-live">
            {move || model.with(|m| m.replies_added.map(|n| cw.replies_added.replace("{n}", &n.to_string())))}
        </p>
        {move || more.get().then(|| view! {
            <button type="button" class="av-button av-comments__more" data-testid="av-load-more" on:click=move |_| ctl.more()>
                {cw.load_more}
            </button>
        })}
    }
    .into_any()
}
