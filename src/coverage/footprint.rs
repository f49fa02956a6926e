//! A transmitter's footprint: the polygon where it covers, in metric coordinates.
//!
//! A disc (or sector) is drawn as a polygon of the same area as the true disc, so that areas
//! are exact on average; a path-loss model is traced ray by ray with the evaluation primitive,
//! finding on each bearing the farthest distance whose signal reaches the threshold.

use std::f64::consts::PI;

use geo::{Coord, LineString, MultiPolygon, Point, Polygon};

use super::transmitter::Transmitter;
use crate::domain::Clutter;
use crate::radio::PathLossModel;

/// The farthest any site may reach, m: the importer's limit on a declared radius.
pub const MAX_REACH_M: f64 = 100_000.0;
/// Vertices of a full disc.
const DISC_VERTICES: usize = 256;
/// Precision of the edge found on each ray, m.
const EDGE_TOLERANCE_M: f64 = 0.25;

/// Where the transmitter covers, around `origin` (metres).
pub fn footprint(
    tx: &Transmitter,
    model: Option<&dyn PathLossModel>,
    clutter: Clutter,
    covered_rsrp_dbm: f64,
    origin: Point<f64>,
    rays: usize,
) -> MultiPolygon<f64> {
    match (tx.radius_m, model) {
        (Some(r), _) => disc_or_sectors(tx, r, origin),
        (None, None) => MultiPolygon(Vec::new()),
        (None, Some(m)) => traced(tx, m, clutter, covered_rsrp_dbm, origin, rays.max(8)),
    }
}

fn disc_or_sectors(tx: &Transmitter, r: f64, origin: Point<f64>) -> MultiPolygon<f64> {
    let full = tx.sectors.is_empty() || tx.sectors.iter().any(|s| s.beamwidth_deg >= 360.0);
    if full {
        return MultiPolygon(vec![regular_polygon(origin, r, DISC_VERTICES)]);
    }
    let wedges: Vec<Polygon<f64>> = tx
        .sectors
        .iter()
        .map(|s| wedge(origin, r, s.azimuth_deg, s.beamwidth_deg))
        .collect();
    super::overlay::union_all(&[MultiPolygon(wedges)])
}

/// A regular polygon with the area of the disc of radius `r` (its circumradius is a little
/// larger than `r`: R = r·√(2π / (n·sin(2π/n)))).
pub fn regular_polygon(origin: Point<f64>, r: f64, n: usize) -> Polygon<f64> {
    let step = 2.0 * PI / n as f64;
    let big_r = r * (step / step.sin()).sqrt();
    let ring = (0..n)
        .map(|k| at_bearing(origin, big_r, (k as f64 * step).to_degrees()))
        .collect();
    Polygon::new(LineString(ring), vec![])
}

/// A sector of a disc with the same area as the true sector.
pub(crate) fn wedge(
    origin: Point<f64>,
    r: f64,
    azimuth_deg: f64,
    beamwidth_deg: f64,
) -> Polygon<f64> {
    let steps = ((beamwidth_deg / 360.0 * DISC_VERTICES as f64).ceil() as usize).max(2);
    let step_deg = beamwidth_deg / steps as f64;
    let d = step_deg.to_radians();
    let big_r = r * (d / d.sin()).sqrt();
    let start = azimuth_deg - beamwidth_deg / 2.0;
    let mut ring = vec![origin.0];
    ring.extend((0..=steps).map(|k| at_bearing(origin, big_r, start + k as f64 * step_deg)));
    Polygon::new(LineString(ring), vec![])
}

fn traced(
    tx: &Transmitter,
    m: &dyn PathLossModel,
    clutter: Clutter,
    thr: f64,
    origin: Point<f64>,
    rays: usize,
) -> MultiPolygon<f64> {
    let step = 360.0 / rays as f64;
    // An omnidirectional antenna reaches equally far on every bearing: one ray is enough.
    let omni_reach = tx
        .sectors
        .is_empty()
        .then(|| reach_m(tx, m, 0.0, clutter, thr));
    let mut ring: Vec<Coord<f64>> = (0..rays)
        .map(|k| {
            let bearing = k as f64 * step;
            let r = omni_reach.unwrap_or_else(|| reach_m(tx, m, bearing, clutter, thr));
            at_bearing(origin, r, bearing)
        })
        .collect();
    ring.dedup();
    if ring.len() < 3 {
        return MultiPolygon(Vec::new());
    }
    // A ray that reaches nowhere puts a vertex on the site; the union cleans such pinches.
    let p = Polygon::new(LineString(ring), vec![]);
    super::overlay::union_all(&[MultiPolygon(vec![p])])
}

