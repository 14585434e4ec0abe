//! Reader controls: text size, line spacing, theme, and sharing by e-mail.

pub mod appearance;
pub mod mailto;
pub mod prefs;
pub mod store;
pub mod text_size;
