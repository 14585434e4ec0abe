//! Which link and image addresses an article may use, and how relative ones are resolved.
//!
//! Allowed: `http:`, `https:`, `mailto:` (links only) and relative references, which are
//! resolved against a base URL with the RFC 3986 algorithm. Everything else (`javascript:`,
//! `data:`, `vbscript:`, `file:`, …) is refused.

/// What kind of address a URL is used as: links may be `mailto:`, images and quotes may not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlUse {
    /// The `href` of a link.
    Link,
    /// The `src` of an image or the `cite` of a quote: fetched by the browser.
    Resource,
}

/// Why an address was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    /// The address is empty after trimming.
    #[error("the address is empty")]
    Empty,
    /// The scheme is not one of the allowed ones.
    #[error("the address scheme `{0}` is not allowed")]
    Scheme(String),
    /// A relative address with no usable absolute base to resolve it against.
    #[error("the relative address has no absolute base")]
    NoBase,
}

/// Removes what browsers ignore in a URL: surrounding C0 controls and spaces, and tabs and
/// newlines anywhere (so `java\tscript:` cannot slip past the scheme check).
pub fn clean(raw: &str) -> String {
    raw.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// The lower-cased scheme of `url` if it has one (`"https"` for `HTTPS://x`).
pub fn scheme(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let candidate = &url[..colon];
    let mut chars = candidate.chars();
    let first = chars.next()?;
    if first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        Some(candidate.to_ascii_lowercase())
    } else {
        None
    }
}

/// Checks `raw` against the policy and returns the absolute address to use.
///
/// Relative references are resolved against `base`, which must be an absolute http(s) URL.
pub fn allow(raw: &str, base: Option<&str>, use_: UrlUse) -> Result<String, UrlError> {
    let url = clean(raw);
    if url.is_empty() {
        return Err(UrlError::Empty);
    }
    match scheme(&url).as_deref() {
        Some("http") | Some("https") => Ok(url),
        Some("mailto") if use_ == UrlUse::Link => Ok(url),
        Some(other) => Err(UrlError::Scheme(other.to_string())),
        None => {
            let base = base.map(clean).ok_or(UrlError::NoBase)?;
            match scheme(&base).as_deref() {
                Some("http") | Some("https") => Ok(resolve(&base, &url)),
                _ => Err(UrlError::NoBase),
            }
        }
    }
}

/// Whether `url` points to another host than `base` (used to mark external links).
pub fn is_external(url: &str, base: Option<&str>) -> bool {
    let host = |u: &str| parse(u).authority.map(|a| a.to_ascii_lowercase());
    match (scheme(url).as_deref(), base) {
        (Some("http") | Some("https"), Some(base)) => host(url) != host(base),
        (Some("http") | Some("https"), None) => true,
        _ => false,
    }
}

struct Parts<'a> {
    scheme: Option<&'a str>,
    authority: Option<&'a str>,
    path: &'a str,
    query: Option<&'a str>,
    fragment: Option<&'a str>,
}

fn parse(url: &str) -> Parts<'_> {
    let (rest, fragment) = match url.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (url, None),
    };
    let (rest, query) = match rest.split_once('?') {
        Some((r, q)) => (r, Some(q)),
        None => (rest, None),
    };
    let (scheme_part, rest) = match scheme(rest) {
        Some(s) => (Some(&rest[..s.len()]), &rest[s.len() + 1..]),
        None => (None, rest),
    };
    let (authority, path) = match rest.strip_prefix("//") {
        Some(after) => {
            let end = after.find('/').unwrap_or(after.len());
            (Some(&after[..end]), &after[end..])
        }
        None => (None, rest),
    };
    Parts {
        scheme: scheme_part,
        authority,
        path,
        query,
        fragment,
    }
}

