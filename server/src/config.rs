//! Resolved server configuration and the small value types parsed from flags.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use clap::ValueEnum;

/// Default number of PostgreSQL connections per server process.
pub const DEFAULT_DB_POOL_SIZE: usize = 16;
/// The editorial office's name on its replies unless `--editor-name` says otherwise.
pub const DEFAULT_EDITOR_NAME: &str = "Ban biên tập";

/// A number of seconds given on the command line (`10`, `0.5`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seconds(pub Duration);

/// Why a number of seconds could not be parsed.
#[derive(Debug, thiserror::Error)]
#[error("expected a number of seconds such as 10 or 0.5, got {0:?}")]
pub struct SecondsParseError(String);

impl FromStr for Seconds {
    type Err = SecondsParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.trim()
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite() && *n > 0.0 && *n < 1e9)
            .map(|n| Seconds(Duration::from_secs_f64(n)))
            .ok_or_else(|| SecondsParseError(s.to_owned()))
    }
}

/// How the server holds up against slow, idle and too many clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnLimits {
    /// Longest wait for a request's headers, counted from the moment the connection waits for
    /// one (so it is also the idle keep-alive timeout).
    pub header_timeout: Duration,
    /// Longest time to read a request body (the comment JSON).
    pub body_timeout: Duration,
    /// Longest time a write to the client may stay blocked (a client that does not read).
    pub write_timeout: Duration,
    /// Most open connections; beyond it, idle connections are closed to make room.
    pub max_connections: usize,
    /// After SIGTERM, longest wait for requests in flight before the rest are cut.
    pub shutdown_timeout: Duration,
}

impl Default for ConnLimits {
    fn default() -> Self {
        ConnLimits {
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            write_timeout: Duration::from_secs(30),
            max_connections: 1024,
            shutdown_timeout: Duration::from_secs(10),
        }
    }
}

/// Whether new comments wait for a moderator (`pre`) or are published at once (`post`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModerationMode {
    /// Every new comment is stored as `pending` until a moderator approves it.
    Pre,
    /// Every new comment is stored as `published` at once; moderators may reject it later.
    Post,
}

/// A per-client limit on comment submissions: at most `max` posts in any `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Largest number of posts allowed in one window; 0 disables the limit.
    pub max: u32,
    /// Length of the sliding window.
    pub window: Duration,
}

impl RateLimit {
    /// A limit that never refuses anything.
    pub const DISABLED: RateLimit = RateLimit {
        max: 0,
        window: Duration::from_secs(1),
    };

    /// True when the limit refuses nothing.
    pub fn is_disabled(&self) -> bool {
        self.max == 0
    }
}

/// Why a `--rate-limit` value could not be parsed.
#[derive(Debug, thiserror::Error)]
#[error("expected POSTS/SECONDS such as 5/60 (or `off`), got {0:?}")]
pub struct RateLimitParseError(String);

impl FromStr for RateLimit {
    type Err = RateLimitParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("off") || s == "0" {
            return Ok(RateLimit::DISABLED);
        }
        let bad = || RateLimitParseError(s.to_owned());
        let (max, secs) = s.split_once('/').ok_or_else(bad)?;
        let max: u32 = max.trim().parse().map_err(|_| bad())?;
        let secs: u64 = secs.trim().parse().map_err(|_| bad())?;
        if secs == 0 {
            return Err(bad());
        }
        Ok(RateLimit {
            max,
            window: Duration::from_secs(secs),
        })
    }
}

impl fmt::Display for RateLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_disabled() {
            f.write_str("off")
        } else {
            write!(f, "{}/{}", self.max, self.window.as_secs())
        }
    }
}

/// Where the comments are stored: a SQLite file or a PostgreSQL database.
#[derive(Clone, PartialEq, Eq)]
pub enum DbTarget {
    /// A SQLite database file (created with its parent directory if missing).
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL (`postgres://user[:password]@host[:port]/dbname`).
    Postgres(String),
}

impl DbTarget {
    /// `postgres://…` and `postgresql://…` name PostgreSQL; anything else is a SQLite file path.
    pub fn parse(s: &str) -> DbTarget {
        let lower = s.trim_start().to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            DbTarget::Postgres(s.trim().to_owned())
        } else {
            DbTarget::Sqlite(PathBuf::from(s))
        }
    }

    /// The database name for logs: the file path, or the URL without its password.
    pub fn redacted(&self) -> String {
        match self {
            DbTarget::Sqlite(p) => p.display().to_string(),
            DbTarget::Postgres(url) => redact_url(url),
        }
    }
}

