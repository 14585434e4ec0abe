//! `article-viewer-server render`: the article pages written as files, for a portal that hosts the
//! viewer on nginx or any static host (the same bytes `/articles/{id}` answers for the same
//! public address).

use super::{article_page, PageUrls, Template};
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Flags of `render`.
#[derive(Debug, Clone, Args)]
pub struct RenderArgs {
    /// The content directory: one `{id}.json` per article.
    #[arg(long, env = "AV_CONTENT_DIR", default_value = "samples")]
    pub content_dir: PathBuf,
    /// The viewer's build; its `index.html` frames the pages (run `scripts/build.sh` first).
    #[arg(long, env = "AV_STATIC_DIR", default_value = "dist")]
    pub static_dir: PathBuf,
    /// Where the pages go, one `{id}.html` per article (serve them at `/articles/{id}`).
    #[arg(long, default_value = "dist/articles")]
    pub out: PathBuf,
    /// The site's public address (`https://portal.example`): the pages' own addresses.
    #[arg(long, env = "AV_PUBLIC_URL")]
    pub public_url: String,
    /// Where the article files are served (default: `{public-url}/content`).
    #[arg(long)]
    pub content_url: Option<String>,
}

/// Why pages could not be written.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A directory or file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The build's `index.html` cannot frame the pages.
    #[error(transparent)]
    Template(#[from] super::template::TemplateError),
    /// The public address is not an http(s) address.
    #[error("--public-url must be an http(s) address such as https://portal.example, not {0:?}")]
    PublicUrl(String),
    /// Some article files could not be pages (listed in the output; the others were written).
    #[error("{0} article file(s) were skipped (listed above); the others were written")]
    Skipped(usize),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> RenderError + '_ {
    move |source| RenderError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The addresses of article `id` below `base` (no trailing slash), its JSON below `content`.
pub fn urls(base: &str, content: &str, id: &str) -> PageUrls {
    PageUrls {
        json_url: format!("{content}/{id}.json"),
        page_url: format!("{base}/articles/{id}"),
    }
}

/// Writes the pages of the list of articles: `index.html` (served at `/articles/`) and
/// `page/{n}.html` (at `/articles/page/{n}`); how many.
fn write_list(
    args: &RenderArgs,
    index_html: &str,
    base: &str,
    content: &str,
    out: &mut impl Write,
) -> Result<usize, RenderError> {
    let entries = super::catalog::Catalog::default()
        .entries(&args.content_dir, content, base)
        .map_err(io(&args.content_dir))?;
    let mut n = 1;
    while let Some(index) = super::catalog::page(&entries, n, base) {
        let template = Template::parse(index_html, super::list::prefix(n))?;
        let html = super::list::list_page(&template, index, article_viewer::i18n::UiLang::Vi);
        let file = if n == 1 {
            args.out.join("index.html")
        } else {
            let dir = args.out.join("page");
            std::fs::create_dir_all(&dir).map_err(io(&dir))?;
            dir.join(format!("{n}.html"))
        };
        std::fs::write(&file, html).map_err(io(&file))?;
        let _ = writeln!(out, "wrote {}", file.display());
        n += 1;
    }
    Ok(n - 1)
}

/// Writes every article of the content directory as a page, and the list of them; reports each
/// to `out`.
pub fn run(args: &RenderArgs, out: &mut impl Write) -> Result<usize, RenderError> {
    let base = args.public_url.trim().trim_end_matches('/').to_string();
    if !(base.starts_with("http://") || base.starts_with("https://"))
        || base.contains(['"', '<', '>', ' '])
    {
        return Err(RenderError::PublicUrl(args.public_url.clone()));
    }
    let content = args
        .content_url
        .as_deref()
        .map(|c| c.trim().trim_end_matches('/').to_string())
        .unwrap_or_else(|| format!("{base}/content"));
    let index_path = args.static_dir.join("index.html");
    let index = std::fs::read_to_string(&index_path).map_err(io(&index_path))?;
    let template = Template::parse(&index, super::route::PREFIX)?;
    std::fs::create_dir_all(&args.out).map_err(io(&args.out))?;
    let ids = super::catalog::ids(&args.content_dir).map_err(io(&args.content_dir))?;
    let (mut written, mut skipped) = (0, 0);
    for id in ids {
        let path = args.content_dir.join(format!("{id}.json"));
        let json = std::fs::read_to_string(&path).map_err(io(&path))?;
        match article_page(&template, &json, &urls(&base, &content, &id)) {
            Ok(html) => {
                let file = args.out.join(format!("{id}.html"));
                std::fs::write(&file, html).map_err(io(&file))?;
                let _ = writeln!(out, "wrote {}", file.display());
                written += 1;
            }
            Err(e) => {
                let _ = writeln!(out, "skipped {}: {e}", path.display());
                skipped += 1;
            }
        }
    }
    written += write_list(args, &index, &base, &content, out)?;
    if skipped > 0 {
        return Err(RenderError::Skipped(skipped));
    }
    Ok(written)
}
