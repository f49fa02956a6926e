//! GET /api/openapi.json: the API described in OpenAPI 3.1 (written by hand beside the code,
//! and checked by the tests against the routes).

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// The document, as served.
pub const DOCUMENT: &str = include_str!("openapi.json");

/// Serves the document.
pub async fn document() -> Response {
    let mut resp = DOCUMENT.into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp
}
