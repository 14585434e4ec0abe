//! A signed-in moderation session: the [`Queue`] in a signal and the requests that change it
//! (load, poll, decide, undo), with announcements for the live region. Views call its methods;
//! the rules stay in [`Queue`], the HTTP in [`crate::api`].

use crate::api::{self, ApiError};
use crate::audit::AuditRow;
use crate::browser;
use crate::i18n::Lang;
use crate::model::{Decision, Queue};
use leptos::prelude::*;

/// DOM id of the queue list (focus inside it follows decisions and undos).
pub const LIST_ID: &str = "av-mod-list";
/// DOM id of the queue heading (focus goes there when the queue empties).
pub const QUEUE_TITLE_ID: &str = "av-mod-queue-title";

/// A full reload of the list, or a poll that only updates counts and the "N new" notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fetch {
    /// Show what the server has now.
    Full,
    /// Keep the list still; count and hold back new comments.
    Poll,
}

/// The DOM id of a comment's card (the element focus moves to).
pub fn card_id(id: i64) -> String {
    format!("av-mod-item-{id}")
}

/// Everything a signed-in page shares; `Copy`, so every handler can hold it.
#[derive(Clone, Copy)]
pub struct Session {
    /// The queue.
    pub queue: RwSignal<Queue>,
    /// True once the first page is shown.
    pub loaded: RwSignal<bool>,
    /// Why the last full load failed.
    pub load_error: RwSignal<Option<ApiError>>,
    /// The live region's sentence.
    pub live: RwSignal<String>,
    /// Interface language.
    pub lang: RwSignal<Lang>,
    /// The newest entries of the moderation log, once loaded.
    pub audit: RwSignal<Option<Vec<AuditRow>>>,
    /// Why the log could not be loaded.
    pub audit_error: RwSignal<Option<ApiError>>,
    /// The idempotency key of each reply not yet acknowledged (a retry reuses it).
    reply_keys: StoredValue<Vec<(i64, String)>>,
    conn: StoredValue<(String, String)>,
    fetching: StoredValue<bool>,
    on_unauthorized: Callback<()>,
}

impl Session {
    /// A session with `token` (nothing loaded yet).
    pub fn new(lang: RwSignal<Lang>, token: String, on_unauthorized: Callback<()>) -> Session {
        Session {
            loaded: RwSignal::new(false),
            queue: RwSignal::new(Queue::default()),
            load_error: RwSignal::new(None),
            live: RwSignal::new(String::new()),
            lang,
            audit: RwSignal::new(None),
            audit_error: RwSignal::new(None),
            reply_keys: StoredValue::new(Vec::new()),
            conn: StoredValue::new((api::base_url(), token)),
            fetching: StoredValue::new(false),
            on_unauthorized,
        }
    }

    /// The API's base address and the token, while the session lives.
    pub fn conn(self) -> Option<(String, String)> {
        self.conn.try_get_value()
    }

    /// The server stopped accepting the token: back to the sign-in form.
    pub fn signed_out(self) {
        self.on_unauthorized.run(());
    }

    /// Says `text` in the live region (cleared first, so a repeated sentence is spoken again).
    pub fn announce(self, text: String) {
        self.live.try_set(String::new());
        request_animation_frame(move || {
            self.live.try_set(text);
        });
    }

    fn announce_failure(self, e: ApiError) {
        let w = self.lang.get_untracked().words();
        self.announce(w.failed.replace("{reason}", &e.sentence(w)));
    }

    /// Focuses the current comment once the DOM shows it, else the queue heading.
    pub fn focus_current(self) {
        request_animation_frame(move || {
            match self.queue.try_with_untracked(Queue::current).flatten() {
                Some(id) => browser::focus_id(&card_id(id)),
                None => browser::focus_id(QUEUE_TITLE_ID),
            }
        });
    }

    /// Asks the server for the queue (skipped while another fetch is in flight).
    pub fn fetch(self, mode: Fetch) {
        if self.fetching.get_value() {
            return;
        }
        self.fetching.set_value(true);
        leptos::task::spawn_local(async move {
            let Some((base, token)) = self.conn.try_get_value() else {
                return;
            };
            let result = api::list(&base, &token).await;
            self.fetching.try_set_value(false);
            match result {
                Ok(page) => {
                    let first_load = self.loaded.try_get_untracked() == Some(false);
                    self.queue.try_update(|q| match mode {
                        Fetch::Full => q.load(page),
                        Fetch::Poll => q.refresh(page),
                    });
                    self.loaded.try_set(true);
                    self.load_error.try_set(None);
                    if first_load {
                        self.focus_current();
                    }
                }
                Err(ApiError::Unauthorized) => self.on_unauthorized.run(()),
                Err(e) if mode == Fetch::Full => {
                    self.load_error.try_set(Some(e));
                }
                // A failed poll changes nothing on screen; the next one tries again.
                Err(_) => {}
            }
        });
    }

