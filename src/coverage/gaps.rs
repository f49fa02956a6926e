//! Gap polygons: the uncovered part of each thôn, in WGS 84, with who lives there.

use std::borrow::Borrow;

use geo::{Area, MultiPolygon, Orient, orient::Direction};
use serde::Serialize;

use super::Measure;
use super::engine::Engine;
use crate::crs::{CrsError, WGS84, with_transformer};

/// Gaps smaller than this, m², with no household in them, are numerical slivers, not gaps.
pub const MIN_GAP_M2: f64 = 1.0;

/// The uncovered part of one thôn for one measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    /// Thôn id.
    pub thon_id: String,
    /// Thôn name.
    pub thon_name: String,
    /// The measure.
    pub measure: Measure,
    /// Uncovered area, m².
    pub area_m2: f64,
    /// Uncovered area over the thôn's area.
    pub area_fraction: f64,
    /// Households not covered.
    pub households: u64,
    /// People not covered.
    pub population: f64,
    /// The uncovered part, WGS 84 lon/lat, RFC 7946 winding.
    #[serde(skip)]
    pub geometry: MultiPolygon<f64>,
}

/// Why gaps could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum GapError {
    /// Reprojecting a gap to WGS 84 failed.
    #[error("reprojecting gaps to WGS 84: {0}")]
    Crs(#[from] CrsError),
}

impl Engine {
    /// The gaps of the given thôn (by index) for a measure; thôn with no gap are left out.
    pub fn gaps(&self, measure: Measure, thon: &[usize]) -> Result<Vec<Gap>, GapError> {
        let mut out = Vec::new();
        for &t in thon {
            out.extend(self.gap(t, measure)?);
        }
        Ok(out)
    }

    /// The gap of one thôn for a measure, in WGS 84; None when the thôn has none.
    pub fn gap(&self, t: usize, measure: Measure) -> Result<Option<Gap>, GapError> {
        let (gap_m, figures) = self.gap_metric(t, measure);
        // Overlay leaves slivers of a few cm² along edges that coverage follows exactly.
        if figures.area_m2 < MIN_GAP_M2 && figures.households == 0 {
            return Ok(None);
        }
        let metric = self.snapshot.metric_crs;
        let geometry = with_transformer(metric, WGS84, |tr| tr.geometry(&gap_m))??;
        Ok(Some(Gap {
            geometry: geometry.orient(Direction::Default),
            ..figures
        }))
    }

    /// The gap of one thôn in metric coordinates, and its figures.
    fn gap_metric(&self, t: usize, measure: Measure) -> (MultiPolygon<f64>, Gap) {
        let snap = &self.snapshot;
        let th = &snap.dataset.thon[t];
        let covered = &self.thon_covered(t, measure);
        let gap = super::overlay::difference(&snap.thon[t].geometry, covered);
        let stats = self.thon_stats_for(t, measure, covered.unsigned_area());
        let area_m2 = gap.unsigned_area();
        let figures = Gap {
            thon_id: th.id.clone(),
            thon_name: th.name.clone(),
            measure,
            area_m2,
            area_fraction: if snap.thon[t].area_m2 > 0.0 {
                area_m2 / snap.thon[t].area_m2
            } else {
                0.0
            },
            households: snap.households_by_thon[t].len() as u64 - stats.households,
            population: (th.population as f64 - stats.population).max(0.0),
            geometry: MultiPolygon(Vec::new()),
        };
        (gap, figures)
    }
}

/// Gaps as an RFC 7946 FeatureCollection, coordinates rounded to 7 decimals (about 1 cm).
pub fn gaps_geojson<G: Borrow<Gap>>(gaps: &[G]) -> geojson::FeatureCollection {
    let features = gaps
        .iter()
        .map(|g| {
            let g = g.borrow();
            let rounded = geo::MapCoords::map_coords(&g.geometry, |c| {
                geo::coord! {
                    x: (c.x * 1e7).round() / 1e7,
                    y: (c.y * 1e7).round() / 1e7,
                }
            });
            let props = match serde_json::to_value(g) {
                Ok(serde_json::Value::Object(o)) => Some(o),
                _ => None,
            };
            geojson::Feature {
                geometry: Some(geojson::Geometry::from(&rounded)),
                properties: props,
                ..Default::default()
            }
        })
        .collect();
    geojson::FeatureCollection {
        features,
        bbox: None,
        foreign_members: None,
    }
}
