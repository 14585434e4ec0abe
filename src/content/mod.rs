//! The article body: the typed tree, the sanitiser that builds it and the view that renders it.

pub mod entities;
#[cfg(feature = "app")]
pub mod render;
pub mod sanitize;
pub mod tokenizer;
pub mod tree;
