//! The comments section ("Ý kiến bạn đọc"): heading with the count, newest/oldest switch,
//! threads with "load more", and the form. It loads nothing until it nears the viewport.

use super::comment_form::CommentForm;
use super::comment_item::CommentThread;
use crate::comments::api::{self, CommentsError};
use crate::comments::draft::{storage_key, Draft};
use crate::comments::model::{PostStatus, Posted};
use crate::comments::thread::{add_posted, merge_page, Thread};
use crate::host_events::{self, emit, use_host};
use crate::http::AbortSlot;
use crate::i18n::UiLang;
use crate::reader::store::storage;
use leptos::html::Section;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

/// Default number of top-level comments per page.
pub const DEFAULT_PER_PAGE: u32 = 20;

/// Where the list stands.
#[derive(Clone, Debug, PartialEq)]
enum ListState {
    Waiting,
    Loading,
    Ready,
    Failed(CommentsError),
}

/// Calls `on_near` once, when `target` comes within 600 px of the viewport (at once where
/// IntersectionObserver is missing). Returns a function that disconnects the observer.
fn when_near(target: &web_sys::Element, on_near: impl Fn() + 'static) -> Option<impl Fn()> {
    let callback = Closure::<dyn Fn(js_sys::Array, web_sys::IntersectionObserver)>::new(
        move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
            let near = entries.iter().any(|e| {
                e.dyn_into::<web_sys::IntersectionObserverEntry>()
                    .is_ok_and(|e| e.is_intersecting())
            });
            if near {
                observer.disconnect();
                on_near();
            }
        },
    );
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin("600px 0px");
    let observer = web_sys::IntersectionObserver::new_with_options(
        callback.as_ref().unchecked_ref(),
        &options,
    )
    .ok()?;
    observer.observe(target);
    callback.forget(); // owned by the observer from now on; it is disconnected on cleanup
    Some(move || observer.disconnect())
}

