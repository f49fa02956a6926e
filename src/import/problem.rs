//! Problems found in a layer, and the error that carries them.

use std::collections::HashMap;
use std::fmt;

/// One thing wrong with an input file, precise enough for a person to fix it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The file (or upload) name.
    pub file: String,
    /// Index of the feature in the collection, when the problem belongs to one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature: Option<usize>,
    /// The feature's id, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What is wrong, and where it helps, what to do.
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(i) = self.feature {
            write!(f, ": feature {i}")?;
        }
        if let Some(id) = &self.id {
            write!(f, " (id {id:?})")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// Why a layer could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The OS's reason.
        #[source]
        source: std::io::Error,
    },
    /// The layer has problems; nothing of it was loaded.
    #[error("{} problem(s) found:\n{}", .0.len(), ProblemList(.0))]
    Invalid(Vec<Problem>),
}

impl ImportError {
    /// The problems, for an invalid layer (empty for an I/O error).
    pub fn problems(&self) -> &[Problem] {
        match self {
            ImportError::Invalid(p) => p,
            ImportError::Io { .. } => &[],
        }
    }
}

struct ProblemList<'a>(&'a [Problem]);

impl fmt::Display for ProblemList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in self.0 {
            writeln!(f, "  {p}")?;
        }
        Ok(())
    }
}

/// A problem with the file as a whole.
pub(crate) fn file_problem(file: &str, reason: impl Into<String>) -> Problem {
    Problem {
        file: file.to_string(),
        feature: None,
        id: None,
        reason: reason.into(),
    }
}

/// Reports every id used by more than one item, at each later use. `key` gives an item's
/// scope (the operator, for ids unique only within one) and its id; the problem carries the
/// feature's own id, and the reason names the scope.
pub(crate) fn duplicate_ids<T>(
    file: &str,
    items: &[(usize, T)],
    key: impl Fn(&T) -> (Option<String>, String),
) -> Vec<Problem> {
    let mut first: HashMap<(Option<String>, String), usize> = HashMap::with_capacity(items.len());
    let mut problems = Vec::new();
    for (index, item) in items {
        let k = key(item);
        if let Some(&earlier) = first.get(&k) {
            let scope =
                k.0.as_ref()
                    .map(|s| format!(" for operator {s:?}"))
                    .unwrap_or_default();
            problems.push(Problem {
                file: file.to_string(),
                feature: Some(*index),
                id: Some(k.1.clone()),
                reason: format!("duplicate id: feature {earlier} has the same id{scope}"),
            });
        } else {
            first.insert(k, *index);
        }
    }
    problems
}

/// The items if there is no problem, else every problem, in feature order.
pub(crate) fn finish<T>(
    items: Vec<(usize, T)>,
    mut problems: Vec<Problem>,
) -> Result<Vec<T>, ImportError> {
    problems.sort_by_key(|p| p.feature);
    if problems.is_empty() {
        Ok(items.into_iter().map(|(_, t)| t).collect())
    } else {
        Err(ImportError::Invalid(problems))
    }
}
