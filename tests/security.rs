//! Security against a real server: static files stay inside web/, who may change what,
//! no token in the logs or in the store, and no open CORS.

mod common;

use common::{Server, StartOptions, raw_http, token};
use serde_json::{Value, json};

fn fresh() -> (tempfile::TempDir, Server) {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path(), &[]);
    (dir, server)
}

/// Things outside what the page may serve, each with a line of its content.
fn secrets() -> Vec<(&'static str, String)> {
    let root = common::root();
    let first_line = |rel: &str| {
        std::fs::read_to_string(root.join(rel))
            .unwrap_or_else(|e| panic!("{rel}: {e}"))
            .lines()
            .find(|l| l.trim().len() > 8)
            .unwrap_or_else(|| panic!("{rel} has a line of text"))
            .to_string()
    };
    vec![
        ("Cargo.toml", "name = \"phusong\"".to_string()),
        ("/etc/passwd", "root:".to_string()),
        ("web/README.md", first_line("web/README.md")),
        ("web/package.json", "\"name\": \"phusong-web\"".to_string()),
        ("web/test/run.sh", first_line("web/test/run.sh")),
        ("src/lib.rs", first_line("src/lib.rs")),
    ]
}

#[test]
fn static_files_cannot_escape_web() {
    let (_d, s) = fresh();
    let get = |target: &str| {
        raw_http(
            s.addr(),
            &format!(
                "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                s.addr()
            ),
        )
    };
    // The raw client reaches the page's files, so a refusal below is the server's doing.
    let (status, _, body) = get("/app/main.js");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains("import"));

    let targets = [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E/Cargo.toml",
        "/..%2fCargo.toml",
        "/..%5cCargo.toml",
        "/..\\Cargo.toml",
        "/app/../Cargo.toml",
        "/app/../../Cargo.toml",
        "/app/..%2f..%2fCargo.toml",
        "/app/%2e%2e/%2e%2e/Cargo.toml",
        "/app/%2e%2e%2f%2e%2e%2fCargo.toml",
        "/app/..%5c..%5cCargo.toml",
        "/app/..\\..\\Cargo.toml",
        "/app/%252e%252e/%252e%252e/Cargo.toml",
        "/app/....//....//Cargo.toml",
        "/app/..;/..;/Cargo.toml",
        "/app/.%2e/.%2e/Cargo.toml",
        "/app/%c0%ae%c0%ae/%c0%ae%c0%ae/Cargo.toml",
        "/app/../../src/lib.rs",
        "/app/..%2f..%2fsrc%2flib.rs",
        "/vendor/leaflet/../../../../Cargo.toml",
        "/vendor/leaflet/..%2f..%2f..%2f..%2fCargo.toml",
        "/app//etc/passwd",
        "/app/%2fetc%2fpasswd",
        "/app/..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
        "//etc/passwd",
        "/app/../README.md",
        "/app/..%2fREADME.md",
        "/app/../package.json",
        "/app/..%2fpackage.json",
        "/app/../test/run.sh",
        "/app/%00../../Cargo.toml",
        "/index.html/../Cargo.toml",
        "/api/../Cargo.toml",
        "/api/..%2f..%2fCargo.toml",
    ];
    let secrets = secrets();
    for target in targets {
        let (status, _, body) = get(target);
        let text = String::from_utf8_lossy(&body);
        assert!(matches!(status, 400 | 404), "GET {target}: {status} {text}");
        for (file, line) in &secrets {
            assert!(
                !text.contains(line.as_str()),
                "GET {target} ({status}) served {file}: {text}"
            );
        }
    }
}

