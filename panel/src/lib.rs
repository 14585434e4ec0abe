//! The viewer's display panel (spacing, width, font, colours, large-type printing): a lazy part, a
//! wasm module of its own that the viewer loads when the reader first opens the panel, and mounts
//! with `mountPanel`.
#![forbid(unsafe_code)]

pub mod display;
#[cfg(feature = "exports")]
pub mod exports;
pub mod settings;
pub mod style;
pub mod words;
