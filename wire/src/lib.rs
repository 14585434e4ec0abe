//! The JSON shapes the article viewer's parts exchange, defined once as serde types: the article
//! format (`docs/article-format.md`), the comments contract (`docs/comments-api.md`) and the
//! moderation API, the list of a site's articles. The viewer reads them in the browser through `serde-wasm-bindgen` over
//! `JSON.parse`, the server and the tools through `serde_json`.
//!
//! A portal's data varies: fields that may be wrong without failing the whole document are
//! [`Lenient`], which keeps a value of the wrong type as [`Lenient::Invalid`] instead of an error,
//! so the reader of the type decides (the viewer leaves it out with a console warning naming it).

pub mod article;
pub mod comments;
pub mod index;
pub mod json;
pub mod lenient;
pub mod moderation;

pub use lenient::Lenient;
