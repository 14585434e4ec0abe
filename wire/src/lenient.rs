//! [`Lenient`]: a field whose value of the wrong type is kept as "invalid" instead of failing the
//! whole document.

use serde::de::{Deserialize, Deserializer, IgnoredAny};
use serde::ser::{Serialize, Serializer};

/// A field read leniently: absent (or `null`), a value of the expected type, or a value of
/// another type (kept as [`Lenient::Invalid`] so the reader can name it, never an error).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Lenient<T> {
    /// Not in the document, or `null`.
    #[default]
    Absent,
    /// A value of the expected type.
    Valid(T),
    /// A value of another type (left out; the reader says so).
    Invalid,
}

impl<T> Lenient<T> {
    /// `Valid(v)` for `Some(v)`, `Absent` for `None`.
    pub fn from_option(value: Option<T>) -> Lenient<T> {
        value.map_or(Lenient::Absent, Lenient::Valid)
    }

    /// The value, if valid.
    pub fn valid(&self) -> Option<&T> {
        match self {
            Lenient::Valid(v) => Some(v),
            _ => None,
        }
    }

    /// The value, if valid.
    pub fn into_valid(self) -> Option<T> {
        match self {
            Lenient::Valid(v) => Some(v),
            _ => None,
        }
    }

    /// Whether the field was left out (or `null`).
    pub fn is_absent(&self) -> bool {
        matches!(self, Lenient::Absent)
    }

    /// Whether a value of the wrong type was given.
    pub fn is_invalid(&self) -> bool {
        matches!(self, Lenient::Invalid)
    }

    /// Whether there is no valid value (absent or invalid): such a field is not written.
    pub fn is_unset(&self) -> bool {
        !matches!(self, Lenient::Valid(_))
    }
}

impl<T> Lenient<Vec<Lenient<T>>> {
    /// A list of valid items (`Absent` when empty, so an empty list is not written).
    pub fn list(items: Vec<T>) -> Self {
        if items.is_empty() {
            Lenient::Absent
        } else {
            Lenient::Valid(items.into_iter().map(Lenient::Valid).collect())
        }
    }

    /// Adds a valid item.
    pub fn push(&mut self, item: T) {
        match self {
            Lenient::Valid(items) => items.push(Lenient::Valid(item)),
            _ => *self = Lenient::Valid(vec![Lenient::Valid(item)]),
        }
    }
}

impl Lenient<String> {
    /// The text, if valid.
    pub fn as_deref(&self) -> Option<&str> {
        self.valid().map(String::as_str)
    }
}

impl<T> From<T> for Lenient<T> {
    fn from(value: T) -> Self {
        Lenient::Valid(value)
    }
}

/// What a lenient field's value turns out to be: the expected type (or null), or anything else.
#[derive(serde::Deserialize)]
#[serde(untagged, bound = "T: Deserialize<'de>")]
enum Either<T> {
    Expected(Option<T>),
    Other(IgnoredAny),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Either::<T>::deserialize(deserializer)? {
            Either::Expected(Some(v)) => Lenient::Valid(v),
            Either::Expected(None) => Lenient::Absent,
            Either::Other(_) => Lenient::Invalid,
        })
    }
}

impl<T: Serialize> Serialize for Lenient<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Lenient::Valid(v) => v.serialize(serializer),
            _ => serializer.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, serde::Serialize, Debug, PartialEq)]
    struct Probe {
        #[serde(default, skip_serializing_if = "Lenient::is_unset")]
        name: Lenient<String>,
        #[serde(default, skip_serializing_if = "Lenient::is_unset")]
        n: Lenient<u32>,
    }

    fn read(json: &str) -> Probe {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn keeps_valid_values_and_marks_the_rest() {
        assert_eq!(
            read(r#"{"name":"A","n":3}"#).name,
            Lenient::Valid("A".into())
        );
        assert_eq!(read(r#"{"name":"A","n":3}"#).n, Lenient::Valid(3));
        assert_eq!(read(r#"{}"#).name, Lenient::Absent);
        assert_eq!(read(r#"{"name":null}"#).name, Lenient::Absent);
        for bad in [r#"true"#, r#"["A"]"#, r#"{"x":1}"#] {
            let p = read(&format!(r#"{{"name":{bad},"n":{bad}}}"#));
            assert!(p.name.is_invalid() && p.n.is_invalid(), "{bad}");
        }
        assert!(read(r#"{"name":7,"n":"7"}"#).name.is_invalid());
        assert!(read(r#"{"name":7,"n":"7"}"#).n.is_invalid());
        assert!(read(r#"{"n":-1}"#).n.is_invalid());
        assert!(read(r#"{"n":1.5}"#).n.is_invalid());
        assert!(read(r#"{"n":4294967296}"#).n.is_invalid());
    }

    #[test]
    fn writes_only_valid_values() {
        let p = Probe {
            name: "A".to_string().into(),
            n: Lenient::Invalid,
        };
        assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"name":"A"}"#);
    }
}
