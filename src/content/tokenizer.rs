//! A small HTML tokenizer for article bodies, following the WHATWG tokenization rules that
//! matter for content: tags and attributes (quoted, unquoted, duplicate), comments, doctypes
//! and other bogus markup, raw-text elements (`script`, `style`, …) and character references.
//!
//! It need not match a browser byte for byte to be safe: everything it reads as text becomes a
//! DOM text node and every element is created through the DOM, so nothing is ever parsed as HTML
//! again. Fidelity only decides how faithfully odd markup is *displayed*.

use super::entities::{lookup, LEGACY_WITHOUT_SEMICOLON};

/// One token of the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token {
    /// `<name attr=value …>`; the name and attribute names are lower-cased, values decoded.
    Start {
        /// Tag name.
        name: String,
        /// Attributes in source order; later duplicates are dropped, as browsers do.
        attrs: Vec<(String, String)>,
        /// Whether the tag ended with `/>`.
        self_closing: bool,
    },
    /// `</name>`.
    End {
        /// Tag name.
        name: String,
    },
    /// Decoded text.
    Text(String),
}

/// Elements whose content is raw text up to their own end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title",
];

/// Tokenizes `input` lazily. Set [`Tokenizer::foreign`] while inside `svg`/`math`, where
/// `<style>` and `<script>` are ordinary elements.
pub struct Tokenizer<'a> {
    input: &'a str,
    pos: usize,
    /// Raw-text element whose content is read next.
    raw_until: Option<String>,
    /// Whether the tokenizer is inside foreign content (no raw-text switching).
    pub foreign: bool,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

impl<'a> Tokenizer<'a> {
    /// A tokenizer over `input`.
    pub fn new(input: &'a str) -> Self {
        Tokenizer {
            input,
            pos: 0,
            raw_until: None,
            foreign: false,
        }
    }

