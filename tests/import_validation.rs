//! Import validation: one test per class of problem the importer must name, each asserting the
//! problem's feature index, feature id and a key phrase of its reason; then the `check`
//! command line on real and broken files.
//!
//! Every dataset here is hand-made around xã Tịnh Thiện (15.17° N, 108.78° E), in WGS 84
//! lon/lat unless a test says otherwise.

use std::path::Path;
use std::process::{Command, Output};

use approx::assert_abs_diff_eq;
use phusong::crs::EpsgCode;
use phusong::domain::Tech;
use phusong::import::{self, ImportError, Problem, Source};
use serde_json::{Value, json};

const LON: f64 = 108.78;
const LAT: f64 = 15.17;

// ---------------------------------------------------------------------------------------------
// Helpers

/// A FeatureCollection of the given features, as JSON text.
fn collection(features: &[Value]) -> String {
    json!({ "type": "FeatureCollection", "features": features }).to_string()
}

/// A closed square ring, lon/lat, with its south-west corner at (lon, lat).
fn square(lon: f64, lat: f64, size_deg: f64) -> Value {
    json!([
        [lon, lat],
        [lon + size_deg, lat],
        [lon + size_deg, lat + size_deg],
        [lon, lat + size_deg],
        [lon, lat]
    ])
}

/// A valid thôn with the given id and exterior ring.
fn thon(id: Value, ring: Value) -> Value {
    json!({
        "type": "Feature",
        "id": id,
        "geometry": { "type": "Polygon", "coordinates": [ring] },
        "properties": { "name": "Thôn Một", "population": 400, "households": 100 }
    })
}

/// A valid thôn `id` as a 0.01° square whose south-west corner is `k` squares east of the
/// commune's reference point (so thôn with different `k` never overlap).
fn thon_at(id: &str, k: usize) -> Value {
    thon(json!(id), square(LON + 0.02 * k as f64, LAT, 0.01))
}

/// A thôn feature with the given properties (and a valid square geometry).
fn thon_with_props(props: Value) -> Value {
    json!({
        "type": "Feature",
        "geometry": { "type": "Polygon", "coordinates": [square(LON, LAT, 0.01)] },
        "properties": props
    })
}

/// A site feature with the given properties at the reference point.
fn site_with_props(props: Value) -> Value {
    point_feature([LON, LAT], props)
}

fn point_feature(coordinates: [f64; 2], props: Value) -> Value {
    json!({
        "type": "Feature",
        "geometry": { "type": "Point", "coordinates": coordinates },
        "properties": props
    })
}

/// A valid site of an operator.
fn site(id: &str, operator: &str) -> Value {
    site_with_props(json!({ "id": id, "operator": operator, "tech": ["4G"] }))
}

fn source(text: &str) -> Source<'_> {
    Source {
        name: "test.geojson",
        bytes: text.as_bytes(),
        crs: None,
    }
}

/// The problems of a rejected layer (panics if the layer was accepted).
fn problems<T: std::fmt::Debug>(result: Result<Vec<T>, ImportError>) -> Vec<Problem> {
    match result {
        Ok(items) => panic!("expected problems, the layer was accepted: {items:?}"),
        Err(e) => {
            let p = e.problems().to_vec();
            assert!(!p.is_empty(), "an error without problems: {e}");
            p
        }
    }
}

/// The one problem of a rejected layer.
fn only_problem<T: std::fmt::Debug>(result: Result<Vec<T>, ImportError>) -> Problem {
    let p = problems(result);
    assert_eq!(p.len(), 1, "expected exactly one problem, got {p:#?}");
    p.into_iter().next().expect("one problem")
}

