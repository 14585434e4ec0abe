//! `export` and `import`: every comment and the audit log as JSON Lines, written once for both
//! engines. Import checks every line with the rules of a reader's POST (article ids, names,
//! e-mails, lengths, dates, keys, parents, reply depth), skips bad lines with their line numbers
//! and why, and imports the good ones — also with `--dry-run`, which only reports.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, Write};

use article_viewer_rules as rules;
use serde_json::Value;

use crate::articles::is_valid_article_id;
use crate::model::{AuditEntry, Role, StoredComment};
use crate::store::{in_tx, DbError, Store};
use crate::tx::StoreTx;
use crate::validate::normalize;

/// Records per database round trip in `export` and per transaction in `import`.
pub const TRANSFER_BATCH: usize = 1000;

/// The `type` of an audit line (comment lines have no `type`, as in older files).
pub const AUDIT_TYPE: &str = "audit";

/// One line of an export file.
#[derive(Debug, Clone)]
pub enum Line {
    /// A comment.
    Comment(StoredComment),
    /// An audit-log entry.
    Audit(AuditEntry),
}

/// Errors that stop `export` or `import` (bad lines do not: they are reported and skipped).
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    /// The database failed.
    #[error(transparent)]
    Db(#[from] DbError),
    /// Reading or writing failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// Encoding a line failed.
    #[error("cannot encode JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The database failed in the middle of an import.
    #[error("stopped at line {line}: {source}; the lines before it were imported (run the import again to continue)")]
    Stopped {
        /// First line of the batch that failed.
        line: usize,
        /// The database error.
        source: DbError,
    },
}

/// Writes every comment (id order), then every audit entry (id order); returns both counts.
pub async fn export(db: &Store, out: &mut impl Write) -> Result<(u64, u64), TransferError> {
    let (mut comments, mut entries) = (0, 0);
    let mut after = 0;
    loop {
        let page = db.comments_after(after, TRANSFER_BATCH as u32).await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        for c in &page {
            serde_json::to_writer(&mut *out, c)?;
            out.write_all(b"\n")?;
            comments += 1;
        }
    }
    let mut after = 0;
    loop {
        let page = db.audit_after(after, TRANSFER_BATCH as u32).await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        for e in &page {
            let mut v = serde_json::to_value(e)?;
            if let Value::Object(map) = &mut v {
                let mut tagged = serde_json::Map::new();
                tagged.insert("type".into(), Value::String(AUDIT_TYPE.into()));
                tagged.extend(std::mem::take(map));
                *map = tagged;
            }
            serde_json::to_writer(&mut *out, &v)?;
            out.write_all(b"\n")?;
            entries += 1;
        }
    }
    out.flush()?;
    Ok((comments, entries))
}

/// True for `YYYY-MM-DDTHH:MM:SSZ` naming a real UTC second (as the server writes times).
pub fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
        return false;
    }
    if b[16] != b':' || b[19] != b'Z' {
        return false;
    }
    let num = |from: usize, to: usize| -> Option<u32> {
        let part = s.get(from..to)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(se)) = (
        num(0, 4),
        num(5, 7),
        num(8, 10),
        num(11, 13),
        num(14, 16),
        num(17, 19),
    ) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match mo {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    y >= 1970 && (1..=days).contains(&d) && h < 24 && mi < 60 && se < 60
}

/// Parses one line and checks it on its own (everything but parents); the record as it will
/// be stored (texts normalised as a POST normalises them) or the reason it is refused.
pub fn check_line(line: &str) -> Result<Line, String> {
    let mut value: Value =
        serde_json::from_str(line).map_err(|e| format!("not a JSON object: {e}"))?;
    let Value::Object(map) = &mut value else {
        return Err("not a JSON object".into());
    };
    if let Some(t) = map.remove("type") {
        if t != AUDIT_TYPE {
            return Err(format!("unknown line type {t}"));
        }
        let e: AuditEntry = serde_json::from_value(value).map_err(|e| e.to_string())?;
        return check_audit(e).map(Line::Audit);
    }
    let c: StoredComment = serde_json::from_value(value).map_err(|e| e.to_string())?;
    check_comment(c).map(Line::Comment)
}

