//! The sites layer's properties: technologies, antenna sectors and radio parameters.

use geo::Geometry;
use serde_json::Value;

use super::document::RawFeature;
use super::props::{Props, Reasons, optional_in_range, required_str};
use crate::domain::{Sector, Site, Tech};

/// The longest radius a site may declare, metres: beyond it is a unit mistake (km for m).
pub const MAX_RADIUS_M: f64 = 100_000.0;
/// Beamwidth assumed for a sector that gives an azimuth but no beamwidth (3GPP's 65°).
pub const DEFAULT_BEAMWIDTH_DEG: f64 = 65.0;

/// A site from a checked feature: id, operator and tech are required.
pub(crate) fn from_feature(f: &RawFeature) -> Result<Site, Vec<String>> {
    let mut r = Reasons::default();
    let p = &f.props;
    if f.id.is_none() {
        r.push("missing id".into());
    }
    let operator = r.take(required_str(p, "operator"));
    let tech = r.take(techs(p));
    let height_m = r.take(optional_in_range(p, "height_m", 0.0, 500.0, true));
    let radius_m = r.take(
        optional_in_range(p, "radius_m", 0.0, MAX_RADIUS_M, true)
            .map_err(|e| format!("{e}: a radius must be more than 0 and at most 100 km")),
    );
    let frequency_mhz = r.take(optional_in_range(p, "frequency_mhz", 0.0, 100_000.0, true));
    let eirp_dbm = r.take(optional_in_range(p, "eirp_dbm", -30.0, 100.0, false));
    let sectors = r.take(sectors(p));
    let Geometry::Point(location) = f.geometry else {
        unreachable!("the geometry check admits only Point for sites")
    };
    r.finish(|| {
        Some(Site {
            id: f.id.clone()?,
            operator: operator?,
            tech: tech?,
            height_m: height_m?,
            radius_m: radius_m?,
            sectors: sectors?,
            frequency_mhz: frequency_mhz?,
            eirp_dbm: eirp_dbm?,
            location,
        })
    })
}

/// `tech`: one label or an array of them; sorted, without duplicates, never empty.
fn techs(p: &Props) -> Result<Vec<Tech>, String> {
    let labels: Vec<&Value> = match p.get("tech") {
        None | Some(Value::Null) => return Err("missing property \"tech\"".into()),
        Some(Value::Array(a)) => a.iter().collect(),
        Some(v) => vec![v],
    };
    if labels.is_empty() {
        return Err("property \"tech\" is an empty array".into());
    }
    let mut out = labels
        .into_iter()
        .map(|v| match v {
            Value::String(s) => s.parse::<Tech>().map_err(|e| e.to_string()),
            other => Err(format!(
                "tech must be a string such as \"4G\", found {other}"
            )),
        })
        .collect::<Result<Vec<_>, _>>()?;
    out.sort();
    out.dedup();
    Ok(out)
}

/// Sectors from `sectors` (an array of objects) or the top-level azimuth/beamwidth/tilt.
fn sectors(p: &Props) -> Result<Vec<Sector>, String> {
    let top_level = ["azimuth_deg", "beamwidth_deg"]
        .iter()
        .any(|k| p.contains_key(*k));
    match p.get("sectors") {
        None | Some(Value::Null) if top_level => Ok(vec![sector(p, "")?]),
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(_) if top_level => {
            Err("give either azimuth_deg/beamwidth_deg or a \"sectors\" array, not both".into())
        }
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| match item {
                // "sectors[0]: missing property …", not "sectors[0].missing property …".
                Value::Object(o) => sector(o, &format!("sectors[{i}]: ")),
                other => Err(format!("sectors[{i}] must be an object, found {other}")),
            })
            .collect(),
        Some(other) => Err(format!(
            "property \"sectors\" must be an array, found {other}"
        )),
    }
}

fn sector(p: &Props, prefix: &str) -> Result<Sector, String> {
    let named = |e: String| format!("{prefix}{e}");
    let azimuth = optional_in_range(p, "azimuth_deg", 0.0, 360.0, false)
        .map_err(named)?
        .ok_or_else(|| named("missing property \"azimuth_deg\"".into()))?;
    let beamwidth = optional_in_range(p, "beamwidth_deg", 0.0, 360.0, true).map_err(named)?;
    let tilt = optional_in_range(p, "tilt_deg", -20.0, 90.0, false).map_err(named)?;
    Ok(Sector {
        azimuth_deg: azimuth % 360.0,
        beamwidth_deg: beamwidth.unwrap_or(DEFAULT_BEAMWIDTH_DEG),
        tilt_deg: tilt,
    })
}
