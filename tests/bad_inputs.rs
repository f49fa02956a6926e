//! Bad uploads against a real server: every file of tests/bad_inputs/ and a few generated
//! monsters (too large, a million vertices, 100 000 levels of nesting). Each must get a 4xx
//! problem+json answer that names its reason, leave the data and the history exactly as they
//! were, and leave the server answering.
//!
//! The mapping, from src/api/error.rs and the OpenAPI document: anything the importer refuses,
//! unparseable bytes included, is 422 with a `problems` list (nothing is 400: the body is the
//! only input of an upload); a body over the byte limit or an upload over the feature limit is
//! 413.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use common::{Server, token};
use serde_json::Value;

/// One corpus file: the answer it must get, and a phrase the answer must contain.
struct Case {
    file: &'static str,
    status: u16,
    says: &'static str,
}

const fn case(file: &'static str, status: u16, says: &'static str) -> Case {
    Case { file, status, says }
}

/// tests/bad_inputs/sites/*: POSTed to /api/sites.
const SITES: &[Case] = &[
    // Not JSON, or not a FeatureCollection.
    case("empty.geojson", 422, "the file is empty"),
    case("whitespace_only.geojson", 422, "the file is empty"),
    case("truncated.geojson", 422, "not valid JSON"),
    case("trailing_comma.geojson", 422, "not valid JSON"),
    case("single_quotes.geojson", 422, "not valid JSON"),
    case("comments.geojson", 422, "not valid JSON"),
    case("nan_literal.geojson", 422, "not valid JSON"),
    case("infinity_literal.geojson", 422, "not valid JSON"),
    case("png_header.png", 422, "not UTF-8"),
    case("sites.csv", 422, "not valid JSON"),
    case("sites.kml", 422, "not valid JSON"),
    case("latin1.geojson", 422, "not UTF-8"),
    case("utf16_bom.geojson", 422, "not UTF-8"),
    case("bom_twice.geojson", 422, "not valid JSON"),
    // A UTF-8 byte-order mark is accepted: the answer is about the content.
    case("bom_then_unknown_tech.geojson", 422, "unknown tech \"6G\""),
    case(
        "top_level_array.geojson",
        422,
        "the top level is not an object",
    ),
    case(
        "top_level_string.geojson",
        422,
        "the top level is not an object",
    ),
    case(
        "top_level_null.geojson",
        422,
        "the top level is not an object",
    ),
    case(
        "top_level_number.geojson",
        422,
        "the top level is not an object",
    ),
    case("geojson_seq.geojson", 422, "trailing characters"),
    case("bare_feature.geojson", 422, "found type \"Feature\""),
    case("bare_geometry.geojson", 422, "found type \"Point\""),
    case("no_type.geojson", 422, "no \"type\": \"FeatureCollection\""),
    case(
        "type_lowercase.geojson",
        422,
        "found type \"featurecollection\"",
    ),
    case(
        "type_number.geojson",
        422,
        "not GeoJSON: invalid type: integer `7`",
    ),
    case("empty_collection.geojson", 422, "has no features"),
    case("features_missing.geojson", 422, "no \"features\" array"),
    case("features_null.geojson", 422, "no \"features\" array"),
    case(
        "features_object.geojson",
        422,
        "not GeoJSON: invalid type: map, expected a sequence",
    ),
    // Members of "features" that are not Features.
    case(
        "feature_is_number.geojson",
        422,
        "not a valid GeoJSON Feature",
    ),
    case(
        "feature_is_geometry.geojson",
        422,
        "not a valid GeoJSON Feature",
    ),
    case("geometry_null.geojson", 422, "has no geometry"),
    case("geometry_missing.geojson", 422, "has no geometry"),
    case(
        "properties_null.geojson",
        422,
        "missing property \"operator\"",
    ),
    // Geometry.
    case("polygon.geojson", 422, "wrong geometry type Polygon"),
    case("linestring.geojson", 422, "wrong geometry type LineString"),
    case("multipoint.geojson", 422, "wrong geometry type MultiPoint"),
    case(
        "geometry_collection.geojson",
        422,
        "wrong geometry type GeometryCollection",
    ),
    case(
        "geometry_unknown_type.geojson",
        422,
        "unknown variant `Circle`",
    ),
    case("point_one_number.geojson", 422, "two or more elements"),
    case("point_no_numbers.geojson", 422, "two or more elements"),
    case("point_strings.geojson", 422, "not a valid GeoJSON Feature"),
    case("point_nested.geojson", 422, "not a valid GeoJSON Feature"),
    case("coordinate_1e308.geojson", 422, "out of range"),
    case("coordinate_1e309.geojson", 422, "number out of range"),
    case("coordinate_minus_1e308.geojson", 422, "out of range"),
    case("lat_lon_swapped.geojson", 422, "look swapped"),
    case("lat_91.geojson", 422, "out of range"),
    case("lon_181.geojson", 422, "out of range"),
    case("utm_metres.geojson", 422, "projected CRS"),
    // Properties.
    case(
        "missing_operator.geojson",
        422,
        "missing property \"operator\"",
    ),
    case(
        "operator_empty.geojson",
        422,
        "missing property \"operator\"",
    ),
    case(
        "operator_number.geojson",
        422,
        "property \"operator\" must be a string",
    ),
    case("missing_tech.geojson", 422, "missing property \"tech\""),
    case("tech_6g.geojson", 422, "unknown tech \"6G\""),
    case("tech_number.geojson", 422, "tech must be a string"),
    case("tech_empty_array.geojson", 422, "empty array"),
    case("tech_object.geojson", 422, "tech must be a string"),
    case("missing_id.geojson", 422, "missing id"),
    case("id_empty.geojson", 422, "id is empty"),
    case("id_float.geojson", 422, "id must be a string or an integer"),
    case(
        "id_object.geojson",
        422,
        "id must be a string or an integer",
    ),
    case("duplicate_ids.geojson", 422, "duplicate id"),
    case(
        "duplicate_ids_feature_and_properties.geojson",
        422,
        "duplicate id",
    ),
    case("radius_zero.geojson", 422, "a radius must be more than 0"),
    case(
        "radius_negative.geojson",
        422,
        "a radius must be more than 0",
    ),
    case("radius_200km.geojson", 422, "at most 100 km"),
    case(
        "radius_string.geojson",
        422,
        "property \"radius_m\" must be a number",
    ),
    case("radius_1e308.geojson", 422, "1e308"),
    case(
        "height_string.geojson",
        422,
        "property \"height_m\" must be a number",
    ),
    case("height_negative.geojson", 422, "\"height_m\" = -1"),
    case("frequency_zero.geojson", 422, "\"frequency_mhz\" = 0"),
    case("eirp_huge.geojson", 422, "\"eirp_dbm\" = 1e300"),
    case(
        "sectors_string.geojson",
        422,
        "\"sectors\" must be an array",
    ),
    case("sector_number.geojson", 422, "sectors[0] must be an object"),
    case(
        "sector_missing_azimuth.geojson",
        422,
        "missing property \"azimuth_deg\"",
    ),
    case(
        "sector_beamwidth_zero.geojson",
        422,
        "\"beamwidth_deg\" = 0",
    ),
    case("sector_tilt_out_of_range.geojson", 422, "\"tilt_deg\" = 95"),
    case("sectors_and_azimuth.geojson", 422, "not both"),
    // The CRS member.
    case("crs_unknown_epsg.geojson", 422, "unknown or unusable CRS"),
    case("crs_no_name.geojson", 422, "has no properties.name"),
    case("crs_garbage_name.geojson", 422, "the \"crs\" member"),
    case("crs_string.geojson", 422, "has no properties.name"),
    case("crs_wrong_vn2000.geojson", 422, "area of use of EPSG:5898"),
    // All or nothing.
    case("one_bad_among_good.geojson", 422, "unknown tech \"6G\""),
    case(
        "every_feature_bad.geojson",
        422,
        "the upload has 3 problem(s)",
    ),
];

