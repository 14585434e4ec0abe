//! Command line: flags and environment variables, and the database-only subcommands.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::builder::FalseyValueParser;
use clap::{Args, Parser, Subcommand};

use crate::config::{ModerationMode, RateLimit, ServerConfig};
use crate::db::{Db, DbError};
use crate::model::{ModerationComment, Status};

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
    Serve(ServeArgs),
    /// List comments in the database (pending ones by default).
    List(ListArgs),
    /// Publish a comment.
    Approve(IdArgs),
    /// Reject a comment (it is never shown).
    Reject(IdArgs),
}

/// The database location, shared by every subcommand.
#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    /// SQLite database file (created with its parent directory if missing).
    #[arg(long = "db", env = "AV_DB", default_value = "./data/comments.sqlite3")]
    pub db: PathBuf,
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
    /// Bearer token of the moderation API; without it the moderation API answers 404.
    #[arg(long, env = "AV_MODERATION_TOKEN", hide_env_values = true)]
    pub moderation_token: Option<String>,
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
    /// Delete the database file at start (for demos).
    #[arg(long, env = "AV_FRESH_DB", value_parser = FalseyValueParser::new())]
    pub fresh_db: bool,
}

impl ServeArgs {
    /// The server configuration these flags describe.
    pub fn to_config(&self) -> ServerConfig {
        ServerConfig {
            addr: self.addr,
            db_path: self.db.db.clone(),
            content_dir: self.content_dir.clone(),
            static_dir: self.static_dir.clone(),
            moderation_token: self
                .moderation_token
                .clone()
                .filter(|t| !t.trim().is_empty()),
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
        }
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
    #[arg(long, value_enum)]
    pub status: Option<Status>,
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
}

/// `list`: prints comments of one status.
pub fn list(args: &ListArgs, out: &mut impl Write) -> Result<(), CliError> {
    let status = args.status.unwrap_or(Status::Pending);
    let db = Db::open(&args.db.db, 0)?;
    let (total, rows) = db.list_by_status(status, 1, args.limit.max(1))?;
    let rows: Vec<ModerationComment> = rows.into_iter().map(Into::into).collect();
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
            c.id, c.status, c.article_id, parent, c.created, c.author_name, c.author_email
        )?;
        for line in c.text.lines() {
            writeln!(out, "    {line}")?;
        }
    }
    Ok(())
}

/// `approve` / `reject`: sets a comment's status and prints the result.
pub fn set_status(args: &IdArgs, status: Status, out: &mut impl Write) -> Result<(), CliError> {
    let db = Db::open(&args.db.db, 0)?;
    match db.set_status(args.id, status)? {
        Some(c) => {
            writeln!(out, "comment #{} is now {}", c.id, c.status)?;
            Ok(())
        }
        None => Err(CliError::NoSuchComment(args.id)),
    }
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
        let c = cli.serve.to_config();
        assert_eq!(c.addr.port(), 9999);
        assert_eq!(c.cors_origins, ["https://a.example", "https://b.example"]);
        assert!(c.rate_limit.is_disabled());
        assert_eq!(c.moderation, ModerationMode::Post);
        assert!(c.trust_proxy);
        assert!(c.moderation_token.is_none());
        let cli = Cli::try_parse_from(["x", "serve", "--moderation-token", "t0k3n"]).unwrap();
        let Some(Command::Serve(args)) = cli.command else {
            panic!("expected serve");
        };
        assert_eq!(args.to_config().moderation_token.as_deref(), Some("t0k3n"));
        assert_eq!(args.to_config().max_body_bytes, 16 * 1024);
        assert!(Cli::try_parse_from(["x", "--rate-limit", "five"]).is_err());
    }
}
