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
            get(routes::layers::sites).post(routes::upload::sites),
        )
        .route(
            "/sites/{operator}/{id}",
            delete(routes::upload::delete_site),
        )
        .route(
            "/fiber",
            get(routes::layers::fiber).post(routes::upload::fiber),
        )
        .route(
            "/fiber/{operator}/{id}",
            delete(routes::upload::delete_fiber),
        )
        .route("/households", get(routes::layers::households))
        .route("/coverage/point", get(routes::point::point))
        .route("/gaps", get(routes::gaps::gaps))
        .route("/summary", get(routes::summary::summary))
        .route("/csv/thon", get(routes::summary::thon_csv))
        .route("/history", get(routes::history::history))
        .route("/openapi.json", get(openapi::document))
        .fallback(|| async { ApiError::NotFound("no such API endpoint".into()) })
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
        .layer(server::layers(&state.config))
        .with_state(state)
}
