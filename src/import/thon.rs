//! The thôn layer's properties.

use geo::Geometry;

use super::document::RawFeature;
use super::props::{Reasons, optional_str, required_count, required_str};
use crate::domain::{Clutter, Thon};

/// A thôn from a checked feature: id, name, population and households are required.
pub(crate) fn from_feature(f: &RawFeature) -> Result<Thon, Vec<String>> {
    let mut r = Reasons::default();
    let p = &f.props;
    if f.id.is_none() {
        r.push("missing id".into());
    }
    let name = r.take(required_str(p, "name"));
    let commune = r
        .take(optional_str(p, "commune"))
        .flatten()
        .unwrap_or_default();
    let population = r.take(required_count(p, "population"));
    let households = r.take(required_count(p, "households"));
    let clutter = r
        .take(optional_str(p, "clutter").and_then(|c| c.map(|c| c.parse::<Clutter>()).transpose()));
    let Geometry::MultiPolygon(geometry) = &f.geometry else {
        unreachable!("the geometry check admits only MultiPolygon for thôn")
    };
    r.finish(|| {
        Some(Thon {
            id: f.id.clone()?,
            name: name?,
            commune,
            population: population?,
            households: households?,
            clutter: clutter?.unwrap_or_default(),
            geometry: geometry.clone(),
        })
    })
}
