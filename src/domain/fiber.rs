//! A fiber-optic route.

use geo::MultiLineString;

/// Speed a route offers when the file does not say, Mb/s.
pub const DEFAULT_FIBER_SPEED_MBPS: f64 = 1000.0;
/// How far a household may be from a route and still be connected, when the file does not say, m.
pub const DEFAULT_MAX_DROP_M: f64 = 300.0;

/// A fiber route of one operator.
#[derive(Debug, Clone, PartialEq)]
pub struct FiberRoute {
    /// Id.
    pub id: String,
    /// Operator name.
    pub operator: String,
    /// Highest speed a subscriber can get on it, Mb/s.
    pub max_speed_mbps: f64,
    /// Longest drop cable to a household, metres.
    pub max_drop_m: f64,
    /// Route in WGS 84 lon/lat.
    pub geometry: MultiLineString<f64>,
}