impl fmt::Debug for DbTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl FromStr for DbTarget {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(DbTarget::parse(s))
    }
}

/// Replaces the password of `scheme://user:password@host/…` by `***`.
fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

/// Where and how to announce new pending comments (see `notify.rs`).
#[derive(Clone, PartialEq, Eq)]
pub struct NotifyConfig {
    /// The webhook URL (`http://…`) that receives one JSON POST per new pending comment.
    pub url: String,
    /// The shared secret of the HMAC-SHA256 signature.
    pub secret: String,
    /// Public base URL of this server, for the moderation link in the payload.
    pub public_url: Option<String>,
}

impl fmt::Debug for NotifyConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NotifyConfig")
            .field("url", &self.url)
            .field("secret", &"***")
            .field("public_url", &self.public_url)
            .finish()
    }
}

/// Everything the HTTP server needs to run, independent of how it was specified.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Socket address to listen on (port 0 picks a free port).
    pub addr: SocketAddr,
    /// The database: a SQLite file or a PostgreSQL URL.
    pub db: DbTarget,
    /// Directory holding the article files `{id}.json`.
    pub content_dir: PathBuf,
    /// Directory holding the built viewer (`index.html`, `.wasm`, `.js`, …).
    pub static_dir: PathBuf,
    /// The shared moderation token (an unnamed admin); named moderators live in the database.
    pub moderation_token: Option<String>,
    /// The editorial office's name on its replies.
    pub editor_name: String,
    /// Timeouts and the connection cap.
    pub limits: ConnLimits,
    /// Pre- or post-moderation of new comments.
    pub moderation: ModerationMode,
    /// Origins allowed to call the API from a browser (exact `scheme://host[:port]`).
    pub cors_origins: Vec<String>,
    /// Per-client limit on comment submissions.
    pub rate_limit: RateLimit,
    /// Whether to take the client address from `X-Forwarded-For`.
    pub trust_proxy: bool,
    /// Submissions filled in faster than this are treated as spam.
    pub min_elapsed_ms: u64,
    /// Largest accepted request body in bytes.
    pub max_body_bytes: usize,
    /// Delete the database file before opening it (SQLite only).
    pub fresh_db: bool,
    /// Most connections of the PostgreSQL pool.
    pub db_pool_size: usize,
    /// Webhook for new pending comments, if any.
    pub notify: Option<NotifyConfig>,
    /// Public base URL of this server (`https://portal.example`): the article pages' own
    /// addresses; the request's `Host` when not given.
    pub public_url: Option<String>,
}

impl ServerConfig {
    /// A configuration with the documented defaults for the given paths (handy for tests).
    pub fn with_paths(db_path: PathBuf, content_dir: PathBuf, static_dir: PathBuf) -> Self {
        ServerConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            db: DbTarget::Sqlite(db_path),
            content_dir,
            static_dir,
            moderation_token: None,
            editor_name: DEFAULT_EDITOR_NAME.to_owned(),
            limits: ConnLimits::default(),
            moderation: ModerationMode::Pre,
            cors_origins: Vec::new(),
            rate_limit: RateLimit {
                max: 5,
                window: Duration::from_secs(60),
            },
            trust_proxy: false,
            min_elapsed_ms: 3000,
            max_body_bytes: 16 * 1024,
            fresh_db: false,
            db_pool_size: DEFAULT_DB_POOL_SIZE,
            notify: None,
            public_url: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rate_limits() {
        let r: RateLimit = "5/60".parse().unwrap();
        assert_eq!(r.max, 5);
        assert_eq!(r.window, Duration::from_secs(60));
        assert!("off".parse::<RateLimit>().unwrap().is_disabled());
        assert!("0/60".parse::<RateLimit>().unwrap().is_disabled());
        assert!("5".parse::<RateLimit>().is_err());
        assert!("5/0".parse::<RateLimit>().is_err());
        assert!("x/60".parse::<RateLimit>().is_err());
        assert_eq!(r.to_string(), "5/60");
    }

    #[test]
    fn database_targets() {
        assert_eq!(
            DbTarget::parse("postgres://av@db/av"),
            DbTarget::Postgres("postgres://av@db/av".into())
        );
        assert!(matches!(
            DbTarget::parse("PostgreSQL://h/d"),
            DbTarget::Postgres(_)
        ));
        assert_eq!(
            DbTarget::parse("./data/c.sqlite3"),
            DbTarget::Sqlite("./data/c.sqlite3".into())
        );
        assert_eq!(
            DbTarget::parse("postgres://av:s3cret@db:5432/av").redacted(),
            "postgres://av:***@db:5432/av"
        );
    }
}
