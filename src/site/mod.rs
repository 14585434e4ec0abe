//! The site (issue 19): the list of articles at `/articles/` and moving between it and the
//! articles without reloading the page. The list is rendered by the server and, in the browser,
//! by the `site` chunk (`crate::lazy`), which also holds the router: a reader who only reads one
//! article never downloads it.

#[cfg(all(feature = "exports", target_arch = "wasm32"))]
pub mod app;
pub mod list;
pub mod words;
