//! 3GPP TR 38.901 (v17/v18) rural macro (RMa) path loss and LOS probability.
//!
//! Clause 7.4.1, Table 7.4.1-1, RMa (d in m, f_c in GHz, heights in m):
//! - PL1(d) = 20·log10(40π·d·f_c/3) + min(0.03·h^1.72, 10)·log10(d) − min(0.044·h^1.72, 14.77)
//!   + 0.002·log10(h)·d
//! - PL_RMa-LOS = PL1(d3D) for 10 m ≤ d2D ≤ d_BP; PL1(d_BP) + 40·log10(d3D/d_BP) for
//!   d_BP ≤ d2D ≤ 10 km
//! - PL'_RMa-NLOS = 161.04 − 7.1·log10(W) + 7.5·log10(h) − (24.37 − 3.7·(h/h_BS)²)·log10(h_BS)
//!   \+ (43.42 − 3.1·log10(h_BS))·(log10(d3D) − 3) + 20·log10(f_c)
//!   − (3.2·(log10(11.75·h_UT))² − 4.97), for 10 m ≤ d2D ≤ 5 km
//! - PL_RMa-NLOS = max(PL_RMa-LOS, PL'_RMa-NLOS)
//! - note 5: d_BP = 2π·h_BS·h_UT·f_c/c, f_c in Hz, c = 3.0·10⁸ m/s.
//!
//! Applicability (Table 7.4.1-1 and its notes): h_BS 10–150 m (default 35), h_UT 1–10 m
//! (default 1.5), h 5–50 m (average building height, default 5), W 5–50 m (average street
//! width, default 20), f_c 0.5–30 GHz (note 4 / clause 7.4.1: f_H = 30 GHz for RMa).
//!
//! Clause 7.4.2, Table 7.4.2-1, RMa: Pr_LOS = 1 for d2D ≤ 10 m, exp(−(d2D − 10)/1000) beyond.

use super::fallback::{Bound, Notes};
use super::{Link, PathLoss, PathLossModel};

/// Propagation speed 38.901 Table 7.4.1-1 note 5 prescribes for d_BP, m/s.
const C_38901_M_S: f64 = 3.0e8;

/// RMa frequency range, GHz (TR 38.901 clause 7.4.1, note 4 of Table 7.4.1-1).
const FREQUENCY_GHZ: Bound = Bound {
    quantity: "frequency",
    model: "3GPP RMa",
    lo: 0.5,
    hi: 30.0,
    unit: "GHz",
};

/// RMa base station height range, m.
const BS_HEIGHT: Bound = Bound {
    quantity: "base station height",
    model: "3GPP RMa",
    lo: 10.0,
    hi: 150.0,
    unit: "m",
};

/// RMa user terminal height range, m.
const UT_HEIGHT: Bound = Bound {
    quantity: "receiver height",
    model: "3GPP RMa",
    lo: 1.0,
    hi: 10.0,
    unit: "m",
};

/// RMa average building height range, m.
const BUILDING_HEIGHT: Bound = Bound {
    quantity: "average building height",
    model: "3GPP RMa",
    lo: 5.0,
    hi: 50.0,
    unit: "m",
};

/// RMa average street width range, m.
const STREET_WIDTH: Bound = Bound {
    quantity: "average street width",
    model: "3GPP RMa",
    lo: 5.0,
    hi: 50.0,
    unit: "m",
};

/// Shortest 2D distance of both RMa formulas, m; shorter links are evaluated here.
const MIN_D2D_M: f64 = 10.0;

/// LOS formula's 2D distance range, km.
const LOS_DISTANCE_KM: Bound = Bound {
    quantity: "distance",
    model: "3GPP RMa LOS",
    lo: 0.01,
    hi: 10.0,
    unit: "km",
};

/// NLOS formula's 2D distance range, km.
const NLOS_DISTANCE_KM: Bound = Bound {
    quantity: "distance",
    model: "3GPP RMa NLOS",
    lo: 0.01,
    hi: 5.0,
    unit: "km",
};

