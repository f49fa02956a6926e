//! Thôn that overlap: neighbours share edges, so only an overlap beyond a small area counts.

use geo::{Area, BooleanOps, BoundingRect, MultiPolygon};
use rstar::{AABB, RTree, primitives::GeomWithData};

use super::Problem;
use crate::domain::Thon;

/// An overlap smaller than this, m², is digitising noise along a shared edge.
pub const OVERLAP_TOLERANCE_M2: f64 = 10.0;
/// …or smaller than this fraction of the smaller thôn.
pub const OVERLAP_TOLERANCE_FRACTION: f64 = 1e-4;

type Envelope = GeomWithData<rstar::primitives::Rectangle<[f64; 2]>, usize>;

/// Every pair of thôn whose common area exceeds the tolerance, reported at the later one.
pub(crate) fn overlapping_thon(file: &str, items: &[(usize, Thon)]) -> Vec<Problem> {
    let boxes: Vec<Envelope> = items
        .iter()
        .enumerate()
        .filter_map(|(k, (_, t))| {
            let r = t.geometry.bounding_rect()?;
            Some(GeomWithData::new(
                rstar::primitives::Rectangle::from_corners(r.min().into(), r.max().into()),
                k,
            ))
        })
        .collect();
    let tree = RTree::bulk_load(boxes.clone());
    let mut problems = Vec::new();
    for b in &boxes {
        let (a_index, a) = &items[b.data];
        let env = AABB::from_corners(b.geom().lower(), b.geom().upper());
        for other in tree.locate_in_envelope_intersecting(&env) {
            if other.data >= b.data {
                continue;
            }
            let (b_index, bt) = &items[other.data];
            if let Some(m2) = overlap_m2(&a.geometry, &bt.geometry) {
                problems.push(Problem {
                    file: file.to_string(),
                    feature: Some(*a_index),
                    id: Some(a.id.clone()),
                    reason: format!(
                        "overlaps thôn {:?} (feature {b_index}) by about {m2:.0} m²",
                        bt.id
                    ),
                });
            }
        }
    }
    problems
}

/// The overlap area in m² when it is beyond tolerance. Areas are computed in degrees and
/// scaled by the local size of a degree: ample precision for a tolerance test.
fn overlap_m2(a: &MultiPolygon<f64>, b: &MultiPolygon<f64>) -> Option<f64> {
    let common = a.intersection(b).unsigned_area();
    let lat = a.bounding_rect().map(|r| r.center().y).unwrap_or(0.0);
    let m2_per_deg2 = 111_320.0_f64.powi(2) * lat.to_radians().cos();
    let common_m2 = common * m2_per_deg2;
    let smaller_m2 = a.unsigned_area().min(b.unsigned_area()) * m2_per_deg2;
    let tolerance = OVERLAP_TOLERANCE_M2.max(OVERLAP_TOLERANCE_FRACTION * smaller_m2);
    (common_m2 > tolerance).then_some(common_m2)
}
