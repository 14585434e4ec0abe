//! Extraction on Mozilla Readability's test pages (tests/fixtures/readability): word-level
//! precision and recall against Readability's expected output, page by page and on average.

use article_viewer_formats::dom::Dom;
use article_viewer_formats::extract::extract_html;
use std::collections::HashMap;
use std::path::Path;

fn words(html_fragment: &str) -> Vec<String> {
    let dom = Dom::parse_fragment(html_fragment);
    dom.text(0)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// (precision, recall) of `got` against `want`, as multisets.
fn pr(got: &[String], want: &[String]) -> (f64, f64) {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for w in want {
        *count.entry(w).or_default() += 1;
    }
    let mut overlap = 0usize;
    for w in got {
        if let Some(c) = count.get_mut(w.as_str()).filter(|c| **c > 0) {
            *c -= 1;
            overlap += 1;
        }
    }
    let p = if got.is_empty() {
        0.0
    } else {
        overlap as f64 / got.len() as f64
    };
    let r = if want.is_empty() {
        1.0
    } else {
        overlap as f64 / want.len() as f64
    };
    (p, r)
}

fn page(name: &str) -> (f64, f64) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/readability")
        .join(name);
    let source = std::fs::read_to_string(dir.join("source.html")).expect("source.html");
    let expected = std::fs::read_to_string(dir.join("expected.html")).expect("expected.html");
    let got = extract_html(&source).map(|e| e.html).unwrap_or_default();
    pr(&words(&got), &words(&expected))
}

#[test]
fn news_and_blog_pages_keep_their_text_and_drop_the_clutter() {
    let pages = [
        "ars-1",
        "bbc-1",
        "cnn",
        "guardian-1",
        "lemonde-1",
        "nytimes-1",
        "wapo-1",
        "wordpress",
        "medium-1",
        "tumblr",
        "heise",
        "ietf-1",
        "lwn-1",
        "salon-1",
        "telegraph",
        "seattletimes-1",
    ];
    let mut sum_f = 0.0;
    let mut checked = 0;
    for name in pages {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/readability")
            .join(name);
        if !dir.exists() {
            continue;
        }
        let (p, r) = page(name);
        assert!(r >= 0.85, "{name}: recall {r:.3}");
        assert!(p >= 0.80, "{name}: precision {p:.3}");
        sum_f += 2.0 * p * r / (p + r);
        checked += 1;
    }
    assert!(checked >= 12, "only {checked} fixture pages found");
    let mean = sum_f / checked as f64;
    assert!(mean >= 0.95, "mean F1 {mean:.3}");
}

#[test]
fn lazy_images_keep_their_real_address() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/readability/lazy-image-3");
    let source = std::fs::read_to_string(dir.join("source.html")).expect("source.html");
    let got = extract_html(&source).map(|e| e.html).unwrap_or_default();
    assert!(got.contains("<img"), "{got}");
    assert!(!got.contains("src=\"data:"), "placeholder kept: {got}");
}

#[test]
fn hidden_nodes_and_scripts_are_not_extracted() {
    for name in [
        "hidden-nodes",
        "remove-script-tags",
        "visibility-hidden",
        "remove-aria-hidden",
    ] {
        let (p, r) = page(name);
        assert!(
            p >= 0.95 && r >= 0.95,
            "{name}: precision {p:.3}, recall {r:.3}"
        );
    }
}
