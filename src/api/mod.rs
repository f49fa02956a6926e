//! The HTTP API: the router, its state, errors as RFC 9457 problem+json, and the routes.
//! The only module that knows HTTP.

mod auth;
mod error;
mod openapi;
mod routes;
mod server;
mod state;

pub use error::ApiError;
pub use server::{ServiceConfig, serve};
pub use state::{AppState, Current, StateError};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get};
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};

/// The whole application: the API under /api, /healthz, and the map at /.
pub fn router(state: AppState) -> Router {
    let web = state.config.web_dir.clone();
    let api = Router::new()
        .route("/thon", get(routes::thon::list))
        .route("/thon/{id}", get(routes::thon::one))
        .route(
            "/sites",
            get(routes::layers::sites).post(|s: State<AppState>, h: HeaderMap, b: Bytes| {
                detached(routes::upload::sites(s, h, b))
            }),
        )
        .route(
            "/sites/{operator}/{id}",
            delete(
                |s: State<AppState>, h: HeaderMap, p: Path<(String, String)>| {
                    detached(routes::upload::delete_site(s, h, p))
                },
            ),
        )
        .route(
            "/fiber",
            get(routes::layers::fiber).post(|s: State<AppState>, h: HeaderMap, b: Bytes| {
                detached(routes::upload::fiber(s, h, b))
            }),
        )
        .route(
            "/fiber/{operator}/{id}",
            delete(
                |s: State<AppState>, h: HeaderMap, p: Path<(String, String)>| {
                    detached(routes::upload::delete_fiber(s, h, p))
                },
            ),
        )
        .route("/households", get(routes::layers::households))
        .route("/coverage/point", get(routes::point::point))
        .route("/gaps", get(routes::gaps::gaps))
        .route("/summary", get(routes::summary::summary))
        .route("/csv/thon", get(routes::summary::thon_csv))
        .route("/history", get(routes::history::history))
        .route("/openapi.json", get(openapi::document))
        .fallback(|| async { ApiError::NotFound("no such API endpoint".into()) })
        .method_not_allowed_fallback(|method: axum::http::Method| async move {
            ApiError::MethodNotAllowed(format!(
                "{method} is not allowed here: see /api/openapi.json for the methods of each path"
            ))
        })
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::read_access,
        ));
    // Only the page, its code and Leaflet are served: not web/'s tests, package files or the
    // rest of node_modules. ServeDir refuses paths that climb out of its folder.
    let vendor = ServeDir::new(web.join("node_modules/leaflet/dist"));
    Router::new()
        .nest("/api", api)
        .route("/healthz", get(|| async { "ok" }))
        .route_service("/", ServeFile::new(web.join("index.html")))
        .route_service("/index.html", ServeFile::new(web.join("index.html")))
        .nest_service("/app", ServeDir::new(web.join("app")))
        .nest_service("/vendor/leaflet", vendor)
        .layer(CompressionLayer::new())
        // The one body limit is `max_body_bytes`, applied by `server::layers`: without this,
        // axum's `Bytes` extractor would also cap bodies at its own 2 MB default.
        .layer(DefaultBodyLimit::disable())
        .layer(server::layers(&state.config))
        .layer(axum::middleware::map_response_with_state(
            state.config.clone(),
            server::limits_as_problem,
        ))
        .with_state(state)
}

/// Runs a handler that changes data in a task of its own. A request timeout, or a client that
/// hangs up, drops the request's future; were the change running in it, it could be dropped
/// after the durable commit and before the swap, leaving the store ahead of what is served,
/// and the writer lock free while the commit still runs. In its own task a change always
/// finishes whole: a client that got no answer does not know the outcome, as after a crash,
/// but what is served is what is stored.
async fn detached<R: IntoResponse + Send + 'static>(
    change: impl Future<Output = R> + Send + 'static,
) -> Response {
    match tokio::spawn(change).await {
        Ok(r) => r.into_response(),
        Err(e) => ApiError::internal(e).into_response(),
    }
}
