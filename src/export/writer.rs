//! Writing a FeatureCollection feature by feature, atomically.
//!
//! Features are serialised one at a time into a buffered temporary file beside the target,
//! which is synced and then renamed over it: readers see the old file or the whole new one,
//! never half a file, and two million households never exist as one JSON tree in memory.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use geojson::Feature;

use super::ExportError;

/// Buffer size: large enough that a 150 MB households file costs few system calls.
const BUFFER_BYTES: usize = 1 << 20;

/// Writes `features` as one FeatureCollection to `path`, via a temporary file and a rename.
pub(crate) fn write_collection<I>(path: &Path, features: I) -> Result<(), ExportError>
where
    I: IntoIterator<Item = Feature>,
{
    let tmp = temp_path(path);
    let written = write_file(&tmp, features).map_err(|source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    });
    let result = written.and_then(|()| {
        fs::rename(&tmp, path).map_err(|source| ExportError::Rename {
            from: tmp.clone(),
            to: path.to_path_buf(),
            source,
        })
    });
    if result.is_err() {
        // Best effort: the error already says what failed, and a stray temp file is harmless.
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// `dir/.name.tmp`: same directory, so the rename stays on one file system and is atomic.
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.tmp"))
}

/// Serialises the collection into a fresh file and syncs it to disk.
fn write_file<I>(tmp: &Path, features: I) -> io::Result<()>
where
    I: IntoIterator<Item = Feature>,
{
    let mut out = BufWriter::with_capacity(BUFFER_BYTES, File::create(tmp)?);
    write_features(&mut out, features)?;
    let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
    file.sync_all()
}

/// The collection text: one feature per line, so sample data diffs line by line.
fn write_features<W, I>(out: &mut W, features: I) -> io::Result<()>
where
    W: Write,
    I: IntoIterator<Item = Feature>,
{
    out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[")?;
    for (i, feature) in features.into_iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, &feature)?;
    }
    out.write_all(b"\n]}\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use geojson::{FeatureCollection, Geometry};

    fn pt(x: f64) -> Feature {
        Feature::from(Geometry::new_point([x, 1.0]))
    }

    #[test]
    fn output_parses_as_a_feature_collection() {
        let mut buf = Vec::new();
        write_features(&mut buf, vec![pt(1.0), pt(2.0)]).expect("writing to memory");
        let fc: FeatureCollection = serde_json::from_slice(&buf).expect("valid GeoJSON");
        assert_eq!(fc.features, vec![pt(1.0), pt(2.0)]);
    }

    #[test]
    fn empty_collection_is_valid() {
        let mut buf = Vec::new();
        write_features(&mut buf, Vec::new()).expect("writing to memory");
        let fc: FeatureCollection = serde_json::from_slice(&buf).expect("valid GeoJSON");
        assert!(fc.features.is_empty());
    }

    #[test]
    fn temp_file_sits_beside_the_target() {
        let tmp = temp_path(Path::new("/out/thon.geojson"));
        assert_eq!(tmp, PathBuf::from("/out/.thon.geojson.tmp"));
    }

    #[test]
    fn no_temp_file_is_left_after_success() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("x.geojson");
        write_collection(&path, vec![pt(1.0)]).expect("write succeeds");
        assert!(path.exists());
        assert!(!temp_path(&path).exists());
    }
}
