//! EPSG codes and the spellings users give them.

use std::fmt;
use std::str::FromStr;

/// An EPSG code, e.g. 4326 for WGS 84 or 5898 for VN-2000 / TM-3 zone 491 (Quảng Ngãi).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EpsgCode(pub u32);

/// WGS 84 geographic, the CRS of RFC 7946 GeoJSON (axis order lon, lat in files).
pub const WGS84: EpsgCode = EpsgCode(4326);

impl fmt::Display for EpsgCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EPSG:{}", self.0)
    }
}

/// A CRS name that is not an EPSG code in a form we know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unrecognised CRS {0:?}: give an EPSG code such as \"EPSG:5898\" or \"urn:ogc:def:crs:EPSG::3405\""
)]
pub struct CrsParseError(pub String);

impl FromStr for EpsgCode {
    type Err = CrsParseError;

    /// Accepts `EPSG:3405`, `urn:ogc:def:crs:EPSG::3405`, `urn:ogc:def:crs:EPSG:6.6:3405`,
    /// `http://www.opengis.net/def/crs/EPSG/0/3405`, and CRS84 (→ 4326, whose lon/lat
    /// order GeoJSON uses anyway).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let lower = t.to_ascii_lowercase();
        if lower.ends_with("crs84") {
            return Ok(WGS84);
        }
        let digits = if let Some(rest) = lower.strip_prefix("epsg:") {
            rest
        } else if lower.starts_with("urn:ogc:def:crs:epsg:") {
            lower.rsplit(':').next().unwrap_or_default()
        } else if lower.contains("/def/crs/epsg/") {
            lower.rsplit('/').next().unwrap_or_default()
        } else {
            lower.as_str()
        };
        digits
            .parse::<u32>()
            .ok()
            .filter(|&c| c > 0)
            .map(EpsgCode)
            .ok_or_else(|| CrsParseError(s.to_string()))
    }
}

/// The WGS 84 / UTM zone (EPSG:326zz north, 327zz south) that contains a lon/lat point:
/// the working metric CRS for data centred there (zone 49N, EPSG:32649, for Quảng Ngãi).
pub fn utm_zone_for(lon: f64, lat: f64) -> EpsgCode {
    let zone = (((lon + 180.0) / 6.0).floor() as i64).clamp(0, 59) as u32 + 1;
    EpsgCode(if lat >= 0.0 { 32600 } else { 32700 } + zone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_spellings_users_give() {
        for s in [
            "EPSG:3405",
            "epsg:3405",
            "urn:ogc:def:crs:EPSG::3405",
            "urn:ogc:def:crs:EPSG:6.6:3405",
            "http://www.opengis.net/def/crs/EPSG/0/3405",
            "3405",
        ] {
            assert_eq!(s.parse::<EpsgCode>(), Ok(EpsgCode(3405)), "{s}");
        }
        assert_eq!("urn:ogc:def:crs:OGC:1.3:CRS84".parse(), Ok(WGS84));
    }

    #[test]
    fn rejects_names_that_are_not_epsg_codes() {
        assert!("VN-2000".parse::<EpsgCode>().is_err());
        assert!("EPSG:".parse::<EpsgCode>().is_err());
        assert!("EPSG:0".parse::<EpsgCode>().is_err());
    }

    #[test]
    fn quang_ngai_is_in_utm_zone_49n() {
        assert_eq!(utm_zone_for(108.78, 15.17), EpsgCode(32649));
        assert_eq!(utm_zone_for(105.8, 21.0), EpsgCode(32648));
        assert_eq!(utm_zone_for(-70.0, -33.0), EpsgCode(32719));
    }
}
