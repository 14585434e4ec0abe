//! Address resolution (RFC 3986 §5.2) without the `url` crate, whose IDNA tables would weigh on
//! the wasm module. The same algorithm as the viewer's `src/url_policy.rs` (copied: this crate
//! does not depend on the viewer crate), which the viewer's browser tests check against the
//! browser's own `URL`.

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

/// `reference` made absolute against `base` (when given); `None` unless the result is http(s).
pub fn absolute(base: Option<&str>, reference: &str) -> Option<String> {
    let reference = reference.trim();
    let out = match (scheme(reference), base) {
        (Some(_), _) => reference.to_string(),
        (None, Some(b)) => resolve(b, reference),
        (None, None) => return None,
    };
    matches!(scheme(&out).as_deref(), Some("http" | "https")).then_some(out)
}

/// The fragment of an address, if any.
pub fn fragment(url: &str) -> Option<&str> {
    url.split_once('#').map(|(_, f)| f)
}

/// The first value of query parameter `key` (percent- and `+`-decoded).
pub fn query_param(url: &str, key: &str) -> Option<String> {
    let before_fragment = url.split('#').next().unwrap_or(url);
    let (_, query) = before_fragment.split_once('?')?;
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (percent_decode(k, true) == key).then(|| percent_decode(v, true))
    })
}

/// Decodes `%XX` escapes (and `+` as a space in query strings); invalid escapes stay as they are.
pub fn percent_decode(s: &str, plus_is_space: bool) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_like_a_browser() {
        let base = "https://portal.example/tin/2022/bai.html?x=1";
        assert_eq!(
            resolve(base, "../anh/a.jpg"),
            "https://portal.example/tin/anh/a.jpg"
        );
        assert_eq!(resolve(base, "//cdn.example/x"), "https://cdn.example/x");
        assert_eq!(
            resolve(base, "?y=2"),
            "https://portal.example/tin/2022/bai.html?y=2"
        );
        assert_eq!(absolute(Some(base), "javascript:x"), None);
        assert_eq!(
            absolute(None, "https://a.example/").as_deref(),
            Some("https://a.example/")
        );
        assert_eq!(absolute(None, "/a"), None);
    }

    #[test]
    fn reads_fragments_and_query_parameters() {
        let u = "https://x.example/feed.json?a=1&item=short%20note+2#frag%2F1";
        assert_eq!(query_param(u, "item").as_deref(), Some("short note 2"));
        assert_eq!(fragment(u), Some("frag%2F1"));
        assert_eq!(percent_decode("a%2Fb%zz%+", false), "a/b%zz%+");
    }
}
