//! The viewer's views, built with plain DOM calls (see `crate::dom`); each file renders one piece
//! and holds no logic of its own.

pub mod article;
pub mod comments_slot;
pub mod display_toggle;
pub mod error_panel;
pub mod listen_toggle;
pub mod text_size_control;
pub mod toolbar;
pub mod viewer;
