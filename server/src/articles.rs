//! Article lookup in the content directory (`{id}.json`), with a small mtime-checked cache.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::RwLock;
use std::time::SystemTime;

use serde::Deserialize;

/// Longest accepted article id.
pub const MAX_ARTICLE_ID_LEN: usize = 128;

/// What the comments API needs to know about an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleMeta {
    /// Whether readers may post comments (`comments.enabled` in the article file).
    pub comments_enabled: bool,
}

/// Errors reading an article file.
#[derive(Debug, thiserror::Error)]
pub enum ArticleError {
    /// The file exists but could not be read.
    #[error("cannot read article file {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is not valid article JSON.
    #[error("article file {path} is not valid JSON: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: serde_json::Error,
    },
}

/// The part of an article file this server reads.
#[derive(Deserialize)]
struct ArticleFile {
    #[serde(default)]
    comments: Option<CommentsSection>,
}

/// The `comments` object of an article file.
#[derive(Deserialize)]
struct CommentsSection {
    #[serde(default)]
    enabled: bool,
}

/// True for ids made of 1–128 ASCII letters, digits, `-`, `_` and `.` (not starting with `.`).
pub fn is_valid_article_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ARTICLE_ID_LEN
        && !id.starts_with('.')
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Looks articles up in the content directory.
pub struct ArticleStore {
    dir: PathBuf,
    cache: RwLock<HashMap<String, (SystemTime, ArticleMeta)>>,
}

impl ArticleStore {
    /// A store reading `{dir}/{id}.json`.
    pub fn new(dir: PathBuf) -> Self {
        ArticleStore {
            dir,
            cache: RwLock::new(HashMap::new()),
        }
    }

    /// The article's metadata, or `None` if there is no such article.
    pub async fn lookup(&self, id: &str) -> Result<Option<ArticleMeta>, ArticleError> {
        if !is_valid_article_id(id) {
            return Ok(None);
        }
        let path = self.dir.join(format!("{id}.json"));
        let modified = match tokio::fs::metadata(&path).await {
            Ok(m) if m.is_file() => m.modified().unwrap_or(SystemTime::UNIX_EPOCH),
            Ok(_) => return Ok(None),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(ArticleError::Io { path, source }),
        };
        if let Ok(cache) = self.cache.read() {
            if let Some((at, meta)) = cache.get(id) {
                if *at == modified {
                    return Ok(Some(*meta));
                }
            }
        }
        let bytes = match tokio::fs::read(&path).await {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(ArticleError::Io { path, source }),
        };
        let file: ArticleFile =
            serde_json::from_slice(&bytes).map_err(|source| ArticleError::Json { path, source })?;
        let meta = ArticleMeta {
            comments_enabled: file.comments.is_some_and(|c| c.enabled),
        };
        if let Ok(mut cache) = self.cache.write() {
            cache.insert(id.to_owned(), (modified, meta));
        }
        Ok(Some(meta))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_ids() {
        assert!(is_valid_article_id("thi-tran-2026_11.v2"));
        for bad in ["", "../etc/passwd", "a/b", ".hidden", "a b", "ä"] {
            assert!(!is_valid_article_id(bad), "{bad}");
        }
    }

    #[tokio::test]
    async fn reads_and_caches() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("a.json"),
            r#"{"id":"a","comments":{"enabled":true,"url":"/api/articles/a/comments"}}"#,
        )
        .unwrap();
        std::fs::write(dir.path().join("b.json"), r#"{"id":"b"}"#).unwrap();
        std::fs::write(dir.path().join("c.json"), "not json").unwrap();
        let store = ArticleStore::new(dir.path().to_owned());
        assert!(store.lookup("a").await.unwrap().unwrap().comments_enabled);
        assert!(store.lookup("a").await.unwrap().unwrap().comments_enabled);
        assert!(!store.lookup("b").await.unwrap().unwrap().comments_enabled);
        assert!(store.lookup("c").await.is_err());
        assert!(store.lookup("zzz").await.unwrap().is_none());
    }
}
