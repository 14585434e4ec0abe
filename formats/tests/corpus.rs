//! Issue 20: real article pages nobody here picked (formats/tests/corpus-scrapinghub, 60 pages of
//! Zyte's article extraction benchmark) all show: none is refused, the viewer reads every result,
//! and the body holds most of each page's hand-checked text.

use article_viewer_formats::{convert, Options};
use flate2::read::GzDecoder;
use serde_json::Value;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// F1 of `got` against `want`, as multisets of words.
fn f1(got: &[String], want: &[String]) -> f64 {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for w in want {
        *count.entry(w).or_default() += 1;
    }
    let overlap = got
        .iter()
        .filter(|w| {
            count
                .get_mut(w.as_str())
                .filter(|c| **c > 0)
                .map(|c| *c -= 1)
                .is_some()
        })
        .count() as f64;
    let (p, r) = (
        overlap / got.len().max(1) as f64,
        overlap / want.len().max(1) as f64,
    );
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

#[test]
fn every_real_news_page_of_the_second_corpus_shows_its_body() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus-scrapinghub");
    let truth: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("ground-truth.json")).unwrap())
            .unwrap();
    let truth = truth.as_object().unwrap();
    assert_eq!(truth.len(), 60);
    let mut sum = 0.0;
    for (name, entry) in truth {
        let mut html = String::new();
        let gz = std::fs::File::open(dir.join("html").join(format!("{name}.html.gz"))).unwrap();
        GzDecoder::new(gz).read_to_string(&mut html).unwrap();
        let url = entry["url"].as_str().unwrap();
        let c = convert(
            &html,
            &Options {
                url,
                ..Options::default()
            },
        )
        .unwrap_or_else(|e| panic!("{url} refused: {e}"));
        let a = article_viewer::article::parse(&c.article_json)
            .unwrap_or_else(|e| panic!("{url}: the viewer refuses it: {e}"));
        let body = article_viewer_formats::dom::html_to_text(&a.content_html);
        let f = f1(
            &words(&body),
            &words(entry["articleBody"].as_str().unwrap()),
        );
        assert!(f >= 0.5, "{url}: F1 {f:.3}");
        sum += f;
    }
    let mean = sum / truth.len() as f64;
    assert!(mean >= 0.96, "mean F1 {mean:.3}");
}
