//! The article's own page (the reference server's `/articles/{id}`) from the answer its JSON came
//! with: `Link: <…/articles/{id}>; rel="canonical"` (RFC 8288, RFC 6596). Copy link and the e-mail
//! share use that page, where there is one, before the article's `url`.

use crate::url_policy::{allow, UrlUse};

/// The `rel="canonical"` target of a `Link` header value, made absolute against `base` (the
/// address that answered); `None` without one, or for one that is not an http(s) address. Links
/// are told apart at commas (a target or title with a comma is not read: `None`, never another
/// link's target).
pub fn canonical_page(link: &str, base: &str) -> Option<String> {
    let entry = link.split(',').map(str::trim).find(|l| {
        let params = l.to_ascii_lowercase().replace(' ', "");
        params.contains(";rel=\"canonical\"") || params.contains(";rel=canonical")
    })?;
    let target = entry.strip_prefix('<')?.split_once('>')?.0;
    allow(target, Some(base), UrlUse::Resource)
        .ok()
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const JSON: &str = "https://news.example/content/a1.json";

    #[test]
    fn finds_the_canonical_page_among_links() {
        assert_eq!(
            canonical_page(r#"<../articles/a1>; rel="canonical""#, JSON).as_deref(),
            Some("https://news.example/articles/a1")
        );
        assert_eq!(
            canonical_page(
                r#"<https://cdn.example/x>; rel="preload", </articles/a1>; REL=Canonical"#,
                JSON
            )
            .as_deref(),
            Some("https://news.example/articles/a1")
        );
    }

    #[test]
    fn ignores_other_links_and_unsafe_targets() {
        for link in [
            "",
            r#"<https://news.example/feed>; rel="alternate""#,
            r#"<javascript:alert(1)>; rel="canonical""#,
            r#"<mailto:a@b.example>; rel=canonical"#,
            r#"<../articles/a1; rel="canonical""#,
            r#"<https://a.example/x,y>; rel="canonical""#,
            "garbage",
        ] {
            assert_eq!(canonical_page(link, JSON), None, "{link}");
        }
    }
}
