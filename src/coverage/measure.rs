//! The five things the plan measures.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::domain::Tech;

/// A coverage measure of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Measure {
    /// 4G signal at least "usable".
    #[serde(rename = "4G")]
    G4,
    /// 5G signal at least "usable".
    #[serde(rename = "5G")]
    G5,
    /// 4G or 5G: mobile broadband.
    #[serde(rename = "mobile")]
    Mobile,
    /// Within a fiber route's drop distance.
    #[serde(rename = "fiber")]
    Fiber,
    /// Within the drop distance of a route offering ≥ 1 Gb/s.
    #[serde(rename = "fiber_1g")]
    Fiber1G,
}

impl Measure {
    /// Every measure, in report order.
    pub const ALL: [Measure; 5] = [
        Measure::G4,
        Measure::G5,
        Measure::Mobile,
        Measure::Fiber,
        Measure::Fiber1G,
    ];

    /// The name in files and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::G4 => "4G",
            Measure::G5 => "5G",
            Measure::Mobile => "mobile",
            Measure::Fiber => "fiber",
            Measure::Fiber1G => "fiber_1g",
        }
    }

    /// The radio technology a measure is made of (None for fiber, both for mobile).
    pub fn techs(self) -> &'static [Tech] {
        match self {
            Measure::G4 => &[Tech::G4],
            Measure::G5 => &[Tech::G5],
            Measure::Mobile => &[Tech::G4, Tech::G5],
            Measure::Fiber | Measure::Fiber1G => &[],
        }
    }

    /// Position in [`Measure::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Measure {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Measure::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                format!("unknown measure {s:?} (expected 4G, 5G, mobile, fiber or fiber_1g)")
            })
    }
}
