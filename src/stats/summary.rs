//! The counts across reviews (`--format json`, the human summary, the themes' charts),
//! computed from the tables alone: what an analyst counts in the files is what `stats`
//! prints. Every map is sorted by key and holds every word of its vocabulary (every rule
//! of the registry), zeros included.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::tables::{Table, Tables, Value};
use crate::analysis::rules::REGISTRY;
use crate::model::{ActionStrength, AgencyKind, OutcomeKind, Vocabulary};

/// A review that was not counted because of its data errors.
#[derive(Clone, Debug, Serialize)]
pub struct Skipped {
    pub path: String,
    pub errors: usize,
}

/// In how many reviews something happened, and how many flags it had in all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub reviews: usize,
    pub flags: usize,
}

#[derive(Debug, Serialize)]
pub struct Summary {
    pub reviews: usize,
    pub skipped: Vec<Skipped>,
    pub refused: Vec<String>,
    /// Per rule code: the reviews in which it fired, and its flags.
    pub rules: BTreeMap<String, Counts>,
    /// Reviews per outcome kind.
    pub outcomes: BTreeMap<String, usize>,
    /// Findings per pattern.
    pub patterns: BTreeMap<String, usize>,
    /// Per agency kind: the reviews with a flag anchored at an agency of that kind, and
    /// those flags.
    pub agency_kinds: BTreeMap<String, Counts>,
    /// Recommendations per action strength.
    pub strengths: BTreeMap<String, usize>,
}

impl Summary {
    /// `patterns` is the methodology's pattern vocabulary (an extendable list).
    pub fn of(
        tables: &Tables,
        patterns: &[&str],
        skipped: Vec<Skipped>,
        refused: Vec<String>,
    ) -> Summary {
        let flags = &tables.flags;
        Summary {
            reviews: tables.reviews.rows.len(),
            skipped,
            refused,
            rules: counts_per_review(flags, "code", REGISTRY.iter().map(|r| r.code)),
            outcomes: tally(
                &tables.reviews,
                "outcome_kind",
                OutcomeKind::WORDS.iter().copied(),
            ),
            patterns: tally(&tables.findings, "pattern", patterns.iter().copied()),
            agency_kinds: counts_per_review(
                flags,
                "agency_kind",
                AgencyKind::WORDS.iter().copied(),
            ),
            strengths: tally(
                &tables.recommendations,
                "strength",
                ActionStrength::WORDS.iter().copied(),
            ),
        }
    }
}

/// Rows per word of `column` (nulls not counted), every word of `words` present.
fn tally<'w>(
    table: &Table,
    column: &str,
    words: impl Iterator<Item = &'w str>,
) -> BTreeMap<String, usize> {
    let mut counts: BTreeMap<String, usize> = words.map(|w| (w.to_owned(), 0)).collect();
    for word in table.column(column).filter_map(Value::text) {
        *counts.entry(word.to_owned()).or_default() += 1;
    }
    counts
}

/// Rows (flags) and distinct reviews per word of `column`, every word of `words` present.
fn counts_per_review<'w>(
    table: &Table,
    column: &str,
    words: impl Iterator<Item = &'w str>,
) -> BTreeMap<String, Counts> {
    let mut counts: BTreeMap<String, Counts> =
        words.map(|w| (w.to_owned(), Counts::default())).collect();
    let mut seen: BTreeSet<(&str, &str)> = BTreeSet::new();
    for (word, case) in table.column(column).zip(table.column("case_id")) {
        let (Some(word), Some(case)) = (word.text(), case.text()) else {
            continue;
        };
        let entry = counts.entry(word.to_owned()).or_default();
        entry.flags += 1;
        if seen.insert((word, case)) {
            entry.reviews += 1;
        }
    }
    counts
}
