//! The one lifecycle of a lazy part in a view: asked for when first wanted, a loading line while
//! its chunk is on its way, its view in place once in, a notice with Retry if it cannot be loaded.
//! The part's view is made under the view's owner, so it goes (listeners, requests and all) with
//! the view that shows it.

use crate::lazy::PartError;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::future::Future;

/// Where a part stands.
#[derive(Clone, Debug, PartialEq)]
pub enum PartState {
    /// Not asked for yet.
    Idle,
    /// On its way.
    Loading,
    /// Shown.
    Ready,
    /// Could not be loaded; Retry asks again.
    Failed(PartError),
}

impl PartState {
    /// A short stable name (`idle`, `loading`, `ready`, `failed`), for `data-state`.
    pub fn key(&self) -> &'static str {
        match self {
            PartState::Idle => "idle",
            PartState::Loading => "loading",
            PartState::Ready => "ready",
            PartState::Failed(_) => "failed",
        }
    }
}

/// One lazy part of a view.
#[derive(Clone, Copy)]
pub struct Part {
    /// Where it stands.
    pub state: RwSignal<PartState>,
    /// Bumped by every request: its view (re)loads the part.
    attempt: RwSignal<u32>,
}

impl Default for Part {
    fn default() -> Self {
        Part {
            state: RwSignal::new(PartState::Idle),
            attempt: RwSignal::new(0),
        }
    }
}

impl Part {
    /// Asks for the part, unless it is on its way or shown.
    pub fn load(&self) {
        let state = self.state.get_untracked();
        if matches!(state, PartState::Idle | PartState::Failed(_)) {
            self.state.set(PartState::Loading);
            self.attempt.update(|n| *n += 1);
        }
    }

    /// The part's view once asked for: `load` fetches the chunk and makes the view.
    pub fn view<F, Fut>(self, load: F) -> impl IntoView
    where
        F: Fn() -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<AnyView, PartError>> + 'static,
    {
        let Part { state, attempt } = self;
        move || {
            (attempt.get() > 0).then(|| {
                let loading = SendWrapper::new(load());
                Suspend::new(async move {
                    match loading.await {
                        Ok(view) => {
                            state.set(PartState::Ready);
                            Some(view)
                        }
                        Err(e) => {
                            state.set(PartState::Failed(e));
                            None
                        }
                    }
                })
            })
        }
    }
}

/// The words and test ids of a part's loading line and failure notice.
#[derive(Clone, Copy)]
pub struct PartWords {
    /// The loading line ("Đang tải…").
    pub loading: &'static str,
    /// The failure sentence.
    pub failed: &'static str,
    /// "Thử lại".
    pub retry: &'static str,
    /// Test ids of the loading line, the notice and its Retry button, if any.
    pub testids: Option<(&'static str, &'static str, &'static str)>,
}

/// The loading line while `part` is on its way (or `waiting` holds), and the notice with Retry
/// when it could not be loaded.
#[component]
pub fn PartStatus(
    /// The part.
    part: Part,
    /// Its words.
    words: PartWords,
    /// Show the loading line before the part is asked for too.
    #[prop(optional)]
    waiting: bool,
) -> impl IntoView {
    let (loading_id, notice_id, retry_id) = match words.testids {
        Some((l, n, r)) => (Some(l), Some(n), Some(r)),
        None => (None, None, None),
    };
    move || {
        match part.state.get() {
        PartState::Loading => Some(
            view! { <p class="av-loading" role="status" data-testid=loading_id>{words.loading}</p> }
                .into_any(),
        ),
        PartState::Idle if waiting => Some(
            view! { <p class="av-loading" role="status" data-testid=loading_id>{words.loading}</p> }
                .into_any(),
        ),
        PartState::Failed(e) => Some(
            view! {
                <div
                    class="av-notice av-notice--error"
                    role="alert"
                    data-testid=notice_id
                    data-error-kind=e.kind()
                >
                    <p class="av-notice__text">{words.failed}</p>
                    <button
                        type="button"
                        class="av-button"
                        data-testid=retry_id
                        on:click=move |_| part.load()
                    >
                        {words.retry}
                    </button>
                </div>
            }
            .into_any(),
        ),
        PartState::Idle | PartState::Ready => None,
    }
    }
}
