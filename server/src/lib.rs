//! Reference comments server for the article viewer.
//!
//! Serves the built viewer, the article JSON files and a pre-moderated comments
//! API stored in SQLite or PostgreSQL. See `README.md` for the HTTP contract and the flags.

#![warn(missing_docs)]

pub mod actions;
pub mod api;
pub mod articles;
pub mod auth;
pub mod cli;
pub mod config;
pub mod conn;
pub mod error;
pub mod headers;
pub mod listing;
pub mod model;
pub mod moderation;
pub mod notify;
pub mod pages;
pub mod postgres;
pub mod ratelimit;
pub mod schema;
pub mod server;
pub mod sqlite;
pub mod state;
pub mod static_files;
pub mod store;
pub mod submit;
pub mod transfer;
pub mod tx;
pub mod validate;

pub use config::{ConnLimits, DbTarget, ModerationMode, NotifyConfig, RateLimit, ServerConfig};
pub use server::{Server, ServerError};
