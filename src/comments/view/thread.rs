//! One comment: author, local time, text as plain text with http(s) links, and its replies.

use super::form::TextArea;
use crate::comments::contract::Comment;
use crate::comments::controller::CommentsController;
use crate::comments::linkify::{linkify, Segment};
use crate::comments::thread::Thread;
use crate::comments::words::words;
use crate::date::display_local;
use crate::i18n::UiLang;
use leptos::prelude::*;

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
    let badge = c.editor.then(|| {
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
    let replies = (!thread.replies.is_empty()).then(|| {
        view! {
            <ul class="av-comments__replies">
                {thread
                    .replies
                    .iter()
                    .map(|r| {
                        view! {
                            <li class="av-comment av-comment--reply" data-testid="av-comment" data-comment-id=r.id>
                                {comment_body(r, lang)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    });
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
            {waiting}
        </li>
    }
    .into_any()
}
