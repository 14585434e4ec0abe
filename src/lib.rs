//! Article viewer: fetches an article as JSON and renders it safely in the browser.
#![forbid(unsafe_code)]

pub mod article;
pub mod comments;
pub mod components;
pub mod config;
pub mod content;
pub mod date;
pub mod http;
pub mod i18n;
pub mod load;
pub mod reader;
pub mod share;
pub mod url_policy;

/// Mounts the standalone viewer into the page body.
pub fn mount_standalone() {
    leptos::mount::mount_to_body(components::app::App);
}
