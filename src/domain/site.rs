//! A telecom site (BTS) and its antenna sectors.

use geo::Point;

use super::Tech;

/// One antenna sector: where it points and how wide it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sector {
    /// Boresight azimuth, degrees clockwise from north.
    pub azimuth_deg: f64,
    /// Horizontal half-power beamwidth, degrees (0 < bw ≤ 360).
    pub beamwidth_deg: f64,
    /// Downtilt, degrees below the horizon (None: the technology's default).
    pub tilt_deg: Option<f64>,
}

/// A base station of one operator, carrying one or more technologies.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    /// Id, unique within its operator.
    pub id: String,
    /// Operator name, e.g. "Viettel".
    pub operator: String,
    /// Technologies it carries (sorted, no duplicates, not empty).
    pub tech: Vec<Tech>,
    /// Antenna height above ground, metres.
    pub height_m: Option<f64>,
    /// Declared coverage radius, metres: if set, the site is a disc (or sector) under every model.
    pub radius_m: Option<f64>,
    /// Sectors; empty means omnidirectional.
    pub sectors: Vec<Sector>,
    /// Carrier frequency, MHz.
    pub frequency_mhz: Option<f64>,
    /// EIRP at boresight, dBm (total over the channel).
    pub eirp_dbm: Option<f64>,
    /// Location in WGS 84 lon/lat.
    pub location: Point<f64>,
}

impl Site {
    /// Does the site carry this technology?
    pub fn has(&self, tech: Tech) -> bool {
        self.tech.contains(&tech)
    }

    /// The key that identifies a site across uploads: operator and id.
    pub fn key(&self) -> (String, String) {
        (self.operator.clone(), self.id.clone())
    }
}
