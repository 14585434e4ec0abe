//! Named character references the tokenizer decodes: all of Latin-1 (which older Vietnamese
//! CMSs use for diacritics, `&agrave;`, `&ecirc;`, …) and common punctuation and symbols.
//!
//! The full WHATWG table (2,231 names) was measured too large for the wasm size budget; names
//! outside this list are kept as typed (`&foo;`), which is what a reader would see in the source.

/// `(name without & and ;, replacement)`, sorted by name for binary search.
pub static NAMED: &[(&str, &str)] = &[
    ("AElig", "Æ"), ("Aacute", "Á"), ("Acirc", "Â"), ("Agrave", "À"), ("Alpha", "Α"), ("Aring", "Å"),
    ("Atilde", "Ã"), ("Auml", "Ä"), ("Beta", "Β"), ("Ccedil", "Ç"), ("Dagger", "‡"), ("Delta", "Δ"),
    ("ETH", "Ð"), ("Eacute", "É"), ("Ecirc", "Ê"), ("Egrave", "È"), ("Euml", "Ë"), ("Gamma", "Γ"),
    ("Iacute", "Í"), ("Icirc", "Î"), ("Igrave", "Ì"), ("Iuml", "Ï"), ("Lambda", "Λ"), ("Ntilde", "Ñ"),
    ("OElig", "Œ"), ("Oacute", "Ó"), ("Ocirc", "Ô"), ("Ograve", "Ò"), ("Omega", "Ω"), ("Oslash", "Ø"),
    ("Otilde", "Õ"), ("Ouml", "Ö"), ("Pi", "Π"), ("Prime", "″"), ("Scaron", "Š"), ("Sigma", "Σ"),
    ("THORN", "Þ"), ("Uacute", "Ú"), ("Ucirc", "Û"), ("Ugrave", "Ù"), ("Uuml", "Ü"), ("Yacute", "Ý"),
    ("Yuml", "Ÿ"), ("aacute", "á"), ("acirc", "â"), ("acute", "´"), ("aelig", "æ"), ("agrave", "à"),
    ("alpha", "α"), ("amp", "&"), ("apos", "'"), ("aring", "å"), ("asymp", "≈"), ("atilde", "ã"),
    ("auml", "ä"), ("bdquo", "„"), ("beta", "β"), ("brvbar", "¦"), ("bull", "•"), ("ccedil", "ç"),
    ("cedil", "¸"), ("cent", "¢"), ("circ", "ˆ"), ("copy", "©"), ("curren", "¤"), ("dagger", "†"),
    ("darr", "↓"), ("deg", "°"), ("delta", "δ"), ("divide", "÷"), ("eacute", "é"), ("ecirc", "ê"),
    ("egrave", "è"), ("emsp", "\u{2003}"), ("ensp", "\u{2002}"), ("epsilon", "ε"), ("equiv", "≡"),
    ("eth", "ð"), ("euml", "ë"), ("euro", "€"), ("fnof", "ƒ"), ("frac12", "½"), ("frac14", "¼"),
    ("frac34", "¾"), ("frasl", "⁄"), ("gamma", "γ"), ("ge", "≥"), ("gt", ">"), ("harr", "↔"),
    ("hellip", "…"), ("iacute", "í"), ("icirc", "î"), ("iexcl", "¡"), ("igrave", "ì"), ("infin", "∞"),
    ("iquest", "¿"), ("iuml", "ï"), ("lambda", "λ"), ("laquo", "«"), ("larr", "←"), ("ldquo", "“"),
    ("le", "≤"), ("lrm", "\u{200e}"), ("lsaquo", "‹"), ("lsquo", "‘"), ("lt", "<"), ("macr", "¯"),
    ("mdash", "—"), ("micro", "µ"), ("middot", "·"), ("minus", "−"), ("mu", "μ"), ("nbsp", "\u{a0}"),
    ("ndash", "–"), ("ne", "≠"), ("not", "¬"), ("ntilde", "ñ"), ("oacute", "ó"), ("ocirc", "ô"),
    ("oelig", "œ"), ("ograve", "ò"), ("omega", "ω"), ("ordf", "ª"), ("ordm", "º"), ("oslash", "ø"),
    ("otilde", "õ"), ("ouml", "ö"), ("para", "¶"), ("permil", "‰"), ("pi", "π"), ("plusmn", "±"),
    ("pound", "£"), ("prime", "′"), ("quot", "\""), ("raquo", "»"), ("rarr", "→"), ("rdquo", "”"),
    ("reg", "®"), ("rlm", "\u{200f}"), ("rsaquo", "›"), ("rsquo", "’"), ("sbquo", "‚"), ("scaron", "š"),
    ("sect", "§"), ("shy", "\u{ad}"), ("sigma", "σ"), ("sup1", "¹"), ("sup2", "²"), ("sup3", "³"),
    ("szlig", "ß"), ("thetasym", "ϑ"), ("thinsp", "\u{2009}"), ("thorn", "þ"), ("tilde", "˜"),
    ("times", "×"), ("trade", "™"), ("uacute", "ú"), ("uarr", "↑"), ("ucirc", "û"), ("ugrave", "ù"),
    ("uml", "¨"), ("uuml", "ü"), ("yacute", "ý"), ("yen", "¥"), ("yuml", "ÿ"), ("zwj", "\u{200d}"),
    ("zwnj", "\u{200c}"),
];

/// Names browsers also decode without the closing `;` (the legacy Latin-1 set, in part).
pub static LEGACY_WITHOUT_SEMICOLON: &[&str] = &["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"];

/// Looks up a named reference (without `&` and `;`).
pub fn lookup(name: &str) -> Option<&'static str> {
    NAMED
        .binary_search_by(|(n, _)| n.cmp(&name))
        .ok()
        .map(|i| NAMED[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        for pair in NAMED.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} !< {}", pair[0].0, pair[1].0);
        }
    }

    #[test]
    fn finds_vietnamese_latin1_letters() {
        assert_eq!(lookup("agrave"), Some("à"));
        assert_eq!(lookup("Ecirc"), Some("Ê"));
        assert_eq!(lookup("nbsp"), Some("\u{a0}"));
        assert_eq!(lookup("nope"), None);
    }
}
