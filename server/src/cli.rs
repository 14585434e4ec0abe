//! Command line: flags and environment variables, and the database-only subcommands.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::builder::FalseyValueParser;
use clap::{Args, Parser, Subcommand};

use crate::actions::ActionError;
use crate::auth::{ModeratorError, CLI_NAME};
use crate::config::{
    ConnLimits, DbTarget, ModerationMode, NotifyConfig, RateLimit, Seconds, ServerConfig,
    DEFAULT_DB_POOL_SIZE, DEFAULT_EDITOR_NAME,
};
use crate::model::{ModerationComment, Status};
use crate::store::{DbError, Store};
use crate::transfer::{self, TransferError};

/// Reference comments server for the article viewer.
#[derive(Debug, Parser)]
#[command(
    name = "article-viewer-server",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do; without a subcommand the server runs (`serve`).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Flags of `serve`, accepted without the subcommand name too.
    #[command(flatten)]
    pub serve: ServeArgs,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP server (the default).
    Serve(Box<ServeArgs>),
    /// List comments in the database (pending ones by default).
    List(ListArgs),
    /// Publish a comment.
    Approve(IdArgs),
    /// Reject a comment (it is never shown).
    Reject(IdArgs),
    /// Write every comment (all statuses, with ids, parents and keys) as JSON Lines.
    Export(ExportArgs),
    /// Read comments written by `export` into the database, checking every line (existing ids
    /// are skipped, bad lines are reported and skipped).
    Import(ImportArgs),
    /// Named moderators: `add NAME` (prints a new token once), `list`, `revoke NAME`.
    Moderators(ModeratorsArgs),
    /// Write every article of the content directory as an HTML page (`{out}/{id}.html`), as
    /// `/articles/{id}` answers it, for static hosts.
    Render(crate::pages::render::RenderArgs),
}

/// Flags of `moderators`.
#[derive(Debug, Clone, Args)]
pub struct ModeratorsArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: ModeratorsAction,
}

/// The `moderators` subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum ModeratorsAction {
    /// Add a moderator and print their new token (shown this once; only its hash is stored).
    Add {
        /// Database location.
        #[command(flatten)]
        db: DbArgs,
        /// The name shown in the audit log (e.g. "Trần Thị Lan").
        name: String,
    },
    /// List the moderators (never their tokens).
    List {
        /// Database location.
        #[command(flatten)]
        db: DbArgs,
    },
    /// Revoke a moderator's token (their name stays in the audit log).
    Revoke {
        /// Database location.
        #[command(flatten)]
        db: DbArgs,
        /// The moderator's name.
        name: String,
    },
}

/// The database location, shared by every subcommand.
#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    /// SQLite database file (created with its parent directory if missing), or a PostgreSQL
    /// URL `postgres://user[:password]@host[:port]/dbname`.
    #[arg(
        long = "db",
        env = "AV_DB",
        default_value = "./data/comments.sqlite3",
        hide_env_values = true
    )]
    pub db: DbTarget,
}

impl DbArgs {
    /// Opens the database for a subcommand (a small pool, no SQLite readers).
    pub async fn open(&self) -> Result<Store, DbError> {
        Store::open(&self.db, false, 0, 2).await
    }
}

