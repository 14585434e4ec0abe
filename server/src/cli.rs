//! Command line: flags and environment variables, and the database-only subcommands.

use std::io::{BufRead, Write};
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::builder::FalseyValueParser;
use clap::{Args, Parser, Subcommand};

use crate::config::{
    DbTarget, ModerationMode, NotifyConfig, RateLimit, ServerConfig, DEFAULT_DB_POOL_SIZE,
};
use crate::db::DbError;
use crate::model::{ExportRecord, ModerationComment, Status};
use crate::store::Store;

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
    /// Read comments written by `export` into the database (existing ids are skipped).
    Import(ImportArgs),
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
    /// Public base URL of this server (e.g. https://portal.example), for links in notifications.
    #[arg(long, env = "AV_PUBLIC_URL")]
    pub public_url: Option<String>,
}

impl ServeArgs {
    /// The server configuration these flags describe.
    pub fn to_config(&self) -> ServerConfig {
        ServerConfig {
            addr: self.addr,
            db: self.db.db.clone(),
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
            db_pool_size: self.db_pool_size,
            notify: self.notify_url.as_ref().map(|url| NotifyConfig {
                url: url.trim().to_owned(),
                secret: self.notify_secret.clone().unwrap_or_default(),
                public_url: self.public_url.clone(),
            }),
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
}

/// Records per database round trip in `export` and per transaction in `import`.
pub const TRANSFER_BATCH: u32 = 1000;

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
    /// A line of an import file is not a comment record.
    #[error("line {line}: {message}")]
    BadRecord {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
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
    let status = args.status.unwrap_or(Status::Pending);
    let db = args.db.open().await?;
    let (total, rows) = db.list_by_status(status, 1, args.limit.max(1)).await?;
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
pub async fn set_status(
    args: &IdArgs,
    status: Status,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let db = args.db.open().await?;
    match db.set_status(args.id, status).await? {
        Some(c) => {
            writeln!(out, "comment #{} is now {}", c.id, c.status)?;
            Ok(())
        }
        None => Err(CliError::NoSuchComment(args.id)),
    }
}

/// `export`: writes every comment as one JSON object per line, in id order; returns the count.
pub async fn export(db: &Store, out: &mut impl Write) -> Result<u64, CliError> {
    let mut after = 0;
    let mut n = 0;
    loop {
        let page = db.export_page(after, TRANSFER_BATCH).await?;
        let Some(last) = page.last() else {
            break;
        };
        after = last.id;
        for r in &page {
            serde_json::to_writer(&mut *out, r)?;
            out.write_all(b"\n")?;
            n += 1;
        }
    }
    out.flush()?;
    Ok(n)
}

/// `import`: reads records written by `export` (ids strictly increasing) and inserts them in
/// transactions of [`TRANSFER_BATCH`]; rows whose id or (article, key) exists are skipped, so an
/// interrupted import can be run again. Returns (records read, records inserted).
pub async fn import(db: &Store, input: impl BufRead) -> Result<(u64, u64), CliError> {
    let (mut read, mut inserted) = (0, 0);
    let mut batch = Vec::new();
    let mut last_id = 0;
    for (i, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let record: ExportRecord =
            serde_json::from_str(&line).map_err(|e| CliError::BadRecord {
                line: i + 1,
                message: e.to_string(),
            })?;
        if record.id <= last_id {
            return Err(CliError::BadRecord {
                line: i + 1,
                message: format!(
                    "ids must be positive and increase from line to line (found {} after {last_id})",
                    record.id
                ),
            });
        }
        last_id = record.id;
        read += 1;
        batch.push(record);
        if batch.len() >= TRANSFER_BATCH as usize {
            inserted += db.import(std::mem::take(&mut batch)).await?;
        }
    }
    if !batch.is_empty() {
        inserted += db.import(batch).await?;
    }
    Ok((read, inserted))
}

/// Runs `export` with its flags; the summary goes to standard error.
pub async fn run_export(args: &ExportArgs, out: &mut impl Write) -> Result<(), CliError> {
    let db = args.db.open().await?;
    let n = match &args.output {
        Some(path) => {
            let file = std::fs::File::create(path).map_err(|source| CliError::File {
                path: path.clone(),
                source,
            })?;
            export(&db, &mut std::io::BufWriter::new(file)).await?
        }
        None => export(&db, out).await?,
    };
    eprintln!("exported {n} comment(s)");
    Ok(())
}

/// Runs `import` with its flags and prints a summary.
pub async fn run_import(args: &ImportArgs, out: &mut impl Write) -> Result<(), CliError> {
    let db = args.db.open().await?;
    let (read, inserted) = if args.file.as_os_str() == "-" {
        import(&db, std::io::stdin().lock()).await?
    } else {
        let file = std::fs::File::open(&args.file).map_err(|source| CliError::File {
            path: args.file.clone(),
            source,
        })?;
        import(&db, std::io::BufReader::new(file)).await?
    };
    writeln!(
        out,
        "imported {inserted} of {read} comment(s) ({} already present)",
        read - inserted
    )?;
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
