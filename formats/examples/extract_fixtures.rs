//! Prints, as one JSON object, the body this crate gives for every page of a corpus, read through
//! the whole HTML conversion (`convert`, so a refused page shows as refused, not as a body):
//! `{ "pages": { "name": "<p>…</p>", … }, "refused": { "name": "why", … } }`. Used by
//! `bench/extract-f1.mjs`. Two layouts are read:
//! - Mozilla Readability's test pages (default `tests/fixtures/readability`): `NAME/source.html`;
//! - the second corpus (`formats/tests/corpus-scrapinghub`): `html/NAME.html.gz` with the page's
//!   address in `ground-truth.json`.

use article_viewer_formats::{convert, Options};
use flate2::read::GzDecoder;
use serde_json::{Map, Value};
use std::fs;
use std::io::Read;
use std::path::Path;

/// A page of a corpus: its name, its address and its HTML.
type Page = (String, String, String);

/// The pages of a corpus.
fn pages(dir: &Path) -> Result<Vec<Page>, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    let truth = dir.join("ground-truth.json");
    if truth.exists() {
        let truth: Value = serde_json::from_str(&fs::read_to_string(truth)?)?;
        for (name, entry) in truth.as_object().into_iter().flatten() {
            let mut html = String::new();
            let gz = fs::File::open(dir.join("html").join(format!("{name}.html.gz")))?;
            GzDecoder::new(gz).read_to_string(&mut html)?;
            let url = entry["url"]
                .as_str()
                .unwrap_or("http://fakehost/")
                .to_string();
            out.push((name.clone(), url, html));
        }
    } else {
        for entry in fs::read_dir(dir)?.filter_map(Result::ok) {
            let source = entry.path().join("source.html");
            if source.exists() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let url = "http://fakehost/test/page.html".to_string();
                out.push((name, url, fs::read_to_string(source)?));
            }
        }
    }
    out.sort();
    Ok(out)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tests/fixtures/readability".to_string());
    let (mut bodies, mut refused) = (Map::new(), Map::new());
    for (name, url, html) in pages(Path::new(&dir))? {
        let o = Options {
            url: &url,
            format: Some("html"),
            ..Options::default()
        };
        match convert(&html, &o) {
            Ok(c) => {
                let a: Value = serde_json::from_str(&c.article_json)?;
                bodies.insert(name, a["content_html"].clone());
            }
            Err(e) => {
                refused.insert(name, Value::String(e.to_string()));
            }
        }
    }
    let out = serde_json::json!({ "pages": bodies, "refused": refused });
    println!("{out}");
    Ok(())
}
