//! One comment: author, local time, text as plain text with http(s) links, and its replies.

use super::form::TextArea;
use crate::comments::contract::Comment;
use crate::comments::controller::CommentsController;
use crate::comments::linkify::{linkify, Segment};
use crate::comments::thread::{MoreReplies, Thread};
use crate::comments::words::words;
use crate::date::display_local;
use crate::i18n::UiLang;
use leptos::html::{Button, Ul};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The text of a comment: never HTML; line breaks kept by CSS; http(s) addresses become links.
fn comment_text(text: &str) -> impl IntoView {
    linkify(text)
        .into_iter()
        .map(|segment| match segment {
            Segment::Text(t) => t.into_any(),
            Segment::Link(url) => {
                let href = url.clone();
                view! { <a href=href rel="nofollow ugc noopener">{url}</a> }.into_any()
            }
        })
        .collect_view()
}

fn comment_body(c: &Comment, lang: UiLang) -> impl IntoView {
    // The name in its own bidi isolate: a right-to-left name, or one with a stray direction mark,
    // cannot reorder the date or the badge next to it.
    let badge = c.is_editor().then(|| {
        view! {
            " "
            <span class="av-comment__badge" data-testid="av-editor-badge">{words(lang).editor_badge}</span>
        }
    });
    view! {
        <p class="av-comment__meta">
            <bdi class="av-comment__author" data-testid="av-comment-author">{c.author_name.clone()}</bdi>
            {badge}
            " · "
            <time class="av-comment__time" datetime=c.created.clone()>{display_local(&c.created, lang)}</time>
        </p>
        <p class="av-comment__text" data-testid="av-comment-text">{comment_text(&c.text)}</p>
    }
}

/// One of the reader's own comments waiting for moderation, marked so (shown only to its author).
pub fn waiting_comment(c: &Comment, lang: UiLang) -> impl IntoView {
    view! {
        <li class="av-comment av-comment--waiting" data-testid="av-comment-waiting" data-comment-id=c.id>
            {comment_body(c, lang)}
            <p class="av-comment__waiting">{words(lang).waiting}</p>
        </li>
    }
}

/// The "Show N more replies" button under a thread while replies are left, its loading state,
/// and a sentence with Retry when the last try failed.
fn more_replies(ctl: CommentsController, id: i64, button: NodeRef<Button>) -> impl IntoView {
    let (model, lang) = (ctl.model, ctl.lang);
    // Memos of types the widget already has (fewer bytes); only a change between "replies left"
    // and "none" redraws the button, so focus stays on it while it loads.
    let hidden = Memo::new(move |_| {
        model.with(|m| {
            m.threads
                .iter()
                .find(|t| t.comment.id == id)
                .map_or(0, Thread::hidden_replies)
        })
    });
    let more = move || {
        model.with(|m| {
            m.threads
                .iter()
                .find(|t| t.comment.id == id)
                .map(|t| t.more.clone())
                .unwrap_or_default()
        })
    };
    let shown = Memo::new(move |_| hidden.get() > 0);
    let loading = Memo::new(move |_| more() == MoreReplies::Loading);
    let failed = Memo::new(move |_| match more() {
        MoreReplies::Failed(e) => Some(e.load_words(lang)),
        _ => None,
    });
    let cw = words(lang);
    move || {
        shown.get().then(|| {
            view! {
                <button
                    type="button"
                    class="av-link-button av-comment__more-replies"
                    data-testid="av-more-replies"
                    node_ref=button
                    aria-disabled=move || loading.get().to_string()
                    on:click=move |_| ctl.more_replies(id)
                >
                    {move || cw.more_replies(hidden.get())}
                </button>
                {move || failed.get().map(|why| view! {
                    <div class="av-notice av-notice--error" role="alert" data-testid="av-replies-error">
                        <p class="av-notice__text">{cw.replies_error} " " {why}</p>
                        <button
                            type="button"
                            class="av-button"
                            data-testid="av-replies-retry"
                            on:click=move |_| {
                                ctl.more_replies(id);
                                // The notice goes while loading: focus to the button it was about.
                                if let Some(b) = button.get_untracked() {
                                    let _ = b.focus();
                                }
                            }
                        >
                            {lang.words().retry}
                        </button>
                    </div>
                }.into_any())}
            }
            .into_any()
        })
    }
}

/// A top-level comment with its replies and a Reply button (for the controller in context).
#[component]
pub fn CommentThread(
    /// The comment and its replies.
    thread: Thread,
) -> impl IntoView {
    let Some(ctl) = use_context::<CommentsController>() else {
        return ().into_any();
    };
    let text_area = use_context::<TextArea>();
    let lang = ctl.lang;
    let cw = words(lang);
    let c = thread.comment;
    let (id, name) = (c.id, c.author_name.clone());
    let model = ctl.model;
    // The reader's own answers to this comment that wait for moderation.
    let waiting = move || {
        let list: Vec<Comment> = model.with(|m| m.pending.replies_to(id).cloned().collect());
        (!list.is_empty()).then(|| {
            view! {
                <ul class="av-comments__replies">
                    {list.iter().map(|r| waiting_comment(r, lang)).collect_view()}
                </ul>
            }
        })
    };
    let replies_list = NodeRef::<Ul>::new();
    let replies = (!thread.replies.is_empty()).then(|| {
        view! {
            <ul class="av-comments__replies" node_ref=replies_list>
                {thread
                    .replies
                    .iter()
                    .map(|r| {
                        view! {
                            <li class="av-comment av-comment--reply" data-testid="av-comment" data-comment-id=r.id tabindex="-1">
                                {comment_body(r, lang)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    });
    let more_button = NodeRef::<Button>::new();
    let more = more_replies(ctl, id, more_button);
    // After "more replies" this thread is drawn anew: focus goes back to the button, or to the
    // first new reply when the button went.
    if let Some(target) = model
        .with_untracked(|m| m.focus_after_more)
        .filter(|f| f.parent == id)
    {
        Effect::new(move |_| {
            let el: Option<web_sys::HtmlElement> = match target.reply {
                None => more_button.get().map(Into::into),
                Some(reply) => replies_list.get().and_then(|ul| {
                    ul.query_selector(&format!("[data-comment-id=\"{reply}\"]"))
                        .ok()
                        .flatten()
                        .and_then(|e| e.dyn_into().ok())
                }),
            };
            if let Some(el) = el {
                let _ = el.focus();
                model.update_untracked(|m| m.focus_after_more = None);
            }
        });
    }
    view! {
        <li class="av-comment" data-testid="av-comment" data-comment-id=id>
            {comment_body(&c, lang)}
            <button
                type="button"
                class="av-link-button av-comment__reply"
                data-testid="av-reply"
                aria-label=cw.reply_to.replace("{name}", &name)
                on:click=move |_| {
                    ctl.reply_to(id, &name);
                    // The form's text area takes the focus: the reader writes the answer next.
                    if let Some(t) = text_area {
                        t.focus();
                    }
                }
            >
                {cw.reply}
            </button>
            {replies}
            {more}
            {waiting}
        </li>
    }
    .into_any()
}
