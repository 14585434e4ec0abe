//! The moderation log as the page shows it: who did what to which comment, in one sentence each.

use crate::i18n::{Lang, Words};

/// One entry of `GET /api/moderation/audit`, as much of it as the page shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditRow {
    /// Entry id (newest first).
    pub id: i64,
    /// When, RFC 3339 UTC.
    pub at: String,
    /// The moderator's name.
    pub moderator: String,
    /// `approve`, `reject`, `requeue`, `delete`, `edit` or `reply`.
    pub action: String,
    /// The comment acted on (for a reply: the reply itself).
    pub comment_id: i64,
    /// The comment's status before, if there was a comment before.
    pub before_status: Option<String>,
    /// The comment's status after, if it still exists.
    pub after_status: Option<String>,
    /// The comment's author (before, else after).
    pub author_name: Option<String>,
    /// For a reply: the comment it answers.
    pub parent_id: Option<i64>,
}

/// A status as a sentence names it (in lower case; written out, so the wasm carries no Unicode
/// case tables).
fn status_word<'a>(w: &Words, status: &'a str) -> &'a str {
    match (w.lang, status) {
        (Lang::Vi, "pending") => "chờ duyệt",
        (Lang::Vi, "published") => "đã đăng",
        (Lang::Vi, "rejected") => "đã từ chối",
        (Lang::En, "pending") => "pending",
        (Lang::En, "published") => "published",
        (Lang::En, "rejected") => "rejected",
        (_, other) => other,
    }
}

impl AuditRow {
    /// The sentence the log shows, e.g. "Lan approved comment #12 by Bình (pending → published)."
    pub fn sentence(&self, w: &Words) -> String {
        let vi = w.lang == Lang::Vi;
        let who = &self.moderator;
        let id = self.comment_id;
        let by = match (&self.author_name, vi) {
            (Some(a), true) => format!(" của {a}"),
            (Some(a), false) => format!(" by {a}"),
            (None, _) => String::new(),
        };
        let change = match (&self.before_status, &self.after_status) {
            (Some(b), Some(a)) if b != a => {
                format!(" ({} → {})", status_word(w, b), status_word(w, a))
            }
            _ => String::new(),
        };
        let verb = match (self.action.as_str(), vi) {
            ("approve", true) => "đã duyệt",
            ("approve", false) => "approved",
            ("reject", true) => "đã từ chối",
            ("reject", false) => "rejected",
            ("requeue", true) => "đã đưa lại vào hàng chờ",
            ("requeue", false) => "put back in the queue",
            ("edit", true) => "đã sửa",
            ("edit", false) => "edited",
            ("delete", true) => "đã xoá",
            ("delete", false) => "deleted",
            ("reply", true) => {
                let to = self
                    .parent_id
                    .map_or(String::new(), |p| format!(" ý kiến #{p}"));
                return format!("{who} đã trả lời{to} với tư cách ban biên tập (trả lời #{id}).");
            }
            ("reply", false) => {
                let to = self
                    .parent_id
                    .map_or(String::new(), |p| format!(" comment #{p}"));
                return format!("{who} replied to{to} as the editorial office (reply #{id}).");
            }
            (other, _) => other,
        };
        if vi {
            format!("{who} {verb} ý kiến #{id}{by}{change}.")
        } else {
            format!("{who} {verb} comment #{id}{by}{change}.")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, VI};

    fn row(action: &str, before: Option<&str>, after: Option<&str>) -> AuditRow {
        AuditRow {
            id: 1,
            at: "2026-11-28T10:00:00Z".into(),
            moderator: "Lan".into(),
            action: action.into(),
            comment_id: 12,
            before_status: before.map(Into::into),
            after_status: after.map(Into::into),
            author_name: Some("Bình".into()),
            parent_id: None,
        }
    }

    #[test]
    fn every_action_reads_as_a_sentence_in_both_languages() {
        assert_eq!(
            row("approve", Some("pending"), Some("published")).sentence(&EN),
            "Lan approved comment #12 by Bình (pending → published)."
        );
        assert_eq!(
            row("reject", Some("pending"), Some("rejected")).sentence(&VI),
            "Lan đã từ chối ý kiến #12 của Bình (chờ duyệt → đã từ chối)."
        );
        assert_eq!(
            row("delete", Some("published"), None).sentence(&EN),
            "Lan deleted comment #12 by Bình."
        );
        let mut reply = row("reply", None, Some("published"));
        reply.parent_id = Some(7);
        assert_eq!(
            reply.sentence(&EN),
            "Lan replied to comment #7 as the editorial office (reply #12)."
        );
        assert_eq!(
            reply.sentence(&VI),
            "Lan đã trả lời ý kiến #7 với tư cách ban biên tập (trả lời #12)."
        );
        for a in ["requeue", "edit", "unknown"] {
            assert!(row(a, Some("published"), Some("published"))
                .sentence(&VI)
                .ends_with('.'));
        }
    }
}
