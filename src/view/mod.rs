//! The viewer's views, Leptos components; each file renders one piece and holds no logic of its own.

pub mod article;
pub mod comments_slot;
pub mod disclosure;
pub mod display_toggle;
pub mod error_panel;
pub mod listen_toggle;
pub mod part;
pub mod text_size_control;
pub mod toolbar;
pub mod viewer;