/// What the note says about a link longer than a formula's range.
const EXTRAPOLATED: &str = "the formula is extrapolated";

/// The RMa scenario's area parameters (TR 38.901 Table 7.4.1-1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RmaEnvironment {
    /// Average building height h, metres (5–50; default 5).
    pub building_height_m: f64,
    /// Average street width W, metres (5–50; default 20).
    pub street_width_m: f64,
}

impl Default for RmaEnvironment {
    /// The RMa defaults of TR 38.901 Table 7.4.1-1: h = 5 m, W = 20 m.
    fn default() -> Self {
        RmaEnvironment {
            building_height_m: 5.0,
            street_width_m: 20.0,
        }
    }
}

/// RMa with line of sight everywhere: PL_RMa-LOS (TR 38.901 Table 7.4.1-1).
///
/// An optimistic bound: rural Vietnam has trees and hills that often block the path.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RmaLos {
    /// Area parameters.
    pub env: RmaEnvironment,
}

/// RMa with no line of sight anywhere: PL_RMa-NLOS = max(PL_RMa-LOS, PL'_RMa-NLOS)
/// (TR 38.901 Table 7.4.1-1).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RmaNlos {
    /// Area parameters.
    pub env: RmaEnvironment,
}

/// RMa with LOS and NLOS weighted by the LOS probability P of TR 38.901 Table 7.4.2-1:
/// PL = −10·log10(P·10^(−PL_LOS/10) + (1 − P)·10^(−PL_NLOS/10)).
///
/// Why the linear power domain: a point at distance d is in LOS with probability P, so its
/// expected received power is P·(power if LOS) + (1 − P)·(power if NLOS); this is the path
/// loss that yields that expected power. Averaging the dB values instead would weight the
/// deep NLOS loss too heavily.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Rma {
    /// Area parameters.
    pub env: RmaEnvironment,
}

/// LOS probability of RMa at a 2D distance (TR 38.901 Table 7.4.2-1): 1 up to 10 m,
/// exp(−(d2D − 10)/1000) beyond.
pub fn los_probability(d2d_m: f64) -> f64 {
    if d2d_m <= MIN_D2D_M {
        1.0
    } else {
        (-(d2d_m - MIN_D2D_M) / 1000.0).exp()
    }
}

/// RMa breakpoint distance d_BP = 2π·h_BS·h_UT·f_c/c, metres (TR 38.901 Table 7.4.1-1
/// note 5, c = 3.0·10⁸ m/s).
pub fn breakpoint_distance_m(h_bs_m: f64, h_ut_m: f64, fc_ghz: f64) -> f64 {
    2.0 * std::f64::consts::PI * h_bs_m * h_ut_m * fc_ghz * 1e9 / C_38901_M_S
}

impl PathLossModel for RmaLos {
    fn name(&self) -> &'static str {
        "rma-los"
    }

    fn path_loss(&self, link: &Link) -> PathLoss {
        let mut notes = Notes::default();
        let geometry = Geometry::fit(link, &self.env, &mut notes);
        notes.extrapolated(geometry.d2d / 1000.0, &LOS_DISTANCE_KM, EXTRAPOLATED);
        PathLoss {
            db: geometry.los_db() + geometry.extra_db,
            note: notes.into_note(),
        }
    }
}

impl PathLossModel for RmaNlos {
    fn name(&self) -> &'static str {
        "rma-nlos"
    }

    fn path_loss(&self, link: &Link) -> PathLoss {
        let mut notes = Notes::default();
        let geometry = Geometry::fit(link, &self.env, &mut notes);
        notes.extrapolated(geometry.d2d / 1000.0, &NLOS_DISTANCE_KM, EXTRAPOLATED);
        PathLoss {
            db: geometry.nlos_db() + geometry.extra_db,
            note: notes.into_note(),
        }
    }
}

