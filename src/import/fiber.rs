//! The fiber layer's properties.

use geo::Geometry;

use super::document::RawFeature;
use super::props::{Reasons, optional_in_range, required_str};
use crate::domain::{DEFAULT_FIBER_SPEED_MBPS, DEFAULT_MAX_DROP_M, FiberRoute};

/// A fiber route from a checked feature: id and operator are required.
pub(crate) fn from_feature(f: &RawFeature) -> Result<FiberRoute, Vec<String>> {
    let mut r = Reasons::default();
    let p = &f.props;
    if f.id.is_none() {
        r.push("missing id".into());
    }
    let operator = r.take(required_str(p, "operator"));
    let speed = r.take(optional_in_range(p, "max_speed_mbps", 0.0, 1.0e6, true));
    let drop = r.take(optional_in_range(p, "max_drop_m", 0.0, 10_000.0, false));
    let Geometry::MultiLineString(geometry) = &f.geometry else {
        unreachable!("the geometry check admits only MultiLineString for fiber")
    };
    r.finish(|| {
        Some(FiberRoute {
            id: f.id.clone()?,
            operator: operator?,
            max_speed_mbps: speed?.unwrap_or(DEFAULT_FIBER_SPEED_MBPS),
            max_drop_m: drop?.unwrap_or(DEFAULT_MAX_DROP_M),
            geometry: geometry.clone(),
        })
    })
}
