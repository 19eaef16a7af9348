//! G013 assessment-overdue: an assessment whose first completion by the same agency came
//! later than the threshold, or never (once the threshold passed before the outcome).

use super::{AnchorKind, RuleContext, RuleDef, RuleOutput, Threshold, flag_on, limit};
use crate::methodology::{Message, key};
use crate::model::EventKind;

pub const RULE: RuleDef = RuleDef {
    code: "G013",
    name: "assessment-overdue",
    needs_lead: false,
    anchor: AnchorKind::Event,
    check,
};

fn check(cx: &RuleContext, threshold: &Threshold, out: &mut RuleOutput) {
    let limit = limit(threshold);
    let events = &cx.graph.timeline.events;
    for (position, &start) in events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind.value == EventKind::AssessmentStarted)
    {
        let agency = start.agency.as_str();
        let completion = cx.graph.timeline.next_of_agency(agency, position, |e| {
            e.kind.value == EventKind::AssessmentCompleted
        });
        let certainty = match completion {
            Some(done) => cx.calendar.longer_than(&start.date, &done.date, limit),
            None => cx.passed_before_outcome(&start.date, limit),
        };
        out.decide(certainty, || {
            let message = match completion {
                Some(done) => {
                    let days =
                        cx.calendar
                            .span(start.date.last_day(), done.date.first_day(), limit);
                    Message::new(key::G013_TOOK)
                        .number("days", days)
                        .duration("threshold", limit)
                }
                None => Message::new(key::G013_OPEN),
            }
            .agency("agency", Some(&start.agency.value));
            flag_on(
                RULE.code,
                start,
                &completion.into_iter().collect::<Vec<_>>(),
                message,
            )
        });
    }
}
