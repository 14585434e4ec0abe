//! The moderation page of the reference comments server: sign in with your moderation token, then
//! approve or reject the pending comments one by one or in bulk, with the keyboard, undo, answer
//! as the editorial office, and read the moderation log.
//! Its own small bundle at `/moderation/`, never loaded by readers.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod api;
pub mod audit;
pub mod browser;
pub mod components;
pub mod i18n;
pub mod keys;
pub mod model;
pub mod published;
pub mod session;
pub mod wire;

/// Runs when the wasm starts: installs the panic hook (a panic logs its message before the app stops).
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Mounts the page into the body (called by `boot.js`).
#[wasm_bindgen::prelude::wasm_bindgen(js_name = mountModeration)]
pub fn mount() {
    leptos::mount::mount_to_body(components::app::App);
}
