//! Conversion of domain geometry (WGS 84 lon/lat) to RFC 7946 geometry values.
//!
//! Every coordinate is rounded to [`COORD_DECIMALS`] places, and polygon rings are wound the
//! way RFC 7946 §3.1.6 asks (exterior counter-clockwise, holes clockwise), whatever their
//! winding in memory.

use geo::{Coord, LineString, MultiLineString, MultiPolygon, Point, Polygon, Winding};
use geojson::{GeometryValue, Position};

/// Decimal places kept in exported lon/lat: 7 places is about 1 cm, finer than any survey we read.
pub const COORD_DECIMALS: i32 = 7;

/// 10^COORD_DECIMALS, written out so rounding needs no `powi` per coordinate.
const SCALE: f64 = 1e7;

/// Rounds a longitude or latitude (degrees) to [`COORD_DECIMALS`] places.
///
/// Generators round with this too, so a dataset survives export unchanged.
pub fn round_deg(v: f64) -> f64 {
    (v * SCALE).round() / SCALE
}

/// A rounded position from a lon/lat coordinate.
pub(crate) fn position(c: Coord<f64>) -> Position {
    Position::from([round_deg(c.x), round_deg(c.y)])
}

/// A point geometry.
pub(crate) fn point(p: &Point<f64>) -> GeometryValue {
    GeometryValue::Point {
        coordinates: position(p.0),
    }
}

/// A LineString when there is one line, otherwise a MultiLineString.
pub(crate) fn lineal(mls: &MultiLineString<f64>) -> GeometryValue {
    let line = |ls: &LineString<f64>| ls.0.iter().copied().map(position).collect::<Vec<_>>();
    match mls.0.as_slice() {
        [one] => GeometryValue::LineString {
            coordinates: line(one),
        },
        many => GeometryValue::MultiLineString {
            coordinates: many.iter().map(line).collect(),
        },
    }
}

/// A Polygon when there is one part, otherwise a MultiPolygon; rings wound per RFC 7946.
pub(crate) fn polygonal(mp: &MultiPolygon<f64>) -> GeometryValue {
    match mp.0.as_slice() {
        [one] => GeometryValue::Polygon {
            coordinates: polygon_rings(one),
        },
        many => GeometryValue::MultiPolygon {
            coordinates: many.iter().map(polygon_rings).collect(),
        },
    }
}

/// The rings of one polygon: exterior counter-clockwise, then holes clockwise.
fn polygon_rings(p: &Polygon<f64>) -> Vec<Vec<Position>> {
    std::iter::once(ring(p.exterior(), true))
        .chain(p.interiors().iter().map(|hole| ring(hole, false)))
        .collect()
}

/// One ring's positions, reversed if its winding is not the one wanted.
///
/// The winding is judged before rounding: rounding moves points by at most 1 cm and cannot
/// flip a ring that encloses any real area.
fn ring(ls: &LineString<f64>, want_ccw: bool) -> Vec<Position> {
    let mut out: Vec<Position> = ls.0.iter().copied().map(position).collect();
    let flip = if want_ccw { ls.is_cw() } else { ls.is_ccw() };
    if flip {
        out.reverse();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{line_string, polygon};

    fn ring_is_ccw(ring: &[Position]) -> bool {
        let ls: LineString<f64> = ring.iter().map(|p| (p[0], p[1])).collect();
        ls.is_ccw()
    }

    #[test]
    fn rounds_to_seven_decimals() {
        assert_eq!(round_deg(108.123_456_789), 108.123_456_8);
        assert_eq!(round_deg(-15.000_000_04), -15.0);
    }

    #[test]
    fn clockwise_exterior_and_ccw_hole_are_rewound() {
        let p = polygon![
            exterior: [(x: 0.0, y: 0.0), (x: 0.0, y: 4.0), (x: 4.0, y: 4.0), (x: 4.0, y: 0.0), (x: 0.0, y: 0.0)],
            interiors: [[(x: 1.0, y: 1.0), (x: 2.0, y: 1.0), (x: 2.0, y: 2.0), (x: 1.0, y: 2.0), (x: 1.0, y: 1.0)]],
        ];
        let GeometryValue::Polygon { coordinates } = polygonal(&MultiPolygon(vec![p])) else {
            panic!("one part must give a Polygon");
        };
        assert!(ring_is_ccw(&coordinates[0]));
        assert!(!ring_is_ccw(&coordinates[1]));
    }

    #[test]
    fn two_parts_give_a_multipolygon() {
        let sq = |x: f64| polygon![(x: x, y: 0.0), (x: x + 1.0, y: 0.0), (x: x + 1.0, y: 1.0), (x: x, y: 1.0)];
        let v = polygonal(&MultiPolygon(vec![sq(0.0), sq(2.0)]));
        assert!(
            matches!(v, GeometryValue::MultiPolygon { ref coordinates } if coordinates.len() == 2)
        );
    }

    #[test]
    fn single_line_gives_a_linestring() {
        let mls = MultiLineString(vec![line_string![(x: 1.0, y: 2.0), (x: 3.0, y: 4.0)]]);
        assert!(
            matches!(lineal(&mls), GeometryValue::LineString { ref coordinates } if coordinates.len() == 2)
        );
    }
}