    fn rest(&self) -> &'a str {
        &self.input[self.pos..]
    }

    fn peek(&self) -> Option<u8> {
        self.input.as_bytes().get(self.pos).copied()
    }

    /// Advances past bytes while `f` holds; returns the slice passed over.
    fn take_while(&mut self, f: impl Fn(u8) -> bool) -> &'a str {
        let start = self.pos;
        let bytes = self.input.as_bytes();
        while self.pos < bytes.len() && f(bytes[self.pos]) {
            self.pos += 1;
        }
        // Only ASCII bytes stop the scan, so the slice ends on a char boundary.
        &self.input[start..self.pos]
    }

    /// Skips to just after the next `needle`, or to the end.
    fn skip_past(&mut self, needle: &str) {
        match self.rest().find(needle) {
            Some(i) => self.pos += i + needle.len(),
            None => self.pos = self.input.len(),
        }
    }

    fn raw_text(&mut self, name: &str) -> Token {
        let start = self.pos;
        let bytes = self.input.as_bytes();
        let mut i = self.pos;
        while let Some(off) = self.input[i..].find("</") {
            let at = i + off;
            let name_end = at + 2 + name.len();
            let matches = self
                .input
                .get(at + 2..name_end)
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
                && bytes
                    .get(name_end)
                    .is_none_or(|&b| is_space(b) || b == b'/' || b == b'>');
            if matches {
                self.pos = at;
                return Token::Text(self.input[start..at].to_string());
            }
            i = at + 2;
        }
        self.pos = self.input.len();
        Token::Text(self.input[start..].to_string())
    }

    fn text(&mut self) -> Token {
        let mut out = String::new();
        loop {
            let chunk = self.take_while(|b| b != b'<' && b != b'&');
            out.push_str(chunk);
            match self.peek() {
                Some(b'&') => {
                    self.pos += 1;
                    self.char_ref(&mut out, false);
                }
                Some(b'<') => {
                    // A `<` that does not start markup is text.
                    let next = self.input.as_bytes().get(self.pos + 1).copied();
                    let markup = matches!(next, Some(b'!' | b'/' | b'?'))
                        || next.is_some_and(|b| b.is_ascii_alphabetic());
                    if markup {
                        break;
                    }
                    out.push('<');
                    self.pos += 1;
                }
                _ => break,
            }
        }
        Token::Text(out)
    }

    /// Decodes a character reference after `&` into `out` (or `&` itself if there is none).
    fn char_ref(&mut self, out: &mut String, in_attribute: bool) {
        let rest = self.rest();
        if let Some(num) = rest.strip_prefix('#') {
            let (hex, digits_from) = match num.as_bytes().first() {
                Some(b'x' | b'X') => (true, 2),
                _ => (false, 1),
            };
            let digits: &str = {
                let s = &rest[digits_from..];
                let n = s
                    .bytes()
                    .take_while(|b| {
                        if hex {
                            b.is_ascii_hexdigit()
                        } else {
                            b.is_ascii_digit()
                        }
                    })
                    .count();
                &s[..n]
            };
            if digits.is_empty() {
                out.push('&');
                return;
            }
            self.pos += digits_from + digits.len();
            if self.peek() == Some(b';') {
                self.pos += 1;
            }
            let code =
                u32::from_str_radix(&digits[..digits.len().min(8)], if hex { 16 } else { 10 })
                    .unwrap_or(u32::MAX);
            out.push(numeric_char(if digits.len() > 8 { u32::MAX } else { code }));
            return;
        }
        let name_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let name = &rest[..name_len];
        let has_semicolon = rest.as_bytes().get(name_len) == Some(&b';');
        if name_len > 0 {
            if has_semicolon {
                if let Some(ch) = lookup(name) {
                    out.push_str(ch);
                    self.pos += name_len + 1;
                    return;
                }
            }
            // Legacy names also match as a prefix without `;` (`&copy2` is `©2`).
            if let Some(legacy) = LEGACY_WITHOUT_SEMICOLON
                .iter()
                .find(|l| name.starts_with(**l))
            {
                let next = rest.as_bytes().get(legacy.len()).copied();
                let blocked =
                    in_attribute && next.is_some_and(|b| b == b'=' || b.is_ascii_alphanumeric());
                if let (false, Some(ch)) = (blocked, lookup(legacy)) {
                    out.push_str(ch);
                    self.pos += legacy.len();
                    return;
                }
            }
        }
        out.push('&');
    }

    fn tag(&mut self, end: bool) -> Option<Token> {
        let name = self
            .take_while(|b| !is_space(b) && b != b'/' && b != b'>')
            .to_ascii_lowercase();
        let mut attrs: Vec<(String, String)> = Vec::new();
        let mut self_closing = false;
        loop {
            self.take_while(is_space);
            match self.peek() {
                None => return None, // EOF inside a tag: the tag is dropped, as browsers do.
                Some(b'>') => {
                    self.pos += 1;
                    break;
                }
                Some(b'/') => {
                    self.pos += 1;
                    if self.peek() == Some(b'>') {
                        self_closing = true;
                        self.pos += 1;
                        break;
                    }
                }
                Some(_) => {
                    let first = self.pos;
                    self.pos += 1; // the first character may be `=`
                    self.take_while(|b| !is_space(b) && b != b'/' && b != b'>' && b != b'=');
                    let attr_name = self.input[first..self.pos].to_ascii_lowercase();
                    self.take_while(is_space);
                    let mut value = String::new();
                    if self.peek() == Some(b'=') {
                        self.pos += 1;
                        self.take_while(is_space);
                        value = self.attr_value();
                    }
                    if !attrs.iter().any(|(n, _)| *n == attr_name) {
                        attrs.push((attr_name, value));
                    }
                }
            }
        }
        if end {
            return Some(Token::End { name });
        }
        if !self.foreign && RAW_TEXT.contains(&name.as_str()) && !self_closing {
            self.raw_until = Some(name.clone());
        } else if !self.foreign && name == "plaintext" {
            self.raw_until = Some(String::new());
        }
        Some(Token::Start {
            name,
            attrs,
            self_closing,
        })
    }

    fn attr_value(&mut self) -> String {
        let quote = match self.peek() {
            Some(q @ (b'"' | b'\'')) => {
                self.pos += 1;
                Some(q)
            }
            _ => None,
        };
        let mut out = String::new();
        loop {
            let chunk = self.take_while(|b| match quote {
                Some(q) => b != q && b != b'&',
                None => !is_space(b) && b != b'>' && b != b'&',
            });
            out.push_str(chunk);
            match self.peek() {
                Some(b'&') => {
                    self.pos += 1;
                    self.char_ref(&mut out, true);
                }
                Some(b) if Some(b) == quote => {
                    self.pos += 1;
                    break;
                }
                _ => break,
            }
        }
        out
    }
}

