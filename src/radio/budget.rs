//! Per-technology defaults and the downlink link budget (RSRP).
//!
//! The values stand in for whatever a site file leaves out; `docs/radio-models.md` explains
//! each choice. Power is always the total EIRP at boresight over the channel; the budget turns
//! it into power per 15/30 kHz resource element, which is what RSRP measures.

use crate::domain::Tech;

/// What a site of one technology is assumed to be when its file does not say.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TechDefaults {
    /// Carrier frequency, MHz.
    pub frequency_mhz: f64,
    /// EIRP at boresight, total over the channel, dBm (conducted power + antenna gain − losses).
    pub eirp_dbm: f64,
    /// Antenna height above ground, metres.
    pub height_m: f64,
    /// Downtilt, degrees below the horizon.
    pub tilt_deg: f64,
    /// Channel bandwidth, MHz.
    pub bandwidth_mhz: f64,
    /// Resource-element width, kHz. 2G and 3G have no OFDM subcarriers: their power is spread
    /// over 15 kHz slices so that the RSRP tiers apply to them too.
    pub subcarrier_khz: f64,
    /// Bandwidth that actually carries power, MHz: the transmission bandwidth configuration
    /// (LTE 100 RB × 180 kHz = 18 MHz in 20 MHz, TS 36.101 Table 5.6-1; NR 273 RB × 360 kHz =
    /// 98.28 MHz in 100 MHz, TS 38.101-1 Table 5.3.2-1), the UMTS chip rate (3.84 MHz), the
    /// GSM carrier (0.2 MHz).
    pub occupied_bandwidth_mhz: f64,
    /// Coverage radius of the disc model, metres.
    pub disc_radius_m: f64,
}

impl TechDefaults {
    /// Occupied subcarriers (or 15 kHz slices) the EIRP is spread over: the occupied bandwidth
    /// over the resource-element width, rounded, at least one. 4G: 1200, 5G: 3276.
    pub fn subcarriers(&self) -> u32 {
        let slices = (self.occupied_bandwidth_mhz * 1000.0 / self.subcarrier_khz).round();
        // Saturating float→int cast: NaN gives 0, which max(1) lifts; absurd sizes cap at u32::MAX.
        (slices as u32).max(1)
    }
}

/// The defaults of a technology.
///
/// - 2G: GSM 900, one 200 kHz carrier of 40 W (46 dBm) into a 15 dBi antenna with 3 dB feeder
///   loss → EIRP 58 dBm, spread over 13 slices of 15 kHz; 30 m, 2° tilt; disc 5 km.
/// - 3G: UMTS 2100, 5 MHz carrier (3.84 Mcps), 20 W (43 dBm), 18 dBi, 3 dB loss → 58 dBm over
///   256 slices of 15 kHz; 30 m, 4° tilt; disc 2 km.
/// - 4G: LTE 1800 (band 3), 20 MHz / 15 kHz → 100 RB × 12 = 1200 subcarriers, 40 W (46 dBm),
///   18 dBi, 3 dB loss → 61 dBm; 30 m, 4° tilt; disc 2.5 km.
/// - 5G: NR 3500 (n78), 100 MHz / 30 kHz → 273 RB × 12 = 3276 subcarriers (TS 38.101-1 Table
///   5.3.2-1), a 64T64R massive-MIMO unit of 200 W (53 dBm) with ~22 dBi SSB-beam gain and no
///   feeder → 75 dBm; 30 m, 6° tilt; disc 1 km.
pub fn defaults(tech: Tech) -> TechDefaults {
    match tech {
        Tech::G2 => TechDefaults {
            frequency_mhz: 900.0,
            eirp_dbm: 58.0,
            height_m: 30.0,
            tilt_deg: 2.0,
            bandwidth_mhz: 0.2,
            subcarrier_khz: 15.0,
            occupied_bandwidth_mhz: 0.2,
            disc_radius_m: 5000.0,
        },
        Tech::G3 => TechDefaults {
            frequency_mhz: 2100.0,
            eirp_dbm: 58.0,
            height_m: 30.0,
            tilt_deg: 4.0,
            bandwidth_mhz: 5.0,
            subcarrier_khz: 15.0,
            occupied_bandwidth_mhz: 3.84,
            disc_radius_m: 2000.0,
        },
        Tech::G4 => TechDefaults {
            frequency_mhz: 1800.0,
            eirp_dbm: 61.0,
            height_m: 30.0,
            tilt_deg: 4.0,
            bandwidth_mhz: 20.0,
            subcarrier_khz: 15.0,
            occupied_bandwidth_mhz: 18.0,
            disc_radius_m: 2500.0,
        },
        Tech::G5 => TechDefaults {
            frequency_mhz: 3500.0,
            eirp_dbm: 75.0,
            height_m: 30.0,
            tilt_deg: 6.0,
            bandwidth_mhz: 100.0,
            subcarrier_khz: 30.0,
            occupied_bandwidth_mhz: 98.28,
            disc_radius_m: 1000.0,
        },
    }
}

