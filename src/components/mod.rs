//! The viewer's components; each file renders one piece and holds no logic of its own.

pub mod app;
pub mod article_view;
pub mod error_panel;
pub mod viewer;
