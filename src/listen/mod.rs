//! Listen (read aloud with the Web Speech API) and the compact bar (A−, A+, Listen when the
//! toolbar has scrolled away): a lazy chunk, loaded when the reader presses Listen or scrolls past
//! the toolbar.

pub mod blocks;
pub mod mount;
pub mod player;
pub mod queue;
pub mod settings;
pub mod speech;
pub mod style;
pub mod views;
pub mod watch;
pub mod words;
