//! Small JSON helpers: reading typed fields out of parsed JSON with the field's path in every
//! error, and writing flat JSON objects.
//!
//! In the browser the text is parsed by `JSON.parse` and read through `Reflect` (no JSON parser and
//! no value tree in the wasm); natively (tests, tools) by serde_json. The reader below is the same
//! code for both, over the [`Json`] handle. Hand-written instead of `#[derive(Deserialize)]`: the
//! derived code for every type was measured at about a tenth of the wasm.

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

/// A handle on one JSON value: what the reader needs to know of it.
pub trait Json: Clone {
    /// What it is, as a phrase for errors ("text", "a number", …).
    fn kind(&self) -> &'static str;
    /// Whether it is `null`.
    fn is_null(&self) -> bool;
    /// The string, if it is one.
    fn as_text(&self) -> Option<String>;
    /// The boolean, if it is one.
    fn as_bool(&self) -> Option<bool>;
    /// The number, if it is a whole one that fits in an `i64`.
    fn as_i64(&self) -> Option<i64>;
    /// Whether it is an object (not an array, not null).
    fn is_object(&self) -> bool;
    /// The member `key` of an object, if present.
    fn member(&self, key: &str) -> Option<Self>;
    /// The items, if it is an array.
    fn items(&self) -> Option<Vec<Self>>;
    /// The members of an object, in order.
    fn members(&self) -> Vec<(String, Self)>;
}

#[cfg(not(target_arch = "wasm32"))]
impl Json for &serde_json::Value {
    fn kind(&self) -> &'static str {
        use serde_json::Value;
        match self {
            Value::Null => "null",
            Value::Bool(_) => "true/false",
            Value::Number(_) => "a number",
            Value::String(_) => "text",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
        }
    }
    fn is_null(&self) -> bool {
        serde_json::Value::is_null(self)
    }
    fn as_text(&self) -> Option<String> {
        self.as_str().map(str::to_string)
    }
    fn as_bool(&self) -> Option<bool> {
        serde_json::Value::as_bool(self)
    }
    fn as_i64(&self) -> Option<i64> {
        serde_json::Value::as_i64(self)
    }
    fn is_object(&self) -> bool {
        serde_json::Value::is_object(self)
    }
    fn member(&self, key: &str) -> Option<Self> {
        self.as_object()?.get(key)
    }
    fn items(&self) -> Option<Vec<Self>> {
        Some(self.as_array()?.iter().collect())
    }
    fn members(&self) -> Vec<(String, Self)> {
        self.as_object()
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v)).collect())
            .unwrap_or_default()
    }
}

#[cfg(target_arch = "wasm32")]
impl Json for wasm_bindgen::JsValue {
    fn kind(&self) -> &'static str {
        if self.is_null() {
            "null"
        } else if self.as_bool().is_some() {
            "true/false"
        } else if self.as_f64().is_some() {
            "a number"
        } else if self.is_string() {
            "text"
        } else if js_sys::Array::is_array(self) {
            "a list"
        } else {
            "an object"
        }
    }
    fn is_null(&self) -> bool {
        wasm_bindgen::JsValue::is_null(self) || self.is_undefined()
    }
    fn as_text(&self) -> Option<String> {
        self.as_string()
    }
    fn as_bool(&self) -> Option<bool> {
        wasm_bindgen::JsValue::as_bool(self)
    }
    fn as_i64(&self) -> Option<i64> {
        // JSON.parse gives every number as a double: whole ones within 2^53 are integers.
        let n = self.as_f64()?;
        (n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0).then_some(n as i64)
    }
    fn is_object(&self) -> bool {
        self.is_object() && !js_sys::Array::is_array(self)
    }
    fn member(&self, key: &str) -> Option<Self> {
        if !Json::is_object(self) {
            return None;
        }
        let key = wasm_bindgen::JsValue::from_str(key);
        // Own members only: `__proto__`, `constructor` and the like are not article fields.
        let own = js_sys::Object::has_own(self.unchecked_ref::<js_sys::Object>(), &key);
        own.then(|| js_sys::Reflect::get(self, &key).ok()).flatten()
    }
    fn items(&self) -> Option<Vec<Self>> {
        js_sys::Array::is_array(self)
            .then(|| self.unchecked_ref::<js_sys::Array>().iter().collect())
    }
    fn members(&self) -> Vec<(String, Self)> {
        if !Json::is_object(self) {
            return Vec::new();
        }
        js_sys::Object::entries(self.unchecked_ref())
            .iter()
            .filter_map(|pair| {
                let pair = pair.unchecked_into::<js_sys::Array>();
                Some((pair.get(0).as_string()?, pair.get(1)))
            })
            .collect()
    }
}

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::JsCast;

/// The root of a parsed document, as a handle the reader takes.
#[cfg(not(target_arch = "wasm32"))]
pub fn root(doc: &Document) -> &Document {
    doc
}

/// The root of a parsed document, as a handle the reader takes.
#[cfg(target_arch = "wasm32")]
pub fn root(doc: &Document) -> Document {
    doc.clone()
}

/// A field that is missing, of the wrong type or has a wrong value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// Path of the field: `title`, `authors[1].name`.
    pub field: String,
    /// What is wrong, as a phrase: "is required but missing".
    pub problem: String,
}

/// Reads the fields of one JSON object, knowing its path for error messages.
pub struct Obj<V: Json> {
    path: String,
    value: V,
}

