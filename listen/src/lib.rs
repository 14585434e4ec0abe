//! The viewer's Listen (read aloud with the Web Speech API) and compact bar (A−, A+, Listen when
//! the toolbar has scrolled away): a lazy part, a wasm module of its own that the viewer loads when
//! the reader presses Listen or scrolls past the toolbar, and mounts with `mountListen`.
#![forbid(unsafe_code)]

pub mod blocks;
#[cfg(feature = "exports")]
pub mod exports;
pub mod player;
pub mod queue;
pub mod settings;
pub mod speech;
pub mod style;
pub mod views;
pub mod watch;
pub mod words;
