//! Addresses in the converted documents: resolution and schemes are the viewer's own
//! (`article_viewer::url_policy`, RFC 3986 §5.2 without the `url` crate, checked by the viewer's
//! browser tests against the browser's own `URL`); here only what conversion adds.

pub use article_viewer_urls::{resolve, scheme};

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
