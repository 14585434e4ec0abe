//! One viewer: loads an article, shows progress, the article, or an error with Retry.

use crate::components::article_view::ArticleView;
use crate::components::error_panel::ErrorPanel;
use crate::i18n::UiLang;
use crate::load::{load, LoadError, Loaded};
use leptos::prelude::*;
use std::rc::Rc;
use std::time::Duration;
use web_sys::AbortController;

/// Loads the article at `src` and renders it; aborts the request when the view goes away.
#[component]
pub fn Viewer(
    /// Address of the article JSON.
    #[prop(into)]
    src: Signal<String>,
    /// Interface language until the article gives its own.
    #[prop(optional)]
    lang: UiLang,
    /// Time allowed for the fetch, in milliseconds.
    #[prop(default = crate::config::DEFAULT_TIMEOUT_MS)]
    timeout_ms: u32,
) -> impl IntoView {
    let current: StoredValue<Option<AbortController>, LocalStorage> = StoredValue::new_local(None);
    let abort_current = move || {
        if let Some(c) = current.try_update_value(Option::take).flatten() {
            c.abort();
        }
    };
    on_cleanup(abort_current);

    let resource = LocalResource::new(move || {
        let src = src.get();
        abort_current();
        let controller = AbortController::new().ok();
        current.set_value(controller.clone());
        async move {
            let Some(controller) = controller else {
                return Err(LoadError::Network);
            };
            load(
                &src,
                Duration::from_millis(u64::from(timeout_ms)),
                &controller,
            )
            .await
            .map(Rc::new)
        }
    });
    let retry = Callback::new(move |()| resource.refetch());

    let loading = move || {
        view! {
            <p class="av-loading" role="status" data-testid="av-loading">
                {lang.words().loading}
            </p>
        }
    };

    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                let result: Result<Rc<Loaded>, LoadError> = resource.await;
                match result {
                    Ok(loaded) => view! { <ArticleView loaded /> }.into_any(),
                    Err(LoadError::Aborted) => ().into_any(),
                    Err(error) => view! { <ErrorPanel error lang on_retry=retry /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