/// The farthest distance on a bearing at which the signal reaches the threshold, m (0 if
/// none). Beyond the main beam the signal falls monotonically, so bisection finds the edge;
/// inside it the ray is sampled and is taken as covered up to the farthest covered sample.
pub fn reach_m(
    tx: &Transmitter,
    m: &dyn PathLossModel,
    bearing_deg: f64,
    clutter: Clutter,
    thr: f64,
) -> f64 {
    let covered = |d: f64| tx.signal(Some(m), d, bearing_deg, clutter, thr).covered;
    if covered(MAX_REACH_M) {
        return MAX_REACH_M;
    }
    let d0 = tx.main_beam_distance_m().min(MAX_REACH_M);
    let lo = if covered(d0) {
        d0
    } else {
        // Sample inwards from the main beam; the first covered sample bounds the edge.
        let inner = (1..=40).map(|k| d0 * 0.9f64.powi(k)).find(|&d| covered(d));
        match inner {
            Some(d) => return bisect(d, d / 0.9, covered),
            None => return 0.0,
        }
    };
    // Bracket the edge by doubling before bisecting: edges lie at a few km, far below the cap.
    let mut lo = lo;
    let mut hi = (lo * 2.0).min(MAX_REACH_M);
    while hi < MAX_REACH_M && covered(hi) {
        lo = hi;
        hi = (hi * 2.0).min(MAX_REACH_M);
    }
    bisect(lo, hi, covered)
}

/// The edge between a covered `lo` and an uncovered `hi`.
fn bisect(mut lo: f64, mut hi: f64, covered: impl Fn(f64) -> bool) -> f64 {
    while hi - lo > EDGE_TOLERANCE_M {
        let mid = 0.5 * (lo + hi);
        if covered(mid) { lo = mid } else { hi = mid }
    }
    lo
}

/// The point at a distance and bearing (degrees clockwise from grid north) from `origin`.
pub fn at_bearing(origin: Point<f64>, distance_m: f64, bearing_deg: f64) -> Coord<f64> {
    let b = bearing_deg.to_radians();
    Coord {
        x: origin.x() + distance_m * b.sin(),
        y: origin.y() + distance_m * b.cos(),
    }
}

/// Bearing from `from` to `to`, degrees clockwise from grid north, in [0, 360).
pub fn bearing_deg(from: Point<f64>, to: Point<f64>) -> f64 {
    let (dx, dy) = (to.x() - from.x(), to.y() - from.y());
    dx.atan2(dy).to_degrees().rem_euclid(360.0)
}

/// Does the transmitter's footprint reach farther than `r` anywhere? The largest reach over
/// all bearings, for bounding searches.
pub fn max_reach(footprint: &MultiPolygon<f64>, origin: Point<f64>) -> f64 {
    use geo::CoordsIter;
    footprint
        .coords_iter()
        .map(|c| (c.x - origin.x()).hypot(c.y - origin.y()))
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Sector, Site, Tech};
    use approx::assert_relative_eq;
    use geo::Area;

    fn tx(radius_m: Option<f64>, sectors: Vec<Sector>, disc: bool) -> Transmitter {
        let site = Site {
            id: "S".into(),
            operator: "VNPT".into(),
            tech: vec![Tech::G4],
            height_m: Some(30.0),
            radius_m,
            sectors,
            frequency_mhz: None,
            eirp_dbm: None,
            location: Point::new(0.0, 0.0),
        };
        Transmitter::new(0, &site, Tech::G4, 0, disc)
    }

    #[test]
    fn disc_footprint_has_the_area_of_the_disc() {
        let fp = footprint(
            &tx(Some(1500.0), vec![], true),
            None,
            Clutter::Rural,
            -115.0,
            Point::new(5e5, 1.6e6),
            360,
        );
        assert_relative_eq!(
            fp.unsigned_area(),
            PI * 1500.0 * 1500.0,
            max_relative = 1e-9
        );
    }

    #[test]
    fn sector_footprint_has_the_area_of_the_sector() {
        let s = Sector {
            azimuth_deg: 350.0,
            beamwidth_deg: 65.0,
            tilt_deg: None,
        };
        let fp = footprint(
            &tx(Some(1000.0), vec![s], true),
            None,
            Clutter::Rural,
            -115.0,
            Point::new(0.0, 0.0),
            360,
        );
        assert_relative_eq!(
            fp.unsigned_area(),
            PI * 1e6 * 65.0 / 360.0,
            max_relative = 1e-9
        );
    }

    #[test]
    fn traced_footprint_edge_matches_the_point_evaluation() {
        let t = tx(
            None,
            vec![Sector {
                azimuth_deg: 90.0,
                beamwidth_deg: 65.0,
                tilt_deg: Some(3.0),
            }],
            false,
        );
        let model = crate::radio::ModelKind::Hata
            .path_loss_model()
            .expect("a path-loss model");
        for bearing in [0.0, 45.0, 90.0, 135.0, 270.0] {
            let r = reach_m(&t, model.as_ref(), bearing, Clutter::Suburban, -115.0);
            assert!(r > 0.0);
            assert!(
                t.signal(
                    Some(model.as_ref()),
                    r - 0.5,
                    bearing,
                    Clutter::Suburban,
                    -115.0
                )
                .covered
            );
            assert!(
                !t.signal(
                    Some(model.as_ref()),
                    r + 0.5,
                    bearing,
                    Clutter::Suburban,
                    -115.0
                )
                .covered
            );
        }
    }

    #[test]
    fn bearing_is_clockwise_from_north() {
        let o = Point::new(0.0, 0.0);
        assert_relative_eq!(bearing_deg(o, Point::new(0.0, 1.0)), 0.0);
        assert_relative_eq!(bearing_deg(o, Point::new(1.0, 0.0)), 90.0);
        assert_relative_eq!(bearing_deg(o, Point::new(-1.0, 0.0)), 270.0);
    }
}
