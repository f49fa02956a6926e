//! Inputs outside a model's validity range: the documented fallback, and a sentence saying so.
//!
//! Every model collects its fallbacks in [`Notes`] while it evaluates a link, so the caller
//! learns exactly which inputs were bent and how (the `note` of a
//! [`PathLoss`](super::PathLoss)).

/// A quantity's validity range, with the words a note needs to name it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bound {
    /// What is bounded, lower case: "base station height".
    pub(crate) quantity: &'static str,
    /// Whose range it is: "Okumura-Hata".
    pub(crate) model: &'static str,
    /// Lowest valid value, in `unit`.
    pub(crate) lo: f64,
    /// Highest valid value, in `unit`.
    pub(crate) hi: f64,
    /// Unit of the values: "m", "MHz".
    pub(crate) unit: &'static str,
}

impl Bound {
    /// Is `value` inside the range (edges included)?
    pub(crate) fn contains(&self, value: f64) -> bool {
        (self.lo..=self.hi).contains(&value)
    }

    /// "base station height 12 m is outside Okumura-Hata's 30–200 m".
    fn outside(&self, value: f64) -> String {
        format!(
            "{} {} {} is outside {}'s {}–{} {}",
            self.quantity,
            num(value),
            self.unit,
            self.model,
            num(self.lo),
            num(self.hi),
            self.unit
        )
    }
}

/// A frequency moved into a model's range, and the free-space correction for the move.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct FittedFrequency {
    /// The frequency to evaluate the formula at, in the bound's unit.
    pub(crate) eval: f64,
    /// 20·log10(f / f_eval), dB: what free space adds (or removes) for the true frequency.
    pub(crate) extra_db: f64,
}

thread_local! {
    /// Set while notes are not wanted (see [`without_notes`]).
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with the models' notes switched off on this thread. Tracing a footprint or
/// evaluating households asks millions of links only whether they are covered; writing a
/// sentence for each fallback there cost more than the path loss itself.
pub fn without_notes<R>(f: impl FnOnce() -> R) -> R {
    let before = QUIET.with(|q| q.replace(true));
    let r = f();
    QUIET.with(|q| q.set(before));
    r
}

/// The fallbacks taken while evaluating one link, one sentence each.
#[derive(Debug)]
pub(crate) struct Notes {
    texts: Vec<String>,
    quiet: bool,
}

impl Default for Notes {
    fn default() -> Self {
        Self {
            texts: Vec::new(),
            quiet: QUIET.with(|q| q.get()),
        }
    }
}

impl Notes {
    /// Records one fallback; `text` makes a sentence without its full stop, and is only
    /// called when notes are wanted.
    pub(crate) fn push_with(&mut self, text: impl FnOnce() -> String) {
        if !self.quiet {
            self.texts.push(text());
        }
    }

    /// Clamps `value` into `bound`, noting it when the value had to move.
    pub(crate) fn clamp(&mut self, value: f64, bound: &Bound) -> f64 {
        if bound.contains(value) {
            return value;
        }
        let clamped = value.clamp(bound.lo, bound.hi);
        self.push_with(|| {
            format!(
                "{}; clamped to {} {}",
                bound.outside(value),
                num(clamped),
                bound.unit
            )
        });
        clamped
    }

    /// Moves a frequency to the nearest edge of `bound` and adds free-space frequency scaling.
    ///
    /// Why free space: every model here grows at least as 20·log10(f) (the Hata models grow
    /// faster), so scaling from the edge like free space is the mildest extrapolation that
    /// still penalises a higher frequency.
    pub(crate) fn fit_frequency(&mut self, f: f64, bound: &Bound) -> FittedFrequency {
        if bound.contains(f) {
            return FittedFrequency {
                eval: f,
                extra_db: 0.0,
            };
        }
        let edge = f.clamp(bound.lo, bound.hi);
        self.push_with(|| {
            format!(
                "{}; evaluated at {} {} plus free-space frequency scaling",
                bound.outside(f),
                num(edge),
                bound.unit
            )
        });
        FittedFrequency {
            eval: edge,
            extra_db: 20.0 * (f / edge).log10(),
        }
    }

    /// Notes that `value` is outside `bound` and the formula was used beyond it anyway.
    pub(crate) fn extrapolated(&mut self, value: f64, bound: &Bound, how: &str) {
        if !bound.contains(value) {
            self.push_with(|| format!("{}; {how}", bound.outside(value)));
        }
    }

    /// The sentences as one note: each capitalised and ended with a full stop.
    pub(crate) fn into_note(self) -> Option<String> {
        if self.texts.is_empty() {
            return None;
        }
        let sentences: Vec<String> = self.texts.iter().map(|s| sentence(s)).collect();
        Some(sentences.join(" "))
    }
}

/// "frequency 3500 MHz …" → "Frequency 3500 MHz ….".
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

/// A number for a note: at most three decimals, no trailing zeros ("3500", "0.5", "1.234").
pub(crate) fn num(value: f64) -> String {
    let text = format!("{value:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    const HEIGHT: Bound = Bound {
        quantity: "base station height",
        model: "Okumura-Hata",
        lo: 30.0,
        hi: 200.0,
        unit: "m",
    };

    #[test]
    fn value_inside_is_untouched_and_unnoted() {
        let mut notes = Notes::default();
        assert_eq!(notes.clamp(45.0, &HEIGHT), 45.0);
        assert_eq!(notes.into_note(), None);
    }

    #[test]
    fn clamp_names_value_range_and_result() {
        let mut notes = Notes::default();
        assert_eq!(notes.clamp(12.5, &HEIGHT), 30.0);
        assert_eq!(
            notes.into_note().as_deref(),
            Some("Base station height 12.5 m is outside Okumura-Hata's 30–200 m; clamped to 30 m.")
        );
    }

    #[test]
    fn frequency_above_range_scales_like_free_space() {
        let band = Bound {
            quantity: "frequency",
            model: "COST-231 Hata",
            lo: 1500.0,
            hi: 2000.0,
            unit: "MHz",
        };
        let mut notes = Notes::default();
        let fitted = notes.fit_frequency(4000.0, &band);
        assert_eq!(fitted.eval, 2000.0);
        // 20·log10(2) = 6.0206 dB.
        assert_abs_diff_eq!(fitted.extra_db, 6.0206, epsilon = 1e-4);
        assert!(
            notes
                .into_note()
                .is_some_and(|n| n.contains("evaluated at 2000 MHz"))
        );
    }

    #[test]
    fn several_fallbacks_make_several_sentences() {
        let mut notes = Notes::default();
        notes.clamp(1.0, &HEIGHT);
        notes.clamp(500.0, &HEIGHT);
        let note = notes.into_note().unwrap_or_default();
        assert_eq!(note.matches(". ").count(), 1, "{note}");
        assert!(note.ends_with("clamped to 200 m."));
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(3500.0), "3500");
        assert_eq!(num(0.5), "0.5");
        assert_eq!(num(1.23456), "1.235");
        assert_eq!(num(-0.0001), "0");
    }
}