impl Iterator for Tokenizer<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        loop {
            if self.pos >= self.input.len() {
                return None;
            }
            if let Some(name) = self.raw_until.take() {
                if name.is_empty() {
                    // <plaintext>: everything after it is text.
                    let text = self.rest().to_string();
                    self.pos = self.input.len();
                    return Some(Token::Text(text));
                }
                let token = self.raw_text(&name);
                if token != Token::Text(String::new()) {
                    return Some(token);
                }
                continue;
            }
            if self.peek() != Some(b'<') {
                return Some(self.text());
            }
            let rest = self.rest();
            let next = rest.as_bytes().get(1).copied();
            match next {
                Some(b'!') => {
                    if rest.starts_with("<!--") {
                        self.pos += 4;
                        // `<!-->` and `<!--->` close at once.
                        if self.rest().starts_with('>') {
                            self.pos += 1;
                        } else if self.rest().starts_with("->") {
                            self.pos += 2;
                        } else {
                            let r = self.rest();
                            let close =
                                [r.find("-->").map(|i| i + 3), r.find("--!>").map(|i| i + 4)]
                                    .into_iter()
                                    .flatten()
                                    .min();
                            self.pos = close.map_or(self.input.len(), |c| self.pos + c);
                        }
                    } else {
                        self.skip_past(">"); // doctype, CDATA and other bogus comments
                    }
                }
                Some(b'?') => self.skip_past(">"),
                Some(b'/') => {
                    let after = rest.as_bytes().get(2).copied();
                    if after.is_some_and(|b| b.is_ascii_alphabetic()) {
                        self.pos += 2;
                        if let Some(t) = self.tag(true) {
                            return Some(t);
                        }
                    } else if after == Some(b'>') {
                        self.pos += 3;
                    } else {
                        self.skip_past(">");
                    }
                }
                Some(b) if b.is_ascii_alphabetic() => {
                    self.pos += 1;
                    if let Some(t) = self.tag(false) {
                        return Some(t);
                    }
                }
                _ => return Some(self.text()),
            }
        }
    }
}

/// The character a numeric reference stands for, with the WHATWG replacements.
fn numeric_char(code: u32) -> char {
    // Windows-1252 code points that CMSs still write as `&#150;` and the like.
    const C1: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match code {
        0 => '\u{fffd}',
        0x80..=0x9f => C1[(code - 0x80) as usize],
        _ => char::from_u32(code).unwrap_or('\u{fffd}'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &str) -> Vec<Token> {
        Tokenizer::new(s).collect()
    }

    fn start(name: &str, attrs: &[(&str, &str)]) -> Token {
        Token::Start {
            name: name.into(),
            attrs: attrs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            self_closing: false,
        }
    }

    fn text(s: &str) -> Token {
        Token::Text(s.into())
    }

    fn end(name: &str) -> Token {
        Token::End { name: name.into() }
    }

    #[test]
    fn reads_tags_attributes_and_text() {
        assert_eq!(
            tokens(r#"<P Class="a" id='b' data-x=c checked>Xin chào</p>"#),
            vec![
                start(
                    "p",
                    &[
                        ("class", "a"),
                        ("id", "b"),
                        ("data-x", "c"),
                        ("checked", "")
                    ]
                ),
                text("Xin chào"),
                end("p")
            ]
        );
    }

    #[test]
    fn keeps_the_first_of_duplicate_attributes() {
        assert_eq!(
            tokens("<a href=x HREF=y>"),
            vec![start("a", &[("href", "x")])]
        );
    }

    #[test]
    fn decodes_character_references() {
        assert_eq!(
            tokens("&lt;b&gt; &amp;amp; &#7843; &#x1F600; &#150; &#0; &agrave;&Ecirc; &unknown; &amp &copy2 a&b"),
            vec![text("<b> &amp; ả 😀 – \u{fffd} àÊ &unknown; & ©2 a&b")]
        );
    }

    #[test]
    fn decodes_references_in_attributes_but_not_before_equals() {
        assert_eq!(
            tokens(r#"<a href="?a=1&amp;b=2&copy=3" title=&quot;x&quot;>"#),
            vec![start(
                "a",
                &[("href", "?a=1&b=2&copy=3"), ("title", "\"x\"")]
            )]
        );
    }

    #[test]
    fn reads_script_and_style_as_raw_text() {
        assert_eq!(
            tokens("<script>if (a<b) x('</p>')</script ><p>"),
            vec![
                start("script", &[]),
                text("if (a<b) x('</p>')"),
                end("script"),
                start("p", &[])
            ]
        );
        assert_eq!(tokens("<style>p{}")[1], text("p{}"));
    }

    #[test]
    fn skips_comments_doctypes_and_bogus_markup() {
        assert_eq!(
            tokens("<!doctype html><!-- <script>x</script> -->a<!---->b<!-->c<?php x ?>d<![CDATA[e]]>f</ >g"),
            vec![text("a"), text("b"), text("c"), text("d"), text("f"), text("g")]
        );
    }

    #[test]
    fn treats_stray_less_than_as_text() {
        assert_eq!(tokens("1 < 2 <3"), vec![text("1 < 2 <3")]);
    }

    #[test]
    fn drops_a_tag_cut_off_at_the_end() {
        assert_eq!(tokens("a<p class='x"), vec![text("a")]);
        assert_eq!(tokens("<"), vec![text("<")]);
    }

    #[test]
    fn self_closing_and_foreign_content() {
        let mut t = Tokenizer::new("<style/><br/>");
        assert!(matches!(
            t.next(),
            Some(Token::Start {
                self_closing: true,
                ..
            })
        ));
        let mut t = Tokenizer::new("<style><p></style>");
        t.foreign = true;
        let all: Vec<Token> = t.collect();
        assert_eq!(
            all,
            vec![start("style", &[]), start("p", &[]), end("style")]
        );
    }
}
