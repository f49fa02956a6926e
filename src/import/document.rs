//! A FeatureCollection document: decoding, its CRS, and the per-feature driver every layer uses.

use geo::Geometry;
use rayon::prelude::*;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::geometry::GeometryCheck;
use super::problem::{ImportError, Problem, file_problem};
use super::props::{self, Props};
use super::{Layer, Source};
use crate::crs::{EpsgCode, WGS84};

/// One feature after its geometry passed the checks, handed to a layer's property parser.
pub(crate) struct RawFeature {
    /// The feature's id (from `id`, else `properties.id`), as a string.
    pub id: Option<String>,
    /// Geometry in WGS 84 lon/lat, of a type the layer accepts.
    pub geometry: Geometry<f64>,
    /// The properties object (empty when absent).
    pub props: Props,
}

#[derive(Deserialize)]
struct Document<'a> {
    #[serde(rename = "type")]
    kind: Option<String>,
    #[serde(borrow)]
    features: Option<Vec<&'a RawValue>>,
    crs: Option<serde_json::Value>,
}

/// The good items of a layer with their feature index, and the other features' problems.
pub(crate) type Parsed<T> = (Vec<(usize, T)>, Vec<Problem>);

/// Parses a FeatureCollection and runs `from_feature` on each feature whose geometry is valid.
/// Returns the good items with their feature index and the problems of the other features, so
/// that the layer can add its cross-feature checks (duplicate ids, overlaps) and report every
/// problem at once; a problem with the file as a whole is an error.
pub(crate) fn parse<T: Send>(
    src: Source<'_>,
    layer: Layer,
    from_feature: impl Fn(&RawFeature) -> Result<T, Vec<String>> + Sync,
) -> Result<Parsed<T>, ImportError> {
    let invalid = |reason: String| ImportError::Invalid(vec![file_problem(src.name, reason)]);
    let text = decode_text(src.bytes).map_err(invalid)?;
    let doc = document(text).map_err(invalid)?;
    let features = collection_features(doc.kind.as_deref(), doc.features).map_err(invalid)?;
    let crs = source_crs(doc.crs.as_ref(), src.crs).map_err(invalid)?;
    let check = GeometryCheck::new(layer, crs).map_err(invalid)?;

    // Features are independent: they are read on every core (a province's 400,000 households
    // are most of the time of loading it), and reported in file order.
    let results: Vec<_> = features
        .into_par_iter()
        .map(|raw| feature(raw, &check, &from_feature))
        .collect();
    let mut items = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    for (index, result) in results.into_iter().enumerate() {
        match result {
            Ok(item) => items.push((index, item)),
            Err((id, reasons)) => problems.extend(reasons.into_iter().map(|reason| Problem {
                file: src.name.to_string(),
                feature: Some(index),
                id: id.clone(),
                reason,
            })),
        }
    }
    Ok((items, problems))
}

/// The top-level object. serde reads a struct from a JSON array of its fields as well, so
/// `["FeatureCollection", [...], null]` would pass for a collection: anything but an object is
/// refused first (valid JSON that is not GeoJSON, or not JSON at all).
fn document(text: &str) -> Result<Document<'_>, String> {
    // Valid JSON of the wrong shape (`"type": 7`, `"features": {}`) is a data error: saying
    // "not valid JSON" about it would send the user looking for a syntax error.
    let not_json = |e: serde_json::Error| {
        if e.is_data() {
            format!("not GeoJSON: {e}")
        } else {
            format!("not valid JSON: {e}")
        }
    };
    if !text.trim_start().starts_with('{') {
        serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(not_json)?;
        return Err(
            "not GeoJSON: the top level is not an object (expected a FeatureCollection)".into(),
        );
    }
    serde_json::from_str(text).map_err(not_json)
}

/// UTF-8 text without its byte-order mark: RFC 8259 §8.1 lets a parser ignore one, and
/// spreadsheet tools on Windows often write it, so we accept it rather than refuse the file.
fn decode_text(bytes: &[u8]) -> Result<&str, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err("the file is empty".into());
    }
    std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8 text: {e}"))
}