/// Flags of `serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "AV_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Database location.
    #[command(flatten)]
    pub db: DbArgs,
    /// Directory with the article files `{id}.json`, served at `/content/`.
    #[arg(long, env = "AV_CONTENT_DIR", default_value = "./content")]
    pub content_dir: PathBuf,
    /// Directory with the built viewer, served at `/`.
    #[arg(long, env = "AV_STATIC_DIR", default_value = "./dist")]
    pub static_dir: PathBuf,
    /// Shared moderation token (an unnamed admin). Prefer the environment variable or
    /// `--moderation-token-file`: a flag's value shows in `ps`.
    #[arg(long, env = "AV_MODERATION_TOKEN", hide_env_values = true)]
    pub moderation_token: Option<String>,
    /// File holding the shared moderation token (surrounding whitespace is ignored).
    #[arg(
        long,
        env = "AV_MODERATION_TOKEN_FILE",
        conflicts_with = "moderation_token"
    )]
    pub moderation_token_file: Option<PathBuf>,
    /// The editorial office's name on its replies from the moderation page.
    #[arg(long, env = "AV_EDITOR_NAME", default_value = DEFAULT_EDITOR_NAME)]
    pub editor_name: String,
    /// Seconds a connection may wait for a request's headers (also the idle keep-alive timeout).
    #[arg(long, env = "AV_HEADER_TIMEOUT", default_value = "10")]
    pub header_timeout: Seconds,
    /// Seconds a request body (a comment) may take to arrive.
    #[arg(long, env = "AV_BODY_TIMEOUT", default_value = "10")]
    pub body_timeout: Seconds,
    /// Seconds a write may stay blocked by a client that does not read.
    #[arg(long, env = "AV_WRITE_TIMEOUT", default_value = "30")]
    pub write_timeout: Seconds,
    /// Most open connections; beyond it idle ones are closed to make room.
    #[arg(long, env = "AV_MAX_CONNECTIONS", default_value_t = 1024)]
    pub max_connections: usize,
    /// Seconds to finish requests in flight after SIGTERM before the rest are cut.
    #[arg(long, env = "AV_SHUTDOWN_TIMEOUT", default_value = "10")]
    pub shutdown_timeout: Seconds,
    /// `pre`: new comments wait for approval; `post`: they are published at once.
    #[arg(long, env = "AV_MODERATION", value_enum, default_value = "pre")]
    pub moderation: ModerationMode,
    /// Comma-separated origins allowed to call the API from a browser.
    #[arg(long, env = "AV_CORS_ORIGINS", value_delimiter = ',')]
    pub cors_origins: Vec<String>,
    /// Posts allowed per client address, as POSTS/SECONDS (`off` or `0` disables).
    #[arg(long, env = "AV_RATE_LIMIT", default_value = "5/60")]
    pub rate_limit: RateLimit,
    /// Take the client address from the last `X-Forwarded-For` entry (only behind a reverse proxy).
    #[arg(long, env = "AV_TRUST_PROXY", value_parser = FalseyValueParser::new())]
    pub trust_proxy: bool,
    /// Posts whose form was filled in faster than this are silently dropped as spam.
    #[arg(long, env = "AV_MIN_ELAPSED_MS", default_value_t = 3000)]
    pub min_elapsed_ms: u64,
    /// Largest accepted request body in bytes (413 beyond).
    #[arg(long, env = "AV_MAX_BODY_BYTES", default_value_t = 16 * 1024)]
    pub max_body_bytes: usize,
    /// Delete the database file at start (for demos; SQLite only).
    #[arg(long, env = "AV_FRESH_DB", value_parser = FalseyValueParser::new())]
    pub fresh_db: bool,
    /// Most PostgreSQL connections this process opens.
    #[arg(long, env = "AV_DB_POOL_SIZE", default_value_t = DEFAULT_DB_POOL_SIZE)]
    pub db_pool_size: usize,
    /// Webhook (http://…) that receives a signed JSON POST per new pending comment.
    #[arg(long, env = "AV_NOTIFY_URL", requires = "notify_secret")]
    pub notify_url: Option<String>,
    /// Shared secret of the webhook's HMAC-SHA256 signature.
    #[arg(long, env = "AV_NOTIFY_SECRET", hide_env_values = true)]
    pub notify_secret: Option<String>,
    /// Public base URL of this server (e.g. https://portal.example): the article pages' addresses
    /// (`/articles/{id}`) and the links in notifications; the request's host when not given.
    #[arg(long, env = "AV_PUBLIC_URL")]
    pub public_url: Option<String>,
}

impl ServeArgs {
    /// The server configuration these flags describe (reads the token file, if any).
    pub fn to_config(&self) -> Result<ServerConfig, CliError> {
        let moderation_token = match &self.moderation_token_file {
            Some(path) => Some(
                std::fs::read_to_string(path).map_err(|source| CliError::File {
                    path: path.clone(),
                    source,
                })?,
            ),
            None => self.moderation_token.clone(),
        };
        Ok(ServerConfig {
            addr: self.addr,
            db: self.db.db.clone(),
            content_dir: self.content_dir.clone(),
            static_dir: self.static_dir.clone(),
            moderation_token: moderation_token
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty()),
            editor_name: {
                let name = crate::validate::normalize(&self.editor_name, false);
                if name.is_empty() {
                    DEFAULT_EDITOR_NAME.to_owned()
                } else {
                    name
                }
            },
            limits: ConnLimits {
                header_timeout: self.header_timeout.0,
                body_timeout: self.body_timeout.0,
                write_timeout: self.write_timeout.0,
                max_connections: self.max_connections.max(1),
                shutdown_timeout: self.shutdown_timeout.0,
            },
            moderation: self.moderation,
            cors_origins: self
                .cors_origins
                .iter()
                .map(|o| o.trim().trim_end_matches('/').to_owned())
                .filter(|o| !o.is_empty())
                .collect(),
            rate_limit: self.rate_limit,
            trust_proxy: self.trust_proxy,
            min_elapsed_ms: self.min_elapsed_ms,
            max_body_bytes: self.max_body_bytes,
            fresh_db: self.fresh_db,
            db_pool_size: self.db_pool_size,
            notify: self.notify_url.as_ref().map(|url| NotifyConfig {
                url: url.trim().to_owned(),
                secret: self.notify_secret.clone().unwrap_or_default(),
                public_url: self.public_url.clone(),
            }),
            public_url: self.public_url.clone(),
        })
    }
}

