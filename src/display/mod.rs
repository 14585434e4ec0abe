//! The display panel (spacing, width, font, colours, large-type printing): a lazy chunk, loaded
//! the first time the reader opens Display (`crate::view::display_toggle`).

pub mod mount;
pub mod panel;
pub mod settings;
pub mod style;
pub mod words;
