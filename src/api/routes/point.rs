//! GET /api/coverage/point: what covers a place.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use super::Params;
use crate::api::{ApiError, AppState};

/// The point query at `lat`, `lon` (WGS 84 degrees): a `PointReport` as JSON, with every
/// candidate site unless `sites=none`.
pub async fn point(State(state): State<AppState>, q: Params) -> Result<Response, ApiError> {
    let lat = coordinate(&q, "lat", 90.0)?;
    let lon = coordinate(&q, "lon", 180.0)?;
    let with_sites = site_list(&q)?;
    let cur = state.current();
    // The report borrows from this version of the data, so it is serialised here.
    let mut report = cur.engine.point(lon, lat).map_err(ApiError::internal)?;
    if !with_sites {
        report.sites = None;
    }
    Ok(Json(&report).into_response())
}

/// `sites=all` (the default) lists every candidate site; `sites=none` leaves the list out,
/// a third of the bytes, for clients that only need what covers the place.
fn site_list(q: &Params) -> Result<bool, ApiError> {
    match q.get("sites").map(|v| v.trim()) {
        None | Some("all") => Ok(true),
        Some("none") => Ok(false),
        Some(other) => Err(ApiError::BadRequest(format!(
            "sites must be \"all\" or \"none\", got {other:?}"
        ))),
    }
}

fn coordinate(q: &Params, name: &str, limit: f64) -> Result<f64, ApiError> {
    let raw = q
        .get(name)
        .ok_or_else(|| ApiError::BadRequest(format!("missing query parameter {name}")))?;
    raw.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && v.abs() <= limit)
        .ok_or_else(|| {
            ApiError::BadRequest(format!(
                "{name} must be a number of degrees within ±{limit}, got {raw:?}"
            ))
        })
}
