//! The one owner of the widget's requests, timers and storage: it changes the [`CommentsModel`]
//! through its methods and nothing else does. Views get it from context and call it.
//! Everything it starts belongs to the widget's owner: unmounting aborts requests in flight.

use crate::comments::api::{self, CommentsError};
use crate::comments::draft::{storage_key, Draft, Field};
use crate::comments::model::{CommentsModel, PageRequest, PostState, Sort};
use crate::comments::pending::{self, Pending};
use crate::host_events::{self, emit, Host};
use crate::http::AbortSlot;
use crate::i18n::UiLang;
use crate::reader::store::storage;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsValue;

/// The widget's controller (cheap to copy; everything lives in the owner's arena).
#[derive(Clone, Copy)]
pub struct CommentsController {
    /// The model the views read.
    pub model: RwSignal<CommentsModel>,
    /// Interface language.
    pub lang: UiLang,
    url: StoredValue<String>,
    host: StoredValue<Option<Host>, LocalStorage>,
    list_requests: AbortSlot,
    post_requests: AbortSlot,
    reply_requests: AbortSlot,
    opened_at: f64,
}

/// Reads the reader's kept draft for `article_id` (blocked storage: an empty draft).
fn restore_draft(key: &str) -> Draft {
    storage()
        .and_then(|s| s.get_item(key).ok().flatten())
        .map(|v| Draft::decode(&v))
        .unwrap_or_default()
}

impl CommentsController {
    /// A controller for the comments at `url` of article `article_id`; restores the reader's draft
    /// and keeps it in storage from now on.
    pub fn new(
        url: String,
        article_id: &str,
        lang: UiLang,
        per_page: u32,
        host: Option<web_sys::HtmlElement>,
    ) -> CommentsController {
        let key = storage_key(article_id);
        let pending_key = pending::storage_key(article_id);
        let kept = storage()
            .and_then(|s| s.get_item(&pending_key).ok().flatten())
            .map(|v| Pending::decode(&v))
            .unwrap_or_default();
        let model =
            RwSignal::new(CommentsModel::new(per_page, restore_draft(&key)).with_pending(kept));
        // The reader's waiting comments stay in this browser until the server lists them.
        let waiting = Memo::new(move |_| model.with(|m| m.pending.clone()));
        Effect::new(move |_| {
            let p = waiting.get();
            if let Some(s) = storage() {
                let _ = if p.is_empty() {
                    s.remove_item(&pending_key)
                } else {
                    s.set_item(&pending_key, &p.encode())
                };
            }
        });
        // The draft alone decides what is stored: typing saves, a post that went through removes it.
        let draft = Memo::new(move |_| model.with(|m| m.draft.clone()));
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
        CommentsController {
            model,
            lang,
            url: StoredValue::new(url),
            host: StoredValue::new_local(host.map(Host)),
            list_requests: AbortSlot::new(),
            post_requests: AbortSlot::new(),
            reply_requests: AbortSlot::new(),
            opened_at: js_sys::Date::now(),
        }
    }

    fn fetch(self, request: PageRequest) {
        let Some(abort) = self.list_requests.next() else {
            return;
        };
        let url = self.url.get_value();
        leptos::task::spawn_local(async move {
            let result = api::fetch_page(
                &url,
                request.page,
                request.per_page,
                request.sort.newest_first(),
                &abort,
            )
            .await;
            let _ = self.model.try_update(|m| match result {
                Ok(page) => m.page_loaded(request, &page),
                Err(e) => m.load_failed(e),
            });
        });
    }

    /// Loads the first page.
    pub fn start(self) {
        let request = self.model.write().first_page();
        self.fetch(request);
    }

    /// Loads the next page ("load more").
    pub fn more(self) {
        let request = self.model.write().next_page();
        self.fetch(request);
    }

    /// Loads the next replies of the thread of `parent` ("more replies", or its Retry).
    pub fn more_replies(self, parent: i64) {
        let Some(request) = self.model.write().begin_replies(parent) else {
            return;
        };
        let Some(abort) = self.reply_requests.next() else {
            self.model
                .update(|m| m.replies_failed(&request, CommentsError::Network));
            return;
        };
        let url = self.url.get_value();
        leptos::task::spawn_local(async move {
            let result = api::fetch_replies(
                &url,
                request.parent,
                &request.after,
                crate::comments::model::REPLIES_PER_PAGE,
                &abort,
            )
            .await;
            let _ = self.model.try_update(|m| match result {
                Ok(page) => m.replies_loaded(&request, &page),
                Err(e) => m.replies_failed(&request, e),
            });
        });
    }

    /// Tries the failed page again.
    pub fn retry_list(self) {
        let request = self.model.write().retry_page();
        self.fetch(request);
    }

    /// Shows the list in another order.
    pub fn set_sort(self, sort: Sort) {
        if let Some(request) = self.model.write().set_sort(sort) {
            self.fetch(request);
        }
    }

    /// The reader typed `value` into `field`.
    pub fn edit(self, field: Field, value: String) {
        self.model.update(|m| m.edit(field, value));
    }

    /// The reader filled in the hidden anti-spam field (only bots do).
    pub fn set_honeypot(self, value: String) {
        self.model.update(|m| m.honeypot = value);
    }

    /// The reader chose to answer comment `id` by `name`.
    pub fn reply_to(self, id: i64, name: &str) {
        self.model.update(|m| m.reply_to(id, name));
    }

    /// The reader stopped answering.
    pub fn cancel_reply(self) {
        self.model.update(CommentsModel::cancel_reply);
    }

    /// Sends the reader's comment; `Err(field)` names the first field to fix (for focus).
    pub fn submit(self) -> Result<(), Field> {
        let elapsed = (js_sys::Date::now() - self.opened_at).max(0.0) as u64;
        let Some(comment) = self.model.write().begin_post(elapsed, api::new_key)? else {
            return Ok(());
        };
        let Some(abort) = self.post_requests.next() else {
            self.model.update(|m| m.post_failed(CommentsError::Network));
            return Ok(());
        };
        let url = self.url.get_value();
        leptos::task::spawn_local(async move {
            match api::post(&url, &comment, &abort).await {
                Ok(posted) => {
                    if self.model.try_update(|m| m.posted(&posted)).is_none() {
                        return; // unmounted meanwhile
                    }
                    let status = match posted.status {
                        crate::comments::contract::PostStatus::Published => "published",
                        crate::comments::contract::PostStatus::Pending => "pending",
                    };
                    let host = self.host.try_get_value().flatten();
                    emit(
                        host.as_ref(),
                        host_events::COMMENT_SUBMITTED,
                        &[
                            ("id", JsValue::from_f64(posted.comment.id as f64)),
                            ("status", JsValue::from_str(status)),
                            (
                                "parentId",
                                posted
                                    .comment
                                    .parent_id
                                    .map_or(JsValue::NULL, |p| JsValue::from_f64(p as f64)),
                            ),
                        ],
                    );
                }
                Err(error) => {
                    let wait = matches!(error, CommentsError::RateLimited(_));
                    if self.model.try_update(|m| m.post_failed(error)).is_some() && wait {
                        self.count_down();
                    }
                }
            }
        });
        Ok(())
    }

    /// Counts a rate-limit wait down, one second at a time, until it is over or the widget goes.
    fn count_down(self) {
        set_timeout(
            move || {
                if self.model.try_update(CommentsModel::tick) == Some(true) {
                    self.count_down();
                }
            },
            Duration::from_secs(1),
        );
    }

    /// Whether the post is on its way (for the submit button).
    pub fn sending(self) -> bool {
        self.model.with(|m| m.post == PostState::Sending)
    }
}
