//! Well-known binary (OGC 06-103r4, ISO 13249-3) for the 2D geometry types the layers use.
//!
//! We write little-endian WKB only; we read either byte order, since a GeoPackage edited by
//! another tool may hold big-endian geometries. Z and M variants are refused: the layers are
//! declared 2D (`z = 0`, `m = 0` in `gpkg_geometry_columns`).

use geo::{Coord, Geometry, LineString, MultiLineString, MultiPolygon, Point, Polygon};

/// WKB type code of a Point.
pub(super) const POINT: u32 = 1;
/// WKB type code of a LineString.
pub(super) const LINE_STRING: u32 = 2;
/// WKB type code of a Polygon.
pub(super) const POLYGON: u32 = 3;
/// WKB type code of a MultiLineString.
pub(super) const MULTI_LINE_STRING: u32 = 5;
/// WKB type code of a MultiPolygon.
pub(super) const MULTI_POLYGON: u32 = 6;

/// The byte-order marker for little-endian (NDR) WKB.
const LITTLE_ENDIAN: u8 = 1;
/// Bytes in one 2D coordinate.
const COORD_BYTES: usize = 16;

/// Why a stored geometry blob could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GeometryError {
    /// The blob ended early.
    #[error("blob ends at byte {at} but {needed} more bytes are needed")]
    Truncated {
        /// Offset where reading stopped.
        at: usize,
        /// Bytes still needed.
        needed: usize,
    },
    /// The blob does not start with the GeoPackage magic "GP".
    #[error("not a GeoPackage geometry: starts with {0:02x?} instead of \"GP\"")]
    BadMagic([u8; 2]),
    /// A GeoPackage binary version other than 0 (version 1).
    #[error("GeoPackage binary version byte {0} (only 0, meaning version 1, is defined)")]
    Version(u8),
    /// The header says ExtendedGeoPackageBinary (a user-defined geometry type).
    #[error("ExtendedGeoPackageBinary (user-defined geometry type) is not supported")]
    Extended,
    /// An envelope contents indicator outside 0..=4.
    #[error("envelope contents indicator {0} is invalid (0 to 4)")]
    EnvelopeCode(u8),
    /// The geometry's srs_id is not the layer's.
    #[error("geometry has srs_id {found}, but the layer is srs_id {expected}")]
    Srs {
        /// srs_id in the blob header.
        found: i32,
        /// srs_id of the layer.
        expected: i32,
    },
    /// A WKB byte-order marker other than 0 or 1.
    #[error("WKB byte-order marker {0} (expected 0 or 1)")]
    ByteOrder(u8),
    /// A WKB geometry type this store does not read (Z/M variants, curves, collections).
    #[error(
        "WKB geometry type {0} is not supported (2D Point, LineString, Polygon, \
         MultiLineString or MultiPolygon)"
    )]
    UnsupportedType(u32),
    /// A geometry of a type the layer does not hold.
    #[error("expected {expected}, found WKB type {found}")]
    WrongType {
        /// What the layer holds.
        expected: &'static str,
        /// WKB type code found.
        found: u32,
    },
    /// A point with NaN coordinates (GeoPackage's "POINT EMPTY") where a location is needed.
    #[error("empty point where a location is required")]
    EmptyPoint,
    /// Bytes left over after the geometry.
    #[error("{0} bytes left over after the geometry")]
    Trailing(usize),
}

/// A geometry that can be written as little-endian WKB.
pub(super) trait WriteWkb {
    /// Appends the WKB of `self` to `out`.
    fn write_wkb(&self, out: &mut Vec<u8>);
}

/// Writes the byte-order marker and type code that start every WKB geometry.
fn write_head(out: &mut Vec<u8>, type_code: u32) {
    out.push(LITTLE_ENDIAN);
    out.extend_from_slice(&type_code.to_le_bytes());
}

/// Writes a count as WKB's uint32.
fn write_count(out: &mut Vec<u8>, n: usize) {
    // A layer geometry with 4 billion parts cannot come from a GeoJSON file we accept.
    let n = u32::try_from(n).expect("geometry part count fits in u32");
    out.extend_from_slice(&n.to_le_bytes());
}