/// The rules of a POST, applied to an exported comment.
fn check_comment(mut c: StoredComment) -> Result<StoredComment, String> {
    if c.id <= 0 {
        return Err(format!("id must be a positive number (found {})", c.id));
    }
    if !is_valid_article_id(&c.article_id) {
        return Err(format!(
            "article_id {:?} is not 1–128 characters of A–Z a–z 0–9 - _ . (not starting with .)",
            c.article_id
        ));
    }
    if c.parent_id.is_some_and(|p| p <= 0 || p == c.id) {
        return Err("parent_id must be the id of another comment".into());
    }
    c.author_name = normalize(&c.author_name, false);
    rules::check_name(&c.author_name).map_err(|e| format!("author_name: {e}"))?;
    c.author_email = normalize(&c.author_email, false);
    let editor_without_email = c.author_role == Role::Editor && c.author_email.is_empty();
    if !editor_without_email {
        rules::check_email(&c.author_email).map_err(|e| format!("author_email: {e}"))?;
    }
    c.text = normalize(&c.text, true);
    rules::check_text(&c.text).map_err(|e| format!("text: {e}"))?;
    rules::check_idempotency_key(&c.idempotency_key).map_err(|_| {
        format!(
            "idempotency_key must be {}–{} letters, digits, - or _",
            rules::MIN_KEY_LEN,
            rules::MAX_KEY_LEN
        )
    })?;
    if !is_timestamp(&c.created) {
        return Err(format!(
            "created {:?} is not a time like 2026-11-28T10:00:00Z",
            c.created
        ));
    }
    if let Some(m) = c.moderated.as_deref().filter(|m| !is_timestamp(m)) {
        return Err(format!(
            "moderated {m:?} is not a time like 2026-11-28T10:00:00Z"
        ));
    }
    Ok(c)
}

/// Checks an exported audit entry.
fn check_audit(e: AuditEntry) -> Result<AuditEntry, String> {
    if e.id <= 0 || e.comment_id <= 0 {
        return Err("id and comment_id must be positive numbers".into());
    }
    if !is_timestamp(&e.at) {
        return Err(format!(
            "at {:?} is not a time like 2026-11-28T10:00:00Z",
            e.at
        ));
    }
    if e.moderator.trim().is_empty() || e.moderator.chars().count() > rules::MAX_NAME_CHARS {
        return Err("moderator must be a name of 1–80 characters".into());
    }
    for (key, snapshot) in [("before", &e.before), ("after", &e.after)] {
        if let Some(s) = snapshot {
            if !serde_json::from_str::<Value>(s).is_ok_and(|v| v.is_object()) {
                return Err(format!("{key} must be a JSON object in a string, or null"));
            }
        }
    }
    Ok(e)
}

/// What an import did (or, with `--dry-run`, would do).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// Comment lines read.
    pub comments: u64,
    /// Comments inserted (or that would be).
    pub inserted: u64,
    /// Comments whose id or (article, key) already exists.
    pub present: u64,
    /// Audit lines read.
    pub audit: u64,
    /// Audit entries inserted (or that would be).
    pub audit_inserted: u64,
    /// Lines skipped, with their 1-based number and the reason.
    pub skipped: Vec<(usize, String)>,
}

/// What the lines already accepted tell about ids (to check parents without asking the database).
#[derive(Debug, Default)]
struct Known {
    /// Top-level comments accepted so far: id → article.
    top: HashMap<i64, String>,
    /// Replies accepted so far.
    replies: HashSet<i64>,
}