/// Flags of `list`.
#[derive(Debug, Clone, Args)]
pub struct ListArgs {
    /// Database location.
    #[command(flatten)]
    pub db: DbArgs,
    /// List pending comments (the default).
    #[arg(long, conflicts_with = "status")]
    pub pending: bool,
    /// List comments with this status.
    #[arg(long, value_parser = ["pending", "published", "rejected"])]
    pub status: Option<String>,
    /// Print a JSON array instead of text.
    #[arg(long)]
    pub json: bool,
    /// Most comments to print (oldest first).
    #[arg(long, default_value_t = 1000)]
    pub limit: u32,
}

/// Flags of `approve` and `reject`.
#[derive(Debug, Clone, Args)]
pub struct IdArgs {
    /// Database location.
    #[command(flatten)]
    pub db: DbArgs,
    /// Id of the comment.
    pub id: i64,
}

/// Flags of `export`.
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// Database location.
    #[command(flatten)]
    pub db: DbArgs,
    /// File to write (default: standard output).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

/// Flags of `import`.
#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// Database location.
    #[command(flatten)]
    pub db: DbArgs,
    /// JSON Lines file written by `export` (`-` for standard input).
    pub file: PathBuf,
    /// Check every line and report, without writing anything.
    #[arg(long)]
    pub dry_run: bool,
}

