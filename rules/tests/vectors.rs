//! Runs the shared test vectors (`vectors.json`) against the rules, with and without NFC.

use article_viewer_rules::{clean, Field};
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

/// The vectors file, shared with the server's and the viewer's tests.
const VECTORS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/vectors.json"));

/// The outcome code of a check (`ok` or the error's code).
fn outcome(r: Result<(), article_viewer_rules::RuleError>) -> &'static str {
    match r {
        Ok(()) => "ok",
        Err(e) => e.code(),
    }
}

#[test]
fn shared_vectors_hold_with_and_without_nfc() {
    let doc: Value = serde_json::from_str(VECTORS).unwrap();
    let vectors = doc["vectors"].as_array().unwrap();
    assert!(vectors.len() >= 40, "vectors file looks truncated");
    let mut failures = Vec::new();
    for v in vectors {
        let name = v["name"].as_str().unwrap();
        let field = Field::from_name(v["field"].as_str().unwrap()).unwrap();
        let repeat = v["repeat"].as_u64().unwrap_or(1) as usize;
        let input = v["input"].as_str().unwrap().repeat(repeat);
        let cleaned = clean(&input, field.keeps_newlines());
        let nfc: String = cleaned.nfc().collect();
        let got_nfc = outcome(field.check(&nfc));
        let got_raw = outcome(field.check(&cleaned));
        if got_nfc != v["expect_nfc"] || got_raw != v["expect_raw"] {
            failures.push(format!(
                "{name}: nfc {got_nfc} (want {}), raw {got_raw} (want {})",
                v["expect_nfc"], v["expect_raw"]
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn decomposed_vietnamese_at_exactly_the_limit_is_accepted_only_after_nfc() {
    // "Người dân " typed decomposed: 10 characters after NFC, 15 code points before.
    let unit = "Ngu\u{31b}o\u{31b}\u{300}i da\u{302}n ";
    let text = format!(
        "{}Ngu\u{31b}o\u{31b}\u{300}i Vie\u{323}\u{302}t",
        unit.repeat(199)
    );
    let nfc: String = clean(&text, true).nfc().collect();
    assert_eq!(nfc.chars().count(), 2000);
    assert!(Field::Text.check(&nfc).is_ok());
    assert!(Field::Text.check(&format!("{nfc}!")).is_err());
    assert!(Field::Text.check(&clean(&text, true)).is_err());
}
