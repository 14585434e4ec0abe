//! Readers' comments ("Ý kiến bạn đọc"): the contract's types, threads, the form's draft, the
//! widget's model and controller, its views, and the HTTP client. A lazy chunk, loaded when the
//! comments section nears the viewport (`crate::view::comments_slot`).

pub mod api;
pub mod contract;
pub mod controller;
pub mod draft;
pub mod linkify;
pub mod model;
pub mod mount;
pub mod pending;
pub mod retry_after;
pub mod thread;
pub mod view;
pub mod words;
