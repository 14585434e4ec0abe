//! The viewer's own words in Vietnamese and English, chosen by the article's language.

/// A language the viewer's interface speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum UiLang {
    /// Vietnamese, the product's first language and the default.
    #[default]
    Vi,
    /// English, for every other article language.
    En,
}

impl UiLang {
    /// Picks the interface language for a BCP 47 tag: `vi…` is Vietnamese, anything else English.
    pub fn from_tag(tag: &str) -> UiLang {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("vi") {
            UiLang::Vi
        } else {
            UiLang::En
        }
    }

    /// The BCP 47 tag of this language.
    pub fn tag(self) -> &'static str {
        match self {
            UiLang::Vi => "vi",
            UiLang::En => "en",
        }
    }

    /// The locale passed to `Intl`.
    pub fn locale(self) -> &'static str {
        match self {
            UiLang::Vi => "vi-VN",
            UiLang::En => "en-US",
        }
    }

    /// The interface words in this language.
    pub fn words(self) -> &'static Words {
        match self {
            UiLang::Vi => &VI,
            UiLang::En => &EN,
        }
    }
}

/// Every fixed piece of interface text.
#[derive(Debug)]
pub struct Words {
    /// Shown while the article loads.
    pub loading: &'static str,
    /// The retry button.
    pub retry: &'static str,
    /// Heading of an error panel.
    pub error_title: &'static str,
    /// The network could not be reached.
    pub err_network: &'static str,
    /// The server took too long.
    pub err_timeout: &'static str,
    /// The article does not exist (404, 410).
    pub err_not_found: &'static str,
    /// Another 4xx answer.
    pub err_client: &'static str,
    /// A 5xx answer.
    pub err_server: &'static str,
    /// The answer was not JSON.
    pub err_not_json: &'static str,
    /// The JSON was not a valid article; followed by the technical detail.
    pub err_invalid: &'static str,
    /// Label before the technical detail of an error.
    pub details: &'static str,
    /// Label before the author line, for screen readers.
    pub author_label: &'static str,
    /// Label of the source line.
    pub source_label: &'static str,
    /// Label of the tags list.
    pub tags_label: &'static str,
    /// Label of the last update time.
    pub updated_label: &'static str,
    /// Status code label in error details.
    pub status_label: &'static str,
    /// Name of the article toolbar.
    pub toolbar_label: &'static str,
    /// The share-by-e-mail link.
    pub email: &'static str,
    /// Accessible name of the e-mail link.
    pub email_label: &'static str,
    /// The copy-link button.
    pub copy_link: &'static str,
    /// Confirmation after copying the link.
    pub copied: &'static str,
    /// Shown when the clipboard refused; followed by the address.
    pub copy_failed: &'static str,
    /// The system share button.
    pub share: &'static str,
    /// The print button.
    pub print: &'static str,
    /// Accessible name of the print button.
    pub print_label: &'static str,
    /// Name of the text size group.
    pub text_size: &'static str,
    /// Accessible name of A−.
    pub smaller: &'static str,
    /// Accessible name of A (reset).
    pub reset_size: &'static str,
    /// Accessible name of A+.
    pub larger: &'static str,
    /// The display settings button.
    pub display: &'static str,
    /// Name of the line spacing choice.
    pub line_spacing: &'static str,
    /// Compact line spacing.
    pub spacing_compact: &'static str,
    /// Normal line spacing.
    pub spacing_normal: &'static str,
    /// Relaxed line spacing.
    pub spacing_relaxed: &'static str,
    /// Name of the theme choice.
    pub theme: &'static str,
    /// Theme following the system.
    pub theme_auto: &'static str,
    /// Light theme.
    pub theme_light: &'static str,
    /// Dark theme.
    pub theme_dark: &'static str,
    /// Sepia theme.
    pub theme_sepia: &'static str,
    /// Label of the print date in the print view.
    pub printed_at: &'static str,
    /// Label of the canonical address in the print view.
    pub article_address: &'static str,
    /// Heading of the comments section.
    pub comments_title: &'static str,
    /// Name of the sort choice.
    pub c_sort_label: &'static str,
    /// Newest first.
    pub c_newest: &'static str,
    /// Oldest first.
    pub c_oldest: &'static str,
    /// The load-more button.
    pub c_load_more: &'static str,
    /// Shown while comments load.
    pub c_loading: &'static str,
    /// Shown when there are no comments.
    pub c_empty: &'static str,
    /// Shown when the list cannot be loaded.
    pub c_list_error: &'static str,
    /// The reply button.
    pub c_reply: &'static str,
    /// Accessible name of a reply button; {name} is the author.
    pub c_reply_to: &'static str,
    /// Shown in the form while replying; {name} is the author.
    pub c_replying_to: &'static str,
    /// Cancels replying.
    pub c_cancel_reply: &'static str,
    /// Heading of the form.
    pub c_form_title: &'static str,
    /// Name field label.
    pub c_name: &'static str,
    /// E-mail field label.
    pub c_email: &'static str,
    /// Hint under the e-mail field.
    pub c_email_hint: &'static str,
    /// Comment field label.
    pub c_text: &'static str,
    /// Marks required fields.
    pub c_required: &'static str,
    /// Characters left; {n} is the number.
    pub c_counter: &'static str,
    /// Characters too many; {n} is the number.
    pub c_counter_over: &'static str,
    /// The post button.
    pub c_submit: &'static str,
    /// Shown while posting.
    pub c_sending: &'static str,
    /// After posting, waiting for moderation.
    pub c_pending: &'static str,
    /// After posting, published at once.
    pub c_published: &'static str,
    /// Posting failed: no connection.
    pub c_err_network: &'static str,
    /// Posting failed: timeout.
    pub c_err_timeout: &'static str,
    /// Posting failed: server error.
    pub c_err_server: &'static str,
    /// Posting refused: too many; {n} is seconds.
    pub c_err_rate: &'static str,
    /// Comments closed.
    pub c_closed: &'static str,
    /// Some fields need attention.
    pub c_err_fields: &'static str,
    /// Name missing.
    pub c_name_missing: &'static str,
    /// Name too long.
    pub c_name_long: &'static str,
    /// E-mail missing.
    pub c_email_missing: &'static str,
    /// E-mail malformed.
    pub c_email_bad: &'static str,
    /// Text missing.
    pub c_text_missing: &'static str,
    /// Text too long.
    pub c_text_long: &'static str,
    /// Reply target refused.
    pub c_parent_bad: &'static str,
    /// Other refusal.
    pub c_field_refused: &'static str,
    /// Label of the hidden anti-spam field.
    pub c_honeypot: &'static str,
    /// Retry button while waiting; {n} is seconds.
    pub c_retry_in: &'static str,
    /// Name of an embedded video when the article gives it no title.
    pub embed_video: &'static str,
    /// Button of a video card that loads the third-party player.
    pub embed_load: &'static str,
    /// Link of a video card to the player's own page; {host} is its host.
    pub embed_watch_on: &'static str,
    /// Label of a table's scrolling box when the table has no caption.
    pub table_label: &'static str,
}

