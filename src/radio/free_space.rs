//! Free-space path loss (Friis), the floor under the empirical models.

/// Speed of light in vacuum, m/s (exact, SI).
pub const SPEED_OF_LIGHT_M_S: f64 = 299_792_458.0;

/// Shortest distance the free-space formula is evaluated at, metres.
///
/// Why: Friis holds in the far field only and tends to −∞ dB at zero distance; one metre is
/// far field for every frequency we model (λ ≤ 2 m) and keeps the result finite.
pub const MIN_FREE_SPACE_DISTANCE_M: f64 = 1.0;

/// Free-space path loss, dB: 20·log10(4π·d·f / c) (ITU-R P.525).
///
/// `distance_m` is the straight-line distance between the antennas; the models here pass the
/// 3D distance √(d2D² + (h_tx − h_rx)²). Distances below
/// [`MIN_FREE_SPACE_DISTANCE_M`] are evaluated at that minimum. Equals
/// 20·log10(d_m) + 20·log10(f_MHz) − 27.55.
pub fn free_space_db(distance_m: f64, frequency_mhz: f64) -> f64 {
    let d = distance_m.max(MIN_FREE_SPACE_DISTANCE_M);
    let f_hz = frequency_mhz * 1e6;
    20.0 * (4.0 * std::f64::consts::PI * d * f_hz / SPEED_OF_LIGHT_M_S).log10()
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    #[test]
    fn one_km_at_1800_mhz() {
        // 20·log10(1000) + 20·log10(1800) − 27.5522 = 97.5532 dB (python3, exact c).
        assert_abs_diff_eq!(free_space_db(1000.0, 1800.0), 97.5532, epsilon = 1e-4);
    }

    #[test]
    fn doubling_distance_adds_six_db() {
        let near = free_space_db(500.0, 900.0);
        let far = free_space_db(1000.0, 900.0);
        assert_abs_diff_eq!(far - near, 6.0206, epsilon = 1e-4);
    }

    #[test]
    fn zero_distance_is_finite() {
        assert!(free_space_db(0.0, 3500.0).is_finite());
        assert_eq!(free_space_db(0.0, 3500.0), free_space_db(1.0, 3500.0));
    }
}
