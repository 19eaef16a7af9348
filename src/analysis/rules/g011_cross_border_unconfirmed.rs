//! G011 cross-border-unconfirmed: a cross-border referral or information request without an
//! answer within the threshold (Brussels IIb cooperation, Articles 79–82).

use std::ops::Not;

use super::{AnchorKind, RuleContext, RuleDef, RuleOutput, Threshold, flag_on, limit};
use crate::analysis::Certainty;
use crate::methodology::{Message, key};
use crate::model::Id;

pub const RULE: RuleDef = RuleDef {
    code: "G011",
    name: "cross-border-unconfirmed",
    needs_lead: false,
    anchor: AnchorKind::Event,
    check,
};

fn check(cx: &RuleContext, threshold: &Threshold, out: &mut RuleOutput) {
    let limit = limit(threshold);
    for handoff in &cx.graph.handoffs {
        let kind = handoff.event.kind.value;
        if !handoff.cross_border || !kind.expects_answer() {
            continue;
        }
        let answered = match handoff.answer {
            Some(answer) => cx
                .calendar
                .longer_than(&handoff.event.date, &answer.event.date, limit)
                .not(),
            None => Certainty::Never,
        };
        out.decide(
            answered
                .not()
                .and(cx.passed_before_outcome(&handoff.event.date, limit)),
            || {
                let message = Message::new(key::G011)
                    .agency("sender", Some(&handoff.event.agency.value))
                    .agency("receiver", Some(&Id(handoff.to.to_owned())))
                    .duration("threshold", limit);
                let answer: Vec<_> = handoff.answer.map(|a| a.event).into_iter().collect();
                flag_on(RULE.code, handoff.event, &answer, message)
            },
        );
    }
}
