//! Prints, as one JSON object, the body this crate extracts from every `source.html` under a
//! directory (default `tests/fixtures/readability`): `{ "page-name": "<p>…</p>", … }`.
//! Used by `bench/extract-f1.mjs`.

use article_viewer_formats::extract::extract_html;
use std::fs;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tests/fixtures/readability".to_string());
    let mut out = serde_json::Map::new();
    let mut names: Vec<_> = fs::read_dir(&dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("source.html").exists())
        .collect();
    names.sort();
    for page in names {
        let html = fs::read_to_string(page.join("source.html"))?;
        let body = extract_html(&html).map(|e| e.html).unwrap_or_default();
        let name = page
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.insert(name, serde_json::Value::String(body));
    }
    println!("{}", serde_json::Value::Object(out));
    Ok(())
}
