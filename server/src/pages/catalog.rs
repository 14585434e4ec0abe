//! The content directory's articles as a list, newest first: each article read once (converted
//! and checked as its page is) and kept while its file is unchanged.

use crate::articles::is_valid_article_id;
use article_viewer::date::Timestamp;
use article_viewer::url_policy::{allow, UrlUse};
use article_viewer_wire::index::{ArticleIndex, ArticleSummary};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

/// Articles on one page of the list.
pub const PER_PAGE: usize = 20;

/// What the list needs of one article, with the time it sorts by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The summary (its `href` and `src` filled in for the site's address).
    pub summary: ArticleSummary,
    /// Seconds since 1970 of its publication (UTC; a time without a zone counts as UTC).
    pub at: Option<i64>,
}

/// Days from 1970-01-01 to a civil date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The publication time in seconds since 1970 (UTC).
pub fn seconds(t: &Timestamp) -> i64 {
    let days = days_from_civil(i64::from(t.year), i64::from(t.month), i64::from(t.day));
    days * 86_400 + i64::from(t.hour) * 3600 + i64::from(t.minute) * 60 + i64::from(t.second)
        - i64::from(t.offset_minutes.unwrap_or(0)) * 60
}

/// The entry of the article file `json` (any format the converter reads) whose JSON is at
/// `json_url` and its page at `page_url`; `None` when it is not an article the viewer shows.
pub fn entry(id: &str, json: &str, json_url: &str, page_url: &str) -> Option<Entry> {
    let options = article_viewer_formats::Options {
        url: json_url,
        content_type: "application/json",
        format: None,
        item: None,
        lang: None,
    };
    let converted = article_viewer_formats::convert(json, &options).ok()?;
    let a = article_viewer::load::prepare(&converted.article_json, json_url)
        .ok()?
        .article;
    let parsed = a
        .published
        .as_deref()
        .and_then(|p| Timestamp::parse(p).ok());
    let image = a
        .image
        .as_ref()
        .and_then(|img| allow(&img.src, Some(json_url), UrlUse::Resource).ok());
    Some(Entry {
        at: parsed.as_ref().map(seconds),
        summary: ArticleSummary {
            id: id.to_string(),
            href: page_url.to_string(),
            src: json_url.to_string(),
            title: a.title,
            published: parsed.and(a.published),
            lead: a.lead.filter(|l| !l.trim().is_empty()),
            image,
            lang: Some(a.lang).filter(|l| !l.is_empty()),
        },
    })
}

/// Newest first; articles without a time last, then by title and id.
pub fn sort(entries: &mut [Entry]) {
    entries.sort_by(|a, b| {
        b.at.cmp(&a.at)
            .then_with(|| a.summary.title.cmp(&b.summary.title))
            .then_with(|| a.summary.id.cmp(&b.summary.id))
    });
}

/// The address of page `n` of the list below `base` (`…/articles/`, `…/articles/page/2`).
pub fn page_href(base: &str, n: usize) -> String {
    if n <= 1 {
        format!("{base}/articles/")
    } else {
        format!("{base}/articles/page/{n}")
    }
}

/// Page `n` (from 1) of the list of `entries` (sorted), or `None` past the last page (page 1
/// always exists, empty or not).
pub fn page(entries: &[Entry], n: usize, base: &str) -> Option<ArticleIndex> {
    let pages = entries.len().div_ceil(PER_PAGE).max(1);
    if n == 0 || n > pages {
        return None;
    }
    let items = entries
        .iter()
        .skip((n - 1) * PER_PAGE)
        .take(PER_PAGE)
        .map(|e| e.summary.clone())
        .collect();
    let count = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
    Some(ArticleIndex {
        items,
        page: count(n),
        pages: count(pages),
        total: count(entries.len()),
        href: page_href(base, n),
        prev: (n > 1).then(|| page_href(base, n - 1)),
        next: (n < pages).then(|| page_href(base, n + 1)),
    })
}

/// The ids of the content directory's article files, sorted.
pub fn ids(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut ids: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let id = name.strip_suffix(".json")?.to_string();
            is_valid_article_id(&id).then_some(id)
        })
        .collect();
    ids.sort();
    Ok(ids)
}

/// What is kept of one file: its modification time and length when read, and its entry.
type Kept = (Option<SystemTime>, u64, String, Option<Entry>);

/// The files kept, by path.
type KeptFiles = HashMap<PathBuf, Kept>;

