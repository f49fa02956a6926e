//! The `fiber` table: MULTILINESTRING routes keyed by (operator, id).

use geo::{Geometry, MultiLineString};
use rusqlite::{Statement, params};

use super::{Feature, Keyed, RowReader};
use crate::domain::FiberRoute;
use crate::store::error::StoreError;
use crate::store::schema::FIBER;

impl Feature for FiberRoute {
    type Geom = MultiLineString<f64>;
    const TABLE: &'static str = FIBER;
    const INSERT: &'static str = "INSERT INTO fiber \
        (fid, geom, id, operator, max_speed_mbps, max_drop_m) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
    const SELECT: &'static str = "SELECT fid, geom, id, operator, max_speed_mbps, max_drop_m \
        FROM fiber ORDER BY fid";

    fn geometry(&self) -> &MultiLineString<f64> {
        &self.geometry
    }

    fn id(&self) -> &str {
        &self.id
    }

    fn execute(
        &self,
        stmt: &mut Statement<'_>,
        fid: Option<i64>,
        blob: &[u8],
    ) -> rusqlite::Result<usize> {
        stmt.execute(params![
            fid,
            blob,
            self.id,
            self.operator,
            self.max_speed_mbps,
            self.max_drop_m
        ])
    }

    fn from_row(r: &RowReader<'_, '_>) -> Result<Self, StoreError> {
        Ok(FiberRoute {
            id: r.get("id")?,
            operator: r.get("operator")?,
            max_speed_mbps: r.get("max_speed_mbps")?,
            max_drop_m: r.get("max_drop_m")?,
            geometry: multi_line_string(r)?,
        })
    }
}

impl Keyed for FiberRoute {
    const UPDATE: &'static str = "UPDATE fiber SET geom = ?2, id = ?3, operator = ?4, \
        max_speed_mbps = ?5, max_drop_m = ?6 WHERE fid = ?1";

    fn operator(&self) -> &str {
        &self.operator
    }
}

/// The row's route; a single LineString (from a file edited elsewhere) becomes a MultiLineString.
fn multi_line_string(r: &RowReader<'_, '_>) -> Result<MultiLineString<f64>, StoreError> {
    match r.geometry()? {
        Geometry::MultiLineString(ml) => Ok(ml),
        Geometry::LineString(ls) => Ok(MultiLineString::new(vec![ls])),
        other => Err(r.wrong_geometry("MultiLineString", &other)),
    }
}
