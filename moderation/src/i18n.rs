//! The page's words in Vietnamese and English; the browser's language picks one, a switch the other.

use crate::model::Decision;

/// A language the page speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// Vietnamese, the default.
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// `vi…` is Vietnamese, any other BCP 47 tag English.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("vi") {
            Lang::Vi
        } else {
            Lang::En
        }
    }

    /// The interface language: the one chosen on this page before, else the portal's (`lang` of
    /// the page), else the browser's; blank values are skipped, Vietnamese when all are.
    pub fn pick(chosen: Option<&str>, page: Option<&str>, browser: Option<&str>) -> Lang {
        [chosen, page, browser]
            .into_iter()
            .flatten()
            .find(|t| !t.trim().is_empty())
            .map_or(Lang::Vi, Lang::from_tag)
    }

    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The locale for dates.
    pub fn locale(self) -> &'static str {
        match self {
            Lang::Vi => "vi-VN",
            Lang::En => "en-GB",
        }
    }

    /// The words in this language.
    pub fn words(self) -> &'static Words {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }
}

/// Every fixed piece of text on the page.
#[derive(Debug)]
pub struct Words {
    /// The language of these words.
    pub lang: Lang,
    /// Page title and main heading.
    pub title: &'static str,
    /// Name of the language switch.
    pub language: &'static str,
    /// Heading of the sign-in form.
    pub sign_in_title: &'static str,
    /// Label of the token field.
    pub token_label: &'static str,
    /// Hint under the token field.
    pub token_hint: &'static str,
    /// The sign-in button.
    pub sign_in: &'static str,
    /// While the token is checked.
    pub checking: &'static str,
    /// The sign-out button.
    pub sign_out: &'static str,
    /// No token typed.
    pub err_empty: &'static str,
    /// The server refused the token.
    pub err_token: &'static str,
    /// The token stopped working after sign-in.
    pub err_token_later: &'static str,
    /// The server has no moderation token configured.
    pub err_disabled: &'static str,
    /// The server could not be reached.
    pub err_network: &'static str,
    /// The server answered 5xx or something unexpected (`{status}`).
    pub err_server: &'static str,
    /// The answer was not the expected JSON.
    pub err_answer: &'static str,
    /// The comment no longer exists.
    pub err_gone: &'static str,
    /// Heading of the counts.
    pub counts_title: &'static str,
    /// Pending.
    pub pending: &'static str,
    /// Published.
    pub published: &'static str,
    /// Rejected.
    pub rejected: &'static str,
    /// Heading of the queue.
    pub queue_title: &'static str,
    /// While the queue loads.
    pub loading: &'static str,
    /// Nothing pending.
    pub empty: &'static str,
    /// More pending than shown (`{shown}`, `{total}`).
    pub partial: &'static str,
    /// The shortcuts, in one sentence.
    pub shortcuts_help: &'static str,
    /// The switch for single-key shortcuts.
    pub shortcuts_toggle: &'static str,
    /// Select every comment.
    pub select_all: &'static str,
    /// Bulk approve (`{n}`).
    pub approve_selected: &'static str,
    /// Bulk reject (`{n}`).
    pub reject_selected: &'static str,
    /// Undo button.
    pub undo: &'static str,
    /// Refresh button.
    pub refresh: &'static str,
    /// Shows the new comments.
    pub show_new: &'static str,
    /// Before the article's title.
    pub article: &'static str,
    /// Before the parent comment (`{name}`).
    pub in_reply_to: &'static str,
    /// After a parent that is not published.
    pub parent_not_public: &'static str,
    /// Visible label of a comment's checkbox.
    pub select: &'static str,
    /// Select checkbox's full name (`{name}`).
    pub select_one: &'static str,
    /// Approve button.
    pub approve: &'static str,
    /// Reject button.
    pub reject: &'static str,
    /// Approve button's full name (`{name}`).
    pub approve_one: &'static str,
    /// Reject button's full name (`{name}`).
    pub reject_one: &'static str,
    /// Nothing to undo.
    pub nothing_to_undo: &'static str,
    /// An action failed (`{reason}`).
    pub failed: &'static str,
    /// Who is signed in (`{name}`).
    pub signed_in_as: &'static str,
    /// Signed in with the shared token.
    pub signed_in_shared: &'static str,
    /// 429 after too many wrong tokens.
    pub err_backoff: &'static str,
    /// 400 on a reply.
    pub err_refused: &'static str,
    /// The reply button.
    pub reply: &'static str,
    /// The reply button's name (`{name}`).
    pub reply_one: &'static str,
    /// Label of the reply field.
    pub reply_label: &'static str,
    /// Hint under the reply field.
    pub reply_hint: &'static str,
    /// The reply form's submit button.
    pub reply_send: &'static str,
    /// The reply form's cancel button.
    pub reply_cancel: &'static str,
    /// An empty reply.
    pub reply_empty: &'static str,
    /// After a reply (`{name}`).
    pub replied: &'static str,
    /// Heading of the moderation log.
    pub log_title: &'static str,
    /// The log's reload button.
    pub log_reload: &'static str,
    /// An empty log.
    pub log_empty: &'static str,
    /// Name of the switch between the queue and the published comments.
    pub views: &'static str,
    /// Heading of the published comments.
    pub published_title: &'static str,
    /// Label of the article filter.
    pub filter_article: &'static str,
    /// Label of the search field.
    pub filter_search: &'static str,
    /// The search button.
    pub search: &'static str,
    /// Published comments found (`{n}`).
    pub found: &'static str,
    /// Nothing found.
    pub none_found: &'static str,
    /// The take-down button.
    pub take_down: &'static str,
    /// The take-down button's full name (`{name}`).
    pub take_down_one: &'static str,
    /// After a take-down (`{name}`).
    pub taken_down: &'static str,
    /// After undoing a take-down (`{name}`).
    pub republished: &'static str,
}

