//! Bearer tokens: who is calling, and what they may change. Only hashes are stored; a
//! token is looked up by its SHA-256, so comparing hashes leaks nothing about the token.

use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::Response;

use super::{ApiError, AppState};
use crate::store::{TokenRole, hash_token};

/// Who made a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// May change anything.
    Admin,
    /// May change this operator's sites and routes.
    Operator(String),
}

impl Caller {
    /// The name recorded in the history.
    pub fn actor(&self) -> String {
        match self {
            Caller::Admin => "admin".into(),
            Caller::Operator(o) => o.clone(),
        }
    }

    /// May this caller change a feature of `operator`?
    pub fn may_change(&self, operator: &str) -> bool {
        match self {
            Caller::Admin => true,
            Caller::Operator(o) => o == operator,
        }
    }
}

/// The caller of a request with a valid bearer token; 401 without one.
pub async fn caller(state: &AppState, headers: &axum::http::HeaderMap) -> Result<Caller, ApiError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(bearer)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            ApiError::Unauthorized("this needs a token: send \"Authorization: Bearer <token>\" (create one with `phusong token create`)".into())
        })?;
    let hash = hash_token(token);
    let store = state.store.clone();
    let role = tokio::task::spawn_blocking(move || {
        let s = store.lock().unwrap_or_else(|p| p.into_inner());
        s.find_token(&hash)
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(ApiError::internal)?;
    match role {
        Some(TokenRole::Admin) => Ok(Caller::Admin),
        Some(TokenRole::Operator(o)) => Ok(Caller::Operator(o)),
        None => Err(ApiError::Unauthorized("unknown token".into())),
    }
}

/// The token of an "Authorization: Bearer <token>" value; the scheme is case-insensitive
/// (RFC 9110 §11.1).
fn bearer(value: &str) -> Option<&str> {
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then_some(token)
}

/// Reads are open unless the service is set to need a token for them.
pub async fn read_access(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let is_read = matches!(*req.method(), Method::GET | Method::HEAD);
    if is_read && state.config.read_token_required {
        caller(&state, req.headers()).await?;
    }
    Ok(next.run(req).await)
}
