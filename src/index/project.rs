//! Choosing the working metric CRS.

use geo::BoundingRect;

use crate::crs::{EpsgCode, utm_zone_for};
use crate::domain::Dataset;

/// The UTM zone of the centre of the thôn layer's extent (zone 49N, EPSG:32649, for
/// Quảng Ngãi); WGS 84 / UTM 49N when there are no thôn.
pub fn metric_crs_for(ds: &Dataset) -> EpsgCode {
    let rects = ds.thon.iter().filter_map(|t| t.geometry.bounding_rect());
    let extent = rects.reduce(|a, b| {
        geo::Rect::new(
            geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
            geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
        )
    });
    match extent {
        Some(r) => utm_zone_for(r.center().x, r.center().y),
        None => EpsgCode(32649),
    }
}
