//! The viewer's display panel (line spacing, colours): a lazy part, a wasm module of its own that
//! the viewer loads when the reader first opens the panel, and mounts with `mountPanel`.
#![forbid(unsafe_code)]

pub mod display;
#[cfg(feature = "exports")]
pub mod exports;
