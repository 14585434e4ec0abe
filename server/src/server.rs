//! Router assembly, compression, CORS, security headers, tracing and the server's life cycle
//! (bind, serve with the limits of `conn.rs`, shutdown with a deadline).

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{middleware, Json, Router};
use serde_json::json;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::articles::ArticleStore;
use crate::auth::{Authenticator, MIN_SHARED_TOKEN_CHARS};
use crate::config::{ConnLimits, ServerConfig};
use crate::notify::{Notifier, NotifyError};
use crate::state::{AppState, SharedState};
use crate::store::{sqlite_reader_count, DbError, Store};
use crate::{api, conn, headers, moderation, static_files};

/// Errors starting or running the server.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The database could not be opened or prepared.
    #[error(transparent)]
    Db(#[from] DbError),
    /// Binding the listening socket failed.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A configured CORS origin is not a valid header value.
    #[error("invalid CORS origin {0:?}")]
    CorsOrigin(String),
    /// Serving failed.
    #[error("server error: {0}")]
    Serve(std::io::Error),
    /// The webhook is misconfigured.
    #[error(transparent)]
    Notify(#[from] NotifyError),
}

/// A bound, ready-to-run server.
pub struct Server {
    listener: TcpListener,
    router: Router,
    addr: SocketAddr,
    limits: ConnLimits,
}

impl Server {
    /// Opens the database (deleting it first with `fresh_db`), builds the router and binds the socket.
    pub async fn bind(config: ServerConfig) -> Result<Server, ServerError> {
        let db = Store::open(
            &config.db,
            config.fresh_db,
            sqlite_reader_count(),
            config.db_pool_size,
        )
        .await?;
        let notifier = config.notify.as_ref().map(Notifier::start).transpose()?;
        if !config.static_dir.is_dir() {
            tracing::warn!(dir = %config.static_dir.display(), "static directory does not exist");
        }
        if !config.content_dir.is_dir() {
            tracing::warn!(dir = %config.content_dir.display(), "content directory does not exist");
        }
        if let Some(t) = &config.moderation_token {
            if t.chars().count() < MIN_SHARED_TOKEN_CHARS {
                tracing::warn!(
                    chars = t.chars().count(),
                    "the shared moderation token is shorter than {MIN_SHARED_TOKEN_CHARS} characters \
                     and can be guessed; use named moderators (`moderators add NAME`) or \
                     `openssl rand -hex 24`"
                );
            }
        }
        let mut limits = config.limits;
        limits.max_connections = raise_file_limit(limits.max_connections);
        let state = Arc::new(AppState {
            auth: Authenticator::new(config.moderation_token.as_deref()),
            db,
            articles: ArticleStore::new(config.content_dir.clone()),
            notifier,
            config: config.clone(),
        });
        let router = router(state)?;
        let listener =
            TcpListener::bind(config.addr)
                .await
                .map_err(|source| ServerError::Bind {
                    addr: config.addr,
                    source,
                })?;
        let addr = listener.local_addr().map_err(|source| ServerError::Bind {
            addr: config.addr,
            source,
        })?;
        Ok(Server {
            listener,
            router,
            addr,
            limits,
        })
    }

    /// The address actually bound (useful with port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves until `shutdown` completes, then finishes in-flight requests and returns.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), ServerError> {
        conn::serve(self.listener, self.router, self.limits, shutdown)
            .await
            .map_err(ServerError::Serve)
    }
}

/// JSON 404 for unknown API paths.
async fn api_not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        Json(json!({ "error": "There is no such API endpoint." })),
    )
        .into_response()
}

/// `GET /api/health`: 200 when the server is up.
async fn health() -> Json<serde_json::Value> {
    Json(json!({ "status": "ok" }))
}

/// Builds the CORS layer for the configured origins (`None` if the list is empty).
fn cors_layer(origins: &[String]) -> Result<Option<CorsLayer>, ServerError> {
    if origins.is_empty() {
        return Ok(None);
    }
    let values = origins
        .iter()
        .map(|o| HeaderValue::from_str(o).map_err(|_| ServerError::CorsOrigin(o.clone())))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(values))
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([header::CONTENT_TYPE])
            .expose_headers([header::RETRY_AFTER])
            .max_age(Duration::from_secs(600)),
    ))
}

/// Removes stray `Access-Control-*` headers from answers to origins that are not allowed.
///
/// `tower-http` answers every preflight with the allowed methods and headers
/// and only leaves out `Access-Control-Allow-Origin` for foreign origins.
async fn strip_foreign_cors(mut res: Response) -> Response {
    if !res
        .headers()
        .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN)
    {
        let stray: Vec<HeaderName> = res
            .headers()
            .keys()
            .filter(|k| k.as_str().starts_with("access-control-"))
            .cloned()
            .collect();
        for name in stray {
            res.headers_mut().remove(name);
        }
    }
    res
}

