//! Readers' comments ("Ý kiến bạn đọc") for the article viewer: the contract's types, threads,
//! the form's draft, the widget's model and controller, its views, and the HTTP client.
//!
//! A wasm module of its own: the viewer loads it when the comments section nears the viewport
//! and mounts it with [`exports::mount_comments`] (`mountComments` in JS).
#![forbid(unsafe_code)]

pub mod api;
pub mod contract;
pub mod controller;
pub mod draft;
#[cfg(feature = "exports")]
pub mod exports;
pub mod linkify;
pub mod model;
pub mod retry_after;
pub mod thread;
pub mod view;
pub mod words;
