//! G017 no-decision-on-notification: a domestic referral that opened (or reopened) a
//! child-protection agency's case, with no decision of that agency from the referral's date
//! to the threshold (LasteKS § 29 lg 3).

use super::{
    AnchorKind, RuleContext, RuleDef, RuleOutput, Threshold, agency_events_near, flag_on, in_time,
    limit,
};
use crate::analysis::Certainty;
use crate::methodology::{Message, key};
use crate::model::{AgencyKind, Event, EventKind, Id};

pub const RULE: RuleDef = RuleDef {
    code: "G017",
    name: "no-decision-on-notification",
    needs_lead: false,
    anchor: AnchorKind::Event,
    check,
};

fn check(cx: &RuleContext, threshold: &Threshold, out: &mut RuleOutput) {
    let limit = limit(threshold);
    let case = cx.graph.case;
    for receiver in case
        .agencies
        .iter()
        .filter(|a| a.kind.value == AgencyKind::ChildProtection)
    {
        let id = receiver.id.as_str();
        for period in cx.open_periods(id) {
            let referral = period.opened_by;
            let domestic = case
                .agency(referral.agency.as_str())
                .is_some_and(|sender| sender.country.value == receiver.country.value);
            if referral.kind.value != EventKind::Referral || !domestic {
                continue;
            }
            // A decision dated on the referral's day counts whatever its order.
            let decided = agency_events_near(cx, id, &referral.date, limit)
                .filter(|e| e.kind.value == EventKind::Decision)
                .fold(Certainty::Never, |decided, d| {
                    decided.or(in_time(cx, &referral.date, &d.date, limit))
                });
            out.decide(
                (!decided).and(cx.passed_before_outcome(&referral.date, limit)),
                || {
                    // The flag fires only with no decision that may be in time, so the first
                    // one after the referral, if any, says how late.
                    let next = cx
                        .graph
                        .timeline
                        .position(referral.id.as_str())
                        .and_then(|at| {
                            cx.graph
                                .timeline
                                .next_of_agency(id, at, |e| e.kind.value == EventKind::Decision)
                        });
                    let message = match next {
                        Some(decision) => Message::new(key::G017_LATE).number(
                            "days",
                            cx.calendar.span(
                                referral.date.last_day(),
                                decision.date.first_day(),
                                limit,
                            ),
                        ),
                        None => Message::new(key::G017_NONE),
                    }
                    .agency("sender", Some(&referral.agency.value))
                    .agency("receiver", Some(&Id(id.to_owned())))
                    .duration("threshold", limit);
                    let others: Vec<&Event> = next.into_iter().collect();
                    flag_on(RULE.code, referral, &others, message)
                },
            );
        }
    }
}
