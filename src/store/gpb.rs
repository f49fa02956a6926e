//! GeoPackage geometry blobs (OGC 12-128r18 §2.1.3): a `GeoPackageBinaryHeader` followed by
//! WKB.
//!
//! We write version 0, little-endian header values, and for lines and polygons an envelope
//! `[minx, maxx, miny, maxy]` so readers can filter by box without decoding the WKB; points get
//! none, since their envelope is the point itself. Empty geometries set the empty flag and carry
//! no envelope (requirement 149).

use geo::{BoundingRect, Coord, Geometry, MultiLineString, MultiPolygon, Point, Rect};

use super::wkb::{self, GeometryError, Reader, WriteWkb};

/// The srs_id of every layer: EPSG:4326, WGS 84 lon/lat.
pub(super) const SRS_ID: i32 = 4326;

/// "GP".
const MAGIC: [u8; 2] = *b"GP";
/// Flag bit B: header values are little-endian.
const FLAG_LITTLE_ENDIAN: u8 = 0b0000_0001;
/// Flag bits EEE = 1: envelope is `[minx, maxx, miny, maxy]`.
const FLAG_ENVELOPE_XY: u8 = 0b0000_0010;
/// Flag bit Y: the geometry is empty.
const FLAG_EMPTY: u8 = 0b0001_0000;
/// Flag bit X: ExtendedGeoPackageBinary.
const FLAG_EXTENDED: u8 = 0b0010_0000;

/// A layer geometry that can be stored as a GeoPackage blob.
pub(super) trait GpkgGeometry: WriteWkb {
    /// Its bounding box; None when empty.
    fn bounds(&self) -> Option<Rect<f64>>;
    /// Whether the header should carry the envelope (not for points).
    const WITH_ENVELOPE: bool;
}

impl GpkgGeometry for Point<f64> {
    fn bounds(&self) -> Option<Rect<f64>> {
        // A NaN point is GeoPackage's encoding of POINT EMPTY.
        (!self.x().is_nan() && !self.y().is_nan()).then(|| self.bounding_rect())
    }
    const WITH_ENVELOPE: bool = false;
}

impl GpkgGeometry for MultiPolygon<f64> {
    fn bounds(&self) -> Option<Rect<f64>> {
        self.bounding_rect()
    }
    const WITH_ENVELOPE: bool = true;
}

impl GpkgGeometry for MultiLineString<f64> {
    fn bounds(&self) -> Option<Rect<f64>> {
        self.bounding_rect()
    }
    const WITH_ENVELOPE: bool = true;
}

