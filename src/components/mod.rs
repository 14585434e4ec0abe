//! The viewer's components; each file renders one piece and holds no logic of its own.

pub mod app;
pub mod article_view;
pub mod comments_slot;
pub mod display_toggle;
pub mod error_panel;
pub mod text_size_control;
pub mod toolbar;
pub mod viewer;
