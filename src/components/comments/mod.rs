//! The readers' comments widget: section, threads, form.

pub mod comment_form;
pub mod comment_item;
pub mod section;