/// Downlink RSRP at a receiver, dBm: EIRP − 10·log10(subcarriers) + antenna gain − path loss.
///
/// RSRP (TS 36.214 §5.1.1, TS 38.215 §5.1.1) is the power of one resource element (one
/// subcarrier of one symbol) of the reference signal, not of the whole channel. With the
/// power spread evenly over the occupied subcarriers, one element carries the total EIRP
/// less 10·log10(subcarriers). `antenna_gain_db` is the pattern gain towards the receiver
/// relative to boresight (≤ 0: the boresight gain is inside the EIRP); `path_loss_db` is
/// positive. Zero subcarriers is read as one.
pub fn rsrp_dbm(eirp_dbm: f64, subcarriers: u32, antenna_gain_db: f64, path_loss_db: f64) -> f64 {
    let per_element_db = 10.0 * f64::from(subcarriers.max(1)).log10();
    eirp_dbm - per_element_db + antenna_gain_db - path_loss_db
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    #[test]
    fn issue_frequencies_for_4g_and_5g() {
        assert_eq!(defaults(Tech::G4).frequency_mhz, 1800.0);
        assert_eq!(defaults(Tech::G5).frequency_mhz, 3500.0);
    }

    #[test]
    fn subcarriers_match_the_resource_grid() {
        // LTE 20 MHz: 100 RB × 12; NR 100 MHz at 30 kHz: 273 RB × 12.
        assert_eq!(defaults(Tech::G4).subcarriers(), 100 * 12);
        assert_eq!(defaults(Tech::G5).subcarriers(), 273 * 12);
        assert_eq!(defaults(Tech::G3).subcarriers(), 256);
        assert_eq!(defaults(Tech::G2).subcarriers(), 13);
        for tech in Tech::ALL {
            let d = defaults(tech);
            let fits = f64::from(d.subcarriers()) * d.subcarrier_khz <= d.bandwidth_mhz * 1000.0;
            assert!(fits, "{tech}: subcarriers exceed the channel");
        }
    }

    #[test]
    fn rsrp_of_lte_default_at_130_db() {
        // 61 − 10·log10(1200) + 0 − 130 = −99.7918 dBm (python3).
        let rsrp = rsrp_dbm(61.0, 1200, 0.0, 130.0);
        assert_abs_diff_eq!(rsrp, -99.7918, epsilon = 1e-4);
    }

    #[test]
    fn antenna_gain_and_path_loss_are_db_for_db() {
        let base = rsrp_dbm(75.0, 3276, 0.0, 120.0);
        assert_abs_diff_eq!(
            rsrp_dbm(75.0, 3276, -3.0, 120.0),
            base - 3.0,
            epsilon = 1e-12
        );
        assert_abs_diff_eq!(
            rsrp_dbm(75.0, 3276, 0.0, 125.0),
            base - 5.0,
            epsilon = 1e-12
        );
    }

    #[test]
    fn zero_subcarriers_is_one() {
        assert_eq!(rsrp_dbm(40.0, 0, 0.0, 100.0), -60.0);
    }
}