impl Words {
    /// "N new comments" for the notice.
    pub fn new_comments(&self, n: usize) -> String {
        match (self.lang == Lang::Vi, n) {
            (true, n) => format!("{n} ý kiến mới"),
            (false, 1) => "1 new comment".to_string(),
            (false, n) => format!("{n} new comments"),
        }
    }

    /// The announcement after a decision on `n` comments (`name` when there is one).
    pub fn decided(&self, decision: Decision, n: usize, name: Option<&str>) -> String {
        let vi = self.lang == Lang::Vi;
        match (vi, decision, name) {
            (true, Decision::Approve, Some(name)) => format!("Đã duyệt ý kiến của {name}."),
            (true, Decision::Reject, Some(name)) => format!("Đã từ chối ý kiến của {name}."),
            (true, Decision::Approve, None) => format!("Đã duyệt {n} ý kiến."),
            (true, Decision::Reject, None) => format!("Đã từ chối {n} ý kiến."),
            (false, Decision::Approve, Some(name)) => format!("Approved the comment by {name}."),
            (false, Decision::Reject, Some(name)) => format!("Rejected the comment by {name}."),
            (false, Decision::Approve, None) => format!("Approved {n} comments."),
            (false, Decision::Reject, None) => format!("Rejected {n} comments."),
        }
    }

    /// The announcement after an undo that put `n` comments back.
    pub fn undone(&self, n: usize) -> String {
        match (self.lang == Lang::Vi, n) {
            (true, n) => format!("Đã hoàn tác: {n} ý kiến trở lại hàng chờ."),
            (false, 1) => "Undone: the comment is back in the queue.".to_string(),
            (false, n) => format!("Undone: {n} comments are back in the queue."),
        }
    }
}

