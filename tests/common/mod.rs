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

/// The sample data in geodata/, imported and validated.
pub fn sample_dataset() -> phusong::domain::Dataset {
    let g = |f: &str| root().join("geodata").join(f);
    let (t, s, f, h) = (
        g("thon.geojson"),
        g("sites.geojson"),
        g("fiber.geojson"),
        g("households.geojson"),
    );
    let paths = phusong::import::DatasetPaths {
        thon: &t,
        sites: &s,
        fiber: &f,
        households: &h,
    };
    phusong::import::dataset(&paths, None).expect("the sample data is valid")
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
        Server::start_with(
            data_dir,
            &StartOptions {
                args: extra,
                ..StartOptions::default()
            },
        )
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

/// Options for [`Server::start_with`], beyond [`Server::start`]'s.
#[derive(Debug, Default)]
pub struct StartOptions<'a> {
    /// Extra arguments after `serve --addr … --data-dir …`.
    pub args: &'a [&'a str],
    /// The RUST_LOG filter (default "warn").
    pub rust_log: Option<&'a str>,
    /// A file the server's stderr (its log) is written to, instead of the test's stderr.
    pub stderr_to: Option<&'a Path>,
}

impl Server {
    /// Starts the binary on port 0 with a log level and the log captured to a file if asked,
    /// and waits for the line that names its address.
    pub fn start_with(data_dir: &Path, opts: &StartOptions<'_>) -> Server {
        let stderr = match opts.stderr_to {
            Some(p) => Stdio::from(std::fs::File::create(p).expect("the log file can be created")),
            None => Stdio::inherit(),
        };
        let mut child = Command::new(env!("CARGO_BIN_EXE_phusong"))
            .current_dir(root())
            .args(["serve", "--addr", "127.0.0.1:0", "--data-dir"])
            .arg(data_dir)
            .args(opts.args)
            .env("RUST_LOG", opts.rust_log.unwrap_or("warn"))
            .stdout(Stdio::piped())
            .stderr(stderr)
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

    /// Kills the server with SIGKILL (no graceful shutdown) and waits for it to exit.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// The `host:port` the server listens on.
    pub fn addr(&self) -> &str {
        self.url.trim_start_matches("http://")
    }

    /// POST raw bytes with an optional bearer token: status, Content-Type and body text.
    pub fn post_bytes(
        &self,
        path: &str,
        token: Option<&str>,
        body: Vec<u8>,
    ) -> (u16, String, String) {
        let mut req = client().post(format!("{}{path}", self.url)).body(body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let r = req.send().expect("request");
        let status = r.status().as_u16();
        let content_type = r
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        (status, content_type, r.text().expect("body"))
    }
}

/// One HTTP/1.1 exchange over a plain TCP connection, the request sent byte for byte (no
/// URL normalisation, unlike an HTTP client): status, lower-cased header lines and body.
pub fn raw_http(addr: &str, request: &str) -> (u16, Vec<String>, Vec<u8>) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .expect("timeout");
    stream.write_all(request.as_bytes()).expect("send");
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).expect("read the answer");
    parse_response(&bytes)
}

/// An HTTP/1.1 answer's status, lower-cased header lines and body.
fn parse_response(bytes: &[u8]) -> (u16, Vec<String>, Vec<u8>) {
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(bytes)));
    let head = String::from_utf8_lossy(&bytes[..split]).to_string();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {head:?}"));
    let headers = lines.map(str::to_ascii_lowercase).collect();
    (status, headers, bytes[split + 4..].to_vec())
}

/// POSTs a body the way curl sends a large one: headers with `Expect: 100-continue` first, the
/// body only if the server asks for it. A server that refuses the body by its Content-Length
/// answers at once and the body is never sent (a client that sends it anyway gets a broken
/// pipe, not the answer). Returns status, lower-cased header lines and body of the final
/// answer.
pub fn post_expecting_continue(
    addr: &str,
    path: &str,
    token: &str,
    body: &[u8],
) -> (u16, Vec<String>, Vec<u8>) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(60)))
        .expect("timeout");
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/geo+json\r\nContent-Length: {}\r\nExpect: 100-continue\r\n\
         Connection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).expect("send the headers");
    let mut bytes = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        let n = stream.read(&mut buf).expect("read the answer");
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&buf[..n]);
        if bytes.starts_with(b"HTTP/1.1 100")
            && let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n")
        {
            bytes.drain(..end + 4);
            stream.write_all(body).expect("send the body");
        }
    }
    parse_response(&bytes)
}
