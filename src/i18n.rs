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
    /// The rest of the narrow toolbar's "Aa" button's name (after the visible "Aa").
    pub more_tools: &'static str,
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
    /// Shown while the display panel loads.
    pub display_loading: &'static str,
    /// The display panel could not be loaded.
    pub display_unavailable: &'static str,
    /// The Listen (read aloud) button.
    pub listen: &'static str,
    /// Listen could not be loaded (said where the reader pressed it).
    pub listen_unavailable: &'static str,
    /// Label of the print date in the print view.
    pub printed_at: &'static str,
    /// Label of the canonical address in the print view.
    pub article_address: &'static str,
    /// Name of an embedded video when the article gives it no title.
    pub embed_video: &'static str,
    /// Button of a video card that loads the third-party player.
    pub embed_load: &'static str,
    /// Link of a video card to the player's own page; {host} is its host.
    pub embed_watch_on: &'static str,
    /// Label of a table's scrolling box when the table has no caption.
    pub table_label: &'static str,
    /// Heading of the comments section.
    pub comments_title: &'static str,
    /// Shown while comments load.
    pub comments_loading: &'static str,
    /// The comments widget could not be loaded.
    pub comments_unavailable: &'static str,
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
    more_tools: "Cỡ chữ, hiển thị, nghe và chia sẻ",
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
    display_loading: "Đang tải…",
    display_unavailable:
        "Không tải được phần tùy chỉnh hiển thị. Hãy kiểm tra kết nối mạng rồi thử lại.",
    listen: "Nghe",
    listen_unavailable: "Không tải được. Hãy thử lại.",
    printed_at: "In lúc",
    article_address: "Địa chỉ bài viết",
    embed_video: "Video",
    embed_load: "Phát video (tải trình phát từ {host})",
    embed_watch_on: "Xem trên {host}",
    table_label: "Bảng",
    comments_title: "Ý kiến bạn đọc",
    comments_loading: "Đang tải ý kiến…",
    comments_unavailable:
        "Không tải được phần ý kiến bạn đọc. Hãy kiểm tra kết nối mạng rồi thử lại.",
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
    more_tools: "Text size, display, listen and sharing",
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
    display_loading: "Loading…",
    display_unavailable:
        "The display settings could not be loaded. Check your connection and try again.",
    listen: "Listen",
    listen_unavailable: "Could not load. Try again.",
    printed_at: "Printed",
    article_address: "Article address",
    embed_video: "Video",
    embed_load: "Play video (loads the player from {host})",
    embed_watch_on: "Watch on {host}",
    table_label: "Table",
    comments_title: "Readers' comments",
    comments_loading: "Loading comments…",
    comments_unavailable:
        "The readers' comments could not be loaded. Check your connection and try again.",
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
