//! The parts of the viewer that load when they are needed (the comments widget): each is a wasm
//! module of its own, fetched and started by the page's loader (`boot.js` or `embed.js`) through
//! `globalThis[Symbol.for('article-viewer')].part(name)`.

use js_sys::{Function, Object, Promise, Reflect, Symbol};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why a lazy part could not be started.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PartError {
    /// The page has no loader that knows the part (a build without it, or a test page).
    #[error("This part of the viewer is not available on this page.")]
    Missing,
    /// The part's files could not be fetched or compiled (offline, server error).
    #[error("This part of the viewer could not be loaded.")]
    Failed,
}

impl PartError {
    /// A short stable name of the kind, for tests.
    pub fn kind(&self) -> &'static str {
        match self {
            PartError::Missing => "missing",
            PartError::Failed => "failed",
        }
    }
}

/// The page-wide object the loaders share (`globalThis[Symbol.for('article-viewer')]`), if any.
pub fn shared() -> Option<Object> {
    let global = js_sys::global();
    Reflect::get(&global, &Symbol::for_("article-viewer"))
        .ok()
        .and_then(|v| v.dyn_into::<Object>().ok())
}

/// Fetches and starts the part `name`; resolves to its JS module (its exports as properties).
pub async fn load_part(name: &str) -> Result<JsValue, PartError> {
    let shared = shared().ok_or(PartError::Missing)?;
    let part = Reflect::get(&shared, &JsValue::from_str("part"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or(PartError::Missing)?;
    let promise = part
        .call1(&shared, &JsValue::from_str(name))
        .ok()
        .and_then(|p| p.dyn_into::<Promise>().ok())
        .ok_or(PartError::Missing)?;
    JsFuture::from(promise).await.map_err(|e| {
        web_sys::console::warn_2(&JsValue::from_str("[article-viewer] lazy part failed:"), &e);
        PartError::Failed
    })
}

/// Starts fetching the part `name` without waiting for it (when the browser is idle).
pub fn preload_part(name: &'static str) {
    wasm_bindgen_futures::spawn_local(async move {
        let _ = load_part(name).await;
    });
}

/// Calls the function `name` of `object` (a loaded part's module, or an object it returned) with
/// `object` as `this`.
pub fn call_export(object: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, PartError> {
    let f = Reflect::get(object, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or(PartError::Missing)?;
    let array = args.iter().collect::<js_sys::Array>();
    f.apply(object, &array).map_err(|e| {
        web_sys::console::warn_2(&JsValue::from_str("[article-viewer] lazy part failed:"), &e);
        PartError::Failed
    })
}

/// A lazy part mounted by a plain view: the handle its mount function returned, freed (`free()`:
/// the part unmounts, aborting its requests and removing its listeners) when this is dropped.
#[derive(Default)]
pub struct PartHandle(std::cell::RefCell<Option<JsValue>>);

impl PartHandle {
    /// Keeps the handle a part's mount function returned.
    pub fn set(&self, handle: JsValue) {
        if let Some(old) = self.0.borrow_mut().replace(handle) {
            let _ = call_export(&old, "free", &[]);
        }
    }
}

impl Drop for PartHandle {
    fn drop(&mut self) {
        if let Some(handle) = self.0.borrow_mut().take() {
            let _ = call_export(&handle, "free", &[]);
        }
    }
}

/// Loads the part `name` and calls its `export` with `container` followed by `args`; resolves to
/// the handle it returns (call `free()` on it to unmount the part).
pub async fn mount_part(
    name: &str,
    export: &str,
    container: &web_sys::Element,
    args: &[JsValue],
) -> Result<JsValue, PartError> {
    let module = load_part(name).await?;
    let mut all = vec![JsValue::from(container)];
    all.extend_from_slice(args);
    call_export(&module, export, &all)
}

/// A lazy part mounted by a Leptos view: the handle its mount function returned, freed when the
/// view's owner is cleaned up — also when that happens while the part is still loading.
#[cfg(feature = "leptos")]
#[derive(Clone, Copy)]
pub struct MountedPart(
    leptos::prelude::StoredValue<Option<JsValue>, leptos::prelude::LocalStorage>,
);

#[cfg(feature = "leptos")]
impl MountedPart {
    /// A slot for one mounted part, tied to the current owner.
    pub fn new() -> MountedPart {
        let part = MountedPart(leptos::prelude::StoredValue::new_local(None));
        leptos::prelude::on_cleanup(move || part.free());
        part
    }

    fn free(self) {
        use leptos::prelude::UpdateValue;
        if let Some(handle) = self.0.try_update_value(Option::take).flatten() {
            let _ = call_export(&handle, "free", &[]);
        }
    }

    /// Loads the part `name` and calls its `export` with `container` followed by `args`; keeps the
    /// handle it returns, or frees it at once when the view went away meanwhile.
    pub async fn mount(
        self,
        name: &str,
        export: &str,
        container: Option<web_sys::HtmlElement>,
        args: &[JsValue],
    ) -> Result<(), PartError> {
        use leptos::prelude::UpdateValue;
        let container = container.ok_or(PartError::Missing)?;
        let handle = mount_part(name, export, &container, args).await?;
        if self
            .0
            .try_update_value(|slot| *slot = Some(handle.clone()))
            .is_none()
        {
            let _ = call_export(&handle, "free", &[]);
        }
        Ok(())
    }
}

#[cfg(feature = "leptos")]
impl Default for MountedPart {
    fn default() -> Self {
        MountedPart::new()
    }
}

/// A plain JS object from string pairs (options handed to a part).
pub fn options(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    object
}
