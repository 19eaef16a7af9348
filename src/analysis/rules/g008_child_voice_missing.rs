//! G008 child-voice-missing: an assessment was completed with no `child_views` recorded by
//! the assessing agency between the assessment's start and its completion (dates inclusive).

use std::ops::Not;

use super::{AnchorKind, RuleContext, RuleDef, RuleOutput, Threshold, flag_on};
use crate::analysis::Certainty;
use crate::methodology::{Message, key};
use crate::model::{Event, EventKind};

pub const RULE: RuleDef = RuleDef {
    code: "G008",
    name: "child-voice-missing",
    needs_lead: false,
    anchor: AnchorKind::Event,
    check,
};

fn check(cx: &RuleContext, _threshold: &Threshold, out: &mut RuleOutput) {
    let events = &cx.graph.timeline.events;
    for &completion in events
        .iter()
        .filter(|e| e.kind.value == EventKind::AssessmentCompleted)
    {
        let agency = completion.agency.as_str();
        // The agency's events up to the completion's last day, in timeline order.
        let positions = cx.graph.timeline.positions_of(agency);
        let upto = &positions[..positions
            .partition_point(|&p| events[p].date.first_day() <= completion.date.last_day())];
        // The agency's latest start on or before the completion; else the completion itself.
        let start: &Event = upto
            .iter()
            .map(|&p| events[p])
            .rfind(|e| {
                e.kind.value == EventKind::AssessmentStarted
                    && e.date.first_day() <= completion.date.first_day()
            })
            .unwrap_or(completion);
        // Views recorded from (a year before) the start's first day on may fall inside.
        let earliest = crate::model::days_before(start.date.first_day(), 366);
        let from = upto.partition_point(|&p| events[p].date.first_day() < earliest);
        let views = upto[from..]
            .iter()
            .map(|&p| events[p])
            .filter(|e| e.child_views.as_ref().is_some_and(|v| v.is_recorded()));
        let mut heard = Certainty::Never;
        for event in views {
            let surely = event.date.first_day() >= start.date.last_day()
                && event.date.last_day() <= completion.date.first_day();
            let possibly = event.date.last_day() >= start.date.first_day()
                && event.date.first_day() <= completion.date.last_day();
            heard = heard.or(Certainty::from_bounds(possibly, surely));
        }
        out.decide(heard.not(), || {
            let message = Message::new(key::G008).agency("agency", Some(&completion.agency.value));
            let others: Vec<&Event> = (!std::ptr::eq(start, completion))
                .then_some(start)
                .into_iter()
                .collect();
            flag_on(RULE.code, completion, &others, message)
        });
    }
}
