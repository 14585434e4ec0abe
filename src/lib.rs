//! Article viewer: fetches an article as JSON and renders it safely in the browser.
#![forbid(unsafe_code)]

pub mod article;
pub mod components;
pub mod config;
pub mod content;
pub mod date;
#[cfg(feature = "exports")]
pub mod embed;
pub mod host_events;
pub mod http;
pub mod i18n;
pub mod json;
pub mod lazy;
pub mod load;
pub mod observe;
pub mod reader;
pub mod share;
pub mod url_policy;

/// Runs when the wasm starts: installs the panic hook (a panic logs its message before the app stops).
#[cfg(feature = "exports")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Mounts the standalone viewer into the page body (called by the standalone page's `boot.js`).
#[cfg(feature = "exports")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = mountStandalone)]
pub fn mount_standalone() {
    leptos::mount::mount_to_body(components::app::App);
}
