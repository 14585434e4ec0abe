//! The widget's views: thin components that read the controller from context.

pub mod form;
pub mod list;
pub mod section;
pub mod thread;
