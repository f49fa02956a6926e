//! One technology of one site, with every radio parameter resolved, and the evaluation
//! primitive: the signal it gives at a distance and bearing.

use serde::Serialize;

use crate::domain::{Clutter, Sector, Site, Tech};
use crate::radio::{
    self, DEFAULT_RX_HEIGHT_M, Link, PathLossModel, Tier, elevation_down_deg, omni_gain_db,
    sector_gain_db,
};

/// Why a transmitter covers what it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The site declares `radius_m`: a disc or sector under every model.
    DeclaredRadius,
    /// The disc model with the technology's default radius.
    DefaultRadius,
    /// A path-loss model and link budget.
    Model,
}

/// A site's technology with its parameters resolved from the file or the defaults.
#[derive(Debug, Clone)]
pub struct Transmitter {
    /// Index of the site in the dataset.
    pub site: usize,
    /// The technology.
    pub tech: Tech,
    /// Index of the operator in the engine's operator list.
    pub operator: usize,
    /// Antenna height above ground, m.
    pub height_m: f64,
    /// Carrier frequency, MHz.
    pub frequency_mhz: f64,
    /// EIRP at boresight, dBm.
    pub eirp_dbm: f64,
    /// Subcarriers over which the EIRP is spread (RSRP is per resource element).
    pub subcarriers: u32,
    /// Sectors; empty for an omnidirectional antenna.
    pub sectors: Vec<Sector>,
    /// Default downtilt for sectors that give none, degrees.
    pub tilt_deg: f64,
    /// The coverage radius, for a disc (declared or default), m.
    pub radius_m: Option<f64>,
    /// How coverage is decided.
    pub basis: Basis,
}

/// The signal one transmitter gives at one place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signal {
    /// At least the covered threshold (or inside the disc).
    pub covered: bool,
    /// Median path loss, dB (None under a disc).
    #[serde(serialize_with = "super::rounded::hundredths_opt")]
    pub path_loss_db: Option<f64>,
    /// RSRP / SS-RSRP, dBm (None under a disc).
    #[serde(serialize_with = "super::rounded::hundredths_opt")]
    pub rsrp_dbm: Option<f64>,
    /// Signal tier (None under a disc).
    pub tier: Option<Tier>,
    /// Set when the model was used outside its validity range.
    pub note: Option<String>,
}

impl Transmitter {
    /// Resolves a site's parameters for one technology: the file's values, else the defaults.
    pub fn new(
        site_index: usize,
        site: &Site,
        tech: Tech,
        operator: usize,
        disc_model: bool,
    ) -> Self {
        let d = radio::defaults(tech);
        let basis = match (site.radius_m, disc_model) {
            (Some(_), _) => Basis::DeclaredRadius,
            (None, true) => Basis::DefaultRadius,
            (None, false) => Basis::Model,
        };
        Self {
            site: site_index,
            tech,
            operator,
            height_m: site.height_m.unwrap_or(d.height_m),
            frequency_mhz: site.frequency_mhz.unwrap_or(d.frequency_mhz),
            eirp_dbm: site.eirp_dbm.unwrap_or(d.eirp_dbm),
            subcarriers: d.subcarriers(),
            sectors: site.sectors.clone(),
            tilt_deg: d.tilt_deg,
            radius_m: site
                .radius_m
                .or((basis == Basis::DefaultRadius).then_some(d.disc_radius_m)),
            basis,
        }
    }

    /// Is a bearing (degrees clockwise from north) inside one of the sectors' beamwidths?
    /// An omnidirectional site covers every bearing; the edge of a beam counts as inside.
    pub fn in_sector(&self, bearing_deg: f64) -> bool {
        self.sectors.is_empty()
            || self
                .sectors
                .iter()
                .any(|s| angle_between(bearing_deg, s.azimuth_deg) <= s.beamwidth_deg / 2.0)
    }

    /// The signal at a horizontal distance and bearing from the site, in a radio environment.
    pub fn signal(
        &self,
        model: Option<&dyn PathLossModel>,
        distance_m: f64,
        bearing_deg: f64,
        clutter: Clutter,
        covered_rsrp_dbm: f64,
    ) -> Signal {
        match (self.radius_m, model) {
            (radius, m) if radius.is_some() || m.is_none() => {
                let r = radius.unwrap_or(0.0);
                // At the site itself the bearing is meaningless (atan2(0, 0) = north): the
                // site is the corner of every wedge, and edges count as covered.
                let in_beam = distance_m == 0.0 || self.in_sector(bearing_deg);
                Signal {
                    covered: distance_m <= r && in_beam,
                    path_loss_db: None,
                    rsrp_dbm: None,
                    tier: None,
                    note: None,
                }
            }
            (_, m) => {
                let m = m.expect("the arm above takes every case without a model");
                self.budget(m, distance_m, bearing_deg, clutter, covered_rsrp_dbm)
            }
        }
    }

