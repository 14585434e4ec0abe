//! `mailto:` links as RFC 6068 says: UTF-8, percent-encoded, CRLF line breaks.

/// Percent-encodes `s` for a `mailto:` header value: everything but RFC 3986 unreserved
/// characters is encoded, so `&`, `?`, `#`, `%`, `=`, `+` and line breaks survive.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b & 15)]));
        }
    }
    out
}

/// Normalises line breaks to CRLF, as RFC 6068 asks for in `body`.
fn crlf(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\n', "\r\n")
}

/// Longest lead put into the body, in characters; longer leads are cut at a word with "…".
pub const MAX_LEAD_CHARS: usize = 600;

fn shorten(lead: &str) -> String {
    if lead.chars().count() <= MAX_LEAD_CHARS {
        return lead.to_string();
    }
    let cut: String = lead.chars().take(MAX_LEAD_CHARS).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > MAX_LEAD_CHARS / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end())
}

/// The share link: subject is the title, body is the lead, a blank line and the canonical URL.
pub fn share_link(title: &str, lead: Option<&str>, url: &str) -> String {
    let body = match lead.map(str::trim).filter(|l| !l.is_empty()) {
        Some(lead) => format!("{}\n\n{url}", shorten(lead)),
        None => url.to_string(),
    };
    format!(
        "mailto:?subject={}&body={}",
        encode(title.trim()),
        encode(&crlf(&body))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes percent-encoding (for round-trip checks).
    fn decode(s: &str) -> String {
        let bytes = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }

    fn params(link: &str) -> (String, String) {
        let query = link.strip_prefix("mailto:?").unwrap();
        let (s, b) = query.split_once('&').unwrap();
        (
            decode(s.strip_prefix("subject=").unwrap()),
            decode(b.strip_prefix("body=").unwrap()),
        )
    }

    #[test]
    fn keeps_vietnamese_diacritics_as_utf8() {
        let link = share_link(
            "Thường trực Thị ủy Kỳ Anh",
            Some("Chiều ngày 15/4/2022"),
            "https://a.example/x",
        );
        assert!(link.starts_with("mailto:?subject=Th%C6%B0%E1%BB%9Dng%20tr%E1%BB%B1c"));
        let (subject, body) = params(&link);
        assert_eq!(subject, "Thường trực Thị ủy Kỳ Anh");
        assert_eq!(body, "Chiều ngày 15/4/2022\r\n\r\nhttps://a.example/x");
    }

    #[test]
    fn every_reserved_character_survives() {
        let title = "A & B? #1 100% a=b+c; /x:y@z, [q] 'x' \"y\" <z>";
        let url = "https://a.example/p?x=1&y=2#frag";
        let link = share_link(title, Some("line one\nline two\r\nthree"), url);
        let query = link.strip_prefix("mailto:?").unwrap();
        // Exactly one separator between the two fields; nothing unencoded that a client would split on.
        assert_eq!(query.matches('&').count(), 1);
        assert!(!query.contains('#') && !query.contains('+') && !query.contains(' '));
        let (subject, body) = params(&link);
        assert_eq!(subject, title);
        assert_eq!(body, format!("line one\r\nline two\r\nthree\r\n\r\n{url}"));
    }

    #[test]
    fn long_leads_are_cut_at_a_word() {
        let lead = "từ ".repeat(1000);
        let (_, body) = params(&share_link("T", Some(&lead), "https://a.example/"));
        let first = body.split("\r\n").next().unwrap();
        assert!(first.chars().count() <= MAX_LEAD_CHARS + 1);
        assert!(first.ends_with("từ…"));
    }

    #[test]
    fn without_lead_the_body_is_the_url() {
        let (_, body) = params(&share_link("T", Some("   "), "https://a.example/"));
        assert_eq!(body, "https://a.example/");
    }
}
