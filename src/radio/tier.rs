//! Signal tiers from RSRP.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Lowest RSRP of the good tier, dBm.
pub const GOOD_RSRP_DBM: f64 = -95.0;
/// Lowest RSRP of the moderate tier, dBm.
pub const MODERATE_RSRP_DBM: f64 = -105.0;
/// Lowest RSRP of the usable tier, dBm.
pub const USABLE_RSRP_DBM: f64 = -115.0;
/// Lowest RSRP counted as covered by default, dBm: the floor of the usable tier.
pub const DEFAULT_COVERED_RSRP_DBM: f64 = USABLE_RSRP_DBM;

/// How good the signal is at a point.
///
/// A value exactly on a boundary belongs to the better tier: −95 dBm is good, −105 dBm is
/// moderate, −115 dBm is usable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// RSRP ≥ −95 dBm.
    Good,
    /// −105 ≤ RSRP < −95 dBm.
    Moderate,
    /// −115 ≤ RSRP < −105 dBm.
    Usable,
    /// RSRP < −115 dBm, or not a number: no service.
    None,
}

impl Tier {
    /// Every tier, best first.
    pub const ALL: [Tier; 4] = [Tier::Good, Tier::Moderate, Tier::Usable, Tier::None];

    /// The tier of an RSRP in dBm; NaN is [`Tier::None`].
    pub fn from_rsrp_dbm(rsrp_dbm: f64) -> Tier {
        // Each comparison is false for NaN, so NaN falls through to None.
        if rsrp_dbm >= GOOD_RSRP_DBM {
            Tier::Good
        } else if rsrp_dbm >= MODERATE_RSRP_DBM {
            Tier::Moderate
        } else if rsrp_dbm >= USABLE_RSRP_DBM {
            Tier::Usable
        } else {
            Tier::None
        }
    }

    /// The lowest RSRP of this tier, dBm; `None` for [`Tier::None`], which has no floor.
    pub fn floor_dbm(self) -> Option<f64> {
        match self {
            Tier::Good => Some(GOOD_RSRP_DBM),
            Tier::Moderate => Some(MODERATE_RSRP_DBM),
            Tier::Usable => Some(USABLE_RSRP_DBM),
            Tier::None => Option::None,
        }
    }

    /// The serde and API name: "good", "moderate", "usable", "none".
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Good => "good",
            Tier::Moderate => "moderate",
            Tier::Usable => "usable",
            Tier::None => "none",
        }
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_belong_to_the_better_tier() {
        assert_eq!(Tier::from_rsrp_dbm(-95.0), Tier::Good);
        assert_eq!(Tier::from_rsrp_dbm(-105.0), Tier::Moderate);
        assert_eq!(Tier::from_rsrp_dbm(-115.0), Tier::Usable);
    }

    #[test]
    fn just_below_a_boundary_is_the_worse_tier() {
        assert_eq!(Tier::from_rsrp_dbm(-95.001), Tier::Moderate);
        assert_eq!(Tier::from_rsrp_dbm(-105.001), Tier::Usable);
        assert_eq!(Tier::from_rsrp_dbm(-115.001), Tier::None);
    }

    #[test]
    fn extremes_and_nan() {
        assert_eq!(Tier::from_rsrp_dbm(-40.0), Tier::Good);
        assert_eq!(Tier::from_rsrp_dbm(f64::NEG_INFINITY), Tier::None);
        assert_eq!(Tier::from_rsrp_dbm(f64::NAN), Tier::None);
    }

    #[test]
    fn floors_classify_as_their_own_tier() {
        for tier in Tier::ALL {
            if let Some(floor) = tier.floor_dbm() {
                assert_eq!(Tier::from_rsrp_dbm(floor), tier);
            }
        }
        assert_eq!(Tier::Usable.floor_dbm(), Some(DEFAULT_COVERED_RSRP_DBM));
    }

    #[test]
    fn serde_uses_lowercase_names() {
        for tier in Tier::ALL {
            let json = serde_json::to_string(&tier).expect("a unit variant serialises");
            assert_eq!(json, format!("\"{tier}\""));
            assert_eq!(serde_json::from_str::<Tier>(&json).ok(), Some(tier));
        }
    }
}
