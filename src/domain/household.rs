//! A household point.

use geo::Point;

/// One household; its people default to a share of its thôn's population.
#[derive(Debug, Clone, PartialEq)]
pub struct Household {
    /// Optional id.
    pub id: Option<String>,
    /// People living there, if the file says.
    pub people: Option<f64>,
    /// Location in WGS 84 lon/lat.
    pub location: Point<f64>,
}
