//! Reading real-world JSON leniently: optional fields of the wrong type are dropped with a
//! warning; required ones fail with a typed error naming the field.

use crate::error::ConvertError;
use serde_json::Value;

/// Describes a JSON value's type for messages (`a number`, `an object`, …).
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Joins a path and a key (`items[0]` + `title` → `items[0].title`).
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Collects warnings while fields are read.
#[derive(Debug, Default)]
pub struct Warnings(pub Vec<String>);

impl Warnings {
    /// Records that `field` was dropped because it is `v` where `want` was expected.
    pub fn wrong_type(&mut self, field: &str, want: &str, v: &Value) {
        self.0.push(format!(
            "field `{field}`: must be {want}, not {}; ignored",
            kind(v)
        ));
    }

    /// Records a free-form note about `field`.
    pub fn note(&mut self, field: &str, what: &str) {
        self.0.push(format!("field `{field}`: {what}"));
    }

    /// An optional text field: absent, `null` or blank is `None`; another type warns.
    pub fn opt_str(&mut self, obj: &Value, path: &str, key: &str) -> Option<String> {
        match obj.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
            Some(v) => {
                self.wrong_type(&join(path, key), "text", v);
                None
            }
        }
    }

    /// An optional object field; another type warns.
    pub fn opt_obj<'v>(&mut self, obj: &'v Value, path: &str, key: &str) -> Option<&'v Value> {
        match obj.get(key) {
            None | Some(Value::Null) => None,
            Some(v @ Value::Object(_)) => Some(v),
            Some(v) => {
                self.wrong_type(&join(path, key), "an object", v);
                None
            }
        }
    }

    /// An optional list field; another type warns.
    pub fn opt_list<'v>(&mut self, obj: &'v Value, path: &str, key: &str) -> &'v [Value] {
        match obj.get(key) {
            None | Some(Value::Null) => &[],
            Some(Value::Array(items)) => items,
            Some(v) => {
                self.wrong_type(&join(path, key), "a list", v);
                &[]
            }
        }
    }

    /// A list of text: items of another type are dropped with a warning.
    pub fn str_list(&mut self, obj: &Value, path: &str, key: &str) -> Vec<String> {
        let field = join(path, key);
        let mut out = Vec::new();
        for (i, v) in self.opt_list(obj, path, key).iter().enumerate() {
            match v {
                Value::String(s) if !s.trim().is_empty() => out.push(s.trim().to_string()),
                Value::String(_) => {}
                v => self.wrong_type(&format!("{field}[{i}]"), "text", v),
            }
        }
        out
    }
}

/// A required text field.
pub fn req_str(obj: &Value, path: &str, key: &str) -> Result<String, ConvertError> {
    let field = join(path, key);
    match obj.get(key) {
        None | Some(Value::Null) => Err(ConvertError::field(field, "is required but missing")),
        Some(Value::String(s)) if s.trim().is_empty() => {
            Err(ConvertError::field(field, "is required but empty"))
        }
        Some(Value::String(s)) => Ok(s.clone()),
        Some(v) => Err(ConvertError::field(
            field,
            format!("must be text, not {}", kind(v)),
        )),
    }
}

/// A required object field.
pub fn req_obj<'v>(obj: &'v Value, path: &str, key: &str) -> Result<&'v Value, ConvertError> {
    let field = join(path, key);
    match obj.get(key) {
        None | Some(Value::Null) => Err(ConvertError::field(field, "is required but missing")),
        Some(v @ Value::Object(_)) => Ok(v),
        Some(v) => Err(ConvertError::field(
            field,
            format!("must be an object, not {}", kind(v)),
        )),
    }
}

/// Parses JSON text.
pub fn parse_json(text: &str) -> Result<Value, ConvertError> {
    serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| ConvertError::NotJson(e.to_string()))
}
