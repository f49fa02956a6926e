//! The 3GPP sector antenna pattern: gain relative to boresight, dB (≤ 0).
//!
//! 3GPP TR 36.814 Table A.2.1.1-2 (the same parabolic pattern as TR 36.942 §4.2.1 and
//! TR 38.901 Table 7.3-1):
//! - horizontal: A_H(φ) = −min(12·(φ/φ_3dB)², A_m), A_m = 25 dB;
//! - vertical: A_V(θ) = −min(12·((θ − θ_tilt)/θ_3dB)², SLA_V), θ_3dB = 10°, SLA_V = 20 dB;
//! - combined: A(φ, θ) = −min(−(A_H(φ) + A_V(θ)), A_m).
//!
//! φ is the bearing to the receiver minus the sector azimuth, wrapped to ±180°; φ_3dB is the
//! full horizontal half-power beamwidth (so −3 dB at φ = ±φ_3dB/2). θ is the elevation below
//! the horizon at which the receiver is seen, θ_tilt the downtilt. The maximum gain (dBi) is
//! part of the EIRP, so these functions return only the pattern's attenuation.

/// Front-to-back ratio of the horizontal pattern and cap of the combined pattern, dB.
pub const MAX_ATTENUATION_DB: f64 = 25.0;
/// Vertical half-power beamwidth, degrees.
pub const VERTICAL_BEAMWIDTH_DEG: f64 = 10.0;
/// Vertical side-lobe level, dB below boresight.
pub const VERTICAL_SIDE_LOBE_DB: f64 = 20.0;

/// Gain of a sector antenna towards a receiver, dB relative to boresight (≤ 0).
///
/// `bearing_to_rx_deg` and `azimuth_deg` are degrees clockwise from north (any value: the
/// difference wraps around 360°); `beamwidth_deg` is the horizontal half-power beamwidth;
/// `elevation_down_deg` is the angle below the horizon at which the antenna sees the
/// receiver (see [`elevation_down_deg`]), `tilt_deg` the downtilt.
pub fn sector_gain_db(
    bearing_to_rx_deg: f64,
    azimuth_deg: f64,
    beamwidth_deg: f64,
    elevation_down_deg: f64,
    tilt_deg: f64,
) -> f64 {
    let off_boresight = wrap_deg(bearing_to_rx_deg - azimuth_deg);
    let horizontal = -(12.0 * (off_boresight / beamwidth_deg).powi(2)).min(MAX_ATTENUATION_DB);
    let vertical = vertical_db(elevation_down_deg, tilt_deg);
    -(-(horizontal + vertical)).min(MAX_ATTENUATION_DB)
}

/// Gain of an omnidirectional antenna towards a receiver, dB relative to boresight (≤ 0):
/// the vertical pattern A_V(θ) alone, since it radiates alike in every direction.
pub fn omni_gain_db(elevation_down_deg: f64, tilt_deg: f64) -> f64 {
    vertical_db(elevation_down_deg, tilt_deg)
}

/// Angle below the horizon at which an antenna at `tx_height_m` sees a receiver at
/// `rx_height_m`, `distance_m` away horizontally, degrees (90° straight below; negative
/// when the receiver is higher).
pub fn elevation_down_deg(distance_m: f64, tx_height_m: f64, rx_height_m: f64) -> f64 {
    (tx_height_m - rx_height_m).atan2(distance_m).to_degrees()
}

/// A_V(θ) of TR 36.814 Table A.2.1.1-2, dB (≤ 0).
fn vertical_db(elevation_down_deg: f64, tilt_deg: f64) -> f64 {
    let off_tilt = (elevation_down_deg - tilt_deg) / VERTICAL_BEAMWIDTH_DEG;
    -(12.0 * off_tilt.powi(2)).min(VERTICAL_SIDE_LOBE_DB)
}

/// An angle difference in degrees, wrapped to [−180, 180).
fn wrap_deg(deg: f64) -> f64 {
    (deg + 180.0).rem_euclid(360.0) - 180.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use proptest::prelude::*;

    #[test]
    fn boresight_is_zero_db() {
        assert_abs_diff_eq!(
            sector_gain_db(120.0, 120.0, 65.0, 4.0, 4.0),
            0.0,
            epsilon = 1e-12
        );
        assert_abs_diff_eq!(omni_gain_db(6.0, 6.0), 0.0, epsilon = 1e-12);
    }

    #[test]
    fn half_beamwidth_off_boresight_is_minus_three_db() {
        assert_abs_diff_eq!(
            sector_gain_db(92.5, 60.0, 65.0, 4.0, 4.0),
            -3.0,
            epsilon = 1e-9
        );
        assert_abs_diff_eq!(
            sector_gain_db(27.5, 60.0, 65.0, 4.0, 4.0),
            -3.0,
            epsilon = 1e-9
        );
    }

    #[test]
    fn back_of_the_sector_is_capped_at_25_db() {
        assert_abs_diff_eq!(
            sector_gain_db(180.0, 0.0, 65.0, 4.0, 4.0),
            -25.0,
            epsilon = 1e-12
        );
        // Horizontal and vertical losses together are capped at A_m as well.
        assert_abs_diff_eq!(
            sector_gain_db(180.0, 0.0, 65.0, 60.0, 4.0),
            -25.0,
            epsilon = 1e-12
        );
    }

    #[test]
    fn vertical_pattern_is_capped_at_side_lobe_level() {
        assert_abs_diff_eq!(omni_gain_db(5.0, 0.0), -3.0, epsilon = 1e-12);
        assert_abs_diff_eq!(omni_gain_db(89.0, 4.0), -20.0, epsilon = 1e-12);
    }

    #[test]
    fn bearing_difference_wraps_at_north() {
        let left = sector_gain_db(350.0, 10.0, 65.0, 4.0, 4.0);
        let right = sector_gain_db(30.0, 10.0, 65.0, 4.0, 4.0);
        assert_abs_diff_eq!(left, right, epsilon = 1e-9);
        // 20° off boresight: −12·(20/65)² = −1.1361 dB.
        assert_abs_diff_eq!(left, -1.136_095, epsilon = 1e-6);
        assert_abs_diff_eq!(
            sector_gain_db(-10.0, 350.0, 65.0, 4.0, 4.0),
            0.0,
            epsilon = 1e-9
        );
    }

    #[test]
    fn elevation_follows_geometry() {
        assert_abs_diff_eq!(elevation_down_deg(28.5, 30.0, 1.5), 45.0, epsilon = 1e-9);
        assert_abs_diff_eq!(elevation_down_deg(0.0, 30.0, 1.5), 90.0, epsilon = 1e-9);
        assert!(elevation_down_deg(100.0, 1.5, 30.0) < 0.0);
    }

    proptest! {
        #[test]
        fn pattern_is_symmetric_and_never_positive(
            azimuth in -720.0..720.0f64,
            offset in 0.0..180.0f64,
            beamwidth in 10.0..360.0f64,
            elevation in -10.0..90.0f64,
            tilt in 0.0..15.0f64,
        ) {
            let left = sector_gain_db(azimuth - offset, azimuth, beamwidth, elevation, tilt);
            let right = sector_gain_db(azimuth + offset, azimuth, beamwidth, elevation, tilt);
            prop_assert!((left - right).abs() < 1e-9);
            prop_assert!((-MAX_ATTENUATION_DB..=0.0).contains(&left));
        }
    }
}
