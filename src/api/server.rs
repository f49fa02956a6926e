//! Serving: settings, middleware, and graceful shutdown.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use tokio::net::TcpListener;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use super::ApiError;
use crate::coverage::CoverageConfig;

/// Settings of the service.
#[derive(Debug, Clone)]
pub struct ServiceConfig {
    /// Where to listen.
    pub addr: SocketAddr,
    /// Folder of the store (phusong.gpkg).
    pub data_dir: PathBuf,
    /// Folder with the four layer files that seed an empty store.
    pub seed_dir: PathBuf,
    /// Folder of the map (index.html, app/, node_modules/leaflet).
    pub web_dir: PathBuf,
    /// The coverage model and threshold.
    pub coverage: CoverageConfig,
    /// Reads need a token too.
    pub read_token_required: bool,
    /// Largest request body, bytes.
    pub max_body_bytes: usize,
    /// Most features in one upload.
    pub max_upload_features: usize,
    /// Longest a request may take.
    pub request_timeout: Duration,
}

impl ServiceConfig {
    /// Defaults: 127.0.0.1:8080, ./data, geodata/ and web/, 20 MiB bodies, 10 000 features
    /// per upload, 30 s per request, open reads.
    pub fn new(data_dir: PathBuf) -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir,
            seed_dir: PathBuf::from("geodata"),
            web_dir: PathBuf::from("web"),
            coverage: CoverageConfig::default(),
            read_token_required: false,
            max_body_bytes: 20 * 1024 * 1024,
            max_upload_features: 10_000,
            request_timeout: Duration::from_secs(30),
        }
    }

    /// The GeoPackage file of the store.
    pub fn store_path(&self) -> PathBuf {
        self.data_dir.join("phusong.gpkg")
    }
}

/// Middleware every request goes through: tracing, body limit, timeout.
pub(crate) fn layers(
    config: &ServiceConfig,
) -> tower::layer::util::Stack<
    TimeoutLayer,
    tower::layer::util::Stack<
        RequestBodyLimitLayer,
        TraceLayer<
            tower_http::classify::SharedClassifier<tower_http::classify::ServerErrorsAsFailures>,
        >,
    >,
> {
    tower::layer::util::Stack::new(
        TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, config.request_timeout),
        tower::layer::util::Stack::new(
            RequestBodyLimitLayer::new(config.max_body_bytes),
            TraceLayer::new_for_http(),
        ),
    )
}

/// What the middleware answers by itself, as problem+json that says what the limit is, like
/// every other error of the API: the body limit's 413 (tower-http's, empty, or axum's, plain
/// text) and the request timeout's empty 503.
pub(crate) async fn limits_as_problem(
    State(config): State<std::sync::Arc<ServiceConfig>>,
    resp: Response,
) -> Response {
    let is_problem = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes() == b"application/problem+json");
    if is_problem {
        return resp;
    }
    match resp.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::TooLarge(format!(
            "the request body is larger than the limit of {} bytes ({} MiB): split the file",
            config.max_body_bytes,
            config.max_body_bytes / (1024 * 1024)
        ))
        .into_response(),
        StatusCode::SERVICE_UNAVAILABLE => ApiError::Timeout(format!(
            "the request took longer than the limit of {} s; the server is busy: try again, \
             or ask for less (one thôn, or a bbox)",
            config.request_timeout.as_secs_f64()
        ))
        .into_response(),
        _ => resp,
    }
}

/// Serves the app on `listener` until `shutdown` completes, then lets requests in flight
/// finish.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}