/// The whole application: API, content directory and static site.
pub fn router(state: SharedState) -> Result<Router, ServerError> {
    let api = Router::new()
        .route("/health", get(health))
        .route(
            "/articles/{id}/comments",
            get(api::list_comments).post(api::post_comment),
        )
        .route(
            "/articles/{id}/comments/{parent}/replies",
            get(api::list_replies),
        )
        .route("/moderation/me", get(moderation::me))
        .route("/moderation/audit", get(moderation::audit))
        .route("/moderation/comments", get(moderation::list))
        .route(
            "/moderation/comments/{id}",
            axum::routing::delete(moderation::delete),
        )
        .route("/moderation/comments/{id}/edit", post(moderation::edit))
        .route("/moderation/comments/{id}/reply", post(moderation::reply))
        .route(
            "/moderation/comments/{id}/approve",
            post(moderation::approve),
        )
        .route("/moderation/comments/{id}/reject", post(moderation::reject))
        .route(
            "/moderation/comments/{id}/requeue",
            post(moderation::requeue),
        )
        .fallback(api_not_found)
        .with_state(state.clone());

    let pages = Router::new()
        .route("/articles", get(crate::pages::list_route::to_list))
        .route("/articles/", get(crate::pages::list_route::first))
        .route(
            "/articles/page/{n}",
            get(crate::pages::list_route::numbered),
        )
        .route("/articles/{id}", get(crate::pages::route::article))
        .with_state(state.clone());
    let mut app = Router::new()
        .nest("/api", api)
        .merge(pages)
        .nest_service(
            "/content",
            static_files::serve_dir(&state.config.content_dir),
        )
        .fallback_service(static_files::serve_dir(&state.config.static_dir))
        .layer(middleware::from_fn(static_files::cache_headers));
    if let Some(cors) = cors_layer(&state.config.cors_origins)? {
        app = app
            .layer(cors)
            .layer(middleware::map_response(strip_foreign_cors));
    }
    Ok(app
        // Static files come with brotli/gzip twins from the build (served as they are); the API
        // and the article JSON are compressed here (brotli quality 4, gzip; not under 32 bytes).
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn(headers::security_headers))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        ))
}

/// Open files kept free for the database, the content files and the log besides connections.
pub const SPARE_FILES: usize = 64;

/// Raises the soft limit of open files to the hard limit (as Go does at start), so the
/// connection cap, not the file limit, is what holds back connections; when even the hard
/// limit is below the cap plus [`SPARE_FILES`], lowers the cap to fit, with a warning. Returns
/// the cap to use.
pub fn raise_file_limit(max_connections: usize) -> usize {
    #[cfg(unix)]
    {
        let mut lim = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit/setrlimit with a valid pointer to a local struct.
        unsafe {
            if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) != 0 {
                return max_connections;
            }
            if lim.rlim_cur < lim.rlim_max {
                let wanted = libc::rlimit {
                    rlim_cur: lim.rlim_max,
                    rlim_max: lim.rlim_max,
                };
                if libc::setrlimit(libc::RLIMIT_NOFILE, &wanted) == 0 {
                    lim = wanted;
                }
            }
        }
        let limit = usize::try_from(lim.rlim_cur).unwrap_or(usize::MAX);
        if limit < max_connections.saturating_add(SPARE_FILES) {
            let fitted = limit.saturating_sub(SPARE_FILES).max(1);
            tracing::warn!(
                file_limit = limit,
                max_connections,
                using = fitted,
                "the open-file limit is below --max-connections + {SPARE_FILES}: using fewer connections; raise the limit (ulimit -n, LimitNOFILE=) for more"
            );
            return fitted;
        }
    }
    max_connections
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM. The handlers are installed when this is called (not
/// when it is first polled), so a signal right after the "listening" line is not lost.
pub fn shutdown_signal() -> impl Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let streams = (
            signal(SignalKind::interrupt()),
            signal(SignalKind::terminate()),
        );
        async move {
            match streams {
                (Ok(mut int), Ok(mut term)) => {
                    tokio::select! {
                        _ = int.recv() => {}
                        _ = term.recv() => {}
                    }
                }
                (int, term) => {
                    for e in [int.err(), term.err()].into_iter().flatten() {
                        tracing::error!(error = %e, "cannot listen for SIGINT/SIGTERM");
                    }
                    std::future::pending::<()>().await;
                }
            }
            tracing::info!("shutdown signal received");
        }
    }
    #[cfg(not(unix))]
    async {
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("shutdown signal received");
    }
}
