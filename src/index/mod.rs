//! The spatial index: every layer in the working metric CRS beside R-trees, built once and
//! never mutated. An update builds a new [`Snapshot`]; readers keep the one they started with.

mod households;
mod project;
mod snapshot;

pub use households::{HouseholdM, assign_people};
pub use project::metric_crs_for;
pub use snapshot::{FiberM, IndexError, SiteM, Snapshot, ThonM};
