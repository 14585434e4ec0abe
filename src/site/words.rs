//! The words of the list of articles and of moving between pages, in the interface languages.

use crate::i18n::UiLang;

/// The list's and the navigation's words in one language.
pub struct SiteWords {
    /// The list page's heading (and its tab title).
    pub articles: &'static str,
    /// "N articles", before the number of pages.
    pub count: fn(u32) -> String,
    /// "page P of N".
    pub page_of: fn(u32, u32) -> String,
    /// The name of the navigation between pages.
    pub pages: &'static str,
    /// The link to newer articles.
    pub newer: &'static str,
    /// The link to older articles.
    pub older: &'static str,
    /// The list has no articles.
    pub empty: &'static str,
    /// Said when a page has opened without a reload: "Opened: {title}".
    pub opened: fn(&str) -> String,
    /// The list could not be fetched.
    pub list_failed: &'static str,
    /// The retry button.
    pub retry: &'static str,
}

const VI: SiteWords = SiteWords {
    articles: "Bài viết",
    count: |n| format!("{n} bài viết"),
    page_of: |p, n| format!("trang {p}/{n}"),
    pages: "Các trang bài viết",
    newer: "← Bài mới hơn",
    older: "Bài cũ hơn →",
    empty: "Chưa có bài viết nào.",
    opened: |t| format!("Đã mở: {t}"),
    list_failed: "Không tải được danh sách bài viết.",
    retry: "Thử lại",
};

const EN: SiteWords = SiteWords {
    articles: "Articles",
    count: |n| {
        if n == 1 {
            "1 article".to_string()
        } else {
            format!("{n} articles")
        }
    },
    page_of: |p, n| format!("page {p} of {n}"),
    pages: "Pages of articles",
    newer: "← Newer articles",
    older: "Older articles →",
    empty: "There are no articles yet.",
    opened: |t| format!("Opened: {t}"),
    list_failed: "The list of articles could not be loaded.",
    retry: "Try again",
};

/// The site's words in `lang`.
pub fn site_words(lang: UiLang) -> &'static SiteWords {
    match lang {
        UiLang::En => &EN,
        _ => &VI,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_naturally() {
        assert_eq!((site_words(UiLang::En).count)(1), "1 article");
        assert_eq!((site_words(UiLang::En).count)(3), "3 articles");
        assert_eq!((site_words(UiLang::Vi).page_of)(2, 5), "trang 2/5");
    }
}
