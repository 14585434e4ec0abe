//! Escaping for the three places a page writes untrusted text: element content, attribute values
//! and the JSON inside a `<script>` data block.

/// `s` with `&`, `<`, `>` escaped, and the quotes too when `quotes`.
fn escape(s: &str, quotes: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quotes => out.push_str("&quot;"),
            '\'' if quotes => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `s` as HTML element content.
pub fn text(s: &str) -> String {
    escape(s, false)
}

/// `s` as a double- or single-quoted attribute value.
pub fn attr(s: &str) -> String {
    escape(s, true)
}

/// JSON text made safe inside `<script type="application/…+json">`: `<`, `>` and `&` (which only
/// occur inside JSON strings) and the two line separators JavaScript treats as line ends become
/// `\u` escapes, so no `</script>` or `<!--` can end or change the block; the JSON reads the same.
pub fn json_in_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_can_leave_its_place() {
        assert_eq!(text("a<b>&c"), "a&lt;b&gt;&amp;c");
        assert_eq!(attr(r#"x" onload='y'>"#), "x&quot; onload=&#39;y&#39;&gt;");
        let json = r#"{"t":"</script><!-- & \u2028"}"#;
        let safe = json_in_script(&json.replace("\\u2028", "\u{2028}"));
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["t"], "</script><!-- & \u{2028}");
    }
}
