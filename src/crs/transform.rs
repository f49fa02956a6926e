//! Reprojection through PROJ.

use std::collections::BTreeMap;
use std::sync::Mutex;

use geo::{Coord, MapCoords, Rect};
use proj::{Proj, ProjCreateError};

use super::EpsgCode;

/// A failure to build or run a PROJ transformation.
#[derive(Debug, thiserror::Error)]
pub enum CrsError {
    /// PROJ does not know the CRS, or no transformation joins the two.
    #[error("cannot transform from {from} to {to}: {source}")]
    Create {
        /// Source CRS.
        from: EpsgCode,
        /// Target CRS.
        to: EpsgCode,
        /// PROJ's reason.
        #[source]
        source: proj::ProjCreateError,
    },
    /// A coordinate PROJ could not transform (typically far outside the CRS's domain).
    #[error("cannot transform ({x}, {y}) from {from} to {to}: {source}")]
    Convert {
        /// Source CRS.
        from: EpsgCode,
        /// Target CRS.
        to: EpsgCode,
        /// Input x (easting or longitude).
        x: f64,
        /// Input y (northing or latitude).
        y: f64,
        /// PROJ's reason.
        #[source]
        source: proj::ProjError,
    },
    /// A code beyond EPSG's, refused without asking PROJ (see [`EPSG_MAX`]).
    #[error("no EPSG CRS has code {} (EPSG's codes go up to {EPSG_MAX})", .code.0)]
    NotEpsg {
        /// The code asked for.
        code: EpsgCode,
    },
    /// PROJ does not know the CRS at all.
    #[error("unknown CRS {code}: {source}")]
    Unknown {
        /// The code asked for.
        code: EpsgCode,
        /// PROJ's reason.
        #[source]
        source: proj::ProjCreateError,
    },
}

/// A transformation between two CRSs, in the traditional GIS axis order (x = easting or
/// longitude, y = northing or latitude) whatever the EPSG definition says.
pub struct Transformer {
    proj: Option<Proj>,
    from: EpsgCode,
    to: EpsgCode,
}

impl Transformer {
    /// Builds the transformation PROJ judges best for the pair (the identity when equal).
    pub fn new(from: EpsgCode, to: EpsgCode) -> Result<Self, CrsError> {
        let proj = if from == to {
            None
        } else {
            Some(create(from, to)?)
        };
        Ok(Self { proj, from, to })
    }

    /// Source CRS.
    pub fn from(&self) -> EpsgCode {
        self.from
    }

    /// Target CRS.
    pub fn to(&self) -> EpsgCode {
        self.to
    }

    /// Transforms one coordinate.
    pub fn coord(&self, c: Coord<f64>) -> Result<Coord<f64>, CrsError> {
        let Some(proj) = &self.proj else {
            return Ok(c);
        };
        let (x, y) = proj
            .convert((c.x, c.y))
            .map_err(|source| self.convert_error(c, source))?;
        if x.is_finite() && y.is_finite() {
            Ok(Coord { x, y })
        } else {
            Err(self.convert_error(c, proj::ProjError::Conversion("non-finite result".into())))
        }
    }

    /// Transforms every coordinate of a geometry.
    pub fn geometry<G>(&self, g: &G) -> Result<G::Output, CrsError>
    where
        G: MapCoords<f64, f64>,
    {
        g.try_map_coords(|c| self.coord(c))
    }

    fn convert_error(&self, c: Coord<f64>, source: proj::ProjError) -> CrsError {
        CrsError::Convert {
            from: self.from,
            to: self.to,
            x: c.x,
            y: c.y,
            source,
        }
    }
}

/// The highest EPSG code asked of PROJ: its database (PROJ 9.6) has no EPSG CRS above 32766 but
/// the deprecated 900913 (Google's Mercator, now EPSG:3857).
pub const EPSG_MAX: u32 = 32_767;

/// CRS pairs PROJ could not join, with its reason, for the whole process. proj 0.31 leaks the
/// PROJ context of every creation that fails (`transform_epsg` returns the error without
/// `proj_context_destroy`), about 4 KB each, and a file or upload may name any code in its
/// `crs` member: found by the import fuzz target (docs/reliability.md, "Fuzzing"). PROJ's
/// answer for a pair does not change (its database is embedded, the network is off), so each
/// pair is asked once, and codes beyond [`EPSG_MAX`] never: what can leak stays bounded.
static REFUSED: Mutex<BTreeMap<(EpsgCode, EpsgCode), String>> = Mutex::new(BTreeMap::new());

/// PROJ's transformation for a pair of different CRSs, each failing pair asked of PROJ once.
fn create(from: EpsgCode, to: EpsgCode) -> Result<Proj, CrsError> {
    if let Some(code) = [from, to].into_iter().find(|c| c.0 > EPSG_MAX) {
        return Err(CrsError::NotEpsg { code });
    }
    let refused = || REFUSED.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(reason) = refused().get(&(from, to)) {
        let source = ProjCreateError::ProjError(reason.clone());
        return Err(CrsError::Create { from, to, source });
    }
    // new_known_crs normalises the axis order for visualisation (lon, lat).
    Proj::new_known_crs(&from.to_string(), &to.to_string(), None).map_err(|source| {
        let reason = match &source {
            ProjCreateError::ProjError(reason) => reason.clone(),
            other => other.to_string(),
        };
        refused().insert((from, to), reason);
        CrsError::Create { from, to, source }
    })
}

