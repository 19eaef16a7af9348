//! G002 late-answer: a domestic referral or information request was answered, but later
//! than the threshold.

use super::{AnchorKind, RuleContext, RuleDef, RuleOutput, Threshold, flag_on, limit};
use crate::methodology::{Fact, Message, key};
use crate::model::Id;

pub const RULE: RuleDef = RuleDef {
    code: "G002",
    name: "late-answer",
    needs_lead: false,
    anchor: AnchorKind::Event,
    check,
};

fn check(cx: &RuleContext, threshold: &Threshold, out: &mut RuleOutput) {
    let limit = limit(threshold);
    for handoff in &cx.graph.handoffs {
        let kind = handoff.event.kind.value;
        let Some(answer) = handoff.answer else {
            continue;
        };
        if handoff.cross_border || !kind.expects_answer() {
            continue;
        }
        out.decide(
            cx.calendar
                .longer_than(&handoff.event.date, &answer.event.date, limit),
            || {
                let days = cx.calendar.span(
                    handoff.event.date.last_day(),
                    answer.event.date.first_day(),
                    limit,
                );
                let message = Message::new(key::G002)
                    .agency("sender", Some(&handoff.event.agency.value))
                    .agency("receiver", Some(&Id(handoff.to.to_owned())))
                    .number("days", days)
                    .with("inferred", Fact::Yes(answer.inferred))
                    .duration("threshold", limit);
                flag_on(RULE.code, handoff.event, &[answer.event], message)
            },
        );
    }
}
