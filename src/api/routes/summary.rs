//! GET /api/summary (the commune against the plan's targets) and GET /api/csv/thon.

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use serde::Serialize;

use super::csv;
use crate::api::{ApiError, AppState, Current};
use crate::coverage::{Figures, Measure, ThonStats, TotalStats};

/// One target of the plan and where the commune stands.
#[derive(Debug, Serialize)]
pub struct Target {
    /// Stable id.
    pub id: &'static str,
    /// Year it is due.
    pub year: u16,
    /// The measure it counts.
    pub measure: Measure,
    /// What is counted: households, population or thon.
    pub basis: &'static str,
    /// Label in Vietnamese.
    pub label_vi: &'static str,
    /// Label in English.
    pub label_en: &'static str,
    /// The target, as a fraction.
    pub target: f64,
    /// Where the commune stands, as a fraction.
    pub actual: f64,
    /// actual ≥ target.
    pub met: bool,
}

/// A thôn's traffic light.
#[derive(Debug, Serialize)]
pub struct ThonStatus {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// "green", "amber" or "red".
    pub status: &'static str,
}

/// The summary.
#[derive(Debug, Serialize)]
pub struct Summary {
    /// Model name.
    pub model: String,
    /// When the figures were computed.
    pub updated_at: String,
    /// Commune totals.
    pub total: TotalStats,
    /// The plan's targets.
    pub targets: Vec<Target>,
    /// Traffic light per thôn.
    pub thon: Vec<ThonStatus>,
}

/// The commune's figures against the 2025 and 2030 targets.
pub async fn summary(State(state): State<AppState>) -> Json<Summary> {
    let cur = state.current();
    Json(Summary {
        model: cur.stats.model.clone(),
        updated_at: cur.updated_at.clone(),
        total: cur.stats.total.clone(),
        targets: targets(&cur),
        thon: cur
            .stats
            .thon
            .iter()
            .map(|t| ThonStatus {
                id: t.id.clone(),
                name: t.name.clone(),
                status: status(t),
            })
            .collect(),
    })
}

/// The plan's measurable targets (Kế hoạch xã Tịnh Thiện, 03/02/2025, part III).
fn targets(cur: &Current) -> Vec<Target> {
    let total = &cur.stats.total;
    let f = |m: Measure| total.coverage.get(&m).copied().unwrap_or_default();
    let thon_share = |m: Measure| share_of_thon(&cur.stats.thon, m);
    let t = |id, year, measure, basis, label_vi, label_en, target: f64, actual: f64| Target {
        id,
        year,
        measure,
        basis,
        label_vi,
        label_en,
        target,
        actual,
        met: actual >= target - 1e-12,
    };
    vec![
        t(
            "fiber_households_2025",
            2025,
            Measure::Fiber,
            "households",
            "Phổ cập cáp quang đến hộ gia đình",
            "Fiber to every household",
            1.0,
            f(Measure::Fiber).households_fraction,
        ),
        t(
            "fiber_thon_2025",
            2025,
            Measure::Fiber,
            "thon",
            "Cáp quang đến 100% thôn",
            "Fiber reaching every thôn",
            1.0,
            thon_share(Measure::Fiber),
        ),
        t(
            "mobile_thon_2025",
            2025,
            Measure::Mobile,
            "thon",
            "100% thôn có hạ tầng băng rộng di động",
            "Mobile broadband in 100% of thôn",
            1.0,
            thon_share(Measure::Mobile),
        ),
        t(
            "5g_population_2030",
            2030,
            Measure::G5,
            "population",
            "Mạng 5G phủ sóng 99% dân số",
            "5G covering 99% of the population",
            0.99,
            f(Measure::G5).population_fraction,
        ),
        t(
            "fiber_1g_households_2030",
            2030,
            Measure::Fiber1G,
            "households",
            "100% người sử dụng truy nhập cáp quang ≥ 1 Gb/s",
            "Every user able to get ≥ 1 Gb/s fiber",
            1.0,
            f(Measure::Fiber1G).households_fraction,
        ),
    ]
}

/// The share of thôn that a measure reaches at all: some of its people are covered.
fn share_of_thon(thon: &[ThonStats], m: Measure) -> f64 {
    if thon.is_empty() {
        return 0.0;
    }
    let reached = thon
        .iter()
        .filter(|t| t.coverage.get(&m).is_some_and(|f| f.population > 0.0))
        .count();
    reached as f64 / thon.len() as f64
}

/// Green when mobile broadband and fiber both reach ≥ 99 % of the thôn's people and
/// households; amber at ≥ 80 %; red below.
fn status(t: &ThonStats) -> &'static str {
    let get = |m: Measure| t.coverage.get(&m).copied().unwrap_or_default();
    let score = get(Measure::Mobile)
        .population_fraction
        .min(fiber_fraction(&get(Measure::Fiber)));
    if score >= 0.99 {
        "green"
    } else if score >= 0.8 {
        "amber"
    } else {
        "red"
    }
}

/// Fiber by households, or by area for a thôn without household points.
fn fiber_fraction(f: &Figures) -> f64 {
    if f.households > 0 || f.population_fraction == 0.0 {
        f.households_fraction.max(f.population_fraction)
    } else {
        f.area_fraction
    }
}

/// Figures per thôn as CSV: one row per thôn, columns per measure.
pub async fn thon_csv(State(state): State<AppState>) -> Result<Response, ApiError> {
    let cur = state.current();
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec![
        "id".to_string(),
        "name".into(),
        "commune".into(),
        "area_m2".into(),
        "households".into(),
        "population".into(),
    ];
    for m in Measure::ALL {
        for col in [
            "area_fraction",
            "households",
            "households_fraction",
            "population",
            "population_fraction",
        ] {
            header.push(format!("{m}_{col}"));
        }
    }
    w.write_record(&header).map_err(ApiError::internal)?;
    for t in &cur.stats.thon {
        let mut row = vec![
            t.id.clone(),
            t.name.clone(),
            t.commune.clone(),
            format!("{:.1}", t.area_m2),
            t.households.to_string(),
            format!("{}", t.population),
        ];
        for m in Measure::ALL {
            let f = t.coverage.get(&m).copied().unwrap_or_default();
            row.extend([
                format!("{:.4}", f.area_fraction),
                f.households.to_string(),
                format!("{:.4}", f.households_fraction),
                format!("{:.1}", f.population),
                format!("{:.4}", f.population_fraction),
            ]);
        }
        w.write_record(&row).map_err(ApiError::internal)?;
    }
    Ok(csv(
        "thon-figures.csv",
        w.into_inner().map_err(ApiError::internal)?,
    ))
}
