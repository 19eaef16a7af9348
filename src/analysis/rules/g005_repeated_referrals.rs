//! G005 repeated-referrals: a referral is at least the threshold-th received by the same
//! agency within the window, and that agency completed no assessment between the first of
//! them and it ("start again"). Every referral past the count fires too.

use super::{AnchorKind, RuleContext, RuleDef, RuleOutput, Threshold, flag_on, limit};
use std::collections::HashMap;

use crate::analysis::{Certainty, Duration};
use crate::methodology::{Message, key};
use crate::model::Id;
use crate::model::{Event, EventKind, days_before};

pub const RULE: RuleDef = RuleDef {
    code: "G005",
    name: "repeated-referrals",
    needs_lead: false,
    anchor: AnchorKind::Event,
    check,
};

fn check(cx: &RuleContext, threshold: &Threshold, out: &mut RuleOutput) {
    let window = limit(threshold);
    let needed = threshold.count.unwrap_or(3) as usize;
    // Each receiver's referrals, in timeline order.
    let mut received: HashMap<&str, Vec<&Event>> = HashMap::new();
    for handoff in cx
        .graph
        .handoffs
        .iter()
        .filter(|h| h.event.kind.value == EventKind::Referral)
    {
        received.entry(handoff.to).or_default().push(handoff.event);
    }
    for (receiver, referrals) in &received {
        let completed: Vec<&Event> = cx
            .graph
            .timeline
            .of_agency(receiver)
            .filter(|e| e.kind.value == EventKind::AssessmentCompleted)
            .collect();
        let agency = Received {
            receiver,
            referrals,
            completed,
        };
        for k in 0..referrals.len() {
            agency.check_referral(cx, window, needed, k, out);
        }
    }
}

/// One agency's referrals received and assessments completed.
struct Received<'a, 'c> {
    receiver: &'a str,
    referrals: &'a [&'c Event],
    completed: Vec<&'c Event>,
}

impl Received<'_, '_> {
    /// Whether the `k`-th referral received starts the count again.
    fn check_referral(
        &self,
        cx: &RuleContext,
        window: Duration,
        needed: usize,
        k: usize,
        out: &mut RuleOutput,
    ) {
        let referral = self.referrals[k];
        let receiver = self.receiver;
        // Only referrals that may lie inside the window count; older ones are skipped unread.
        let oldest = days_before(
            referral.date.first_day(),
            u64::from(window.amount()) * 2 + 366,
        );
        let earlier = &self.referrals[..=k];
        let earlier = &earlier[earlier.partition_point(|r| r.date.first_day() < oldest)..];
        let within = |r: &Event| !cx.calendar.longer_than(&r.date, &referral.date, window);
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
        // An assessment completed between the first referral counted and this one.
        let assessed_between = |first: &Event, surely_inside: bool| {
            self.completed.iter().any(|c| {
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
            let message = Message::new(key::G005)
                .agency("receiver", Some(&Id(receiver.to_owned())))
                .number("count", count as i64)
                .duration("threshold", window);
            let others: Vec<&Event> = possibly
                .iter()
                .copied()
                .filter(|r| !std::ptr::eq(*r, referral))
                .collect();
            flag_on(RULE.code, referral, &others, message)
        });
    }
}