impl PathLossModel for Rma {
    fn name(&self) -> &'static str {
        "rma"
    }

    fn path_loss(&self, link: &Link) -> PathLoss {
        let mut notes = Notes::default();
        let geometry = Geometry::fit(link, &self.env, &mut notes);
        notes.extrapolated(geometry.d2d / 1000.0, &NLOS_DISTANCE_KM, EXTRAPOLATED);
        notes.extrapolated(geometry.d2d / 1000.0, &LOS_DISTANCE_KM, EXTRAPOLATED);
        let los = geometry.los_db();
        let nlos = geometry.nlos_db();
        let p = los_probability(geometry.d2d);
        // −10·log10(P·10^(−LOS/10) + (1−P)·10^(−NLOS/10)), factored around NLOS so that no
        // term underflows: NLOS ≥ LOS makes 10^((NLOS−LOS)/10) ≥ 1.
        let power_ratio = p * 10f64.powf((nlos - los) / 10.0) + (1.0 - p);
        PathLoss {
            db: nlos - 10.0 * power_ratio.log10() + geometry.extra_db,
            note: notes.into_note(),
        }
    }
}

/// A link's inputs moved into RMa's validity range, ready for the formulas.
#[derive(Debug, Clone, Copy)]
struct Geometry {
    /// Carrier frequency the formulas see, GHz.
    fc_ghz: f64,
    /// Free-space scaling for a frequency outside 0.5–30 GHz, dB.
    extra_db: f64,
    /// Base station height, m.
    h_bs: f64,
    /// User terminal height, m.
    h_ut: f64,
    /// 2D distance, m, at least 10 m.
    d2d: f64,
    /// Average building height, m.
    h: f64,
    /// Average street width, m.
    w: f64,
}

impl Geometry {
    /// Applies the fallbacks: frequency to the nearest edge (plus free-space scaling), heights
    /// and area parameters clamped, d2D below 10 m evaluated at 10 m.
    fn fit(link: &Link, env: &RmaEnvironment, notes: &mut Notes) -> Self {
        let f = notes.fit_frequency(link.frequency_mhz / 1000.0, &FREQUENCY_GHZ);
        let d2d = link.distance_m.max(0.0);
        if d2d < MIN_D2D_M {
            notes.push_with(|| {
                format!(
                    "distance {} m is below 3GPP RMa's 10 m minimum; evaluated at 10 m",
                    super::fallback::num(d2d)
                )
            });
        }
        Geometry {
            fc_ghz: f.eval,
            extra_db: f.extra_db,
            h_bs: notes.clamp(link.tx_height_m, &BS_HEIGHT),
            h_ut: notes.clamp(link.rx_height_m, &UT_HEIGHT),
            d2d: d2d.max(MIN_D2D_M),
            h: notes.clamp(env.building_height_m, &BUILDING_HEIGHT),
            w: notes.clamp(env.street_width_m, &STREET_WIDTH),
        }
    }

    /// 3D distance for a 2D distance, m.
    fn d3d(&self, d2d: f64) -> f64 {
        d2d.hypot(self.h_bs - self.h_ut)
    }

    /// PL1 of Table 7.4.1-1 at a 3D distance, dB.
    fn pl1(&self, d: f64) -> f64 {
        let h172 = self.h.powf(1.72);
        20.0 * (40.0 * std::f64::consts::PI * d * self.fc_ghz / 3.0).log10()
            + (0.03 * h172).min(10.0) * d.log10()
            - (0.044 * h172).min(14.77)
            + 0.002 * self.h.log10() * d
    }