/// Vietnamese.
pub static VI: Words = Words {
    lang: Lang::Vi,
    title: "Kiểm duyệt ý kiến bạn đọc",
    language: "Ngôn ngữ",
    sign_in_title: "Đăng nhập",
    token_label: "Mã kiểm duyệt",
    token_hint: "Mã chỉ được giữ trong thẻ trình duyệt này và mất khi bạn đóng thẻ.",
    sign_in: "Đăng nhập",
    checking: "Đang kiểm tra mã…",
    sign_out: "Đăng xuất",
    err_empty: "Hãy nhập mã kiểm duyệt.",
    err_token: "Mã kiểm duyệt không đúng. Hãy kiểm tra và nhập lại.",
    err_token_later: "Máy chủ không còn chấp nhận mã kiểm duyệt này. Hãy đăng nhập lại.",
    err_disabled: "Máy chủ này chưa bật kiểm duyệt trên web (chưa cấu hình mã kiểm duyệt).",
    err_network: "Không kết nối được máy chủ. Hãy kiểm tra mạng và thử lại.",
    err_server: "Máy chủ gặp lỗi ({status}). Hãy thử lại sau.",
    err_answer: "Không đọc được câu trả lời của máy chủ.",
    err_gone: "Ý kiến này không còn trên máy chủ.",
    counts_title: "Số ý kiến",
    pending: "Chờ duyệt",
    published: "Đã đăng",
    rejected: "Đã từ chối",
    queue_title: "Ý kiến chờ duyệt",
    loading: "Đang tải…",
    empty: "Không có ý kiến nào chờ duyệt.",
    partial: "Đang hiện {shown} ý kiến cũ nhất trong số {total} ý kiến chờ duyệt.",
    shortcuts_help: "Phím tắt trong danh sách: j ý kiến sau, k ý kiến trước, a duyệt, r từ chối, x chọn, u hoặc Ctrl+Z hoàn tác.",
    shortcuts_toggle: "Phím tắt một chữ cái",
    select_all: "Chọn tất cả",
    approve_selected: "Duyệt các ý kiến đã chọn ({n})",
    reject_selected: "Từ chối các ý kiến đã chọn ({n})",
    undo: "Hoàn tác",
    refresh: "Tải lại",
    show_new: "Hiện",
    article: "Bài viết:",
    in_reply_to: "Trả lời {name}:",
    parent_not_public: "(ý kiến này chưa được đăng)",
    select: "Chọn",
    select_one: "Chọn ý kiến của {name}",
    approve: "Duyệt",
    reject: "Từ chối",
    approve_one: "Duyệt ý kiến của {name}",
    reject_one: "Từ chối ý kiến của {name}",
    nothing_to_undo: "Không có thao tác nào để hoàn tác.",
    failed: "Chưa thực hiện được: {reason}",
    signed_in_as: "Đang đăng nhập: {name}",
    signed_in_shared: "Đang đăng nhập bằng mã dùng chung (admin)",
    err_backoff: "Đã nhập sai mã quá nhiều lần từ mạng này. Hãy đợi vài phút rồi thử lại.",
    err_refused: "Máy chủ không nhận nội dung này. Hãy kiểm tra nội dung không trống và không quá 2.000 ký tự.",
    reply: "Trả lời",
    reply_one: "Trả lời ý kiến của {name}",
    reply_label: "Trả lời của ban biên tập",
    reply_hint: "Trả lời được đăng ngay dưới tên ban biên tập; ý kiến này cũng được duyệt.",
    reply_send: "Duyệt và đăng trả lời",
    reply_cancel: "Huỷ",
    reply_empty: "Hãy viết nội dung trả lời.",
    replied: "Đã duyệt ý kiến của {name} và đăng trả lời của ban biên tập.",
    log_title: "Nhật ký kiểm duyệt",
    log_reload: "Tải lại nhật ký",
    log_empty: "Chưa có thao tác nào.",
    views: "Danh sách",
    published_title: "Ý kiến đã đăng",
    filter_article: "Mã bài viết",
    filter_search: "Tìm trong nội dung hoặc tên",
    search: "Tìm",
    found: "Tìm thấy {n} ý kiến đã đăng.",
    none_found: "Không có ý kiến đã đăng nào khớp.",
    take_down: "Gỡ xuống",
    take_down_one: "Gỡ xuống ý kiến của {name}",
    taken_down: "Đã gỡ ý kiến của {name}; bạn đọc không còn thấy ý kiến này.",
    republished: "Đã đăng lại ý kiến của {name}.",
};

