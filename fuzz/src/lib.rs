//! What the fuzz targets run, shared with their regression tests: `fuzz/fuzz_targets/*.rs`
//! call it on libFuzzer's inputs, and `tests/fuzz_regressions.rs` (in the phusong package,
//! through `#[path]`) calls it on the kept inputs in `tests/fuzz_regressions/`, so that a
//! regression test runs exactly the code the fuzzer ran.
//!
//! Both targets panic on a broken promise: libfuzzer-sys turns any panic (also one in a tokio
//! task, whose panic tokio would otherwise catch) into a crash.

#![forbid(unsafe_code)]

/// The GeoJSON import and validation: `phusong::import::{thon, sites, fiber, households}`.
pub mod import {
    use geo::CoordsIter;
    use phusong::crs::EpsgCode;
    use phusong::import::{self, ImportError, Source};

    /// The CRS given with the file (what `--crs` gives on the command line), by the first
    /// byte's bits 2..=5: none for half of the values, else WGS 84, VN-2000 (geographic, TM-3
    /// zone 491 of Quảng Ngãi, UTM 48N and 49N), WGS 84 / UTM 48N and 49N, and a code PROJ
    /// does not know.
    const CRS: [Option<u32>; 16] = [
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        Some(4326),
        Some(4756),
        Some(5898),
        Some(3405),
        Some(32648),
        Some(32649),
        Some(999_999),
        Some(3406),
    ];

    /// The layer chosen by the input's first byte.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Layer {
        /// `import::thon`.
        Thon,
        /// `import::sites`.
        Sites,
        /// `import::fiber`.
        Fiber,
        /// `import::households`.
        Households,
    }

    /// How an input was answered.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum Outcome {
        /// Accepted: this many features.
        Accepted(usize),
        /// Refused, for these reasons (one per problem).
        Refused(Vec<String>),
        /// The input was empty: nothing was run.
        Nothing,
    }

    /// The layer and the given CRS an input's first byte selects: bits 0..=1 the layer, bits
    /// 2..=5 the CRS. The rest of the input is the file.
    pub fn select(first: u8) -> (Layer, Option<EpsgCode>) {
        let layer = match first & 3 {
            0 => Layer::Thon,
            1 => Layer::Sites,
            2 => Layer::Fiber,
            _ => Layer::Households,
        };
        (layer, CRS[usize::from((first >> 2) & 15)].map(EpsgCode))
    }

    /// Runs one input: the first byte selects the layer and CRS ([`select`]), the rest is
    /// the file. Panics if the importer panics or breaks a promise of its answer: an accepted
    /// layer has at least one feature, every position a finite lon/lat in range, every
    /// required id and operator non-empty; a refused one names at least one problem.
    pub fn run(data: &[u8]) -> Outcome {
        let Some((&first, bytes)) = data.split_first() else {
            return Outcome::Nothing;
        };
        let (layer, crs) = select(first);
        let src = Source {
            name: "fuzz",
            bytes,
            crs,
        };
        match layer {
            Layer::Thon => check(import::thon(src), |t| {
                assert!(!t.id.is_empty() && !t.name.is_empty(), "{t:?}");
                t.geometry.coords_iter().all(lon_lat)
            }),
            Layer::Sites => check(import::sites(src), |s| {
                assert!(!s.id.is_empty() && !s.operator.is_empty(), "{s:?}");
                assert!(!s.tech.is_empty(), "{s:?}");
                assert!(
                    s.radius_m.is_none_or(|r| r > 0.0 && r <= 100_000.0),
                    "{s:?}"
                );
                lon_lat(s.location.0)
            }),
            Layer::Fiber => check(import::fiber(src), |f| {
                assert!(!f.id.is_empty() && !f.operator.is_empty(), "{f:?}");
                assert!(f.max_speed_mbps > 0.0 && f.max_drop_m >= 0.0, "{f:?}");
                f.geometry.coords_iter().all(lon_lat)
            }),
            Layer::Households => check(import::households(src), |h| {
                assert!(
                    h.people.is_none_or(|p| (0.0..=1000.0).contains(&p)),
                    "{h:?}"
                );
                lon_lat(h.location.0)
            }),
        }
    }

    fn check<T: std::fmt::Debug>(
        result: Result<Vec<T>, ImportError>,
        in_range: impl Fn(&T) -> bool,
    ) -> Outcome {
        match result {
            Ok(items) => {
                assert!(!items.is_empty(), "a layer of no features was accepted");
                for item in &items {
                    assert!(in_range(item), "a position is not a lon/lat: {item:?}");
                }
                Outcome::Accepted(items.len())
            }
            Err(ImportError::Invalid(problems)) => {
                assert!(!problems.is_empty(), "refused without a problem");
                Outcome::Refused(problems.into_iter().map(|p| p.reason).collect())
            }
            Err(e @ ImportError::Io { .. }) => panic!("an I/O error from bytes: {e}"),
        }
    }

    fn lon_lat(c: geo::Coord<f64>) -> bool {
        (-180.0..=180.0).contains(&c.x) && (-90.0..=90.0).contains(&c.y)
    }
}

