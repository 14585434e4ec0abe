//! JSON in and out of the viewer's serde types: the wire crate's reader and writer
//! (`serde-wasm-bindgen` over `JSON.parse` in the browser, `serde_json` natively).

pub use article_viewer_wire::json::{from_str, parse, read, to_string, Document};
