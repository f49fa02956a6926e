//! GeoJSON reading and validation of the four layers.
//!
//! Every problem is reported with the file, the feature index, the feature id and the reason,
//! and a layer with any problem is rejected whole: nothing is half-loaded. Geometry comes out
//! in WGS 84 lon/lat; a file in another CRS (a legacy `crs` member, or `--crs`) is reprojected
//! with PROJ.

mod document;
mod fiber;
mod geometry;
mod households;
mod layer;
mod overlap;
mod problem;
mod props;
mod sites;
mod thon;

use std::path::Path;

pub use layer::{Layer, LayerParseError};
pub use problem::{ImportError, Problem};

use crate::crs::EpsgCode;
use crate::domain::{Dataset, FiberRoute, Household, Site, Thon};

/// Where a layer's bytes came from, for messages: a file path or an upload's name.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The name problems are reported under.
    pub name: &'a str,
    /// The raw bytes (UTF-8 JSON, an optional byte-order mark is accepted).
    pub bytes: &'a [u8],
    /// A CRS given by the user, for files without a `crs` member.
    pub crs: Option<EpsgCode>,
}

/// Reads and validates thôn boundaries.
pub fn thon(src: Source<'_>) -> Result<Vec<Thon>, ImportError> {
    // Duplicates and overlaps are checked among the good features, and reported with the
    // bad features' problems: every problem of the file at once.
    let (items, mut problems) = document::parse(src, Layer::Thon, thon::from_feature)?;
    problems.extend(problem::duplicate_ids(src.name, &items, |t| {
        (None, t.id.clone())
    }));
    problems.extend(overlap::overlapping_thon(src.name, &items));
    problem::finish(items, problems)
}

/// Reads and validates telecom sites; ids are unique within an operator.
pub fn sites(src: Source<'_>) -> Result<Vec<Site>, ImportError> {
    let (items, mut problems) = document::parse(src, Layer::Sites, sites::from_feature)?;
    problems.extend(problem::duplicate_ids(src.name, &items, |s| {
        (Some(s.operator.clone()), s.id.clone())
    }));
    problem::finish(items, problems)
}

/// Reads and validates fiber routes; ids are unique within an operator.
pub fn fiber(src: Source<'_>) -> Result<Vec<FiberRoute>, ImportError> {
    let (items, mut problems) = document::parse(src, Layer::Fiber, fiber::from_feature)?;
    problems.extend(problem::duplicate_ids(src.name, &items, |f| {
        (Some(f.operator.clone()), f.id.clone())
    }));
    problem::finish(items, problems)
}

/// Reads and validates household points; ids, where given, are unique.
pub fn households(src: Source<'_>) -> Result<Vec<Household>, ImportError> {
    let (items, mut problems) = document::parse(src, Layer::Households, households::from_feature)?;
    let with_id: Vec<(usize, String)> = items
        .iter()
        .filter_map(|(i, h)| h.id.clone().map(|id| (*i, id)))
        .collect();
    problems.extend(problem::duplicate_ids(src.name, &with_id, |id| {
        (None, id.clone())
    }));
    problem::finish(items, problems)
}

/// The four layer files of a dataset.
#[derive(Debug, Clone)]
pub struct DatasetPaths<'a> {
    /// Thôn boundaries.
    pub thon: &'a Path,
    /// Telecom sites.
    pub sites: &'a Path,
    /// Fiber routes.
    pub fiber: &'a Path,
    /// Household points.
    pub households: &'a Path,
}

/// Reads the four layers from files, each in WGS 84 unless it says otherwise or `crs` is given.
pub fn dataset(paths: &DatasetPaths<'_>, crs: Option<EpsgCode>) -> Result<Dataset, ImportError> {
    Ok(Dataset {
        thon: read_file(paths.thon, crs, thon)?.into(),
        sites: read_file(paths.sites, crs, sites)?,
        fiber: read_file(paths.fiber, crs, fiber)?,
        households: read_file(paths.households, crs, households)?.into(),
    })
}

/// Reads a file and hands it to a layer parser.
pub fn read_file<T>(
    path: &Path,
    crs: Option<EpsgCode>,
    parse: impl Fn(Source<'_>) -> Result<Vec<T>, ImportError>,
) -> Result<Vec<T>, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let name = path.display().to_string();
    parse(Source {
        name: &name,
        bytes: &bytes,
        crs,
    })
}