/// Most transformers one thread keeps; when full, it starts again. A transformer holds a PROJ
/// context with its own connection to PROJ's database, about 5 MB: unbounded, a file or upload
/// naming a new EPSG code each time would grow every thread by that much (400 codes: 2 GB in
/// `phusong check`), found through the import fuzz target (docs/reliability.md, "Fuzzing"). A
/// dataset uses a few pairs (its files' CRS to WGS 84, WGS 84 to the working UTM zone and back).
const CACHED_PAIRS: usize = 8;

thread_local! {
    /// Transformers of this thread, by CRS pair: building one costs a PROJ database lookup,
    /// and `Proj` may not cross threads, so each thread keeps its own.
    static CACHE: std::cell::RefCell<std::collections::HashMap<(EpsgCode, EpsgCode), std::rc::Rc<Transformer>>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// Runs `f` with this thread's cached transformer for the pair, building it on first use.
pub fn with_transformer<R>(
    from: EpsgCode,
    to: EpsgCode,
    f: impl FnOnce(&Transformer) -> R,
) -> Result<R, CrsError> {
    let t = CACHE.with(|c| -> Result<std::rc::Rc<Transformer>, CrsError> {
        if let Some(t) = c.borrow().get(&(from, to)) {
            return Ok(t.clone());
        }
        let t = std::rc::Rc::new(Transformer::new(from, to)?);
        let mut cache = c.borrow_mut();
        if cache.len() >= CACHED_PAIRS {
            cache.clear();
        }
        cache.insert((from, to), t.clone());
        Ok(t)
    })?;
    Ok(f(&t))
}

/// A lon/lat box in WGS 84 degrees.
pub type LonLatBox = Rect<f64>;

/// The area of use EPSG gives for a CRS, in lon/lat degrees (None if EPSG gives none).
pub fn area_of_use(code: EpsgCode) -> Result<Option<LonLatBox>, CrsError> {
    let crs = Proj::new(&code.to_string()).map_err(|source| CrsError::Unknown { code, source })?;
    let area = crs.area_of_use().ok().and_then(|(a, _name)| a);
    Ok(area.map(|a| {
        Rect::new(
            Coord {
                x: a.west,
                y: a.south,
            },
            Coord {
                x: a.east,
                y: a.north,
            },
        )
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    #[test]
    fn identity_when_source_is_target() {
        let t = Transformer::new(EpsgCode(4326), EpsgCode(4326)).expect("identity");
        let c = Coord {
            x: 108.78,
            y: 15.17,
        };
        assert_eq!(t.coord(c).expect("identity"), c);
    }

    #[test]
    fn wgs84_to_utm49_keeps_lon_lat_order() {
        let t = Transformer::new(EpsgCode(4326), EpsgCode(32649)).expect("known CRSs");
        // Central meridian of zone 49 is 111°E: a point on it has easting 500 000 m.
        let c = t.coord(Coord { x: 111.0, y: 15.0 }).expect("in range");
        assert_abs_diff_eq!(c.x, 500_000.0, epsilon = 1e-6);
        assert!(c.y > 1_600_000.0 && c.y < 1_700_000.0, "northing {}", c.y);
    }

    #[test]
    fn unknown_code_is_an_error() {
        assert!(Transformer::new(EpsgCode(999_999), EpsgCode(4326)).is_err());
        assert!(area_of_use(EpsgCode(999_999)).is_err());
    }

    #[test]
    fn a_refused_pair_is_refused_again_for_the_same_reason_and_beyond_epsg_unasked() {
        // 12345 is in EPSG's range but no CRS: PROJ is asked the first time only.
        let first = Transformer::new(EpsgCode(12_345), EpsgCode(4326)).err();
        let again = Transformer::new(EpsgCode(12_345), EpsgCode(4326)).err();
        let (first, again) = (first.expect("refused"), again.expect("refused"));
        assert!(matches!(first, CrsError::Create { .. }), "{first}");
        assert_eq!(first.to_string(), again.to_string());
        let beyond = Transformer::new(EpsgCode(4326), EpsgCode(EPSG_MAX + 1)).err();
        assert!(
            matches!(beyond, Some(CrsError::NotEpsg { code }) if code.0 == EPSG_MAX + 1),
            "{beyond:?}"
        );
    }

    #[test]
    fn a_thread_keeps_a_bounded_number_of_transformers() {
        // UTM zones 1N..=40N: forty pairs PROJ knows, more than a thread keeps.
        for zone in 1..=40 {
            let c = with_transformer(EpsgCode(32600 + zone), EpsgCode(4326), |t| t.to())
                .expect("a UTM zone");
            assert_eq!(c, EpsgCode(4326));
            let cached = CACHE.with(|c| c.borrow().len());
            assert!((1..=CACHED_PAIRS).contains(&cached), "{cached} cached");
        }
    }

    #[test]
    fn area_of_use_of_vn2000_tm3_491_covers_quang_ngai() {
        let area = area_of_use(EpsgCode(5898))
            .expect("known")
            .expect("has an area");
        assert!(area.min().x < 108.78 && area.max().x > 108.78, "{area:?}");
        assert!(area.min().y < 15.17 && area.max().y > 15.17, "{area:?}");
    }
}
