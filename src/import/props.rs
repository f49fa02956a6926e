//! Reading typed properties, with a reason a person can act on for each bad one.

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

/// A feature's properties object.
pub(crate) type Props = serde_json::Map<String, Value>;

/// Collects every reason a feature is bad, so that all of them are reported at once.
#[derive(Default)]
pub(crate) struct Reasons(Vec<String>);

impl Reasons {
    /// Keeps the value, or records why there is none.
    pub(crate) fn take<T>(&mut self, r: Result<T, String>) -> Option<T> {
        r.map_err(|e| self.0.push(e)).ok()
    }

    /// Records a reason.
    pub(crate) fn push(&mut self, reason: String) {
        self.0.push(reason);
    }

    /// Builds the item if nothing was recorded.
    pub(crate) fn finish<T>(self, build: impl FnOnce() -> Option<T>) -> Result<T, Vec<String>> {
        match (self.0.is_empty(), build()) {
            (true, Some(t)) => Ok(t),
            (true, None) => Err(vec!["invalid feature".into()]),
            (false, _) => Err(self.0),
        }
    }
}

/// The feature id from the Feature's `id`, else `properties.id`: a string, or an integer read
/// as its decimal string (users' tools write both).
pub(crate) fn feature_id(
    id: Option<&geojson::feature::Id>,
    props: &Props,
) -> Result<Option<String>, String> {
    match id {
        Some(geojson::feature::Id::String(s)) => non_empty_id(s),
        Some(geojson::feature::Id::Number(n)) => integer_id(n),
        None => match props.get("id") {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => non_empty_id(s),
            Some(Value::Number(n)) => integer_id(n),
            Some(other) => Err(format!("id must be a string or an integer, found {other}")),
        },
    }
}

fn non_empty_id(s: &str) -> Result<Option<String>, String> {
    let s = nfc(s);
    if s.is_empty() {
        Err("id is empty".into())
    } else {
        Ok(Some(s))
    }
}

fn integer_id(n: &serde_json::Number) -> Result<Option<String>, String> {
    if n.is_i64() || n.is_u64() {
        Ok(Some(n.to_string()))
    } else {
        Err(format!("id must be a string or an integer, found {n}"))
    }
}

/// Trimmed NFC text: decomposed diacritics break search and sorting.
pub(crate) fn nfc(s: &str) -> String {
    s.trim().nfc().collect()
}

/// A required, non-empty string property.
pub(crate) fn required_str(props: &Props, key: &str) -> Result<String, String> {
    optional_str(props, key)?.ok_or_else(|| format!("missing property {key:?}"))
}

/// An optional string property; empty counts as missing.
pub(crate) fn optional_str(props: &Props, key: &str) -> Result<Option<String>, String> {
    match props.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(nfc(s)).filter(|s| !s.is_empty())),
        Some(other) => Err(format!("property {key:?} must be a string, found {other}")),
    }
}

/// A number for a message: as written at ordinary magnitudes, in exponent form from 1e15 on,
/// so that a value such as 1e300 does not print as 301 digits.
pub(crate) fn shown(v: f64) -> String {
    if v.abs() < 1e15 {
        v.to_string()
    } else {
        format!("{v:e}")
    }
}

/// A required whole number ≥ 0 (12.0 is read as 12).
pub(crate) fn required_count(props: &Props, key: &str) -> Result<u64, String> {
    let v = optional_number(props, key)?.ok_or_else(|| format!("missing property {key:?}"))?;
    if v < 0.0 {
        Err(format!("property {key:?} is negative ({})", shown(v)))
    } else if v.fract() != 0.0 || v > 9.0e15 {
        Err(format!(
            "property {key:?} must be a whole number, found {}",
            shown(v)
        ))
    } else {
        Ok(v as u64)
    }
}

/// An optional finite number.
pub(crate) fn optional_number(props: &Props, key: &str) -> Result<Option<f64>, String> {
    match props.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_f64()
            .filter(|v| v.is_finite())
            .map(Some)
            .ok_or_else(|| format!("property {key:?} is not a finite number")),
        Some(other) => Err(format!("property {key:?} must be a number, found {other}")),
    }
}

/// An optional number that must lie in `[lo, hi]` (or `(lo, hi]` when `lo_open`).
pub(crate) fn optional_in_range(
    props: &Props,
    key: &str,
    lo: f64,
    hi: f64,
    lo_open: bool,
) -> Result<Option<f64>, String> {
    let Some(v) = optional_number(props, key)? else {
        return Ok(None);
    };
    let above = if lo_open { v > lo } else { v >= lo };
    if above && v <= hi {
        Ok(Some(v))
    } else {
        let open = if lo_open { "(" } else { "[" };
        Err(format!(
            "property {key:?} = {} is outside {open}{lo}, {hi}]",
            shown(v)
        ))
    }
}
