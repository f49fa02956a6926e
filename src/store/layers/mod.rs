//! The four feature tables: domain values written as rows and read back.
//!
//! Each layer implements [`Feature`]; sites and fiber, which uploads change one by one, also
//! implement [`Keyed`]. Rows are read in `fid` order, which is insertion order, so a dataset
//! comes back in the order it was stored.

mod fiber;
mod households;
mod sites;
mod thon;

use std::collections::HashSet;

use geo::Geometry;
use rusqlite::types::FromSql;
use rusqlite::{Connection, OptionalExtension, Row, Statement};

use super::contents::Extent;
use super::error::{StoreError, sql, sql_with};
use super::gpb::{self, GpkgGeometry};

/// A domain value stored as one row of a feature table.
pub(super) trait Feature: Sized {
    /// Its geometry type.
    type Geom: GpkgGeometry;
    /// The table.
    const TABLE: &'static str;
    /// INSERT with `fid` as `?1` (NULL: SQLite picks one), the geometry blob as `?2`, and the
    /// other columns from `?3` as bound by [`Self::execute`].
    const INSERT: &'static str;
    /// SELECT of `fid`, `geom` and every column, ordered by `fid`.
    const SELECT: &'static str;
    /// Its geometry.
    fn geometry(&self) -> &Self::Geom;
    /// Its id, for error messages ("" when it has none).
    fn id(&self) -> &str;
    /// Runs an INSERT or UPDATE statement with `fid`, the blob and this value's columns.
    fn execute(
        &self,
        stmt: &mut Statement<'_>,
        fid: Option<i64>,
        blob: &[u8],
    ) -> rusqlite::Result<usize>;
    /// The value of one row.
    fn from_row(r: &RowReader<'_, '_>) -> Result<Self, StoreError>;
}

/// A feature identified across uploads by (operator, id).
pub(super) trait Keyed: Feature {
    /// UPDATE of the row whose `fid` is `?1`, with the parameters of [`Feature::INSERT`].
    ///
    /// An upsert looks the key up and then updates by `fid` rather than using
    /// `ON CONFLICT (operator, id)`, which needs the UNIQUE constraint that a copy made with
    /// `ogr2ogr` or QGIS drops.
    const UPDATE: &'static str;
    /// Its operator.
    fn operator(&self) -> &str;
}

/// Reads one row's columns, naming table, fid and column in every error.
pub(super) struct RowReader<'a, 'r> {
    row: &'a Row<'r>,
    table: &'static str,
    fid: i64,
}

impl RowReader<'_, '_> {
    /// A column converted to `T`.
    pub(super) fn get<T: FromSql>(&self, column: &'static str) -> Result<T, StoreError> {
        self.row.get(column).map_err(|source| StoreError::Column {
            table: self.table,
            fid: self.fid,
            column,
            source,
        })
    }

    /// The decoded `geom` column; a NULL geometry is an error, since every layer needs one.
    pub(super) fn geometry(&self) -> Result<Geometry<f64>, StoreError> {
        let blob: Option<Vec<u8>> = self.get("geom")?;
        let blob = blob.ok_or_else(|| self.invalid("geom", "geometry is NULL"))?;
        gpb::decode(&blob).map_err(|source| StoreError::Geometry {
            table: self.table,
            fid: self.fid,
            source,
        })
    }

    /// An error for a value that is not valid for the domain.
    pub(super) fn invalid(&self, column: &'static str, reason: impl Into<String>) -> StoreError {
        StoreError::Field {
            table: self.table,
            fid: self.fid,
            column,
            reason: reason.into(),
        }
    }

    /// An error for a geometry of the wrong type.
    pub(super) fn wrong_geometry(&self, expected: &str, found: &Geometry<f64>) -> StoreError {
        self.invalid(
            "geom",
            format!("expected a {expected}, found a {}", kind(found)),
        )
    }
}

/// The name of a geometry's type, for messages.
fn kind(g: &Geometry<f64>) -> &'static str {
    match g {
        Geometry::Point(_) => "Point",
        Geometry::Line(_) | Geometry::LineString(_) => "LineString",
        Geometry::Polygon(_) | Geometry::Rect(_) | Geometry::Triangle(_) => "Polygon",
        Geometry::MultiPoint(_) => "MultiPoint",
        Geometry::MultiLineString(_) => "MultiLineString",
        Geometry::MultiPolygon(_) => "MultiPolygon",
        Geometry::GeometryCollection(_) => "GeometryCollection",
    }
}

