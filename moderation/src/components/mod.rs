//! Thin views over [`crate::model::Queue`]: the page frame, the sign-in form, the queue and one comment.

pub mod app;
pub mod item;
pub mod queue;
pub mod sign_in;
