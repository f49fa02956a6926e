//! The coverage engine: pure, synchronous, CPU-bound.
//!
//! One evaluation primitive ([`Transmitter::signal`]) answers "does this site cover this
//! point, and how well"; households and the point query call it directly, and a site's
//! footprint polygon is traced with it ray by ray, so areas and gaps agree with the points.
//! Method, formulas and measured error: docs/coverage-model.md.

mod clip;
mod config;
mod cover_table;
mod engine;
mod footprint;
mod gap_cache;
mod gaps;
mod households;
mod measure;
mod overlay;
mod point;
mod rounded;
mod stats;
mod transmitter;
mod update;

pub use config::CoverageConfig;
pub use cover_table::CoverTable;
pub use engine::Engine;
pub use gap_cache::GapCache;
pub use gaps::{Gap, GapError, gaps_geojson};
pub use households::{HouseholdCover, operator_bit};
pub use measure::Measure;
pub use point::{FiberAt, PointReport, SiteAt};
pub use stats::{Figures, Stats, ThonStats, TotalStats};
pub use transmitter::{Basis, Signal, Transmitter};
pub use update::SiteUpdate;