/// English.
pub static EN: Words = Words {
    lang: Lang::En,
    title: "Moderate readers' comments",
    language: "Language",
    sign_in_title: "Sign in",
    token_label: "Moderation token",
    token_hint: "The token is kept in this browser tab only and is forgotten when you close it.",
    sign_in: "Sign in",
    checking: "Checking the token…",
    sign_out: "Sign out",
    err_empty: "Enter the moderation token.",
    err_token: "That moderation token is not right. Check it and try again.",
    err_token_later: "The server no longer accepts this moderation token. Please sign in again.",
    err_disabled: "Moderation in the browser is switched off on this server (no moderation token is configured).",
    err_network: "The server cannot be reached. Check the connection and try again.",
    err_server: "The server had a problem ({status}). Try again later.",
    err_answer: "The server's answer could not be read.",
    err_gone: "This comment no longer exists on the server.",
    counts_title: "Comments by status",
    pending: "Pending",
    published: "Published",
    rejected: "Rejected",
    queue_title: "Comments waiting for moderation",
    loading: "Loading…",
    empty: "No comments are waiting.",
    partial: "Showing the oldest {shown} of {total} pending comments.",
    shortcuts_help: "Shortcuts in the list: j next, k previous, a approve, r reject, x select, u or Ctrl+Z undo.",
    shortcuts_toggle: "Single-key shortcuts",
    select_all: "Select all",
    approve_selected: "Approve selected ({n})",
    reject_selected: "Reject selected ({n})",
    undo: "Undo",
    refresh: "Reload",
    show_new: "Show",
    article: "Article:",
    in_reply_to: "In reply to {name}:",
    parent_not_public: "(this comment is not published)",
    select: "Select",
    select_one: "Select the comment by {name}",
    approve: "Approve",
    reject: "Reject",
    approve_one: "Approve the comment by {name}",
    reject_one: "Reject the comment by {name}",
    nothing_to_undo: "There is nothing to undo.",
    failed: "Could not do that: {reason}",
    signed_in_as: "Signed in as {name}",
    signed_in_shared: "Signed in with the shared token (admin)",
    err_backoff: "Too many wrong tokens from this network. Wait a few minutes and try again.",
    err_refused: "The server did not accept this text. Check that it is not empty and at most 2,000 characters.",
    reply: "Reply",
    reply_one: "Reply to the comment by {name}",
    reply_label: "The editorial office's reply",
    reply_hint: "The reply is published at once under the editorial office's name; this comment is approved too.",
    reply_send: "Approve and publish the reply",
    reply_cancel: "Cancel",
    reply_empty: "Write the reply first.",
    replied: "Approved the comment by {name} and published the editorial office's reply.",
    log_title: "Moderation log",
    log_reload: "Reload the log",
    log_empty: "Nothing has been done yet.",
    views: "Lists",
    published_title: "Published comments",
    filter_article: "Article id",
    filter_search: "Find in the text or name",
    search: "Search",
    found: "Found {n} published comments.",
    none_found: "No published comment matches.",
    take_down: "Take down",
    take_down_one: "Take down the comment by {name}",
    taken_down: "Took down the comment by {name}; readers no longer see it.",
    republished: "Published the comment by {name} again.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_portals_language_comes_before_the_browsers() {
        assert_eq!(Lang::pick(None, Some("vi"), Some("en-US")), Lang::Vi);
        assert_eq!(Lang::pick(None, Some("en"), Some("vi-VN")), Lang::En);
        assert_eq!(Lang::pick(None, Some(" "), Some("en-US")), Lang::En);
        assert_eq!(Lang::pick(None, None, Some("vi-VN")), Lang::Vi);
        assert_eq!(
            Lang::pick(Some("en"), Some("vi"), None),
            Lang::En,
            "a choice wins"
        );
        assert_eq!(Lang::pick(None, None, None), Lang::Vi);
    }

    #[test]
    fn browser_languages() {
        assert_eq!(Lang::from_tag("vi-VN"), Lang::Vi);
        assert_eq!(Lang::from_tag("VI"), Lang::Vi);
        assert_eq!(Lang::from_tag("en-US"), Lang::En);
        assert_eq!(Lang::from_tag("fr"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }

    #[test]
    fn counted_sentences() {
        assert_eq!(EN.new_comments(1), "1 new comment");
        assert_eq!(EN.new_comments(3), "3 new comments");
        assert_eq!(VI.new_comments(3), "3 ý kiến mới");
        assert_eq!(
            EN.decided(Decision::Approve, 1, Some("An")),
            "Approved the comment by An."
        );
        assert_eq!(
            VI.decided(Decision::Reject, 4, None),
            "Đã từ chối 4 ý kiến."
        );
        assert_eq!(EN.undone(1), "Undone: the comment is back in the queue.");
        assert_eq!(VI.undone(2), "Đã hoàn tác: 2 ý kiến trở lại hàng chờ.");
    }
}
