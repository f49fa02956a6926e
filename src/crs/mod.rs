//! Coordinate reference systems: EPSG codes as users write them, the working metric CRS, and
//! PROJ-backed reprojection.
//!
//! PROJ chooses the datum transformation from the EPSG codes (for VN-2000 → WGS 84 that is
//! EPSG:6960's Helmert parameters); we never hand-write `+towgs84` strings, whose published
//! rotation signs are often wrong. `proj::Proj` is neither `Send` nor `Sync`, so a
//! [`Transformer`] is made where it is used and never shared between threads.

mod code;
mod transform;

pub use code::{CrsParseError, EpsgCode, WGS84, utm_zone_for};
pub use transform::{CrsError, LonLatBox, Transformer, area_of_use, with_transformer};
