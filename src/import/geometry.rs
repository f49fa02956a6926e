//! Geometry checks: type per layer, positions, ring closure, ranges, area of use, validity.
//!
//! Rings are checked on the raw GeoJSON positions, because geo closes open rings silently and
//! an unclosed ring is a mistake the user should hear about.

use geo::{
    Coord, Geometry, LineString, MultiLineString, MultiPolygon, Point, Polygon, Rect, Validation,
};
use geojson::{GeometryValue, Position};

use super::{Layer, props};
use crate::crs::{self, EpsgCode, WGS84};

/// How far beyond a CRS's published area of use a coordinate may lie, in degrees. Data at the
/// edge of a zone is routinely projected in the neighbouring zone; wildly wrong coordinates
/// (swapped axes, a wrong zone) land hundreds of kilometres off and are still caught.
const AREA_OF_USE_MARGIN_DEG: f64 = 1.0;

/// The checks of one layer in one source CRS. It holds no PROJ object, so that features can
/// be checked on every core: each thread reprojects with its own cached transformer.
pub(crate) struct GeometryCheck {
    layer: Layer,
    crs: EpsgCode,
    area_of_use: Option<Rect<f64>>,
}

impl GeometryCheck {
    /// Prepares the checks; fails if PROJ does not know the CRS.
    pub(crate) fn new(layer: Layer, crs: EpsgCode) -> Result<Self, String> {
        if crs == WGS84 {
            return Ok(Self {
                layer,
                crs,
                area_of_use: None,
            });
        }
        let unknown = |e: crs::CrsError| format!("unknown or unusable CRS {crs}: {e}");
        crs::with_transformer(crs, WGS84, |_| ()).map_err(unknown)?;
        let area_of_use = crs::area_of_use(crs).map_err(unknown)?;
        Ok(Self {
            layer,
            crs,
            area_of_use,
        })
    }

    /// Checks a geometry and returns it in WGS 84 lon/lat, or every reason it is unusable.
    pub(crate) fn run(&self, value: &GeometryValue) -> Result<Geometry<f64>, Vec<String>> {
        let geom = self.convert(value).map_err(|r| vec![r])?;
        let geom = if self.crs == WGS84 {
            geom
        } else {
            crs::with_transformer(self.crs, WGS84, |t| t.geometry(&geom))
                .and_then(|r| r)
                .map_err(|e| vec![format!("cannot reproject from {}: {e}", self.crs)])?
        };
        self.check_lon_lat(&geom).map_err(|r| vec![r])?;
        let invalid: Vec<String> = match &geom {
            Geometry::MultiPolygon(mp) => mp
                .validation_errors()
                .iter()
                .map(|e| e.to_string())
                .collect(),
            _ => Vec::new(),
        };
        if invalid.is_empty() {
            Ok(geom)
        } else {
            Err(invalid)
        }
    }

    fn convert(&self, value: &GeometryValue) -> Result<Geometry<f64>, String> {
        use GeometryValue as G;
        match (self.layer, value) {
            (Layer::Thon, G::Polygon { coordinates }) => {
                Ok(MultiPolygon(vec![polygon(coordinates, 0)?]).into())
            }
            (Layer::Thon, G::MultiPolygon { coordinates }) => {
                let polys = coordinates
                    .iter()
                    .enumerate()
                    .map(|(i, p)| polygon(p, i))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(MultiPolygon(polys).into())
            }
            (Layer::Sites | Layer::Households, G::Point { coordinates }) => {
                Ok(Point(coord(coordinates)?).into())
            }
            (Layer::Fiber, G::LineString { coordinates }) => {
                Ok(MultiLineString(vec![line(coordinates, 0)?]).into())
            }
            (Layer::Fiber, G::MultiLineString { coordinates }) => {
                let lines = coordinates
                    .iter()
                    .enumerate()
                    .map(|(i, l)| line(l, i))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(MultiLineString(lines).into())
            }
            (layer, other) => Err(format!(
                "wrong geometry type {} for the {layer} layer (expected {})",
                other.type_name(),
                expected_types(layer)
            )),
        }
    }