/// Every row of a layer, in fid order.
pub(super) fn read_all<F: Feature>(conn: &Connection) -> Result<Vec<F>, StoreError> {
    let doing = || format!("reading table {}", F::TABLE);
    let mut stmt = conn.prepare(F::SELECT).map_err(sql_with(doing))?;
    let mut rows = stmt.query([]).map_err(sql_with(doing))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(sql_with(doing))? {
        let fid = row.get("fid").map_err(sql_with(doing))?;
        out.push(F::from_row(&RowReader {
            row,
            table: F::TABLE,
            fid,
        })?);
    }
    Ok(out)
}

/// Deletes every row of a layer.
pub(super) fn clear<F: Feature>(conn: &Connection) -> Result<(), StoreError> {
    conn.execute(&format!("DELETE FROM \"{}\"", F::TABLE), [])
        .map_err(sql_with(|| format!("clearing table {}", F::TABLE)))?;
    Ok(())
}

/// Inserts every item; returns their extent.
pub(super) fn insert_all<F: Feature>(conn: &Connection, items: &[F]) -> Result<Extent, StoreError> {
    let mut stmt = conn
        .prepare_cached(F::INSERT)
        .map_err(sql_with(|| format!("preparing inserts into {}", F::TABLE)))?;
    let mut extent = Extent::default();
    for (index, item) in items.iter().enumerate() {
        write(&mut stmt, item, None, index)?;
        extent.add(item.geometry().bounds());
    }
    Ok(extent)
}

/// Runs `stmt` for one item.
fn write<F: Feature>(
    stmt: &mut Statement<'_>,
    item: &F,
    fid: Option<i64>,
    index: usize,
) -> Result<(), StoreError> {
    let blob = gpb::encode(item.geometry());
    item.execute(stmt, fid, &blob)
        .map_err(|source| StoreError::Write {
            table: F::TABLE,
            index,
            id: item.id().to_string(),
            source,
        })?;
    Ok(())
}

/// What an upsert did, as "operator/id" keys.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Upserted {
    /// Keys not stored before.
    pub inserted: Vec<String>,
    /// Keys whose row was replaced in place.
    pub updated: Vec<String>,
}

/// Inserts or updates each item by (operator, id); a key listed twice is an error.
pub(super) fn upsert<F: Keyed>(conn: &Connection, items: &[F]) -> Result<Upserted, StoreError> {
    let prepare_err = || format!("preparing upserts into {}", F::TABLE);
    let mut insert = conn
        .prepare_cached(F::INSERT)
        .map_err(sql_with(prepare_err))?;
    let mut update = conn
        .prepare_cached(F::UPDATE)
        .map_err(sql_with(prepare_err))?;
    let mut seen = HashSet::new();
    let mut out = Upserted::default();
    for (index, item) in items.iter().enumerate() {
        let (operator, id) = (item.operator(), item.id());
        if !seen.insert((operator, id)) {
            let (operator, id) = (operator.to_string(), id.to_string());
            return Err(StoreError::DuplicateKey {
                table: F::TABLE,
                operator,
                id,
            });
        }
        let key = format!("{operator}/{id}");
        match find_fid::<F>(conn, operator, id)? {
            Some(fid) => {
                write(&mut update, item, Some(fid), index)?;
                out.updated.push(key);
            }
            None => {
                write(&mut insert, item, None, index)?;
                out.inserted.push(key);
            }
        }
    }
    Ok(out)
}

/// The `fid` of the row with this (operator, id), if stored.
fn find_fid<F: Keyed>(
    conn: &Connection,
    operator: &str,
    id: &str,
) -> Result<Option<i64>, StoreError> {
    let sql_text = format!(
        "SELECT fid FROM \"{}\" WHERE operator = ?1 AND id = ?2",
        F::TABLE
    );
    conn.prepare_cached(&sql_text)
        .and_then(|mut s| s.query_row([operator, id], |r| r.get(0)).optional())
        .map_err(sql_with(|| {
            format!("looking up {operator}/{id} in {}", F::TABLE)
        }))
}

/// Deletes the row with this (operator, id); returns its "operator/id" key.
pub(super) fn delete<F: Keyed>(
    conn: &Connection,
    operator: &str,
    id: &str,
) -> Result<String, StoreError> {
    let n = conn
        .execute(
            &format!(
                "DELETE FROM \"{}\" WHERE operator = ?1 AND id = ?2",
                F::TABLE
            ),
            [operator, id],
        )
        .map_err(sql("deleting a feature"))?;
    if n == 0 {
        let (operator, id) = (operator.to_string(), id.to_string());
        return Err(StoreError::NotFound {
            table: F::TABLE,
            operator,
            id,
        });
    }
    Ok(format!("{operator}/{id}"))
}