const VI: Words = Words {
    loading: "Đang tải bài viết…",
    retry: "Thử lại",
    error_title: "Không hiển thị được bài viết",
    err_network: "Không kết nối được tới máy chủ. Hãy kiểm tra kết nối mạng rồi thử lại.",
    err_timeout: "Máy chủ phản hồi quá lâu. Hãy thử lại sau ít phút.",
    err_not_found: "Không tìm thấy bài viết này. Có thể bài đã bị gỡ hoặc địa chỉ không đúng.",
    err_client: "Máy chủ từ chối yêu cầu đọc bài viết này.",
    err_server: "Máy chủ đang gặp sự cố. Hãy thử lại sau ít phút.",
    err_not_json: "Máy chủ không trả về dữ liệu bài viết (không phải JSON).",
    err_invalid: "Dữ liệu bài viết không hợp lệ nên không thể hiển thị.",
    details: "Chi tiết",
    author_label: "Tác giả",
    source_label: "Nguồn",
    tags_label: "Từ khóa",
    updated_label: "Cập nhật",
    status_label: "mã",
    toolbar_label: "Công cụ bài viết",
    email: "Email",
    email_label: "Gửi bài viết qua email",
    copy_link: "Chép liên kết",
    copied: "Đã chép liên kết bài viết.",
    copy_failed: "Không chép được tự động. Địa chỉ bài viết:",
    share: "Chia sẻ…",
    print: "In",
    print_label: "In bài viết",
    text_size: "Cỡ chữ",
    smaller: "Giảm cỡ chữ",
    reset_size: "Cỡ chữ mặc định",
    larger: "Tăng cỡ chữ",
    display: "Hiển thị",
    line_spacing: "Giãn dòng",
    spacing_compact: "Hẹp",
    spacing_normal: "Vừa",
    spacing_relaxed: "Rộng",
    theme: "Màu nền",
    theme_auto: "Theo hệ thống",
    theme_light: "Sáng",
    theme_dark: "Tối",
    theme_sepia: "Giấy ngà (sepia)",
    printed_at: "In lúc",
    article_address: "Địa chỉ bài viết",
    comments_title: "Ý kiến bạn đọc",
    c_sort_label: "Sắp xếp ý kiến",
    c_newest: "Mới nhất",
    c_oldest: "Cũ nhất",
    c_load_more: "Xem thêm ý kiến",
    c_loading: "Đang tải ý kiến…",
    c_empty: "Chưa có ý kiến nào. Hãy là người đầu tiên góp ý.",
    c_list_error: "Không tải được ý kiến bạn đọc.",
    c_reply: "Trả lời",
    c_reply_to: "Trả lời ý kiến của {name}",
    c_replying_to: "Đang trả lời {name}",
    c_cancel_reply: "Hủy trả lời",
    c_form_title: "Gửi ý kiến của bạn",
    c_name: "Họ và tên",
    c_email: "Email",
    c_email_hint: "Email không hiển thị công khai.",
    c_text: "Ý kiến",
    c_required: "(bắt buộc)",
    c_counter: "Còn {n} ký tự",
    c_counter_over: "Vượt quá {n} ký tự",
    c_submit: "Gửi ý kiến",
    c_sending: "Đang gửi…",
    c_pending: "Cảm ơn bạn! Ý kiến đã được gửi và đang chờ kiểm duyệt.",
    c_published: "Cảm ơn bạn! Ý kiến của bạn đã được đăng.",
    c_err_network: "Không gửi được vì không kết nối được máy chủ. Nội dung bạn viết vẫn được giữ lại, hãy thử lại.",
    c_err_timeout: "Máy chủ phản hồi quá lâu. Nội dung bạn viết vẫn được giữ lại, hãy thử lại.",
    c_err_server: "Máy chủ đang gặp sự cố. Nội dung bạn viết vẫn được giữ lại, hãy thử lại sau.",
    c_err_rate: "Bạn gửi nhiều ý kiến trong thời gian ngắn. Hãy thử lại sau {n} giây.",
    c_closed: "Bài viết này đã đóng ý kiến.",
    c_err_fields: "Vui lòng kiểm tra lại các ô được đánh dấu.",
    c_name_missing: "Vui lòng nhập họ và tên.",
    c_name_long: "Họ và tên dài quá 80 ký tự.",
    c_email_missing: "Vui lòng nhập email.",
    c_email_bad: "Email chưa đúng dạng, ví dụ: ten@example.vn.",
    c_text_missing: "Vui lòng nhập ý kiến.",
    c_text_long: "Ý kiến dài quá 2000 ký tự.",
    c_parent_bad: "Không thể trả lời ý kiến này.",
    c_field_refused: "Máy chủ không chấp nhận nội dung ô này.",
    c_honeypot: "Để trống ô này",
    c_retry_in: "Thử lại sau {n} giây",
    embed_video: "Video",
    embed_load: "Phát video (tải trình phát từ {host})",
    embed_watch_on: "Xem trên {host}",
    table_label: "Bảng",
};

