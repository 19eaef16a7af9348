//! Where the review stands (meetings.md, "Progress"): chronologies asked for and received,
//! flags reviewed, recommendations by status and actions overdue. Counted on the case's
//! view, against the case's own date — never the clock: the same files give the same counts.

use std::collections::{BTreeMap, BTreeSet};

use crate::analysis::Flag;
use crate::model::{Case, Date, RecommendationStatus, Vocabulary};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    pub chronologies: Chronologies,
    pub flags: Flags,
    pub recommendations: Recommendations,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chronologies {
    /// Agencies with `chronology.requested`.
    pub requested: usize,
    /// Agencies whose chronology is received, requested or not.
    pub received: usize,
    /// Requested agencies whose `due` is before the case's date, not received (ids, sorted).
    pub overdue: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flags {
    pub total: usize,
    pub reviewed: usize,
    /// By rule code, in code order.
    pub by_rule: Vec<RuleFlags>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleFlags {
    pub code: String,
    pub total: usize,
    pub reviewed: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recommendations {
    /// Every status with its count, in the vocabulary's order (zeros included).
    pub by_status: Vec<(RecommendationStatus, usize)>,
    /// Recommendations `due` before the case's date and neither done nor dropped (ids).
    pub overdue: Vec<String>,
}

impl Recommendations {
    pub fn count(&self, status: RecommendationStatus) -> usize {
        self.by_status
            .iter()
            .find(|(s, _)| *s == status)
            .map_or(0, |(_, n)| *n)
    }
}

impl Progress {
    /// Whether there is anything to track: a flag, a chronology asked for, a recommendation.
    pub fn is_tracked(&self) -> bool {
        self.flags.total > 0
            || self.chronologies.requested > 0
            || self.recommendations.by_status.iter().any(|(_, n)| *n > 0)
    }
}

/// The agencies whose chronology is received: a file under `chronologies:` names the
/// agency as its `agency:` and carries a `submitted` date.
pub fn received_chronologies(case: &Case) -> BTreeSet<String> {
    case.chronologies
        .iter()
        .filter(|c| c.submitted.as_ref().is_some_and(|s| s.on.is_some()))
        .filter_map(|c| c.agency.as_ref())
        .map(|a| a.value.to_string())
        .collect()
}

/// Whether `due` has passed on the case's date: its last day is before that date.
fn past(due: &Date, today: &Date) -> bool {
    due.last_day() < today.first_day()
}

pub fn progress(case: &Case, flags: &[Flag]) -> Progress {
    let today = case.document_date();
    let received = received_chronologies(case);
    let requested: Vec<_> = case
        .agencies
        .iter()
        .filter_map(|a| a.chronology.as_ref().map(|c| (a, c)))
        .collect();
    let mut overdue: Vec<String> = requested
        .iter()
        .filter(|(a, c)| {
            !received.contains(a.id.as_str())
                && c.due.as_ref().is_some_and(|d| past(&d.value, &today))
        })
        .map(|(a, _)| a.id.value.to_string())
        .collect();
    overdue.sort();

    let mut by_rule: BTreeMap<&str, RuleFlags> = BTreeMap::new();
    for flag in flags {
        let rule = by_rule.entry(&flag.id.code).or_insert_with(|| RuleFlags {
            code: flag.id.code.clone(),
            total: 0,
            reviewed: 0,
        });
        rule.total += 1;
        rule.reviewed += usize::from(flag.is_reviewed());
    }

    let by_status = RecommendationStatus::WORDS
        .iter()
        .filter_map(|w| RecommendationStatus::parse(w))
        .map(|status| {
            let n = case
                .recommendations
                .iter()
                .filter(|r| r.status() == status)
                .count();
            (status, n)
        })
        .collect();
    let mut overdue_actions: Vec<String> = case
        .recommendations
        .iter()
        .filter(|r| {
            !matches!(
                r.status(),
                RecommendationStatus::Done | RecommendationStatus::Dropped
            ) && r.due.as_ref().is_some_and(|d| past(&d.value, &today))
        })
        .map(|r| r.id.value.to_string())
        .collect();
    overdue_actions.sort();

    Progress {
        chronologies: Chronologies {
            requested: requested.len(),
            received: received.len(),
            overdue,
        },
        flags: Flags {
            total: flags.len(),
            reviewed: flags.len() - crate::analysis::unreviewed(flags),
            by_rule: by_rule.into_values().collect(),
        },
        recommendations: Recommendations {
            by_status,
            overdue: overdue_actions,
        },
    }
}
