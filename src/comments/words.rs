//! The comments widget's own words in Vietnamese and English (the viewer's are in `crate::i18n`).

use crate::i18n::UiLang;

/// Every fixed piece of text of the comments widget.
#[derive(Debug)]
pub struct CommentWords {
    /// Name of the sort choice.
    pub sort_label: &'static str,
    /// Newest first.
    pub newest: &'static str,
    /// Oldest first.
    pub oldest: &'static str,
    /// The load-more button.
    pub load_more: &'static str,
    /// Shown when there are no comments.
    pub empty: &'static str,
    /// Why the list could not be loaded: no connection.
    pub load_network: &'static str,
    /// Why the list could not be loaded: too slow.
    pub load_timeout: &'static str,
    /// Why the list could not be loaded: the server's fault.
    pub load_server: &'static str,
    /// The mark of the reader's own comment waiting for moderation.
    pub waiting: &'static str,
    /// Shown when the list cannot be loaded.
    pub list_error: &'static str,
    /// The reply button.
    pub reply: &'static str,
    /// Accessible name of a reply button; {name} is the author.
    pub reply_to: &'static str,
    /// Shown in the form while replying; {name} is the author.
    pub replying_to: &'static str,
    /// Cancels replying.
    pub cancel_reply: &'static str,
    /// Heading of the form.
    pub form_title: &'static str,
    /// Name field label.
    pub name: &'static str,
    /// E-mail field label.
    pub email: &'static str,
    /// Hint under the e-mail field.
    pub email_hint: &'static str,
    /// Comment field label.
    pub text: &'static str,
    /// Marks required fields.
    pub required: &'static str,
    /// Characters left; {n} is the number.
    pub counter: &'static str,
    /// Characters too many; {n} is the number.
    pub counter_over: &'static str,
    /// The post button.
    pub submit: &'static str,
    /// Shown while posting.
    pub sending: &'static str,
    /// After posting, waiting for moderation.
    pub pending: &'static str,
    /// After posting, published at once.
    pub published: &'static str,
    /// Posting failed: no connection.
    pub err_network: &'static str,
    /// Posting failed: timeout.
    pub err_timeout: &'static str,
    /// Posting failed: server error.
    pub err_server: &'static str,
    /// Posting refused: too many; {n} is seconds.
    pub err_rate: &'static str,
    /// Comments closed.
    pub closed: &'static str,
    /// Some fields need attention.
    pub err_fields: &'static str,
    /// Name missing.
    pub name_missing: &'static str,
    /// Name too long.
    pub name_long: &'static str,
    /// E-mail missing.
    pub email_missing: &'static str,
    /// E-mail malformed.
    pub email_bad: &'static str,
    /// Text missing.
    pub text_missing: &'static str,
    /// Text too long.
    pub text_long: &'static str,
    /// Reply target refused.
    pub parent_bad: &'static str,
    /// Other refusal.
    pub field_refused: &'static str,
    /// Label of the hidden anti-spam field.
    pub honeypot: &'static str,
    /// Retry button while waiting; {n} is seconds.
    pub retry_in: &'static str,
    /// The badge of an answer of the portal's editorial office (words, not only colour).
    pub editor_badge: &'static str,
    /// The "more replies" button; {n} is how many (see [`CommentWords::more_replies`]).
    pub more_replies: &'static str,
    /// The same for one reply.
    pub more_replies_one: &'static str,
    /// Said after more replies were added; {n} is how many.
    pub replies_added: &'static str,
    /// When more replies could not be loaded.
    pub replies_error: &'static str,
}

impl CommentWords {
    /// "Show N more replies" for `n` replies.
    pub fn more_replies(&self, n: u32) -> String {
        let template = if n == 1 {
            self.more_replies_one
        } else {
            self.more_replies
        };
        template.replace("{n}", &n.to_string())
    }
}

/// The widget's words in `lang`.
pub fn words(lang: UiLang) -> &'static CommentWords {
    match lang {
        UiLang::Vi => &VI,
        UiLang::En => &EN,
    }
}

