//! G002 late-answer: a domestic referral or information request was answered, but later
//! than the threshold.

use super::{RuleContext, RuleDef, RuleOutput, Threshold, duration_label, flag_on, limit, sender};
use crate::methodology::Label;

pub const RULE: RuleDef = RuleDef {
    code: "G002",
    name: "late-answer",
    needs_lead: false,
    check,
};

fn check(cx: &RuleContext, threshold: &Threshold, out: &mut RuleOutput) {
    let limit = limit(threshold);
    let limit_label = duration_label(limit);
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
                let inferred = Label {
                    et: " (järeldatud)".into(),
                    en: " (inferred)".into(),
                };
                let (inferred_et, inferred_en) = if answer.inferred {
                    (inferred.et.as_str(), inferred.en.as_str())
                } else {
                    ("", "")
                };
                let sender = sender(handoff.event);
                let message = Label {
                    et: format!(
                        "{} vastas {}-i üleandmisele {} päeva pärast{inferred_et}; lävi {}",
                        handoff.to, sender.et, days, limit_label.et
                    ),
                    en: format!(
                        "{} answered {}'s handoff after {} days{inferred_en}; threshold {}",
                        handoff.to, sender.en, days, limit_label.en
                    ),
                };
                flag_on(RULE.code, handoff.event, &[answer.event], message)
            },
        );
    }
}