/// tests/bad_inputs/fiber/*: POSTed to /api/fiber.
const FIBER: &[Case] = &[
    case("point.geojson", 422, "wrong geometry type Point"),
    case("polygon.geojson", 422, "wrong geometry type Polygon"),
    case("one_position.geojson", 422, "at least 2 distinct positions"),
    case(
        "repeated_position.geojson",
        422,
        "at least 2 distinct positions",
    ),
    case(
        "multiline_with_empty_part.geojson",
        422,
        "line 1 needs at least 2",
    ),
    case("lat_lon_swapped.geojson", 422, "look swapped"),
    case("coordinate_1e308.geojson", 422, "out of range"),
    case(
        "missing_operator.geojson",
        422,
        "missing property \"operator\"",
    ),
    case("speed_zero.geojson", 422, "\"max_speed_mbps\" = 0"),
    case(
        "speed_string.geojson",
        422,
        "property \"max_speed_mbps\" must be a number",
    ),
    case("drop_negative.geojson", 422, "\"max_drop_m\" = -5"),
    case("duplicate_ids.geojson", 422, "duplicate id"),
    case("sites_file.geojson", 422, "wrong geometry type Point"),
];

fn corpus_dir(layer: &str) -> PathBuf {
    common::root().join("tests/bad_inputs").join(layer)
}

