//! G018 child-never-seen-alone: an open period of the lead agency longer than the threshold
//! in which child protection or social work saw the child, but never alone.

use super::{AnchorKind, RuleContext, RuleDef, RuleOutput, Threshold, flag_on, limit};
use crate::methodology::{Message, key};
use crate::model::{Event, EventKind, Id};

pub const RULE: RuleDef = RuleDef {
    code: "G018",
    name: "child-never-seen-alone",
    needs_lead: true,
    anchor: AnchorKind::Event,
    check,
};

fn check(cx: &RuleContext, threshold: &Threshold, out: &mut RuleOutput) {
    let limit = limit(threshold);
    for stretch in &cx.lead_stretches {
        let sightings: Vec<&Event> = cx
            .events_in(stretch)
            .iter()
            .copied()
            .filter(|e| {
                (e.child_seen || e.child_seen_alone)
                    && e.kind.value != EventKind::Outcome
                    && cx.graph.by_social_care(e)
            })
            .collect();
        // Never seen at all is G003's question; seen alone once answers this one.
        if sightings.is_empty() || sightings.iter().any(|e| e.child_seen_alone) {
            continue;
        }
        let long = cx.calendar.longer_than(&stretch.start, &stretch.end, limit);
        out.decide(long, || {
            let days = cx
                .calendar
                .span(stretch.start.last_day(), stretch.end.first_day(), limit);
            let message = Message::new(key::G018)
                .agency("agency", Some(&Id(stretch.agency.to_owned())))
                .number("days", days)
                .duration("threshold", limit);
            // The first and the last sighting bound the question; a long case may have hundreds.
            let mut evidence = vec![sightings[0]];
            evidence.extend(
                sightings
                    .last()
                    .filter(|&&e| !std::ptr::eq(e, sightings[0])),
            );
            flag_on(RULE.code, stretch.opened_by, &evidence, message)
        });
    }
}
