//! Readers' comments ("Ý kiến bạn đọc"): the contract's types, threads, text, the form's draft,
//! and the HTTP client.

pub mod api;
pub mod draft;
pub mod linkify;
pub mod model;
pub mod retry_after;
pub mod thread;