    fn budget(
        &self,
        m: &dyn PathLossModel,
        distance_m: f64,
        bearing_deg: f64,
        clutter: Clutter,
        thr: f64,
    ) -> Signal {
        let pl = m.path_loss(&Link::new(
            distance_m,
            self.height_m,
            self.frequency_mhz,
            clutter,
        ));
        let rsrp = radio::rsrp_dbm(
            self.eirp_dbm,
            self.subcarriers,
            self.gain_db(distance_m, bearing_deg),
            pl.db,
        );
        Signal {
            covered: rsrp >= thr,
            path_loss_db: Some(pl.db),
            rsrp_dbm: Some(rsrp),
            tier: Some(Tier::from_rsrp_dbm(rsrp)),
            note: pl.note,
        }
    }

    /// Antenna gain towards a receiver relative to boresight, dB (≤ 0): the best sector.
    pub fn gain_db(&self, distance_m: f64, bearing_deg: f64) -> f64 {
        let elevation = elevation_down_deg(distance_m, self.height_m, DEFAULT_RX_HEIGHT_M);
        if self.sectors.is_empty() {
            return omni_gain_db(elevation, self.tilt_deg);
        }
        self.sectors
            .iter()
            .map(|s| {
                let tilt = s.tilt_deg.unwrap_or(self.tilt_deg);
                sector_gain_db(bearing_deg, s.azimuth_deg, s.beamwidth_deg, elevation, tilt)
            })
            .fold(f64::NEG_INFINITY, f64::max)
    }

    /// The default downtilt's distance: beyond it the receiver is below the main beam, the
    /// vertical gain and the path loss both worsen with distance, and the signal falls
    /// monotonically.
    pub fn main_beam_distance_m(&self) -> f64 {
        let dh = (self.height_m - DEFAULT_RX_HEIGHT_M).max(0.0);
        let tilt = self
            .sectors
            .iter()
            .filter_map(|s| s.tilt_deg)
            .fold(self.tilt_deg, f64::max);
        if tilt <= 0.1 {
            1.0
        } else {
            (dh / tilt.to_radians().tan()).max(1.0)
        }
    }
}

/// The smaller angle between two bearings, degrees in [0, 180].
pub fn angle_between(a_deg: f64, b_deg: f64) -> f64 {
    let d = (a_deg - b_deg).rem_euclid(360.0);
    d.min(360.0 - d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(radius_m: Option<f64>, sectors: Vec<Sector>) -> Site {
        Site {
            id: "S".into(),
            operator: "Viettel".into(),
            tech: vec![Tech::G4],
            height_m: Some(30.0),
            radius_m,
            sectors,
            frequency_mhz: None,
            eirp_dbm: None,
            location: geo::Point::new(108.78, 15.17),
        }
    }

    #[test]
    fn angle_between_wraps_at_north() {
        assert_eq!(angle_between(350.0, 10.0), 20.0);
        assert_eq!(angle_between(10.0, 350.0), 20.0);
        assert_eq!(angle_between(90.0, 270.0), 180.0);
    }

    #[test]
    fn declared_radius_is_a_disc_under_every_model() {
        let t = Transmitter::new(0, &site(Some(1000.0), vec![]), Tech::G4, 0, false);
        let hata = crate::radio::ModelKind::Hata.path_loss_model();
        let m = hata.as_deref();
        assert!(
            t.signal(m, 1000.0, 45.0, Clutter::Rural, -115.0).covered,
            "edge is covered"
        );
        assert!(!t.signal(m, 1000.1, 45.0, Clutter::Rural, -115.0).covered);
    }

    #[test]
    fn sector_edge_is_inside_and_beyond_is_outside() {
        let s = Sector {
            azimuth_deg: 0.0,
            beamwidth_deg: 60.0,
            tilt_deg: None,
        };
        let t = Transmitter::new(0, &site(Some(500.0), vec![s]), Tech::G4, 0, true);
        assert!(t.in_sector(330.0) && t.in_sector(30.0));
        assert!(!t.in_sector(30.5) && !t.in_sector(180.0));
    }

    #[test]
    fn model_signal_weakens_with_distance_beyond_the_main_beam() {
        let t = Transmitter::new(0, &site(None, vec![]), Tech::G4, 0, false);
        let model = crate::radio::ModelKind::Hata.path_loss_model();
        let d0 = t.main_beam_distance_m();
        let mut last = f64::INFINITY;
        for k in 0..50 {
            let d = d0 * 1.1f64.powi(k);
            let rsrp = t
                .signal(model.as_deref(), d, 0.0, Clutter::Rural, -115.0)
                .rsrp_dbm
                .expect("model");
            assert!(rsrp <= last + 1e-9, "at {d} m");
            last = rsrp;
        }
    }
}