/// The upload endpoints, POST /api/sites and /api/fiber, through the real router in process.
pub mod upload {
    use std::collections::HashSet;
    use std::path::{Path, PathBuf};

    use axum::Router;
    use axum::body::Body;
    use axum::http::{Method, Request, StatusCode, header};
    use phusong::api::{self, AppState, ServiceConfig};
    use phusong::import::{self, Source};
    use phusong::store::{TokenRole, hash_token};
    use tower::ServiceExt;

    /// The admin token of the fuzzed service.
    pub const ADMIN: &str = "fuzz-admin-token";
    /// A token of the operator Viettel (who owns some of the sample sites and routes).
    pub const VIETTEL: &str = "fuzz-viettel-token";
    /// Most features in one upload: lower than the service's default (10 000), so that the
    /// fuzzer reaches the 413 with inputs of its size; the sample layers (10 sites, 4 routes)
    /// fit.
    pub const MAX_FEATURES: usize = 12;

    /// The layer an upload goes to.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Layer {
        /// POST /api/sites.
        Sites,
        /// POST /api/fiber.
        Fiber,
    }

    /// Who sends an upload.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Sender {
        /// The admin token.
        Admin,
        /// Viettel's token.
        Viettel,
        /// A token the service does not know.
        Unknown,
        /// No Authorization header.
        Anonymous,
    }

    /// The layer and sender an input's first byte selects: bit 0 the layer, bits 1..=4 the
    /// sender (admin for 10 of 16 values, Viettel for 4, an unknown token and none for one
    /// each). The rest of the input is the body.
    pub fn select(first: u8) -> (Layer, Sender) {
        let layer = if first & 1 == 0 {
            Layer::Sites
        } else {
            Layer::Fiber
        };
        let sender = match (first >> 1) & 15 {
            0..=9 => Sender::Admin,
            10..=13 => Sender::Viettel,
            14 => Sender::Unknown,
            _ => Sender::Anonymous,
        };
        (layer, sender)
    }

    /// A service over the sample data (`geodata/`) with its store in a folder of its own,
    /// and a tokio runtime to drive it.
    pub struct Service {
        rt: tokio::runtime::Runtime,
        app: Router,
        /// The sample layers' files, to put back what an accepted upload changed.
        sample: [Vec<u8>; 2],
        /// The (operator, id) keys of the sample layers.
        sample_keys: [HashSet<(String, String)>; 2],
        /// GET /api/sites and /api/fiber as they were at the start.
        served: [Vec<u8>; 2],
        dir: PathBuf,
    }

    impl Service {
        /// Opens the service with a fresh store in a new folder under `parent`, seeded from
        /// the sample data, with an admin and a Viettel token.
        pub fn new(parent: &Path) -> Self {
            let root = Path::new(env!("CARGO_MANIFEST_DIR"));
            // The fuzz crate's manifest is in fuzz/, the phusong package's at the root.
            let root = if root.join("geodata").is_dir() {
                root.to_path_buf()
            } else {
                root.join("..")
            };
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default();
            let dir = parent.join(format!("phusong-fuzz-{}-{nanos}", std::process::id()));
            let mut config = ServiceConfig::new(dir.join("data"));
            config.seed_dir = root.join("geodata");
            config.web_dir = root.join("web");
            config.max_upload_features = MAX_FEATURES;
            let state = AppState::open(config).expect("the service opens on the sample data");
            {
                let mut store = state.store.lock().expect("the store");
                store
                    .add_token(&hash_token(ADMIN), &TokenRole::Admin)
                    .expect("the admin token is stored");
                store
                    .add_token(&hash_token(VIETTEL), &TokenRole::Operator("Viettel".into()))
                    .expect("the Viettel token is stored");
            }
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a tokio runtime");
            let sample = [
                std::fs::read(root.join("geodata/sites.geojson")).expect("geodata/sites.geojson"),
                std::fs::read(root.join("geodata/fiber.geojson")).expect("geodata/fiber.geojson"),
            ];
            let sample_keys = [
                keys(Layer::Sites, &sample[0]).expect("the sample sites are valid"),
                keys(Layer::Fiber, &sample[1]).expect("the sample fiber is valid"),
            ];
            let mut service = Service {
                rt,
                app: api::router(state),
                sample,
                sample_keys,
                served: [Vec::new(), Vec::new()],
                dir,
            };
            service.served = [
                service.get_layer(Layer::Sites),
                service.get_layer(Layer::Fiber),
            ];
            service
        }

        /// The folder of this service's store.
        pub fn dir(&self) -> &Path {
            &self.dir
        }

        /// Runs one input: the first byte selects the layer and sender ([`select`]), the rest
        /// is the body. Returns the status, or None for an empty input.
        ///
        /// Panics on a 5xx (or anything but 200 and 4xx), and when the status is not the
        /// one the upload's own steps give, in their order: 401 without a known token, else
        /// 422 when `import::sites` / `fiber` refuses the body, else 413 beyond
        /// [`MAX_FEATURES`], else 403 when a feature belongs to another operator, else 200.
        /// After a 200 the change is undone (new features deleted through the API, the sample
        /// layer uploaded again) and the layer must be served exactly as at the start, so that
        /// every input meets the same service.
        pub fn run(&self, data: &[u8]) -> Option<u16> {
            let (&first, body) = data.split_first()?;
            let (layer, sender) = select(first);
            let (status, text) = self.post(layer, sender, body.to_vec());
            assert!(
                status == StatusCode::OK || status.is_client_error(),
                "POST {} by {sender:?} answered {status}: {text}",
                path(layer)
            );
            let expected = expected(layer, sender, body);
            assert_eq!(
                status.as_u16(),
                expected,
                "POST {} by {sender:?}: {text}",
                path(layer)
            );
            if status == StatusCode::OK {
                self.undo(layer, body);
            }
            Some(status.as_u16())
        }

        /// Puts the layer back as it was: deletes the upload's new features and uploads the
        /// sample layer again if the upload replaced one of its features.
        fn undo(&self, layer: Layer, body: &[u8]) {
            let i = layer as usize;
            let uploaded = keys(layer, body).expect("an accepted upload is valid");
            for (operator, id) in uploaded.difference(&self.sample_keys[i]) {
                let (status, text) = self.send(
                    Method::DELETE,
                    &format!("{}/{}/{}", path(layer), encode(operator), encode(id)),
                    Sender::Admin,
                    Vec::new(),
                );
                assert_eq!(
                    status,
                    StatusCode::OK,
                    "DELETE of uploaded {operator:?}/{id:?}: {text}"
                );
            }
            if !uploaded.is_disjoint(&self.sample_keys[i]) {
                let (status, text) = self.post(layer, Sender::Admin, self.sample[i].clone());
                assert_eq!(status, StatusCode::OK, "the sample layer again: {text}");
            }
            assert!(
                self.get_layer(layer) == self.served[i],
                "after undoing an upload, GET {} differs from the start",
                path(layer)
            );
        }

        fn post(&self, layer: Layer, sender: Sender, body: Vec<u8>) -> (StatusCode, String) {
            self.send(Method::POST, path(layer), sender, body)
        }

        fn get_layer(&self, layer: Layer) -> Vec<u8> {
            let (status, text) = self.send(Method::GET, path(layer), Sender::Anonymous, vec![]);
            assert_eq!(status, StatusCode::OK, "GET {}: {text}", path(layer));
            text.into_bytes()
        }

        fn send(
            &self,
            method: Method,
            uri: &str,
            sender: Sender,
            body: Vec<u8>,
        ) -> (StatusCode, String) {
            let mut req = Request::builder()
                .method(method)
                .uri(uri)
                .header(header::CONTENT_TYPE, "application/geo+json");
            match sender {
                Sender::Admin => req = req.header(header::AUTHORIZATION, bearer(ADMIN)),
                Sender::Viettel => req = req.header(header::AUTHORIZATION, bearer(VIETTEL)),
                Sender::Unknown => req = req.header(header::AUTHORIZATION, "Bearer nobody"),
                Sender::Anonymous => {}
            }
            let req = req.body(Body::from(body)).expect("a request");
            self.rt.block_on(async {
                let resp = self
                    .app
                    .clone()
                    .oneshot(req)
                    .await
                    .expect("the router is infallible");
                let status = resp.status();
                let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
                    .await
                    .expect("the answer's body");
                (status, String::from_utf8_lossy(&bytes).into_owned())
            })
        }
    }

    impl Drop for Service {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }

    fn path(layer: Layer) -> &'static str {
        match layer {
            Layer::Sites => "/api/sites",
            Layer::Fiber => "/api/fiber",
        }
    }

    fn bearer(token: &str) -> String {
        format!("Bearer {token}")
    }

    /// The (operator, id) keys of a layer file, if the importer accepts it.
    fn keys(layer: Layer, body: &[u8]) -> Option<HashSet<(String, String)>> {
        let src = Source {
            name: "upload",
            bytes: body,
            crs: None,
        };
        match layer {
            Layer::Sites => import::sites(src)
                .ok()
                .map(|s| s.into_iter().map(|s| (s.operator, s.id)).collect()),
            Layer::Fiber => import::fiber(src)
                .ok()
                .map(|f| f.into_iter().map(|f| (f.operator, f.id)).collect()),
        }
    }

    /// The status the upload's steps give, in their order (see [`Service::run`]).
    fn expected(layer: Layer, sender: Sender, body: &[u8]) -> u16 {
        let operator = match sender {
            Sender::Unknown | Sender::Anonymous => return 401,
            Sender::Admin => None,
            Sender::Viettel => Some("Viettel"),
        };
        let src = Source {
            name: "upload",
            bytes: body,
            crs: None,
        };
        let operators: Vec<String> = match layer {
            Layer::Sites => match import::sites(src) {
                Ok(s) => s.into_iter().map(|s| s.operator).collect(),
                Err(_) => return 422,
            },
            Layer::Fiber => match import::fiber(src) {
                Ok(f) => f.into_iter().map(|f| f.operator).collect(),
                Err(_) => return 422,
            },
        };
        if operators.len() > MAX_FEATURES {
            413
        } else if operator.is_some_and(|o| operators.iter().any(|op| op != o)) {
            403
        } else {
            200
        }
    }

    /// A path segment with every byte but ASCII letters and digits percent-encoded.
    fn encode(s: &str) -> String {
        s.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() {
                    char::from(b).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect()
    }
}