/// Everything an upload could change, as the API serves it.
#[derive(Debug, PartialEq)]
struct Served {
    thon: Value,
    sites: Value,
    fiber: Value,
    history: Value,
}

fn served(s: &Server) -> Served {
    Served {
        thon: s.json("/api/thon"),
        sites: s.json("/api/sites"),
        fiber: s.json("/api/fiber"),
        history: s.json("/api/history"),
    }
}

/// One bad upload: where it goes, what it is called in messages, and the answer it must get.
struct Attempt<'a> {
    path: &'a str,
    name: &'a str,
    body: Vec<u8>,
    status: u16,
    says: &'a str,
}

/// POSTs one bad body and checks the answer, that nothing changed, and that the server lives.
/// Returns the problem document, or what is wrong with the answer.
fn refused(s: &Server, token: &str, before: &Served, a: Attempt<'_>) -> Result<Value, String> {
    let Attempt {
        path,
        name,
        body,
        status,
        says,
    } = a;
    let (got, content_type, text) = s.post_bytes(path, Some(token), body);
    let what = format!("{name} → POST {path}");
    let short: String = text.chars().take(600).collect();
    if s.get("/healthz") != (200, "ok".into()) {
        return Err(format!("{what}: /healthz does not answer"));
    }
    if served(s) != *before {
        return Err(format!("{what}: the served data or the history changed"));
    }
    if got != status {
        return Err(format!("{what}: answered {got}, not {status}: {short}"));
    }
    if content_type != "application/problem+json" {
        return Err(format!("{what}: content type {content_type:?}: {short}"));
    }
    let problem: Value = serde_json::from_str(&text)
        .map_err(|e| format!("{what}: the answer is not JSON ({e}): {short}"))?;
    if problem["status"] != status {
        return Err(format!("{what}: \"status\" is not {status}: {short}"));
    }
    let mut said = problem["detail"].as_str().unwrap_or_default().to_string();
    let problems = problem["problems"].as_array();
    for p in problems.into_iter().flatten() {
        said.push('\n');
        said.push_str(p["reason"].as_str().unwrap_or_default());
    }
    if !said.contains(says) {
        return Err(format!("{what}: the answer does not say {says:?}: {short}"));
    }
    if status == 422 && problems.is_none_or(Vec::is_empty) {
        return Err(format!("{what}: a 422 without its problems: {short}"));
    }
    Ok(problem)
}

