//! The `sites` table: POINT sites keyed by (operator, id).
//!
//! `tech` is a comma-separated list ("4G,5G") so it reads well in a QGIS attribute table;
//! `sectors` is a JSON array of `{"azimuth_deg", "beamwidth_deg", "tilt_deg"?}`, the shape the
//! GeoJSON files use, and NULL for an omnidirectional site.

use geo::Point;
use rusqlite::{Statement, params};
use serde::{Deserialize, Serialize};

use super::households::point;
use super::{Feature, Keyed, RowReader};
use crate::domain::{Sector, Site, Tech};
use crate::store::error::StoreError;
use crate::store::schema::SITES;

impl Feature for Site {
    type Geom = Point<f64>;
    const TABLE: &'static str = SITES;
    const INSERT: &'static str = "INSERT INTO sites \
        (fid, geom, id, operator, tech, height_m, radius_m, sectors, frequency_mhz, eirp_dbm) \
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
    const SELECT: &'static str = "SELECT fid, geom, id, operator, tech, height_m, radius_m, \
        sectors, frequency_mhz, eirp_dbm FROM sites ORDER BY fid";

    fn geometry(&self) -> &Point<f64> {
        &self.location
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
            tech_text(&self.tech),
            self.height_m,
            self.radius_m,
            sectors_json(&self.sectors),
            self.frequency_mhz,
            self.eirp_dbm
        ])
    }

    fn from_row(r: &RowReader<'_, '_>) -> Result<Self, StoreError> {
        let tech: String = r.get("tech")?;
        let sectors: Option<String> = r.get("sectors")?;
        Ok(Site {
            id: r.get("id")?,
            operator: r.get("operator")?,
            tech: parse_tech(&tech).map_err(|e| r.invalid("tech", e))?,
            height_m: r.get("height_m")?,
            radius_m: r.get("radius_m")?,
            sectors: parse_sectors(sectors.as_deref()).map_err(|e| r.invalid("sectors", e))?,
            frequency_mhz: r.get("frequency_mhz")?,
            eirp_dbm: r.get("eirp_dbm")?,
            location: point(r)?,
        })
    }
}

impl Keyed for Site {
    const UPDATE: &'static str = "UPDATE sites SET geom = ?2, id = ?3, operator = ?4, \
        tech = ?5, height_m = ?6, radius_m = ?7, sectors = ?8, frequency_mhz = ?9, \
        eirp_dbm = ?10 WHERE fid = ?1";

    fn operator(&self) -> &str {
        &self.operator
    }
}

/// "4G,5G".
fn tech_text(tech: &[Tech]) -> String {
    tech.iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// Labels separated by commas, sorted and without duplicates; empty is an error, since a site
/// carries at least one technology.
fn parse_tech(text: &str) -> Result<Vec<Tech>, String> {
    let mut tech = text
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.parse::<Tech>().map_err(|e| e.to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    if tech.is_empty() {
        return Err("no technology listed (expected e.g. \"4G,5G\")".into());
    }
    tech.sort();
    tech.dedup();
    Ok(tech)
}

/// One sector as JSON.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SectorJson {
    azimuth_deg: f64,
    beamwidth_deg: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tilt_deg: Option<f64>,
}

/// The JSON array of sectors, or None for an omnidirectional site.
fn sectors_json(sectors: &[Sector]) -> Option<String> {
    if sectors.is_empty() {
        return None;
    }
    let items: Vec<SectorJson> = sectors
        .iter()
        .map(|s| SectorJson {
            azimuth_deg: s.azimuth_deg,
            beamwidth_deg: s.beamwidth_deg,
            tilt_deg: s.tilt_deg,
        })
        .collect();
    Some(serde_json::to_string(&items).expect("a list of numbers always serialises"))
}

/// Sectors from the column; NULL, "" and "[]" all mean omnidirectional.
fn parse_sectors(text: Option<&str>) -> Result<Vec<Sector>, String> {
    let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
        return Ok(Vec::new());
    };
    let items: Vec<SectorJson> = serde_json::from_str(text)
        .map_err(|e| format!("not a JSON array of sectors ({e}): {text}"))?;
    Ok(items
        .into_iter()
        .map(|s| Sector {
            azimuth_deg: s.azimuth_deg,
            beamwidth_deg: s.beamwidth_deg,
            tilt_deg: s.tilt_deg,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tech_is_written_as_comma_list() {
        assert_eq!(tech_text(&[Tech::G4, Tech::G5]), "4G,5G");
    }

    #[test]
    fn tech_reads_back_sorted_without_duplicates() {
        assert_eq!(parse_tech("5G, 4g,5G"), Ok(vec![Tech::G4, Tech::G5]));
    }

    #[test]
    fn empty_tech_is_an_error() {
        assert!(parse_tech(" , ").is_err());
    }

    #[test]
    fn unknown_tech_is_an_error() {
        assert!(parse_tech("4G,LTE").is_err());
    }

    #[test]
    fn omni_site_has_null_sectors() {
        assert_eq!(sectors_json(&[]), None);
        assert_eq!(parse_sectors(None), Ok(Vec::new()));
        assert_eq!(parse_sectors(Some("[]")), Ok(Vec::new()));
    }

    #[test]
    fn sectors_omit_unset_tilt_and_round_trip() {
        let sectors = vec![
            Sector {
                azimuth_deg: 0.0,
                beamwidth_deg: 65.0,
                tilt_deg: Some(4.5),
            },
            Sector {
                azimuth_deg: 120.0,
                beamwidth_deg: 65.0,
                tilt_deg: None,
            },
        ];
        let text = sectors_json(&sectors).expect("not omni");
        assert_eq!(
            text,
            r#"[{"azimuth_deg":0.0,"beamwidth_deg":65.0,"tilt_deg":4.5},{"azimuth_deg":120.0,"beamwidth_deg":65.0}]"#
        );
        assert_eq!(parse_sectors(Some(&text)), Ok(sectors));
    }

    #[test]
    fn malformed_sectors_are_an_error() {
        assert!(parse_sectors(Some("{\"azimuth_deg\": 1}")).is_err());
    }
}