    /// PL_RMa-LOS, dB.
    ///
    /// Beyond d_BP the table's PL2 = PL1(d_BP) + 40·log10(d3D/d_BP) can start a hair (< 0.01
    /// dB) below PL1 just short of d_BP when d_BP exceeds ~6 km, because PL1's linear term
    /// then grows faster than 40 dB/decade while d3D ≈ d_BP. We take the larger of PL2 and
    /// PL1 at the breakpoint so the loss never falls with distance (the coverage engine
    /// bisects on distance).
    fn los_db(&self) -> f64 {
        let d_bp = breakpoint_distance_m(self.h_bs, self.h_ut, self.fc_ghz);
        let d3d = self.d3d(self.d2d);
        if self.d2d <= d_bp {
            return self.pl1(d3d);
        }
        let pl2 = self.pl1(d_bp) + 40.0 * (d3d / d_bp).log10();
        pl2.max(self.pl1(self.d3d(d_bp)))
    }

    /// PL'_RMa-NLOS, dB.
    fn nlos_prime_db(&self) -> f64 {
        let (h, w, h_bs) = (self.h, self.w, self.h_bs);
        161.04 - 7.1 * w.log10() + 7.5 * h.log10()
            - (24.37 - 3.7 * (h / h_bs).powi(2)) * h_bs.log10()
            + (43.42 - 3.1 * h_bs.log10()) * (self.d3d(self.d2d).log10() - 3.0)
            + 20.0 * self.fc_ghz.log10()
            - (3.2 * (11.75 * self.h_ut).log10().powi(2) - 4.97)
    }

