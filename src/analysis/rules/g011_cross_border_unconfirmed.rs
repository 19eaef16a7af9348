//! G011 cross-border-unconfirmed: a cross-border referral or information request without an
//! answer within the threshold (Brussels IIb cooperation, Articles 79–82).

use std::ops::Not;

use super::{RuleContext, RuleDef, RuleOutput, Threshold, duration_label, flag_on, limit, sender};
use crate::analysis::Certainty;
use crate::methodology::Label;

pub const RULE: RuleDef = RuleDef {
    code: "G011",
    name: "cross-border-unconfirmed",
    needs_lead: false,
    check,
};

fn check(cx: &RuleContext, threshold: &Threshold, out: &mut RuleOutput) {
    let limit = limit(threshold);
    let limit_label = duration_label(limit);
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
                let sender = sender(handoff.event);
                let message = Label {
                    et: format!(
                        "piiriülene üleandmine {} → {} jäi {} jooksul vastuseta",
                        sender.et, handoff.to, limit_label.et
                    ),
                    en: format!(
                        "cross-border handoff {} → {} had no answer within {}",
                        sender.en, handoff.to, limit_label.en
                    ),
                };
                let answer: Vec<_> = handoff.answer.map(|a| a.event).into_iter().collect();
                flag_on(RULE.code, handoff.event, &answer, message)
            },
        );
    }
}
