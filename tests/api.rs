//! The service end to end: a real server on a free port with a fresh data folder.

mod common;

use std::collections::BTreeSet;

use common::{Server, one_site, token};
use serde_json::Value;

fn fresh() -> (tempfile::TempDir, Server) {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path(), &[]);
    (dir, server)
}

fn count(v: &Value) -> usize {
    v["features"].as_array().map(Vec::len).unwrap_or(0)
}

/// A household that 5G does not reach, and its thôn: where a new 5G site must raise figures.
fn uncovered_5g_household(s: &Server) -> (f64, f64, String) {
    let hs = s.json("/api/households");
    let h = hs["features"]
        .as_array()
        .expect("features")
        .iter()
        .find(|h| {
            h["properties"]["covered"]["5G"] == false && h["properties"]["thon_id"].is_string()
        })
        .expect("the sample data has households without 5G");
    let c = &h["geometry"]["coordinates"];
    (
        c[0].as_f64().expect("lon"),
        c[1].as_f64().expect("lat"),
        h["properties"]["thon_id"].as_str().expect("id").to_string(),
    )
}

#[test]
fn every_read_endpoint_answers() {
    let (_d, s) = fresh();
    let thon = s.json("/api/thon");
    assert_eq!(count(&thon), 12);
    let first = &thon["features"][0]["properties"];
    for key in [
        "id",
        "name",
        "area_m2",
        "households",
        "population",
        "coverage",
    ] {
        assert!(
            first.get(key).is_some(),
            "thôn properties lack {key}: {first}"
        );
    }
    for m in ["4G", "5G", "mobile", "fiber", "fiber_1g"] {
        assert!(first["coverage"][m]["area_fraction"].is_number(), "{m}");
    }
    let id = first["id"].as_str().expect("id");
    assert_eq!(s.json(&format!("/api/thon/{id}"))["properties"]["id"], id);
    assert_eq!(s.get("/api/thon/nope").0, 404);

    let all = count(&s.json("/api/sites"));
    let viettel = s.json("/api/sites?operator=Viettel");
    assert!(count(&viettel) > 0 && count(&viettel) < all);
    assert!(
        viettel["features"]
            .as_array()
            .expect("features")
            .iter()
            .all(|f| f["properties"]["operator"] == "Viettel")
    );
    let g5 = s.json("/api/sites?tech=5G");
    assert!(g5["features"].as_array().expect("f").iter().all(|f| {
        f["properties"]["tech"]
            .as_array()
            .expect("t")
            .contains(&"5G".into())
    }));
    assert_eq!(count(&s.json("/api/sites?bbox=0,0,1,1")), 0);
    assert_eq!(s.get("/api/sites?bbox=1,2,3").0, 400);
    assert_eq!(s.get("/api/sites?tech=6G").0, 400);
    assert!(count(&s.json("/api/fiber")) > 0);
    assert_eq!(count(&s.json("/api/households")), 2699);

    let p = s.json("/api/coverage/point?lat=15.17&lon=108.78");
    assert!(p["covered"]["4G"].is_array() && p["sites"].is_array() && p.get("fiber").is_some());
    assert_eq!(s.get("/api/coverage/point?lat=95&lon=108").0, 400);
    assert_eq!(s.get("/api/coverage/point?lon=108").0, 400);

    let gaps = s.json("/api/gaps?tech=5G");
    assert!(count(&gaps) > 0);
    assert!(count(&s.json(&format!("/api/gaps?tech=fiber&thon={id}"))) <= 1);
    let (status, csv) = s.get("/api/gaps?tech=mobile&format=csv");
    assert_eq!(status, 200);
    assert!(
        csv.starts_with("\u{feff}thon_id,thon_name,measure,area_m2"),
        "{csv}"
    );
    assert_eq!(s.get("/api/gaps?tech=6G").0, 400);
    assert_eq!(s.get("/api/gaps").0, 400);

    let summary = s.json("/api/summary");
    assert_eq!(summary["targets"].as_array().expect("targets").len(), 5);
    assert_eq!(summary["thon"].as_array().expect("thon").len(), 12);
    let (status, csv) = s.get("/api/csv/thon");
    assert_eq!(status, 200);
    assert_eq!(csv.lines().count(), 13);
    assert!(
        s.json("/api/history")
            .as_array()
            .is_some_and(|h| !h.is_empty())
    );
    assert_eq!(s.get("/api/history?limit=0").0, 400);
    assert_eq!(s.get("/healthz"), (200, "ok".to_string()));
    assert_eq!(s.get("/api/nothing-here").0, 404);
}

