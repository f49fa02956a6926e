//! The `households` table: POINT locations with an optional id and head count.

use geo::{Geometry, Point};
use rusqlite::{Statement, params};

use super::{Feature, RowReader};
use crate::domain::Household;
use crate::store::error::StoreError;
use crate::store::schema::HOUSEHOLDS;

impl Feature for Household {
    type Geom = Point<f64>;
    const TABLE: &'static str = HOUSEHOLDS;
    const INSERT: &'static str =
        "INSERT INTO households (fid, geom, id, people) VALUES (?1, ?2, ?3, ?4)";
    const SELECT: &'static str = "SELECT fid, geom, id, people FROM households ORDER BY fid";

    fn geometry(&self) -> &Point<f64> {
        &self.location
    }

    fn id(&self) -> &str {
        self.id.as_deref().unwrap_or("")
    }

    fn execute(
        &self,
        stmt: &mut Statement<'_>,
        fid: Option<i64>,
        blob: &[u8],
    ) -> rusqlite::Result<usize> {
        stmt.execute(params![fid, blob, self.id, self.people])
    }

    fn from_row(r: &RowReader<'_, '_>) -> Result<Self, StoreError> {
        Ok(Household {
            id: r.get("id")?,
            people: r.get("people")?,
            location: point(r)?,
        })
    }
}

/// The row's location; an empty point is an error, since a household must be somewhere.
pub(super) fn point(r: &RowReader<'_, '_>) -> Result<Point<f64>, StoreError> {
    match r.geometry()? {
        Geometry::Point(p) if p.x().is_nan() || p.y().is_nan() => {
            Err(r.invalid("geom", "empty point where a location is required"))
        }
        Geometry::Point(p) => Ok(p),
        other => Err(r.wrong_geometry("Point", &other)),
    }
}
