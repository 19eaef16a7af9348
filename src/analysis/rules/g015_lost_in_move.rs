//! G015 lost-in-move: a move to another agency's area while the case of the lead agency of
//! the day before was open, and nothing reached the `to_place` agency from that lead within
//! the threshold.

use std::ops::Not;

use super::{
    AnchorKind, RuleContext, RuleDef, RuleOutput, Threshold, flag_on, limit, reached_within,
};
use crate::methodology::{Message, key};
use crate::model::EventKind;
use crate::model::Id;

pub const RULE: RuleDef = RuleDef {
    code: "G015",
    name: "lost-in-move",
    needs_lead: true,
    anchor: AnchorKind::Event,
    check,
};

fn check(cx: &RuleContext, threshold: &Threshold, out: &mut RuleOutput) {
    let limit = limit(threshold);
    for &event in cx
        .graph
        .timeline
        .events
        .iter()
        .filter(|e| e.kind.value == EventKind::Move)
    {
        let Some(place) = event.to_place.as_ref().map(|p| p.as_str()) else {
            continue;
        };
        let day_before = crate::model::days_before(event.date.first_day(), 1);
        let Some(stretch) = cx.lead_case_open_on(day_before) else {
            continue;
        };
        let lead = stretch.agency;
        if lead == place {
            continue;
        }
        let reached = reached_within(cx, lead, &event.date, place, limit);
        out.decide(
            reached
                .not()
                .and(cx.passed_before_outcome(&event.date, limit)),
            || {
                let message = Message::new(key::G015)
                    .agency("place", Some(&Id(place.to_owned())))
                    .agency("lead", Some(&Id(lead.to_owned())))
                    .duration("threshold", limit);
                flag_on(RULE.code, event, &[], message)
            },
        );
    }
}
