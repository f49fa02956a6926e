//! GET /api/thon and /api/thon/{id}: boundaries with their figures.

use axum::extract::{Path, State};
use axum::response::Response;

use super::geojson;
use crate::api::{ApiError, AppState, Current};

/// Every thôn as a Feature with its figures.
pub async fn list(State(state): State<AppState>) -> Result<Response, ApiError> {
    let cur = state.current();
    let features: Vec<geojson::Feature> = (0..cur.stats.thon.len())
        .map(|t| feature(&cur, t))
        .collect::<Result<_, _>>()?;
    geojson(geojson::FeatureCollection {
        features,
        bbox: None,
        foreign_members: None,
    })
}

/// One thôn.
pub async fn one(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let cur = state.current();
    let t = *cur
        .thon_by_id
        .get(&id)
        .ok_or_else(|| ApiError::NotFound(format!("no thôn with id {id:?}")))?;
    geojson(feature(&cur, t)?)
}

fn feature(cur: &Current, t: usize) -> Result<geojson::Feature, ApiError> {
    let th = &cur.dataset().thon[t];
    let props = match serde_json::to_value(&cur.stats.thon[t]).map_err(ApiError::internal)? {
        serde_json::Value::Object(mut o) => {
            o.insert("clutter".into(), th.clutter.as_str().into());
            o
        }
        _ => {
            return Err(ApiError::internal(anyhow::anyhow!(
                "thôn figures are not an object"
            )));
        }
    };
    Ok(geojson::Feature {
        id: Some(geojson::feature::Id::String(th.id.clone())),
        geometry: Some(geojson::Geometry::from(&th.geometry)),
        properties: Some(props),
        ..Default::default()
    })
}
