//! The summary's progress: what is missing, what is undecided (`crate::progress`, worded).

use serde::Serialize;

use super::Context;
use crate::progress::progress;

#[derive(Serialize)]
pub struct ProgressRow {
    pub requested: usize,
    pub received: usize,
    /// Agencies whose chronology is overdue, by name.
    pub overdue: Vec<String>,
    pub flags: usize,
    pub reviewed: usize,
    /// `G002 1/4`: reviewed of all, by rule.
    pub by_rule: Vec<String>,
    /// Each recommendation status with its label and count.
    pub statuses: Vec<(String, usize)>,
    /// Recommendations overdue, by id.
    pub overdue_actions: Vec<String>,
}

pub(super) fn row(cx: &Context) -> ProgressRow {
    let p = progress(cx.case, &cx.view.flags);
    ProgressRow {
        requested: p.chronologies.requested,
        received: p.chronologies.received,
        overdue: p
            .chronologies
            .overdue
            .iter()
            .map(|a| cx.agency_name(a))
            .collect(),
        flags: p.flags.total,
        reviewed: p.flags.reviewed,
        by_rule: p
            .flags
            .by_rule
            .iter()
            .map(|r| format!("{} {}/{}", r.code, r.reviewed, r.total))
            .collect(),
        statuses: p
            .recommendations
            .by_status
            .iter()
            .map(|(status, n)| (cx.labels.word(*status), *n))
            .collect(),
        overdue_actions: p.recommendations.overdue,
    }
}
