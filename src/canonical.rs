//! The article's own page (the reference server's `/articles/{id}`) from the answer its JSON came
//! with: `Link: <…/articles/{id}>; rel="canonical"` (RFC 8288, RFC 6596). Copy link and the e-mail
//! share use that page, where there is one, before the article's `url`.

use crate::url_policy::{allow, UrlUse};

/// The `rel="canonical"` target of a `Link` header value, made absolute against `base` (the
/// address that answered); `None` without one, or for one that is not an http(s) address.
pub fn canonical_page(link: &str, base: &str) -> Option<String> {
    let mut rest = link;
    while let Some(open) = rest.find('<') {
        let close = open + rest[open..].find('>')?;
        let target = &rest[open + 1..close];
        // The parameters run to the next link (a `,` outside quotes) or the end.
        let after = &rest[close + 1..];
        let mut quoted = false;
        let end = after
            .char_indices()
            .find(|&(_, c)| {
                if c == '"' {
                    quoted = !quoted;
                }
                c == ',' && !quoted
            })
            .map_or(after.len(), |(i, _)| i);
        let canonical = after[..end].split(';').any(|param| {
            let Some((name, value)) = param.split_once('=') else {
                return false;
            };
            name.trim().eq_ignore_ascii_case("rel")
                && value
                    .trim()
                    .trim_matches('"')
                    .split_ascii_whitespace()
                    .any(|rel| rel.eq_ignore_ascii_case("canonical"))
        });
        if canonical {
            return allow(target, Some(base), UrlUse::Resource)
                .ok()
                .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
        }
        rest = &after[end..];
    }
    None
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
                r#"<https://cdn.example/x>; rel="preload"; title="a, b", </articles/a1>; REL=Canonical"#,
                JSON
            )
            .as_deref(),
            Some("https://news.example/articles/a1")
        );
        assert_eq!(
            canonical_page(
                r#"<https://news.example/articles/a1>; rel="alternate canonical""#,
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
            "garbage",
        ] {
            assert_eq!(canonical_page(link, JSON), None, "{link}");
        }
    }
}