/// Checks parents against `known` and the database, and inserts (unless `dry_run`) one batch.
async fn import_batch<T: StoreTx>(
    tx: &T,
    batch: &[(usize, Line)],
    known: &mut Known,
    dry_run: bool,
    report: &mut ImportReport,
) -> Result<(), DbError> {
    for (n, line) in batch {
        match line {
            Line::Comment(c) => {
                if let Some(p) = c.parent_id {
                    let parent = match known.top.get(&p) {
                        Some(article) => Some((article.clone(), true)),
                        None if known.replies.contains(&p) => Some((c.article_id.clone(), false)),
                        None => tx
                            .comment(p)
                            .await?
                            .map(|pc| (pc.article_id, pc.parent_id.is_none())),
                    };
                    let problem = match parent {
                        None => Some(format!("parent_id {p}: there is no such comment (parents must come before their replies)")),
                        Some((article, _)) if article != c.article_id => {
                            Some(format!("parent_id {p} belongs to another article ({article})"))
                        }
                        Some((_, false)) => Some(format!(
                            "parent_id {p} is itself a reply (only top-level comments can be answered)"
                        )),
                        Some(_) => None,
                    };
                    if let Some(problem) = problem {
                        report.skipped.push((*n, problem));
                        continue;
                    }
                }
                let new = if dry_run {
                    tx.comment(c.id).await?.is_none()
                } else {
                    tx.import_comment(c).await?
                };
                if new {
                    report.inserted += 1;
                } else {
                    report.present += 1;
                }
                if c.parent_id.is_none() {
                    known.top.insert(c.id, c.article_id.clone());
                } else {
                    known.replies.insert(c.id);
                }
            }
            Line::Audit(e) => {
                // A dry run counts every checked entry as new.
                if dry_run || tx.import_audit(e).await? {
                    report.audit_inserted += 1;
                }
            }
        }
    }
    if !dry_run {
        tx.finish_import().await?;
    }
    Ok(())
}

/// Reads an export file: checks every line, skips (and reports) bad ones, and imports the rest in
/// transactions of [`TRANSFER_BATCH`] lines; with `dry_run` nothing is written. Existing ids are
/// counted as present, so an interrupted import can be run again.
pub async fn import(
    db: &Store,
    input: impl BufRead,
    dry_run: bool,
) -> Result<ImportReport, TransferError> {
    let mut report = ImportReport::default();
    let mut known = Known::default();
    let mut batch: Vec<(usize, Line)> = Vec::new();
    let (mut last_comment, mut last_audit) = (0_i64, 0_i64);
    for (i, line) in input.lines().enumerate() {
        let n = i + 1;
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let checked = check_line(&line).and_then(|l| {
            let (last, id, what) = match &l {
                Line::Comment(c) => (&mut last_comment, c.id, "comment"),
                Line::Audit(e) => (&mut last_audit, e.id, "audit"),
            };
            if id <= *last {
                return Err(format!(
                    "{what} ids must increase from line to line (found {id} after {last})"
                ));
            }
            *last = id;
            Ok(l)
        });
        match checked {
            Ok(l) => {
                match &l {
                    Line::Comment(_) => report.comments += 1,
                    Line::Audit(_) => report.audit += 1,
                }
                batch.push((n, l));
            }
            Err(why) => {
                if line.contains("\"type\":\"audit\"") {
                    report.audit += 1;
                } else {
                    report.comments += 1;
                }
                report.skipped.push((n, why));
            }
        }
        if batch.len() >= TRANSFER_BATCH {
            run_batch(
                db,
                std::mem::take(&mut batch),
                &mut known,
                dry_run,
                &mut report,
            )
            .await?;
        }
    }
    if !batch.is_empty() {
        run_batch(db, batch, &mut known, dry_run, &mut report).await?;
    }
    report.skipped.sort_by_key(|s| s.0);
    Ok(report)
}