impl<V: Json> Obj<V> {
    /// The object at `path` (empty for the root), or an error naming it.
    pub fn new(value: V, path: &str) -> Result<Obj<V>, FieldError> {
        if value.is_object() {
            Ok(Obj {
                path: path.to_string(),
                value,
            })
        } else {
            Err(FieldError {
                field: if path.is_empty() {
                    "(root)".into()
                } else {
                    path.into()
                },
                problem: format!("must be an object, not {}", value.kind()),
            })
        }
    }

    /// The path of `key` in this object.
    pub fn path(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// An error about `key`.
    pub fn error(&self, key: &str, problem: &str) -> FieldError {
        FieldError {
            field: self.path(key),
            problem: problem.to_string(),
        }
    }

    /// The value of `key` unless it is absent or null.
    pub fn get(&self, key: &str) -> Option<V> {
        self.value.member(key).filter(|v| !v.is_null())
    }

    fn typed<T>(
        &self,
        key: &str,
        want: &str,
        f: impl Fn(&V) -> Option<T>,
    ) -> Result<Option<T>, FieldError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => f(&v)
                .map(Some)
                .ok_or_else(|| self.error(key, &format!("must be {want}, not {}", v.kind()))),
        }
    }

    /// A string that may be absent or null.
    pub fn opt_str(&self, key: &str) -> Result<Option<String>, FieldError> {
        self.typed(key, "text", V::as_text)
    }

    /// A string that must be there.
    pub fn str(&self, key: &str) -> Result<String, FieldError> {
        self.opt_str(key)?
            .ok_or_else(|| self.error(key, "is required but missing"))
    }

    /// A boolean that may be absent or null.
    pub fn opt_bool(&self, key: &str) -> Result<Option<bool>, FieldError> {
        self.typed(key, "true or false", V::as_bool)
    }

    /// A whole number that may be absent or null.
    pub fn opt_i64(&self, key: &str) -> Result<Option<i64>, FieldError> {
        self.typed(key, "a whole number", V::as_i64)
    }

    /// A whole number that must be there.
    pub fn i64(&self, key: &str) -> Result<i64, FieldError> {
        self.opt_i64(key)?
            .ok_or_else(|| self.error(key, "is required but missing"))
    }

    /// A non-negative whole number that must be there.
    pub fn u32(&self, key: &str) -> Result<u32, FieldError> {
        let n = self.i64(key)?;
        u32::try_from(n).map_err(|_| self.error(key, "must be a whole number from 0"))
    }

    /// An object that may be absent or null.
    pub fn opt_obj(&self, key: &str) -> Result<Option<Obj<V>>, FieldError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => Obj::new(v, &self.path(key)).map(Some),
        }
    }

    /// A list (absent or null is empty) whose items are read by `item`.
    pub fn list<T>(
        &self,
        key: &str,
        item: impl Fn(V, String) -> Result<T, FieldError>,
    ) -> Result<Vec<T>, FieldError> {
        let Some(v) = self.get(key) else {
            return Ok(Vec::new());
        };
        let Some(items) = v.items() else {
            return Err(self.error(key, &format!("must be a list, not {}", v.kind())));
        };
        items
            .into_iter()
            .enumerate()
            .map(|(i, v)| item(v, format!("{}[{i}]", self.path(key))))
            .collect()
    }

    /// The object's string values (other values are skipped).
    pub fn string_map(&self) -> Vec<(String, String)> {
        self.value
            .members()
            .into_iter()
            .filter_map(|(k, v)| v.as_text().map(|s| (k, s)))
            .collect()
    }
}

/// A string list item.
pub fn str_item<V: Json>(v: V, path: String) -> Result<String, FieldError> {
    v.as_text().ok_or_else(|| FieldError {
        field: path,
        problem: format!("must be text, not {}", v.kind()),
    })
}

/// Writes a JSON string literal (quotes and escapes included).
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A value of a flat JSON object.
pub enum Field<'a> {
    /// A string.
    Str(&'a str),
    /// A whole number.
    Int(i64),
    /// `null`.
    Null,
}

/// Writes a flat JSON object from `(key, value)` pairs.
pub fn object(fields: &[(&str, Field<'_>)]) -> String {
    let mut out = String::from("{");
    for (i, (k, v)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_str(&mut out, k);
        out.push(':');
        match v {
            Field::Str(s) => write_str(&mut out, s),
            Field::Int(n) => out.push_str(&n.to_string()),
            Field::Null => out.push_str("null"),
        }
    }
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_typed_fields_with_paths() {
        let v = parse(r#"{"a":"x","n":3,"o":{"b":true},"l":["p",2],"z":null}"#).unwrap();
        let o = Obj::new(root(&v), "").unwrap();
        assert_eq!(o.str("a").unwrap(), "x");
        assert_eq!(o.opt_str("z").unwrap(), None);
        assert_eq!(
            o.str("missing").unwrap_err().problem,
            "is required but missing"
        );
        assert_eq!(
            o.str("n").unwrap_err().problem,
            "must be text, not a number"
        );
        let inner = o.opt_obj("o").unwrap().unwrap();
        assert_eq!(inner.opt_bool("b").unwrap(), Some(true));
        assert_eq!(inner.str("c").unwrap_err().field, "o.c");
        assert_eq!(o.list("l", str_item).unwrap_err().field, "l[1]");
        assert_eq!(o.u32("n").unwrap(), 3);
    }

    #[test]
    fn writes_objects_that_parse_back() {
        let text = object(&[
            ("s", Field::Str("a \"q\" \\ \n\t\u{1} ạ 😀 </script>")),
            ("n", Field::Int(-42)),
            ("z", Field::Null),
        ]);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["s"], "a \"q\" \\ \n\t\u{1} ạ 😀 </script>");
        assert_eq!(v["n"], -42);
        assert!(v["z"].is_null());
    }
}