/// Writes a list of points (a LineString body or a ring).
fn write_points(out: &mut Vec<u8>, ls: &LineString<f64>) {
    write_count(out, ls.0.len());
    for c in &ls.0 {
        out.extend_from_slice(&c.x.to_le_bytes());
        out.extend_from_slice(&c.y.to_le_bytes());
    }
}

impl WriteWkb for Point<f64> {
    fn write_wkb(&self, out: &mut Vec<u8>) {
        write_head(out, POINT);
        out.extend_from_slice(&self.x().to_le_bytes());
        out.extend_from_slice(&self.y().to_le_bytes());
    }
}

impl WriteWkb for LineString<f64> {
    fn write_wkb(&self, out: &mut Vec<u8>) {
        write_head(out, LINE_STRING);
        write_points(out, self);
    }
}

impl WriteWkb for Polygon<f64> {
    fn write_wkb(&self, out: &mut Vec<u8>) {
        write_head(out, POLYGON);
        // geo represents an empty polygon as an empty exterior; WKB as zero rings.
        if self.exterior().0.is_empty() && self.interiors().is_empty() {
            write_count(out, 0);
            return;
        }
        write_count(out, 1 + self.interiors().len());
        write_points(out, self.exterior());
        for ring in self.interiors() {
            write_points(out, ring);
        }
    }
}

impl WriteWkb for MultiLineString<f64> {
    fn write_wkb(&self, out: &mut Vec<u8>) {
        write_head(out, MULTI_LINE_STRING);
        write_count(out, self.0.len());
        for ls in &self.0 {
            ls.write_wkb(out);
        }
    }
}

impl WriteWkb for MultiPolygon<f64> {
    fn write_wkb(&self, out: &mut Vec<u8>) {
        write_head(out, MULTI_POLYGON);
        write_count(out, self.0.len());
        for p in &self.0 {
            p.write_wkb(out);
        }
    }
}

/// The WKB of `g`, little-endian.
#[cfg(test)]
pub(super) fn to_wkb<G: WriteWkb>(g: &G) -> Vec<u8> {
    let mut out = Vec::new();
    g.write_wkb(&mut out);
    out
}

/// Reads one whole WKB geometry; bytes left over are an error.
pub(super) fn from_wkb(bytes: &[u8]) -> Result<Geometry<f64>, GeometryError> {
    let mut r = Reader::new(bytes);
    let g = read_geometry(&mut r)?;
    match r.remaining() {
        0 => Ok(g),
        n => Err(GeometryError::Trailing(n)),
    }
}

/// A cursor over a byte slice that reads WKB's fixed-size values.
pub(super) struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `buf`.
    pub(super) fn new(buf: &'a [u8]) -> Self {
        Reader { buf, pos: 0 }
    }

    /// Bytes not read yet.
    pub(super) fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// The next `N` bytes.
    pub(super) fn take<const N: usize>(&mut self) -> Result<[u8; N], GeometryError> {
        let bytes = self
            .buf
            .get(self.pos..self.pos + N)
            .ok_or(GeometryError::Truncated {
                at: self.pos,
                needed: N - self.remaining().min(N),
            })?;
        self.pos += N;
        Ok(bytes.try_into().expect("slice has exactly N bytes"))
    }

    /// A uint32 in the given byte order.
    pub(super) fn u32(&mut self, little: bool) -> Result<u32, GeometryError> {
        let b = self.take::<4>()?;
        Ok(if little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    }

    /// A double in the given byte order.
    pub(super) fn f64(&mut self, little: bool) -> Result<f64, GeometryError> {
        let b = self.take::<8>()?;
        Ok(if little {
            f64::from_le_bytes(b)
        } else {
            f64::from_be_bytes(b)
        })
    }

    /// A count of items at least `item_bytes` long each, checked against the bytes left so a
    /// corrupt count cannot make us allocate gigabytes.
    fn count(&mut self, little: bool, item_bytes: usize) -> Result<usize, GeometryError> {
        let at = self.pos;
        let n = self.u32(little)? as usize;
        let needed = n.saturating_mul(item_bytes);
        if needed > self.remaining() {
            return Err(GeometryError::Truncated {
                at,
                needed: needed - self.remaining(),
            });
        }
        Ok(n)
    }
}

