//! GET /api/history: the uploads, newest first.

use axum::Json;
use axum::extract::State;

use super::{Params, blocking};
use crate::api::{ApiError, AppState};
use crate::store::UploadRecord;

/// The last `limit` (default 100, at most 1000) changes.
pub async fn history(
    State(state): State<AppState>,
    q: Params,
) -> Result<Json<Vec<UploadRecord>>, ApiError> {
    let limit = match q.get("limit") {
        None => 100,
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=1000).contains(n))
            .ok_or_else(|| {
                ApiError::BadRequest(format!(
                    "limit must be a whole number from 1 to 1000, got {v:?}"
                ))
            })?,
    };
    let store = state.store.clone();
    let records = blocking(move || {
        store
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .history(limit)
    })
    .await?;
    records.map(Json).map_err(ApiError::internal)
}
