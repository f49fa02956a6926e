//! The `thon` table: MULTIPOLYGON boundaries with official figures and clutter class.

use geo::{Geometry, MultiPolygon};
use rusqlite::{Statement, params};

use super::{Feature, RowReader};
use crate::domain::{Clutter, Thon};
use crate::store::error::StoreError;
use crate::store::schema::THON;

impl Feature for Thon {
    type Geom = MultiPolygon<f64>;
    const TABLE: &'static str = THON;
    const INSERT: &'static str = "INSERT INTO thon \
        (fid, geom, id, name, commune, population, households, clutter) \
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
    const SELECT: &'static str = "SELECT fid, geom, id, name, commune, population, households, \
        clutter FROM thon ORDER BY fid";

    fn geometry(&self) -> &MultiPolygon<f64> {
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
            self.name,
            self.commune,
            self.population,
            self.households,
            self.clutter.as_str()
        ])
    }

    fn from_row(r: &RowReader<'_, '_>) -> Result<Self, StoreError> {
        let clutter: String = r.get("clutter")?;
        Ok(Thon {
            id: r.get("id")?,
            name: r.get("name")?,
            commune: r.get("commune")?,
            population: r.get("population")?,
            households: r.get("households")?,
            clutter: clutter
                .parse::<Clutter>()
                .map_err(|e| r.invalid("clutter", e))?,
            geometry: multi_polygon(r)?,
        })
    }
}

/// The row's boundary; a single Polygon (from a file edited elsewhere) becomes a MultiPolygon.
fn multi_polygon(r: &RowReader<'_, '_>) -> Result<MultiPolygon<f64>, StoreError> {
    match r.geometry()? {
        Geometry::MultiPolygon(mp) => Ok(mp),
        Geometry::Polygon(p) => Ok(MultiPolygon::new(vec![p])),
        other => Err(r.wrong_geometry("MultiPolygon", &other)),
    }
}
