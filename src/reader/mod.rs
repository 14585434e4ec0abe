//! Reader controls: text size, line, letter, word and paragraph spacing, width, font, theme, and
//! sharing by e-mail.

pub mod appearance;
mod choice;
pub mod font;
pub mod mailto;
pub mod prefs;
pub mod spacing;
pub mod store;
pub mod text_size;
