//! G001 unanswered-handoff: a domestic referral or information request has no answer,
//! once G002's threshold has passed before the outcome.

use super::{RuleContext, RuleDef, RuleOutput, Threshold, flag_on, sender};
use crate::methodology::Label;

pub const RULE: RuleDef = RuleDef {
    code: "G001",
    name: "unanswered-handoff",
    needs_lead: false,
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
            let sender = sender(handoff.event);
            let message = Label {
                et: format!(
                    "{} saatis {}-le üleandmise ({}), millele vastust ei tulnud",
                    sender.et, handoff.to, kind
                ),
                en: format!(
                    "{} sent {} a handoff ({}) that was never answered",
                    sender.en, handoff.to, kind
                ),
            };
            flag_on(RULE.code, handoff.event, &[], message)
        });
    }
}