    /// PL_RMa-NLOS = max(PL_RMa-LOS, PL'_RMa-NLOS), dB.
    fn nlos_db(&self) -> f64 {
        self.los_db().max(self.nlos_prime_db())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Clutter;
    use approx::assert_abs_diff_eq;
    use proptest::prelude::*;

    fn link(d2d: f64, h_bs: f64, h_ut: f64, f_mhz: f64) -> Link {
        Link {
            distance_m: d2d,
            tx_height_m: h_bs,
            rx_height_m: h_ut,
            frequency_mhz: f_mhz,
            clutter: Clutter::Rural,
        }
    }

    /// ns-3 three-gpp-propagation-loss-model-test-suite.cc, RMa: h_BS 35 m, h_UT 1.5 m,
    /// 5 GHz, tolerance 0.05 dB there. python3 (independent): 77.3784, 87.2965, 108.5577,
    /// 140.3896 dB.
    #[test]
    fn los_matches_ns3_test_vectors() {
        let cases = [
            (10.0, 77.3784),
            (100.0, 87.2965),
            (1000.0, 108.5577),
            (10_000.0, 140.3896),
        ];
        for (d, published) in cases {
            let got = RmaLos::default().path_loss(&link(d, 35.0, 1.5, 5000.0));
            assert_abs_diff_eq!(got.db, published, epsilon = 1e-3);
            assert_eq!(got.note, None, "d = {d}");
        }
    }

    /// Same source; at 10 m NLOS' (77.2465 dB) is below LOS, so the max gives LOS.
    /// python3: 77.3784, 95.7718, 133.5223, 160.5169 dB.
    #[test]
    fn nlos_matches_ns3_test_vectors() {
        let cases = [
            (10.0, 77.3784),
            (100.0, 95.7718),
            (1000.0, 133.5223),
            (5000.0, 160.5169),
        ];
        for (d, published) in cases {
            let got = RmaNlos::default().path_loss(&link(d, 35.0, 1.5, 5000.0));
            assert_abs_diff_eq!(got.db, published, epsilon = 1e-3);
            assert_eq!(got.note, None, "d = {d}");
        }
    }

    /// 3.5 GHz, h_BS 30 m, h_UT 1.5 m (our 5G default), python3 independent evaluation:
    /// (d2D, LOS, NLOS, weighted).
    #[test]
    fn five_g_defaults_match_independent_evaluation() {
        let cases = [
            (50.0, 78.7450, 83.9213, 78.8653),
            (500.0, 98.6060, 120.4167, 100.7160),
            (1000.0, 105.4581, 132.0885, 109.7416),
            (2000.0, 113.0175, 143.7756, 121.6370),
            (4000.0, 122.6311, 155.4666, 139.8411),
        ];
        for (d, los, nlos, mixed) in cases {
            let l = link(d, 30.0, 1.5, 3500.0);
            assert_abs_diff_eq!(RmaLos::default().path_loss(&l).db, los, epsilon = 1e-3);
            assert_abs_diff_eq!(RmaNlos::default().path_loss(&l).db, nlos, epsilon = 1e-3);
            assert_abs_diff_eq!(Rma::default().path_loss(&l).db, mixed, epsilon = 1e-3);
        }
    }

    #[test]
    fn breakpoint_distance_follows_note_5() {
        // 2π·35·1.5·5e9/3e8 = 5497.787 m (python3).
        assert_abs_diff_eq!(
            breakpoint_distance_m(35.0, 1.5, 5.0),
            5497.787,
            epsilon = 1e-3
        );
        assert_abs_diff_eq!(
            breakpoint_distance_m(30.0, 1.5, 3.5),
            3298.672,
            epsilon = 1e-3
        );
    }

    #[test]
    fn los_probability_follows_table_7_4_2_1() {
        assert_eq!(los_probability(0.0), 1.0);
        assert_eq!(los_probability(10.0), 1.0);
        assert_abs_diff_eq!(los_probability(1010.0), (-1.0f64).exp(), epsilon = 1e-12);
        assert_abs_diff_eq!(los_probability(500.0), 0.612_626, epsilon = 1e-6);
    }

    #[test]
    fn weighted_model_lies_between_los_and_nlos() {
        for d in [20.0, 300.0, 3000.0, 9000.0] {
            let l = link(d, 35.0, 1.5, 1800.0);
            let los = RmaLos::default().path_loss(&l).db;
            let nlos = RmaNlos::default().path_loss(&l).db;
            let mixed = Rma::default().path_loss(&l).db;
            assert!(los <= mixed && mixed <= nlos, "{los} {mixed} {nlos}");
        }
    }

    #[test]
    fn weighted_model_is_los_within_ten_metres() {
        let l = link(8.0, 35.0, 1.5, 1800.0);
        assert_eq!(
            Rma::default().path_loss(&l).db,
            RmaLos::default().path_loss(&l).db
        );
    }

    #[test]
    fn short_distance_is_evaluated_at_ten_metres() {
        let at_ten = RmaLos::default()
            .path_loss(&link(10.0, 35.0, 1.5, 5000.0))
            .db;
        let closer = RmaLos::default().path_loss(&link(3.0, 35.0, 1.5, 5000.0));
        assert_eq!(closer.db, at_ten);
        assert_eq!(
            closer.note.as_deref(),
            Some("Distance 3 m is below 3GPP RMa's 10 m minimum; evaluated at 10 m.")
        );
    }

    #[test]
    fn long_distance_is_extrapolated_and_noted() {
        let nlos = RmaNlos::default().path_loss(&link(7000.0, 35.0, 1.5, 1800.0));
        assert!(
            nlos.note
                .is_some_and(|n| n.contains("3GPP RMa NLOS's 0.01–5 km"))
        );
        let los = RmaLos::default().path_loss(&link(7000.0, 35.0, 1.5, 1800.0));
        assert_eq!(los.note, None);
        let los_far = RmaLos::default().path_loss(&link(12_000.0, 35.0, 1.5, 1800.0));
        assert!(los_far.note.is_some_and(|n| n.contains("extrapolated")));
        let mixed = Rma::default().path_loss(&link(12_000.0, 35.0, 1.5, 1800.0));
        assert!(
            mixed
                .note
                .is_some_and(|n| n.contains("NLOS") && n.contains("LOS's"))
        );
    }

    #[test]
    fn heights_outside_are_clamped_and_noted() {
        let low = RmaLos::default().path_loss(&link(500.0, 6.0, 1.5, 1800.0));
        let at_edge = RmaLos::default().path_loss(&link(500.0, 10.0, 1.5, 1800.0));
        assert_eq!(low.db, at_edge.db);
        assert!(low.note.is_some_and(|n| n.contains("clamped to 10 m")));
        let high_ut = RmaNlos::default().path_loss(&link(500.0, 30.0, 0.5, 1800.0));
        assert!(
            high_ut
                .note
                .is_some_and(|n| n.starts_with("Receiver height 0.5 m"))
        );
    }

    #[test]
    fn frequency_outside_scales_from_the_edge() {
        let at_edge = RmaNlos::default()
            .path_loss(&link(500.0, 30.0, 1.5, 500.0))
            .db;
        let below = Rma::default().path_loss(&link(500.0, 30.0, 1.5, 450.0));
        let below_nlos = RmaNlos::default().path_loss(&link(500.0, 30.0, 1.5, 450.0));
        assert_abs_diff_eq!(
            below_nlos.db,
            at_edge + 20.0 * 0.9f64.log10(),
            epsilon = 1e-9
        );
        assert!(
            below
                .note
                .is_some_and(|n| n.contains("evaluated at 0.5 GHz"))
        );
    }

    #[test]
    fn environment_outside_is_clamped_and_noted() {
        let model = RmaNlos {
            env: RmaEnvironment {
                building_height_m: 2.0,
                street_width_m: 80.0,
            },
        };
        let got = model.path_loss(&link(500.0, 30.0, 1.5, 1800.0));
        let note = got.note.unwrap_or_default();
        assert!(
            note.contains("building height") && note.contains("street width"),
            "{note}"
        );
    }

    #[test]
    fn los_is_continuous_or_rising_at_the_breakpoint() {
        // h_BS 150 m, h_UT 1.5 m, 7 GHz: d_BP ≈ 32.99 km, where PL2 would start below PL1.
        let d_bp = breakpoint_distance_m(150.0, 1.5, 7.0);
        let just_before = RmaLos::default().path_loss(&link(d_bp - 0.01, 150.0, 1.5, 7000.0));
        let just_after = RmaLos::default().path_loss(&link(d_bp + 0.01, 150.0, 1.5, 7000.0));
        assert!(just_after.db >= just_before.db);
    }

    /// Gaps between the two distances: often tiny, to probe the breakpoint and other joins.
    fn any_gap() -> impl Strategy<Value = f64> {
        prop_oneof![0.0..1.0f64, 0.0..60_000.0f64]
    }

    /// Two links differing only in distance, with inputs spanning and exceeding the
    /// validity ranges.
    fn any_link_pair() -> impl Strategy<Value = (Link, Link)> {
        (
            0.0..60_000.0f64,
            any_gap(),
            1.0..300.0f64,
            0.5..15.0f64,
            100.0..40_000.0f64,
        )
            .prop_map(|(near, gap, h_bs, h_ut, f)| {
                (link(near, h_bs, h_ut, f), link(near + gap, h_bs, h_ut, f))
            })
    }

    proptest! {
        #[test]
        fn los_non_decreasing_in_distance((near, far) in any_link_pair()) {
            let model = RmaLos::default();
            let (a, b) = (model.path_loss(&near).db, model.path_loss(&far).db);
            prop_assert!(a <= b + 1e-9, "{a} > {b}");
        }

        #[test]
        fn nlos_non_decreasing_in_distance((near, far) in any_link_pair()) {
            let model = RmaNlos::default();
            let (a, b) = (model.path_loss(&near).db, model.path_loss(&far).db);
            prop_assert!(a <= b + 1e-9, "{a} > {b}");
        }

        #[test]
        fn weighted_non_decreasing_in_distance((near, far) in any_link_pair()) {
            let model = Rma::default();
            let (a, b) = (model.path_loss(&near).db, model.path_loss(&far).db);
            prop_assert!(a <= b + 1e-9, "{a} > {b}");
        }

        #[test]
        fn nlos_never_below_los((link, _) in any_link_pair()) {
            let los = RmaLos::default().path_loss(&link).db;
            let nlos = RmaNlos::default().path_loss(&link).db;
            prop_assert!(nlos >= los);
        }
    }
}