#[test]
fn errors_are_problem_json_with_a_detail() {
    let (_d, s) = fresh();
    let r = reqwest::blocking::get(format!("{}/api/thon/nope", s.url)).expect("request");
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let body: Value = r.json().expect("json");
    assert_eq!(body["status"], 404);
    assert!(body["detail"].as_str().is_some_and(|d| d.contains("nope")));
}

#[test]
fn a_wrong_method_is_405_problem_json() {
    let (_d, s) = fresh();
    let r = reqwest::blocking::Client::new()
        .put(format!("{}/api/thon", s.url))
        .send()
        .expect("request");
    assert_eq!(r.status().as_u16(), 405);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let body: Value = r.json().expect("json");
    assert!(
        body["detail"].as_str().is_some_and(|d| d.contains("PUT")),
        "{body}"
    );
}

#[test]
fn the_bearer_scheme_is_case_insensitive() {
    let (_d, s) = fresh();
    let t = token(&s.data_dir, &["--operator", "Viettel"]);
    let body = one_site("VT-CASE", "Viettel", 108.78, 15.17, "4G", 500.0);
    for scheme in ["bearer", "BEARER"] {
        let r = reqwest::blocking::Client::new()
            .post(format!("{}/api/sites", s.url))
            .header("authorization", format!("{scheme} {t}"))
            .body(body.clone())
            .send()
            .expect("request");
        assert_eq!(r.status().as_u16(), 200, "scheme {scheme:?}");
    }
}

#[test]
fn an_upload_raises_a_thons_5g_figures_and_reports_before_and_after() {
    let (_d, s) = fresh();
    let t = token(&s.data_dir, &["--operator", "MobiFone"]);
    let (lon, lat, thon) = uncovered_5g_household(&s);
    let before = s.json(&format!("/api/thon/{thon}"))["properties"]["coverage"]["5G"].clone();
    let (status, resp) = s.post(
        "/api/sites",
        Some(&t),
        &one_site("MB-NEW-5G", "MobiFone", lon, lat, "5G", 600.0),
    );
    assert_eq!(status, 200, "{resp}");
    assert_eq!(resp["inserted"], serde_json::json!(["MobiFone/MB-NEW-5G"]));
    let hit = resp["affected"]
        .as_array()
        .expect("affected")
        .iter()
        .find(|a| a["id"] == thon.as_str())
        .expect("the thôn is affected");
    assert_eq!(hit["before"]["5G"], before);
    assert!(hit["after"]["5G"]["households"].as_u64() > hit["before"]["5G"]["households"].as_u64());
    assert!(hit["after"]["5G"]["area_m2"].as_f64() > hit["before"]["5G"]["area_m2"].as_f64());
    let after = s.json(&format!("/api/thon/{thon}"))["properties"]["coverage"]["5G"].clone();
    assert_eq!(
        after, hit["after"]["5G"],
        "the served figures are the response's"
    );
}

