//! G005 repeated-referrals: a referral is at least the threshold-th received by the same
//! agency within the window, and that agency completed no assessment between the first of
//! them and it ("start again"). Every referral past the count fires too.

use std::ops::Not;

use super::{RuleContext, RuleDef, RuleOutput, Threshold, flag_on, limit};
use crate::analysis::Certainty;
use crate::methodology::Label;
use crate::model::{Event, EventKind};

pub const RULE: RuleDef = RuleDef {
    code: "G005",
    name: "repeated-referrals",
    needs_lead: false,
    check,
};

fn check(cx: &RuleContext, threshold: &Threshold, out: &mut RuleOutput) {
    let window = limit(threshold);
    let needed = threshold.count.unwrap_or(3) as usize;
    let referrals: Vec<&Event> = cx
        .graph
        .handoffs
        .iter()
        .filter(|h| h.event.kind.value == EventKind::Referral)
        .map(|h| h.event)
        .collect();
    for (k, &referral) in referrals.iter().enumerate() {
        let receiver = referral.to.as_ref().map_or("", |t| t.as_str());
        let earlier: Vec<&Event> = referrals[..=k]
            .iter()
            .copied()
            .filter(|r| r.to.as_ref().is_some_and(|t| t.as_str() == receiver))
            .collect();
        let within = |r: &Event| {
            cx.calendar
                .longer_than(&r.date, &referral.date, window)
                .not()
        };
        let surely: Vec<&Event> = earlier
            .iter()
            .copied()
            .filter(|r| within(r) == Certainty::Always)
            .collect();
        let possibly: Vec<&Event> = earlier
            .iter()
            .copied()
            .filter(|r| within(r) != Certainty::Never)
            .collect();
        let completed: Vec<&Event> = cx
            .graph
            .timeline
            .events
            .iter()
            .copied()
            .filter(|e| {
                e.kind.value == EventKind::AssessmentCompleted && e.agency.as_str() == receiver
            })
            .collect();
        // An assessment completed between the first referral counted and this one.
        let assessed_between = |first: &Event, surely_inside: bool| {
            completed.iter().any(|c| {
                if surely_inside {
                    c.date.first_day() >= first.date.last_day()
                        && c.date.last_day() <= referral.date.first_day()
                } else {
                    c.date.last_day() >= first.date.first_day()
                        && c.date.first_day() <= referral.date.last_day()
                }
            })
        };
        let always = surely.len() >= needed && !assessed_between(surely[0], false);
        let possible = possibly.len() >= needed && !assessed_between(possibly[0], true);
        out.decide(Certainty::from_bounds(possible, always), || {
            let count = surely.len().max(needed);
            let message = Label {
                et: format!("{receiver} sai {count}. teate ühe aasta aknas, hindamist vahepeal ei lõpetatud"),
                en: format!("{receiver} received its referral number {count} within the window, with no assessment completed in between"),
            };
            let others: Vec<&Event> = possibly.iter().copied().filter(|r| !std::ptr::eq(*r, referral)).collect();
            flag_on(RULE.code, referral, &others, message)
        });
    }
}
