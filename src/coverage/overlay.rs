//! Boolean operations on metric polygons for the coverage figures: i_overlay (the engine
//! geo's `BooleanOps` wraps) called directly, with every ring oriented by its signed area
//! and one fixed fill rule.
//!
//! Why not geo's `BooleanOps`: its OGC extraction trips an i_overlay assertion on the union
//! of sectored footprints (wedges meeting at their site) and, where debug assertions are
//! off, loses area (tests/fixtures/overlay/sectors-T003594.json: 0.3392 of the thôn against
//! 0.3729 from PostGIS and 0.3759 ± 0.0042 from a Monte Carlo); and `unary_union` takes its
//! fill rule from the first ring whose winding geo can tell, which a ring clipped to a box
//! may not have (fiber-T001008.json: 0 against 0.3687). Without OGC extraction a result's
//! ring may touch itself at a point; its area and its GeoJSON are right.

use geo::{Coord, LineString, MultiPolygon, Polygon};
use i_overlay::core::fill_rule::FillRule;
use i_overlay::core::overlay_rule::OverlayRule;
use i_overlay::float::overlay::{FloatOverlay, OverlayOptions};

/// Rings as i_overlay reads them: open, exteriors counter-clockwise, holes clockwise.
type Paths = Vec<Vec<[f64; 2]>>;

/// The union of many polygons.
pub(crate) fn union_all<'a>(
    polys: impl IntoIterator<Item = &'a MultiPolygon<f64>>,
) -> MultiPolygon<f64> {
    let subject: Paths = polys.into_iter().flat_map(paths).collect();
    if subject.is_empty() {
        return MultiPolygon(Vec::new());
    }
    let shapes = FloatOverlay::with_subj_custom(&subject, options(), Default::default())
        .overlay(OverlayRule::Subject, FillRule::Positive);
    multi_polygon(shapes)
}

/// The part of `a` inside `b`.
pub(crate) fn intersection(a: &MultiPolygon<f64>, b: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    overlay(a, b, OverlayRule::Intersect)
}

/// The part of `a` outside `b`.
pub(crate) fn difference(a: &MultiPolygon<f64>, b: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    overlay(a, b, OverlayRule::Difference)
}

fn overlay(a: &MultiPolygon<f64>, b: &MultiPolygon<f64>, rule: OverlayRule) -> MultiPolygon<f64> {
    let (subject, clip) = (paths(a), paths(b));
    if subject.is_empty() {
        return MultiPolygon(Vec::new());
    }
    let shapes =
        FloatOverlay::with_subj_and_clip_custom(&subject, &clip, options(), Default::default())
            .overlay(rule, FillRule::Positive);
    multi_polygon(shapes)
}

fn options() -> OverlayOptions<f64> {
    OverlayOptions {
        ogc: false,
        ..OverlayOptions::default()
    }
}

/// The rings of a multipolygon, each turned to the winding its role asks for by the sign of
/// its area (robust where geo's vertex test is not); rings without area are dropped.
fn paths(mp: &MultiPolygon<f64>) -> Paths {
    let mut out = Vec::new();
    for p in &mp.0 {
        let rings =
            std::iter::once((p.exterior(), true)).chain(p.interiors().iter().map(|r| (r, false)));
        for (ring, exterior) in rings {
            let open = &ring.0[..ring.0.len().saturating_sub(1)];
            let area = signed_area(open);
            if area == 0.0 || open.len() < 3 {
                continue;
            }
            let mut path: Vec<[f64; 2]> = open.iter().map(|c| [c.x, c.y]).collect();
            if (area > 0.0) != exterior {
                path.reverse();
            }
            out.push(path);
        }
    }
    out
}

/// The shoelace area of an open ring: positive when counter-clockwise.
fn signed_area(ring: &[Coord<f64>]) -> f64 {
    let n = ring.len();
    (0..n)
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            a.x * b.y - b.x * a.y
        })
        .sum::<f64>()
        / 2.0
}

fn multi_polygon(shapes: Vec<Paths>) -> MultiPolygon<f64> {
    let ring = |path: Vec<[f64; 2]>| {
        let mut coords: Vec<Coord<f64>> = path.into_iter().map(|[x, y]| Coord { x, y }).collect();
        if let Some(&first) = coords.first() {
            coords.push(first);
        }
        LineString(coords)
    };
    MultiPolygon(
        shapes
            .into_iter()
            .filter(|shape| !shape.is_empty())
            .map(|shape| {
                let mut rings = shape.into_iter().map(ring);
                let exterior = rings.next().expect("a shape has an outer contour");
                Polygon::new(exterior, rings.collect())
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use geo::{Area, polygon};

    fn square(x: f64, y: f64, side: f64) -> MultiPolygon<f64> {
        MultiPolygon(vec![polygon![
            (x: x, y: y), (x: x + side, y: y), (x: x + side, y: y + side), (x: x, y: y + side)
        ]])
    }

    #[test]
    fn union_of_overlapping_squares_counts_the_overlap_once() {
        let (a, b) = (square(0.0, 0.0, 2.0), square(1.0, 1.0, 2.0));
        assert_relative_eq!(
            union_all([&a, &b]).unsigned_area(),
            7.0,
            max_relative = 1e-12
        );
    }

    #[test]
    fn a_clockwise_exterior_still_counts() {
        let mut a = square(0.0, 0.0, 2.0);
        a.0[0].exterior_mut(|r| r.0.reverse());
        let b = square(1.0, 0.0, 2.0);
        assert_relative_eq!(
            union_all([&a, &b]).unsigned_area(),
            6.0,
            max_relative = 1e-12
        );
        assert_relative_eq!(
            intersection(&a, &b).unsigned_area(),
            2.0,
            max_relative = 1e-12
        );
    }

    #[test]
    fn a_hole_stays_a_hole_and_difference_cuts_one() {
        let ring = square(0.0, 0.0, 10.0);
        let hole = square(4.0, 4.0, 2.0);
        let holed = difference(&ring, &hole);
        assert_relative_eq!(holed.unsigned_area(), 96.0, max_relative = 1e-12);
        assert_eq!(holed.0[0].interiors().len(), 1);
        let inside_hole = square(4.5, 4.5, 1.0);
        assert_relative_eq!(
            union_all([&holed, &inside_hole]).unsigned_area(),
            97.0,
            max_relative = 1e-12
        );
    }

    #[test]
    fn nothing_in_gives_nothing_out() {
        let none = MultiPolygon(Vec::new());
        assert!(union_all([&none]).0.is_empty());
        assert!(intersection(&none, &square(0.0, 0.0, 1.0)).0.is_empty());
    }
}