/// Errors of the database subcommands.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The database failed.
    #[error(transparent)]
    Db(#[from] DbError),
    /// No comment has the given id.
    #[error("there is no comment with id {0}")]
    NoSuchComment(i64),
    /// Writing the output failed.
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
    /// Serialising JSON output failed.
    #[error("cannot encode JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// Export or import failed.
    #[error(transparent)]
    Transfer(#[from] TransferError),
    /// A moderation action failed.
    #[error(transparent)]
    Action(#[from] ActionError),
    /// A `moderators` subcommand failed.
    #[error(transparent)]
    Moderator(#[from] ModeratorError),
    /// Some lines of an import were skipped (the others were imported).
    #[error("{0} line(s) were skipped (listed above); the other lines were imported")]
    Skipped(usize),
    /// Some lines of a dry run would be skipped.
    #[error("{0} line(s) would be skipped (listed above); nothing was written")]
    WouldSkip(usize),
    /// An input or output file could not be opened.
    #[error("cannot open {path}: {source}")]
    File {
        /// The path.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// `list`: prints comments of one status.
pub async fn list(args: &ListArgs, out: &mut impl Write) -> Result<(), CliError> {
    // Clap allowed only the three spellings.
    let status: Status = args
        .status
        .as_deref()
        .and_then(|s| s.parse().ok())
        .unwrap_or(Status::Pending);
    let db = args.db.open().await?;
    let page = db
        .queue_page(status, Default::default(), args.limit.max(1), 0)
        .await?;
    let total = match status {
        Status::Pending => page.counts.pending,
        Status::Published => page.counts.published,
        Status::Rejected => page.counts.rejected,
    };
    let rows: Vec<ModerationComment> = page.items.into_iter().map(Into::into).collect();
    if args.json {
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "{total} {status} comment(s)")?;
    for c in &rows {
        let parent = c
            .parent_id
            .map_or_else(|| "-".to_owned(), |p| p.to_string());
        writeln!(
            out,
            "#{} [{}] article={} parent={} {} {} <{}>",
            c.id,
            c.status,
            c.article_id,
            parent,
            c.created,
            c.author_name,
            c.author_email.as_deref().unwrap_or_default()
        )?;
        for line in c.text.lines() {
            writeln!(out, "    {line}")?;
        }
    }
    Ok(())
}

/// `approve` / `reject`: sets a comment's status (logged as `command line`) and prints the result.
pub async fn set_status(
    args: &IdArgs,
    status: Status,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let db = args.db.open().await?;
    match db.moderate(CLI_NAME, args.id, status).await {
        Ok(c) => {
            writeln!(out, "comment #{} is now {}", c.id, c.status)?;
            Ok(())
        }
        Err(ActionError::NoSuchComment) => Err(CliError::NoSuchComment(args.id)),
        Err(e) => Err(e.into()),
    }
}

/// Runs `export` with its flags; the summary goes to standard error.
pub async fn run_export(args: &ExportArgs, out: &mut impl Write) -> Result<(), CliError> {
    let db = args.db.open().await?;
    let (comments, entries) = match &args.output {
        Some(path) => {
            let file = std::fs::File::create(path).map_err(|source| CliError::File {
                path: path.clone(),
                source,
            })?;
            transfer::export(&db, &mut std::io::BufWriter::new(file)).await?
        }
        None => transfer::export(&db, out).await?,
    };
    eprintln!("exported {comments} comment(s) and {entries} audit entr(y/ies)");
    Ok(())
}

/// Runs `import` with its flags: skipped lines to standard error, the summary to `out`.
pub async fn run_import(args: &ImportArgs, out: &mut impl Write) -> Result<(), CliError> {
    let db = args.db.open().await?;
    let report = if args.file.as_os_str() == "-" {
        transfer::import(&db, std::io::stdin().lock(), args.dry_run).await?
    } else {
        let file = std::fs::File::open(&args.file).map_err(|source| CliError::File {
            path: args.file.clone(),
            source,
        })?;
        transfer::import(&db, std::io::BufReader::new(file), args.dry_run).await?
    };
    for (line, why) in &report.skipped {
        eprintln!("line {line}: skipped: {why}");
    }
    let verb = if args.dry_run {
        "would import"
    } else {
        "imported"
    };
    writeln!(
        out,
        "{verb} {} of {} comment(s) ({} already present, {} skipped) and {} of {} audit entr(y/ies)",
        report.inserted,
        report.comments,
        report.present,
        report.skipped.len(),
        report.audit_inserted,
        report.audit
    )?;
    match (report.skipped.len(), args.dry_run) {
        (0, _) => Ok(()),
        (n, false) => Err(CliError::Skipped(n)),
        (n, true) => Err(CliError::WouldSkip(n)),
    }
}

/// Runs a `moderators` subcommand.
pub async fn run_moderators(args: &ModeratorsArgs, out: &mut impl Write) -> Result<(), CliError> {
    match &args.action {
        ModeratorsAction::Add { db, name } => {
            let db = db.open().await?;
            let token = db.add_moderator(name).await?;
            writeln!(
                out,
                "added moderator {:?}; their token (shown only this once):",
                name.trim()
            )?;
            writeln!(out, "{token}")?;
        }
        ModeratorsAction::List { db } => {
            let db = db.open().await?;
            let all = db.moderators().await?;
            writeln!(out, "{} moderator(s)", all.len())?;
            for m in all {
                match m.revoked {
                    Some(at) => writeln!(
                        out,
                        "#{} {} (added {}, revoked {at})",
                        m.id, m.name, m.created
                    )?,
                    None => writeln!(out, "#{} {} (added {})", m.id, m.name, m.created)?,
                }
            }
        }
        ModeratorsAction::Revoke { db, name } => {
            let db = db.open().await?;
            db.revoke_moderator(name).await?;
            writeln!(out, "revoked the token of {:?}", name.trim())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serve_is_the_default_and_flags_parse() {
        let cli = Cli::try_parse_from([
            "x",
            "--addr",
            "127.0.0.1:9999",
            "--cors-origins",
            "https://a.example, https://b.example/",
            "--rate-limit",
            "off",
            "--moderation",
            "post",
            "--trust-proxy",
        ])
        .unwrap();
        assert!(cli.command.is_none());
        let c = cli.serve.to_config().unwrap();
        assert_eq!(c.addr.port(), 9999);
        assert_eq!(c.cors_origins, ["https://a.example", "https://b.example"]);
        assert!(c.rate_limit.is_disabled());
        assert_eq!(c.moderation, ModerationMode::Post);
        assert!(c.trust_proxy);
        assert!(c.moderation_token.is_none());
        let cli = Cli::try_parse_from(["x", "serve", "--moderation-token", " t0k3n\n"]).unwrap();
        let Some(Command::Serve(args)) = cli.command else {
            panic!("expected serve");
        };
        let c = args.to_config().unwrap();
        assert_eq!(c.moderation_token.as_deref(), Some("t0k3n"));
        assert_eq!(c.max_body_bytes, 16 * 1024);
        assert_eq!(c.editor_name, "Ban biên tập");
        assert_eq!(c.limits, ConnLimits::default());
        assert!(Cli::try_parse_from(["x", "--rate-limit", "five"]).is_err());
    }
}
