//! G020 referrer-not-told: the lead agency closed the case (or did not open it) and sent,
//! within the threshold, no handoff to the agency whose referral opened that period.

use super::{
    AnchorKind, RuleContext, RuleDef, RuleOutput, Threshold, agency_events_near, flag_on, in_time,
    limit,
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
        let told = agency_events_near(cx, stretch.agency, &closure.date, limit)
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
