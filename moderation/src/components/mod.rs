//! Thin views over [`crate::session::Session`] and [`crate::model::Queue`]: the page frame, the
//! sign-in form, the counts, the toolbar, the queue, one comment and the moderation log.

pub mod app;
pub mod audit;
pub mod counts;
pub mod item;
pub mod published;
pub mod queue;
pub mod sign_in;
pub mod toolbar;