    /// Every coordinate must be a real lon/lat, and inside the source CRS's area of use.
    fn check_lon_lat(&self, geom: &Geometry<f64>) -> Result<(), String> {
        use geo::CoordsIter;
        for c in geom.coords_iter() {
            if !(-180.0..=180.0).contains(&c.x) || !(-90.0..=90.0).contains(&c.y) {
                return Err(out_of_range(c, self.crs));
            }
            if let Some(area) = &self.area_of_use
                && !within(area, c)
            {
                return Err(format!(
                    "position at lon {:.5}, lat {:.5} lies outside the area of use of {} \
                     (lon {:.2}…{:.2}, lat {:.2}…{:.2}): wrong CRS, wrong zone or swapped axes?",
                    c.x,
                    c.y,
                    self.crs,
                    area.min().x,
                    area.max().x,
                    area.min().y,
                    area.max().y
                ));
            }
        }
        Ok(())
    }
}

fn expected_types(layer: Layer) -> &'static str {
    match layer {
        Layer::Thon => "Polygon or MultiPolygon",
        Layer::Sites | Layer::Households => "Point",
        Layer::Fiber => "LineString or MultiLineString",
    }
}

fn out_of_range(c: Coord<f64>, crs: EpsgCode) -> String {
    let swapped = (-180.0..=180.0).contains(&c.y) && (-90.0..=90.0).contains(&c.x);
    let hint = if swapped {
        ": latitude and longitude look swapped (GeoJSON puts longitude first)"
    } else if crs == WGS84 {
        ": is the file in a projected CRS? name it in a \"crs\" member \
         (or, on the command line, with --crs EPSG:NNNN)"
    } else {
        ""
    };
    format!(
        "coordinate ({}, {}) is out of range for longitude/latitude{hint}",
        props::shown(c.x),
        props::shown(c.y)
    )
}

fn within(area: &Rect<f64>, c: Coord<f64>) -> bool {
    let m = AREA_OF_USE_MARGIN_DEG;
    c.x >= area.min().x - m
        && c.x <= area.max().x + m
        && c.y >= area.min().y - m
        && c.y <= area.max().y + m
}

fn coord(p: &Position) -> Result<Coord<f64>, String> {
    let s = p.as_slice();
    if s.len() < 2 {
        return Err(format!("position {s:?} has fewer than 2 numbers"));
    }
    if !(s[0].is_finite() && s[1].is_finite()) {
        return Err(format!("position {s:?} is not finite"));
    }
    Ok(Coord { x: s[0], y: s[1] })
}

fn coords(ps: &[Position]) -> Result<Vec<Coord<f64>>, String> {
    ps.iter().map(coord).collect()
}

fn polygon(rings: &[Vec<Position>], index: usize) -> Result<Polygon<f64>, String> {
    let Some((outer, holes)) = rings.split_first() else {
        return Err(format!("polygon {index} has no rings"));
    };
    let ring = |r: &[Position], which: String| -> Result<LineString<f64>, String> {
        let cs = coords(r)?;
        if cs.len() < 4 {
            return Err(format!(
                "{which} of polygon {index} has {} positions; a ring needs at least 4",
                cs.len()
            ));
        }
        if cs.first() != cs.last() {
            return Err(format!(
                "{which} of polygon {index} is not closed (its first and last positions differ)"
            ));
        }
        Ok(LineString(cs))
    };
    let exterior = ring(outer, "the exterior ring".into())?;
    let interiors = holes
        .iter()
        .enumerate()
        .map(|(i, h)| ring(h, format!("interior ring {i}")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Polygon::new(exterior, interiors))
}

fn line(ps: &[Position], index: usize) -> Result<LineString<f64>, String> {
    let cs = coords(ps)?;
    let distinct = cs.windows(2).any(|w| w[0] != w[1]);
    if cs.len() < 2 || !distinct {
        return Err(format!("line {index} needs at least 2 distinct positions"));
    }
    Ok(LineString(cs))
}
