//! The household layer's properties.

use geo::Geometry;

use super::document::RawFeature;
use super::props::{Reasons, optional_in_range};
use crate::domain::Household;

/// The most people one household point may stand for: more is a typo or a misplaced field.
const MAX_PEOPLE: f64 = 1000.0;

/// A household from a checked feature; `id` and `people` are optional.
pub(crate) fn from_feature(f: &RawFeature) -> Result<Household, Vec<String>> {
    let mut r = Reasons::default();
    let people = r.take(optional_in_range(
        &f.props, "people", 0.0, MAX_PEOPLE, false,
    ));
    let Geometry::Point(location) = f.geometry else {
        unreachable!("the geometry check admits only Point for households")
    };
    r.finish(|| {
        Some(Household {
            id: f.id.clone(),
            people: people?,
            location,
        })
    })
}
