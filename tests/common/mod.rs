//! A real `phusong serve` on a free port with a fresh data folder, for integration tests.

#![allow(
    dead_code,
    reason = "each test file uses a different part of this helper"
)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The crate's root, where geodata/ and web/ are.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A running server; killed when dropped.
pub struct Server {
    child: Child,
    /// Base URL, e.g. http://127.0.0.1:41234
    pub url: String,
    /// Its data folder.
    pub data_dir: PathBuf,
}

impl Server {
    /// Starts the binary on port 0 and waits for the line that names its address.
    pub fn start(data_dir: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_phusong"))
            .current_dir(root())
            .args(["serve", "--addr", "127.0.0.1:0", "--data-dir"])
            .arg(data_dir)
            .args(extra)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the phusong binary starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the server prints its address");
        let url = line
            .trim()
            .strip_prefix("phusong listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .trim_end_matches('/')
            .to_string();
        Server {
            child,
            url,
            data_dir: data_dir.to_path_buf(),
        }
    }

    /// GET a path, returning status and body.
    pub fn get(&self, path: &str) -> (u16, String) {
        let r = client()
            .get(format!("{}{path}", self.url))
            .send()
            .expect("request");
        (r.status().as_u16(), r.text().expect("body"))
    }

    /// GET a path and parse its JSON body, asserting 200.
    pub fn json(&self, path: &str) -> serde_json::Value {
        let (status, body) = self.get(path);
        assert_eq!(status, 200, "GET {path}: {body}");
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("GET {path}: {e}: {body}"))
    }

    /// POST a body with an optional bearer token.
    pub fn post(&self, path: &str, token: Option<&str>, body: &str) -> (u16, serde_json::Value) {
        let mut req = client()
            .post(format!("{}{path}", self.url))
            .body(body.to_string());
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let r = req.send().expect("request");
        let status = r.status().as_u16();
        let text = r.text().expect("body");
        (
            status,
            serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
        )
    }

    /// DELETE a path with an optional bearer token.
    pub fn delete(&self, path: &str, token: Option<&str>) -> (u16, serde_json::Value) {
        let mut req = client().delete(format!("{}{path}", self.url));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let r = req.send().expect("request");
        let status = r.status().as_u16();
        let text = r.text().expect("body");
        (
            status,
            serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
        )
    }

    /// Stops the server with SIGTERM and waits for it.
    pub fn stop(mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .expect("an HTTP client")
}

/// Creates a token with the CLI and returns it.
pub fn token(data_dir: &Path, who: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_phusong"))
        .args(["token", "create", "--data-dir"])
        .arg(data_dir)
        .args(who)
        .output()
        .expect("phusong token create runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .trim()
        .to_string()
}

/// A FeatureCollection of one site.
pub fn one_site(id: &str, operator: &str, lon: f64, lat: f64, tech: &str, radius_m: f64) -> String {
    serde_json::json!({
        "type": "FeatureCollection",
        "features": [{
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"id": id, "operator": operator, "tech": [tech], "radius_m": radius_m}
        }]
    })
    .to_string()
}
