//! Comment text as plain text with its http(s) addresses made into links.

/// A piece of comment text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// Plain text (line breaks kept; shown with `white-space: pre-wrap`).
    Text(String),
    /// An http(s) address, shown as a link with `rel="nofollow ugc noopener"`.
    Link(String),
}

/// Characters that end a sentence rather than belong to an address at its end.
const TRAILING: &[char] = &['.', ',', ';', ':', '!', '?', '\'', '"', '’', '”', '»', '…'];

/// Splits `text` into text and link segments; only `http://` and `https://` become links.
pub fn linkify(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = find_scheme(rest) {
        let candidate = &rest[start..];
        let end = candidate
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
            .unwrap_or(candidate.len());
        let mut url = &candidate[..end];
        loop {
            let trimmed = url.trim_end_matches(TRAILING);
            // A closing bracket belongs to the address only if it opened inside it.
            let trimmed = match trimmed.chars().last() {
                Some(close @ (')' | ']' | '}')) => {
                    let open = match close {
                        ')' => '(',
                        ']' => '[',
                        _ => '{',
                    };
                    if trimmed.matches(open).count() < trimmed.matches(close).count() {
                        &trimmed[..trimmed.len() - 1]
                    } else {
                        trimmed
                    }
                }
                _ => trimmed,
            };
            if trimmed.len() == url.len() {
                break;
            }
            url = trimmed;
        }
        let host_present = url
            .split_once("://")
            .is_some_and(|(_, h)| !h.is_empty() && !h.starts_with('/'));
        if start > 0 {
            push_text(&mut out, &rest[..start]);
        }
        if host_present {
            out.push(Segment::Link(url.to_string()));
        } else {
            push_text(&mut out, url);
        }
        rest = &rest[start + url.len()..];
        if url.is_empty() {
            // Cannot happen (the scheme is non-empty), but never loop forever.
            break;
        }
    }
    if !rest.is_empty() {
        push_text(&mut out, rest);
    }
    out
}

fn push_text(out: &mut Vec<Segment>, s: &str) {
    if let Some(Segment::Text(prev)) = out.last_mut() {
        prev.push_str(s);
    } else {
        out.push(Segment::Text(s.to_string()));
    }
}

/// Byte offset of the next `http://` or `https://` (any case) that starts a word.
fn find_scheme(s: &str) -> Option<usize> {
    let lower = s.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("http").map(|i| i + from) {
        let after = &lower[i..];
        let word_start = i == 0
            || !lower[..i]
                .chars()
                .last()
                .is_some_and(|c| c.is_alphanumeric());
        if word_start && (after.starts_with("http://") || after.starts_with("https://")) {
            return Some(i);
        }
        from = i + 4;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(s: &str) -> Segment {
        Segment::Link(s.into())
    }
    fn text(s: &str) -> Segment {
        Segment::Text(s.into())
    }

    #[test]
    fn links_http_and_https_only() {
        assert_eq!(
            linkify("xem https://a.example/x?y=1&z=2#k và http://b.example."),
            vec![
                text("xem "),
                link("https://a.example/x?y=1&z=2#k"),
                text(" và "),
                link("http://b.example"),
                text(".")
            ]
        );
        assert_eq!(
            linkify("javascript:alert(1) ftp://x data:text/html,x"),
            vec![text("javascript:alert(1) ftp://x data:text/html,x")]
        );
    }

    #[test]
    fn keeps_markup_as_text() {
        assert_eq!(
            linkify("<script>alert(1)</script>"),
            vec![text("<script>alert(1)</script>")]
        );
        assert_eq!(
            linkify("<a href=\"https://e.example\">x</a>"),
            vec![
                text("<a href=\""),
                link("https://e.example"),
                text("\">x</a>")
            ]
        );
    }

    #[test]
    fn balances_brackets_and_drops_sentence_punctuation() {
        assert_eq!(
            linkify("(xem https://vi.wikipedia.org/wiki/Kỳ_Anh_(thị_xã))."),
            vec![
                text("(xem "),
                link("https://vi.wikipedia.org/wiki/Kỳ_Anh_(thị_xã)"),
                text(").")
            ]
        );
    }

    #[test]
    fn needs_a_host_and_a_word_start() {
        assert_eq!(linkify("https:// nope"), vec![text("https:// nope")]);
        assert_eq!(
            linkify("xhttps://a.example"),
            vec![text("xhttps://a.example")]
        );
        assert_eq!(
            linkify("HTTPS://A.EXAMPLE"),
            vec![link("HTTPS://A.EXAMPLE")]
        );
    }

    #[test]
    fn keeps_line_breaks_and_emoji() {
        assert_eq!(linkify("một\nhai 😀"), vec![text("một\nhai 😀")]);
        assert_eq!(linkify(""), Vec::<Segment>::new());
    }
}
