//! One fetch with a timeout and an abort signal; shared by the article and comments clients.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;
#[cfg(feature = "app")]
use wasm_bindgen::JsValue;
use web_sys::AbortController;
#[cfg(feature = "app")]
use web_sys::AbortSignal;

/// Why a request got no usable answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HttpError {
    /// No answer at all (offline, DNS, refused, CORS).
    Network,
    /// No complete answer within the timeout.
    Timeout,
    /// Cancelled because the view went away.
    Aborted,
}

/// Runs `request` (which must use `controller.signal()`), aborting it after `timeout`.
pub async fn with_timeout<T, E, F>(
    timeout: Duration,
    controller: &AbortController,
    request: F,
) -> Result<T, HttpError>
where
    F: Future<Output = Result<T, E>>,
{
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let timed_out = Rc::clone(&timed_out);
        let controller = controller.clone();
        let ms = i32::try_from(timeout.as_millis()).unwrap_or(i32::MAX);
        after(ms, move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let result = request.await;
    drop(timer);
    result.map_err(|_| {
        if timed_out.get() {
            HttpError::Timeout
        } else if controller.signal().aborted() {
            HttpError::Aborted
        } else {
            HttpError::Network
        }
    })
}

/// An answer to a GET: what the article reader needs of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fetched {
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type`.
    pub content_type: String,
    /// The body.
    pub text: String,
    /// The `Link` header, if the answer had one the page may read (the reference server names
    /// the article's own page there).
    pub link: Option<String>,
}

/// GETs `url` with `Accept: application/json` (then HTML) and the abort `signal`, through
/// gloo-net: the status, the `Content-Type`, the `Link` header and the body text.
#[cfg(feature = "app")]
pub async fn get_text(url: &str, signal: &AbortSignal) -> Result<Fetched, JsValue> {
    let failed = |e: gloo_net::Error| JsValue::from_str(&e.to_string());
    let response = gloo_net::http::Request::get(url)
        .header(
            "Accept",
            "application/json, application/feed+json;q=0.9, text/html;q=0.8",
        )
        .abort_signal(Some(signal))
        .send()
        .await
        .map_err(failed)?;
    let content_type = response.headers().get("content-type").unwrap_or_default();
    let link = response.headers().get("link");
    let text = response.text().await.map_err(failed)?;
    Ok(Fetched {
        status: response.status(),
        content_type,
        text,
        link,
    })
}

#[cfg(feature = "app")]
/// The abort controller of a view's current request, tied to the current Leptos owner: starting
/// a new request aborts the one before it, and the owner's cleanup aborts what is in flight.
#[derive(Clone, Copy)]
pub struct AbortSlot(
    leptos::prelude::StoredValue<Option<AbortController>, leptos::prelude::LocalStorage>,
);

#[cfg(feature = "app")]
impl AbortSlot {
    /// A slot tied to the current owner (its cleanup aborts what is in flight).
    pub fn new() -> AbortSlot {
        let slot = AbortSlot(leptos::prelude::StoredValue::new_local(None));
        leptos::prelude::on_cleanup(move || slot.abort());
        slot
    }

    /// Aborts the request in flight, if any.
    pub fn abort(&self) {
        use leptos::prelude::UpdateValue;
        if let Some(c) = self.0.try_update_value(Option::take).flatten() {
            c.abort();
        }
    }

    /// Aborts the request in flight and gives the controller for the next one.
    pub fn next(&self) -> Option<AbortController> {
        use leptos::prelude::UpdateValue;
        self.abort();
        let c = AbortController::new().ok()?;
        self.0.try_update_value(|slot| *slot = Some(c.clone()));
        Some(c)
    }
}

#[cfg(feature = "app")]
impl Default for AbortSlot {
    fn default() -> Self {
        AbortSlot::new()
    }
}

/// Calls `f` once after `ms` milliseconds; the returned guard cancels it when dropped first.
fn after(ms: i32, f: impl FnOnce() + 'static) -> Option<Timer> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    let callback = wasm_bindgen::closure::Closure::once(f);
    let id = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            callback.as_ref().unchecked_ref(),
            ms,
        )
        .ok()?;
    Some(Timer {
        id,
        _callback: callback,
    })
}

/// A pending timeout; dropping it cancels the call.
struct Timer {
    id: i32,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            w.clear_timeout_with_handle(self.id);
        }
    }
}