/// One bad upload per validation class: 422 with the problem, nothing changed.
#[test]
fn rejected_uploads_change_nothing() {
    let (_d, s) = fresh();
    let t = token(&s.data_dir, &["--operator", "Viettel"]);
    let sites_before = s.json("/api/sites");
    let history_before = s.json("/api/history");
    let site = |geometry: Value, props: Value| {
        serde_json::json!({"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [108.78, 15.17]},
             "properties": {"id": "OK1", "operator": "Viettel", "tech": "4G"}},
            {"type": "Feature", "geometry": geometry, "properties": props}]})
        .to_string()
    };
    let pt = serde_json::json!({"type": "Point", "coordinates": [108.78, 15.17]});
    let cases: Vec<(&str, String)> = vec![
        ("not valid JSON", "{\"type\": ".to_string()),
        (
            "expected a GeoJSON FeatureCollection",
            r#"{"type":"Feature","geometry":null,"properties":{}}"#.to_string(),
        ),
        (
            "no features",
            r#"{"type":"FeatureCollection","features":[]}"#.to_string(),
        ),
        (
            "look swapped",
            site(
                serde_json::json!({"type": "Point", "coordinates": [15.17, 108.78]}),
                serde_json::json!({"id": "X", "operator": "Viettel", "tech": "4G"}),
            ),
        ),
        (
            "wrong geometry type",
            site(
                serde_json::json!({"type": "LineString", "coordinates": [[108.7, 15.1], [108.8, 15.2]]}),
                serde_json::json!({"id": "X", "operator": "Viettel", "tech": "4G"}),
            ),
        ),
        (
            "unknown tech",
            site(
                pt.clone(),
                serde_json::json!({"id": "X", "operator": "Viettel", "tech": "6G"}),
            ),
        ),
        (
            "missing id",
            site(
                pt.clone(),
                serde_json::json!({"operator": "Viettel", "tech": "4G"}),
            ),
        ),
        (
            "duplicate id",
            site(
                pt.clone(),
                serde_json::json!({"id": "OK1", "operator": "Viettel", "tech": "4G"}),
            ),
        ),
        (
            "radius",
            site(
                pt.clone(),
                serde_json::json!({"id": "X", "operator": "Viettel", "tech": "4G", "radius_m": 0}),
            ),
        ),
        (
            "radius",
            site(
                pt.clone(),
                serde_json::json!({"id": "X", "operator": "Viettel", "tech": "4G", "radius_m": 250000}),
            ),
        ),
        (
            "missing property \"operator\"",
            site(pt.clone(), serde_json::json!({"id": "X", "tech": "4G"})),
        ),
        (
            "has no geometry",
            site(
                Value::Null,
                serde_json::json!({"id": "X", "operator": "Viettel", "tech": "4G"}),
            ),
        ),
    ];
    for (phrase, body) in cases {
        let (status, resp) = s.post("/api/sites", Some(&t), &body);
        assert_eq!(status, 422, "{phrase}: {resp}");
        let problems = resp["problems"]
            .as_array()
            .unwrap_or_else(|| panic!("{phrase}: no problem list in {resp}"));
        assert!(
            problems
                .iter()
                .any(|p| p["reason"].as_str().is_some_and(|r| r.contains(phrase))),
            "{phrase} not in {resp}"
        );
    }
    assert_eq!(
        s.json("/api/sites"),
        sites_before,
        "the sites are unchanged"
    );
    assert_eq!(
        s.json("/api/history"),
        history_before,
        "nothing was recorded"
    );
}

#[test]
fn an_acknowledged_upload_survives_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let s = Server::start(dir.path(), &[]);
    let t = token(dir.path(), &["--admin"]);
    let (status, resp) = s.post(
        "/api/sites",
        Some(&t),
        &one_site("KEEP-1", "VNPT", 108.77, 15.16, "4G", 900.0),
    );
    assert_eq!(status, 200, "{resp}");
    let figures = s.json("/api/summary")["total"].clone();
    s.stop();
    let s = Server::start(dir.path(), &[]);
    let kept = s.json("/api/sites?operator=VNPT");
    assert!(
        kept["features"]
            .as_array()
            .expect("f")
            .iter()
            .any(|f| f["properties"]["id"] == "KEEP-1")
    );
    assert_eq!(
        s.json("/api/summary")["total"],
        figures,
        "the figures are the same after the restart"
    );
}

#[test]
fn tokens_decide_who_may_change_what() {
    let (_d, s) = fresh();
    let viettel = token(&s.data_dir, &["--operator", "Viettel"]);
    let vnpt = token(&s.data_dir, &["--operator", "VNPT"]);
    let admin = token(&s.data_dir, &["--admin"]);
    let body = one_site("VT-X", "Viettel", 108.78, 15.17, "4G", 500.0);
    assert_eq!(s.post("/api/sites", None, &body).0, 401, "no token");
    assert_eq!(
        s.post("/api/sites", Some("not-a-token"), &body).0,
        401,
        "unknown token"
    );
    let (status, resp) = s.post("/api/sites", Some(&vnpt), &body);
    assert_eq!(status, 403, "VNPT may not upload Viettel's site: {resp}");
    assert_eq!(s.post("/api/sites", Some(&viettel), &body).0, 200);
    assert_eq!(s.delete("/api/sites/Viettel/VT-X", Some(&vnpt)).0, 403);
    assert_eq!(s.delete("/api/sites/Viettel/VT-X", None).0, 401);
    assert_eq!(s.delete("/api/sites/Viettel/VT-X", Some(&viettel)).0, 200);
    assert_eq!(
        s.delete("/api/sites/Viettel/VT-X", Some(&admin)).0,
        404,
        "already gone"
    );
    let fiber = serde_json::json!({"type": "FeatureCollection", "features": [{"type": "Feature",
        "geometry": {"type": "LineString", "coordinates": [[108.76, 15.16], [108.79, 15.18]]},
        "properties": {"id": "F-NEW", "operator": "VNPT", "max_speed_mbps": 1000}}]})
    .to_string();
    assert_eq!(s.post("/api/fiber", Some(&viettel), &fiber).0, 403);
    assert_eq!(s.post("/api/fiber", Some(&vnpt), &fiber).0, 200);
    assert_eq!(s.delete("/api/fiber/VNPT/F-NEW", Some(&admin)).0, 200);
    let history = s.json("/api/history");
    let actions: Vec<&str> = history
        .as_array()
        .expect("h")
        .iter()
        .filter_map(|h| h["action"].as_str())
        .collect();
    assert_eq!(
        &actions[..4],
        [
            "delete_fiber",
            "upsert_fiber",
            "delete_site",
            "upsert_sites"
        ]
    );
}