/// The GeoPackage blob of `g` in srs 4326.
pub(super) fn encode<G: GpkgGeometry>(g: &G) -> Vec<u8> {
    let bounds = g.bounds();
    let envelope = bounds.filter(|_| G::WITH_ENVELOPE);
    let mut flags = FLAG_LITTLE_ENDIAN;
    if bounds.is_none() {
        flags |= FLAG_EMPTY;
    }
    if envelope.is_some() {
        flags |= FLAG_ENVELOPE_XY;
    }
    let mut out = Vec::with_capacity(64);
    out.extend_from_slice(&MAGIC);
    out.push(0);
    out.push(flags);
    out.extend_from_slice(&SRS_ID.to_le_bytes());
    if let Some(r) = envelope {
        for v in [r.min().x, r.max().x, r.min().y, r.max().y] {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    g.write_wkb(&mut out);
    out
}

/// What a blob's header says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Header {
    /// The envelope, if the header carries one.
    pub envelope: Option<Rect<f64>>,
    /// The empty flag.
    pub empty: bool,
    /// Where the WKB starts.
    pub wkb_offset: usize,
}

/// Reads and checks the header of a blob in srs 4326.
pub(super) fn header(blob: &[u8]) -> Result<Header, GeometryError> {
    let mut r = Reader::new(blob);
    let [g, p, version, flags] = r.take::<4>()?;
    if [g, p] != MAGIC {
        return Err(GeometryError::BadMagic([g, p]));
    }
    if version != 0 {
        return Err(GeometryError::Version(version));
    }
    if flags & FLAG_EXTENDED != 0 {
        return Err(GeometryError::Extended);
    }
    let little = flags & FLAG_LITTLE_ENDIAN != 0;
    let srs_bytes = r.take::<4>()?;
    let srs = if little {
        i32::from_le_bytes(srs_bytes)
    } else {
        i32::from_be_bytes(srs_bytes)
    };
    if srs != SRS_ID {
        return Err(GeometryError::Srs {
            found: srs,
            expected: SRS_ID,
        });
    }
    let code = (flags >> 1) & 0b111;
    let doubles = match code {
        0 => 0,
        1 => 4,
        2 | 3 => 6,
        4 => 8,
        _ => return Err(GeometryError::EnvelopeCode(code)),
    };
    let values = (0..doubles)
        .map(|_| r.f64(little))
        .collect::<Result<Vec<_>, _>>()?;
    // Every envelope layout starts with minx, maxx, miny, maxy; we need no Z or M range.
    let envelope = (doubles > 0).then(|| {
        Rect::new(
            Coord {
                x: values[0],
                y: values[2],
            },
            Coord {
                x: values[1],
                y: values[3],
            },
        )
    });
    Ok(Header {
        envelope,
        empty: flags & FLAG_EMPTY != 0,
        wkb_offset: blob.len() - r.remaining(),
    })
}

/// Decodes a blob in srs 4326 into a geometry.
pub(super) fn decode(blob: &[u8]) -> Result<Geometry<f64>, GeometryError> {
    let h = header(blob)?;
    wkb::from_wkb(&blob[h.wkb_offset..])
}

/// The bounding box of a blob: the header's envelope when it has one, otherwise from the WKB.
pub(super) fn bounds(blob: &[u8]) -> Result<Option<Rect<f64>>, GeometryError> {
    let h = header(blob)?;
    if h.empty {
        return Ok(None);
    }
    if h.envelope.is_some() {
        return Ok(h.envelope);
    }
    let g = wkb::from_wkb(&blob[h.wkb_offset..])?;
    Ok(match g {
        Geometry::Point(p) => p.bounds(),
        other => other.bounding_rect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{line_string, point, polygon};

    #[test]
    fn polygon_header_has_little_endian_xy_envelope() {
        let mp = MultiPolygon::new(vec![polygon![
            (x: 105.0, y: 21.0), (x: 105.5, y: 21.0), (x: 105.5, y: 21.25)
        ]]);
        let blob = encode(&mp);
        assert_eq!(&blob[..4], &[b'G', b'P', 0, 0b0000_0011]);
        assert_eq!(blob[4..8], 4326i32.to_le_bytes());
        let env: Vec<f64> = blob[8..40]
            .chunks(8)
            .map(|c| f64::from_le_bytes(c.try_into().expect("8 bytes")))
            .collect();
        assert_eq!(env, vec![105.0, 105.5, 21.0, 21.25]);
        assert_eq!(blob[40], 1, "WKB follows the 40-byte header");
    }

    #[test]
    fn point_header_has_no_envelope() {
        let blob = encode(&point!(x: 105.0, y: 21.0));
        assert_eq!(blob[3], FLAG_LITTLE_ENDIAN);
        assert_eq!(blob.len(), 8 + 21);
    }

    #[test]
    fn empty_multipolygon_sets_empty_flag_without_envelope() {
        let blob = encode(&MultiPolygon::<f64>::new(Vec::new()));
        assert_eq!(blob[3], FLAG_LITTLE_ENDIAN | FLAG_EMPTY);
        assert_eq!(bounds(&blob), Ok(None));
    }

    #[test]
    fn blob_round_trips() {
        let ml = MultiLineString::new(vec![line_string![(x: 1.0, y: 2.0), (x: 3.0, y: 4.0)]]);
        assert_eq!(decode(&encode(&ml)), Ok(Geometry::MultiLineString(ml)));
    }

    #[test]
    fn bounds_of_point_comes_from_wkb() {
        let blob = encode(&point!(x: 105.0, y: 21.0));
        let r = bounds(&blob).expect("valid blob").expect("not empty");
        assert_eq!((r.min().x, r.max().y), (105.0, 21.0));
    }

    #[test]
    fn reads_big_endian_header_with_xyz_envelope() {
        let mut blob = vec![b'G', b'P', 0, 0b0000_0100];
        blob.extend_from_slice(&4326i32.to_be_bytes());
        for v in [1.0f64, 2.0, 3.0, 4.0, 0.0, 0.0] {
            blob.extend_from_slice(&v.to_be_bytes());
        }
        let h = header(&blob).expect("valid header");
        assert_eq!(h.wkb_offset, 56);
        let r = h.envelope.expect("envelope");
        assert_eq!(
            (r.min().x, r.max().x, r.min().y, r.max().y),
            (1.0, 2.0, 3.0, 4.0)
        );
    }

    #[test]
    fn bad_magic_is_an_error() {
        let mut blob = encode(&point!(x: 0.0, y: 0.0));
        blob[0] = b'X';
        assert_eq!(decode(&blob), Err(GeometryError::BadMagic([b'X', b'P'])));
    }

    #[test]
    fn other_srs_is_an_error() {
        let mut blob = encode(&point!(x: 0.0, y: 0.0));
        blob[4..8].copy_from_slice(&3405i32.to_le_bytes());
        assert_eq!(
            decode(&blob),
            Err(GeometryError::Srs {
                found: 3405,
                expected: 4326
            })
        );
    }

    #[test]
    fn extended_binary_is_an_error() {
        let mut blob = encode(&point!(x: 0.0, y: 0.0));
        blob[3] |= FLAG_EXTENDED;
        assert_eq!(decode(&blob), Err(GeometryError::Extended));
    }

    #[test]
    fn invalid_envelope_code_is_an_error() {
        let mut blob = encode(&point!(x: 0.0, y: 0.0));
        blob[3] |= 5 << 1;
        assert_eq!(decode(&blob), Err(GeometryError::EnvelopeCode(5)));
    }
}