/// Runs [`import_batch`] in one write transaction (a read one for a dry run).
async fn run_batch(
    db: &Store,
    batch: Vec<(usize, Line)>,
    known: &mut Known,
    dry_run: bool,
    report: &mut ImportReport,
) -> Result<(), TransferError> {
    let first = batch.first().map_or(0, |b| b.0);
    let k = std::mem::take(known);
    let r = std::mem::take(report);
    let result: Result<(Known, ImportReport), DbError> = if dry_run {
        in_tx!(db, read, |tx| {
            let (mut k, mut r) = (k, r);
            import_batch(tx, &batch, &mut k, true, &mut r)
                .await
                .map(|()| (k, r))
        })
    } else {
        in_tx!(db, write, |tx| {
            let (mut k, mut r) = (k, r);
            import_batch(tx, &batch, &mut k, false, &mut r)
                .await
                .map(|()| (k, r))
        })
    };
    match result {
        Ok((k, r)) => {
            *known = k;
            *report = r;
            Ok(())
        }
        Err(source) => Err(TransferError::Stopped {
            line: first,
            source,
        }),
    }
}

impl Store {
    /// Complete comments with ids above `after`, in id order.
    pub async fn comments_after(
        &self,
        after: i64,
        limit: u32,
    ) -> Result<Vec<StoredComment>, DbError> {
        in_tx!(self, read, |tx| tx.comments_after(after, limit).await)
    }

    /// Audit entries with ids above `after`, in id order.
    pub async fn audit_after(&self, after: i64, limit: u32) -> Result<Vec<AuditEntry>, DbError> {
        in_tx!(self, read, |tx| tx.audit_after(after, limit).await)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert!(is_timestamp("2026-11-28T10:00:00Z"));
        assert!(is_timestamp("2024-02-29T23:59:59Z"));
        for bad in [
            "garbage",
            "2026-11-28 10:00:00Z",
            "2026-13-01T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2026-11-28T24:00:00Z",
            "2026-11-28T10:00:00+07:00",
            "+026-11-28T10:00:00Z",
        ] {
            assert!(!is_timestamp(bad), "{bad}");
        }
    }

    fn line(patch: Value) -> String {
        let mut v = serde_json::json!({
            "id": 1, "article_id": "a", "parent_id": null, "author_name": "An",
            "author_email": "an@example.vn", "text": "Hay", "status": "published",
            "created": "2026-11-28T10:00:00Z", "moderated": null, "idempotency_key": "key-0001"
        });
        for (k, val) in patch.as_object().unwrap() {
            v[k] = val.clone();
        }
        v.to_string()
    }

    #[test]
    fn every_bad_field_is_named() {
        let cases = [
            (
                serde_json::json!({"article_id": "../../etc/passwd"}),
                "article_id",
            ),
            (serde_json::json!({"text": "x".repeat(100_000)}), "text"),
            (serde_json::json!({"text": "  "}), "text"),
            (serde_json::json!({"text": "\u{200b}\u{200b}"}), "text"),
            (
                serde_json::json!({"author_name": "\u{202e}"}),
                "author_name",
            ),
            (serde_json::json!({"created": "garbage"}), "created"),
            (serde_json::json!({"author_email": "nope"}), "author_email"),
            (
                serde_json::json!({"idempotency_key": "k"}),
                "idempotency_key",
            ),
            (serde_json::json!({"status": "lost"}), "lost"),
            (serde_json::json!({"id": 0}), "id"),
            (serde_json::json!({"extra": 1}), "extra"),
        ];
        for (patch, word) in cases {
            let err = check_line(&line(patch.clone())).unwrap_err();
            assert!(err.contains(word), "{patch}: {err}");
        }
        assert!(check_line(&line(serde_json::json!({}))).is_ok());
        assert!(check_line("[1]").is_err());
    }

    #[test]
    fn texts_are_normalised_as_a_post_normalises_them() {
        let Line::Comment(c) =
            check_line(&line(serde_json::json!({"text": " Le\u{301}\r\n "}))).unwrap()
        else {
            panic!("a comment line")
        };
        assert_eq!(c.text, "L\u{e9}");
    }
}