/// Who may do what. "Own" is the caller's operator (Viettel for admin and no token), "other"
/// the other one's.
#[test]
fn each_token_may_change_only_its_operators_features() {
    let (_d, s) = fresh();
    let viettel = token(&s.data_dir, &["--operator", "Viettel"]);
    let vnpt = token(&s.data_dir, &["--operator", "VNPT"]);
    let admin = token(&s.data_dir, &["--admin"]);
    let callers: [(&str, Option<&str>, &str, &str); 5] = [
        ("Viettel", Some(&viettel), "Viettel", "VNPT"),
        ("VNPT", Some(&vnpt), "VNPT", "Viettel"),
        ("admin", Some(&admin), "Viettel", "VNPT"),
        ("no token", None, "Viettel", "VNPT"),
        (
            "unknown token",
            Some("yMoGYnEkbW6Y8TAiWc8WHEgfWDqNX3cC6DCzURaP8hQ"),
            "Viettel",
            "VNPT",
        ),
    ];
    let expected = |caller: &str, own: bool| match (caller, own) {
        ("no token" | "unknown token", _) => 401,
        ("admin", _) | (_, true) => 200,
        _ => 403,
    };
    let site = |id: &str, op: &str| common::one_site(id, op, 108.781, 15.171, "4G", 400.0);
    let route = |id: &str, op: &str| {
        json!({"type": "FeatureCollection", "features": [{"type": "Feature",
            "geometry": {"type": "LineString", "coordinates": [[108.77, 15.16], [108.775, 15.165]]},
            "properties": {"id": id, "operator": op}}]})
        .to_string()
    };
    let has = |layer: &str, op: &str, id: &str| {
        s.json(&format!("/api/{layer}?operator={op}"))["features"]
            .as_array()
            .expect("features")
            .iter()
            .any(|f| f["properties"]["id"] == id)
    };
    let mut n = 0;
    let mut table = Vec::new();
    for (name, tok, own_op, other_op) in callers {
        for (own, op) in [(true, own_op), (false, other_op)] {
            let want = expected(name, own);
            let whose = if own { "own" } else { "other" };
            for (layer, body) in [
                ("sites", &site as &dyn Fn(&str, &str) -> String),
                ("fiber", &route),
            ] {
                n += 1;
                // POST: a new feature of `op`.
                let id = format!("SEC-{n}");
                let (got, resp) = s.post(&format!("/api/{layer}"), tok, &body(&id, op));
                table.push(format!("{name:13} POST   {layer} {whose:5} → {got}"));
                assert_eq!(got, want, "{name} POST {layer} of {op}: {resp}");
                assert_eq!(has(layer, op, &id), want == 200, "{name} POST {layer} {id}");
                check_problem(got, &resp);

                // DELETE: a feature of `op` that an admin put there.
                let id = format!("SEC-{n}-DEL");
                let (put, resp) = s.post(&format!("/api/{layer}"), Some(&admin), &body(&id, op));
                assert_eq!(put, 200, "{resp}");
                let (got, resp) = s.delete(&format!("/api/{layer}/{op}/{id}"), tok);
                table.push(format!("{name:13} DELETE {layer} {whose:5} → {got}"));
                assert_eq!(got, want, "{name} DELETE {layer} {op}/{id}: {resp}");
                assert_eq!(
                    has(layer, op, &id),
                    want != 200,
                    "{name} DELETE {layer} {id}"
                );
                check_problem(got, &resp);
            }
        }
    }
    assert_eq!(table.len(), 5 * 2 * 2 * 2, "{table:#?}");

    // An upload mixing own and foreign features is refused whole, naming the foreign one.
    let mixed = json!({"type": "FeatureCollection", "features": [
        serde_json::from_str::<Value>(&site("MIX-1", "Viettel")).expect("json")["features"][0],
        serde_json::from_str::<Value>(&site("MIX-2", "VNPT")).expect("json")["features"][0],
    ]})
    .to_string();
    let (got, resp) = s.post("/api/sites", Some(&viettel), &mixed);
    assert_eq!(got, 403, "{resp}");
    assert!(
        resp["detail"]
            .as_str()
            .is_some_and(|d| d.contains("feature 1 (id \"MIX-2\") belongs to VNPT")),
        "{resp}"
    );
    assert!(
        !has("sites", "Viettel", "MIX-1"),
        "nothing of it was applied"
    );
    // The operator's name is matched exactly: "viettel" is not "Viettel".
    let (got, _) = s.post("/api/sites", Some(&viettel), &site("CASE-1", "viettel"));
    assert_eq!(got, 403);
}

/// A refusal is problem+json with a detail; a 401 asks for a bearer token.
fn check_problem(status: u16, resp: &Value) {
    if status == 200 {
        return;
    }
    assert_eq!(resp["status"], status, "{resp}");
    assert!(
        resp["detail"].as_str().is_some_and(|d| !d.is_empty()),
        "{resp}"
    );
}

