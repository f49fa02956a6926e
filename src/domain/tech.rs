//! Radio access technologies a site may carry.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A mobile radio technology generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Tech {
    /// GSM.
    #[serde(rename = "2G")]
    G2,
    /// UMTS.
    #[serde(rename = "3G")]
    G3,
    /// LTE.
    #[serde(rename = "4G")]
    G4,
    /// NR.
    #[serde(rename = "5G")]
    G5,
}

impl Tech {
    /// Every technology, oldest first.
    pub const ALL: [Tech; 4] = [Tech::G2, Tech::G3, Tech::G4, Tech::G5];

    /// The label used in files and the API: "2G" … "5G".
    pub fn as_str(self) -> &'static str {
        match self {
            Tech::G2 => "2G",
            Tech::G3 => "3G",
            Tech::G4 => "4G",
            Tech::G5 => "5G",
        }
    }
}

impl fmt::Display for Tech {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A tech label that is none of "2G", "3G", "4G", "5G".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown tech {0:?} (expected one of \"2G\", \"3G\", \"4G\", \"5G\")")]
pub struct TechParseError(pub String);

impl FromStr for Tech {
    type Err = TechParseError;

    /// Accepts "4G" and "4g"; anything else is an error, never a guess.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_uppercase().as_str() {
            "2G" => Ok(Tech::G2),
            "3G" => Ok(Tech::G3),
            "4G" => Ok(Tech::G4),
            "5G" => Ok(Tech::G5),
            _ => Err(TechParseError(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_labels_case_insensitively() {
        assert_eq!("5g".parse::<Tech>(), Ok(Tech::G5));
        assert_eq!(" 4G ".parse::<Tech>(), Ok(Tech::G4));
    }

    #[test]
    fn rejects_unknown_tech() {
        assert!("LTE".parse::<Tech>().is_err());
    }
}
