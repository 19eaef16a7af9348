//! G007 closed-before-outcome: the lead agency closed the case within the threshold before
//! the outcome, or closed it without completing an assessment during that open period.

use std::ops::Not;

use super::{RuleContext, RuleDef, RuleOutput, Threshold, duration_label, flag_on, limit};
use crate::analysis::Certainty;
use crate::methodology::Label;
use crate::model::EventKind;

pub const RULE: RuleDef = RuleDef {
    code: "G007",
    name: "closed-before-outcome",
    needs_lead: true,
    check,
};

fn check(cx: &RuleContext, threshold: &Threshold, out: &mut RuleOutput) {
    let limit = limit(threshold);
    let limit_label = duration_label(limit);
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
            let (et, en) = match (near_outcome, assessed) {
                (Certainty::Never, _) => (
                    "hindamist lõpetamata".to_owned(),
                    "without a completed assessment".to_owned(),
                ),
                (_, true) => (
                    format!("{days} päeva enne tagajärge (lävi {})", limit_label.et),
                    format!(
                        "{days} days before the outcome (threshold {})",
                        limit_label.en
                    ),
                ),
                (_, false) => (
                    format!("{days} päeva enne tagajärge ja hindamist lõpetamata"),
                    format!("{days} days before the outcome, without a completed assessment"),
                ),
            };
            let message = Label {
                et: format!("{} sulges juhtumi {et}", stretch.agency),
                en: format!("{} closed the case {en}", stretch.agency),
            };
            flag_on(RULE.code, closure, &[stretch.opened_by], message)
        });
    }
}