/// The entries of a content directory, each file read again only when it changed.
#[derive(Default)]
pub struct Catalog {
    kept: Mutex<KeptFiles>,
}

impl Catalog {
    /// Every article of `dir`, sorted newest first; `content` and `base` are where the files and
    /// the pages are served (no trailing slash).
    pub fn entries(&self, dir: &Path, content: &str, base: &str) -> std::io::Result<Vec<Entry>> {
        let ids = ids(dir)?;
        let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        // Files gone from this directory are forgotten.
        kept.retain(|path, _| {
            path.parent() != Some(dir)
                || path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .is_some_and(|id| ids.binary_search(&id.to_string()).is_ok())
        });
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let path = dir.join(format!("{id}.json"));
            let Ok(meta) = std::fs::metadata(&path) else {
                continue;
            };
            let (modified, len) = (meta.modified().ok(), meta.len());
            let fresh = kept.get(&path).is_some_and(|(m, l, b, _)| {
                *m == modified && modified.is_some() && *l == len && b == base
            });
            if !fresh {
                let e = std::fs::read_to_string(&path).ok().and_then(|json| {
                    let urls = super::render::urls(base, content, &id);
                    entry(&id, &json, &urls.json_url, &urls.page_url)
                });
                kept.insert(path.clone(), (modified, len, base.to_string(), e));
            }
            if let Some((_, _, _, Some(e))) = kept.get(&path) {
                out.push(e.clone());
            }
        }
        sort(&mut out);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(id: &str, at: Option<i64>) -> Entry {
        Entry {
            summary: ArticleSummary {
                id: id.into(),
                title: id.into(),
                ..ArticleSummary::default()
            },
            at,
        }
    }

    #[test]
    fn times_count_in_utc() {
        let t = Timestamp::parse("2022-04-18T17:09:00+07:00").unwrap();
        assert_eq!(seconds(&t), 1_650_276_540);
        let z = Timestamp::parse("1970-01-01T00:00:00Z").unwrap();
        assert_eq!(seconds(&z), 0);
        let d = Timestamp::parse("2000-03-01").unwrap();
        assert_eq!(seconds(&d), 951_868_800);
    }

    #[test]
    fn newest_first_and_undated_last() {
        let mut v = vec![
            e("b", None),
            e("old", Some(1)),
            e("new", Some(9)),
            e("a", None),
        ];
        sort(&mut v);
        let ids: Vec<_> = v.iter().map(|e| e.summary.id.as_str()).collect();
        assert_eq!(ids, ["new", "old", "a", "b"]);
    }

    #[test]
    fn pages_link_to_their_neighbours() {
        let v: Vec<Entry> = (0..45)
            .map(|i| e(&format!("a{i:02}"), Some(100 - i)))
            .collect();
        let p1 = page(&v, 1, "https://x").unwrap();
        assert_eq!((p1.items.len(), p1.pages, p1.total), (20, 3, 45));
        assert_eq!(p1.href, "https://x/articles/");
        assert_eq!(p1.prev, None);
        assert_eq!(p1.next.as_deref(), Some("https://x/articles/page/2"));
        let p3 = page(&v, 3, "https://x").unwrap();
        assert_eq!(p3.items.len(), 5);
        assert_eq!(p3.prev.as_deref(), Some("https://x/articles/page/2"));
        assert_eq!(p3.next, None);
        assert!(page(&v, 4, "https://x").is_none() && page(&v, 0, "https://x").is_none());
        let empty = page(&[], 1, "https://x").unwrap();
        assert_eq!((empty.items.len(), empty.pages), (0, 1));
    }

    #[test]
    fn reads_the_seed_and_other_formats() {
        let seed = include_str!("../../../samples/ky-anh-2022-04-15.json");
        let s = entry(
            "ky",
            seed,
            "https://x/content/ky.json",
            "https://x/articles/ky",
        )
        .unwrap();
        assert!(s.at.is_some() && s.summary.published.is_some());
        assert!(s
            .summary
            .image
            .as_deref()
            .is_some_and(|i| i.starts_with("https://x/")));
        let wp = include_str!("../../../samples/wordpress-post-vi.json");
        assert!(entry(
            "wp",
            wp,
            "https://x/content/wp.json",
            "https://x/articles/wp"
        )
        .is_some());
        assert!(entry(
            "bad",
            "{\"id\":1}",
            "https://x/c/b.json",
            "https://x/articles/b"
        )
        .is_none());
    }
}