/// The readers' comments of one article.
#[component]
pub fn CommentsSection(
    /// The comments endpoint (absolute).
    url: String,
    /// The article id (drafts are kept per article).
    article_id: String,
    /// Interface language.
    lang: UiLang,
    /// A prefix making ids unique per viewer.
    id_prefix: String,
    /// Top-level comments per page.
    #[prop(default = DEFAULT_PER_PAGE)]
    per_page: u32,
) -> impl IntoView {
    let w = lang.words();
    let heading_id = format!("{id_prefix}-comments-title");
    let labelled_by = heading_id.clone();
    let root = NodeRef::<Section>::new();
    let list = RwSignal::new(ListState::Waiting);
    let threads = RwSignal::new(Vec::<Thread>::new());
    let total = RwSignal::new(None::<u32>);
    let page = RwSignal::new(0u32);
    let has_more = RwSignal::new(false);
    let newest_first = RwSignal::new(true);

    // The draft: restored from storage, saved on every change, removed once posted.
    let key = storage_key(&article_id);
    let initial = storage()
        .and_then(|s| s.get_item(&key).ok().flatten())
        .map(|v| Draft::decode(&v))
        .unwrap_or_default();
    let draft = RwSignal::new(initial);
    Effect::new(move |_| {
        let d = draft.get();
        if let Some(s) = storage() {
            // Blocked or full storage: the draft still lives in memory for this page.
            let _ = if d == Draft::default() {
                s.remove_item(&key)
            } else {
                s.set_item(&key, &d.encode())
            };
        }
    });

    let requests = AbortSlot::new();
    let load = {
        let url = url.clone();
        move |next: u32| {
            let Some(c) = requests.next() else { return };
            list.set(ListState::Loading);
            let url = url.clone();
            let newest = newest_first.get_untracked();
            leptos::task::spawn_local(async move {
                match api::fetch_page(&url, next, per_page, newest, &c).await {
                    Ok(p) => {
                        let _ = threads.try_update(|t| {
                            if next == 1 {
                                t.clear();
                            }
                            merge_page(t, &p.items);
                        });
                        let _ = total.try_set(Some(p.total));
                        let _ = page.try_set(next);
                        let _ = has_more.try_set(p.has_more());
                        let _ = list.try_set(ListState::Ready);
                    }
                    Err(CommentsError::Aborted) => {}
                    Err(e) => {
                        let _ = list.try_set(ListState::Failed(e));
                    }
                }
            });
        }
    };
    let disconnect: StoredValue<Option<Box<dyn Fn()>>, LocalStorage> = StoredValue::new_local(None);
    on_cleanup(move || {
        if let Some(stop) = disconnect.try_update_value(Option::take).flatten() {
            stop();
        }
    });
    {
        let load = load.clone();
        Effect::new(move |_| {
            let Some(el) = root.get() else { return };
            let load_near = load.clone();
            match when_near(&el, move || load_near(1)) {
                Some(stop) => disconnect.set_value(Some(Box::new(stop))),
                None => load(1),
            }
        });
    }

    let sort = {
        let load = load.clone();
        move |newest: bool| {
            if newest_first.get_untracked() != newest {
                newest_first.set(newest);
                load(1);
            }
        }
    };
    let sort_old = sort.clone();
    let retry_list = {
        let load = load.clone();
        move |_| load(page.get_untracked().max(1))
    };
    let more = move |_| load(page.get_untracked() + 1);
    let text_input = NodeRef::<leptos::html::Textarea>::new();
    let on_reply = Callback::new(move |(id, name): (i64, String)| {
        draft.update(|d| {
            d.parent_id = Some(id);
            d.parent_name = Some(name);
        });
        if let Some(el) = text_input.get_untracked() {
            let _ = el.focus();
        }
    });
    let host = use_host();
    let on_posted = Callback::new(move |posted: Posted| {
        emit(
            host.as_ref(),
            host_events::COMMENT_SUBMITTED,
            &[
                ("id", JsValue::from_f64(posted.comment.id as f64)),
                (
                    "status",
                    JsValue::from_str(if posted.status == PostStatus::Published {
                        "published"
                    } else {
                        "pending"
                    }),
                ),
                (
                    "parentId",
                    posted
                        .comment
                        .parent_id
                        .map_or(JsValue::NULL, |p| JsValue::from_f64(p as f64)),
                ),
            ],
        );
        if posted.status == PostStatus::Published {
            threads.update(|t| add_posted(t, posted.comment.clone(), newest_first.get_untracked()));
            total.update(|n| *n = Some(n.unwrap_or(0) + 1));
        }
    });

    view! {
        <section class="av-comments" node_ref=root aria-labelledby=labelled_by data-testid="av-comments" part="comments">
            <h2 class="av-comments__title" id=heading_id data-testid="av-comments-title">
                {w.comments_title}
                {move || total.get().map(|n| format!(" ({n})"))}
            </h2>
            <div class="av-comments__sort" role="group" aria-label=w.c_sort_label>
                <button
                    type="button"
                    class="av-button av-comments__sort-button"
                    data-testid="av-sort-newest"
                    aria-pressed=move || newest_first.get().to_string()
                    on:click=move |_| sort(true)
                >
                    {w.c_newest}
                </button>
                <button
                    type="button"
                    class="av-button av-comments__sort-button"
                    data-testid="av-sort-oldest"
                    aria-pressed=move || (!newest_first.get()).to_string()
                    on:click=move |_| sort_old(false)
                >
                    {w.c_oldest}
                </button>
            </div>
            <ul class="av-comments__list" data-testid="av-comments-list">
                {move || {
                    threads
                        .get()
                        .into_iter()
                        .map(|thread| view! { <CommentThread thread lang on_reply /> })
                        .collect_view()
                }}
            </ul>
            {move || match list.get() {
                ListState::Waiting | ListState::Ready if threads.with(Vec::is_empty) && total.get() == Some(0) => {
                    view! { <p class="av-comments__empty" data-testid="av-comments-empty">{w.c_empty}</p> }.into_any()
                }
                ListState::Loading => view! {
                    <p class="av-loading" role="status" data-testid="av-comments-loading">{w.c_loading}</p>
                }.into_any(),
                ListState::Failed(e) => {
                    let retry = retry_list.clone();
                    view! {
                        <div class="av-notice av-notice--error" role="alert" data-testid="av-comments-error">
                            <p class="av-notice__text">{w.c_list_error} " " {e.message(lang)}</p>
                            <button type="button" class="av-button" data-testid="av-comments-retry" on:click=retry>
                                {w.retry}
                            </button>
                        </div>
                    }.into_any()
                }
                _ => ().into_any(),
            }}
            {move || (has_more.get() && list.get() == ListState::Ready).then(|| {
                let more = more.clone();
                view! {
                    <button type="button" class="av-button av-comments__more" data-testid="av-load-more" on:click=more>
                        {w.c_load_more}
                    </button>
                }
            })}
            <CommentForm url draft lang id_prefix on_posted text_input />
        </section>
    }
}