#[test]
fn the_table_lists_every_corpus_file_once() {
    for (layer, table) in [("sites", SITES), ("fiber", FIBER)] {
        let on_disk: BTreeSet<String> = std::fs::read_dir(corpus_dir(layer))
            .expect("the corpus folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
            .collect();
        let listed: BTreeSet<String> = table.iter().map(|c| c.file.to_string()).collect();
        assert_eq!(listed.len(), table.len(), "{layer}: a file listed twice");
        assert_eq!(on_disk, listed, "{layer}: files and table differ");
    }
    assert!(SITES.len() + FIBER.len() >= 50);
}

/// `n` copies of a site feature with distinct ids, as JSON text without the brackets.
fn site_features(n: usize, tech: &str) -> String {
    (0..n)
        .map(|i| {
            format!(
                r#"{{"type":"Feature","geometry":{{"type":"Point","coordinates":[108.78,15.17]}},"properties":{{"id":"GEN-{i}","operator":"Viettel","tech":"{tech}"}}}}"#
            )
        })
        .collect::<Vec<_>>()
        .join(",")
}

fn collection(features: &str) -> String {
    format!(r#"{{"type":"FeatureCollection","features":[{features}]}}"#)
}

/// A feature of `geometry`, the text of a GeoJSON geometry object.
fn feature_with(geometry: &str, props: &str) -> String {
    format!(r#"{{"type":"Feature","geometry":{geometry},"properties":{props}}}"#)
}

/// Bodies too big for a corpus file, made here.
fn generated() -> Vec<Attempt<'static>> {
    const MIB: usize = 1024 * 1024;
    const DEPTH: usize = 100_000;
    let site_props = r#"{"id":"GEN","operator":"Viettel","tech":"4G"}"#;
    let nested = |open: &str, core: &str, close: &str| {
        format!("{}{core}{}", open.repeat(DEPTH), close.repeat(DEPTH))
    };

    // A million-vertex ring (a circle) and a million-vertex line whose last vertex is off
    // the globe; short numbers keep both well under the byte limit.
    let n = 1_000_000;
    let ring: Vec<String> = (0..=n)
        .map(|i| {
            let a = std::f64::consts::TAU * (i % n) as f64 / n as f64;
            format!(
                "[{:.3},{:.3}]",
                108.78 + 0.01 * a.cos(),
                15.17 + 0.01 * a.sin()
            )
        })
        .collect();
    let polygon = format!(
        r#"{{"type":"Polygon","coordinates":[[{}]]}}"#,
        ring.join(",")
    );
    let mut line: Vec<String> = (0..n)
        .map(|i| format!("[{:.4},15.17]", 108.7 + 0.1 * i as f64 / n as f64))
        .collect();
    line.push("[200.0,15.17]".into());
    let line = format!(
        r#"{{"type":"LineString","coordinates":[{}]}}"#,
        line.join(",")
    );
    let fiber_props = r#"{"id":"GEN-F","operator":"VNPT"}"#;

    // Between axum's own 2 MB default and the service's 20 MiB: must be read and judged.
    let five_mib = {
        let mut f = site_features(1, "6G");
        f.push_str(&" ".repeat(5 * MIB));
        collection(&f).into_bytes()
    };
    vec![
        Attempt {
            name: "a 5 MiB body with an unknown tech",
            path: "/api/sites",
            body: five_mib,
            status: 422,
            says: "unknown tech \"6G\"",
        },
        Attempt {
            name: "10 001 features, one over the feature limit",
            path: "/api/sites",
            body: collection(&site_features(10_001, "4G")).into_bytes(),
            status: 413,
            says: "the limit is 10000",
        },
        Attempt {
            name: "10 000 bad features",
            path: "/api/sites",
            body: collection(&site_features(10_000, "6G")).into_bytes(),
            status: 422,
            says: "the upload has 10000 problem(s)",
        },
        Attempt {
            name: "a polygon of a million vertices in the sites",
            path: "/api/sites",
            body: collection(&feature_with(&polygon, site_props)).into_bytes(),
            status: 422,
            says: "wrong geometry type Polygon",
        },
        Attempt {
            name: "a fiber line of a million vertices, the last off the globe",
            path: "/api/fiber",
            body: collection(&feature_with(&line, fiber_props)).into_bytes(),
            status: 422,
            says: "out of range",
        },
        Attempt {
            name: "100 000 nested arrays",
            path: "/api/sites",
            body: nested("[", "", "]").into_bytes(),
            status: 422,
            says: "the top level is not an object",
        },
        Attempt {
            name: "100 000 unclosed arrays",
            path: "/api/sites",
            body: "[".repeat(DEPTH).into_bytes(),
            status: 422,
            says: "not valid JSON",
        },
        Attempt {
            name: "100 000 nested arrays as the features",
            path: "/api/sites",
            body: collection(&nested("[", "", "]")).into_bytes(),
            status: 422,
            says: "not a valid GeoJSON Feature",
        },
        Attempt {
            name: "100 000 nested arrays as coordinates",
            path: "/api/sites",
            body: collection(&feature_with(
                &format!(
                    r#"{{"type":"Point","coordinates":{}}}"#,
                    nested("[", "", "]")
                ),
                site_props,
            ))
            .into_bytes(),
            status: 422,
            says: "recursion limit",
        },
        Attempt {
            name: "100 000 nested objects in the properties",
            path: "/api/sites",
            body: collection(&feature_with(
                r#"{"type":"Point","coordinates":[108.78,15.17]}"#,
                &format!(
                    r#"{{"id":"GEN","operator":"Viettel","tech":"4G","x":{}}}"#,
                    nested(r#"{"a":"#, "0", "}")
                ),
            ))
            .into_bytes(),
            status: 422,
            says: "recursion limit",
        },
        Attempt {
            name: "100 000 nested objects as the crs member",
            path: "/api/sites",
            body: format!(
                r#"{{"type":"FeatureCollection","crs":{},"features":[{}]}}"#,
                nested(r#"{"a":"#, "0", "}"),
                site_features(1, "4G")
            )
            .into_bytes(),
            status: 422,
            says: "recursion limit",
        },
    ]
}

#[test]
fn every_bad_input_is_refused_with_its_reason_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let s = Server::start(dir.path(), &[]);
    let admin = token(dir.path(), &["--admin"]);
    let before = served(&s);
    let history_len = before.history.as_array().map(Vec::len);

    let mut failures = Vec::new();
    for (layer, table) in [("sites", SITES), ("fiber", FIBER)] {
        for c in table {
            let body = std::fs::read(corpus_dir(layer).join(c.file)).expect("a corpus file");
            let attempt = Attempt {
                path: &format!("/api/{layer}"),
                name: &format!("{layer}/{}", c.file),
                body,
                status: c.status,
                says: c.says,
            };
            match refused(&s, &admin, &before, attempt) {
                Err(e) => failures.push(e),
                Ok(problem) if c.file == "one_bad_among_good.geojson" => {
                    // The problem names the bad feature by index and id, and only it.
                    assert_eq!(
                        problem["problems"],
                        serde_json::json!([{"file": "upload", "feature": 3, "id": "BAD-LAST",
                            "reason": "unknown tech \"6G\" (expected one of \"2G\", \"3G\", \"4G\", \"5G\")"}])
                    );
                }
                Ok(_) => {}
            }
        }
    }
    for attempt in generated() {
        if let Err(e) = refused(&s, &admin, &before, attempt) {
            failures.push(e);
        }
    }
    // Far over the 20 MiB byte limit: a valid collection followed by 30 MiB of spaces. It
    // is refused by its Content-Length, before a byte of it is read.
    let mut over = collection(&site_features(1, "4G")).into_bytes();
    over.resize(over.len() + 30 * 1024 * 1024, b' ');
    let (status, headers, body) =
        common::post_expecting_continue(s.addr(), "/api/sites", &admin, &over);
    let text = String::from_utf8_lossy(&body);
    assert_eq!(status, 413, "30 MiB: {text}");
    assert!(
        headers.contains(&"content-type: application/problem+json".to_string()),
        "30 MiB: {headers:?}"
    );
    let problem: Value = serde_json::from_str(&text).expect("problem+json");
    assert_eq!(problem["status"], 413);
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("larger than the limit of 20971520 bytes (20 MiB)")),
        "30 MiB: {problem}"
    );
    assert_eq!(s.get("/healthz"), (200, "ok".into()));
    assert!(served(&s) == before, "30 MiB: the served data changed");

    assert!(
        failures.is_empty(),
        "{} bad input(s) not refused as they should be:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(
        s.json("/api/history").as_array().map(Vec::len),
        history_len,
        "no upload was recorded"
    );
}

/// The decision on a UTF-8 byte-order mark: accepted (RFC 8259 §8.1 allows ignoring it, and
/// Windows tools write it). And a valid upload between 2 and 20 MiB is accepted: the body
/// limit is the service's, not axum's 2 MB default.
#[test]
fn a_byte_order_mark_and_a_large_valid_body_are_accepted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let s = Server::start(dir.path(), &[]);
    let admin = token(dir.path(), &["--admin"]);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(common::one_site("BOM-1", "VNPT", 108.78, 15.17, "4G", 500.0).into_bytes());
    let (status, _, text) = s.post_bytes("/api/sites", Some(&admin), bom);
    assert_eq!(status, 200, "{text}");

    let mut big = common::one_site("BIG-1", "VNPT", 108.79, 15.18, "4G", 500.0).into_bytes();
    big.resize(big.len() + 5 * 1024 * 1024, b'\n');
    let (status, _, text) = s.post_bytes("/api/sites", Some(&admin), big);
    assert_eq!(status, 200, "a 5 MiB upload: {text}");

    let ids: BTreeSet<String> = s.json("/api/sites?operator=VNPT")["features"]
        .as_array()
        .expect("features")
        .iter()
        .filter_map(|f| f["properties"]["id"].as_str().map(String::from))
        .collect();
    assert!(ids.contains("BOM-1") && ids.contains("BIG-1"), "{ids:?}");
}
