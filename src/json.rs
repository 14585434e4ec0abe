//! Small JSON helpers: reading typed fields out of a parsed `serde_json::Value` with the field's
//! path in every error, and writing flat JSON objects.
//!
//! Hand-written instead of `#[derive(Deserialize)]` + `serde_path_to_error`: the derived code for
//! every type was measured at about a tenth of the wasm; this keeps one generic JSON parser.

use serde_json::{Map, Value};

/// Deepest nesting [`parse`] accepts (as serde_json's own limit): deeper input is refused, not a
/// stack overflow.
pub const MAX_DEPTH: usize = 128;

/// Parses JSON text. In the browser through `JSON.parse` (no JSON parser in the wasm), elsewhere
/// through serde_json; the error is the parser's own message.
pub fn parse(text: &str) -> Result<Value, String> {
    #[cfg(target_arch = "wasm32")]
    {
        let js = js_sys::JSON::parse(text).map_err(|e| {
            js_sys::Reflect::get(&e, &wasm_bindgen::JsValue::from_str("message"))
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_else(|| "not JSON".to_string())
        })?;
        from_js(&js, 0)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

/// Converts what `JSON.parse` returned into a `Value`.
#[cfg(target_arch = "wasm32")]
fn from_js(v: &wasm_bindgen::JsValue, depth: usize) -> Result<Value, String> {
    use js_sys::{Array, Object};
    use wasm_bindgen::JsCast;
    if depth > MAX_DEPTH {
        return Err(format!("nested more than {MAX_DEPTH} levels deep"));
    }
    if let Some(s) = v.as_string() {
        return Ok(Value::String(s));
    }
    if let Some(b) = v.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(n) = v.as_f64() {
        // Whole numbers stay whole (ids, counts); JSON.parse gives every number as a double.
        if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
            return Ok(Value::from(n as i64));
        }
        return Ok(serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number));
    }
    if Array::is_array(v) {
        let items = v.unchecked_ref::<Array>();
        return items
            .iter()
            .map(|x| from_js(&x, depth + 1))
            .collect::<Result<_, _>>()
            .map(Value::Array);
    }
    if let Some(o) = v.dyn_ref::<Object>() {
        let mut map = Map::new();
        for entry in Object::entries(o).iter() {
            let pair = entry.unchecked_into::<Array>();
            if let Some(k) = pair.get(0).as_string() {
                map.insert(k, from_js(&pair.get(1), depth + 1)?);
            }
        }
        return Ok(Value::Object(map));
    }
    Ok(Value::Null)
}

/// A field that is missing, of the wrong type or has a wrong value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// Path of the field: `title`, `authors[1].name`.
    pub field: String,
    /// What is wrong, as a phrase: "is required but missing".
    pub problem: String,
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Reads the fields of one JSON object, knowing its path for error messages.
pub struct Obj<'a> {
    path: String,
    map: &'a Map<String, Value>,
}

impl<'a> Obj<'a> {
    /// The object at `path` (empty for the root), or an error naming it.
    pub fn new(value: &'a Value, path: &str) -> Result<Obj<'a>, FieldError> {
        match value.as_object() {
            Some(map) => Ok(Obj {
                path: path.to_string(),
                map,
            }),
            None => Err(FieldError {
                field: if path.is_empty() {
                    "(root)".into()
                } else {
                    path.into()
                },
                problem: format!("must be an object, not {}", kind(value)),
            }),
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
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn typed<T>(
        &self,
        key: &str,
        want: &str,
        f: impl Fn(&'a Value) -> Option<T>,
    ) -> Result<Option<T>, FieldError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => f(v)
                .map(Some)
                .ok_or_else(|| self.error(key, &format!("must be {want}, not {}", kind(v)))),
        }
    }

    /// A string that may be absent or null.
    pub fn opt_str(&self, key: &str) -> Result<Option<String>, FieldError> {
        self.typed(key, "text", |v| v.as_str().map(str::to_string))
    }

    /// A string that must be there.
    pub fn str(&self, key: &str) -> Result<String, FieldError> {
        self.opt_str(key)?
            .ok_or_else(|| self.error(key, "is required but missing"))
    }

    /// A boolean that may be absent or null.
    pub fn opt_bool(&self, key: &str) -> Result<Option<bool>, FieldError> {
        self.typed(key, "true or false", Value::as_bool)
    }

    /// A whole number that may be absent or null.
    pub fn opt_i64(&self, key: &str) -> Result<Option<i64>, FieldError> {
        self.typed(key, "a whole number", Value::as_i64)
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
    pub fn opt_obj(&self, key: &str) -> Result<Option<Obj<'a>>, FieldError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => Obj::new(v, &self.path(key)).map(Some),
        }
    }

    /// A list (absent or null is empty) whose items are read by `item`.
    pub fn list<T>(
        &self,
        key: &str,
        item: impl Fn(&'a Value, String) -> Result<T, FieldError>,
    ) -> Result<Vec<T>, FieldError> {
        let Some(v) = self.get(key) else {
            return Ok(Vec::new());
        };
        let Some(items) = v.as_array() else {
            return Err(self.error(key, &format!("must be a list, not {}", kind(v))));
        };
        items
            .iter()
            .enumerate()
            .map(|(i, v)| item(v, format!("{}[{i}]", self.path(key))))
            .collect()
    }

    /// The object's string values (other values are skipped).
    pub fn string_map(&self) -> Vec<(String, String)> {
        self.map
            .iter()
            .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())))
            .collect()
    }
}

/// A string list item.
pub fn str_item(v: &Value, path: String) -> Result<String, FieldError> {
    v.as_str().map(str::to_string).ok_or_else(|| FieldError {
        field: path,
        problem: format!("must be text, not {}", kind(v)),
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
        let v: Value =
            serde_json::from_str(r#"{"a":"x","n":3,"o":{"b":true},"l":["p",2],"z":null}"#).unwrap();
        let o = Obj::new(&v, "").unwrap();
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
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["s"], "a \"q\" \\ \n\t\u{1} ạ 😀 </script>");
        assert_eq!(v["n"], -42);
        assert!(v["z"].is_null());
    }
}
