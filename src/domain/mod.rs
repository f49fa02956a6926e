//! The commune's four layers as plain values: thôn, sites, fiber routes, households.
//!
//! Geometry here is in WGS 84 longitude/latitude (RFC 7946 order: x = lon, y = lat),
//! exactly as imported; metric copies live in the index.

use std::sync::Arc;

pub mod edit;
mod fiber;
mod household;
mod site;
mod tech;
mod thon;

pub use fiber::{DEFAULT_FIBER_SPEED_MBPS, DEFAULT_MAX_DROP_M, FiberRoute};
pub use household::Household;
pub use site::{Sector, Site};
pub use tech::{Tech, TechParseError};
pub use thon::{Clutter, Thon};

/// The four layers of one dataset, in WGS 84 lon/lat. Uploads change only sites and fiber:
/// the thôn and household layers, the large ones, are shared between versions.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// Village (thôn) boundaries.
    pub thon: Arc<Vec<Thon>>,
    /// Telecom sites (BTS).
    pub sites: Vec<Site>,
    /// Fiber routes.
    pub fiber: Vec<FiberRoute>,
    /// Household points.
    pub households: Arc<Vec<Household>>,
}
