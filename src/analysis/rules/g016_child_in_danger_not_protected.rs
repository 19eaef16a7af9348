//! G016 child-in-danger-not-protected: an event recording the child in immediate danger
//! (`child_in_danger: true`, LasteKS § 30) followed within the threshold by no event of a
//! police, emergency or child-protection agency that saw the child or decided a placement.

use super::{
    AnchorKind, RuleContext, RuleDef, RuleOutput, Threshold, flag_on, in_time, limit, window_end,
};
use crate::analysis::Certainty;
use crate::methodology::{Message, key};
use crate::model::{AgencyKind, DecisionKind, Event, EventKind};

pub const RULE: RuleDef = RuleDef {
    code: "G016",
    name: "child-in-danger-not-protected",
    needs_lead: false,
    anchor: AnchorKind::Event,
    check,
};

/// An event of an agency with the power and the means to protect the child at once, that
/// saw the child or placed the child away from home.
fn protects(cx: &RuleContext, event: &Event) -> bool {
    let protecting_agency = matches!(
        cx.graph.agency_kind(event.agency.as_str()),
        Some(AgencyKind::Police | AgencyKind::Emergency | AgencyKind::ChildProtection)
    );
    let placed = event
        .decision
        .as_ref()
        .is_some_and(|d| d.value == DecisionKind::Placement);
    protecting_agency && event.kind.value != EventKind::Outcome && (event.child_seen || placed)
}

fn check(cx: &RuleContext, threshold: &Threshold, out: &mut RuleOutput) {
    let limit = limit(threshold);
    let events = &cx.graph.timeline.events;
    // Timeline positions of the protecting events: each danger looks only at those after it.
    let protecting: Vec<usize> = (0..events.len())
        .filter(|&p| protects(cx, events[p]))
        .collect();
    for (position, danger) in events.iter().enumerate() {
        if !danger.child_in_danger || danger.kind.value == EventKind::Outcome {
            continue;
        }
        let until = window_end(&danger.date, limit);
        let first = protecting.partition_point(|&p| p <= position);
        let protected = protecting[first..]
            .iter()
            .map(|&p| events[p])
            .take_while(|e| e.date.first_day() <= until)
            .fold(Certainty::Never, |protected, e| {
                protected.or(in_time(cx, &danger.date, &e.date, limit))
            });
        out.decide(
            (!protected).and(cx.passed_before_outcome(&danger.date, limit)),
            || {
                let message = Message::new(key::G016)
                    .agency("agency", Some(&danger.agency.value))
                    .duration("threshold", limit);
                flag_on(RULE.code, danger, &[], message)
            },
        );
    }
}
