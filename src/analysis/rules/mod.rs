//! The gap-rule catalogue: one file per rule, each with its stable code and kebab-case
//! name. Severity, thresholds, summary and documentation are data in `methodology/`.

mod g001_unanswered_handoff;
mod g002_late_answer;
mod g003_child_not_seen;
mod g004_knowledge_not_shared;
mod g005_repeated_referrals;
mod g006_drift;
mod g007_closed_before_outcome;
mod g008_child_voice_missing;
mod g009_agency_missing_from_meeting;
mod g010_residence_gap;
mod g011_cross_border_unconfirmed;
mod g012_incident_not_escalated;
mod g013_assessment_overdue;
mod g014_isolated_agency;
mod g015_lost_in_move;
mod g016_child_in_danger_not_protected;
mod g017_no_decision_on_notification;
mod g018_child_never_seen_alone;
mod g019_adult_never_met;
mod g020_referrer_not_told;
mod stretches;

use super::{Duration, FlagFacts, RuleContext, RuleOutput, Threshold};
use crate::methodology::{Message, MethodologyError, RuleCatalogue};
use crate::model::{AnchorKind, Date, Event};

/// A rule of the catalogue.
pub struct RuleDef {
    pub code: &'static str,
    pub name: &'static str,
    /// Rules that need a lead agency do not run on a case without one.
    pub needs_lead: bool,
    /// What its flags hang on: fixes the shape of its flag ids.
    pub anchor: AnchorKind,
    pub check: fn(&RuleContext, &Threshold, &mut RuleOutput),
}

/// Every rule, in code order.
pub const REGISTRY: &[RuleDef] = &[
    g001_unanswered_handoff::RULE,
    g002_late_answer::RULE,
    g003_child_not_seen::RULE,
    g004_knowledge_not_shared::RULE,
    g005_repeated_referrals::RULE,
    g006_drift::RULE,
    g007_closed_before_outcome::RULE,
    g008_child_voice_missing::RULE,
    g009_agency_missing_from_meeting::RULE,
    g010_residence_gap::RULE,
    g011_cross_border_unconfirmed::RULE,
    g012_incident_not_escalated::RULE,
    g013_assessment_overdue::RULE,
    g014_isolated_agency::RULE,
    g015_lost_in_move::RULE,
    g016_child_in_danger_not_protected::RULE,
    g017_no_decision_on_notification::RULE,
    g018_child_never_seen_alone::RULE,
    g019_adult_never_met::RULE,
    g020_referrer_not_told::RULE,
];

pub fn rule(code: &str) -> Option<&'static RuleDef> {
    REGISTRY.iter().find(|r| r.code == code)
}

/// The anchor kind of a rule code, for parsing flag ids written by reviewers.
pub fn anchor_kind(code: &str) -> Option<AnchorKind> {
    rule(code).map(|r| r.anchor)
}

/// `rules.yaml` must describe exactly the rules of the registry, under the same names.
pub fn check_catalogue(catalogue: &RuleCatalogue) -> Result<(), MethodologyError> {
    for rule in REGISTRY {
        match catalogue.rules.iter().find(|r| r.code == rule.code) {
            Some(entry) if entry.name == rule.name => {}
            Some(entry) => {
                return Err(MethodologyError(format!(
                    "rules.yaml names {} `{}`; this version calls it `{}`",
                    rule.code, entry.name, rule.name
                )));
            }
            None => {
                return Err(MethodologyError(format!(
                    "rules.yaml has no entry for {}",
                    rule.code
                )));
            }
        }
    }
    if let Some(extra) = catalogue.rules.iter().find(|r| rule(&r.code).is_none()) {
        return Err(MethodologyError(format!(
            "rules.yaml describes {}, which this version does not have",
            extra.code
        )));
    }
    Ok(())
}

/// A flag anchored on one event, with the other events of its evidence.
fn flag_on(code: &'static str, anchor: &Event, others: &[&Event], message: Message) -> FlagFacts {
    FlagFacts {
        code,
        anchor: vec![anchor.id.value.0.clone()],
        date: anchor.date.value,
        agency: Some(anchor.agency.value.clone()),
        events: std::iter::once(anchor)
            .chain(others.iter().copied())
            .map(|e| e.id.value.clone())
            .collect(),
        message,
    }
}

/// The rule's threshold duration; every rule that calls this has one in `rules.yaml`.
fn limit(threshold: &Threshold) -> Duration {
    threshold.duration.unwrap_or(Duration::Days(0))
}

/// The last day an event can lie on and still be within `limit` after `from`: only events up
/// to it can matter. Working days stretch the window by weekends and holidays.
fn window_end(from: &Date, limit: Duration) -> chrono::NaiveDate {
    let slack = match limit {
        Duration::Days(n) => u64::from(n),
        Duration::WorkingDays(n) => u64::from(n) * 2 + 14,
    };
    crate::model::days_after(from.last_day(), slack)
}

/// The events of `agency` that can lie on or after `date` and within `limit` of it, in
/// timeline order: from a year before its first day (an imprecise date of the agency's may
/// still reach into it) to the window's end.
fn agency_events_near<'c>(
    cx: &RuleContext<'c>,
    agency: &str,
    date: &Date,
    limit: Duration,
) -> impl Iterator<Item = &'c Event> {
    let events = &cx.graph.timeline.events;
    let positions = cx.graph.timeline.positions_of(agency);
    let from = crate::model::days_before(date.first_day(), 366);
    let until = window_end(date, limit);
    let first = positions.partition_point(|&p| events[p].date.first_day() < from);
    positions[first..]
        .iter()
        .map(|&p| events[p])
        .take_while(move |e| e.date.first_day() <= until)
}

/// Whether `later` lies on or after `earlier`'s date and within `limit` of it: the
/// certainty of "it came in time".
fn in_time(cx: &RuleContext, earlier: &Date, later: &Date, limit: Duration) -> super::Certainty {
    let on_or_after = super::Certainty::from_bounds(
        later.last_day() >= earlier.first_day(),
        later.first_day() >= earlier.last_day(),
    );
    on_or_after.and(!cx.calendar.longer_than(earlier, later, limit))
}

/// Whether knowledge held by `source` from `from` reached `target` within `limit`
/// through a time-respecting chain of handoffs.
fn reached_within(
    cx: &RuleContext,
    source: &str,
    from: &Date,
    target: &str,
    limit: Duration,
) -> super::Certainty {
    if source == target {
        return super::Certainty::Always;
    }
    let until = window_end(from, limit);
    let known = cx.channels.reach(&[(source, from)], until);
    let Some(reached) = known.get(target) else {
        return super::Certainty::Never;
    };
    let n = i64::from(limit.amount());
    let surely = reached
        .certainly_by
        .is_some_and(|by| cx.calendar.span(from.first_day(), by, limit) <= n);
    let possibly = cx.calendar.span(from.last_day(), reached.earliest, limit) <= n;
    super::Certainty::from_bounds(possibly, surely)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methodology::Methodology;

    #[test]
    fn the_registry_matches_the_embedded_catalogue() {
        check_catalogue(&Methodology::embedded().rule_catalogue().unwrap()).unwrap();
        let codes: Vec<&str> = REGISTRY.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(
            codes, sorted,
            "the registry lists each code once, in code order"
        );
    }
}