#[test]
fn no_token_appears_in_the_log_or_the_store() {
    let dir = tempfile::tempdir().expect("temp dir");
    let log = dir.path().join("server.log");
    let data = dir.path().join("data");
    let viettel = token(&data, &["--operator", "Viettel"]);
    let admin = token(&data, &["--admin"]);
    let s = Server::start_with(
        &data,
        &StartOptions {
            rust_log: Some("trace"),
            stderr_to: Some(&log),
            ..StartOptions::default()
        },
    );
    let unknown = "dGhpcy1pcy1ub3QtYS1yZWFsLXRva2VuLWJ1dC1zZWNyZXQ";
    // Accepted, forbidden, invalid and unauthorised requests, and a delete.
    let site = common::one_site("LOG-1", "Viettel", 108.78, 15.17, "4G", 300.0);
    assert_eq!(s.post("/api/sites", Some(&viettel), &site).0, 200);
    let vnpt_site = common::one_site("LOG-2", "VNPT", 108.78, 15.17, "4G", 300.0);
    assert_eq!(s.post("/api/sites", Some(&viettel), &vnpt_site).0, 403);
    assert_eq!(s.post("/api/sites", Some(&admin), "{").0, 422);
    assert_eq!(s.post("/api/sites", Some(unknown), &site).0, 401);
    assert_eq!(s.delete("/api/sites/Viettel/LOG-1", Some(&admin)).0, 200);
    assert_eq!(s.delete("/api/sites/Viettel/LOG-1", Some(&admin)).0, 404);
    // A token with a scheme the service does not take.
    let (status, _, _) = raw_http(
        s.addr(),
        &format!(
            "POST /api/sites HTTP/1.1\r\nHost: x\r\nAuthorization: Token {viettel}\r\n\
             Content-Length: 1\r\nConnection: close\r\n\r\n{{"
        ),
    );
    assert_eq!(status, 401);
    s.stop();

    let text = std::fs::read_to_string(&log).expect("the log");
    assert!(
        text.contains("change applied") && text.contains("started processing request"),
        "the log was captured, request lines included: {text}"
    );
    for (name, t) in [("Viettel", &viettel), ("admin", &admin)] {
        let lines: Vec<&str> = text.lines().filter(|l| l.contains(t.as_str())).collect();
        assert!(
            lines.is_empty(),
            "the {name} token is in the log: {lines:#?}"
        );
        let hash = phusong::store::hash_token(t);
        assert!(
            !text.contains(&hash),
            "the {name} token's hash is in the log"
        );
    }
    assert!(!text.contains(unknown), "the unknown token is in the log");

    // At rest: the store has the hashes, never the tokens.
    let mut bytes = Vec::new();
    for f in ["phusong.gpkg", "phusong.gpkg-wal"] {
        if let Ok(b) = std::fs::read(data.join(f)) {
            bytes.extend(b);
        }
    }
    let stored = String::from_utf8_lossy(&bytes);
    for t in [&viettel, &admin] {
        assert!(!stored.contains(t.as_str()), "a raw token is in the store");
    }
    let conn = rusqlite::Connection::open(data.join("phusong.gpkg")).expect("open the store");
    let hashes: Vec<String> = conn
        .prepare("SELECT hash FROM phusong_tokens ORDER BY id")
        .expect("query")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("hashes");
    assert_eq!(
        hashes,
        [
            phusong::store::hash_token(&viettel),
            phusong::store::hash_token(&admin)
        ]
    );
}

#[test]
fn cross_origin_requests_get_no_cors_grant() {
    let (_d, s) = fresh();
    let preflight = format!(
        "OPTIONS /api/sites HTTP/1.1\r\nHost: {}\r\nOrigin: http://evil.example\r\n\
         Access-Control-Request-Method: POST\r\n\
         Access-Control-Request-Headers: authorization, content-type\r\nConnection: close\r\n\r\n",
        s.addr()
    );
    let simple = format!(
        "GET /api/sites HTTP/1.1\r\nHost: {}\r\nOrigin: http://evil.example\r\nConnection: close\r\n\r\n",
        s.addr()
    );
    for (what, request) in [("preflight", &preflight), ("GET", &simple)] {
        let (status, headers, _) = raw_http(s.addr(), request);
        assert!(status < 500, "{what}: {status}");
        let cors: Vec<&String> = headers
            .iter()
            .filter(|h| h.starts_with("access-control-"))
            .collect();
        assert!(
            cors.is_empty(),
            "{what} from http://evil.example got CORS headers: {cors:?}"
        );
    }
    // The preflight is not even a success: a browser will not send the POST.
    let (status, _, _) = raw_http(s.addr(), &preflight);
    assert!(!(200..300).contains(&status), "preflight answered {status}");
}
