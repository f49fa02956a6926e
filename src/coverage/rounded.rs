//! Figures of the point answer as JSON, rounded to hundredths (centimetres, hundredths of a
//! degree or decibel): far finer than any model's error, where 17 significant digits claimed a
//! precision nobody has and made up a fifth of the answer. Values in memory stay exact.

use serde::Serializer;

/// Serialises `v` rounded to two decimals.
pub(crate) fn hundredths<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(round(*v))
}

/// Serialises `v`, when present, rounded to two decimals.
pub(crate) fn hundredths_opt<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.serialize_some(&round(*v)),
        None => s.serialize_none(),
    }
}

fn round(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct T {
        #[serde(serialize_with = "hundredths")]
        d: f64,
        #[serde(serialize_with = "hundredths_opt")]
        o: Option<f64>,
    }

    #[test]
    fn figures_are_written_to_two_decimals() {
        let t = T {
            d: 4044.9857695115643,
            o: Some(-97.123456),
        };
        assert_eq!(
            serde_json::to_string(&t).expect("serialises"),
            r#"{"d":4044.99,"o":-97.12}"#
        );
        let none = T { d: 0.004, o: None };
        assert_eq!(
            serde_json::to_string(&none).expect("serialises"),
            r#"{"d":0.0,"o":null}"#
        );
    }
}
