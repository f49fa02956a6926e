//! The four layers, and guessing a file's layer from its name.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// One of the four layers of a dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Layer {
    /// Thôn (village) boundaries: Polygon or MultiPolygon.
    Thon,
    /// Telecom sites: Point.
    Sites,
    /// Fiber routes: LineString or MultiLineString.
    Fiber,
    /// Households: Point.
    Households,
}

impl Layer {
    /// Every layer.
    pub const ALL: [Layer; 4] = [Layer::Thon, Layer::Sites, Layer::Fiber, Layer::Households];

    /// The name used on the command line and in the store.
    pub fn as_str(self) -> &'static str {
        match self {
            Layer::Thon => "thon",
            Layer::Sites => "sites",
            Layer::Fiber => "fiber",
            Layer::Households => "households",
        }
    }

    /// Guesses the layer from a file name: it must contain thon (or villages), sites, fiber or
    /// households.
    pub fn from_file_name(path: &Path) -> Result<Layer, LayerParseError> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let found: Vec<Layer> = [
            (Layer::Thon, ["thon", "village"]),
            (Layer::Sites, ["site", "bts"]),
            (Layer::Fiber, ["fiber", "fibre"]),
            (Layer::Households, ["household", "hogiadinh"]),
        ]
        .into_iter()
        .filter(|(_, words)| words.iter().any(|w| name.contains(w)))
        .map(|(l, _)| l)
        .collect();
        match found.as_slice() {
            [one] => Ok(*one),
            _ => Err(LayerParseError(path.display().to_string())),
        }
    }
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A file whose name does not tell its layer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0}: cannot tell the layer from the file name (it should contain thon, villages, sites, fiber or households); pass --layer"
)]
pub struct LayerParseError(pub String);

impl FromStr for Layer {
    type Err = LayerParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Layer::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| LayerParseError(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layer_from_file_name() {
        assert_eq!(
            Layer::from_file_name(Path::new("geodata/thon.geojson")),
            Ok(Layer::Thon)
        );
        assert_eq!(
            Layer::from_file_name(Path::new("x/villages.json")),
            Ok(Layer::Thon)
        );
        assert_eq!(
            Layer::from_file_name(Path::new("Sites_2025.geojson")),
            Ok(Layer::Sites)
        );
        assert_eq!(
            Layer::from_file_name(Path::new("fiber.geojson")),
            Ok(Layer::Fiber)
        );
        assert_eq!(
            Layer::from_file_name(Path::new("households.geojson")),
            Ok(Layer::Households)
        );
        assert!(Layer::from_file_name(Path::new("data.geojson")).is_err());
    }
}
