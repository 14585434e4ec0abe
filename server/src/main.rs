//! Entry point: parses the command line and runs the server or a database subcommand.
#![warn(missing_docs)]

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use article_viewer_server::cli::{self, Cli, Command, ServeArgs};
use article_viewer_server::model::Status;
use article_viewer_server::server::{shutdown_signal, Server};
use clap::Parser;
use tracing_subscriber::EnvFilter;

/// Runs the HTTP server until SIGINT/SIGTERM.
fn serve(args: &ServeArgs) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let config = match args.to_config() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if std::env::args().any(|a| a == "--moderation-token" || a.starts_with("--moderation-token=")) {
        tracing::warn!(
            "--moderation-token on the command line shows in `ps` to every user of this machine; \
             use AV_MODERATION_TOKEN or --moderation-token-file instead"
        );
    }
    let result = runtime.block_on(async move {
        let shutdown = shutdown_signal();
        let server = Server::bind(config.clone()).await?;
        let addr = server.local_addr();
        tracing::info!(
            %addr,
            db = %config.db.redacted(),
            content = %config.content_dir.display(),
            static_dir = %config.static_dir.display(),
            moderation = ?config.moderation,
            rate_limit = %config.rate_limit,
            shared_token = config.moderation_token.is_some(),
            "server started"
        );
        // A machine-readable line on stdout, so scripts and tests learn the port.
        println!("listening on http://{addr}");
        let _ = std::io::stdout().flush();
        server.run(shutdown).await
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "server failed");
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    let result = match &cli.command {
        None => return serve(&cli.serve),
        Some(Command::Serve(args)) => return serve(args),
        Some(Command::Render(args)) => {
            let mut out = std::io::stdout().lock();
            return match article_viewer_server::pages::render::run(args, &mut out) {
                Ok(n) => {
                    println!("{n} page(s) written to {}", args.out.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            };
        }
        Some(_) => run_db_command(&cli),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Runs one of the subcommands that work on the database directly.
fn run_db_command(cli: &Cli) -> Result<(), cli::CliError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let mut out = std::io::stdout().lock();
    runtime.block_on(async {
        match &cli.command {
            None | Some(Command::Serve(_)) | Some(Command::Render(_)) => Ok(()),
            Some(Command::List(args)) => cli::list(args, &mut out).await,
            Some(Command::Approve(args)) => {
                cli::set_status(args, Status::Published, &mut out).await
            }
            Some(Command::Reject(args)) => cli::set_status(args, Status::Rejected, &mut out).await,
            Some(Command::Export(args)) => cli::run_export(args, &mut out).await,
            Some(Command::Import(args)) => cli::run_import(args, &mut out).await,
            Some(Command::Moderators(args)) => cli::run_moderators(args, &mut out).await,
        }
    })
}
