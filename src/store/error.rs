//! Why a store operation failed.

use std::borrow::Cow;
use std::path::PathBuf;

use super::wkb::GeometryError;

/// Why a store operation failed; each variant names the file, table or feature involved.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file could not be opened, or its durability settings could not be applied.
    #[error("cannot open GeoPackage {path}")]
    Open {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: rusqlite::Error,
    },
    /// The file is an SQLite database but not a GeoPackage, so we refuse to add tables to it.
    #[error(
        "{path} is an SQLite database but not a GeoPackage (application_id {application_id:#010x})"
    )]
    NotGeoPackage {
        /// The file.
        path: PathBuf,
        /// The application_id found in its header.
        application_id: i32,
    },
    /// SQLite would not switch journal mode: to WAL on a filesystem without shared memory
    /// (network mounts), or out of WAL while another connection has the file open.
    #[error("{path}: SQLite kept journal_mode {got:?} instead of {wanted}")]
    JournalMode {
        /// The file.
        path: PathBuf,
        /// The mode asked for.
        wanted: &'static str,
        /// The mode SQLite reported.
        got: String,
    },
    /// An SQL statement failed.
    #[error("SQL error while {doing}")]
    Sql {
        /// What the store was doing, e.g. "reading table sites".
        doing: Cow<'static, str>,
        /// The cause.
        #[source]
        source: rusqlite::Error,
    },
    /// A feature could not be written: a UNIQUE constraint on its id, or a value SQLite cannot
    /// hold (a population beyond 2⁶³−1).
    #[error("cannot write {table} feature {index} (id {id:?})")]
    Write {
        /// The table.
        table: &'static str,
        /// Position of the feature in the list being written.
        index: usize,
        /// Its id.
        id: String,
        /// The cause.
        #[source]
        source: rusqlite::Error,
    },
    /// A stored geometry could not be decoded.
    #[error("{table} row fid {fid}: bad geometry")]
    Geometry {
        /// The table.
        table: &'static str,
        /// The row's primary key.
        fid: i64,
        /// The cause.
        #[source]
        source: GeometryError,
    },
    /// A stored column could not be read as the expected SQL type.
    #[error("{table} row fid {fid}: cannot read column {column}")]
    Column {
        /// The table.
        table: &'static str,
        /// The row's primary key.
        fid: i64,
        /// The column.
        column: &'static str,
        /// The cause.
        #[source]
        source: rusqlite::Error,
    },
    /// A stored value is not valid for the domain (e.g. an unknown tech label).
    #[error("{table} row fid {fid}: column {column}: {reason}")]
    Field {
        /// The table.
        table: &'static str,
        /// The row's primary key.
        fid: i64,
        /// The column.
        column: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// A change names a feature that is not stored.
    #[error("no {table} feature with operator {operator:?} and id {id:?}")]
    NotFound {
        /// The table.
        table: &'static str,
        /// The operator named.
        operator: String,
        /// The id named.
        id: String,
    },
    /// One change lists the same (operator, id) twice, so its outcome would depend on order.
    #[error("{table} feature {operator}/{id} appears more than once in one change")]
    DuplicateKey {
        /// The table.
        table: &'static str,
        /// The operator.
        operator: String,
        /// The id.
        id: String,
    },
    /// A layer carries triggers that call SQL functions only GDAL registers (the R-tree spatial
    /// index QGIS or `ogr2ogr` adds), so any write to it would fail.
    #[error(
        "table {table} has a spatial index added by QGIS or GDAL whose triggers call GDAL's ST_* \
         functions, so the service cannot write it; remove the index with \
         ogrinfo FILE -sql \"SELECT DisableSpatialIndex('{table}', 'geom')\""
    )]
    ForeignTriggers {
        /// The table.
        table: String,
    },
    /// A token with this hash is already stored.
    #[error("a token with this hash is already stored")]
    TokenExists,
    /// What was given as a token hash is not 64 lowercase hex digits: most likely the token
    /// itself, which must never be stored.
    #[error("token hash must be SHA-256 as 64 lowercase hex digits (see store::hash_token)")]
    BadTokenHash,
}

/// Wraps an SQLite error with what the store was doing; a `&'static str` costs nothing on the
/// success path.
pub(super) fn sql(
    doing: impl Into<Cow<'static, str>>,
) -> impl FnOnce(rusqlite::Error) -> StoreError {
    let doing = doing.into();
    move |source| StoreError::Sql { doing, source }
}

/// Like [`sql`], for a context that must be formatted: `doing` runs only on failure, so it
/// costs nothing per row.
pub(super) fn sql_with(
    doing: impl FnOnce() -> String,
) -> impl FnOnce(rusqlite::Error) -> StoreError {
    move |source| StoreError::Sql {
        doing: doing().into(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_feature() {
        let e = StoreError::NotFound {
            table: "sites",
            operator: "Viettel".into(),
            id: "S9".into(),
        };
        assert_eq!(
            e.to_string(),
            "no sites feature with operator \"Viettel\" and id \"S9\""
        );
    }

    #[test]
    fn sql_errors_keep_their_cause() {
        let e = sql("reading table thon")(rusqlite::Error::QueryReturnedNoRows);
        assert_eq!(e.to_string(), "SQL error while reading table thon");
        assert!(std::error::Error::source(&e).is_some());
    }
}
