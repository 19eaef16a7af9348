//! G001 unanswered-handoff: a domestic referral or information request has no answer,
//! once G002's threshold has passed before the outcome.

use super::{AnchorKind, RuleContext, RuleDef, RuleOutput, Threshold, flag_on};
use crate::methodology::{Fact, Message, key};
use crate::model::Id;

pub const RULE: RuleDef = RuleDef {
    code: "G001",
    name: "unanswered-handoff",
    needs_lead: false,
    anchor: AnchorKind::Event,
    check,
};

fn check(cx: &RuleContext, _threshold: &Threshold, out: &mut RuleOutput) {
    // The rule waits as long as an answer may take: G002's threshold.
    let Some(limit) = cx.thresholds.duration("G002") else {
        return;
    };
    for handoff in &cx.graph.handoffs {
        let kind = handoff.event.kind.value;
        if handoff.cross_border || handoff.answer.is_some() || !kind.expects_answer() {
            continue;
        }
        out.decide(cx.passed_before_outcome(&handoff.event.date, limit), || {
            let message = Message::new(key::G001)
                .agency("sender", Some(&handoff.event.agency.value))
                .agency("receiver", Some(&Id(handoff.to.to_owned())))
                .with("kind", Fact::Kind(kind));
            flag_on(RULE.code, handoff.event, &[], message)
        });
    }
}