#[test]
fn reads_can_be_set_to_need_a_token() {
    let dir = tempfile::tempdir().expect("temp dir");
    let s = Server::start(dir.path(), &["--read-token-required"]);
    assert_eq!(s.get("/api/thon").0, 401);
    assert_eq!(s.get("/healthz").0, 200);
}

/// Every path of the OpenAPI document is exercised by a test in this file.
#[test]
fn the_openapi_document_lists_exactly_the_tested_paths() {
    let (_d, s) = fresh();
    let doc = s.json("/api/openapi.json");
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    let paths: BTreeSet<String> = doc["paths"]
        .as_object()
        .expect("paths")
        .keys()
        .cloned()
        .collect();
    let tested: BTreeSet<String> = [
        "/api/thon",
        "/api/thon/{id}",
        "/api/sites",
        "/api/sites/{operator}/{id}",
        "/api/fiber",
        "/api/fiber/{operator}/{id}",
        "/api/households",
        "/api/coverage/point",
        "/api/gaps",
        "/api/summary",
        "/api/csv/thon",
        "/api/history",
        "/api/openapi.json",
        "/healthz",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(paths, tested);
}

/// The point answer has exactly the fields its OpenAPI schema lists, each site and the fiber
/// too, so that a client generated from the document reads every field the service sends.
#[test]
fn the_point_answer_has_the_documented_fields() {
    let (_d, s) = fresh();
    let doc = s.json("/api/openapi.json");
    let keys = |schema: &str| -> BTreeSet<String> {
        let props = &doc["components"]["schemas"][schema]["properties"];
        props.as_object().expect(schema).keys().cloned().collect()
    };
    let fields = |v: &Value| -> BTreeSet<String> {
        v.as_object().expect("an object").keys().cloned().collect()
    };
    let p = s.json("/api/coverage/point?lat=15.17&lon=108.78");
    assert_eq!(fields(&p), keys("PointReport"));
    let sites = p["sites"].as_array().expect("sites");
    assert!(
        !sites.is_empty(),
        "the sample data has sites within reach: {p}"
    );
    for site in sites {
        assert_eq!(fields(site), keys("SiteAt"));
        let d = site["distance_m"].as_f64().expect("distance");
        assert_eq!(d, (d * 100.0).round() / 100.0, "rounded to hundredths");
    }
    assert_eq!(fields(&p["fiber"]), keys("FiberAt"));
    let measures: BTreeSet<String> = fields(&p["covered"]);
    assert_eq!(
        measures,
        keys_of(&doc["components"]["schemas"]["PointReport"]["properties"]["covered"])
    );
}

#[test]
fn a_point_answer_without_the_site_list_keeps_the_rest() {
    let (_d, s) = fresh();
    let q = "/api/coverage/point?lat=15.17&lon=108.78";
    let mut full = s.json(q);
    let short = s.json(&format!("{q}&sites=none"));
    assert!(short.get("sites").is_none(), "{short}");
    let listed = full.as_object_mut().expect("an object").remove("sites");
    assert!(listed.is_some_and(|l| l.as_array().is_some_and(|a| !a.is_empty())));
    assert_eq!(short, full, "only the list is left out");
    assert!(s.json(&format!("{q}&sites=all"))["sites"].is_array());
    let (status, body) = s.get(&format!("{q}&sites=some"));
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("sites must be"), "{body}");
}

fn keys_of(schema: &Value) -> BTreeSet<String> {
    schema["properties"]
        .as_object()
        .expect("properties")
        .keys()
        .cloned()
        .collect()
}
