//! Writing a dataset back out as RFC 7946 GeoJSON, in the property format [`crate::import`]
//! reads.
//!
//! Coordinates are WGS 84 lon/lat rounded to 7 decimals (about 1 cm); polygon exteriors are
//! counter-clockwise and holes clockwise (RFC 7946 §3.1.6). Each layer is one file:
//! - `thon.geojson`: Polygon/MultiPolygon; `id`, `name`, `commune`, `population`,
//!   `households`, `clutter`.
//! - `sites.geojson`: Point; `id`, `operator`, `tech`, optional `height_m`, `radius_m`,
//!   `frequency_mhz`, `eirp_dbm`, and `sectors` (omitted for omnidirectional sites).
//! - `fiber.geojson`: LineString/MultiLineString; `id`, `operator`, `max_speed_mbps`,
//!   `max_drop_m`.
//! - `households.geojson`: Point; `id` and `people` when known.

mod features;
mod geometry;
mod writer;

use std::io;
use std::path::{Path, PathBuf};

pub use features::{
    fiber_collection, fiber_feature, household_feature, households_collection, site_feature,
    sites_collection, thon_collection, thon_feature,
};
pub use geometry::{COORD_DECIMALS, round_deg};

use crate::domain::Dataset;

/// File name of the thôn layer.
pub const THON_FILE: &str = "thon.geojson";
/// File name of the sites layer.
pub const SITES_FILE: &str = "sites.geojson";
/// File name of the fiber layer.
pub const FIBER_FILE: &str = "fiber.geojson";
/// File name of the households layer.
pub const HOUSEHOLDS_FILE: &str = "households.geojson";

/// Why a dataset could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The output directory could not be created.
    #[error("cannot create output directory {path}")]
    CreateDir {
        /// The directory.
        path: PathBuf,
        /// The cause.
        #[source]
        source: io::Error,
    },
    /// A layer could not be written to its temporary file.
    #[error("cannot write {path}")]
    Write {
        /// The layer file being written.
        path: PathBuf,
        /// The cause.
        #[source]
        source: io::Error,
    },
    /// A finished temporary file could not be moved into place.
    #[error("cannot move {from} into place as {to}")]
    Rename {
        /// The temporary file.
        from: PathBuf,
        /// The layer file.
        to: PathBuf,
        /// The cause.
        #[source]
        source: io::Error,
    },
}

/// Writes the four layers of `ds` into `dir` (created if missing) as `thon.geojson`,
/// `sites.geojson`, `fiber.geojson` and `households.geojson`.
///
/// Each file is replaced atomically; if an error stops the export part-way, the layers
/// already written are complete and the others are untouched.
pub fn write_dataset(dir: &Path, ds: &Dataset) -> Result<(), ExportError> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::CreateDir {
        path: dir.to_path_buf(),
        source,
    })?;
    writer::write_collection(&dir.join(THON_FILE), ds.thon.iter().map(thon_feature))?;
    writer::write_collection(&dir.join(SITES_FILE), ds.sites.iter().map(site_feature))?;
    writer::write_collection(&dir.join(FIBER_FILE), ds.fiber.iter().map(fiber_feature))?;
    writer::write_collection(
        &dir.join(HOUSEHOLDS_FILE),
        ds.households.iter().map(household_feature),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Household;
    use geo::Point;
    use geojson::FeatureCollection;

    fn tiny() -> Dataset {
        Dataset {
            households: vec![Household {
                id: None,
                people: None,
                location: Point::new(108.78, 15.17),
            }]
            .into(),
            ..Dataset::default()
        }
    }

    fn read(path: &Path) -> FeatureCollection {
        let text = std::fs::read_to_string(path).expect("layer file exists");
        serde_json::from_str(&text).expect("layer file is GeoJSON")
    }

    #[test]
    fn writes_four_layers_into_a_new_directory() {
        let root = tempfile::tempdir().expect("temp dir");
        let dir = root.path().join("out/nested");
        write_dataset(&dir, &tiny()).expect("export succeeds");
        for name in [THON_FILE, SITES_FILE, FIBER_FILE] {
            assert!(read(&dir.join(name)).features.is_empty(), "{name}");
        }
        assert_eq!(read(&dir.join(HOUSEHOLDS_FILE)).features.len(), 1);
    }

    #[test]
    fn directory_under_a_file_is_a_create_dir_error() {
        let root = tempfile::tempdir().expect("temp dir");
        let file = root.path().join("plain");
        std::fs::write(&file, b"x").expect("write plain file");
        let err = write_dataset(&file.join("sub"), &tiny()).expect_err("cannot mkdir under a file");
        assert!(matches!(err, ExportError::CreateDir { .. }), "{err:?}");
    }

    #[test]
    fn unwritable_temp_file_is_a_write_error() {
        let root = tempfile::tempdir().expect("temp dir");
        // A directory where the temp file should go makes File::create fail, even as root.
        std::fs::create_dir(root.path().join(".thon.geojson.tmp")).expect("block temp path");
        let err = write_dataset(root.path(), &tiny()).expect_err("temp file blocked");
        assert!(
            matches!(err, ExportError::Write { ref path, .. } if path.ends_with(THON_FILE)),
            "{err:?}"
        );
    }

    #[test]
    fn target_that_is_a_directory_is_a_rename_error() {
        let root = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(root.path().join(SITES_FILE).join("x")).expect("block target");
        let err = write_dataset(root.path(), &tiny()).expect_err("target is a directory");
        assert!(matches!(err, ExportError::Rename { .. }), "{err:?}");
        assert!(
            !root.path().join(".sites.geojson.tmp").exists(),
            "temp file cleaned up"
        );
        assert!(
            root.path().join(THON_FILE).exists(),
            "earlier layer is complete"
        );
    }
}
