//! GET /api/gaps: uncovered polygons with their households and people, as GeoJSON or CSV.

use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;

use super::{Params, bbox, blocking, csv, geojson, in_bbox};
use crate::api::{ApiError, AppState};
use crate::coverage::{Gap, Measure, gaps_geojson};

/// Gaps for `tech` (a measure), for one thôn (`thon`), the thôn meeting `bbox`, or all.
pub async fn gaps(State(state): State<AppState>, q: Params) -> Result<Response, ApiError> {
    let measure: Measure = q
        .get("tech")
        .ok_or_else(|| {
            ApiError::BadRequest(
                "missing query parameter tech (4G, 5G, mobile, fiber or fiber_1g)".into(),
            )
        })?
        .parse()
        .map_err(ApiError::BadRequest)?;
    let b = bbox(&q)?;
    let cur = state.current();
    let chosen: Vec<usize> = match q.get("thon") {
        Some(id) => vec![
            *cur.thon_by_id
                .get(id)
                .ok_or_else(|| ApiError::NotFound(format!("no thôn with id {id:?}")))?,
        ],
        None => (0..cur.dataset().thon.len())
            .filter(|&t| in_bbox(b.as_ref(), &cur.dataset().thon[t].geometry))
            .collect(),
    };
    let as_csv = match q.get("format").map(String::as_str) {
        None | Some("geojson") => false,
        Some("csv") => true,
        Some(other) => {
            return Err(ApiError::BadRequest(format!(
                "format must be geojson or csv, got {other:?}"
            )));
        }
    };
    let gaps = blocking(move || cur.gaps.gaps(&cur.engine, measure, &chosen))
        .await?
        .map_err(|e| ApiError::internal(anyhow::Error::msg(e)))?;
    if as_csv {
        Ok(csv(&format!("gaps-{measure}.csv"), gaps_csv(&gaps)?))
    } else {
        geojson(gaps_geojson(&gaps))
    }
}

fn gaps_csv(gaps: &[Arc<Gap>]) -> Result<Vec<u8>, ApiError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "thon_id",
        "thon_name",
        "measure",
        "area_m2",
        "area_fraction",
        "households",
        "population",
    ])
    .map_err(ApiError::internal)?;
    for g in gaps {
        w.write_record([
            g.thon_id.clone(),
            g.thon_name.clone(),
            g.measure.to_string(),
            format!("{:.1}", g.area_m2),
            format!("{:.4}", g.area_fraction),
            g.households.to_string(),
            format!("{:.1}", g.population),
        ])
        .map_err(ApiError::internal)?;
    }
    w.into_inner().map_err(ApiError::internal)
}