/// Reads a byte-order marker and type code.
fn read_head(r: &mut Reader<'_>) -> Result<(bool, u32), GeometryError> {
    let little = match r.take::<1>()?[0] {
        0 => false,
        1 => true,
        other => return Err(GeometryError::ByteOrder(other)),
    };
    Ok((little, r.u32(little)?))
}

/// Reads one geometry of any supported type.
fn read_geometry(r: &mut Reader<'_>) -> Result<Geometry<f64>, GeometryError> {
    let (little, code) = read_head(r)?;
    Ok(match code {
        POINT => Geometry::Point(read_coord(r, little)?.into()),
        LINE_STRING => Geometry::LineString(read_points(r, little)?),
        POLYGON => Geometry::Polygon(read_polygon_body(r, little)?),
        MULTI_LINE_STRING => Geometry::MultiLineString(read_multi_line_string(r, little)?),
        MULTI_POLYGON => Geometry::MultiPolygon(read_multi_polygon(r, little)?),
        other => return Err(GeometryError::UnsupportedType(other)),
    })
}

/// Reads the head of a part of a multi-geometry, which must have the type code `expected`;
/// returns the part's byte order.
fn read_part_head(r: &mut Reader<'_>, expected: u32) -> Result<bool, GeometryError> {
    let (little, code) = read_head(r)?;
    if code != expected {
        let name = if expected == POLYGON {
            "Polygon"
        } else {
            "LineString"
        };
        return Err(GeometryError::WrongType {
            expected: name,
            found: code,
        });
    }
    Ok(little)
}

/// Reads an x, y pair.
fn read_coord(r: &mut Reader<'_>, little: bool) -> Result<Coord<f64>, GeometryError> {
    Ok(Coord {
        x: r.f64(little)?,
        y: r.f64(little)?,
    })
}

/// Reads a point count and the points.
fn read_points(r: &mut Reader<'_>, little: bool) -> Result<LineString<f64>, GeometryError> {
    let n = r.count(little, COORD_BYTES)?;
    (0..n)
        .map(|_| read_coord(r, little))
        .collect::<Result<Vec<_>, _>>()
        .map(LineString::new)
}

/// Reads a polygon's ring count and rings (the type code already read).
fn read_polygon_body(r: &mut Reader<'_>, little: bool) -> Result<Polygon<f64>, GeometryError> {
    let n = r.count(little, 4)?;
    let mut rings = (0..n)
        .map(|_| read_points(r, little))
        .collect::<Result<Vec<_>, _>>()?;
    if rings.is_empty() {
        return Ok(Polygon::new(LineString::new(Vec::new()), Vec::new()));
    }
    let exterior = rings.remove(0);
    Ok(Polygon::new(exterior, rings))
}

