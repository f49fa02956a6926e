//! GET /api/sites, /api/fiber and /api/households: the layers, filtered.

use axum::extract::State;
use axum::response::Response;

use super::{Params, bbox, geojson, in_bbox};
use crate::api::{ApiError, AppState};
use crate::coverage::Measure;
use crate::domain::Tech;
use crate::export;

/// Sites, optionally by operator, technology and box.
pub async fn sites(State(state): State<AppState>, q: Params) -> Result<Response, ApiError> {
    let cur = state.current();
    let b = bbox(&q)?;
    let tech = q
        .get("tech")
        .map(|t| {
            t.parse::<Tech>()
                .map_err(|e| ApiError::BadRequest(e.to_string()))
        })
        .transpose()?;
    let operator = q.get("operator");
    let chosen: Vec<_> = cur
        .dataset()
        .sites
        .iter()
        .filter(|s| operator.is_none_or(|o| &s.operator == o))
        .filter(|s| tech.is_none_or(|t| s.has(t)))
        .filter(|s| in_bbox(b.as_ref(), &s.location))
        .cloned()
        .collect();
    geojson(export::sites_collection(&chosen))
}

/// Fiber routes, optionally by operator and box.
pub async fn fiber(State(state): State<AppState>, q: Params) -> Result<Response, ApiError> {
    let cur = state.current();
    let b = bbox(&q)?;
    let operator = q.get("operator");
    let chosen: Vec<_> = cur
        .dataset()
        .fiber
        .iter()
        .filter(|f| operator.is_none_or(|o| &f.operator == o))
        .filter(|f| in_bbox(b.as_ref(), &f.geometry))
        .cloned()
        .collect();
    geojson(export::fiber_collection(&chosen))
}

/// Households with the thôn they belong to, the people they stand for and what covers them.
pub async fn households(State(state): State<AppState>, q: Params) -> Result<Response, ApiError> {
    let cur = state.current();
    let b = bbox(&q)?;
    let snap = &cur.engine.snapshot;
    let features = snap
        .dataset
        .households
        .iter()
        .zip(snap.households.iter())
        .zip(cur.engine.household_cover.iter())
        .filter(|((h, _), _)| in_bbox(b.as_ref(), &h.location))
        .map(|((h, hm), cover)| {
            let covered: serde_json::Map<String, serde_json::Value> = Measure::ALL
                .iter()
                .map(|m| (m.as_str().to_string(), cover.covered(*m).into()))
                .collect();
            let mut props = serde_json::Map::new();
            if let Some(id) = &h.id {
                props.insert("id".into(), id.clone().into());
            }
            props.insert(
                "people".into(),
                ((hm.people * 100.0).round() / 100.0).into(),
            );
            props.insert(
                "thon_id".into(),
                hm.thon.map(|t| snap.dataset.thon[t].id.clone()).into(),
            );
            props.insert("covered".into(), covered.into());
            geojson::Feature {
                geometry: Some(geojson::Geometry::from(&h.location)),
                properties: Some(props),
                ..Default::default()
            }
        })
        .collect();
    geojson(geojson::FeatureCollection {
        features,
        bbox: None,
        foreign_members: None,
    })
}
