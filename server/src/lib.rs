//! Reference comments server for the article viewer.
//!
//! Serves the built viewer, the article JSON files and a pre-moderated comments
//! API stored in SQLite or PostgreSQL. See `README.md` for the HTTP contract and the flags.

#![warn(missing_docs)]

pub mod api;
pub mod articles;
pub mod cli;
pub mod config;
pub mod db;
pub mod error;
pub mod model;
pub mod moderation;
pub mod notify;
pub mod pg;
pub mod ratelimit;
pub mod server;
pub mod state;
pub mod static_files;
pub mod store;
pub mod submit;
pub mod validate;

pub use config::{DbTarget, ModerationMode, NotifyConfig, RateLimit, ServerConfig};
pub use server::{Server, ServerError};
