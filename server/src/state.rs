//! Shared application state handed to every handler.

use std::sync::Arc;

use crate::articles::ArticleStore;
use crate::config::ServerConfig;
use crate::db::Db;
use crate::ratelimit::RateLimiter;

/// Everything handlers share: the database, article lookup, the limiter and the configuration.
pub struct AppState {
    /// The comments database.
    pub db: Arc<Db>,
    /// Article lookup in the content directory.
    pub articles: ArticleStore,
    /// Per-client limit on posts.
    pub limiter: RateLimiter,
    /// The resolved configuration.
    pub config: ServerConfig,
}

/// The state as axum holds it.
pub type SharedState = Arc<AppState>;
