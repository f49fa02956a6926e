//! The route handlers: parse, call the engine, shape the answer.

pub mod gaps;
pub mod history;
pub mod layers;
pub mod point;
pub mod summary;
pub mod thon;
pub mod upload;

use std::collections::HashMap;

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use geo::Rect;

use super::ApiError;

/// Query parameters, read by hand so that a bad one gets our problem+json error.
pub type Params = axum::extract::Query<HashMap<String, String>>;

/// A GeoJSON response (RFC 7946 media type).
pub fn geojson(body: impl serde::Serialize) -> Result<Response, ApiError> {
    let bytes = serde_json::to_vec(&body).map_err(ApiError::internal)?;
    let mut resp = bytes.into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/geo+json"),
    );
    Ok(resp)
}

/// A CSV response offered as a download. It starts with a UTF-8 byte-order mark, without
/// which Excel reads the file as ANSI and garbles the diacritics.
pub fn csv(filename: &str, body: Vec<u8>) -> Response {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(body);
    let mut resp = bytes.into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    resp
}

/// `bbox=minLon,minLat,maxLon,maxLat` in WGS 84, if given.
pub fn bbox(params: &HashMap<String, String>) -> Result<Option<Rect<f64>>, ApiError> {
    let Some(raw) = params.get("bbox") else {
        return Ok(None);
    };
    let bad = || {
        ApiError::BadRequest(format!(
            "bbox must be minLon,minLat,maxLon,maxLat in degrees, got {raw:?}"
        ))
    };
    let v: Vec<f64> = raw
        .split(',')
        .map(|s| s.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| bad())?;
    let [w, s, e, n] = v.as_slice() else {
        return Err(bad());
    };
    let ok = v.iter().all(|x| x.is_finite())
        && w <= e
        && s <= n
        && (-180.0..=180.0).contains(w)
        && (-180.0..=180.0).contains(e)
        && (-90.0..=90.0).contains(s)
        && (-90.0..=90.0).contains(n);
    if !ok {
        return Err(bad());
    }
    Ok(Some(Rect::new((*w, *s), (*e, *n))))
}

/// Does a geometry meet the box (or is there no box)? The box's edge counts as inside.
pub fn in_bbox(b: Option<&Rect<f64>>, g: &impl geo::Intersects<Rect<f64>>) -> bool {
    b.is_none_or(|b| g.intersects(b))
}

/// Runs CPU-bound work off the async runtime.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(ApiError::internal)
}