    /// Approves or rejects `ids` (those shown and not in flight), one request each.
    pub fn decide(self, decision: Decision, ids: Vec<i64>) {
        let ids = self.queue.try_update(|q| q.begin(&ids)).unwrap_or_default();
        if ids.is_empty() {
            return;
        }
        let name = match ids.as_slice() {
            [one] => self
                .queue
                .with_untracked(|q| q.item(*one).map(|i| i.comment.author_name.clone())),
            _ => None,
        };
        leptos::task::spawn_local(async move {
            let Some((base, token)) = self.conn.try_get_value() else {
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
            self.queue
                .try_update(|q| q.finish(decision, &done, &gone, &failed));
            match error {
                Some(ApiError::Unauthorized) => return self.on_unauthorized.run(()),
                Some(e) => self.announce_failure(e),
                None if done.is_empty() => self.announce_failure(ApiError::Gone),
                None => {
                    let w = self.lang.get_untracked().words();
                    let name = name.filter(|_| done.len() == 1);
                    self.announce(w.decided(decision, done.len(), name.as_deref()));
                }
            }
            if !done.is_empty() {
                self.fetch_audit();
            }
            if refocus {
                self.focus_current();
            }
        });
    }

    /// Approves or rejects the selected comments.
    pub fn decide_selected(self, decision: Decision) {
        let ids = self.queue.with_untracked(Queue::selected_ids);
        self.decide(decision, ids);
    }

    /// Puts the comments of the last action back to pending.
    pub fn undo(self) {
        let Some(last) = self.queue.try_update(Queue::take_undo).flatten() else {
            let w = self.lang.get_untracked().words();
            self.announce(w.nothing_to_undo.to_string());
            return;
        };
        leptos::task::spawn_local(async move {
            let Some((base, token)) = self.conn.try_get_value() else {
                return;
            };
            let (mut restored, mut error) = (vec![], None);
            for item in &last.items {
                if error == Some(ApiError::Unauthorized) {
                    break;
                }
                match api::requeue(&base, &token, item.comment.id).await {
                    Ok(()) => restored.push(item.comment.id),
                    Err(e) => {
                        error.get_or_insert(e);
                    }
                }
            }
            let refocus = browser::focus_within_or_lost(LIST_ID);
            let n = restored.len();
            self.queue.try_update(|q| q.finish_undo(last, &restored));
            match error {
                Some(ApiError::Unauthorized) => return self.on_unauthorized.run(()),
                Some(e) => self.announce_failure(e),
                None => self.announce(self.lang.get_untracked().words().undone(n)),
            }
            if n > 0 {
                self.fetch_audit();
            }
            if refocus && n > 0 {
                self.focus_current();
            }
        });
    }

    /// Shows the new comments held back by polling and focuses the first of them.
    pub fn show_incoming(self) {
        let first_new = self.queue.try_update(|q| {
            let before = q.items().len();
            q.show_incoming();
            let id = q.items().get(before).map(|i| i.comment.id);
            if let Some(id) = id {
                q.set_current(id);
            }
            id
        });
        if first_new.flatten().is_some() {
            self.focus_current();
        }
    }

    /// Loads the newest entries of the moderation log.
    pub fn fetch_audit(self) {
        leptos::task::spawn_local(async move {
            let Some((base, token)) = self.conn.try_get_value() else {
                return;
            };
            match api::audit(&base, &token).await {
                Ok(rows) => {
                    self.audit.try_set(Some(rows));
                    self.audit_error.try_set(None);
                }
                Err(ApiError::Unauthorized) => self.on_unauthorized.run(()),
                Err(e) => {
                    self.audit_error.try_set(Some(e));
                }
            }
        });
    }

    /// Approves comment `id` and publishes `text` under it as the editorial office; `done` hears
    /// whether it worked (the form keeps the text when it did not, and the reason is announced).
    pub fn reply(self, id: i64, text: String, done: Callback<bool>) {
        let ids = self
            .queue
            .try_update(|q| q.begin(&[id]))
            .unwrap_or_default();
        if ids.is_empty() {
            done.run(false);
            return;
        }
        let name = self
            .queue
            .with_untracked(|q| q.item(id).map(|i| i.comment.author_name.clone()))
            .unwrap_or_default();
        let key = self
            .reply_keys
            .try_update_value(|keys| match keys.iter().find(|(k, _)| *k == id) {
                Some((_, key)) => key.clone(),
                None => {
                    let key = new_key();
                    keys.push((id, key.clone()));
                    key
                }
            })
            .unwrap_or_else(new_key);
        leptos::task::spawn_local(async move {
            let Some((base, token)) = self.conn.try_get_value() else {
                return;
            };
            let result = api::reply(&base, &token, id, &text, &key).await;
            let refocus = browser::focus_within_or_lost(LIST_ID);
            let (ok, gone, failed): (&[i64], &[i64], &[i64]) = match &result {
                Ok(()) => (&[id], &[], &[]),
                Err(ApiError::Gone) => (&[], &[id], &[]),
                Err(_) => (&[], &[], &[id]),
            };
            self.queue
                .try_update(|q| q.finish(Decision::Approve, ok, gone, failed));
            match result {
                Ok(()) => {
                    self.reply_keys
                        .try_update_value(|keys| keys.retain(|(k, _)| *k != id));
                    let w = self.lang.get_untracked().words();
                    self.announce(w.replied.replace("{name}", &name));
                    done.run(true);
                    self.fetch_audit();
                }
                Err(ApiError::Unauthorized) => return self.on_unauthorized.run(()),
                Err(e) => {
                    self.announce_failure(e);
                    done.run(false);
                }
            }
            if refocus {
                self.focus_current();
            }
        });
    }
}

/// A fresh idempotency key for an editor reply.
fn new_key() -> String {
    let r = || (js_sys::Math::random() * 4_294_967_296.0) as u64;
    format!("editor-{:08x}{:08x}{:08x}", r(), r(), r())
}
