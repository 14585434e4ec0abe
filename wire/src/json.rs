//! JSON text in and out of the wire types, for the viewer and the moderation page alike.
//!
//! In the browser the text is parsed by `JSON.parse` and the types are read from (and written to)
//! JavaScript values by `serde-wasm-bindgen`: no JSON parser in the wasm (measured against
//! `serde_json`: 14.3 KB brotli against 22.6 KB on the viewer's critical path, README
//! "Dependencies"). Natively (the server, tools, tests) `serde_json` does both.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// A parsed JSON document: `JSON.parse`'s result in the browser, a `serde_json::Value` elsewhere.
#[cfg(target_arch = "wasm32")]
pub type Document = wasm_bindgen::JsValue;
/// A parsed JSON document: `JSON.parse`'s result in the browser, a `serde_json::Value` elsewhere.
#[cfg(not(target_arch = "wasm32"))]
pub type Document = serde_json::Value;

/// Parses JSON text; the error is the parser's own message.
pub fn parse(text: &str) -> Result<Document, String> {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::JSON::parse(text).map_err(|e| {
            js_sys::Reflect::get(&e, &wasm_bindgen::JsValue::from_str("message"))
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_else(|| "not JSON".to_string())
        })
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

/// Reads a typed value out of a parsed document; the error is serde's message.
pub fn read<T: DeserializeOwned>(doc: &Document) -> Result<T, String> {
    #[cfg(target_arch = "wasm32")]
    {
        serde_wasm_bindgen::from_value(doc.clone()).map_err(|e| e.to_string())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        T::deserialize(doc).map_err(|e| e.to_string())
    }
}

/// Parses JSON text as a typed value; the error is the parser's or serde's message.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    read(&parse(text)?)
}

/// Writes a value as JSON text (maps as objects, `None` as `null`).
pub fn to_string<T: Serialize>(value: &T) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        value
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .ok()
            .and_then(|v| js_sys::JSON::stringify(&v).ok())
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        serde_json::to_string(value).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct Probe {
        s: String,
        n: i64,
        z: Option<u32>,
    }

    #[test]
    fn writes_what_it_reads() {
        let p = Probe {
            s: "a \"q\" \\ \n\t\u{1} ạ 😀 </script>".into(),
            n: -42,
            z: None,
        };
        let text = to_string(&p);
        assert_eq!(from_str::<Probe>(&text).unwrap(), p);
        assert!(text.contains("\"z\":null"), "{text}");
        assert!(from_str::<Probe>("{\"s\":1}").is_err());
        assert!(from_str::<Probe>("<html>").is_err());
    }
}
