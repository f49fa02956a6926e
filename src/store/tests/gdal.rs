//! GDAL's reading of the file: `ogrinfo` must list the four layers with their feature counts.
//!
//! CI installs `gdal-bin`; without it these tests fail and say so, rather than pass silently.

use std::path::Path;
use std::process::Command;

use super::*;

/// `ogrinfo -so -al` of a file: GDAL's own reading of it.
fn ogrinfo(path: &Path) -> (String, String) {
    let out = match Command::new("ogrinfo")
        .arg("-so")
        .arg("-al")
        .arg(path)
        .output()
    {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "ogrinfo not found: install GDAL's command-line tools (Debian/Ubuntu: \
             `apt-get install gdal-bin`) to check the GeoPackage the way QGIS reads it"
        ),
        Err(e) => panic!("cannot run ogrinfo: {e}"),
    };
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert!(out.status.success(), "ogrinfo failed:\n{stdout}\n{stderr}");
    (stdout, stderr)
}

/// `(geometry, feature count)` of a layer in ogrinfo's summary.
fn layer_summary<'a>(stdout: &'a str, layer: &str) -> (&'a str, u64) {
    let block = stdout
        .split("Layer name: ")
        .find(|b| b.lines().next() == Some(layer))
        .unwrap_or_else(|| panic!("layer {layer} missing from ogrinfo output:\n{stdout}"));
    let field = |name: &str| {
        block
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .unwrap_or_else(|| panic!("no {name} for {layer}:\n{block}"))
            .trim()
    };
    (
        field("Geometry:"),
        field("Feature Count:").parse().expect("count"),
    )
}

#[test]
fn gdal_reads_the_four_layers_with_their_counts() {
    // The live store, still open in WAL mode, as QGIS would see it while the service runs.
    let (_dir, store) = seeded();
    let (stdout, stderr) = ogrinfo(store.path());
    assert!(
        !stderr.contains("ERROR") && !stderr.contains("Warning"),
        "GDAL complained:\n{stderr}"
    );
    assert_eq!(layer_summary(&stdout, "thon"), ("Multi Polygon", 2));
    assert_eq!(layer_summary(&stdout, "sites"), ("Point", 2));
    assert_eq!(layer_summary(&stdout, "fiber"), ("Multi Line String", 1));
    assert_eq!(layer_summary(&stdout, "households"), ("Point", 2));
    assert!(
        stdout.contains("EPSG\",4326") || stdout.contains("WGS 84"),
        "{stdout}"
    );
}

#[test]
fn gdal_reads_an_exported_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("export.gpkg");
    write_geopackage(&path, &sample()).expect("export");
    let (stdout, stderr) = ogrinfo(&path);
    assert!(
        !stderr.contains("ERROR") && !stderr.contains("Warning"),
        "GDAL complained:\n{stderr}"
    );
    assert_eq!(layer_summary(&stdout, "thon").1, 2);
    assert_eq!(layer_summary(&stdout, "households").1, 2);
}