const VI: CommentWords = CommentWords {
    sort_label: "Sắp xếp ý kiến",
    newest: "Mới nhất",
    oldest: "Cũ nhất",
    load_more: "Xem thêm ý kiến",
    empty: "Chưa có ý kiến nào. Hãy là người đầu tiên góp ý.",
    list_error: "Không tải được ý kiến bạn đọc.",
    load_network: "Không kết nối được máy chủ. Hãy thử lại.",
    load_timeout: "Máy chủ phản hồi quá lâu. Hãy thử lại.",
    load_server: "Máy chủ đang gặp sự cố. Hãy thử lại sau.",
    waiting: "Đang chờ duyệt: chỉ bạn thấy ý kiến này, trên trình duyệt này.",
    reply: "Trả lời",
    reply_to: "Trả lời ý kiến của {name}",
    replying_to: "Đang trả lời {name}",
    cancel_reply: "Hủy trả lời",
    form_title: "Gửi ý kiến của bạn",
    name: "Họ và tên",
    email: "Email",
    email_hint: "Email không hiển thị công khai.",
    text: "Ý kiến",
    required: "(bắt buộc)",
    counter: "Còn {n} ký tự",
    counter_over: "Vượt quá {n} ký tự",
    submit: "Gửi ý kiến",
    sending: "Đang gửi…",
    pending: "Cảm ơn bạn! Ý kiến đã được gửi và đang chờ kiểm duyệt.",
    published: "Cảm ơn bạn! Ý kiến của bạn đã được đăng.",
    err_network: "Không gửi được vì không kết nối được máy chủ. Nội dung bạn viết vẫn được giữ lại, hãy thử lại.",
    err_timeout: "Máy chủ phản hồi quá lâu. Nội dung bạn viết vẫn được giữ lại, hãy thử lại.",
    err_server: "Máy chủ đang gặp sự cố. Nội dung bạn viết vẫn được giữ lại, hãy thử lại sau.",
    err_rate: "Bạn gửi nhiều ý kiến trong thời gian ngắn. Hãy thử lại sau {n} giây.",
    closed: "Bài viết này đã đóng ý kiến.",
    err_fields: "Vui lòng kiểm tra lại các ô được đánh dấu.",
    name_missing: "Vui lòng nhập họ và tên.",
    name_long: "Họ và tên dài quá 80 ký tự.",
    email_missing: "Vui lòng nhập email.",
    email_bad: "Email chưa đúng dạng, ví dụ: ten@example.vn.",
    text_missing: "Vui lòng nhập ý kiến.",
    text_long: "Ý kiến dài quá 2000 ký tự.",
    parent_bad: "Không thể trả lời ý kiến này.",
    field_refused: "Máy chủ không chấp nhận nội dung ô này.",
    honeypot: "Để trống ô này",
    retry_in: "Thử lại sau {n} giây",
    editor_badge: "Ban biên tập trả lời",
    more_replies: "Xem thêm {n} trả lời",
    more_replies_one: "Xem thêm 1 trả lời",
    replies_added: "Đã hiện thêm {n} trả lời.",
    replies_error: "Không tải được các trả lời.",
};

const EN: CommentWords = CommentWords {
    sort_label: "Sort comments",
    newest: "Newest first",
    oldest: "Oldest first",
    load_more: "Show more comments",
    empty: "No comments yet. Be the first to comment.",
    list_error: "The comments could not be loaded.",
    load_network: "Could not reach the server. Please try again.",
    load_timeout: "The server took too long. Please try again.",
    load_server: "The server has a problem. Please try again later.",
    waiting: "Waiting for moderation: only you see this comment, in this browser.",
    reply: "Reply",
    reply_to: "Reply to {name}",
    replying_to: "Replying to {name}",
    cancel_reply: "Cancel reply",
    form_title: "Add your comment",
    name: "Name",
    email: "Email",
    email_hint: "Your email is never shown publicly.",
    text: "Comment",
    required: "(required)",
    counter: "{n} characters left",
    counter_over: "{n} characters too many",
    submit: "Post comment",
    sending: "Sending…",
    pending: "Thank you! Your comment was sent and is waiting for moderation.",
    published: "Thank you! Your comment is published.",
    err_network: "Could not reach the server. What you wrote is kept; please try again.",
    err_timeout: "The server took too long. What you wrote is kept; please try again.",
    err_server: "The server has a problem. What you wrote is kept; please try again later.",
    err_rate: "You posted several comments in a short time. Try again in {n} seconds.",
    closed: "Comments are closed for this article.",
    err_fields: "Please check the marked fields.",
    name_missing: "Please enter your name.",
    name_long: "The name is longer than 80 characters.",
    email_missing: "Please enter your email.",
    email_bad: "This does not look like an email address, for example name@example.com.",
    text_missing: "Please write your comment.",
    text_long: "The comment is longer than 2000 characters.",
    parent_bad: "This comment can no longer be answered.",
    field_refused: "The server did not accept this field.",
    honeypot: "Leave this empty",
    retry_in: "Try again in {n} s",
    editor_badge: "Editorial office",
    more_replies: "Show {n} more replies",
    more_replies_one: "Show 1 more reply",
    replies_added: "{n} more replies shown.",
    replies_error: "The replies could not be loaded.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_every_sentence() {
        for lang in [UiLang::Vi, UiLang::En] {
            let w = words(lang);
            for s in [
                w.submit,
                w.pending,
                w.err_network,
                w.err_rate,
                w.name_missing,
                w.retry_in,
            ] {
                assert!(!s.trim().is_empty());
            }
        }
        assert_ne!(VI.submit, EN.submit);
        assert!(VI.err_rate.contains("{n}") && EN.err_rate.contains("{n}"));
    }

    #[test]
    fn more_replies_counts_in_both_languages() {
        assert_eq!(VI.more_replies(3), "Xem thêm 3 trả lời");
        assert_eq!(EN.more_replies(3), "Show 3 more replies");
        assert_eq!(EN.more_replies(1), "Show 1 more reply");
        assert!(VI.replies_added.contains("{n}") && EN.replies_added.contains("{n}"));
    }
}
