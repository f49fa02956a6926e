//! phusong ("phủ sóng", signal coverage): a coverage-map GIS service that measures a commune's
//! 4G, 5G and fiber coverage per thôn (village) against its digital-infrastructure plan.
//!
//! # Layout
//! Dependencies point one way: `coverage → index → domain`, `import → crs → domain`.
//! - [`api`]: the HTTP API (axum): router, state, problem+json errors; the only module that
//!   knows HTTP.
//! - [`domain`]: thôn, sites, fiber routes, households as plain values in WGS 84.
//! - [`crs`]: EPSG codes, the working metric CRS, PROJ-backed reprojection at ingest.
//! - [`import`]: GeoJSON reading and validation; every problem named by file, feature and reason.
//! - [`index`]: R-trees over the layers in metric coordinates; an immutable snapshot.
//! - [`radio`]: path-loss models, antenna patterns, link budget and signal tiers.
//! - [`coverage`]: the engine: point evaluation, per-thôn figures, gap polygons.
//! - [`synth`]: a seeded generator of valid datasets at commune, province and national scale.
//! - [`export`]: writing the layers back out as RFC 7946 GeoJSON.
//! - [`store`]: the embedded GeoPackage store (layers, upload history, token hashes) behind a trait.

pub mod api;
pub mod coverage;
pub mod crs;
pub mod domain;
pub mod export;
pub mod import;
pub mod index;
pub mod radio;
pub mod store;
pub mod synth;