/// Reads a MultiLineString body: a count of full WKB LineStrings.
fn read_multi_line_string(
    r: &mut Reader<'_>,
    little: bool,
) -> Result<MultiLineString<f64>, GeometryError> {
    let n = r.count(little, 9)?;
    let parts = (0..n)
        .map(|_| {
            let little = read_part_head(r, LINE_STRING)?;
            read_points(r, little)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(MultiLineString::new(parts))
}

/// Reads a MultiPolygon body: a count of full WKB Polygons.
fn read_multi_polygon(
    r: &mut Reader<'_>,
    little: bool,
) -> Result<MultiPolygon<f64>, GeometryError> {
    let n = r.count(little, 9)?;
    let parts = (0..n)
        .map(|_| {
            let little = read_part_head(r, POLYGON)?;
            read_polygon_body(r, little)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(MultiPolygon::new(parts))
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{line_string, point, polygon};

    fn square_with_hole() -> Polygon<f64> {
        polygon!(
            exterior: [(x: 105.0, y: 21.0), (x: 105.1, y: 21.0), (x: 105.1, y: 21.1), (x: 105.0, y: 21.1)],
            interiors: [[(x: 105.02, y: 21.02), (x: 105.02, y: 21.05), (x: 105.05, y: 21.05)]],
        )
    }

    #[test]
    fn point_is_21_bytes_little_endian() {
        let bytes = to_wkb(&point!(x: 1.5, y: -2.0));
        assert_eq!(bytes.len(), 21);
        assert_eq!(bytes[0], 1);
        assert_eq!(bytes[1..5], 1u32.to_le_bytes());
        assert_eq!(bytes[5..13], 1.5f64.to_le_bytes());
    }

    #[test]
    fn point_round_trips() {
        let p = point!(x: 105.123_456_789, y: 21.987_654_321);
        assert_eq!(from_wkb(&to_wkb(&p)), Ok(Geometry::Point(p)));
    }

    #[test]
    fn multipolygon_with_hole_round_trips() {
        let mp = MultiPolygon::new(vec![
            square_with_hole(),
            polygon![(x: 106.0, y: 20.0), (x: 106.1, y: 20.0), (x: 106.0, y: 20.1)],
        ]);
        assert_eq!(from_wkb(&to_wkb(&mp)), Ok(Geometry::MultiPolygon(mp)));
    }

    #[test]
    fn multilinestring_round_trips() {
        let ml = MultiLineString::new(vec![
            line_string![(x: 105.0, y: 21.0), (x: 105.2, y: 21.1)],
            line_string![(x: 105.2, y: 21.1), (x: 105.3, y: 21.3), (x: 105.4, y: 21.2)],
        ]);
        assert_eq!(from_wkb(&to_wkb(&ml)), Ok(Geometry::MultiLineString(ml)));
    }

    #[test]
    fn empty_multipolygon_round_trips() {
        let mp = MultiPolygon::<f64>::new(Vec::new());
        assert_eq!(from_wkb(&to_wkb(&mp)), Ok(Geometry::MultiPolygon(mp)));
    }

    #[test]
    fn reads_big_endian_point() {
        let mut bytes = vec![0u8];
        bytes.extend_from_slice(&1u32.to_be_bytes());
        bytes.extend_from_slice(&105.5f64.to_be_bytes());
        bytes.extend_from_slice(&21.25f64.to_be_bytes());
        assert_eq!(
            from_wkb(&bytes),
            Ok(Geometry::Point(point!(x: 105.5, y: 21.25)))
        );
    }

    #[test]
    fn reads_single_polygon() {
        let p = square_with_hole();
        assert_eq!(from_wkb(&to_wkb(&p)), Ok(Geometry::Polygon(p)));
    }

    #[test]
    fn truncated_blob_is_an_error() {
        let bytes = to_wkb(&point!(x: 1.0, y: 2.0));
        assert!(matches!(
            from_wkb(&bytes[..15]),
            Err(GeometryError::Truncated { .. })
        ));
    }

    #[test]
    fn huge_count_is_refused_before_allocating() {
        let mut bytes = vec![1u8];
        bytes.extend_from_slice(&LINE_STRING.to_le_bytes());
        bytes.extend_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(
            from_wkb(&bytes),
            Err(GeometryError::Truncated { at: 5, .. })
        ));
    }

    #[test]
    fn point_z_is_unsupported() {
        let mut bytes = vec![1u8];
        bytes.extend_from_slice(&1001u32.to_le_bytes());
        bytes.extend_from_slice(&[0u8; 24]);
        assert_eq!(from_wkb(&bytes), Err(GeometryError::UnsupportedType(1001)));
    }

    #[test]
    fn bad_byte_order_marker_is_an_error() {
        assert_eq!(from_wkb(&[7, 1, 0, 0, 0]), Err(GeometryError::ByteOrder(7)));
    }

    #[test]
    fn trailing_bytes_are_an_error() {
        let mut bytes = to_wkb(&point!(x: 1.0, y: 2.0));
        bytes.push(0);
        assert_eq!(from_wkb(&bytes), Err(GeometryError::Trailing(1)));
    }

    #[test]
    fn multipolygon_of_linestrings_is_an_error() {
        let mut bytes = vec![1u8];
        bytes.extend_from_slice(&MULTI_POLYGON.to_le_bytes());
        bytes.extend_from_slice(&1u32.to_le_bytes());
        bytes.extend(to_wkb(&line_string![(x: 0.0, y: 0.0), (x: 1.0, y: 1.0)]));
        assert_eq!(
            from_wkb(&bytes),
            Err(GeometryError::WrongType {
                expected: "Polygon",
                found: LINE_STRING
            })
        );
    }
}
