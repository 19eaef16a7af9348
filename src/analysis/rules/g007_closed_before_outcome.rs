//! G007 closed-before-outcome: the lead agency closed the case within the threshold before
//! the outcome, or closed it without completing an assessment during that open period.

use std::ops::Not;

use super::{AnchorKind, RuleContext, RuleDef, RuleOutput, Threshold, flag_on, limit};
use crate::analysis::Certainty;
use crate::methodology::{Message, key};
use crate::model::EventKind;
use crate::model::Id;

pub const RULE: RuleDef = RuleDef {
    code: "G007",
    name: "closed-before-outcome",
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
        let near_outcome = cx
            .calendar
            .longer_than(&closure.date, cx.outcome(), limit)
            .not();
        let assessed = cx.events_in(stretch).iter().any(|e| {
            e.kind.value == EventKind::AssessmentCompleted && e.agency.as_str() == stretch.agency
        });
        let unassessed = if assessed {
            Certainty::Never
        } else {
            Certainty::Always
        };
        out.decide(near_outcome.or(unassessed), || {
            let days = cx
                .calendar
                .span(closure.date.last_day(), cx.outcome().first_day(), limit);
            let message = match (near_outcome, assessed) {
                (Certainty::Never, _) => Message::new(key::G007_UNASSESSED),
                (_, true) => Message::new(key::G007_NEAR_OUTCOME)
                    .number("days", days)
                    .duration("threshold", limit),
                (_, false) => Message::new(key::G007_NEAR_OUTCOME_UNASSESSED).number("days", days),
            }
            .agency("agency", Some(&Id(stretch.agency.to_owned())));
            flag_on(RULE.code, closure, &[stretch.opened_by], message)
        });
    }
}
