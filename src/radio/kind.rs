//! Which coverage model to run, by its CLI name.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{Hata, PathLossModel, Rma, RmaLos, RmaNlos};

/// A coverage model: the declared-radius disc, or one of the path-loss models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum ModelKind {
    /// A disc of the technology's (or the site's declared) radius; no path loss.
    Disc,
    /// Okumura-Hata below 1500 MHz, COST-231 Hata from 1500 to 2000 MHz ([`Hata`]).
    Hata,
    /// 3GPP TR 38.901 RMa, LOS and NLOS weighted by the LOS probability ([`Rma`]).
    Rma,
    /// 3GPP TR 38.901 RMa, line of sight everywhere ([`RmaLos`]).
    RmaLos,
    /// 3GPP TR 38.901 RMa, no line of sight anywhere ([`RmaNlos`]).
    RmaNlos,
}

impl ModelKind {
    /// Every model, in CLI order.
    pub const ALL: [ModelKind; 5] = [
        ModelKind::Disc,
        ModelKind::Hata,
        ModelKind::Rma,
        ModelKind::RmaLos,
        ModelKind::RmaNlos,
    ];

    /// The CLI, serde and API name: "disc", "hata", "rma", "rma-los", "rma-nlos".
    pub fn as_str(self) -> &'static str {
        match self {
            ModelKind::Disc => "disc",
            ModelKind::Hata => "hata",
            ModelKind::Rma => "rma",
            ModelKind::RmaLos => "rma-los",
            ModelKind::RmaNlos => "rma-nlos",
        }
    }

    /// The path-loss model to evaluate; `None` for [`ModelKind::Disc`], which uses none.
    pub fn path_loss_model(self) -> Option<Box<dyn PathLossModel>> {
        match self {
            ModelKind::Disc => None,
            ModelKind::Hata => Some(Box::new(Hata)),
            ModelKind::Rma => Some(Box::new(Rma::default())),
            ModelKind::RmaLos => Some(Box::new(RmaLos::default())),
            ModelKind::RmaNlos => Some(Box::new(RmaNlos::default())),
        }
    }
}

impl fmt::Display for ModelKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A model name that is none of "disc", "hata", "rma", "rma-los", "rma-nlos".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown model {0:?} (expected one of disc, hata, rma, rma-los, rma-nlos)")]
pub struct ModelKindParseError(pub String);

impl FromStr for ModelKind {
    type Err = ModelKindParseError;

    /// Exact CLI names only (after trimming): a typo is an error, never a guess.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ModelKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == s.trim())
            .ok_or_else(|| ModelKindParseError(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum;

    #[test]
    fn display_and_from_str_round_trip() {
        for kind in ModelKind::ALL {
            assert_eq!(kind.to_string().parse::<ModelKind>(), Ok(kind));
        }
    }

    #[test]
    fn rejects_unknown_names() {
        let err = "rma_los"
            .parse::<ModelKind>()
            .expect_err("underscore is not a CLI name");
        assert_eq!(err, ModelKindParseError("rma_los".into()));
        assert!(err.to_string().contains("rma-los"));
    }

    #[test]
    fn serde_uses_cli_names() {
        for kind in ModelKind::ALL {
            let json = serde_json::to_string(&kind).expect("a unit variant serialises");
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            let back: ModelKind = serde_json::from_str(&json).expect("round trip");
            assert_eq!(back, kind);
        }
    }

    #[test]
    fn clap_uses_cli_names() {
        for kind in ModelKind::ALL {
            let value = kind.to_possible_value().expect("no variant is skipped");
            assert_eq!(value.get_name(), kind.as_str());
            assert_eq!(
                <ModelKind as ValueEnum>::from_str(kind.as_str(), false),
                Ok(kind)
            );
        }
    }

    #[test]
    fn disc_has_no_path_loss_model() {
        assert!(ModelKind::Disc.path_loss_model().is_none());
    }

    #[test]
    fn each_model_reports_its_own_name() {
        for kind in ModelKind::ALL {
            if let Some(model) = kind.path_loss_model() {
                assert_eq!(model.name(), kind.as_str());
            }
        }
    }
}
