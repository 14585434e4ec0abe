//! Shared application state handed to every handler.

use std::sync::Arc;

use crate::articles::ArticleStore;
use crate::auth::Authenticator;
use crate::config::ServerConfig;
use crate::notify::Notifier;
use crate::store::Store;

/// Everything handlers share: the database, article lookup, the notifier and the configuration.
pub struct AppState {
    /// The comments database (SQLite or PostgreSQL).
    pub db: Store,
    /// Article lookup in the content directory.
    pub articles: ArticleStore,
    /// Moderation tokens (shared and named) and the sign-in back-off.
    pub auth: Authenticator,
    /// Webhook for new pending comments, if configured.
    pub notifier: Option<Notifier>,
    /// The resolved configuration.
    pub config: ServerConfig,
}

/// The state as axum holds it.
pub type SharedState = Arc<AppState>;
