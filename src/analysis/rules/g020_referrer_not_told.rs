//! G020 referrer-not-told: the lead agency closed the case (or did not open it) and sent,
//! within the threshold, no handoff to the agency whose referral opened that period.

use super::{
    AnchorKind, RuleContext, RuleDef, RuleOutput, Threshold, flag_on, in_time, limit, window_end,
};
use crate::analysis::Certainty;
use crate::methodology::{Message, key};
use crate::model::{EventKind, Id};

pub const RULE: RuleDef = RuleDef {
    code: "G020",
    name: "referrer-not-told",
    needs_lead: true,
    anchor: AnchorKind::Event,
    check,
};

fn check(cx: &RuleContext, threshold: &Threshold, out: &mut RuleOutput) {
    let limit = limit(threshold);
    for stretch in &cx.lead_stretches {
        let Some(closure) = stretch.closed_by else {
            continue;
        };
        let opening = stretch.opened_by;
        let referrer = opening.agency.as_str();
        if opening.kind.value != EventKind::Referral || referrer == stretch.agency {
            continue;
        }
        // The lead's handoffs to the referrer dated from a year before the closure (for
        // imprecise dates) to the end of the window: only those can be in time.
        let from = crate::model::days_before(closure.date.first_day(), 366);
        let until = window_end(&closure.date, limit);
        let told = cx
            .graph
            .timeline
            .of_agency(stretch.agency)
            .skip_while(|e| e.date.first_day() < from)
            .take_while(|e| e.date.first_day() <= until)
            .filter(|e| {
                e.kind.value.is_handoff() && e.to.as_ref().is_some_and(|t| t.as_str() == referrer)
            })
            .fold(Certainty::Never, |told, e| {
                told.or(in_time(cx, &closure.date, &e.date, limit))
            });
        out.decide(
            (!told).and(cx.passed_before_outcome(&closure.date, limit)),
            || {
                let message = Message::new(key::G020)
                    .agency("agency", Some(&Id(stretch.agency.to_owned())))
                    .agency("referrer", Some(&opening.agency.value))
                    .duration("threshold", limit);
                // The opening referral is evidence: a confidential referrer stays unnamed.
                flag_on(RULE.code, closure, &[opening], message)
            },
        );
    }
}
