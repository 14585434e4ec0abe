//! The moderation log as the page shows it: who did what to which comment, in one sentence each.

use crate::i18n::{Lang, Words};
use article_viewer_wire::comments::Status;
use article_viewer_wire::moderation::{AuditAction, AuditItem, AuditSnapshot};

/// One entry of `GET /api/moderation/audit` (the API's shape, its snapshots read leniently).
pub type AuditRow = AuditItem;

/// A status as a sentence names it (in lower case; written out, so the wasm carries no Unicode
/// case tables).
fn status_word(w: &Words, status: Status) -> &'static str {
    match (w.lang, status) {
        (Lang::Vi, Status::Pending) => "chờ duyệt",
        (Lang::Vi, Status::Published) => "đã đăng",
        (Lang::Vi, Status::Rejected) => "đã từ chối",
        (Lang::En, Status::Pending) => "pending",
        (Lang::En, Status::Published) => "published",
        (Lang::En, Status::Rejected) => "rejected",
    }
}

/// The sentence the log shows for `row`, e.g. "Lan approved comment #12 by Bình (pending →
/// published)."
pub fn sentence(row: &AuditRow, w: &Words) -> String {
    let vi = w.lang == Lang::Vi;
    let who = &row.moderator;
    let id = row.comment_id;
    // The author as the snapshot before says, else after.
    let author = [&row.before, &row.after]
        .into_iter()
        .flatten()
        .find_map(|s| s.author_name.as_deref());
    let by = match (author, vi) {
        (Some(a), true) => format!(" của {a}"),
        (Some(a), false) => format!(" by {a}"),
        (None, _) => String::new(),
    };
    let status = |s: &Option<AuditSnapshot>| s.as_ref().and_then(|s| s.status.valid().copied());
    let change = match (status(&row.before), status(&row.after)) {
        (Some(b), Some(a)) if b != a => {
            format!(" ({} → {})", status_word(w, b), status_word(w, a))
        }
        _ => String::new(),
    };
    let verb = match (row.action, vi) {
        (AuditAction::Approve, true) => "đã duyệt",
        (AuditAction::Approve, false) => "approved",
        (AuditAction::Reject, true) => "đã từ chối",
        (AuditAction::Reject, false) => "rejected",
        (AuditAction::Requeue, true) => "đã đưa lại vào hàng chờ",
        (AuditAction::Requeue, false) => "put back in the queue",
        (AuditAction::Edit, true) => "đã sửa",
        (AuditAction::Edit, false) => "edited",
        (AuditAction::Delete, true) => "đã xoá",
        (AuditAction::Delete, false) => "deleted",
        (AuditAction::Reply, _) => {
            let parent = row
                .after
                .as_ref()
                .and_then(|a| a.parent_id.valid().copied());
            return if vi {
                let to = parent.map_or(String::new(), |p| format!(" ý kiến #{p}"));
                format!("{who} đã trả lời{to} với tư cách ban biên tập (trả lời #{id}).")
            } else {
                let to = parent.map_or(String::new(), |p| format!(" comment #{p}"));
                format!("{who} replied to{to} as the editorial office (reply #{id}).")
            };
        }
    };
    if vi {
        format!("{who} {verb} ý kiến #{id}{by}{change}.")
    } else {
        format!("{who} {verb} comment #{id}{by}{change}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, VI};

    fn snap(status: Status) -> AuditSnapshot {
        AuditSnapshot {
            author_name: "Bình".to_string().into(),
            status: status.into(),
            ..AuditSnapshot::default()
        }
    }

    fn row(action: AuditAction, before: Option<Status>, after: Option<Status>) -> AuditRow {
        AuditRow {
            id: 1,
            at: "2026-11-28T10:00:00Z".into(),
            moderator: "Lan".into(),
            action,
            comment_id: 12,
            before: before.map(snap),
            after: after.map(snap),
        }
    }

    #[test]
    fn every_action_reads_as_a_sentence_in_both_languages() {
        use Status::*;
        assert_eq!(
            sentence(
                &row(AuditAction::Approve, Some(Pending), Some(Published)),
                &EN
            ),
            "Lan approved comment #12 by Bình (pending → published)."
        );
        assert_eq!(
            sentence(
                &row(AuditAction::Reject, Some(Pending), Some(Rejected)),
                &VI
            ),
            "Lan đã từ chối ý kiến #12 của Bình (chờ duyệt → đã từ chối)."
        );
        assert_eq!(
            sentence(&row(AuditAction::Delete, Some(Published), None), &EN),
            "Lan deleted comment #12 by Bình."
        );
        let mut reply = row(AuditAction::Reply, None, Some(Published));
        if let Some(a) = reply.after.as_mut() {
            a.parent_id = 7.into();
        }
        assert_eq!(
            sentence(&reply, &EN),
            "Lan replied to comment #7 as the editorial office (reply #12)."
        );
        assert_eq!(
            sentence(&reply, &VI),
            "Lan đã trả lời ý kiến #7 với tư cách ban biên tập (trả lời #12)."
        );
        for a in [
            AuditAction::Requeue,
            AuditAction::Edit,
            AuditAction::Approve,
        ] {
            assert!(sentence(&row(a, Some(Published), Some(Published)), &VI).ends_with('.'));
        }
    }

    #[test]
    fn an_unreadable_snapshot_field_leaves_out_only_its_words() {
        let mut r = row(
            AuditAction::Approve,
            Some(Status::Pending),
            Some(Status::Published),
        );
        if let Some(b) = r.before.as_mut() {
            b.status = article_viewer_wire::Lenient::Invalid;
            b.author_name = article_viewer_wire::Lenient::Invalid;
        }
        assert_eq!(
            sentence(&r, &EN),
            "Lan approved comment #12 by Bình.",
            "the name from after, no status change"
        );
    }

    #[test]
    fn the_log_is_read_from_the_servers_answer() {
        let rows = crate::wire::audit(
            r#"{"total":2,"page":1,"per_page":50,"items":[
              {"id":2,"at":"2026-11-28T10:05:00Z","moderator":"Lê Minh","action":"reply","comment_id":9,
               "before":null,"after":{"id":9,"parent_id":4,"author_name":"Ban biên tập","status":"published"}},
              {"id":1,"at":"2026-11-28T10:00:00Z","moderator":"Lan","action":"approve","comment_id":4,
               "before":{"status":"pending","author_name":"An"},"after":{"status":"published","author_name":"An"}}]}"#,
        )
        .expect("a valid log");
        assert_eq!(rows.len(), 2);
        assert_eq!(
            sentence(&rows[0], &EN),
            "Lê Minh replied to comment #4 as the editorial office (reply #9)."
        );
        assert_eq!(
            sentence(&rows[1], &EN),
            "Lan approved comment #4 by An (pending → published)."
        );
        assert!(crate::wire::audit(r#"{"total":1,"items":[{"id":1}]}"#).is_err());
    }
}
