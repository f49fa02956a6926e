//! Keeping `gpkg_contents` true after a write: `last_change` and each layer's extent.
//!
//! Requirement 148 asks that every geometry's envelope lie within its layer's extent, and QGIS
//! uses the extent for "zoom to layer", so a write recomputes the extent of each layer it touched.

use geo::{Coord, Rect};
use rusqlite::Connection;

use super::error::{StoreError, sql, sql_with};
use super::gpb;

/// The current time as GeoPackage writes it: RFC 3339 UTC with milliseconds,
/// e.g. `2025-03-01T08:30:00.123Z`.
///
/// Read from SQLite so the store needs no clock crate, and so `last_change` and history rows
/// written in one transaction share the same instant.
pub(super) fn now(conn: &Connection) -> Result<String, StoreError> {
    conn.query_row("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')", [], |r| {
        r.get(0)
    })
    .map_err(sql("reading the clock"))
}

/// The union of bounding boxes seen so far.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Extent(Option<Rect<f64>>);

impl Extent {
    /// Grows the extent to cover `r`.
    pub(super) fn add(&mut self, r: Option<Rect<f64>>) {
        let Some(r) = r else { return };
        self.0 = Some(match self.0 {
            None => r,
            Some(e) => Rect::new(
                Coord {
                    x: e.min().x.min(r.min().x),
                    y: e.min().y.min(r.min().y),
                },
                Coord {
                    x: e.max().x.max(r.max().x),
                    y: e.max().y.max(r.max().y),
                },
            ),
        });
    }

    /// The box, if anything was added.
    pub(super) fn rect(self) -> Option<Rect<f64>> {
        self.0
    }
}

/// The extent of every geometry stored in `table`, from the blobs' headers.
pub(super) fn scan_extent(conn: &Connection, table: &'static str) -> Result<Extent, StoreError> {
    let doing = || format!("scanning the extent of {table}");
    let mut stmt = conn
        .prepare(&format!(
            "SELECT fid, geom FROM \"{table}\" WHERE geom IS NOT NULL"
        ))
        .map_err(sql_with(doing))?;
    let mut rows = stmt.query([]).map_err(sql_with(doing))?;
    let mut extent = Extent::default();
    while let Some(row) = rows.next().map_err(sql_with(doing))? {
        let (fid, blob): (i64, Vec<u8>) = (
            row.get(0).map_err(sql_with(doing))?,
            row.get(1).map_err(sql_with(doing))?,
        );
        let bounds =
            gpb::bounds(&blob).map_err(|source| StoreError::Geometry { table, fid, source })?;
        extent.add(bounds);
    }
    Ok(extent)
}

/// Sets a layer's extent and `last_change`.
pub(super) fn set_layer(
    conn: &Connection,
    table: &'static str,
    extent: Extent,
    at: &str,
) -> Result<(), StoreError> {
    let r = extent.rect();
    conn.execute(
        "UPDATE gpkg_contents SET last_change = ?1, min_x = ?2, min_y = ?3, max_x = ?4, max_y = ?5
         WHERE table_name = ?6",
        rusqlite::params![
            at,
            r.map(|r| r.min().x),
            r.map(|r| r.min().y),
            r.map(|r| r.max().x),
            r.map(|r| r.max().y),
            table
        ],
    )
    .map_err(sql_with(|| format!("updating gpkg_contents for {table}")))?;
    Ok(())
}

/// Sets `last_change` of an attribute table.
pub(super) fn touch(conn: &Connection, table: &'static str, at: &str) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE gpkg_contents SET last_change = ?1 WHERE table_name = ?2",
        rusqlite::params![at, table],
    )
    .map_err(sql_with(|| format!("updating gpkg_contents for {table}")))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> Rect<f64> {
        Rect::new(Coord { x: x0, y: y0 }, Coord { x: x1, y: y1 })
    }

    #[test]
    fn extent_is_the_union_of_boxes() {
        let mut e = Extent::default();
        e.add(Some(rect(1.0, 1.0, 2.0, 2.0)));
        e.add(None);
        e.add(Some(rect(0.0, 1.5, 1.5, 3.0)));
        assert_eq!(e.rect(), Some(rect(0.0, 1.0, 2.0, 3.0)));
    }

    #[test]
    fn empty_extent_has_no_box() {
        assert_eq!(Extent::default().rect(), None);
    }

    #[test]
    fn now_is_rfc3339_utc_with_milliseconds() {
        let conn = Connection::open_in_memory().expect("memory db");
        let t = now(&conn).expect("clock");
        assert_eq!(t.len(), "2025-03-01T08:30:00.123Z".len(), "{t}");
        assert!(t.ends_with('Z') && t.as_bytes()[10] == b'T', "{t}");
    }
}