/// Resolves the relative reference `reference` against the absolute `base` (RFC 3986 §5.2).
pub fn resolve(base: &str, reference: &str) -> String {
    // Browsers treat `\` as `/` in http(s) URLs; do the same so `/\evil` is seen as `//evil`.
    let reference = reference.replace('\\', "/");
    let b = parse(base);
    let r = parse(&reference);
    let scheme = b.scheme.unwrap_or("https").to_ascii_lowercase();
    let (authority, path, query) = if let Some(auth) = r.authority {
        (Some(auth), remove_dot_segments(r.path), r.query)
    } else if r.path.is_empty() {
        (b.authority, b.path.to_string(), r.query.or(b.query))
    } else if r.path.starts_with('/') {
        (b.authority, remove_dot_segments(r.path), r.query)
    } else {
        let merged = match (b.authority, b.path.rfind('/')) {
            (Some(_), None) => format!("/{}", r.path),
            (_, Some(i)) => format!("{}{}", &b.path[..=i], r.path),
            (None, None) => r.path.to_string(),
        };
        (b.authority, remove_dot_segments(&merged), r.query)
    };
    let mut out = format!("{scheme}:");
    if let Some(a) = authority {
        out.push_str("//");
        out.push_str(a);
    }
    out.push_str(&path);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    if let Some(f) = r.fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

fn remove_dot_segments(path: &str) -> String {
    let mut output: Vec<&str> = Vec::new();
    let absolute = path.starts_with('/');
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len().saturating_sub(1);
    let mut trailing_slash = false;
    for (i, seg) in segments.iter().enumerate() {
        if i == 0 && absolute {
            continue;
        }
        match *seg {
            "." => trailing_slash = i == last,
            ".." => {
                output.pop();
                trailing_slash = i == last;
            }
            s => {
                output.push(s);
                trailing_slash = false;
            }
        }
    }
    let mut out = String::new();
    if absolute {
        out.push('/');
    }
    out.push_str(&output.join("/"));
    if trailing_slash && !out.ends_with('/') {
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://portal.example/tin-tuc/2022/bai-viet.html?x=1";

    #[test]
    fn allows_http_https_and_mailto_links() {
        assert_eq!(
            allow("https://a.example/x", None, UrlUse::Link).unwrap(),
            "https://a.example/x"
        );
        assert_eq!(
            allow("  HTTP://a.example ", None, UrlUse::Link).unwrap(),
            "HTTP://a.example"
        );
        assert_eq!(
            allow("mailto:a@b.example", None, UrlUse::Link).unwrap(),
            "mailto:a@b.example"
        );
    }

    #[test]
    fn refuses_mailto_as_a_resource() {
        assert_eq!(
            allow("mailto:a@b.example", None, UrlUse::Resource),
            Err(UrlError::Scheme("mailto".into()))
        );
    }

    #[test]
    fn refuses_script_and_data_schemes_however_disguised() {
        for raw in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "vbscript:msgbox",
            "data:text/html,<script>alert(1)</script>",
            "data:image/svg+xml;base64,AAAA",
            "file:///etc/passwd",
            "blob:https://a.example/uuid",
        ] {
            assert!(
                allow(raw, Some(BASE), UrlUse::Link).is_err(),
                "{raw:?} allowed"
            );
            assert!(
                allow(raw, Some(BASE), UrlUse::Resource).is_err(),
                "{raw:?} allowed"
            );
        }
    }

    #[test]
    fn refuses_empty_and_baseless_relative() {
        assert_eq!(allow("   ", Some(BASE), UrlUse::Link), Err(UrlError::Empty));
        assert_eq!(allow("a.html", None, UrlUse::Link), Err(UrlError::NoBase));
        assert_eq!(
            allow("a.html", Some("javascript:x"), UrlUse::Link),
            Err(UrlError::NoBase)
        );
    }

    #[test]
    fn resolves_relative_references_per_rfc_3986() {
        let base = "http://a/b/c/d;p?q";
        let cases = [
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g"),
            ("?y", "http://a/b/c/d;p?y"),
            ("g?y", "http://a/b/c/g?y"),
            ("#s", "http://a/b/c/d;p?q#s"),
            ("g#s", "http://a/b/c/g#s"),
            ("..", "http://a/b/"),
            ("../g", "http://a/b/g"),
            ("../..", "http://a/"),
            ("../../g", "http://a/g"),
            ("../../../g", "http://a/g"),
            ("/./g", "http://a/g"),
            ("g.", "http://a/b/c/g."),
            ("./../g", "http://a/b/g"),
            ("g/../h", "http://a/b/c/h"),
        ];
        for (reference, expected) in cases {
            assert_eq!(resolve(base, reference), expected, "{reference}");
        }
    }

    #[test]
    fn resolves_against_the_article_url() {
        assert_eq!(
            allow("../anh/1.jpg", Some(BASE), UrlUse::Resource).unwrap(),
            "https://portal.example/tin-tuc/anh/1.jpg"
        );
        assert_eq!(
            allow("/\\evil.example/x", Some(BASE), UrlUse::Link).unwrap(),
            "https://evil.example/x"
        );
    }

    #[test]
    fn tells_external_links() {
        assert!(is_external("https://other.example/", Some(BASE)));
        assert!(!is_external("https://PORTAL.example/a", Some(BASE)));
        assert!(!is_external("mailto:a@b.example", Some(BASE)));
    }
}