fn collection_features<'a>(
    kind: Option<&str>,
    features: Option<Vec<&'a RawValue>>,
) -> Result<Vec<&'a RawValue>, String> {
    match (kind, features) {
        (Some("FeatureCollection"), Some(f)) if f.is_empty() => {
            Err("the FeatureCollection has no features".into())
        }
        (Some("FeatureCollection"), Some(f)) => Ok(f),
        (Some("FeatureCollection"), None) => {
            Err("the FeatureCollection has no \"features\" array".into())
        }
        (Some(other), _) => Err(format!(
            "expected a GeoJSON FeatureCollection, found type {other:?}"
        )),
        (None, _) => {
            Err("not GeoJSON: the top-level object has no \"type\": \"FeatureCollection\"".into())
        }
    }
}

/// The file's CRS: the legacy `crs` member (GeoJSON 2008), else the user's, else WGS 84.
/// A file that names a CRS different from the user's is refused rather than guessed at.
fn source_crs(
    member: Option<&serde_json::Value>,
    user: Option<EpsgCode>,
) -> Result<EpsgCode, String> {
    let declared = match member {
        None | Some(serde_json::Value::Null) => None,
        Some(v) => Some(crs_member(v)?),
    };
    match (declared, user) {
        (Some(d), Some(u)) if d != u => Err(format!(
            "the file declares {d} in its \"crs\" member but {u} was given; remove one"
        )),
        (Some(d), _) => Ok(d),
        (None, Some(u)) => Ok(u),
        (None, None) => Ok(WGS84),
    }
}

fn crs_member(v: &serde_json::Value) -> Result<EpsgCode, String> {
    let name = v
        .pointer("/properties/name")
        .and_then(|n| n.as_str())
        .ok_or_else(|| format!("the \"crs\" member {v} has no properties.name"))?;
    name.parse::<EpsgCode>()
        .map_err(|e| format!("the \"crs\" member: {e}"))
}

type FeatureFailure = (Option<String>, Vec<String>);

fn feature<T>(
    raw: &RawValue,
    check: &GeometryCheck,
    from_feature: &impl Fn(&RawFeature) -> Result<T, Vec<String>>,
) -> Result<T, FeatureFailure> {
    let f: geojson::Feature = serde_json::from_str(raw.get()).map_err(|e| {
        (
            loose_id(raw),
            vec![format!("not a valid GeoJSON Feature: {e}")],
        )
    })?;
    let props = f.properties.unwrap_or_default();
    let id = props::feature_id(f.id.as_ref(), &props).map_err(|r| (None, vec![r]))?;
    let fail = |reasons: Vec<String>| (id.clone(), reasons);
    let Some(geom) = f.geometry else {
        return Err(fail(vec!["the feature has no geometry".into()]));
    };
    let geometry = check.run(&geom.value).map_err(fail)?;
    let raw = RawFeature {
        id: id.clone(),
        geometry,
        props,
    };
    from_feature(&raw).map_err(fail)
}

/// Just the ids of a feature, every other member skipped unread.
#[derive(Deserialize)]
struct LooseFeature {
    id: Option<serde_json::Value>,
    properties: Option<LooseProps>,
}

#[derive(Deserialize)]
struct LooseProps {
    id: Option<serde_json::Value>,
}

/// The id of a feature that geojson could not read (a one-number position, a number beyond
/// f64), when its JSON still shows one, so that the problem names the feature by id too.
fn loose_id(raw: &RawValue) -> Option<String> {
    let f: LooseFeature = serde_json::from_str(raw.get()).ok()?;
    let id =
        f.id.filter(|v| !v.is_null())
            .or(f.properties.and_then(|p| p.id))?;
    let props = Props::from_iter([("id".to_string(), id)]);
    props::feature_id(None, &props).ok().flatten()
}