const EN: Words = Words {
    loading: "Loading the article…",
    retry: "Try again",
    error_title: "The article could not be shown",
    err_network: "Could not reach the server. Check your connection and try again.",
    err_timeout: "The server took too long to answer. Try again in a few minutes.",
    err_not_found: "This article was not found. It may have been removed, or the address is wrong.",
    err_client: "The server refused to give this article.",
    err_server: "The server has a problem. Try again in a few minutes.",
    err_not_json: "The server did not send article data (it was not JSON).",
    err_invalid: "The article data is not valid, so it cannot be shown.",
    details: "Details",
    author_label: "Author",
    source_label: "Source",
    tags_label: "Tags",
    updated_label: "Updated",
    status_label: "code",
    toolbar_label: "Article tools",
    email: "Email",
    email_label: "Send this article by email",
    copy_link: "Copy link",
    copied: "Link copied.",
    copy_failed: "Could not copy automatically. The article address:",
    share: "Share…",
    print: "Print",
    print_label: "Print the article",
    text_size: "Text size",
    smaller: "Smaller text",
    reset_size: "Default text size",
    larger: "Larger text",
    display: "Display",
    line_spacing: "Line spacing",
    spacing_compact: "Compact",
    spacing_normal: "Normal",
    spacing_relaxed: "Relaxed",
    theme: "Colours",
    theme_auto: "System",
    theme_light: "Light",
    theme_dark: "Dark",
    theme_sepia: "Sepia",
    printed_at: "Printed",
    article_address: "Article address",
    comments_title: "Readers' comments",
    c_sort_label: "Sort comments",
    c_newest: "Newest first",
    c_oldest: "Oldest first",
    c_load_more: "Show more comments",
    c_loading: "Loading comments…",
    c_empty: "No comments yet. Be the first to comment.",
    c_list_error: "The comments could not be loaded.",
    c_reply: "Reply",
    c_reply_to: "Reply to {name}",
    c_replying_to: "Replying to {name}",
    c_cancel_reply: "Cancel reply",
    c_form_title: "Add your comment",
    c_name: "Name",
    c_email: "Email",
    c_email_hint: "Your email is never shown publicly.",
    c_text: "Comment",
    c_required: "(required)",
    c_counter: "{n} characters left",
    c_counter_over: "{n} characters too many",
    c_submit: "Post comment",
    c_sending: "Sending…",
    c_pending: "Thank you! Your comment was sent and is waiting for moderation.",
    c_published: "Thank you! Your comment is published.",
    c_err_network: "Could not reach the server. What you wrote is kept; please try again.",
    c_err_timeout: "The server took too long. What you wrote is kept; please try again.",
    c_err_server: "The server has a problem. What you wrote is kept; please try again later.",
    c_err_rate: "You posted several comments in a short time. Try again in {n} seconds.",
    c_closed: "Comments are closed for this article.",
    c_err_fields: "Please check the marked fields.",
    c_name_missing: "Please enter your name.",
    c_name_long: "The name is longer than 80 characters.",
    c_email_missing: "Please enter your email.",
    c_email_bad: "This does not look like an email address, for example name@example.com.",
    c_text_missing: "Please write your comment.",
    c_text_long: "The comment is longer than 2000 characters.",
    c_parent_bad: "This comment can no longer be answered.",
    c_field_refused: "The server did not accept this field.",
    c_honeypot: "Leave this empty",
    c_retry_in: "Try again in {n} s",
    embed_video: "Video",
    embed_load: "Play video (loads the player from {host})",
    embed_watch_on: "Watch on {host}",
    table_label: "Table",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_language_from_the_primary_subtag() {
        assert_eq!(UiLang::from_tag("vi"), UiLang::Vi);
        assert_eq!(UiLang::from_tag("VI-vn"), UiLang::Vi);
        assert_eq!(UiLang::from_tag("en-GB"), UiLang::En);
        assert_eq!(UiLang::from_tag("fr"), UiLang::En);
        assert_eq!(UiLang::from_tag(""), UiLang::En);
        assert_eq!(UiLang::from_tag("vie"), UiLang::En);
    }

    #[test]
    fn both_languages_have_every_word() {
        for lang in [UiLang::Vi, UiLang::En] {
            let w = lang.words();
            for s in [
                w.loading,
                w.retry,
                w.err_network,
                w.err_timeout,
                w.err_server,
                w.err_invalid,
            ] {
                assert!(!s.trim().is_empty());
            }
        }
        assert_ne!(VI.retry, EN.retry);
    }
}