/// Asserts a problem's file, feature index, id and a phrase of its reason.
fn assert_problem(p: &Problem, feature: Option<usize>, id: Option<&str>, phrase: &str) {
    assert_eq!(p.file, "test.geojson", "{p}");
    assert_eq!(p.feature, feature, "feature index of {p}");
    assert_eq!(p.id.as_deref(), id, "id of {p}");
    assert!(
        p.reason.contains(phrase),
        "reason of {p} should contain {phrase:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Geometry

#[test]
fn unclosed_ring_is_rejected() {
    let open = json!([
        [LON, LAT],
        [LON + 0.01, LAT],
        [LON + 0.01, LAT + 0.01],
        [LON, LAT + 0.01]
    ]);
    let text = collection(&[thon_at("A", 0), thon(json!("B"), open)]);
    let p = only_problem(import::thon(source(&text)));
    assert_problem(&p, Some(1), Some("B"), "is not closed");
}

#[test]
fn self_intersecting_bow_tie_ring_is_rejected() {
    let d = 0.01;
    let bow_tie = json!([
        [LON, LAT],
        [LON + d, LAT + d],
        [LON + d, LAT],
        [LON, LAT + d],
        [LON, LAT]
    ]);
    let text = collection(&[thon_at("A", 0), thon(json!("B"), bow_tie)]);
    let p = only_problem(import::thon(source(&text)));
    assert_problem(&p, Some(1), Some("B"), "self-intersection");
}

#[test]
fn ring_with_too_few_positions_is_rejected() {
    let triangle_open = json!([[LON, LAT], [LON + 0.01, LAT], [LON, LAT]]);
    let text = collection(&[thon_at("A", 0), thon(json!("B"), triangle_open)]);
    let p = only_problem(import::thon(source(&text)));
    assert_problem(&p, Some(1), Some("B"), "a ring needs at least 4");
}

#[test]
fn line_with_one_position_is_rejected() {
    let route = |id: &str, coordinates: Value| {
        json!({
            "type": "Feature",
            "geometry": { "type": "LineString", "coordinates": coordinates },
            "properties": { "id": id, "operator": "VNPT" }
        })
    };
    let text = collection(&[
        route("F1", json!([[LON, LAT], [LON + 0.01, LAT]])),
        route("F2", json!([[LON, LAT]])),
    ]);
    let p = only_problem(import::fiber(source(&text)));
    assert_problem(&p, Some(1), Some("F2"), "at least 2 distinct positions");
}

#[test]
fn position_with_one_number_is_rejected() {
    let text = collection(&[site("S1", "VNPT"), point_feature_raw(json!([LON]), "S2")]);
    let p = only_problem(import::sites(source(&text)));
    // geojson refuses it while reading the Feature; the id is still recovered for the message.
    assert_problem(&p, Some(1), Some("S2"), "not a valid GeoJSON Feature");
    assert!(p.reason.contains("two or more elements"), "{p}");
}

/// A site whose coordinates are any JSON (not necessarily a valid position).
fn point_feature_raw(coordinates: Value, id: &str) -> Value {
    json!({
        "type": "Feature",
        "geometry": { "type": "Point", "coordinates": coordinates },
        "properties": { "id": id, "operator": "VNPT", "tech": "4G" }
    })
}

#[test]
fn coordinates_out_of_range_are_rejected() {
    let text = collection(&[
        site("S1", "VNPT"),
        point_feature_raw(json!([188.78, LAT]), "S2"),
    ]);
    let p = only_problem(import::sites(source(&text)));
    assert_problem(
        &p,
        Some(1),
        Some("S2"),
        "out of range for longitude/latitude",
    );
}

#[test]
fn projected_coordinates_without_a_crs_suggest_giving_one() {
    let text = collection(&[point_feature_raw(json!([583600.0, 1677900.0]), "S1")]);
    let p = only_problem(import::sites(source(&text)));
    assert_problem(&p, Some(0), Some("S1"), "out of range");
    assert!(p.reason.contains("--crs"), "{p}");
}

#[test]
fn swapped_lat_lon_is_rejected_with_a_hint() {
    let text = collection(&[point_feature_raw(json!([LAT, LON]), "S1")]);
    let p = only_problem(import::sites(source(&text)));
    assert_problem(&p, Some(0), Some("S1"), "out of range");
    assert!(p.reason.contains("look swapped"), "{p}");
}

#[test]
fn huge_coordinate_is_rejected() {
    // NaN and ∞ cannot be written in JSON, but 1e300 can, and is finite.
    let text = collection(&[
        site("S1", "VNPT"),
        point_feature_raw(json!([1e300, LAT]), "S2"),
    ]);
    let p = only_problem(import::sites(source(&text)));
    assert_problem(
        &p,
        Some(1),
        Some("S2"),
        "coordinate (1e300, 15.17) is out of range",
    );
}

#[test]
fn number_beyond_f64_is_rejected() {
    // 1e400 overflows f64: the JSON reader refuses it rather than reading ∞.
    let text =
        collection(&[site("S1", "VNPT")]).replace(&format!("[{LON},{LAT}]"), "[1e400,15.17]");
    assert!(
        text.contains("1e400"),
        "the test must put 1e400 in the file: {text}"
    );
    let p = only_problem(import::sites(source(&text)));
    assert_problem(&p, Some(0), Some("S1"), "not a valid GeoJSON Feature");
    assert!(p.reason.contains("number out of range"), "{p}");
}

#[test]
fn huge_population_is_rejected() {
    let text = collection(&[thon_with_props(
        json!({ "id": "A", "name": "A", "population": 1e300, "households": 10 }),
    )]);
    let p = only_problem(import::thon(source(&text)));
    // Shown as 1e300, not as 301 digits.
    assert_problem(
        &p,
        Some(0),
        Some("A"),
        "\"population\" must be a whole number, found 1e300",
    );
}

#[test]
fn huge_people_is_rejected() {
    let text = collection(&[point_feature([LON, LAT], json!({ "people": 1e300 }))]);
    let p = only_problem(import::households(source(&text)));
    assert_problem(&p, Some(0), None, "\"people\" = 1e300 is outside [0, 1000]");
}

#[test]
fn wrong_geometry_type_is_rejected_for_each_layer() {
    let point = json!({ "type": "Point", "coordinates": [LON, LAT] });
    let polygon = json!({ "type": "Polygon", "coordinates": [square(LON, LAT, 0.01)] });
    let line = json!({ "type": "LineString", "coordinates": [[LON, LAT], [LON + 0.01, LAT]] });
    let feature = |geometry: &Value| {
        json!({
            "type": "Feature", "geometry": geometry,
            "properties": { "id": "X", "operator": "VNPT", "tech": "4G",
                            "name": "X", "population": 1, "households": 1 }
        })
    };
    let cases: [(&Value, &str, &str); 4] = [
        (&point, "thon", "expected Polygon or MultiPolygon"),
        (&polygon, "sites", "expected Point"),
        (&point, "fiber", "expected LineString or MultiLineString"),
        (&line, "households", "expected Point"),
    ];
    for (geometry, layer, expected) in cases {
        let text = collection(&[feature(geometry)]);
        let p = match layer {
            "thon" => only_problem(import::thon(source(&text))),
            "sites" => only_problem(import::sites(source(&text))),
            "fiber" => only_problem(import::fiber(source(&text))),
            _ => only_problem(import::households(source(&text))),
        };
        assert_problem(
            &p,
            Some(0),
            Some("X"),
            &format!("for the {layer} layer ({expected})"),
        );
        assert!(p.reason.contains("wrong geometry type"), "{p}");
    }
}

#[test]
fn feature_without_geometry_is_rejected() {
    let text = collection(&[json!({
        "type": "Feature", "geometry": null,
        "properties": { "id": "S1", "operator": "VNPT", "tech": "4G" }
    })]);
    let p = only_problem(import::sites(source(&text)));
    assert_problem(&p, Some(0), Some("S1"), "has no geometry");
}

// ---------------------------------------------------------------------------------------------
// Ids

#[test]
fn missing_id_is_rejected() {
    let text = collection(&[
        thon_at("A", 0),
        thon_with_props(json!({ "name": "B", "population": 1, "households": 1 })),
    ]);
    let p = only_problem(import::thon(source(&text)));
    assert_problem(&p, Some(1), None, "missing id");
}

#[test]
fn duplicate_thon_id_is_rejected_at_the_later_feature() {
    let text = collection(&[thon_at("A", 0), thon_at("B", 1), thon_at("A", 2)]);
    let p = only_problem(import::thon(source(&text)));
    assert_problem(
        &p,
        Some(2),
        Some("A"),
        "duplicate id: feature 0 has the same id",
    );
}

#[test]
fn duplicate_site_id_within_one_operator_is_rejected() {
    let text = collection(&[site("S1", "VNPT"), site("S1", "VNPT")]);
    let p = only_problem(import::sites(source(&text)));
    assert_problem(
        &p,
        Some(1),
        Some("S1"),
        "duplicate id: feature 0 has the same id",
    );
    assert!(p.reason.contains("for operator \"VNPT\""), "{p}");
}

#[test]
fn same_site_id_with_another_operator_is_accepted() {
    let text = collection(&[site("S1", "VNPT"), site("S1", "Viettel")]);
    let sites = import::sites(source(&text)).expect("ids are unique per operator");
    assert_eq!(sites.len(), 2);
}

#[test]
fn integer_id_is_read_as_its_decimal_string() {
    // One integer as the Feature's id, one as properties.id.
    let text = collection(&[
        thon(json!(7), square(LON, LAT, 0.01)),
        json!({
            "type": "Feature",
            "geometry": { "type": "Polygon", "coordinates": [square(LON + 0.02, LAT, 0.01)] },
            "properties": { "id": 12, "name": "B", "population": 1, "households": 1 }
        }),
    ]);
    let thon = import::thon(source(&text)).expect("integer ids are accepted");
    assert_eq!(thon[0].id, "7");
    assert_eq!(thon[1].id, "12");
}

#[test]
fn float_id_is_rejected() {
    let text = collection(&[
        thon_at("A", 0),
        thon(json!(7.5), square(LON + 0.02, LAT, 0.01)),
    ]);
    let p = only_problem(import::thon(source(&text)));
    assert_problem(
        &p,
        Some(1),
        None,
        "id must be a string or an integer, found 7.5",
    );
}

// ---------------------------------------------------------------------------------------------
// Thôn properties

#[test]
fn missing_population_is_rejected() {
    let text = collection(&[thon_with_props(
        json!({ "id": "A", "name": "A", "households": 10 }),
    )]);
    let p = only_problem(import::thon(source(&text)));
    assert_problem(&p, Some(0), Some("A"), "missing property \"population\"");
}

#[test]
fn negative_population_is_rejected() {
    let text = collection(&[thon_with_props(
        json!({ "id": "A", "name": "A", "population": -5, "households": 10 }),
    )]);
    let p = only_problem(import::thon(source(&text)));
    assert_problem(&p, Some(0), Some("A"), "\"population\" is negative");
}

#[test]
fn non_integer_households_is_rejected() {
    let text = collection(&[thon_with_props(
        json!({ "id": "A", "name": "A", "population": 40, "households": 12.5 }),
    )]);
    let p = only_problem(import::thon(source(&text)));
    assert_problem(
        &p,
        Some(0),
        Some("A"),
        "\"households\" must be a whole number, found 12.5",
    );
}

#[test]
fn whole_number_written_as_float_is_accepted() {
    let text = collection(&[thon_with_props(
        json!({ "id": "A", "name": "A", "population": 40.0, "households": 12.0 }),
    )]);
    let thon = import::thon(source(&text)).expect("12.0 is a whole number");
    assert_eq!((thon[0].population, thon[0].households), (40, 12));
}

// ---------------------------------------------------------------------------------------------
// Site properties

#[test]
fn unknown_tech_is_rejected() {
    let text = collection(&[site_with_props(
        json!({ "id": "S1", "operator": "VNPT", "tech": "LTE" }),
    )]);
    let p = only_problem(import::sites(source(&text)));
    assert_problem(&p, Some(0), Some("S1"), "unknown tech \"LTE\"");
}

#[test]
fn tech_as_array_is_accepted_sorted() {
    let text = collection(&[site_with_props(
        json!({ "id": "S1", "operator": "VNPT", "tech": ["5G", "4G", "4g"] }),
    )]);
    let sites = import::sites(source(&text)).expect("an array of labels is valid");
    assert_eq!(sites[0].tech, vec![Tech::G4, Tech::G5]);
}

#[test]
fn tech_as_single_string_is_accepted() {
    let text = collection(&[site_with_props(
        json!({ "id": "S1", "operator": "VNPT", "tech": "5G" }),
    )]);
    let sites = import::sites(source(&text)).expect("a single label is valid");
    assert_eq!(sites[0].tech, vec![Tech::G5]);
}

#[test]
fn empty_tech_array_is_rejected() {
    let text = collection(&[site_with_props(
        json!({ "id": "S1", "operator": "VNPT", "tech": [] }),
    )]);
    let p = only_problem(import::sites(source(&text)));
    assert_problem(&p, Some(0), Some("S1"), "\"tech\" is an empty array");
}

#[test]
fn sector_without_azimuth_is_rejected() {
    let text = collection(&[site_with_props(json!({
        "id": "S1", "operator": "VNPT", "tech": "4G",
        "sectors": [{ "azimuth_deg": 0 }, { "beamwidth_deg": 65 }]
    }))]);
    let p = only_problem(import::sites(source(&text)));
    assert_problem(
        &p,
        Some(0),
        Some("S1"),
        "sectors[1]: missing property \"azimuth_deg\"",
    );
}

#[test]
fn tech_that_is_not_a_string_is_rejected() {
    let text = collection(&[site_with_props(
        json!({ "id": "S1", "operator": "VNPT", "tech": [4] }),
    )]);
    let p = only_problem(import::sites(source(&text)));
    assert_problem(&p, Some(0), Some("S1"), "tech must be a string");
}

fn site_with_radius(radius_m: f64) -> String {
    collection(&[site_with_props(
        json!({ "id": "S1", "operator": "VNPT", "tech": "4G", "radius_m": radius_m }),
    )])
}

#[test]
fn radius_of_zero_or_less_is_rejected() {
    for r in [0.0, -100.0] {
        let p = only_problem(import::sites(source(&site_with_radius(r))));
        assert_problem(
            &p,
            Some(0),
            Some("S1"),
            "a radius must be more than 0 and at most 100 km",
        );
    }
}

#[test]
fn radius_beyond_100_km_is_rejected() {
    let p = only_problem(import::sites(source(&site_with_radius(100_000.5))));
    assert_problem(
        &p,
        Some(0),
        Some("S1"),
        "a radius must be more than 0 and at most 100 km",
    );
}

#[test]
fn radius_of_exactly_100_km_is_accepted() {
    let sites = import::sites(source(&site_with_radius(100_000.0))).expect("100 km is allowed");
    assert_eq!(sites[0].radius_m, Some(100_000.0));
}

// ---------------------------------------------------------------------------------------------
// The document

#[test]
fn empty_feature_collection_is_rejected() {
    let p = only_problem(import::thon(source(&collection(&[]))));
    assert_problem(&p, None, None, "has no features");
}

#[test]
fn bare_feature_is_not_a_feature_collection() {
    let text = site("S1", "VNPT").to_string();
    let p = only_problem(import::sites(source(&text)));
    assert_problem(
        &p,
        None,
        None,
        "expected a GeoJSON FeatureCollection, found type \"Feature\"",
    );
}

#[test]
fn array_is_not_a_feature_collection() {
    for text in ["[]".to_string(), json!([site("S1", "VNPT")]).to_string()] {
        let p = only_problem(import::sites(source(&text)));
        assert_problem(&p, None, None, "not GeoJSON");
    }
}

#[test]
fn array_shaped_like_a_collection_is_not_a_feature_collection() {
    // serde reads a struct from a JSON array of its fields in order: this must not pass as a
    // FeatureCollection with one feature.
    let text = json!(["FeatureCollection", [site("S1", "VNPT")], null]).to_string();
    let p = only_problem(import::sites(source(&text)));
    assert_problem(&p, None, None, "not GeoJSON");
}

#[test]
fn plain_text_is_not_json() {
    let p = only_problem(import::sites(source("thôn,population\nAn Hòa,400\n")));
    assert_problem(&p, None, None, "not valid JSON");
}

#[test]
fn invalid_json_is_rejected() {
    let text = collection(&[site("S1", "VNPT")]);
    let truncated = &text[..text.len() - 3];
    let p = only_problem(import::sites(source(truncated)));
    assert_problem(&p, None, None, "not valid JSON");
}

#[test]
fn empty_file_is_rejected() {
    let p = only_problem(import::sites(source("  \n")));
    assert_problem(&p, None, None, "the file is empty");
}

#[test]
fn byte_order_mark_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(collection(&[site("S1", "VNPT")]).as_bytes());
    let src = Source {
        name: "test.geojson",
        bytes: &bytes,
        crs: None,
    };
    let sites = import::sites(src).expect("a UTF-8 byte-order mark is ignored");
    assert_eq!(sites.len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Thôn against each other, and reporting everything at once

#[test]
fn overlapping_thon_are_reported() {
    let text = collection(&[
        thon(json!("A"), square(LON, LAT, 0.01)),
        thon(json!("B"), square(LON + 0.005, LAT, 0.01)),
    ]);
    let p = only_problem(import::thon(source(&text)));
    assert_problem(&p, Some(1), Some("B"), "overlaps thôn \"A\" (feature 0)");
}

#[test]
fn thon_sharing_an_edge_are_accepted() {
    let text = collection(&[
        thon(json!("A"), square(LON, LAT, 0.01)),
        thon(json!("B"), square(LON + 0.01, LAT, 0.01)),
    ]);
    let thon = import::thon(source(&text)).expect("neighbours share edges");
    assert_eq!(thon.len(), 2);
}

#[test]
fn every_problem_of_a_file_is_reported() {
    let open = json!([
        [LON, LAT],
        [LON + 0.01, LAT],
        [LON + 0.01, LAT + 0.01],
        [LON, LAT + 0.01]
    ]);
    let text = collection(&[
        // 0 and 1: a duplicate id, found at 1.
        thon_at("A", 0),
        thon_at("A", 1),
        // 2: two bad properties.
        json!({
            "type": "Feature", "id": "C",
            "geometry": { "type": "Polygon", "coordinates": [square(LON + 0.04, LAT, 0.01)] },
            "properties": { "name": "C", "population": -1, "households": 0.5 }
        }),
        // 3: an unclosed ring.
        thon(json!("D"), open),
        // 4: fine.
        thon_at("E", 4),
    ]);
    let p = problems(import::thon(source(&text)));
    assert_eq!(p.len(), 4, "{p:#?}");
    let at = |i: usize| p.iter().filter(|q| q.feature == Some(i)).count();
    assert_eq!((at(1), at(2), at(3)), (1, 2, 1), "{p:#?}");
    assert!(
        p.iter()
            .any(|q| q.feature == Some(1) && q.reason.contains("duplicate id")),
        "{p:#?}"
    );
}

// ---------------------------------------------------------------------------------------------
// CRS

fn with_crs_member(features: &[Value], name: &str) -> String {
    json!({
        "type": "FeatureCollection",
        "crs": { "type": "name", "properties": { "name": name } },
        "features": features
    })
    .to_string()
}

#[test]
fn crs_member_that_is_no_epsg_code_is_rejected() {
    let text = with_crs_member(&[site("S1", "VNPT")], "VN-2000");
    let p = only_problem(import::sites(source(&text)));
    assert_problem(&p, None, None, "unrecognised CRS \"VN-2000\"");
}

#[test]
fn crs_member_with_an_unknown_epsg_code_is_rejected() {
    let text = with_crs_member(&[site("S1", "VNPT")], "urn:ogc:def:crs:EPSG::999999");
    let p = only_problem(import::sites(source(&text)));
    assert_problem(&p, None, None, "unknown or unusable CRS EPSG:999999");
}

/// (108.78° E, 15.17° N) in VN-2000 / UTM zone 48N (EPSG:3405), by PROJ 9.1's cs2cs:
/// `echo "15.17 108.78" | cs2cs -f %.4f EPSG:4326 EPSG:3405`.
const VN2000_UTM48: [f64; 2] = [906114.6334, 1680750.6302];

#[test]
fn crs_member_epsg_3405_is_reprojected_to_wgs84() {
    let site = point_feature(
        VN2000_UTM48,
        json!({ "id": "S1", "operator": "VNPT", "tech": "4G" }),
    );
    let text = with_crs_member(&[site], "urn:ogc:def:crs:EPSG::3405");
    let sites = import::sites(source(&text)).expect("EPSG:3405 is known to PROJ");
    // 1e-7° is about 1 cm.
    assert_abs_diff_eq!(sites[0].location.x(), LON, epsilon = 1e-7);
    assert_abs_diff_eq!(sites[0].location.y(), LAT, epsilon = 1e-7);
}

#[test]
fn crs_given_by_the_user_is_used_without_a_member() {
    let site = point_feature(
        VN2000_UTM48,
        json!({ "id": "S1", "operator": "VNPT", "tech": "4G" }),
    );
    let text = collection(&[site]);
    let src = Source {
        name: "test.geojson",
        bytes: text.as_bytes(),
        crs: Some(EpsgCode(3405)),
    };
    let sites = import::sites(src).expect("--crs EPSG:3405");
    assert_abs_diff_eq!(sites[0].location.x(), LON, epsilon = 1e-7);
    assert_abs_diff_eq!(sites[0].location.y(), LAT, epsilon = 1e-7);
}

#[test]
fn crs_member_conflicting_with_the_given_crs_is_rejected() {
    let site = point_feature(
        VN2000_UTM48,
        json!({ "id": "S1", "operator": "VNPT", "tech": "4G" }),
    );
    let text = with_crs_member(&[site], "EPSG:3405");
    let src = Source {
        name: "test.geojson",
        bytes: text.as_bytes(),
        crs: Some(EpsgCode(5898)),
    };
    let p = only_problem(import::sites(src));
    assert_problem(
        &p,
        None,
        None,
        "declares EPSG:3405 in its \"crs\" member but EPSG:5898 was given",
    );
}

#[test]
fn crs_member_agreeing_with_the_given_crs_is_accepted() {
    let site = point_feature(
        VN2000_UTM48,
        json!({ "id": "S1", "operator": "VNPT", "tech": "4G" }),
    );
    let text = with_crs_member(&[site], "EPSG:3405");
    let src = Source {
        name: "test.geojson",
        bytes: text.as_bytes(),
        crs: Some(EpsgCode(3405)),
    };
    assert!(import::sites(src).is_ok());
}

#[test]
fn position_outside_the_crs_area_of_use_is_rejected() {
    // A VN-2000 / TM-3 zone 491 (EPSG:5898) easting read as VN-2000 / UTM 49N (EPSG:3406):
    // the wrong-zone mistake lands near 111.8° E, far east of Vietnam's coast.
    let tm3 = [583_600.0, 1_677_900.0];
    let text = collection(&[
        point_feature(
            [261_300.0, 1_678_500.0],
            json!({ "id": "S1", "operator": "VNPT", "tech": "4G" }),
        ),
        point_feature(tm3, json!({ "id": "S2", "operator": "VNPT", "tech": "4G" })),
    ]);
    let src = Source {
        name: "test.geojson",
        bytes: text.as_bytes(),
        crs: Some(EpsgCode(3406)),
    };
    let p = only_problem(import::sites(src));
    assert_problem(
        &p,
        Some(1),
        Some("S2"),
        "outside the area of use of EPSG:3406",
    );
}

// ---------------------------------------------------------------------------------------------
// The command line

fn phusong(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_phusong"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the phusong binary runs")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn check_accepts_the_sample_data() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // `phusong check geodata/*` exactly as the README gives it and a shell expands it: every
    // file in geodata/, hidden ones aside; its README.md is skipped as not GeoJSON.
    let mut files: Vec<String> = std::fs::read_dir(root.join("geodata"))
        .expect("geodata/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
        })
        .map(|p| {
            p.strip_prefix(root)
                .expect("under the root")
                .display()
                .to_string()
        })
        .collect();
    files.sort();
    let mut args = vec!["check"];
    args.extend(files.iter().map(String::as_str));
    let out = phusong(&args, root);
    assert!(out.status.success(), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let ok = stdout.matches("ok  ").count();
    let skipped = stdout.matches("skip ").count();
    assert_eq!(ok + skipped, files.len(), "{}", text(&out));
    assert_eq!(ok, 4, "the four layers: {files:?}");
    assert!(stdout.contains("skip geodata/README.md"), "{stdout}");
}

#[test]
fn check_fails_on_a_broken_file_and_prints_every_problem() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let broken = collection(&[
        thon_at("A", 0),
        thon_with_props(json!({ "id": "B", "name": "B", "households": 10 })),
        thon(
            json!("C"),
            json!([[LON, LAT], [LON + 0.01, LAT], [LON, LAT]]),
        ),
    ]);
    std::fs::write(dir.path().join("thon.geojson"), broken).expect("written");
    let out = phusong(&["check", "thon.geojson"], dir.path());
    assert!(!out.status.success(), "{}", text(&out));
    let all = text(&out);
    assert!(all.contains("FAIL thon.geojson"), "{all}");
    assert!(
        all.contains("feature 1 (id \"B\"): missing property \"population\""),
        "{all}"
    );
    assert!(
        all.contains("feature 2 (id \"C\")") && all.contains("a ring needs at least 4"),
        "{all}"
    );
}

#[test]
fn check_takes_the_layer_from_the_file_name() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let sites = collection(&[site("S1", "VNPT")]);
    std::fs::write(dir.path().join("my-sites.geojson"), &sites).expect("written");
    std::fs::write(dir.path().join("thon.geojson"), &sites).expect("written");

    let out = phusong(&["check", "my-sites.geojson"], dir.path());
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("1 sites feature(s)"), "{}", text(&out));

    // Named as thôn, a Point is the wrong geometry.
    let out = phusong(&["check", "thon.geojson"], dir.path());
    assert!(!out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("wrong geometry type Point for the thon layer"),
        "{}",
        text(&out)
    );
}

#[test]
fn check_layer_option_overrides_the_file_name() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(
        dir.path().join("thon.geojson"),
        collection(&[site("S1", "VNPT")]),
    )
    .expect("written");
    let out = phusong(&["check", "--layer", "sites", "thon.geojson"], dir.path());
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("1 sites feature(s)"), "{}", text(&out));
}

#[test]
fn check_refuses_a_file_name_that_names_no_layer() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(
        dir.path().join("data.geojson"),
        collection(&[site("S1", "VNPT")]),
    )
    .expect("written");
    let out = phusong(&["check", "data.geojson"], dir.path());
    assert!(!out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("cannot tell the layer from the file name"),
        "{}",
        text(&out)
    );
}
